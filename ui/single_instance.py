"""One running copy per data folder: a second start brings the first copy's window forward.

Two windows on one data folder would both write to its database and its backups. The first copy
holds a QLockFile in the data folder (Qt's lock: the same on Windows and Linux; a lock left by a
copy that crashed is taken over, since the process it names is no longer running) and watches a
small "show" file there (QFileSystemWatcher, also Qt's, so no network module is bundled); a second
copy that cannot take the lock writes to that file and exits. The CLI is not blocked: it opens
the database for one command at a time.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Qt, Signal

LOCK_NAME, SHOW_NAME = "egov-desktop.lock", "egov-desktop.show"


class SingleInstance(QObject):
    show_requested = Signal()   # another copy was started on this data folder

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        folder.mkdir(parents=True, exist_ok=True)
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # never by age: a copy left open for days still holds it
        self.show_file = folder / SHOW_NAME
        self.watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True for the first copy (the lock is ours, a stale one taken over), False if one runs."""
        if not self.lock.tryLock(200):
            return False
        self.show_file.touch()
        self.watcher = QFileSystemWatcher([str(self.show_file)], self)
        self.watcher.fileChanged.connect(self._changed)
        return True

    def ask_first_to_show(self) -> None:
        """From the second copy: tell the running one to come forward."""
        self.show_file.write_text(f"{os.getpid()} {time.time()}\n", encoding="utf-8")

    def release(self) -> None:
        if self.watcher is not None:
            self.watcher.removePaths(self.watcher.files())
        self.lock.unlock()

    def _changed(self, path: str) -> None:
        if path not in self.watcher.files():  # replaced rather than written: watch the new file
            Path(path).touch()
            self.watcher.addPath(path)
        self.show_requested.emit()


def bring_forward(window) -> None:
    """Show the window in front, restored if it was minimised."""
    window.setWindowState((window.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
