"""One pillar's questions, built from the framework data."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import pick
from scoring import Pillar
from scoring.numbering import pillar_numbers

from .. import style
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
    end_reached = Signal()  # Enter past the last question, or the "next group" button
    FIRST_ROWS = 10   # more than a screenful of questions
    BATCH = 4         # rows built per turn of the event loop afterwards (about 12 ms)

    def __init__(self, state: FormState, pillar: Pillar, number: int, parent=None, last: bool = False,
                 aside=None, area: QScrollArea | None = None):
        super().__init__(parent)
        self.state = state
        self.area = area  # the scroll area the page is shown in (reveal scrolls it)
        self.aside = aside  # questionnaire.Aside: a widget under each question, or None
        self.pillar = pillar
        self.number = number
        self.last = last
        self.filter = ALL
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        title = QLabel(f"{number}. {pick(pillar.title)}")
        style.page_title(title)
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
        style.hint(self.empty)
        self.empty.hide()
        layout.addWidget(self.empty)
        layout.addWidget(self._end_bar())
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
            row = IndicatorRow(self.state, ind, f"{no}.", aside=self.aside)
            row.evidence_requested.connect(self.evidence_requested)
            self._built[ind.id] = row
            self._target.addWidget(row)  # parented first: shown alone it would be a window
            row.setVisible(self.state.is_relevant(ind.id) and self._passes(ind.id, row))
        if not self._to_build and self._target is not self.layout():
            self._rest.show()
            self._apply_visibility()  # the "nothing matches the filter" line
            self._update_summary()

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
        self._update_summary()

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

    def _end_bar(self) -> QWidget:
        """After the last question: how far this group is, and the step to the next one."""
        from egov_desktop.i18n import tr

        bar = QWidget()
        bar.setObjectName("pillarEnd")
        line = QHBoxLayout(bar)
        line.setContentsMargins(0, 10, 0, 4)
        self.summary = QLabel()
        style.pillar_summary(self.summary)
        self.summary.setWordWrap(True)
        self.next_button = QPushButton(tr("Kiểm tra và hoàn tất →") if self.last else tr("Nhóm tiếp theo →"))
        self.next_button.setObjectName("nextGroup")
        self.next_button.setToolTip(tr("Enter ở câu cuối cùng cũng chuyển sang bước tiếp theo"))
        self.next_button.clicked.connect(self._next)
        line.addWidget(self.summary, 1)
        line.addWidget(self.next_button)
        self.next_button.setVisible(not (self.last and self.state.read_only))  # nothing to check
        self._update_summary()
        return bar

    def _next(self) -> None:
        self.end_reached.emit()

    def _update_summary(self) -> None:
        from egov_desktop.i18n import tr

        if self._to_build:
            return  # said once every row is there
        answered, questions = self.state.pillar_progress(self.pillar.id)
        wrong = sum(r.has_error() for iid, r in self._built.items() if self.state.is_relevant(iid))
        text = tr("Nhóm {n}: đã trả lời {answered}/{questions} câu", n=self.number, answered=answered,
                  questions=questions)
        text += "; " + (tr("{n} câu có lỗi", n=wrong) if wrong else tr("không có lỗi")) + "."
        if self.summary.text() != text:
            self.summary.setText(text)

    def visible_rows(self) -> list[IndicatorRow]:
        return [r for iid, r in self.rows.items() if self.state.is_relevant(iid) and self._passes(iid, r)]

    def focus_first(self) -> None:
        rows = [r for r in self.visible_rows() if r.indicator.is_input]
        if rows:
            rows[0].focus_editor()

    @staticmethod
    def row_of(widget: QWidget | None) -> IndicatorRow | None:
        """The question row the widget is in; the walk up stops at the page (past it lies the
        scroll area's viewport: see reveal)."""
        while widget is not None and not isinstance(widget, PillarPage):
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
                if not self.focus_after(row):
                    self.end_reached.emit()  # past the last question: the next group
                event.accept()
                return
        super().keyPressEvent(event)

    def focus_after(self, row: IndicatorRow) -> bool:
        """Put the cursor in the question after `row` and scroll it into view."""
        rows = [r for r in self.visible_rows() if r.indicator.is_input]
        if row in rows:
            i = rows.index(row)
            if i + 1 < len(rows):
                rows[i + 1].focus_editor()
                self.reveal(rows[i + 1])
                return True
        return False

    def reveal(self, widget: QWidget, margin: int = 40) -> None:
        """Scroll the scroll area the page is in so that the widget (a row) is on screen. The
        question just left may have grown a message, moving what follows: laid out first.
        (The area is handed over, not found by walking up: the first Python reference to the
        area's viewport, a class of Qt's own, makes PySide6 build every class of QtWidgets not
        made yet, about 20 ms.)"""
        if self.area is not None:
            QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
            self.area.ensureWidgetVisible(widget, 0, margin)
