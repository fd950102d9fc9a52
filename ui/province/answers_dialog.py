"""A received assessment as its agency filled it in, read-only: the same questionnaire and
results screens as the officer's, nothing editable; with the province's store, the reviewer
appraises each question beside it (province.appraisal) and sees self, appraised and final
scores per indicator, pillar and total."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout,
)

from egov_desktop.domain import AssessmentData
from egov_desktop.errors import UserError
from egov_desktop.frameworks import registry
from egov_desktop.i18n import tr

from .. import settings as ui_settings
from .. import style
from ..form.questionnaire import QuestionnaireView
from ..form.state import FormState
from ..formatting import fmt_date, fmt_number
from ..labels import describe_error
from ..pages.results import ResultsView
from ..screen_fit import fit_dialog
from ..tasks import run_in_background
from .appraisal_panel import AppraisalBox, ScoreSheet
from .labels import signature_label, status_label

REVIEWER_KEY = "province/reviewer"


class AnswersDialog(QDialog):
    appraisal_saved = Signal(object)     # the AppraisalSheet after a save
    appraisal_failed = Signal(str)       # why a save was refused (nothing of it written)
    appraisal_reloaded = Signal(object)  # the AppraisalSheet read again

    def __init__(self, submission, data: AssessmentData, parent=None, sheet=None, store=None, changes=None):
        """`sheet` (province.appraisal.AppraisalSheet) and `store`: appraise; without them, only read.
        `changes` (province.changes.RevisionChanges): what changed since the revision returned."""
        super().__init__(parent)
        self.submission, self.sheet, self.store = submission, sheet, store
        self.boxes: dict[str, AppraisalBox] = {}
        self.setWindowTitle(tr("Câu trả lời của {agency} — {period}", agency=submission.agency_name,
                               period=submission.period))
        fw = registry.get(data.framework_id, data.framework_version)
        self.framework = fw
        self.state = FormState(fw, data.answers, read_only=True, parent=self, period=data.period)
        self.appraising = sheet is not None and store is not None
        self.questionnaire = QuestionnaireView(self.state, aside=self._box_for if self.appraising else None)
        self.results = ResultsView(self.state)
        self.questionnaire.score.title.setText(tr("Điểm tự đánh giá của cơ quan"))
        hint = (tr("Thẩm định dưới mỗi câu hỏi: điểm hoặc giá trị đúng, và nhận xét.") if self.appraising
                else tr("Chỉ xem, không sửa được."))
        head = QLabel(tr("{file} — lần sửa đổi {rev}; {status}; {signature}.", file=submission.source_name,
                         rev=submission.revision, status=status_label(submission.status),
                         signature=signature_label(submission.signature)) + " " + hint)
        if submission.digital_signer:
            head.setText(head.text() + "\n" + tr("Ký số bởi: {who}", who=submission.digital_signer))
        head.setWordWrap(True)
        style.hint(head)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.questionnaire, tr("Câu trả lời"))
        self.tabs.addTab(self.results, tr("Kết quả"))
        if changes is not None:   # a revision after one the province returned: what changed, first
            from .revision_changes import RevisionChangesView
            self.changes = RevisionChangesView(changes)
            self.tabs.insertTab(0, self.changes, tr("Thay đổi so với lần trả lại"))
            self.tabs.setCurrentIndex(0)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tabs, 1)
        if self.appraising:
            layout.addLayout(self._appraisal_bar())
        layout.addWidget(buttons)
        fit_dialog(self, 1100, 760)

    def _close(self) -> None:
        self.reject()

    # ------------------------------------------------------------ appraisal
    def _appraisal_bar(self) -> QVBoxLayout:
        self.score_sheet = ScoreSheet(self.framework)
        self.tabs.addTab(self.score_sheet, tr("Bảng điểm thẩm định"))
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.problem = QLabel()   # what the last save or reload said (red when refused)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.reviewer = QLineEdit(ui_settings.ui_settings().value(REVIEWER_KEY, "", str))
        self.reviewer.setPlaceholderText(tr("Họ và tên người thẩm định"))
        self.reviewer.setAccessibleName(tr("Người thẩm định"))
        self.save_button = QPushButton(tr("Lưu thẩm định"))
        self.save_button.clicked.connect(self.save_appraisal)
        self.reload_button = QPushButton(tr("Tải lại"))
        self.reload_button.setToolTip(tr("Đọc lại thẩm định đã lưu (giữ những gì bạn đang gõ)"))
        self.reload_button.clicked.connect(self.reload_appraisal)
        line = QHBoxLayout()
        line.addWidget(QLabel(tr("Người thẩm định:")))
        line.addWidget(self.reviewer, 1)
        line.addWidget(self.reload_button)
        line.addWidget(self.save_button)
        bar = QVBoxLayout()
        bar.addWidget(self.totals)
        bar.addWidget(self.problem)
        bar.addLayout(line)
        open_ = self.sheet.status != "returned" and getattr(self.submission, "current", True)
        for w in (self.reviewer, self.save_button):
            w.setEnabled(open_)
        if not open_:
            self._say(tr("Hồ sơ đã được trả lại hoặc thay bằng lần sửa đổi mới hơn: chỉ xem thẩm định"))
        self._show_sheet(self.sheet, keep_typed=False)
        return bar

    def _box_for(self, indicator):
        if indicator.scoring is None:
            return None
        box = AppraisalBox(indicator)
        self.boxes[indicator.id] = box
        box.show_line(self.sheet.line(indicator.id))
        if self.sheet.status == "returned" or not getattr(self.submission, "current", True):
            for e in (box.points, box.value, box.remark):
                e.setReadOnly(True)
        return box

    def _show_sheet(self, sheet, keep_typed: bool) -> None:
        self.sheet = sheet
        lines = {i.indicator_id: i for i in sheet.indicators}
        for iid, box in self.boxes.items():
            box.show_line(lines[iid], keep_typed=keep_typed)
        self.score_sheet.show_sheet(sheet)
        text = tr("Tổng điểm — tự đánh giá: {own}; thẩm định: {appraised}; cuối cùng: {final} / {max} "
                  "({n} chỉ tiêu đã thẩm định)", own=fmt_number(sheet.self_total_scaled, 2),
                  appraised=fmt_number(sheet.appraised_total_scaled, 2),
                  final=fmt_number(sheet.final_total_scaled, 2), max=fmt_number(sheet.scale), n=sheet.appraised)
        if sheet.saved_by:
            text += ". " + tr("Lưu lần cuối: {who}, {at}.", who=sheet.saved_by, at=fmt_date(sheet.saved_at))
        self.totals.setText(text)

    def typed(self) -> list:
        """The appraisals typed and not yet saved; a box whose points are not a number says so."""
        out, bad = [], None
        for box in self.boxes.values():
            if not box.changed():
                continue
            try:
                out.append(box.typed())
            except UserError as e:
                box.show_problem(describe_error(e))
                bad = bad or e
        if bad is not None:
            raise bad
        return out

    def save_appraisal(self) -> None:
        from egov_desktop.province import appraisal

        self.problem.hide()
        try:
            inputs = self.typed()
        except UserError as e:
            self._save_failed(e)
            return
        if not inputs:
            self._say(tr("Không có thẩm định nào mới để lưu"))
            return
        reviewer = self.reviewer.text().strip()
        ui_settings.ui_settings().setValue(REVIEWER_KEY, reviewer)
        store, sid, version = self.store, self.sheet.submission_id, self.sheet.version
        self.save_button.setEnabled(False)
        run_in_background(lambda ctx: appraisal.save(store, sid, inputs, reviewer, version),
                          self._saved, self._save_failed, self)

    def _saved(self, sheet) -> None:
        self.save_button.setEnabled(True)
        self._show_sheet(sheet, keep_typed=False)
        self._say(tr("Đã lưu thẩm định ({n} chỉ tiêu)", n=sheet.appraised))
        self.appraisal_saved.emit(sheet)

    def _save_failed(self, e: BaseException) -> None:
        """Nothing of the save was written; what was typed stays in the boxes."""
        self.save_button.setEnabled(True)
        where = getattr(e, "where", None)
        if where in self.boxes:
            self.boxes[where].show_problem(describe_error(e))
        text = describe_error(e)
        self._say(text, problem=True)
        self.appraisal_failed.emit(text)

    def reload_appraisal(self) -> None:
        from egov_desktop.province import appraisal

        store, sid = self.store, self.sheet.submission_id
        run_in_background(lambda ctx: appraisal.sheet(store, sid), self._reloaded, self._save_failed, self)

    def _reloaded(self, sheet) -> None:
        self.problem.hide()
        self._show_sheet(sheet, keep_typed=True)
        self._say(tr("Đã tải lại thẩm định đã lưu; những gì bạn đang gõ vẫn giữ nguyên"))
        self.appraisal_reloaded.emit(sheet)

    def _say(self, text: str, problem: bool = False) -> None:
        self.problem.setStyleSheet("color: #b00020;" if problem else "")
        self.problem.setText(text)
        self.problem.show()
