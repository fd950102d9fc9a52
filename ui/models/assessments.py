"""The assessment list: one row per AssessmentSummary, sortable and searchable."""
from __future__ import annotations

from typing import TYPE_CHECKING

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from egov_desktop.i18n import pick, tr
from scoring.text import fold

from ..formatting import fmt_date, fmt_number
from ..labels import status_label
from .search import WordSearchProxy

COL_AGENCY, COL_PERIOD, COL_FRAMEWORK, COL_STATUS, COL_COMPLETE, COL_SCORE, COL_BAND, COL_CHANGED = range(8)
SUMMARY_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2

if TYPE_CHECKING:  # the services pull in SQLAlchemy: not needed to draw the first window
    from egov_desktop.services.types import AssessmentSummary


def headers() -> list[str]:
    return [tr("Cơ quan"), tr("Kỳ đánh giá"), tr("Bộ tiêu chí"), tr("Trạng thái"), tr("Hoàn thành"),
            tr("Điểm"), tr("Xếp loại"), tr("Sửa lần cuối")]


# Roles arrive as plain ints: compared with ints, as enum members they cost a lookup each time.
_DISPLAY, _TOOLTIP, _ALIGN = (int(r.value) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole))
_SORT, _SUMMARY = int(SORT_ROLE), int(SUMMARY_ROLE)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_NUMERIC = (COL_COMPLETE, COL_SCORE)


class AssessmentTableModel(QAbstractTableModel):
    """The cells are worked out once per row in set_rows: a view asks data() some 25 times per
    cell (display, sizes, fonts, colours...) and formatting them each time was most of the cost of
    showing the list at start (docs/performance.md, GUI)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AssessmentSummary] = []
        self._text: list[list[str]] = []
        self._sort: list[list[Any]] = []
        self._tips: list[dict[int, str]] = []
        self._headers = headers()

    def set_rows(self, rows: list[AssessmentSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._text = [[self._display(a, c) for c in range(len(self._headers))] for a in self.rows]
        self._sort = [self._sort_values(a, text) for a, text in zip(self.rows, self._text)]
        self._tips = [self._tooltips(a) for a in self.rows]
        self._headers = headers()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == Qt.Horizontal:
            return self._headers[section]
        return None

    def column_texts(self, column: int) -> list[str]:
        """What column `column` shows, row by row."""
        return [texts[column] for texts in self._text]

    def summary(self, row: int) -> AssessmentSummary:
        return self.rows[row]

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            return self._text[index.row()][index.column()] if index.isValid() else None
        if role == _SORT:
            return self._sort[index.row()][index.column()] if index.isValid() else None
        if role == _ALIGN:
            return _RIGHT if index.column() in _NUMERIC else None
        if role == _SUMMARY:
            return self.rows[index.row()] if index.isValid() else None
        if role == _TOOLTIP:
            return self._tips[index.row()].get(index.column()) if index.isValid() else None
        return None

    @staticmethod
    def _tooltips(a: AssessmentSummary) -> dict[int, str]:
        tips = {COL_AGENCY: f"{a.agency_name} — {a.parent_name}" if a.parent_name else a.agency_name}
        if a.errors:
            tips[COL_STATUS] = tr("{n} lỗi cần sửa trước khi hoàn tất", n=a.errors)
        return tips

    @staticmethod
    def _display(a: AssessmentSummary, c: int) -> str:
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

    @staticmethod
    def _sort_values(a: AssessmentSummary, text: list[str]) -> list[Any]:
        out: list[Any] = [fold(t) for t in text]
        out[COL_COMPLETE] = a.completeness
        out[COL_SCORE] = -1.0 if a.total is None else a.total
        out[COL_CHANGED] = a.updated_at
        return out


class AssessmentFilterProxy(WordSearchProxy):
    """Sort by the real values; search by every word, with or without diacritics."""

    def __init__(self, parent=None):
        super().__init__(SORT_ROLE, parent)

    def row_text(self, row: int, parent: QModelIndex) -> str:
        a: AssessmentSummary = self.sourceModel().summary(row)
        return (f"{a.agency_name} {a.parent_name} {a.period} {a.framework_id} {a.agency_code} "
                f"{status_label(a.status)}")
