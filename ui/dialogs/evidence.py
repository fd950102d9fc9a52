"""Evidence for one indicator: documents (number, date, summary) with an optional attached file."""
from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPushButton, QVBoxLayout,
)

from egov_desktop import untrusted
from egov_desktop.domain import Evidence
from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr

from ..formatting import fmt_date, fmt_number
from ..screen_fit import fit_dialog
from ..settings import last_folder, remember_folder
from ..widgets.field_error import with_error


def describe(e: Evidence) -> str:
    parts = [p for p in (e.number, fmt_date(e.date), e.summary) if p]
    if e.file_name:
        parts.append(f"{tr('Tệp')}: {e.file_name} ({fmt_number(e.size / 1024, 0)} KB)")
    return " — ".join(parts) or tr("(tài liệu không tên)")


class EvidenceDialog(QDialog):
    """Edits the list of evidence documents; `evidence()` is the result."""

    def __init__(self, title: str, evidence: tuple[Evidence, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tài liệu kiểm chứng — {title}", title=title))
        self.items = list(evidence)
        self.attached: dict[int, str] = {}  # item index -> path of a newly attached file
        self.list = QListWidget()
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("ví dụ: 125/QĐ-UBND"))
        self.date = QLineEdit()
        self.date.setPlaceholderText(tr("ngày/tháng/năm"))
        self.summary = QLineEdit()
        self.file = QLabel(tr("(chưa đính kèm tệp)"))
        self._file_path = ""
        attach = QPushButton(tr("Đính kèm tệp…"))
        attach.clicked.connect(self._attach)
        add = self.add_button = QPushButton(tr("Thêm tài liệu"))
        add.clicked.connect(self._add)
        remove = QPushButton(tr("Xóa tài liệu đã chọn"))
        remove.clicked.connect(self._remove)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Số hiệu văn bản"), self.number)
        date_row, self.date_error = with_error(self.date)  # a wrong date is said under it
        self.date.textEdited.connect(lambda _: self.date_error.clear_message())
        form.addRow(tr("Ngày ban hành"), date_row)
        form.addRow(tr("Trích yếu"), self.summary)
        frow = QHBoxLayout()
        frow.addWidget(self.file, 1)
        frow.addWidget(attach)
        form.addRow(tr("Tệp"), frow)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(remove)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        arow = QHBoxLayout()
        arow.addStretch(1)
        arow.addWidget(add)
        layout.addLayout(arow)
        layout.addWidget(buttons)
        fit_dialog(self, 560, 420)
        self._fill()
        self.number.setFocus()  # the document's number is typed first, not the (empty) list

    def _fill(self) -> None:
        self.list.clear()
        for e in self.items:
            self.list.addItem(describe(e))

    def _attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn tệp kiểm chứng"), last_folder("evidence"))
        if path:
            remember_folder("evidence", path)
            self._file_path = path
            self.file.setText(Path(path).name)

    def _add(self) -> None:
        from ..formatting import read_date

        iso, why = read_date(self.date.text())
        if why:  # a date that does not exist is told apart from a wrong form
            self.date_error.say(why)
            self.date.setFocus()
            return
        iso = iso or ""
        if not (self.number.text().strip() or self.summary.text().strip() or self._file_path):
            self.error.setText(tr("Cần ít nhất số hiệu, trích yếu hoặc một tệp"))
            return
        name, sha, size = "", "", 0
        if self._file_path:
            from egov_desktop.services import MAX_EVIDENCE_BYTES

            try:  # a regular file of bounded size only: a pipe would freeze the window, a device fill memory
                data = untrusted.read_file(self._file_path, MAX_EVIDENCE_BYTES)
            except UserError as e:
                self.error.setText(e.describe(language()))
                return
            name, sha, size = Path(self._file_path).name, hashlib.sha256(data).hexdigest(), len(data)
            self.attached[len(self.items)] = self._file_path
        self.items.append(Evidence(self.number.text().strip(), iso, self.summary.text().strip(), name, sha, size))
        self.number.clear()
        self.date.clear()
        self.summary.clear()
        self._file_path = ""
        self.file.setText(tr("(chưa đính kèm tệp)"))
        self.error.clear()
        self._fill()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            del self.items[row]
            self.attached = {(i if i < row else i - 1): p for i, p in self.attached.items() if i != row}
            self._fill()

    def accept(self) -> None:
        if self.number.text().strip() or self.summary.text().strip() or self._file_path:
            self._add()  # what is typed but not yet added is not lost
            if self.error.text():
                return
        super().accept()

    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(self.items)
