"""One running copy per data folder: a second start brings the first copy's window forward.

Two windows on one data folder would both write to its database and its backups. The first copy
holds a QLockFile in the data folder (Qt's lock: the same on Windows and Linux; a lock left by a
copy that crashed is taken over, since the process it names is no longer running) and watches a
small "show" file there (QFileSystemWatcher, also Qt's, so no network module is bundled); a second
copy that cannot take the lock writes a token to that file, waits a moment for the first to
write it back to the "shown" file, and exits (saying so when no answer came: the first copy may
be stuck). The CLI is not blocked: it opens the database for one command at a time.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Qt, Signal

LOCK_NAME, SHOW_NAME, SHOWN_NAME = "egov-desktop.lock", "egov-desktop.show", "egov-desktop.shown"


class SingleInstance(QObject):
    show_requested = Signal()   # another copy was started on this data folder

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        folder.mkdir(parents=True, exist_ok=True)
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # never by age: a copy left open for days still holds it
        self.show_file, self.shown_file = folder / SHOW_NAME, folder / SHOWN_NAME
        self.watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True for the first copy (the lock is ours, a stale one taken over), False if one runs."""
        if not self.lock.tryLock(200):
            return False
        self.show_file.touch()
        self.watcher = QFileSystemWatcher([str(self.show_file)], self)
        self.watcher.fileChanged.connect(self._changed)
        return True

    def ask_first_to_show(self, wait: float = 3.0) -> bool:
        """From the second copy: tell the running one to come forward; True once it answered."""
        token = f"{os.getpid()} {time.time()}"
        self.show_file.write_text(token, encoding="utf-8")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if _read(self.shown_file) == token:
                return True
            time.sleep(0.05)  # the second copy has no window and nothing else to do
        return False

    def release(self) -> None:
        if self.watcher is not None:
            self.watcher.removePaths(self.watcher.files())
        self.lock.unlock()

    def _changed(self, path: str) -> None:
        if path not in self.watcher.files():  # replaced rather than written: watch the new file
            Path(path).touch()
            self.watcher.addPath(path)
        token = _read(self.show_file)
        if token:
            self.show_requested.emit()
            try:
                self.shown_file.write_text(token, encoding="utf-8")
            except OSError:
                pass  # the second copy then says it got no answer; nothing is lost


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def bring_forward(window) -> None:
    """Show the window in front, restored if it was minimised."""
    window.setWindowState((window.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
