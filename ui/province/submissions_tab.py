"""Submissions of the chosen framework and period: search, status, accept, return for correction
with a note (and the PDF letter to send back), and the agency's answers, read-only, with the
reviewer's appraisal of each question (answers_dialog)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import language, tr

from .. import settings as ui_settings
from .. import style
from ..formatting import fmt_date, fmt_number, fmt_percent
from ..screen_fit import fit_dialog
from .answers_dialog import AnswersDialog
from .labels import signature_label, signer_name, status_label
from .models import Column, RowsModel, selected_row, table_view

SIGNER_KEY = "province/signer"


def columns() -> list[Column]:
    return [
        Column(tr("Cơ quan"), lambda s: s.agency_name, tip=lambda s: s.source_name),
        Column(tr("Thuộc"), lambda s: s.parent_name),
        Column(tr("Mã"), lambda s: s.agency_code),
        Column(tr("Lần sửa đổi"), lambda s: str(s.revision), lambda s: s.revision, right=True),
        Column(tr("Điểm"), lambda s: fmt_number(s.total_scaled, 2), lambda s: s.total, right=True,
               tip=lambda s: tr("Tự đánh giá: {own}; cuối cùng (sau thẩm định): {final}",
                                own=fmt_number(s.self_total_scaled, 2), final=fmt_number(s.total_scaled, 2))),
        Column(tr("Xếp loại"), lambda s: s.band_en if language() == "en" and s.band_en else s.band_vi),
        Column(tr("Hoàn thành"), lambda s: fmt_percent(s.completeness, 0), lambda s: s.completeness, right=True),
        Column(tr("Trạng thái"), lambda s: status_label(s.status), tip=lambda s: s.review_note),
        Column(tr("Chữ ký"), lambda s: signature_label(s.signature)),
        Column(tr("Ký số"), lambda s: signer_name(s.digital_signer), tip=lambda s: s.digital_signer),
        Column(tr("Ngày nhận"), lambda s: fmt_date(s.received_at), lambda s: s.received_at),
    ]


class SubmissionsTab(QWidget):
    reviewed = Signal(object)     # the Submission after accept or return
    note_saved = Signal(str)      # the return note PDF's path
    answers_opened = Signal(object)

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.return_dialog: ReturnDialog | None = None
        self.answers_dialog = None
        self.model = RowsModel(columns(), self)
        self.table, self.proxy = table_view(self.model, name_column=0)
        self.table.doubleClicked.connect(self._open_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Tìm theo cơ quan, mã, trạng thái… (gõ có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.status = QComboBox()
        self.status.addItem(tr("Mọi trạng thái"), "")
        for s in ("received", "accepted", "returned"):
            self.status.addItem(status_label(s), s)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.open_button = QPushButton(tr("Xem câu trả lời"))
        self.open_button.clicked.connect(self._open_clicked)
        self.accept_button = QPushButton(tr("Chấp nhận"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.return_button = QPushButton(tr("Trả lại để sửa…"))
        self.return_button.clicked.connect(self.return_selected)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.status)
        bar = QHBoxLayout()
        for b in (self.open_button, self.accept_button, self.return_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def selection_changed(self) -> None:
        keep = self.selected()
        rows = self.page.selected_submissions()
        wanted = self.status.currentData()
        if wanted:
            rows = [s for s in rows if s.status == wanted]
        self.model.set_rows(rows)
        self.count.setText(tr("{n} hồ sơ", n=len(rows)))
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def _status_changed(self) -> None:
        self.selection_changed()

    def select(self, submission_id: int) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.row_object(r).id == submission_id:
                self.table.selectRow(r)
                return

    def selected(self):
        return selected_row(self.table)

    def _update_buttons(self, *_args) -> None:
        s = self.selected()
        self.open_button.setEnabled(s is not None)
        self.accept_button.setEnabled(s is not None and s.status != "accepted")
        self.return_button.setEnabled(s is not None)

    # ------------------------------------------------------------ review
    def accept_selected(self) -> None:
        from egov_desktop.province import review

        s = self.selected()
        if s is None:
            return
        store = self.page.store
        self.page.background(lambda: review.accept(store, s.id), self._reviewed)

    def _reviewed(self, sub) -> None:
        self.page.say(tr("{agency}: {status}", agency=sub.agency_name, status=status_label(sub.status)))
        self.reviewed.emit(sub)
        self.page.reload()

    def return_selected(self) -> None:
        s = self.selected()
        if s is None:
            return
        from egov_desktop.province import review

        self.return_dialog = ReturnDialog(s, self)
        self.return_dialog.accepted.connect(self._return_confirmed)
        self.return_dialog.open()
        store, dialog = self.page.store, self.return_dialog
        self.page.background(lambda: review.remarks_for(store, s.id), dialog.show_remarks)

    def _return_confirmed(self) -> None:
        """The letter first, then the status: Cancel in the save dialog leaves the submission as it was."""
        from egov_desktop.province import review

        d = self.return_dialog
        s, note, signer = d.submission, d.note.toPlainText(), d.signer.text().strip()
        ui_settings.ui_settings().setValue(SIGNER_KEY, signer)
        name = review.return_note_file_name(s)
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu phiếu trả lại (PDF)"),
                                              str(Path(ui_settings.last_folder("province-note")) / name),
                                              tr("Tệp PDF (*.pdf)"))
        if not path:
            self.page.say(tr("Chưa trả lại: phiếu trả lại chưa được lưu"))
            return
        ui_settings.remember_folder("province-note", path)
        store, province, lang = self.page.store, self.page.authority.text().strip(), language()

        def work(ctx):
            returned, written = review.return_with_note(store, s.id, note, path, signer, province, lang,
                                                        remarks=review.remarks_for(store, s.id))
            return returned, str(written)

        self.page.with_progress(tr("Đang lập phiếu trả lại…"), work, self._returned)

    def _returned(self, result) -> None:
        returned, path = result
        self._reviewed(returned)
        self._note_saved(path)

    def _note_saved(self, path: str) -> None:
        self.page.say(tr("Đã lưu phiếu trả lại: {path}", path=path))
        self.note_saved.emit(path)

    # ------------------------------------------------------------ the answers
    def _open_clicked(self, *_args) -> None:
        self.open_answers()

    def open_answers(self) -> None:
        from egov_desktop.province import appraisal, review

        s = self.selected()
        if s is None:
            return
        store = self.page.store

        def shown(got) -> None:
            data, sheet, changes = got
            self.answers_dialog = AnswersDialog(s, data, self, sheet=sheet, store=store, changes=changes)
            self.answers_dialog.appraisal_saved.connect(self._appraised)
            self.answers_dialog.show()
            self.answers_opened.emit(self.answers_dialog)

        def read():
            from egov_desktop.province.changes import since_returned
            return review.assessment(store, s.id), appraisal.sheet(store, s.id), since_returned(store, s.id)

        self.page.background(read, shown)

    def _appraised(self, _sheet) -> None:
        self.page.reload()   # the final total in the list and the ranking


class ReturnDialog(QDialog):
    """The note that goes back to the agency with its submission."""

    def __init__(self, submission, parent=None):
        super().__init__(parent)
        self.submission = submission
        self.setWindowTitle(tr("Trả lại hồ sơ để sửa"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("Ghi rõ những chỉ tiêu cần sửa và lý do…"))
        self.signer = QLineEdit(ui_settings.ui_settings().value(SIGNER_KEY, "", str))
        self.signer.setPlaceholderText(tr("Họ và tên người ký phiếu"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Trả lại và lập phiếu"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self._cancel)
        self.note.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(tr("Cơ quan:"), QLabel(f"{submission.agency_name} — {submission.period}"))
        form.addRow(tr("Nội dung cần sửa:"), self.note)
        form.addRow(tr("Người ký:"), self.signer)
        self.remarks = QLabel()   # what the appraisal's remarks add to the note (review.remarks_for)
        self.remarks.setWordWrap(True)
        style.hint(self.remarks)
        self.remarks.hide()
        self.remark_count = 0
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remarks)
        layout.addWidget(self.buttons)
        fit_dialog(self, 560, 320)
        self._update()

    def show_remarks(self, remarks: dict) -> None:
        self.remark_count = len(remarks)
        self.remarks.setText(tr("Phiếu kèm {n} nhận xét theo câu hỏi (từ thẩm định).", n=len(remarks)))
        self.remarks.setVisible(bool(remarks))
        self._update()

    def _update(self) -> None:
        # remarks on single questions are a note by themselves
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.note.toPlainText().strip()) or
                                                            self.remark_count > 0)

    def _ok(self) -> None:
        self.accept()

    def _cancel(self) -> None:
        self.reject()
