"""The Help button: the user guide in the program's language.

The guides ship inside the package (egov_desktop/resources/docs, copied from docs/, a test keeps
them identical), so an installed or frozen program has them too. The guide opens in the
system's program for Markdown; where there is none, it is shown in a window of its own.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from egov_desktop.i18n import language, tr
from egov_desktop.paths import resource_path

GUIDES = {"vi": "huong-dan.md", "en": "user-guide.md"}


def guide_path(lang: str | None = None) -> Path | None:
    """The shipped user guide in `lang` (the program's language by default), None if missing."""
    path = resource_path("docs", GUIDES.get(lang or language(), GUIDES["vi"]))
    return path if path.is_file() else None


def show_help(parent: QWidget) -> None:
    path = guide_path()
    if path is None:
        QMessageBox.information(parent, tr("Hướng dẫn"), tr(
            "Các bước: 1) Tạo đánh giá mới; 2) Trả lời từng nhóm tiêu chí (mọi thay đổi được lưu ngay); "
            "3) Kiểm tra và hoàn tất; 4) Xuất báo cáo PDF gửi Sở."))
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        GuideDialog(path, parent).exec()


class GuideDialog(QDialog):
    """The guide's text, formatted, with its pictures."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Hướng dẫn sử dụng"))
        self.resize(820, 640)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setSearchPaths([str(path.parent)])  # the pictures beside the guide
        self.text.setMarkdown(path.read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
