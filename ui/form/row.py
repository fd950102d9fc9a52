"""One indicator on the form: label, editor, "not applicable", messages, comment, evidence, flag."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import pick, tr
from scoring import Indicator

from .. import style
from .editors import Editor, editor_for
from .fit_layout import FitLayout
from .state import FormState


class IndicatorRow(QFrame):
    evidence_requested = Signal(str)

    def __init__(self, state: FormState, indicator: Indicator, number: str, parent=None, aside=None):
        super().__init__(parent)
        self.setObjectName("indicatorRow")
        self.state = state
        self.indicator = indicator
        iid = indicator.id
        star = " <span style='color:#b00020'>*</span>" if indicator.required and indicator.is_input else ""
        self.title = QLabel(f"<b>{number}</b> {_escape(pick(indicator.label))}{star}")
        self.title.setWordWrap(True)
        policy = self.title.sizePolicy()  # keeps the height-for-width of a wrapped label
        policy.setHorizontalPolicy(QSizePolicy.Expanding)
        self.title.setSizePolicy(policy)
        self.editor: Editor = editor_for(indicator)
        self._own_change = False
        self.editor.edited.connect(self._edited)
        self.editor.refused.connect(self._refused)
        self.na: QCheckBox | None = None
        # the answer, then "not applicable" and the buttons: beside it when they fit, else under it
        line = FitLayout(stretch_first=True)
        line.addWidget(self.editor)
        extras = QWidget()
        tools = QHBoxLayout(extras)
        tools.setContentsMargins(0, 0, 0, 0)
        if indicator.allow_na and indicator.is_input:
            self.na = style.CheckBox(tr("Không áp dụng"))
            self.na.toggled.connect(lambda on: state.set_na(iid, on))
            tools.addWidget(self.na)
        self.flag = self.comment_button = self.evidence_button = None
        if indicator.is_input:
            self.flag = _tool("⚑", tr("Đánh dấu để xem lại"), checkable=True)
            self.flag.toggled.connect(lambda on: state.update(iid, flagged=on))
            self.comment_button = _tool(tr("Ghi chú"), tr("Ghi chú cho câu này"), checkable=True)
            self.comment_button.toggled.connect(self._toggle_comment)
            tools.addWidget(self.flag)
            tools.addWidget(self.comment_button)
            if indicator.evidence != "none":
                self.evidence_button = _tool(tr("Tài liệu"), tr("Tài liệu kiểm chứng"))
                self.evidence_button.setToolButtonStyle(Qt.ToolButtonTextOnly)
                self.evidence_button.clicked.connect(self._request_evidence)
                tools.addWidget(self.evidence_button)
        if tools.count():
            line.addWidget(extras)
        # made when first needed: most questions never have a comment or a message
        self._comment: QLineEdit | None = None
        self._message: QLabel | None = None
        self._remark: QLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addWidget(self.title)
        layout.addLayout(line)
        # what another screen shows under the question (questionnaire.Aside), e.g. its appraisal
        self.aside = aside(indicator) if aside is not None else None
        if self.aside is not None:
            layout.addWidget(self.aside)
        self._layout = layout
        self._shown_key = None
        self._shown_state = None
        self.refresh()

    def _request_evidence(self) -> None:
        self.evidence_requested.emit(self.indicator.id)

    def _edited(self, value) -> None:
        self._own_change = True  # the editor already shows what the user typed: leave it alone
        try:
            self.state.set_value(self.indicator.id, value)
        finally:
            self._own_change = False

    def refresh(self) -> None:
        """Show the state of this indicator (the editor is left alone while the user types in it).
        Nothing is touched when what it shows has not changed (most rows, after one answer)."""
        from_editor = self._own_change
        st = self.state
        iid = self.indicator.id
        a = st.answer(iid)
        calculated = None if self.indicator.is_input else (st.value(iid), st.calculation_missing(iid))
        shown = (a, st.read_only, st.shown_problems(iid), calculated, st.remark(iid))
        if shown == self._shown_state:
            return
        self._shown_state = shown
        self._show_remark(st.remark(iid))
        if self.indicator.is_input:
            if a.na:
                self.editor.reset()
            if not from_editor:
                self.editor.show_value(None if a.na else a.value)
            self.editor.setEnabled(not a.na and not st.read_only)
            if self.na is not None:
                self.na.blockSignals(True)
                self.na.setChecked(a.na)
                self.na.setEnabled(not st.read_only)
                self.na.blockSignals(False)
            for b, on in ((self.flag, a.flagged),):
                b.blockSignals(True)
                b.setChecked(on)
                b.blockSignals(False)
            if a.comment or self._comment is not None:
                if a.comment and not self.comment.isVisible():
                    self.comment_button.blockSignals(True)
                    self.comment_button.setChecked(True)
                    self.comment_button.blockSignals(False)
                    self.comment.setVisible(True)
                if self.comment.text() != a.comment and not self.comment.hasFocus():
                    self.comment.setText(a.comment)
                self.comment.setReadOnly(st.read_only)
            if self.evidence_button is not None:
                n = len(a.evidence)
                self.evidence_button.setText(tr("Tài liệu ({n})", n=n) if n else tr("Tài liệu"))
        else:
            self.editor.missing = calculated[1]
            self.editor.show_value(calculated[0])
        self._show_messages()

    def _refused(self, _reason: str) -> None:
        self._show_messages()

    def _show_messages(self) -> None:
        """The editor's refusal of what was typed, then the problems of the stored answer; a
        required answer missing is said only once the officer has left the question or run
        the check (FormState.shown_problems), not from the first second."""
        refusal = self.editor.refusal
        problems = [p for p in self.state.shown_problems(self.indicator.id)
                    if not (refusal and p.code == "required")]  # the refusal says why it is empty
        key = (refusal, tuple((p.level, p.message) for p in problems))
        if key != self._shown_key:
            self._shown_key = key
            if refusal or problems or self._message is not None:
                # the colour is in the text: a style sheet per label would re-style it on every change
                lines = [f"<span style='color:{_ERROR}'>✖ {_escape(refusal)}</span>"] if refusal else []
                lines += [f"<span style='color:{_ERROR if p.level == 'error' else _WARNING}'>"
                          f"{'✖' if p.level == 'error' else '⚠'} {_escape(pick(p.message))}</span>" for p in problems]
                self.message.setText("<br>".join(lines))
                self.message.setVisible(bool(lines))

    def _show_remark(self, text: str) -> None:
        if text or self._remark is not None:
            band = self.remark_band
            band.setText(f"<b>{_escape(tr('Nhận xét của Sở:'))}</b> {_escape(text)}".replace("\n", "<br>"))
            band.setVisible(bool(text))

    @property
    def remark_band(self) -> QLabel:
        """The Sở's remark on this question (its return note), right under the question."""
        if self._remark is None:
            self._remark = QLabel()
            style.remark_band(self._remark)
            self._remark.setWordWrap(True)
            self._remark.setTextFormat(Qt.RichText)
            self._remark.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self._remark.hide()
            self._layout.insertWidget(1, self._remark)
        return self._remark

    @property
    def message(self) -> QLabel:
        """The error and warning messages under the answer."""
        if self._message is None:
            self._message = QLabel()
            self._message.setWordWrap(True)
            self._message.setTextFormat(Qt.RichText)
            self._message.hide()
            # above the aside: the question's own messages stay with its answer
            self._layout.insertWidget(self._layout.indexOf(self.aside) if self.aside is not None else -1,
                                      self._message)
        return self._message

    @property
    def comment(self) -> QLineEdit:
        if self._comment is None:
            self._comment = QLineEdit()
            self._comment.setPlaceholderText(tr("Ghi chú cho câu này (không bắt buộc)"))
            iid = self.indicator.id
            self._comment.textEdited.connect(lambda t: self.state.update(iid, comment=t))
            self._comment.hide()
            self._layout.insertWidget(2 + (self._remark is not None), self._comment)  # after the answer
        return self._comment

    def _toggle_comment(self, on: bool) -> None:
        self.comment.setVisible(on)
        if on:
            self.comment.setFocus()

    def has_error(self) -> bool:
        return any(p.level == "error" for p in self.state.problems.get(self.indicator.id, ()))

    def focus_editor(self) -> None:
        target = self.editor.focus_target()
        if target.focusPolicy() == Qt.NoFocus:
            target = self.na or self.flag or target
        target.setFocus(Qt.TabFocusReason)


_ERROR, _WARNING = "#b00020", "#8a5a00"


def _tool(text: str, tip: str, checkable: bool = False) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setCheckable(checkable)
    b.setAutoRaise(True)
    return b


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
