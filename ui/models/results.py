"""Indicator results: points, maximum, target, gap — one row per indicator that applies."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from egov_desktop.i18n import pick, tr
from scoring import Framework, ScoreResult
from scoring.absolute import IRRELEVANT
from scoring.numbering import question_numbers

from ..formatting import fmt_number

COL_NO, COL_INDICATOR, COL_VALUE, COL_POINTS, COL_MAX, COL_TARGET, COL_GAP = range(7)
SORT_ROLE = Qt.UserRole + 2


class IndicatorResultModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, Any]] = []  # (number, indicator id, IndicatorScore)
        self.framework: Framework | None = None

    def set_result(self, fw: Framework, result: ScoreResult) -> None:
        self.beginResetModel()
        self.framework = fw
        self.rows = []
        numbers = question_numbers(fw)
        for p in fw.pillars:
            for ind in p.indicators:
                s = result.indicators.get(ind.id)
                if s is None or s.status == IRRELEVANT or (ind.scoring is None and ind.target is None):
                    continue
                self.rows.append((numbers[ind.id], ind.id, s))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return [tr("STT"), tr("Chỉ tiêu"), tr("Giá trị"), tr("Điểm"), tr("Tối đa"), tr("Mục tiêu"),
                    tr("Còn thiếu")][section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number, iid, s = self.rows[index.row()]
        ind = self.framework.indicator(iid)
        c = index.column()
        if role == Qt.UserRole:
            return iid
        if role == Qt.DisplayRole:
            if c == COL_NO:
                return number
            if c == COL_INDICATOR:
                return pick(ind.label)
            if c == COL_VALUE:
                return self._value(ind, s.value)
            if c == COL_POINTS:
                return tr("không áp dụng") if s.status == "na" else fmt_number(s.points, 2)
            if c == COL_MAX:
                return fmt_number(s.max_points, 2) if s.max_points else ""
            if c == COL_TARGET:
                t = s.target
                return "" if t is None else fmt_number(t) if isinstance(t, (int, float)) else str(t)
            if c == COL_GAP:
                if s.target_met:
                    return tr("đạt")
                return "" if s.gap is None else fmt_number(s.gap, 2)
        if role == Qt.ToolTipRole and c in (COL_INDICATOR, COL_VALUE):  # elided in a narrow window
            return self.data(index)
        if role == SORT_ROLE:
            if c in (COL_POINTS, COL_MAX, COL_GAP):
                v = {COL_POINTS: s.points, COL_MAX: s.max_points, COL_GAP: s.gap}[c]
                return -1.0 if v is None else float(v)
            if c == COL_NO:
                return ".".join(f"{int(x):04d}" for x in number.split("."))
            return str(self.data(index))
        if role == Qt.TextAlignmentRole and c not in (COL_INDICATOR,):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and c == COL_GAP and s.target_met is False:
            return QColor("#b00020")
        return None

    @staticmethod
    def _value(ind, value) -> str:
        from scoring import NA
        if value is NA:
            return tr("không áp dụng")
        if value is None:
            return tr("(chưa trả lời)")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{fmt_number(value, ind.decimals if ind.decimals is not None else 2)} {pick(ind.unit)}".strip()
        if value in ("yes", "no") and ind.type == "yes_no":
            return tr("Có") if value == "yes" else tr("Không")
        if isinstance(value, (list, tuple)):
            return ", ".join(pick(c.label) for c in ind.choices if c.id in value)
        c = ind.choice(value) if isinstance(value, str) else None
        return pick(c.label) if c else str(value)
