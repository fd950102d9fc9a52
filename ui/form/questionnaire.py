"""The questionnaire: pillars in a navigator with progress, the pillar's questions, help, live score.

Pages are built when first opened and kept. Ctrl+1..9 open pillars; Enter moves to the next
question (and from the last one to the next pillar); F1 in a question opens its help (text, legal
basis, target) in a window of the program; every change goes straight to FormState (which saves it).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QLabel, QListWidget, QListWidgetItem, QScrollArea, QSplitter,
    QStackedWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from egov_desktop.domain import Evidence
from egov_desktop.i18n import pick, tr
from scoring.model import DATE, Indicator
from scoring.record import replace

from .. import style
from ..widgets.score_panel import ScorePanel
from .page import ALL, FLAGGED, UNANSWERED, WITH_PROBLEMS, PillarPage
from .remarks import RemarksPanel
from .row import IndicatorRow, _escape
from .state import FormState

# (indicator, evidence list, {index in the list: file to attach}) -> the evidence as stored
EvidenceSaver = Callable[[str, list[Evidence], dict[int, str]], tuple[Evidence, ...]]
# a widget another screen puts under a question (the province's appraisal of it), or None
Aside = Callable[[Indicator], "QWidget | None"]


class QuestionnaireView(QWidget):
    pillar_opened = Signal(str)
    finished = Signal()  # past the last question of the last group: on to the check

    def __init__(self, state: FormState, save_evidence: EvidenceSaver | None = None, parent=None,
                 aside: Aside | None = None, first_page: bool = True):
        """`first_page=False`: the first group is opened by `open_first()`, once the view is in
        its window (a page made before is styled again when the view is added: ~10 ms)."""
        super().__init__(parent)
        self.state = state
        self.save_evidence = save_evidence
        self.aside = aside
        fw = state.framework
        self.nav = QListWidget()
        style.pillar_nav(self.nav)
        self.nav.setWordWrap(True)
        self.nav.setTextElideMode(Qt.ElideNone)
        self.nav.setResizeMode(QListWidget.Adjust)  # wrapped again when the splitter moves
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        for i, p in enumerate(fw.pillars, 1):
            item = QListWidgetItem()
            item.setData(Qt.UserRole, p.id)
            item.setToolTip(tr("Ctrl+{n}", n=i) if i <= 9 else "")
            self.nav.addItem(item)
        self.filter = QComboBox()
        for mode, label in ((ALL, tr("Tất cả câu hỏi")), (UNANSWERED, tr("Chưa trả lời")),
                            (FLAGGED, tr("Đã đánh dấu")), (WITH_PROBLEMS, tr("Có lỗi hoặc cảnh báo"))):
            self.filter.addItem(label, mode)
        self.filter.currentIndexChanged.connect(lambda _: self._apply_filter())
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        nav_title = QLabel(tr("Các nhóm tiêu chí"))
        style.panel_title(nav_title)
        ll.addWidget(nav_title)
        ll.addWidget(self.nav, 1)
        ll.addWidget(QLabel(tr("Hiển thị:")))
        ll.addWidget(self.filter)
        self.stack = QStackedWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.stack)
        self.help = QTextBrowser()
        self.help.setObjectName("helpPanel")
        self.help.setOpenExternalLinks(False)
        self.score = ScorePanel()
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.help)
        right.addWidget(self.score)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([210, 700, 270])  # the questions first: 1024 px screens
        self._remarks: RemarksPanel | None = None   # the Sở's return note, made when there is one
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.splitter, 1)
        self.pages: dict[str, PillarPage] = {}
        self.nav.currentRowChanged.connect(self._open_row)
        for i in range(min(9, len(fw.pillars))):
            sc = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            sc.activated.connect(lambda i=i: self._shortcut(i))
        state.changed.connect(self._changed)
        state.revealed.connect(self._revealed)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._show_help(None)
        self._update_nav()
        self.score.show_result(fw, state.result)
        if first_page:
            self.open_first()

    def open_first(self) -> None:
        if self.state.framework.pillars and self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    @property
    def remarks_panel(self) -> RemarksPanel:
        """The panel of the Sở's return note over the questions, made the first time it is needed
        (most assessments have no note: its text browser cost 3-5 ms of every open)."""
        if self._remarks is None:
            self._remarks = RemarksPanel(self.state, self)
            self._remarks.jump.connect(self.jump_to)
            self._layout.insertWidget(0, self._remarks)
        return self._remarks

    def show_return_note(self, heading: str, note: str) -> None:
        """The Sở's return note at the top (its remarks are the state's, under each question)."""
        self.remarks_panel.show_note(heading, note)
        self._update_nav()

    def hide_return_note(self) -> None:
        if self._remarks is not None:
            self._remarks.hide()
        self._update_nav()

    # ------------------------------------------------------------ navigation
    def current_page(self) -> PillarPage | None:
        w = self.stack.currentWidget()
        return w if isinstance(w, PillarPage) else None

    def open_pillar(self, pillar_id: str, focus: bool = False) -> PillarPage:
        ids = [p.id for p in self.state.framework.pillars]
        row = ids.index(pillar_id)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        page = self.pages[pillar_id]
        if focus:
            page.focus_first()
        return page

    def _shortcut(self, i: int) -> None:
        self.open_pillar(self.state.framework.pillars[i].id, focus=True)

    def jump_to(self, indicator_id: str) -> IndicatorRow:
        """Open the indicator's pillar, scroll to it and put the cursor in it."""
        ind = self.state.framework.indicator(indicator_id)
        if self.filter.currentIndex() != 0:
            self.filter.setCurrentIndex(0)
        page = self.open_pillar(ind.pillar_id)
        row = page.rows[indicator_id]
        page.reveal(row, 40)   # laid out first: the page may have just been opened
        row.focus_editor()
        self._show_help(row)
        return row

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        pid = self.nav.item(row).data(Qt.UserRole)
        page = self.pages.get(pid)
        if page is None:
            pillar = self.state.framework.pillar(pid)
            page = PillarPage(self.state, pillar, row + 1, last=row + 1 == self.nav.count(), aside=self.aside,
                              area=self.scroll, parent=self.stack)  # made in place: not styled again when added
            page.evidence_requested.connect(self._edit_evidence)
            page.end_reached.connect(self._next_pillar)
            self.pages[pid] = page
            self.stack.addWidget(page)
        else:
            page.refresh()
        page.set_filter(self.filter.currentData())
        self.stack.setCurrentWidget(page)
        self.scroll.verticalScrollBar().setValue(0)
        self.pillar_opened.emit(pid)

    def _next_pillar(self) -> None:
        """The next group, with the cursor in its first question; after the last, the check."""
        row = self.nav.currentRow() + 1
        if row < self.nav.count():
            self.open_pillar(self.nav.item(row).data(Qt.UserRole), focus=True)
        else:
            self.finished.emit()

    def _apply_filter(self) -> None:
        page = self.current_page()
        if page is not None:
            page.set_filter(self.filter.currentData())

    # ------------------------------------------------------------ updates
    def _changed(self, indicator_id: str) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh(indicator_id)
        self._update_nav()
        self.score.show_result(self.state.framework, self.state.result)

    def _revealed(self, _indicator_id: str) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh()
        self._update_nav()

    def reload(self) -> None:
        for page in self.pages.values():
            page.refresh()
        self._update_nav()
        self.score.show_result(self.state.framework, self.state.result)

    def _update_nav(self) -> None:
        st = self.state
        for i, p in enumerate(st.framework.pillars):
            answered, questions = st.pillar_progress(p.id)
            # as on the form: a missing answer counts once the question was left or checked
            errors = sum(1 for ind in p.indicators for q in st.shown_problems(ind.id) if q.level == "error")
            mark = "✔ " if answered == questions and not errors else ""
            text = f"{mark}{i + 1}. {pick(p.title)}\n    {answered}/{questions}"
            if errors:
                text += "  " + (tr("1 lỗi") if errors == 1 else tr("{n} lỗi", n=errors))  # English has a singular
            remarked = sum(1 for ind in p.indicators if st.remark(ind.id))
            if remarked:   # the Sở's remarks in this group (its return note)
                text += "  " + tr("{n} nhận xét", n=remarked)
            item = self.nav.item(i)
            if item.text() != text:
                item.setText(text)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        page = self.current_page()
        if new is not None and old is not None:
            left = PillarPage.row_of(old)
            if left is not None and left is not PillarPage.row_of(new) and left.state is self.state:
                self.state.leave(left.indicator.id)  # its missing answer may be said now
        if page is not None and new is not None and page.isAncestorOf(new):
            page.reveal(new, 20)  # e.g. Tab from the list into the page, or onto "next group"
            row = page.row_of(new)
            if row is not None:
                self._show_help(row)

    # ------------------------------------------------------------ help
    # F1 in a question is that question's help: the window's F1 asks here first (MainWindow.context_help).
    # Not an event() override claiming the key: the first event a Python override of event() receives
    # makes PySide6 build the classes of all 52 kinds of QEvent (docs/performance.md, GUI).

    def current_row(self) -> IndicatorRow | None:
        """The question that has the keyboard focus, if any."""
        page = self.current_page()
        row = PillarPage.row_of(QApplication.focusWidget())
        return row if page is not None and row is not None and page.isAncestorOf(row) else None

    def show_question_help(self) -> QDialog | None:
        from .question_help import QuestionHelpDialog  # when F1 is pressed: not with every open

        row = self.current_row()
        if row is None:
            return None
        dialog = QuestionHelpDialog(pick(row.indicator.label), self._help_html(row), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.help_dialog = dialog
        dialog.open()
        return dialog

    def _show_help(self, row: IndicatorRow | None) -> None:
        if row is None:
            fw = self.state.framework
            self.help.setHtml(f"<h3>{_escape(pick(fw.title))}</h3><p>{_escape(pick(fw.description))}</p>"
                              f"<p>{_escape(tr('Chọn một câu hỏi để xem hướng dẫn và căn cứ pháp lý.'))}</p>"
                              + ("" if self.state.read_only else
                                 f"<p style='color:gray'>{_escape(tr('Mọi thay đổi được lưu ngay; không cần bấm Lưu.'))}</p>"))
            return
        self.help.setHtml(self._help_html(row))

    def _help_html(self, row: IndicatorRow) -> str:
        ind = row.indicator
        parts = [f"<h3>{_escape(pick(ind.label))}</h3>"]
        if pick(ind.help):
            parts.append(f"<p>{_escape(pick(ind.help))}</p>")
        if pick(ind.basis):
            parts.append(f"<p><b>{_escape(tr('Căn cứ:'))}</b> {_escape(pick(ind.basis))}</p>")
        t = ind.target_for(self.state.period)
        if t is not None:
            from ..formatting import fmt_number
            value = fmt_number(t.value) if isinstance(t.value, (int, float)) else str(t.value)
            src = f" ({_escape(pick(t.source))})" if pick(t.source) else ""
            parts.append(f"<p><b>{_escape(tr('Mục tiêu:'))}</b> {value} {_escape(pick(ind.unit))}{src}</p>")
        if ind.max_points:
            from ..formatting import fmt_number
            parts.append(f"<p><b>{_escape(tr('Điểm tối đa:'))}</b> {fmt_number(ind.max_points)}</p>")
        if ind.evidence == "required":
            parts.append(f"<p>{_escape(tr('Cần tài liệu kiểm chứng (số, ngày, trích yếu văn bản).'))}</p>")
        if ind.type == DATE:
            parts.append(f"<p>{_escape(tr('Gõ ngày theo ngày/tháng/năm, ví dụ 15/01/2026 (hoặc 15012026), hoặc bấm «Lịch».'))}</p>")
        return "".join(parts)

    def _edit_evidence(self, indicator_id: str) -> None:
        from ..dialogs.evidence import EvidenceDialog

        ind = self.state.framework.indicator(indicator_id)
        dialog = EvidenceDialog(pick(ind.label), self.state.answer(indicator_id).evidence, self)
        if self.state.read_only:
            dialog.setEnabled(False)
        if dialog.exec():
            items = list(dialog.evidence())
            if self.save_evidence is None:
                self.state.update(indicator_id, evidence=tuple(items))
                return
            try:
                stored = self.save_evidence(indicator_id, items, dialog.attached)
            except Exception as e:  # noqa: BLE001 - a message, never a traceback
                self.state.save_failed.emit(indicator_id, e)
                return
            self.state.replace_answer(indicator_id, replace(self.state.answer(indicator_id), evidence=stored))
