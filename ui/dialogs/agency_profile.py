"""How the agency issues its report (Decree 30/2020): heading lines, number, signer, Nơi nhận.

Kept for the agency across periods (Workspace.set_profile); the number is this report's own and
may be written in after finalising, when the văn thư registers the report.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout,
)

from egov_desktop.domain import AgencyProfile
from egov_desktop.errors import UserError
from egov_desktop.i18n import tr

from ..labels import describe_error

AUTHORITY_LABELS = (("", "Người đứng đầu ký trực tiếp"), ("TM.", "TM. (thay mặt tập thể)"),
                    ("KT.", "KT. (ký thay người đứng đầu)"), ("Q.", "Q. (quyền)"), ("TL.", "TL. (thừa lệnh)"),
                    ("TUQ.", "TUQ. (thừa ủy quyền)"))


class AgencyProfileDialog(QDialog):
    saved = Signal(object)   # the AgencyProfile now in force

    def __init__(self, workspace, assessment_id: int, parent=None):
        super().__init__(parent)
        self.workspace, self.assessment_id = workspace, assessment_id
        self.setWindowTitle(tr("Thông tin ban hành báo cáo"))
        self.setMinimumWidth(560)
        self.parent_line = QLineEdit()
        self.parent_line.setPlaceholderText(tr("Ví dụ: UBND TỈNH LÂM ĐỒNG (để trống với Ủy ban nhân dân)"))
        self.issuer = QPlainTextEdit()
        self.issuer.setFixedHeight(56)
        self.issuer.setPlaceholderText(tr("Tên đầy đủ, mỗi dòng một dòng in: ỦY BAN NHÂN DÂN ↵ XÃ …"))
        self.place = QLineEdit()
        self.symbol = QLineEdit()
        self.symbol.setPlaceholderText("BC-UBND")
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("Để trống: văn thư ghi số khi ban hành"))
        self.authority = QComboBox()
        for code, label in AUTHORITY_LABELS:
            self.authority.addItem(tr(label), code)
        self.on_behalf = QLineEdit()
        self.on_behalf.setPlaceholderText(tr("Ví dụ: ỦY BAN NHÂN DÂN (TM.), CHỦ TỊCH (KT.)"))
        self.position = QLineEdit()
        self.signer = QLineEdit()
        self.recipients = QPlainTextEdit()
        self.recipients.setFixedHeight(84)
        self.recipients.setPlaceholderText(tr("Mỗi dòng một nơi nhận; dòng cuối «Lưu: VT.»"))
        self.email = QLineEdit()
        form = QFormLayout()
        form.addRow(tr("Cơ quan cấp trên"), self.parent_line)
        form.addRow(tr("Tên cơ quan ban hành"), self.issuer)
        form.addRow(tr("Địa danh"), self.place)
        form.addRow(tr("Ký hiệu"), self.symbol)
        form.addRow(tr("Số văn bản"), self.number)
        form.addRow(tr("Thẩm quyền ký"), self.authority)
        form.addRow(tr("Ký thay mặt / thay cho"), self.on_behalf)
        form.addRow(tr("Chức vụ người ký"), self.position)
        form.addRow(tr("Họ và tên người ký"), self.signer)
        form.addRow(tr("Nơi nhận"), self.recipients)
        form.addRow(tr("E-mail của Sở nhận báo cáo"), self.email)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Lưu"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        self.defaults_button = QPushButton(tr("Điền theo mặc định"))
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ResetRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.defaults_button.clicked.connect(self.fill_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Theo Nghị định 30/2020/NĐ-CP. Giữ cho các kỳ sau; số văn bản là của báo cáo này.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.show_profile(workspace.profile(assessment_id))

    def show_profile(self, p: AgencyProfile) -> None:
        self.parent_line.setText(p.parent_line)
        self.issuer.setPlainText(p.issuer)
        self.place.setText(p.place)
        self.symbol.setText(p.symbol)
        self.number.setText(p.number)
        self.authority.setCurrentIndex(max(self.authority.findData(p.authority), 0))
        self.on_behalf.setText(p.on_behalf)
        self.position.setText(p.signer_position)
        self.signer.setText(p.signer_name)
        self.recipients.setPlainText("\n".join(p.recipients))
        self.email.setText(p.recipient_email)

    def profile(self) -> AgencyProfile:
        lines = [x.strip() for x in self.recipients.toPlainText().splitlines() if x.strip()]
        return AgencyProfile(
            parent_line=self.parent_line.text(), issuer=self.issuer.toPlainText().strip(), place=self.place.text(),
            symbol=self.symbol.text(), number=self.number.text(), authority=self.authority.currentData(),
            on_behalf=self.on_behalf.text(), signer_position=self.position.text(), signer_name=self.signer.text(),
            recipients=tuple(x.lstrip("- ").rstrip(";") for x in lines), recipient_email=self.email.text())

    def fill_defaults(self) -> None:
        from egov_desktop.reports.profile import default_profile
        d = self.workspace.get(self.assessment_id).data
        self.show_profile(default_profile(d.agency, d.period))

    def save(self) -> None:
        try:
            saved = self.workspace.set_profile(self.assessment_id, self.profile())
        except UserError as e:
            self.message.setText(describe_error(e))
            return
        self.saved.emit(saved)
        self.accept()
