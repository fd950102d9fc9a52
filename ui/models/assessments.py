"""The assessment list: one row per AssessmentSummary, sortable and searchable."""
from __future__ import annotations

from typing import TYPE_CHECKING

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from egov_desktop.i18n import pick, tr
from egov_desktop.units import fold

from ..formatting import fmt_date, fmt_number
from ..labels import status_label

COL_AGENCY, COL_PERIOD, COL_FRAMEWORK, COL_STATUS, COL_COMPLETE, COL_SCORE, COL_BAND, COL_CHANGED = range(8)
SUMMARY_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2

if TYPE_CHECKING:  # the services pull in SQLAlchemy: not needed to draw the first window
    from egov_desktop.services.types import AssessmentSummary


def headers() -> list[str]:
    return [tr("Cơ quan"), tr("Kỳ đánh giá"), tr("Bộ tiêu chí"), tr("Trạng thái"), tr("Hoàn thành"),
            tr("Điểm"), tr("Xếp loại"), tr("Sửa lần cuối")]


class AssessmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AssessmentSummary] = []
        self._headers = headers()

    def set_rows(self, rows: list[AssessmentSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._headers = headers()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self._headers[section]
        return None

    def summary(self, row: int) -> AssessmentSummary:
        return self.rows[row]

    def data(self, index: QModelIndex, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        c = index.column()
        if role == SUMMARY_ROLE:
            return a
        if role == Qt.DisplayRole:
            return self._display(a, c)
        if role == SORT_ROLE:
            return self._sort_value(a, c)
        if role == Qt.TextAlignmentRole and c in (COL_COMPLETE, COL_SCORE):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and c == COL_AGENCY:
            return f"{a.agency_name} — {a.parent_name}" if a.parent_name else a.agency_name
        if role == Qt.ToolTipRole and c == COL_STATUS and a.errors:
            return tr("{n} lỗi cần sửa trước khi hoàn tất", n=a.errors)
        return None

    def _display(self, a: AssessmentSummary, c: int) -> str:
        if c == COL_AGENCY:
            return a.agency_name + (f", {a.parent_name}" if a.parent_name else "")
        if c == COL_PERIOD:
            return a.period
        if c == COL_FRAMEWORK:
            return f"{a.framework_id} {a.framework_version}"
        if c == COL_STATUS:
            text = status_label(a.status)
            return text + (tr(" (lần {n})", n=a.revision) if a.revision > 1 else "")
        if c == COL_COMPLETE:
            return fmt_number(a.completeness * 100, 0) + " %"
        if c == COL_SCORE:
            if a.total_scaled is None or a.total is None:
                return "—"
            return fmt_number(a.total_scaled, 4 if abs(a.total_scaled - a.total) < 1e-12 else 1)
        if c == COL_BAND:
            return pick(a.band) if a.band else ""
        if c == COL_CHANGED:
            return fmt_date(a.updated_at)
        return ""

    def _sort_value(self, a: AssessmentSummary, c: int) -> Any:
        if c == COL_COMPLETE:
            return a.completeness
        if c == COL_SCORE:
            return -1.0 if a.total is None else a.total
        if c == COL_CHANGED:
            return a.updated_at
        return fold(self._display(a, c))


class AssessmentFilterProxy(QSortFilterProxyModel):
    """Sort by the real values; search by every word, with or without diacritics."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        a: AssessmentSummary = self.sourceModel().summary(row)
        hay = fold(f"{a.agency_name} {a.parent_name} {a.period} {a.framework_id} {a.agency_code} "
                   f"{status_label(a.status)}")
        return all(w in hay for w in self._words)
