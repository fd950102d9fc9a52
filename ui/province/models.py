"""Table models of the province mode: one model for rows of plain dataclasses, described by
its columns, with a proxy that sorts by real values and searches without diacritics."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from egov_desktop.units import fold

from ..models.search import WordSearchProxy
from ..screen_fit import fit_columns, header_lines

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # default: the text without diacritics
    right: bool = False                       # numbers are right-aligned
    tip: Callable[[Any], str] | None = None


class RowsModel(QAbstractTableModel):
    """Rows of any plain objects; what each column shows is its Column's business."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any], columns: list[Column] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and section < len(self.columns):
            col = self.columns[section]
            if role == Qt.DisplayRole:
                return header_lines(col.header) if col.right else col.header
            if role == Qt.ToolTipRole:
                return col.header
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.DisplayRole:
            return col.text(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return col.sort(row) if col.sort else fold(col.text(row))
        if role == Qt.TextAlignmentRole and col.right:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:  # text columns may be elided: the whole text
            return col.tip(row) if col.tip else None if col.right else col.text(row)
        return None


class SearchProxy(WordSearchProxy):
    """Sort by real values (None last); keep the rows that contain every typed word, with or
    without diacritics, in any column."""

    def __init__(self, parent=None):
        super().__init__(SORT_ROLE, parent)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is not None  # a value before a blank, whichever the order
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def row_object(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ROW_ROLE)


def table_view(model: QAbstractTableModel, name_column: int = 0):
    """A read-only, sortable table of whole rows over `model` (sorted through a SearchProxy),
    sorted by its name column first; number columns sized to their contents (screen_fit)."""
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    proxy = SearchProxy(model)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().hide()

    def fit() -> None:  # again when the columns change (the ranking's pillars)
        fit_columns(view, lambda c: c < len(model.columns) and model.columns[c].right)

    fit()
    proxy.modelReset.connect(fit)
    view.sortByColumn(name_column, Qt.AscendingOrder)  # by name (Qt would start descending)
    return view, proxy


def selected_row(view) -> Any:
    """The object behind the selected row of a table_view, or None."""
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].data(ROW_ROLE) if rows else None
