"""Settings: language (switched at once), data folder, frameworks, digital signature (the token's
PKCS#11 driver, token and key, or a .p12 file; the province's trusted root certificates),
backups (make, restore)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPushButton, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import LANGUAGES, language, tr
from egov_desktop.paths import data_dir

from ..formatting import fmt_date, fmt_number
from ..labels import backup_reason_label
from ..screen_fit import fit_dialog


# why a backup was made (storage.backup), as the list shows it
class SettingsDialog(QDialog):
    language_chosen = Signal(str)
    backup_requested = Signal()
    restore_requested = Signal(str)  # backup file
    check_requested = Signal()
    frameworks_requested = Signal()

    def __init__(self, backups: list, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Cài đặt"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(language()))
        self.language.activated.connect(self._language_picked)
        folder = QLabel(str(data_dir()))
        folder.setWordWrap(True)
        folder.setToolTip(tr("Đổi bằng tùy chọn --data-dir hoặc biến môi trường EGOV_DESKTOP_DATA_DIR; "
                             "chế độ di động: đặt tệp portable.txt cạnh chương trình."))
        general = QGroupBox(tr("Chung"))
        f = QFormLayout(general)
        f.addRow(tr("Ngôn ngữ / Language"), self.language)
        f.addRow(tr("Thư mục dữ liệu"), folder)
        self.frameworks_button = QPushButton(tr("Bộ tiêu chí…"))
        self.frameworks_button.setToolTip(tr("Xem, cài, gỡ và xuất các bộ tiêu chí"))
        self.frameworks_button.clicked.connect(self.frameworks_requested)
        f.addRow(tr("Bộ tiêu chí"), self.frameworks_button)
        self.backups = QListWidget()
        self.backup_infos = list(backups)
        self.fill_backups(backups)
        make = QPushButton(tr("Sao lưu ngay"))
        make.clicked.connect(self.backup_requested)
        self.restore_button = QPushButton(tr("Khôi phục bản sao lưu này"))
        self.restore_button.setToolTip(tr("Thay dữ liệu hiện tại bằng bản sao lưu đã chọn; "
                                          "dữ liệu hiện tại được giữ lại thành một bản sao lưu."))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        self.backups.currentRowChanged.connect(self._row_changed)
        self.check_button = QPushButton(tr("Kiểm tra toàn bộ dữ liệu"))
        self.check_button.setToolTip(tr("Đọc mọi dòng, mọi nội dung và kiểm tra mã băm của mọi bản đã hoàn tất"))
        self.check_button.clicked.connect(self.check_requested)
        b = QGroupBox(tr("Sao lưu"))
        bl = QVBoxLayout(b)
        bl.addWidget(QLabel(tr("Chương trình tự sao lưu mỗi ngày và trước mỗi lần nâng cấp.")))
        bl.addWidget(self.backups)
        row = QHBoxLayout()
        row.addWidget(make)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        bl.addLayout(row)
        signing = self._signing_group()
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(signing)
        layout.addWidget(b, 1)
        layout.addWidget(buttons)
        self.finished.connect(self._save_signing)
        fit_dialog(self, 600, 620)

    def _signing_group(self) -> QGroupBox:
        """Where the agency's certificate is: never assumed (a token's driver differs by CA and system)."""
        from egov_desktop.exchange import signing_settings

        s = signing_settings.load()
        self.pkcs11_module = QLineEdit(s.pkcs11_module)
        self.pkcs11_module.setPlaceholderText(tr("ví dụ C:\\Windows\\System32\\...dll (theo hướng dẫn của nhà cung cấp)"))
        self.token_label = QLineEdit(s.token_label)
        self.token_label.setPlaceholderText(tr("để trống: thiết bị đầu tiên tìm thấy"))
        self.key_label = QLineEdit(s.key_label)
        self.p12_file = QLineEdit(s.p12_file)
        self.trusted_roots = QLineEdit(s.trusted_roots)
        self.trusted_roots.setPlaceholderText(str(signing_settings.SigningSettings().roots_folder()))
        g = QGroupBox(tr("Ký số"))
        f = QFormLayout(g)
        f.addRow(tr("Trình điều khiển PKCS#11 của token"), self._with_browse(
            self.pkcs11_module, tr("Thư viện PKCS#11 (*.dll *.so *.dylib);;Mọi tệp (*)")))
        f.addRow(tr("Nhãn thiết bị (token)"), self.token_label)
        f.addRow(tr("Nhãn khoá"), self.key_label)
        f.addRow(tr("Hoặc tệp chứng thư số .p12"), self._with_browse(
            self.p12_file, tr("Chứng thư số (*.p12 *.pfx)")))
        f.addRow(tr("CA gốc được tin cậy (Sở)"), self._with_browse(self.trusted_roots, None))
        return g

    def _with_browse(self, edit: QLineEdit, file_filter: str | None) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        browse = QPushButton(tr("Chọn…"))

        def pick() -> None:
            if file_filter is None:
                chosen = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục"), edit.text())
            else:
                chosen, _ = QFileDialog.getOpenFileName(self, tr("Chọn tệp"), edit.text(), file_filter)
            if chosen:
                edit.setText(chosen)

        browse.clicked.connect(pick)
        row.addWidget(browse)
        return box

    def _save_signing(self, *_) -> None:
        from egov_desktop.exchange import signing_settings

        chosen = signing_settings.SigningSettings(
            self.pkcs11_module.text().strip(), self.token_label.text().strip(), self.key_label.text().strip(),
            self.p12_file.text().strip(), self.trusted_roots.text().strip())
        if chosen != signing_settings.load():
            signing_settings.save(chosen)

    def _language_picked(self, i: int) -> None:
        self.language_chosen.emit(self.language.itemData(i))

    def fill_backups(self, backups: list) -> None:
        self.backup_infos = list(backups)
        self.backups.clear()
        for info in self.backup_infos:
            path = Path(info.path)
            when = info.created
            size = info.size
            self.backups.addItem(f"{fmt_date(str(when))} {str(when)[11:16]} — {backup_reason_label(info.reason)} — "
                                 f"{fmt_number(size / 1024, 0)} KB")
            self.backups.item(self.backups.count() - 1).setToolTip(str(path))  # its name holds the reason code

    def _row_changed(self, row: int) -> None:
        self.restore_button.setEnabled(row >= 0)

    def _restore(self) -> None:
        row = self.backups.currentRow()
        if row >= 0:
            self.restore_requested.emit(str(self.backup_infos[row].path))
