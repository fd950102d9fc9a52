"""A received assessment as its agency filled it in, read-only: the same questionnaire and
results screens as the officer's, nothing editable."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout

from egov_desktop.domain import AssessmentData
from egov_desktop.frameworks import registry
from egov_desktop.i18n import tr

from ..form.questionnaire import QuestionnaireView
from ..form.state import FormState
from ..pages.results import ResultsView
from ..screen_fit import fit_dialog
from .labels import signature_label, status_label


class AnswersDialog(QDialog):
    def __init__(self, submission, data: AssessmentData, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Câu trả lời của {agency} — {period}", agency=submission.agency_name,
                               period=submission.period))
        fw = registry.get(data.framework_id, data.framework_version)
        self.state = FormState(fw, data.answers, read_only=True, parent=self, period=data.period)
        self.questionnaire = QuestionnaireView(self.state)
        self.results = ResultsView(self.state)
        head = QLabel(tr("{file} — lần sửa đổi {rev}; {status}; {signature}. Chỉ xem, không sửa được.",
                         file=submission.source_name, rev=submission.revision,
                         status=status_label(submission.status), signature=signature_label(submission.signature)))
        if submission.digital_signer:
            head.setText(head.text() + "\n" + tr("Ký số bởi: {who}", who=submission.digital_signer))
        head.setWordWrap(True)
        head.setObjectName("hint")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.questionnaire, tr("Câu trả lời"))
        self.tabs.addTab(self.results, tr("Kết quả"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_dialog(self, 1100, 760)

    def _close(self) -> None:
        self.reject()
