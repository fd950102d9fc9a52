"""One editor per indicator type. Each editor emits `edited(value)` when the user changes it
(None when cleared) and shows a value given with `show(value)` without emitting.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton,
    QVBoxLayout, QWidget,
)

from egov_desktop.i18n import language, pick, tr
from scoring.model import (
    CALCULATED, CHOICE, DATE, INTEGER, MULTIPLE, NUMBER, PERCENT, TEXT, YES_NO, Indicator,
)
from scoring.numbers import is_number
from scoring.validation import MAX_TEXT

from .. import lazy_qt as qt
from .. import style
from ..formatting import fmt_date, fmt_number, parse_number, read_date, separators
from .fit_layout import FitLayout

RADIO_LIMIT = 6  # more choices than this go into a drop-down list


class Editor(QWidget):
    """An input that cannot hold what was typed (12,5 in a whole-number question, 31/02/2026)
    refuses it: nothing is stored (the answer is cleared), the text stays as typed and
    `refused` carries the reason, which the row shows in red beside the field; "" once the
    text is accepted again. Nothing typed is ever changed silently into something else."""

    edited = Signal(object)
    refused = Signal(str)

    def __init__(self, indicator: Indicator, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator = indicator
        self._showing = False
        self.refusal = ""

    def show_value(self, value: Any) -> None:
        """Show the stored value. A refused text stays while nothing is stored: it was never
        stored, and the officer is correcting it."""
        if value is None and self.refusal:
            return
        self._showing = True
        try:
            self._show(value)
        finally:
            self._showing = False

    def reset(self) -> None:
        """Drop a refused text (e.g. the question was marked "not applicable")."""
        if self.refusal:
            self._refuse("")
            self._show(None)

    def _refuse(self, reason: str) -> None:
        if reason != self.refusal:
            self.refusal = reason
            self.refused.emit(reason)

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _emit(self, value: Any) -> None:
        if not self._showing:
            self.edited.emit(value)

    def focus_target(self) -> QWidget:
        """The widget that takes the keyboard focus when the user arrives at this question."""
        return self


class NumberBox(QAbstractSpinBox):
    """A spin box that may be empty (unanswered) and accepts out-of-range numbers, so the form
    can say what is wrong instead of silently clamping what was typed."""

    valueEdited = Signal(object)
    refused = Signal(str)

    def __init__(self, integer: bool, minimum: float | None, maximum: float | None, parent=None):
        super().__init__(parent)
        self.integer = integer
        self.minimum, self.maximum = minimum, maximum
        self._value: float | None = None
        self.refusal = ""
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setCorrectionMode(QAbstractSpinBox.CorrectToPreviousValue)
        self.setKeyboardTracking(True)
        self.lineEdit().textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)
        self.setMinimumWidth(120)

    def value(self) -> float | None:
        return self._value

    def setValue(self, v: float | None) -> None:
        self._value = v
        self._set_refusal("")
        self.lineEdit().setText(self._text(v))

    def _text(self, v: float | None) -> str:
        if v is None:
            return ""
        return fmt_number(v, 0 if self.integer else 6)

    def validate(self, text: str, pos: int):  # noqa: N802 - Qt override
        """Keys that cannot be part of a number are not taken. Everything else is Acceptable,
        so Qt never puts back the previous value on its own: what the text means is decided
        by `_typed` and `_tidy`, which refuse it out loud when it is not a number."""
        group, point = separators()
        allowed = set("0123456789-+ \u00a0" + group + point)
        return QValidator.Acceptable if all(ch in allowed for ch in text) else QValidator.Invalid

    def fixup(self, text: str) -> str:
        return text

    def _typed(self, text: str) -> None:
        t = text.strip()
        if not t:
            self._accept(None)
            return
        v = parse_number(t)
        if v is None:
            return  # half-typed ("1," or "-"): wait for more, judged when the officer leaves
        if self.integer and not float(v).is_integer():
            if separators()[1] in t:  # a decimal part typed: never part of a whole number
                self._refuse_text(t)
            return  # "1.2" may still become "1.234"
        self._accept(int(v) if self.integer else v)

    def _tidy(self) -> None:
        t = self.lineEdit().text().strip()
        if t:
            v = parse_number(t)
            if v is None or (self.integer and not float(v).is_integer()):
                self._refuse_text(t)
                return
        if not self.refusal:
            self.lineEdit().setText(self._text(self._value))

    def _accept(self, v: float | None) -> None:
        self._set_refusal("")
        self._value = v
        self.valueEdited.emit(v)

    def _refuse_text(self, t: str) -> None:
        v = parse_number(t)
        if v is not None:
            why = tr("«{typed}» không phải số nguyên: câu này chỉ nhận số nguyên", typed=t)
        else:
            why = tr("Không đọc được «{typed}» thành số (viết như {example})", typed=t,
                     example=fmt_number(1234.5 if not self.integer else 1234))
        self._set_refusal(why)
        if self._value is not None:
            self._value = None
            self.valueEdited.emit(None)

    def _set_refusal(self, reason: str) -> None:
        if reason != self.refusal:
            self.refusal = reason
            self.refused.emit(reason)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        base = self._value if self._value is not None else (self.minimum if self.minimum is not None else 0)
        v = base + steps if self._value is not None else base
        if self.minimum is not None:
            v = max(v, self.minimum)
        if self.maximum is not None:
            v = min(v, self.maximum)
        if self.integer:
            v = int(v)
        self.setValue(v)
        self.valueEdited.emit(v)

    def stepEnabled(self):  # noqa: N802
        return QAbstractSpinBox.StepUpEnabled | QAbstractSpinBox.StepDownEnabled


class NumberEditor(Editor):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        lo, hi = indicator.min, indicator.max
        if indicator.type == PERCENT:
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        self.box = NumberBox(indicator.type == INTEGER, lo, hi)
        self.box.valueEdited.connect(self._emit)
        self.box.refused.connect(self._refuse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box)
        unit = "%" if indicator.type == PERCENT else pick(indicator.unit)
        if unit:
            row.addWidget(QLabel(unit))
        hint = _range_hint(lo, hi)
        if hint:
            label = QLabel(hint)
            style.hint(label)
            row.addWidget(label)
        row.addStretch(1)

    def _show(self, value: Any) -> None:
        self.box.setValue(value if is_number(value) else None)

    def focus_target(self) -> QWidget:
        return self.box


def _range_hint(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return tr("({lo} – {hi})", lo=fmt_number(lo), hi=fmt_number(hi))
    if lo is not None and lo != 0:
        return tr("(tối thiểu {lo})", lo=fmt_number(lo))
    if hi is not None:
        return tr("(tối đa {hi})", hi=fmt_number(hi))
    return ""


class ChoiceEditor(Editor):
    """yes/no and single choice: radio buttons (a drop-down list for long lists)."""

    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        if indicator.type == YES_NO:
            options = [("yes", tr("Có")), ("no", tr("Không"))]
        else:
            options = [(c.id, pick(c.label)) for c in indicator.choices]
        self.ids = [o[0] for o in options]
        self.combo: QComboBox | None = None
        self.group: QButtonGroup | None = None
        if len(options) > RADIO_LIMIT:
            self.combo = QComboBox()
            self.combo.addItem(tr("— chọn —"), None)
            for cid, label in options:
                self.combo.addItem(label, cid)
            self.combo.activated.connect(lambda i: self._emit(self.combo.itemData(i)))
            layout = QHBoxLayout(self)
            layout.addWidget(self.combo)
            layout.addStretch(1)
        else:
            layout = FitLayout(self) if indicator.type == YES_NO or len(options) <= 3 else QVBoxLayout(self)
            self.group = QButtonGroup(self)
            for i, (cid, label) in enumerate(options):
                b = _Choice(label, self._step)
                self.group.addButton(b, i)
                layout.addWidget(b)
            self.group.idClicked.connect(lambda i: self._emit(self.ids[i]))
            if isinstance(layout, QHBoxLayout):
                layout.addStretch(1)
        layout.setContentsMargins(0, 0, 0, 0)

    def _step(self, button: QAbstractButton, step: int) -> None:
        """The next or previous choice (`step` +1 or -1) chosen, from `button`; none past the ends."""
        buttons = self.group.buttons()
        i = buttons.index(button) + step if button in buttons else -1
        if 0 <= i < len(buttons):
            buttons[i].setFocus(Qt.TabFocusReason)
            if not buttons[i].isChecked():
                buttons[i].click()

    def _show(self, value: Any) -> None:
        i = self.ids.index(value) if value in self.ids else -1
        if self.combo is not None:
            self.combo.setCurrentIndex(i + 1)
        else:
            self.group.setExclusive(False)
            for b in self.group.buttons():
                b.setChecked(self.group.id(b) == i)
            self.group.setExclusive(True)

    def focus_target(self) -> QWidget:
        if self.combo is not None:
            return self.combo
        checked = self.group.checkedButton()
        return checked or self.group.buttons()[0]


_ARROWS = {Qt.Key_Left: -1, Qt.Key_Up: -1, Qt.Key_Right: 1, Qt.Key_Down: 1}


class _Choice(style.RadioButton):
    """One choice of a ChoiceEditor: an arrow key chooses the next or previous one (Qt would only
    move the focus while nothing is chosen yet). In keyPressEvent, not an event filter: the first
    event a Python event filter receives makes PySide6 build the classes of all 52 kinds of
    QEvent, and every event of every choice went through Python (docs/performance.md, GUI)."""

    def __init__(self, text: str, step):
        super().__init__(text)
        self._step = step

    def keyPressEvent(self, event) -> None:  # noqa: N802
        step = _ARROWS.get(event.key())
        if step is None or event.modifiers() & ~Qt.KeypadModifier:
            super().keyPressEvent(event)
            return
        self._step(self, step)
        event.accept()


class MultipleEditor(Editor):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        layout = QVBoxLayout(self) if len(indicator.choices) > 3 else FitLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for c in indicator.choices:
            box = style.CheckBox(pick(c.label))
            box.toggled.connect(self._toggled)
            self.boxes.append((c.id, box))
            layout.addWidget(box)
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)

    def _toggled(self) -> None:
        chosen = tuple(cid for cid, b in self.boxes if b.isChecked())
        self._emit(chosen or None)

    def _show(self, value: Any) -> None:
        chosen = set(value or ())
        for cid, b in self.boxes:
            b.blockSignals(True)
            b.setChecked(cid in chosen)
            b.blockSignals(False)

    def focus_target(self) -> QWidget:
        return self.boxes[0][1] if self.boxes else self


def program_locale() -> QLocale:
    """The locale of the program's language (not the system's): the calendar's month and day
    names. English as in the United Kingdom, which writes dates day first, as we do."""
    return QLocale(QLocale.Vietnamese, QLocale.Vietnam) if language() == "vi" \
        else QLocale(QLocale.English, QLocale.UnitedKingdom)


class DateEditor(Editor):
    """A date typed as dd/mm/yyyy (31/01/2026, 31012026, 1/2/2026) or picked in a calendar
    that opens at the current answer or today. Empty text is the explicit "no answer" (the ✕
    button empties it); there is no hidden minimum date standing for it, so no key can turn
    "no answer" into a date. A date that does not exist is refused, saying so."""

    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("ngày/tháng/năm"))
        self.edit.setToolTip(tr("Gõ ngày/tháng/năm, ví dụ 15/01/2026 hoặc 15012026"))
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9/.\- ]{0,12}"), self.edit))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.pick = QToolButton()
        self.pick.setText(tr("Lịch"))
        self.pick.setToolTip(tr("Chọn ngày trên lịch"))
        self.pick.setFocusPolicy(Qt.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        clear = QToolButton()
        clear.setText("✕")
        clear.setToolTip(tr("Xóa ngày (để trống: chưa trả lời)"))
        clear.setAccessibleName(clear.toolTip())
        clear.setFocusPolicy(Qt.NoFocus)
        clear.clicked.connect(self.clear)
        self.clear_button = clear
        self.calendar: qt.QCalendarWidget | None = None  # made when first opened
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addWidget(clear)
        row.addStretch(1)

    def _typed(self, text: str) -> None:
        iso, why = read_date(text)
        if iso or not text.strip():
            self._refuse("")
            self._emit(iso)
        elif len(re.sub(r"\D", "", text)) >= 8 or _looks_complete(text):
            self._refuse(why)  # 31/02/2026: said at once, not only when leaving
            self._emit(None)
        # else half-typed: wait for more

    def _finished(self) -> None:
        iso, why = read_date(self.edit.text())
        if iso is None and self.edit.text().strip():
            self._refuse(why)
            self._emit(None)
        elif iso is not None and self.edit.text() != fmt_date(iso):
            self.edit.setText(fmt_date(iso))  # 31012026 shown as 31/01/2026: the same date

    def clear(self) -> None:
        self.edit.clear()
        self._refuse("")
        self._emit(None)

    def date(self) -> str | None:
        """The date shown, as ISO, or None."""
        return read_date(self.edit.text())[0]

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = qt.QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setVerticalHeaderFormat(qt.QCalendarWidget.NoVerticalHeader)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        cal = self.calendar
        cal.setLocale(program_locale())
        cal.setFirstDayOfWeek(Qt.Monday)
        iso = self.date()
        d = dt.date.fromisoformat(iso) if iso else dt.date.today()
        shown = QDate(d.year, d.month, d.day)
        cal.setSelectedDate(shown)
        cal.setCurrentPage(shown.year(), shown.month())
        cal.adjustSize()
        cal.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        cal.show()
        cal.setFocus(Qt.PopupFocusReason)

    def _picked(self, d: QDate) -> None:
        iso = dt.date(d.year(), d.month(), d.day()).isoformat()
        self.edit.setText(fmt_date(iso))
        self._refuse("")
        self._emit(iso)
        self.calendar.hide()
        self.edit.setFocus(Qt.PopupFocusReason)

    def _show(self, value: Any) -> None:
        iso = read_date(value)[0] if isinstance(value, str) else None
        text = fmt_date(iso) if iso else ""
        if self.edit.text() != text:
            self.edit.setText(text)
        self._refuse("")

    def focus_target(self) -> QWidget:
        return self.edit


def _looks_complete(text: str) -> bool:
    """dd/mm/yyyy with all three parts typed (a four-digit year)."""
    parts = re.split(r"[/.\-]", text.strip())
    return len(parts) == 3 and all(parts) and len(parts[2]) >= 4


class TextEditor(Editor):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        self.edit = QLineEdit()
        self.edit.setMaxLength(MAX_TEXT)
        self.edit.textEdited.connect(lambda t: self._emit(t if t.strip() else None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)

    def _show(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if self.edit.text() != text:
            self.edit.setText(text)

    def focus_target(self) -> QWidget:
        return self.edit


class CalculatedView(Editor):
    """A calculated value, shown live with its unit (e.g. "0,92 máy tính / cán bộ")."""

    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        self.label = QLabel()
        style.calculated(self.label)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)  # the whole width before it wraps
        self.setFocusPolicy(Qt.NoFocus)

    missing = True  # some question the calculation uses is unanswered (set by the row)

    def _show(self, value: Any) -> None:
        """A calculation whose inputs are all answered and still has no value divided by zero
        (the only way numbers give no value, scoring/expressions.py): it says so rather than
        ask for answers that are there."""
        if is_number(value):
            decimals = self.indicator.decimals if self.indicator.decimals is not None else 2
            text = fmt_number(value, decimals)
            unit = pick(self.indicator.unit)
            self.label.setText(f"= {text} {unit}".rstrip())
        elif self.missing:
            self.label.setText(tr("= (chưa tính được: cần trả lời các câu liên quan)"))
        else:
            self.label.setText(tr("= (không tính được: mẫu số bằng 0)"))


_EDITORS = {
    INTEGER: NumberEditor, NUMBER: NumberEditor, PERCENT: NumberEditor, YES_NO: ChoiceEditor,
    CHOICE: ChoiceEditor, MULTIPLE: MultipleEditor, DATE: DateEditor, TEXT: TextEditor,
    CALCULATED: CalculatedView,
}


def editor_for(indicator: Indicator, parent: QWidget | None = None) -> Editor:
    return _EDITORS[indicator.type](indicator, parent)
