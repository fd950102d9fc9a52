"""The one way the GUI runs long work: off the GUI thread, with progress and cancel.

    task = run_in_background(lambda ctx: import_folder(path, progress=ctx.progress),
                             on_success=show_result, on_error=show_error)

`fn` runs on a QThreadPool worker and must not touch widgets; it receives a TaskContext
to report progress and to learn that the user pressed Cancel. Results, errors and progress
come back to the GUI thread as Qt signals. `run_with_progress` adds a progress dialog with
a Cancel button.

Every Python callable connected to a Qt signal in this program returns None: PySide6 6.12 on
Python 3.11 releases a slot's return value once too often, and a returned True or False then
crashes the interpreter ("bool_dealloc"). Hence small methods instead of `lambda: sig.emit()`
(emit returns True) or `connect(widget.close)` (close returns a bool). PySide6 6.12.0 also
released True on every emit() (pyproject.toml excludes it; tests/ui/test_qt_binding.py).
"""
from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from egov_desktop.i18n import tr

from . import lazy_qt as qt


class Cancelled(Exception):
    """Raised inside a task (by TaskContext.check) when the user cancelled it."""


class TaskContext:
    """What the background function sees: report progress, check for cancel."""

    def __init__(self, relay: "_Relay"):
        self._relay = relay
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        if self._cancelled:
            raise Cancelled()

    def progress(self, done: int, total: int = 0, message: str = "") -> bool:
        """Report progress; returns False once cancelled (so loops can stop), never raises."""
        self._relay.progress.emit(int(done), int(total), str(message))
        return not self._cancelled


class _Relay(QObject):
    """Emitted from the worker thread; queued to the Task living in the GUI thread."""

    progress = Signal(int, int, str)
    done = Signal(object, object)  # result, error (exactly one is meaningful)


class Task(QObject):
    progress = Signal(int, int, str)   # done, total (0 = unknown), message
    succeeded = Signal(object)         # the function's result
    failed = Signal(object)            # the exception (Cancelled when cancelled)
    finished = Signal()                # always, after succeeded or failed

    def __init__(self, fn: Callable[[TaskContext], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._relay = _Relay()
        self.context = TaskContext(self._relay)
        self._relay.progress.connect(self._on_progress, Qt.QueuedConnection)
        self._relay.done.connect(self._on_done, Qt.QueuedConnection)
        self._fn = fn
        self.running = False
        self.result: Any = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self.context._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled

    def start(self, pool: QThreadPool | None = None) -> "Task":
        self.running = True
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runner(self._fn, self.context, self._relay))
        return self

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.emit(done, total, message)

    @Slot(object, object)
    def _on_done(self, result: Any, error: Any) -> None:
        self.running = False
        _running.discard(self)
        if error is None and self.cancelled:
            error = Cancelled()
        if error is None:
            self.result = result
            self.succeeded.emit(result)
        else:
            self.error = error
            self.failed.emit(error)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, fn, context: TaskContext, relay: _Relay):
        super().__init__()
        self._fn, self._context, self._relay = fn, context, relay

    def run(self) -> None:
        try:
            result = self._fn(self._context)
        except BaseException as e:  # noqa: BLE001 - every failure goes back to the GUI as a message
            e.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.done.emit(None, e)
        else:
            self._relay.done.emit(result, None)


def _discard(_value: Any) -> None:
    """Drop a callback's result (a slot must return None, see the module docstring)."""


_running: set[Task] = set()  # keeps running tasks alive until they report back


def run_in_background(fn: Callable[[TaskContext], Any], on_success: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      parent: QObject | None = None) -> Task:
    task = Task(fn, parent)
    if on_success:
        task.succeeded.connect(lambda result: _discard(on_success(result)))
    if on_error:
        task.failed.connect(lambda error: _discard(on_error(error)))
    return task.start()


def run_with_progress(parent: QWidget, title: str, fn: Callable[[TaskContext], Any],
                      on_success: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None) -> Task:
    """Run `fn` in the background behind a modal progress dialog with a Cancel button.

    A cancelled task reports neither success nor error to the callbacks.
    """
    dialog = qt.QProgressDialog(title, tr("Hủy"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(300)  # quick work finishes before the dialog flashes up
    # wide enough for the title in the title bar (buttons and frame take about 160 px), never
    # wider than the screen; the label below wraps
    fm = dialog.fontMetrics()
    screen = (parent.screen() if parent is not None else dialog.screen()).availableGeometry().width()
    dialog.setMinimumWidth(min(max(420, fm.horizontalAdvance(title) + 160), screen - 40))
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = Task(fn, parent)

    def progress(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message)

    def failed(error: BaseException) -> None:
        if not isinstance(error, Cancelled) and on_error:
            on_error(error)

    def succeeded(result: Any) -> None:
        if on_success:
            on_success(result)

    def finished() -> None:
        dialog.hide()
        dialog.deleteLater()

    def cancel() -> None:
        task.cancel()
        dialog.setLabelText(tr("Đang dừng…"))

    task.progress.connect(progress)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.finished.connect(finished)
    dialog.canceled.connect(cancel)
    task.dialog = dialog  # type: ignore[attr-defined]  # tests press its Cancel button
    return task.start()


def wait_for_all(msecs: int = 30000) -> bool:
    """Wait for every worker (at shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
