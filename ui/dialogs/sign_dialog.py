"""The "Ký số" step of exporting a final report: sign with the agency's certificate (the token or
the .p12 file chosen in Settings), asking for its PIN or passphrase; or export without signing.

The key is unlocked here, before anything is made: a wrong PIN is said in the dialog and asked
again. The dialog hands back an open exchange.pades.Signer (the caller closes it).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout,
)

from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr

from .. import style


class SignDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Ký số báo cáo"))
        self.settings = settings
        self.signer = None
        intro = QLabel(tr("Báo cáo đã hoàn thành có thể được ký số bằng chứng thư số của cơ quan trước khi gửi Sở. "
                          "Sở kiểm tra chữ ký và biết tài liệu có bị sửa sau khi ký hay không."))
        intro.setWordWrap(True)
        self.with_token = style.RadioButton(tr("Ký số bằng thiết bị ký số (token)"))
        self.with_p12 = style.RadioButton(tr("Ký số bằng tệp chứng thư số (.p12)"))
        self.unsigned = style.RadioButton(tr("Không ký số (chỉ xuất báo cáo)"))
        group = QButtonGroup(self)
        for b in (self.with_token, self.with_p12, self.unsigned):
            group.addButton(b)
        self.with_token.setEnabled(bool(settings.pkcs11_module))
        self.with_p12.setEnabled(bool(settings.p12_file))
        (self.with_token if settings.pkcs11_module else self.with_p12 if settings.p12_file else self.unsigned).setChecked(True)
        where = QLabel(self._where())
        style.hint(where)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.Password)
        self.secret.setObjectName("secret")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form = QFormLayout()
        self.secret_label = QLabel()
        form.addRow(self.secret_label, self.secret)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Tiếp tục"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        for w in (intro, self.with_token, self.with_p12, self.unsigned, where):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        group.buttonToggled.connect(self._mode_changed)
        self._mode_changed()
        self.setMinimumWidth(560)
        layout.setSizeConstraint(QLayout.SetMinimumSize)   # wrapped labels get the height they need

    def _where(self) -> str:
        s = self.settings
        parts = []
        if s.pkcs11_module:
            parts.append(tr("Thiết bị ký số: {module} {token} {key}", module=s.pkcs11_module,
                            token=f"«{s.token_label}»" if s.token_label else "", key=s.key_label))
        if s.p12_file:
            parts.append(tr("Tệp chứng thư số: {file}", file=s.p12_file))
        return "\n".join(parts) or tr("Chưa cài đặt chứng thư số (Cài đặt → Ký số).")

    def _mode_changed(self, *_) -> None:
        token = self.with_token.isChecked()
        self.secret_label.setText(tr("Mã PIN:") if token else tr("Mật khẩu tệp .p12:"))
        self.secret.setEnabled(not self.unsigned.isChecked())
        if not self.unsigned.isChecked():
            self.secret.setFocus()

    def _accept(self) -> None:
        from egov_desktop.exchange import pades

        if self.unsigned.isChecked():
            self.accept()
            return
        s = self.settings
        if self.with_token.isChecked():
            signer = pades.Signer.from_token(s.pkcs11_module, s.token_label or None, s.key_label or None,
                                             self.secret.text())
        else:
            signer = pades.Signer.from_p12(s.p12_file, self.secret.text() or None)
        try:
            signer.open()
        except UserError as e:
            self.problem.setText(e.describe(language()))
            self.problem.show()
            self.secret.selectAll()
            self.secret.setFocus()
            return
        self.signer = signer
        self.accept()


def ask_signer(window):
    """The open Signer for a final report, None to export unsigned, False when the user cancels.
    No question at all while no certificate is set up in the settings."""
    from egov_desktop.exchange import signing_settings

    settings = signing_settings.load()
    if not (settings.pkcs11_module or settings.p12_file):
        return None
    dialog = SignDialog(settings, window)
    if dialog.exec() != QDialog.Accepted:
        return False
    return dialog.signer
