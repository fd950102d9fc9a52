"""The Help button: the user guide in the program's language, in a window of the program.

The guides ship inside the package (egov_desktop/resources/docs, copied from docs/, a test keeps
them identical), so an installed or frozen program has them too. The guide is shown formatted
in the program's own window (never handed to the system's program for .md files, which on
Windows is Notepad showing raw text); its text and pictures fit the window's width, so it never
scrolls sideways. F1 in a question shows that question's help (ui/form/questionnaire.py).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from egov_desktop.i18n import language, tr
from egov_desktop.paths import resource_path

from .screen_fit import fit_dialog

GUIDES = {"vi": "huong-dan.md", "en": "user-guide.md"}


def guide_path(lang: str | None = None) -> Path | None:
    """The shipped user guide in `lang` (the program's language by default), None if missing."""
    path = resource_path("docs", GUIDES.get(lang or language(), GUIDES["vi"]))
    return path if path.is_file() else None


def show_help(parent: QWidget) -> "GuideDialog | None":
    """Show the guide beside the work (not modal: the officer reads while answering)."""
    path = guide_path()
    if path is None:
        QMessageBox.information(parent, tr("Hướng dẫn"), tr(
            "Các bước: 1) Tạo đánh giá mới; 2) Trả lời từng nhóm tiêu chí (mọi thay đổi được lưu ngay); "
            "3) Kiểm tra và hoàn tất; 4) Xuất báo cáo PDF gửi Sở."))
        return None
    dialog = GuideDialog(path, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog


class GuideDialog(QDialog):
    """The guide's text, formatted, with its pictures, wrapped to the window's width."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Hướng dẫn sử dụng"))
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setLineWrapMode(QTextBrowser.WidgetWidth)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.text.setSearchPaths([str(path.parent)])  # the pictures beside the guide
        self.text.setMarkdown(path.read_text(encoding="utf-8"))
        self._folder = path.parent
        self._natural: dict[str, tuple[int, int]] = {}
        self._unbreak_code()
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Đóng"), QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_dialog(self, 820, 640)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_pictures()

    def _unbreak_code(self) -> None:
        """Code blocks wrap like the text (a long command line would scroll sideways)."""
        doc = self.text.document()
        cursor = QTextCursor(doc)
        block = doc.begin()
        while block.isValid():
            fmt = block.blockFormat()
            if fmt.nonBreakableLines():
                fmt.setNonBreakableLines(False)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            block = block.next()

    def fit_pictures(self) -> None:
        """Every picture at most as wide as the text area (screenshots are wider)."""
        width = max(self.text.viewport().width() - 2 * int(self.text.document().documentMargin()) - 4, 100)
        doc = self.text.document()
        cursor = QTextCursor(doc)
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if fmt.isImageFormat():
                    img = fmt.toImageFormat()
                    w, h = self._size(img.name())
                    if w and h:
                        shown = min(w, width)
                        if abs(img.width() - shown) > 0.5:
                            img.setWidth(shown)
                            img.setHeight(h * shown / w)
                            cursor.setPosition(frag.position())
                            cursor.setPosition(frag.position() + frag.length(), QTextCursor.KeepAnchor)
                            cursor.setCharFormat(img)
                it += 1
            block = block.next()

    def _size(self, name: str) -> tuple[int, int]:
        if name not in self._natural:
            size = QImageReader(str(self._folder / name)).size()
            self._natural[name] = (size.width(), size.height()) if size.isValid() else (0, 0)
        return self._natural[name]
