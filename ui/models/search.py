"""A sort/filter proxy that keeps the rows containing every typed word, with or without diacritics."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from scoring.text import fold


class WordSearchProxy(QSortFilterProxyModel):
    """Search by every word of the query in a row's text (`row_text`: by default all its cells)."""

    def __init__(self, sort_role: int, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(sort_role)

    def set_search(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def row_text(self, row: int, parent: QModelIndex) -> str:
        model = self.sourceModel()
        return " ".join(str(model.index(row, c, parent).data() or "") for c in range(model.columnCount()))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        hay = fold(self.row_text(row, parent))
        return all(w in hay for w in self._words)
