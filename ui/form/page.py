"""One pillar's questions, built from the framework data."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from egov_desktop.i18n import pick
from scoring import Pillar

from .row import IndicatorRow
from .state import FormState

ALL, UNANSWERED, FLAGGED, WITH_PROBLEMS = "all", "unanswered", "flagged", "problems"


class PillarPage(QWidget):
    evidence_requested = Signal(str)

    def __init__(self, state: FormState, pillar: Pillar, number: int, parent=None):
        super().__init__(parent)
        self.state = state
        self.pillar = pillar
        self.filter = ALL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        title = QLabel(f"{number}. {pick(pillar.title)}")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        if pick(pillar.description):
            d = QLabel(pick(pillar.description))
            d.setWordWrap(True)
            layout.addWidget(d)
        self.rows: dict[str, IndicatorRow] = {}
        for i, ind in enumerate(pillar.indicators, 1):
            row = IndicatorRow(state, ind, f"{number}.{i}.")
            row.evidence_requested.connect(self.evidence_requested)
            self.rows[ind.id] = row
            layout.addWidget(row)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self._apply_visibility()

    def refresh(self, changed: str = "") -> None:
        for iid, row in self.rows.items():
            row.refresh()
        self._apply_visibility()

    def set_filter(self, mode: str) -> None:
        self.filter = mode
        self._apply_visibility()

    def _passes(self, iid: str) -> bool:
        st = self.state
        if self.filter == UNANSWERED:
            return self.rows[iid].indicator.is_input and not st.is_answered(iid)
        if self.filter == FLAGGED:
            return st.answer(iid).flagged
        if self.filter == WITH_PROBLEMS:
            return bool(st.problems.get(iid))
        return True

    def _apply_visibility(self) -> None:
        shown = 0
        for iid, row in self.rows.items():
            visible = self.state.is_relevant(iid) and self._passes(iid)
            if row.isVisibleTo(self) != visible:
                row.setVisible(visible)
            shown += visible
        if shown == 0:
            from egov_desktop.i18n import tr
            self.empty.setText(tr("Không có câu hỏi nào khớp với bộ lọc."))
        self.empty.setVisible(shown == 0)

    def visible_rows(self) -> list[IndicatorRow]:
        return [r for iid, r in self.rows.items() if self.state.is_relevant(iid) and self._passes(iid)]

    def focus_first(self) -> None:
        rows = [r for r in self.visible_rows() if r.indicator.is_input]
        if rows:
            rows[0].focus_editor()

    def row_of(self, widget: QWidget | None) -> IndicatorRow | None:
        while widget is not None:
            if isinstance(widget, IndicatorRow):
                return widget
            widget = widget.parentWidget()
        return None

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Enter in an answer moves to the next question (as on a paper form). The editors leave
        Enter unhandled, so it arrives here from whichever one has the focus."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
            row = self.row_of(QApplication.focusWidget())
            if row is not None and self.isAncestorOf(row):
                self.focus_after(row)
                event.accept()
                return
        super().keyPressEvent(event)

    def focus_after(self, row: IndicatorRow) -> bool:
        rows = [r for r in self.visible_rows() if r.indicator.is_input]
        if row in rows:
            i = rows.index(row)
            if i + 1 < len(rows):
                rows[i + 1].focus_editor()
                return True
        return False
