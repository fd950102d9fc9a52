"""The help of one question in a dialog (F1 in the questionnaire): its text, legal basis and target."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout

from egov_desktop.i18n import tr


class QuestionHelpDialog(QDialog):
    """The help of one question (F1): its text, legal basis and target, wrapped to the window,
    with the way to the whole user guide."""

    def __init__(self, title: str, html: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Hướng dẫn: {question}", question=title))
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setLineWrapMode(QTextBrowser.WidgetWidth)
        self.text.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.text.setHtml(html)
        buttons = QDialogButtonBox()
        guide = QPushButton(tr("Hướng dẫn sử dụng…"))
        guide.clicked.connect(self._open_guide)
        buttons.addButton(guide, QDialogButtonBox.HelpRole)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _open_guide(self) -> None:
        from ..help import show_help
        show_help(self.parentWidget() or self)
