"""One pillar's questions, built from the framework data."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from egov_desktop.i18n import pick
from scoring import Pillar
from scoring.numbering import pillar_numbers

from .row import IndicatorRow
from .state import FormState

ALL, UNANSWERED, FLAGGED, WITH_PROBLEMS = "all", "unanswered", "flagged", "problems"


class PillarPage(QWidget):
    """The rows that fill the first screen are built before the page is shown, the others in
    batches right after, while the user reads (docs/performance.md, GUI: a row costs about 3 ms
    to make and style). They go into a container that is shown once they are all there, so the
    page is laid out once more, not once per batch. `rows` always gives every row: asking for
    it finishes the building at once."""

    evidence_requested = Signal(str)
    FIRST_ROWS = 10   # more than a screenful of questions
    BATCH = 4         # rows built per turn of the event loop afterwards (about 12 ms)

    def __init__(self, state: FormState, pillar: Pillar, number: int, parent=None):
        super().__init__(parent)
        self.state = state
        self.pillar = pillar
        self.number = number
        self.filter = ALL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        title = QLabel(f"{number}. {pick(pillar.title)}")
        title.setObjectName("pageTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        if pick(pillar.description):
            d = QLabel(pick(pillar.description))
            d.setWordWrap(True)
            layout.addWidget(d)
        self._built: dict[str, IndicatorRow] = {}
        numbers = pillar_numbers(pillar, number)  # stable, no gaps (scoring/numbering.py)
        self._to_build = [(numbers[ind.id], ind) for ind in pillar.indicators]
        self._target = layout
        self._build(self.FIRST_ROWS)
        self._rest = QWidget()  # the rows after the first screen, shown when complete
        self._rest.hide()
        rest = self._target = QVBoxLayout(self._rest)
        rest.setContentsMargins(0, 0, 0, 0)
        rest.setSpacing(layout.spacing())
        layout.addWidget(self._rest)
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self._apply_visibility()
        if self._to_build:
            QTimer.singleShot(0, self, self._build_more)

    @property
    def rows(self) -> dict[str, IndicatorRow]:
        """Every row of the pillar, by indicator id."""
        if self._to_build:
            self._build(len(self._to_build))
        return self._built

    def _build(self, count: int) -> None:
        batch, self._to_build = self._to_build[:count], self._to_build[count:]
        for no, ind in batch:
            row = IndicatorRow(self.state, ind, f"{no}.")
            row.evidence_requested.connect(self.evidence_requested)
            self._built[ind.id] = row
            self._target.addWidget(row)  # parented first: shown alone it would be a window
            row.setVisible(self.state.is_relevant(ind.id) and self._passes(ind.id, row))
        if not self._to_build and self._target is not self.layout():
            self._rest.show()
            self._apply_visibility()  # the "nothing matches the filter" line

    def _build_more(self) -> None:
        if self._to_build:
            self._build(self.BATCH)
            if self._to_build:
                QTimer.singleShot(0, self, self._build_more)

    def refresh(self, changed: str = "") -> None:
        """Show the state after a change; rows whose question did not change are left alone."""
        for row in self._built.values():
            row.refresh()
        self._apply_visibility()

    def set_filter(self, mode: str) -> None:
        self.filter = mode
        self._apply_visibility()

    def _passes(self, iid: str, row: IndicatorRow) -> bool:
        st = self.state
        if self.filter == UNANSWERED:
            return row.indicator.is_input and not st.is_answered(iid)
        if self.filter == FLAGGED:
            return st.answer(iid).flagged
        if self.filter == WITH_PROBLEMS:
            return bool(st.problems.get(iid))
        return True

    def _apply_visibility(self) -> None:
        shown = 0
        for iid, row in self._built.items():
            visible = self.state.is_relevant(iid) and self._passes(iid, row)
            if row.isHidden() == visible:
                row.setVisible(visible)
            shown += visible
        nothing = shown == 0 and not self._to_build
        if nothing:
            from egov_desktop.i18n import tr
            self.empty.setText(tr("Không có câu hỏi nào khớp với bộ lọc."))
        self.empty.setVisible(nothing)

    def visible_rows(self) -> list[IndicatorRow]:
        return [r for iid, r in self.rows.items() if self.state.is_relevant(iid) and self._passes(iid, r)]

    def focus_first(self) -> None:
        rows = [r for r in self.visible_rows() if r.indicator.is_input]
        if rows:
            rows[0].focus_editor()

    @staticmethod
    def row_of(widget: QWidget | None) -> IndicatorRow | None:
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
