"""The Sở's return note at the top of the questionnaire: who returned it and when, the general
note, and the questions it remarks on to jump to (each remark itself is under its question:
row.IndicatorRow.remark_band). Room is left for the screen's own step (e.g. "Sửa và gửi lại")."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from egov_desktop.i18n import pick, tr
from scoring.numbering import question_numbers

from .. import style
from .row import _escape
from .state import FormState

NOTE_LINES = 4   # the general note shows this many lines; the rest in its tooltip and by scrolling


class RemarksPanel(QFrame):
    jump = Signal(str)   # an indicator id chosen from the list

    def __init__(self, state: FormState, parent: QWidget | None = None):
        super().__init__(parent)
        style.note_panel(self)
        self.state = state
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.RichText)
        self.questions = QComboBox()
        self.questions.setObjectName("remarkedQuestions")
        self.questions.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.questions.setMinimumContentsLength(24)
        self.questions.activated.connect(self._chosen)
        # as tall as the note up to NOTE_LINES lines, then it scrolls: a long note never pushes
        # the questions off a 768-pixel screen
        self.note = QTextBrowser()
        self.note.setObjectName("returnNoteText")
        style.transparent(self.note)
        self.note.setFrameShape(QFrame.NoFrame)
        self.note.setOpenLinks(False)
        self.actions = QHBoxLayout()   # the screen's own buttons
        self.actions.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.questions)
        top.addLayout(self.actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        self.hide()

    def show_note(self, heading: str, note: str) -> None:
        """Show the note: `heading` (plain text: who, when) and the general note; the questions
        remarked on come from the form's state."""
        remarked = self.state.remarked()
        count = tr("{n} câu có nhận xét", n=len(remarked)) if remarked else tr("không có nhận xét theo câu hỏi")
        self.heading.setText(f"<b>{_escape(heading)}</b> — {_escape(count)}")
        numbers = question_numbers(self.state.framework)
        self.questions.clear()
        self.questions.addItem(tr("Đi đến câu có nhận xét…"), "")
        for iid in remarked:
            label = f"{numbers[iid]} {pick(self.state.framework.indicators[iid].label)}"
            self.questions.addItem(label, iid)
            self.questions.setItemData(self.questions.count() - 1, self.state.remark(iid), Qt.ToolTipRole)
        self.questions.setVisible(bool(remarked))
        self.note.setPlainText(note)
        self.note.setVisible(bool(note))
        self.show()
        self._fit_note()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_note()

    def _fit_note(self) -> None:
        doc = self.note.document()
        doc.setTextWidth(max(self.note.viewport().width(), 200))
        line = self.note.fontMetrics().lineSpacing()
        height = min(int(doc.size().height()), line * NOTE_LINES + 8) + 2 * self.note.frameWidth() + 2
        if self.note.height() != height:
            self.note.setFixedHeight(height)

    def _chosen(self, index: int) -> None:
        iid = self.questions.itemData(index)
        if iid:   # the choice stays shown: Down goes on to the next remark
            self.jump.emit(iid)
