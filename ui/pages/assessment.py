"""One assessment open: the questionnaire, the check-and-finalise tab and the results tab.

Every edit goes to the Workspace at once (FormState → save_answer); nothing waits for a Save.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTabWidget, QVBoxLayout, QWidget

from egov_desktop.domain import DRAFT, Answer, Evidence
from egov_desktop.errors import UserError
from egov_desktop.i18n import pick, tr
from egov_desktop.services.types import AssessmentRecord
from scoring.record import replace

from .. import lazy_qt as qt
from ..form.questionnaire import QuestionnaireView
from ..form.state import FormState
from ..labels import describe_error, status_label
from ..tasks import Task


if TYPE_CHECKING:  # imported with their tab, when first shown
    from .check import CheckView
    from .results import ResultsView

READ = object()  # AssessmentScreen(note=READ): the return note is read from the Workspace


class AssessmentScreen(QWidget):
    finalised = Signal(int)
    changed = Signal(int)        # something was saved (the start list refreshes when shown)
    report_requested = Signal(str)  # pdf, excel, email, webmail
    forms_requested = Signal(str)   # questionnaire, workbook, import_workbook (ui/fill_in.py)
    revise_requested = Signal(int)  # "Sửa và gửi lại" on a returned assessment: the draft to correct in
    revision_made = Signal(object)  # the revision started by start_revision exists (its AssessmentSummary)

    def __init__(self, workspace, record: AssessmentRecord, framework=None, note=READ, parent=None):
        """`workspace` may still be opening (ui/pending_workspace.py): nothing here waits for it
        when `framework` (the one the record was made with) and `note` (its return note or None,
        services.opening.first_record) are given."""
        super().__init__(parent)
        self.workspace = workspace
        self.record = record
        d = record.data
        self.framework = framework or workspace.framework(d.framework_id, d.framework_version, d.framework_hash)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # one writer: changes are committed in the order typed
        self._writing_to: int | None = record.id  # the row the writer writes to (start_revision)
        self._making = False  # a new revision is being made from the one shown (start_revision)
        # the Sở's return note, while it stands (services.return_notes)
        self.note = self._return_note() if note is READ else note
        self.state = FormState(self.framework, d.answers, save=self._save, read_only=d.status != DRAFT, period=d.period,
                               remarks=self.note.remarks if self.note else None)
        self.state.save_failed.connect(self._save_failed)
        self.header = QLabel()
        self.header.setObjectName("assessmentHeader")
        self.header.setWordWrap(True)
        self.report_buttons = QHBoxLayout()
        self.profile_button = QPushButton(tr("Thông tin ban hành…"))
        self.profile_button.setToolTip(tr("Cơ quan ban hành, số, người ký và nơi nhận của báo cáo (Nghị định 30/2020)"))
        self.profile_button.clicked.connect(self.edit_profile)
        self.profile_dialog = None
        self.report_buttons.addWidget(self.profile_button)
        self._row_actions = [self.profile_button]  # act on this row: held while a revision is made
        for key, text in (("pdf", tr("Báo cáo PDF…")), ("excel", tr("Bảng tính Excel…"))):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, k=key: self._report(k))
            self.report_buttons.addWidget(b)
            self._row_actions.append(b)
        # the two ways of sending by e-mail share one button (a menu), so the row fits 1024 px
        self.send_button = QPushButton(tr("Gửi Sở"))
        self.send_button.setToolTip(tr("Thư nháp kèm báo cáo PDF cho Outlook, Thunderbird, hoặc cho hộp thư trên "
                                       "trình duyệt"))
        menu = QMenu(self.send_button)
        self.send_actions = {}
        for key, text in (("email", tr("Soạn thư gửi Sở…")), ("webmail", tr("Gửi qua webmail…"))):
            self.send_actions[key] = menu.addAction(text)
            self.send_actions[key].triggered.connect(lambda _=False, k=key: self._report(k))
        self.send_actions["webmail"].setToolTip(tr("Cho hộp thư trên trình duyệt: lưu tệp PDF, chép tiêu đề và nội "
                                                   "dung thư, mở thư mục chứa tệp"))
        menu.setToolTipsVisible(True)
        self.send_button.setMenu(menu)
        self.report_buttons.addWidget(self.send_button)
        from ..fill_in import forms_button
        self.forms, self.form_actions = forms_button(self._forms)
        self._row_actions += [self.send_button, self.forms]
        self.form_actions["import_workbook"].setEnabled(d.status == DRAFT)  # only a draft takes answers
        self.report_buttons.addWidget(self.forms)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addLayout(self.report_buttons)
        # the tabs made in the screen first: the questionnaire is then styled once, when added
        self.tabs = QTabWidget(self)
        self.questionnaire = QuestionnaireView(self.state, save_evidence=self._save_evidence, first_page=False)
        self.questionnaire.finished.connect(self._to_check)
        self.revise_button = QPushButton(tr("Sửa và gửi lại…"))
        self.revise_button.setObjectName("reviseButton")
        self.revise_button.setToolTip(tr("Mở lần sửa đổi mới (bản nháp) để sửa theo nhận xét của Sở, rồi hoàn tất "
                                         "và gửi lại báo cáo"))
        self.revise_button.clicked.connect(self._revise)  # put beside the return note, when there is one
        self._show_note()
        self.tabs.addTab(self.questionnaire, tr("1. Trả lời câu hỏi"))
        self.questionnaire.open_first()
        # The check and results tabs are hidden when the assessment opens: each is an empty page
        # until first shown or asked for (`check`, `results`), which saves 15-20 ms of the
        # screen's build (their widgets and tables made, polished and sized for nothing).
        self._check = self._results = None
        self.tabs.addTab(QWidget(), tr("2. Kiểm tra và hoàn tất"))
        self.tabs.addTab(QWidget(), tr("3. Kết quả"))
        self.tabs.currentChanged.connect(self._tab_changed)
        # Ctrl+Tab moves between the tabs from anywhere, the check table included (which would
        # otherwise take it as a move to its next cell)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Shift+Backtab", -1)):
            sc = QShortcut(QKeySequence(keys), self, context=Qt.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda step=step: self._next_tab(step))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._update_header()

    @property
    def check(self) -> CheckView:
        if self._check is None:
            from .check import CheckView

            self._check = CheckView(self.state)
            self._check.jump.connect(self.jump_to)
            self._check.finalise_requested.connect(self.finalise)
            self._put_tab(1, self._check)
        return self._check

    @property
    def results(self) -> ResultsView:
        if self._results is None:
            from .results import ResultsView

            self._results = ResultsView(self.state, self._previous)
            self._put_tab(2, self._results)
        return self._results

    def _put_tab(self, i: int, page: QWidget) -> None:
        """`page` in place of tab i's empty page, the current tab left as it was."""
        current, blocked = self.tabs.currentIndex(), self.tabs.blockSignals(True)
        empty, text = self.tabs.widget(i), self.tabs.tabText(i)
        self.tabs.removeTab(i)
        self.tabs.insertTab(i, page, text)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        empty.deleteLater()

    def _return_note(self):
        try:
            return self.workspace.return_note(self.record.id)
        except UserError:   # never keeps the assessment from opening
            return None

    def _show_note(self) -> None:
        """The note at the top of the questionnaire and each remark under its question; on the
        returned (locked) revision the way to correct it, on the draft what to do next."""
        from ..formatting import fmt_date

        n = self.note
        if n is None:
            self.questionnaire.hide_return_note()
            return
        locked = self.record.data.status != DRAFT
        heading = tr("Sở trả lại để sửa: {issuer}, ngày {date}", issuer=n.issuer or tr("Sở"),
                     date=fmt_date(n.returned_at))
        if not locked:
            heading += ". " + tr("Sửa các câu có nhận xét, rồi «Kiểm tra và hoàn tất» và gửi lại báo cáo.")
        self.questionnaire.show_return_note(heading, n.note)
        if self.revise_button.parentWidget() is None:  # the first note shown
            self.questionnaire.remarks_panel.actions.addWidget(self.revise_button)
        self.revise_button.setVisible(locked)

    def _revise(self) -> None:
        self.revise_requested.emit(self.record.id)

    def _next_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        page = self.tabs.currentWidget()
        last = page.focusWidget()  # where the cursor was in that tab
        if last is not None and page.isAncestorOf(last) and last.isVisible():
            last.setFocus(Qt.TabFocusReason)
        elif page is self.questionnaire and page.current_page() is not None:
            page.current_page().focus_first()
        else:
            (self.check.table if page is self.check else page).setFocus(Qt.TabFocusReason)

    def _to_check(self) -> None:
        self.tabs.setCurrentWidget(self.check)
        self.check.table.setFocus(Qt.TabFocusReason)

    def _report(self, kind: str) -> None:
        self.report_requested.emit(kind)

    def _forms(self, key: str) -> None:
        self.forms_requested.emit(key)

    def edit_profile(self):
        """The issuing profile of the report, in a dialog (kept for the agency's later periods)."""
        from ..dialogs.agency_profile import AgencyProfileDialog
        self.profile_dialog = AgencyProfileDialog(self.workspace, self.record.id, self)
        self.profile_dialog.open()
        return self.profile_dialog

    @property
    def assessment_id(self) -> int:
        return self.record.id

    def _previous(self):
        try:
            prev = self.workspace.previous_period(self.record.id)
        except UserError:
            return None
        if prev is None or prev.data.framework_id != self.framework.id:
            return None
        return prev.data

    def _update_header(self) -> None:
        d = self.record.data
        place = f", {d.agency.parent_name}" if d.agency.parent_name else ""
        status = status_label(d.status) + (tr(" (lần {n})", n=d.revision) if d.revision > 1 else "")
        self.header.setText(
            f"<span style='font-size:14pt; font-weight:bold'>{d.agency.name}{place}</span><br>"
            f"{tr('Kỳ')} {d.period} · {pick(self.framework.title)} · <b>{status}</b>"
            + (" · " + tr("đang tạo lần sửa đổi…") if self._making else
               "" if d.status == DRAFT else " · " + tr("chỉ xem (đã khóa)")))

    def _tab_changed(self, i: int) -> None:
        if i in (1, 2):
            self.check if i == 1 else self.results  # noqa: B018 (built when first shown)
        w = self.tabs.widget(i)
        if w is self._check:
            self._check.refresh()
        elif w is self._results:
            self._results.refresh()

    def jump_to(self, indicator_id: str) -> None:
        self.tabs.setCurrentWidget(self.questionnaire)
        self.questionnaire.jump_to(indicator_id)

    # ------------------------------------------------------------ saving
    def _save(self, indicator_id: str, old: Answer, new: Answer) -> None:
        """Queue the change for the one writer thread: the form rescored and redraws at once while
        SQLite commits (in order, one change after another) just behind the keystroke."""
        ws = self.workspace

        def write(ctx) -> None:
            aid = self._target()
            if (old.value, old.na) != (new.value, new.na):
                value = list(new.value) if isinstance(new.value, tuple) else new.value
                ws.set_answer(aid, indicator_id, value, new.na)
            if old.comment != new.comment:
                ws.set_comment(aid, indicator_id, new.comment)
            if old.flagged != new.flagged:
                ws.set_flag(aid, indicator_id, new.flagged)

        task = Task(write, self)
        task.succeeded.connect(self._saved)
        task.failed.connect(lambda e: self._save_failed(indicator_id, e))
        task.start(self.writer)

    def _saved(self, _result) -> None:
        self.changed.emit(self.record.id)

    def flush(self) -> None:
        """Wait until every queued change is committed (before reading back, finalising, closing)."""
        self.writer.waitForDone()
        QCoreApplication.sendPostedEvents()

    def _save_evidence(self, indicator_id: str, items: list[Evidence], attached: dict[int, str]) -> tuple[Evidence, ...]:
        self.flush()
        ws, aid = self.workspace, self._target()
        stored = ws.list_evidence(aid, indicator_id)
        kept = list(items)
        for it in stored:  # removed in the dialog
            if it.evidence in kept:
                kept.remove(it.evidence)
            else:
                ws.remove_evidence(aid, it.id)
        stored_ev = [it.evidence for it in stored]
        for i, e in enumerate(items):
            if i in attached:
                ws.add_evidence(aid, indicator_id, Evidence(e.number, e.date, e.summary), attached[i])
            elif e in stored_ev:
                stored_ev.remove(e)
            else:
                ws.add_evidence(aid, indicator_id, e)
        self.changed.emit(aid)
        return tuple(it.evidence for it in ws.list_evidence(aid, indicator_id))

    def _save_failed(self, indicator_id: str, error: BaseException) -> None:
        qt.QMessageBox.warning(self, tr("Không lưu được"), tr("Câu trả lời chưa được lưu: {msg}",
                                                              msg=describe_error(error)))
        self.reload()

    def reload(self) -> None:
        self.flush()
        self.record = self.workspace.get(self.record.id)
        self.state.reload(self.record.data.answers, read_only=self.record.data.status != DRAFT)
        note = self._return_note()
        if note != self.note:   # e.g. finished: the note is answered by this revision
            self.note = note
            self.state.set_remarks(note.remarks if note else {})
            self._show_note()
        self.questionnaire.reload()
        self._update_header()

    def _target(self) -> int:
        """The row the writer writes to: the new revision once start_revision has made it."""
        if self._writing_to is None:
            raise UserError(tr("Chưa tạo được lần sửa đổi: câu trả lời chưa được lưu."))
        return self._writing_to

    def start_revision(self, make) -> None:
        """Turn the finalised (or returned) one shown into its new draft revision at once, while
        the Workspace still opens: `make()` makes the revision and is the writer's first task (it
        waits for the Workspace), so every answer typed meanwhile is queued behind it and written
        to the revision, in order; the finalised one is never written to (its row stays locked,
        its hash intact). Until it exists the header says it is being made."""
        def work(ctx):
            self._writing_to = None  # a failed making: the answers queued behind it fail, never go to the old row
            made = make()
            self._writing_to = made.id
            return made

        task = Task(work, self)
        task.succeeded.connect(self._revision_made)
        task.failed.connect(self._revision_failed)
        task.start(self.writer)
        self._making = True
        self.revise_button.setEnabled(False)
        self._hold_row_actions(True)
        self.state.reload(self.state.answers, read_only=False)
        self.questionnaire.reload()
        self._update_header()

    def _revision_made(self, made) -> None:
        d = self.record.data
        self._making = False
        self._hold_row_actions(False)
        self.record = replace(self.record, id=made.id, data=replace(
            d, status=made.status, revision=made.revision, finalised_at="", content_hash="", uid=made.uid))
        self._show_note()  # on the draft it says what to do next, without the revise button
        self.form_actions["import_workbook"].setEnabled(True)
        self._update_header()
        self.revision_made.emit(made)

    def _hold_row_actions(self, hold: bool) -> None:
        """While the new revision is being made, the report, e-mail, issuing profile and forms would
        act on the finalised row shown until then (its id): held until the revision exists."""
        for b in self._row_actions:  # (the header says the revision is being made)
            b.setEnabled(not hold)

    def _revision_failed(self, error: BaseException) -> None:
        self._making = False
        self._hold_row_actions(False)
        qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(error))
        self.reload()  # the finalised one again, read-only
        self.revise_button.setEnabled(True)

    # ------------------------------------------------------------ finalising
    def finalise(self) -> None:
        errors = self.state.errors()
        if errors:
            qt.QMessageBox.information(self, tr("Chưa thể hoàn tất"),
                                       tr("Còn {n} lỗi. Hãy sửa hết lỗi trước khi hoàn tất.", n=len(errors)))
            return
        flagged = self.state.flagged()
        note = tr("Còn {n} câu đánh dấu ⚑ để xem lại; các dấu này được in trong báo cáo gửi Sở "
                  "(xem danh sách ở trang Kiểm tra).", n=len(flagged)) + "\n\n" if flagged else ""
        answer = qt.QMessageBox.question(
            self, tr("Hoàn tất đánh giá"),
            note + tr("Sau khi hoàn tất, bản đánh giá sẽ bị khóa và không sửa được nữa "
                      "(muốn sửa phải tạo lần sửa đổi mới).\n\nHoàn tất ngay?"),
            qt.QMessageBox.Yes | qt.QMessageBox.No, qt.QMessageBox.No)
        if answer != qt.QMessageBox.Yes:
            return
        self.flush()
        try:
            self.workspace.finalise(self.record.id)
        except UserError as e:
            qt.QMessageBox.warning(self, tr("Chưa thể hoàn tất"), describe_error(e))
            return
        self.reload()
        self.check.refresh()
        self.finalised.emit(self.record.id)
