"""The look: application icon, font and the few style rules (all in one place)."""
from __future__ import annotations

from egov_desktop.paths import resource_path

STYLE = """
QLabel#pageTitle { font-size: 15pt; font-weight: bold; padding: 4px 0 6px 0; }
QLabel#panelTitle, QLabel#sectionTitle { font-weight: bold; font-size: 11pt; padding-top: 6px; }
QLabel#bigTotal { font-size: 20pt; font-weight: bold; color: #1f4e79; }
QLabel#hint { color: #666; }
QLabel#calculated { color: #1f4e79; font-weight: bold; }
QFrame#indicatorRow { border-bottom: 1px solid #e3e6ea; }
QListWidget#pillarNav::item { padding: 6px 0; }
QFrame#scorePanel { background: #f5f8fb; border: 1px solid #dde4ea; border-radius: 4px; }
QPushButton#finaliseButton { font-weight: bold; padding: 6px 16px; }
QRadioButton:focus, QCheckBox:focus { background: #dbe8f7; border-radius: 3px; }
QLabel#pillarSummary { color: #444; }
QLabel#remarkBand { background: #fff4d6; border-left: 4px solid #c98a00; padding: 4px 6px; color: #3d2b00; }
QTextBrowser#returnNoteText { background: transparent; }
QFrame#returnNotePanel { background: #fff8e6; border: 1px solid #e6c77a; border-radius: 4px; }
"""


def app_icon():
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (16, 32, 48, 256):
        p = resource_path("icons", f"app-{size}.png")
        if p.is_file():
            icon.addFile(str(p))
    return icon


def apply_style(app) -> None:
    app.setWindowIcon(app_icon())
    app.setStyleSheet(STYLE)
