"""Import: the received files of a folder (or chosen files) into the store, in the background,
then the report grouped by outcome, which can be saved (CSV) to answer the agencies."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import language, pick, tr

from .. import settings as ui_settings
from ..tasks import Cancelled

FILE_FILTER = "*.pdf *.egov.json *.json *.xlsx"


def outcome_labels() -> dict[str, str]:
    """The outcomes in the order the report lists them."""
    return {
        "imported": tr("Đã nhập"),
        "replaced": tr("Đã nhập, thay cho lần sửa đổi cũ hơn"),
        "duplicate": tr("Trùng với hồ sơ đã có (bỏ qua)"),
        "outdated": tr("Cũ hơn hồ sơ đã có (bỏ qua)"),
        "conflict": tr("Xung đột: hai bản khác nhau của cùng một lần sửa đổi"),
        "refused": tr("Bị từ chối"),
    }


class ImportTab(QWidget):
    imported = Signal(object)   # the ImportReport (also after Cancel: what was imported until then)
    report_saved = Signal(str)

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.report = None
        self.task = None
        intro = QLabel(tr("Chọn thư mục chứa các báo cáo PDF (hoặc tệp .egov.json, mẫu Excel đã điền) nhận qua "
                          "thư điện tử. Dữ liệu đính kèm trong từng tệp được kiểm tra (mã băm, chữ ký, bộ tiêu chí) "
                          "trước khi nhập; tệp không hợp lệ không làm thay đổi gì."))
        intro.setWordWrap(True)
        self.folder_button = QPushButton(tr("Nhập cả thư mục…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button = QPushButton(tr("Nhập các tệp…"))
        self.files_button.clicked.connect(self.choose_files)
        self.save_button = QPushButton(tr("Lưu báo cáo nhập…"))
        self.save_button.clicked.connect(self.save_report)
        self.save_button.setEnabled(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Tệp"), tr("Cơ quan"), tr("Lý do"), tr("Ký số")])
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 240)
        self.tree.setWordWrap(True)
        bar = QHBoxLayout()
        for b in (self.folder_button, self.files_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def selection_changed(self) -> None:
        """(The import does not depend on the chosen framework and period.)"""

    # ------------------------------------------------------------ choosing
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục báo cáo đã nhận"),
                                                  ui_settings.last_folder("province-import"))
        if folder:
            ui_settings.remember_folder("province-import", folder)
            self.import_paths([folder])

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Chọn các tệp báo cáo đã nhận"),
                                                ui_settings.last_folder("province-import"),
                                                tr("Báo cáo và tệp đánh giá ({patterns})", patterns=FILE_FILTER))
        if paths:
            ui_settings.remember_folder("province-import", paths[0])
            self.import_paths(paths)

    # ------------------------------------------------------------ importing
    def import_paths(self, paths: list[str]) -> None:
        from egov_desktop.province import importer

        store = self.page.store
        holder: dict[str, object] = {}

        def work(ctx):
            def progress(n: int, total: int, name: str) -> None:
                ctx.progress(n, total, tr("Đang nhập {n}/{total}: {name}", n=n + 1 if n < total else n,
                                          total=total, name=name) if name else tr("Đang lưu…"))

            holder["report"] = importer.import_files(store, paths, progress=progress, cancel=lambda: ctx.cancelled)
            return holder["report"]

        def cancelled(error: BaseException) -> None:
            if isinstance(error, Cancelled) and "report" in holder:
                self.show_report(holder["report"])

        self.folder_button.setEnabled(False)
        self.files_button.setEnabled(False)
        self.task = self.page.with_progress(tr("Đang nhập báo cáo…"), work, self.show_report)
        self.task.failed.connect(cancelled)
        self.task.finished.connect(self._finished)

    def _finished(self) -> None:
        self.folder_button.setEnabled(True)
        self.files_button.setEnabled(True)

    def show_report(self, report) -> None:
        self.report = report
        labels = outcome_labels()
        counts = report.counts()
        self.tree.clear()
        for outcome, label in labels.items():
            items = report.of(outcome)
            if not items:
                continue
            top = QTreeWidgetItem([f"{label} ({len(items)})"])
            top.setData(0, Qt.UserRole, outcome)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for i in items:
                child = QTreeWidgetItem([i.source, i.agency, pick(i.reason) if i.reason else "",
                                         signature_text(i, language())])
                child.setToolTip(2, child.text(2))
                child.setToolTip(3, child.text(3))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(outcome != "duplicate")
        parts = [f"{labels[k]}: {n}" for k, n in counts.items() if n]
        text = tr("{n} tệp.", n=len(report.items)) + " " + "; ".join(parts)
        if report.cancelled:
            text = tr("Đã dừng theo yêu cầu; những tệp trước đó đã được nhập.") + " " + text
        self.summary.setText(text)
        self.save_button.setEnabled(bool(report.items))
        self.page.say(text)
        self.imported.emit(report)
        self.page.reload(choose=report.main_slot())

    def save_report(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu báo cáo nhập"),
                                              str(Path(ui_settings.last_folder("province-report")) / "bao-cao-nhap.csv"),
                                              tr("Bảng CSV (*.csv)"))
        if not path:
            return
        ui_settings.remember_folder("province-report", path)
        from egov_desktop.province.publish import write

        try:
            write(path, report_csv(self.report, language()))
        except OSError as e:
            self.page.show_error(tr("Không ghi được {path}: {reason}", path=path, reason=e.strerror))
            return
        self.page.say(tr("Đã lưu {path}", path=path))
        self.report_saved.emit(path)


def signature_text(item, lang: str) -> str:
    """Who signed the file, whether that covers the whole document, and any warning."""
    if not item.signed_by:
        return ""
    cover = tr("toàn bộ tài liệu", lang) if item.whole_document else tr("không phải toàn bộ tài liệu", lang)
    text = f"{item.signed_by} ({tr('phạm vi', lang)}: {cover})"
    return "; ".join([text] + [f"{tr('Cảnh báo', lang)}: {w.get(lang)}" for w in item.warnings])


def report_csv(report, lang: str) -> bytes:
    """The import report as a table: outcome, file, agency, reason (text cells formula-safe)."""
    from egov_desktop.province.publish import safe_text

    labels = outcome_labels()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([tr("Kết quả"), tr("Tệp"), tr("Cơ quan"), tr("Lý do"), tr("Ký số")])
    for outcome in labels:
        for i in report.of(outcome):
            reason = (i.reason.get(lang) if i.reason else "")
            w.writerow([safe_text(v) for v in (labels[outcome], i.source, i.agency, reason, signature_text(i, lang))])
    return buf.getvalue().encode("utf-8-sig")
