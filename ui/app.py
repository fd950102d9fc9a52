"""GUI entry point: `egov-desktop` with no arguments."""
from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("egov-desktop")
    window = QMainWindow()
    window.setWindowTitle("egov-desktop — Tự đánh giá ứng dụng CNTT, chính quyền điện tử")
    window.resize(1100, 720)
    window.show()
    return app.exec()
