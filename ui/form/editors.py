"""One editor per indicator type. Each editor emits `edited(value)` when the user changes it
(None when cleared) and shows a value given with `show(value)` without emitting.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel,
    QLineEdit, QRadioButton, QToolButton, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import pick, tr
from scoring.model import (
    CALCULATED, CHOICE, DATE, INTEGER, MULTIPLE, NUMBER, PERCENT, TEXT, YES_NO, Indicator,
)
from scoring.numbers import is_number
from scoring.validation import MAX_TEXT

from ..formatting import fmt_number, parse_number, separators

RADIO_LIMIT = 6  # more choices than this go into a drop-down list


class Editor(QWidget):
    edited = Signal(object)

    def __init__(self, indicator: Indicator, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator = indicator
        self._showing = False

    def show_value(self, value: Any) -> None:
        self._showing = True
        try:
            self._show(value)
        finally:
            self._showing = False

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

    def __init__(self, integer: bool, minimum: float | None, maximum: float | None, parent=None):
        super().__init__(parent)
        self.integer = integer
        self.minimum, self.maximum = minimum, maximum
        self._value: float | None = None
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
        self.lineEdit().setText(self._text(v))

    def _text(self, v: float | None) -> str:
        if v is None:
            return ""
        return fmt_number(v, 0 if self.integer else 6)

    def validate(self, text: str, pos: int):  # noqa: N802 - Qt override
        t = text.strip()
        if not t:
            return QValidator.Acceptable
        group, point = separators()
        allowed = set("0123456789-+ " + group + ("" if self.integer else point))
        if any(ch not in allowed for ch in t):
            return QValidator.Invalid
        return QValidator.Acceptable if parse_number(t) is not None else QValidator.Intermediate

    def fixup(self, text: str) -> str:
        return self._text(self._value)

    def _typed(self, text: str) -> None:
        v = parse_number(text)
        if v is None and text.strip():
            return  # half-typed ("1," or "-"): wait for more
        if v is not None and self.integer:
            v = int(v) if float(v).is_integer() else v
        self._value = v
        self.valueEdited.emit(v)

    def _tidy(self) -> None:
        self.lineEdit().setText(self._text(self._value))

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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box)
        unit = "%" if indicator.type == PERCENT else pick(indicator.unit)
        if unit:
            row.addWidget(QLabel(unit))
        hint = _range_hint(lo, hi)
        if hint:
            label = QLabel(hint)
            label.setObjectName("hint")
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
            layout = QHBoxLayout(self) if indicator.type == YES_NO or len(options) <= 3 else QVBoxLayout(self)
            self.group = QButtonGroup(self)
            for i, (cid, label) in enumerate(options):
                b = QRadioButton(label)
                self.group.addButton(b, i)
                layout.addWidget(b)
            self.group.idClicked.connect(lambda i: self._emit(self.ids[i]))
            if isinstance(layout, QHBoxLayout):
                layout.addStretch(1)
        layout.setContentsMargins(0, 0, 0, 0)

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


class MultipleEditor(Editor):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        layout = QVBoxLayout(self) if len(indicator.choices) > 3 else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for c in indicator.choices:
            box = QCheckBox(pick(c.label))
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


_NO_DATE = QDate(1900, 1, 1)  # shown blank: the date is not answered


class DateEditor(Editor):
    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(indicator, parent)
        self.edit = QDateEdit()
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(_NO_DATE)
        self.edit.setSpecialValueText(" ")
        self.edit.setDate(_NO_DATE)
        self.edit.dateChanged.connect(self._changed)
        clear = QToolButton()
        clear.setText("✕")
        clear.setToolTip(tr("Xóa ngày"))
        clear.setFocusPolicy(Qt.NoFocus)
        clear.clicked.connect(lambda: self.edit.setDate(_NO_DATE))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(clear)
        row.addStretch(1)
        self.edit.calendarWidget().setFirstDayOfWeek(Qt.Monday)

    def _changed(self, d: QDate) -> None:
        if d == _NO_DATE:
            self._emit(None)
        else:
            self._emit(dt.date(d.year(), d.month(), d.day()).isoformat())
        if d != _NO_DATE:
            self.edit.calendarWidget().setSelectedDate(d)

    def _show(self, value: Any) -> None:
        try:
            d = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            d = None
        self.edit.setDate(QDate(d.year, d.month, d.day) if d else _NO_DATE)

    def focus_target(self) -> QWidget:
        return self.edit


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
        self.label.setObjectName("calculated")
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addStretch(1)
        self.setFocusPolicy(Qt.NoFocus)

    def _show(self, value: Any) -> None:
        if is_number(value):
            decimals = self.indicator.decimals if self.indicator.decimals is not None else 2
            text = fmt_number(value, decimals)
            unit = pick(self.indicator.unit)
            self.label.setText(f"= {text} {unit}".rstrip())
        else:
            self.label.setText(tr("= (chưa tính được: cần trả lời các câu liên quan)"))


_EDITORS = {
    INTEGER: NumberEditor, NUMBER: NumberEditor, PERCENT: NumberEditor, YES_NO: ChoiceEditor,
    CHOICE: ChoiceEditor, MULTIPLE: MultipleEditor, DATE: DateEditor, TEXT: TextEditor,
    CALCULATED: CalculatedView,
}


def editor_for(indicator: Indicator, parent: QWidget | None = None) -> Editor:
    return _EDITORS[indicator.type](indicator, parent)
