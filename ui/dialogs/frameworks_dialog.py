"""Settings → Bộ tiêu chí: the frameworks on this PC (version, levels, period, source, where from);
install the file a province hands out (every problem shown with its sheet and cell), remove an
installed one, export one to Excel to start next year's set. The work is egov_desktop's
frameworks.library; installing and exporting run through ui/tasks.py."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from egov_desktop.errors import UserError
from egov_desktop.frameworks import registry
from egov_desktop.i18n import language, tr

from ..labels import describe_error, level_label
from ..screen_fit import fit_dialog
from ..tasks import run_in_background

FILE_FILTER = "Bộ tiêu chí (*.yaml *.yml *.xlsx)"


def install_file(parent, path: str, done: Callable[[object], None], failed: Callable[[BaseException], None]):
    """Check and install `path` in the background (the framework library does the work)."""
    from egov_desktop.frameworks import library

    return run_in_background(lambda ctx: library.install(path), done, failed, parent)


class FrameworksDialog(QDialog):
    installed = Signal(str)   # "id@version" installed (or found already there)
    removed = Signal(str)     # "id@version"
    exported = Signal(str)    # the file written
    failed = Signal(str)      # the message shown

    def __init__(self, in_use: Callable[[str, str], int] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Bộ tiêu chí"))
        self._in_use = in_use or (lambda fid, version: 0)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([tr("Mã"), tr("Phiên bản"), tr("Tên"), tr("Cấp"), tr("Kỳ áp dụng"),
                                              tr("Ban hành"), tr("Nguồn")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)  # one line a framework; the full text in each cell's tooltip
        self.table.verticalHeader().setVisible(False)
        self.table.setTextElideMode(Qt.ElideRight)
        header = self.table.horizontalHeader()
        for col in (0, 1, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for col, width in ((3, 150), (5, 170), (6, 110)):  # level, issuer, where from: elided, whole in the tooltip
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            header.resizeSection(col, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.install_button = QPushButton(tr("Cài từ tệp…"))
        self.install_button.setToolTip(tr("Cài tệp bộ tiêu chí (.yaml hoặc .xlsx) do Sở gửi; tệp được kiểm tra trước"))
        self.install_button.clicked.connect(self._install_clicked)
        self.export_button = QPushButton(tr("Xuất ra Excel…"))
        self.export_button.setToolTip(tr("Lưu bộ tiêu chí đã chọn thành sổ tính Excel để soạn bộ của năm sau"))
        self.export_button.clicked.connect(self._export_clicked)
        self.remove_button = QPushButton(tr("Gỡ…"))
        self.remove_button.clicked.connect(self._remove_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.problems = QPlainTextEdit()  # every problem of a refused file, by sheet and cell
        self.problems.setReadOnly(True)
        self.problems.setVisible(False)
        row = QHBoxLayout()
        for b in (self.install_button, self.export_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Bộ tiêu chí có sẵn trong chương trình và bộ tiêu chí đã cài. Mỗi phiên bản "
                                   "giữ nguyên nội dung; bản đánh giá mới dùng phiên bản mới nhất.")))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.refresh()
        fit_dialog(self, 900, 520)

    # ------------------------------------------------------------ the list
    def refresh(self, select: str = "") -> None:
        self.infos = registry.list()
        en = language() == "en"
        self.table.setRowCount(len(self.infos))
        for r, i in enumerate(self.infos):
            period = f"{_date(i.period_from)} – {_date(i.period_to)}"
            cells = (i.id, i.version, i.title_en if en else i.title_vi,
                     ", ".join(level_label(lv) for lv in i.levels), period, _issued(i),
                     tr("có sẵn") if i.builtin else Path(i.path).name)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(i.path if c == 6 else text)
                self.table.setItem(r, c, item)
            if select and f"{i.id}@{i.version}" == select:
                self.table.selectRow(r)
        self._selection_changed()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        info = self.selected()
        self.export_button.setEnabled(info is not None)
        self.remove_button.setEnabled(info is not None and not info.builtin)

    # ------------------------------------------------------------ install, export, remove
    def _install_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Cài bộ tiêu chí"), "", tr(FILE_FILTER))
        if path:
            self.install(path)

    def install(self, path: str) -> None:
        self.say(tr("Đang kiểm tra và cài {file}…", file=path))
        self.install_button.setEnabled(False)

        def done(result) -> None:
            self.install_button.setEnabled(True)
            ref = f"{result.framework.id}@{result.framework.version}"
            self.refresh(select=ref)
            self.say((tr("Đã có sẵn (cùng nội dung): {ref}", ref=ref) if result.outcome == "already"
                      else tr("Đã cài {ref}", ref=ref)) + " " + result.issuer.describe(),
                     warn=result.issuer.state == "unsigned")
            self.installed.emit(ref)

        def failed(error: BaseException) -> None:
            self.install_button.setEnabled(True)
            self.show_problems(tr("Không cài được {file}:", file=path), error)

        install_file(self, path, done, failed)

    def _export_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Xuất bộ tiêu chí"), f"{info.id}-{info.version}.xlsx",
                                              tr("Bảng tính Excel (*.xlsx)"))
        if path:
            self.export(f"{info.id}@{info.version}", path)

    def export(self, ref: str, path: str) -> None:
        from egov_desktop.frameworks import library

        def done(out) -> None:
            self.say(tr("Đã xuất {ref}: {file}", ref=ref, file=str(out)))
            self.exported.emit(str(out))

        run_in_background(lambda ctx: library.export(ref, path), done,
                          lambda e: self.show_problems(tr("Không xuất được:"), e), self)

    def _remove_clicked(self) -> None:
        info = self.selected()
        if info is None or info.builtin:
            return
        ref = f"{info.id}@{info.version}"
        if QMessageBox.question(self, tr("Gỡ bộ tiêu chí"), tr("Gỡ bộ tiêu chí «{ref}» khỏi máy này?", ref=ref)) \
                != QMessageBox.Yes:
            return
        self.remove(ref)

    def remove(self, ref: str) -> None:
        from egov_desktop.frameworks import library

        fid, version = library.split_ref(ref)
        try:
            library.remove(ref, self._in_use(fid, version))
        except UserError as e:
            self.show_problems(tr("Không gỡ được:"), e)
            return
        self.refresh()
        self.say(tr("Đã gỡ {ref}", ref=ref))
        self.removed.emit(ref)

    # ------------------------------------------------------------ saying things
    def say(self, text: str, warn: bool = False) -> None:
        self.problems.setVisible(False)
        self.message.setStyleSheet("color: #9a5b00;" if warn else "")
        self.message.setText(text)

    def show_problems(self, head: str, error: BaseException) -> None:
        text = describe_error(error)
        self.message.setStyleSheet("color: #b03a2e;")
        self.message.setText(head)
        self.problems.setPlainText(text)
        self.problems.setVisible(True)
        self.failed.emit(text)


def _issued(info) -> str:
    """Who issued the file: the built-in sets are the program's; others as signed (or not)."""
    if info.builtin:
        return tr("chương trình")
    if info.issuer_state in ("verified", "signed"):
        return info.issuer_name + (" ✓" if info.issuer_state == "verified" else "")
    return tr("chưa ký")


def _date(iso: str | None) -> str:
    if not iso:
        return "…"
    from ..formatting import fmt_date
    return fmt_date(iso)



