"""The Workspace while it is still opening, for an assessment shown before it is ready.

At start the list and an assessment opened at once are read with plain sqlite3
(egov_desktop.services.opening), because importing SQLAlchemy takes longer than the start-up
budget (docs/performance.md, GUI). The screen gets this stand-in: every call waits until the
Workspace is open, then goes to it. So an answer typed meanwhile is queued on the screen's
writer thread and committed, in order, the moment the database is open; it is reported saved only
once committed, as always, and a failed opening fails it with the same error.

The opening worker resolves it (never the GUI thread: a GUI thread that waits for the writer,
as `flush` does, must not wait for itself).
"""
from __future__ import annotations

import threading
from typing import Any


class PendingWorkspace:
    def __init__(self) -> None:
        self._done = threading.Event()
        self._workspace = None
        self._error: BaseException | None = None

    def resolve(self, workspace) -> None:
        self._workspace = workspace
        self._done.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._done.set()

    def opened(self):
        """The Workspace if it is open by now, else None (does not wait)."""
        return self._workspace

    def wait(self):
        """The Workspace, once open; raises what the opening raised."""
        self._done.wait()
        if self._workspace is None:
            raise self._error if self._error is not None else RuntimeError("the Workspace did not open")
        return self._workspace

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wait(), name)
