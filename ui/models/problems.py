"""The list of problems (check before finalising): level, indicator, message."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from egov_desktop.i18n import pick, tr
from scoring import AnswerProblem, Framework

COL_LEVEL, COL_NO, COL_INDICATOR, COL_MESSAGE = range(4)


class ProblemModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AnswerProblem] = []
        self.numbers: dict[str, str] = {}
        self.framework: Framework | None = None

    def set_problems(self, fw: Framework, problems: list[AnswerProblem]) -> None:
        self.beginResetModel()
        self.framework = fw
        self.numbers = {ind.id: f"{pi}.{ii}" for pi, p in enumerate(fw.pillars, 1)
                        for ii, ind in enumerate(p.indicators, 1)}
        # errors first, each group in questionnaire order
        self.rows = sorted(problems, key=lambda p: p.level != "error")
        self.endResetModel()

    def errors(self) -> int:
        return sum(p.level == "error" for p in self.rows)

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
                return tr("Lỗi") if p.level == "error" else tr("Cảnh báo")
            if c == COL_NO:
                return self.numbers.get(p.indicator_id, "")
            if c == COL_INDICATOR:
                return pick(self.framework.indicator(p.indicator_id).label)
            if c == COL_MESSAGE:
                return pick(p.message)
        if role == Qt.ForegroundRole and c == COL_LEVEL:
            return QColor("#b00020") if p.level == "error" else QColor("#8a5a00")
        return None
