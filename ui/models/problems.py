"""The list of problems (check before finalising): level, indicator, message; then the questions
flagged ⚑ for review, which are no problem but are printed in the report to the province."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from egov_desktop.i18n import pick, tr
from scoring import AnswerProblem, Framework, Text
from scoring.numbering import question_numbers

COL_LEVEL, COL_NO, COL_INDICATOR, COL_MESSAGE = range(4)
FLAG = "flag"  # the level of a row that lists a flagged question
_ORDER = {"error": 0, "warning": 1, FLAG: 2}


def flag_rows(flagged: list[str], comments: dict[str, str]) -> list[AnswerProblem]:
    """One row per flagged question (with its comment, if any)."""
    out = []
    for iid in flagged:
        note = comments.get(iid, "")
        vi = "Đã đánh dấu ⚑ để xem lại" + (f": {note}" if note else "")
        en = "Flagged ⚑ for review" + (f": {note}" if note else "")
        out.append(AnswerProblem(iid, FLAG, FLAG, Text(vi, en)))
    return out


class ProblemModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AnswerProblem] = []
        self.numbers: dict[str, str] = {}
        self.framework: Framework | None = None

    def set_problems(self, fw: Framework, problems: list[AnswerProblem]) -> None:
        self.beginResetModel()
        self.framework = fw
        self.numbers = question_numbers(fw)
        # errors first, then warnings, then flags, each group in questionnaire order
        self.rows = sorted(problems, key=lambda p: _ORDER.get(p.level, 1))
        self.endResetModel()

    def errors(self) -> int:
        return sum(p.level == "error" for p in self.rows)

    def warnings(self) -> int:
        return sum(p.level == "warning" for p in self.rows)

    def flag_count(self) -> int:
        return sum(p.level == FLAG for p in self.rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return [tr("Mức"), tr("STT"), tr("Chỉ tiêu"), tr("Vấn đề")][section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        c = index.column()
        if role == Qt.UserRole:
            return p.indicator_id
        if role == Qt.DisplayRole:
            if c == COL_LEVEL:
                return {"error": tr("Lỗi"), FLAG: tr("Đánh dấu")}.get(p.level, tr("Cảnh báo"))
            if c == COL_NO:
                return self.numbers.get(p.indicator_id, "")
            if c == COL_INDICATOR:
                return pick(self.framework.indicator(p.indicator_id).label)
            if c == COL_MESSAGE:
                return pick(p.message)
        if role == Qt.ForegroundRole and c == COL_LEVEL:
            return QColor({"error": "#b00020", FLAG: "#1f6fb2"}.get(p.level, "#8a5a00"))
        return None
