"""GUI entry point: `egov-desktop` with no arguments."""
from __future__ import annotations

import os
import sys

# Set by installer/smoke_test.sh: quit as soon as the first window is on screen, after saying so.
QUIT_AFTER_SHOW = "EGOV_DESKTOP_QUIT_AFTER_SHOW"


def run(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("egov-desktop")
    window = QMainWindow()
    window.setWindowTitle("egov-desktop — Tự đánh giá ứng dụng CNTT, chính quyền điện tử")
    window.resize(1100, 720)
    window.show()
    if os.environ.get(QUIT_AFTER_SHOW):
        quit_once_shown(app, window)
    return app.exec()


def quit_once_shown(app, window) -> None:
    """Once the event loop runs (the window is mapped), report the window and quit cleanly."""
    from PySide6.QtCore import QTimer

    def report_and_quit() -> None:
        print(f"window shown: {window.windowTitle()} visible={window.isVisible()}", flush=True)
        app.quit()

    QTimer.singleShot(0, report_and_quit)
