"""The roster of the chosen period (the communes of a province from the official unit list, or a
workbook) and completeness: who submitted, who was accepted or returned, who is missing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import tr

from .. import settings as ui_settings
from .models import Column, RowsModel, table_view

PROVINCE_KEY = "province/roster_province"
STATES = ("missing", "submitted", "accepted", "returned")


def state_label(state: str) -> str:
    return {"missing": tr("Chưa nộp"), "submitted": tr("Đã nộp, chờ duyệt"), "accepted": tr("Đã chấp nhận"),
            "returned": tr("Trả lại để sửa")}[state]


def columns() -> list[Column]:
    return [
        Column(tr("Mã"), lambda line: line.expected.code),
        Column(tr("Cơ quan, đơn vị"), lambda line: line.expected.name),
        Column(tr("Thuộc"), lambda line: line.expected.group_name),
        Column(tr("Thư điện tử"), lambda line: line.expected.email, tip=lambda line: line.expected.email),
        Column(tr("Tình trạng"), lambda line: state_label(line.state), lambda line: STATES.index(line.state)),
    ]


class RosterTab(QWidget):
    roster_loaded = Signal(int)          # how many agencies are expected
    completeness_shown = Signal(object)  # {state: count}
    reminders_written = Signal(list)     # the paths of the reminder list or of the e-mail drafts
    template_saved = Signal(str)         # the path of the roster table to complete

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.lines: list = []
        self._asked: tuple[str, str] | None = None
        from egov_desktop import units

        self.province = QComboBox()
        saved = ui_settings.ui_settings().value(PROVINCE_KEY, "", str)
        for u in units.provinces():
            self.province.addItem(u.name, u.code)
            if u.code == saved:
                self.province.setCurrentIndex(self.province.count() - 1)
        self.units_button = QPushButton(tr("Nạp các xã, phường của tỉnh"))
        self.units_button.setToolTip(tr("Danh sách dự kiến của kỳ đang chọn: mọi xã, phường, đặc khu của tỉnh "
                                        "theo danh mục đơn vị hành chính"))
        self.units_button.clicked.connect(self.load_units)
        self.table_button = QPushButton(tr("Nạp từ bảng (xlsx, csv)…"))
        self.table_button.setToolTip(tr("Bảng có dòng tiêu đề với cột «tên» (và «mã», «nhóm», «thư điện tử» nếu có; "
                                        "nhiều địa chỉ cách nhau bằng dấu ; hoặc dấu ,)"))
        self.table_button.clicked.connect(self.choose_table)
        self.template_button = QPushButton(tr("Bảng để điền địa chỉ…"))
        self.template_button.setToolTip(tr("Lưu danh sách của kỳ (hoặc các xã, phường của tỉnh) thành bảng xlsx để điền "
                                           "thư điện tử rồi nạp lại bằng «Nạp từ bảng»"))
        self.template_button.clicked.connect(self.save_template)
        self.list_button = QPushButton(tr("Danh sách chưa nộp (xlsx, PDF)…"))
        self.list_button.setToolTip(tr("Công văn đôn đốc kèm danh sách các cơ quan, đơn vị chưa nộp"))
        self.list_button.clicked.connect(self.save_reminder_list)
        self.mail_button = QPushButton(tr("Thư nhắc nộp (.eml)…"))
        self.mail_button.setToolTip(tr("Một thư nháp cho mỗi cơ quan, đơn vị chưa nộp, mở được bằng Outlook, "
                                       "Thunderbird"))
        self.mail_button.clicked.connect(self.save_reminder_mails)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.state = QComboBox()
        self.state.addItem(tr("Tất cả"), "")
        for s in STATES:
            self.state.addItem(state_label(s), s)
        self.state.currentIndexChanged.connect(self._state_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Tìm theo tên hoặc mã (gõ có dấu hoặc không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.model = RowsModel(columns(), self)
        self.table, self.proxy = table_view(self.model, name_column=1)
        self.search.textChanged.connect(self.proxy.set_search)
        source = QHBoxLayout()
        source.addWidget(QLabel(tr("Tỉnh, thành phố:")))
        source.addWidget(self.province)
        source.addWidget(self.units_button)
        source.addWidget(self.table_button)
        source.addWidget(self.template_button)
        source.addStretch(1)
        show = QHBoxLayout()
        show.addWidget(QLabel(tr("Hiển thị:")))
        show.addWidget(self.state)
        show.addWidget(self.search, 1)
        show.addWidget(self.list_button)
        show.addWidget(self.mail_button)
        layout = QVBoxLayout(self)
        layout.addLayout(source)
        layout.addWidget(self.counts)
        layout.addLayout(show)
        layout.addWidget(self.table, 1)

    # ------------------------------------------------------------ the roster
    def load_units(self) -> None:
        from egov_desktop.province import roster

        code, period = self.province.currentData(), self.page.period_id()
        ui_settings.ui_settings().setValue(PROVINCE_KEY, code)
        # a period before 1 July 2025: the communes of that time of the provinces that form this one
        self._set_roster(lambda: roster.from_units(code, period or None))

    def choose_table(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn bảng danh sách cơ quan"),
                                              ui_settings.last_folder("province-roster"),
                                              tr("Bảng tính (*.xlsx *.csv)"))
        if path:
            ui_settings.remember_folder("province-roster", path)
            from egov_desktop.province import roster
            self._set_roster(lambda: roster.from_table(path))

    def _set_roster(self, expected) -> None:
        from egov_desktop.province import roster

        store, period = self.page.store, self.page.period_id()
        if not period:
            self.page.show_error(tr("Chưa có kỳ đánh giá: hãy nhập báo cáo trước"))
            return

        def done(n: int) -> None:
            self.page.say(tr("Danh sách kỳ {period}: {n} cơ quan, đơn vị", period=period, n=n))
            self.roster_loaded.emit(n)
            self.refresh()

        self.page.background(lambda: roster.set_roster(store, period, expected()), done)

    def save_template(self) -> None:
        """The period's roster (the province's communes when none is loaded) as a table to fill in."""
        from egov_desktop.i18n import language
        from egov_desktop.province import roster
        from egov_desktop.province.publish import write
        from egov_desktop.reports.names import slug

        store, period, code = self.page.store, self.page.period_id(), self.province.currentData()
        if not period:
            self.page.show_error(tr("Chưa có kỳ đánh giá: hãy nhập báo cáo trước"))
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu bảng danh sách"),
                                              str(Path(ui_settings.last_folder("province-roster")) /
                                                  f"danh-sach-{slug(period)}.xlsx"), tr("Bảng tính (*.xlsx)"))
        if not path:
            return
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        ui_settings.remember_folder("province-roster", path)
        lang = language()

        def work() -> str:
            expected = roster.roster(store, period) or roster.from_units(code, period)
            write(path, roster.workbook(expected, lang))
            return path

        def done(written: str) -> None:
            self.page.say(tr("Đã lưu bảng danh sách: {file}", file=written))
            self.template_saved.emit(written)

        self.page.background(work, done)

    # ------------------------------------------------------------ reminders
    def save_reminder_list(self) -> None:
        from egov_desktop.reports.names import slug

        name = f"chua-nop-{slug(self.page.framework_id())}-{slug(self.page.period_id())}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu danh sách chưa nộp"),
                                              str(Path(ui_settings.last_folder("province-remind")) / name),
                                              tr("Bảng tính (*.xlsx);;Tệp PDF (*.pdf)"))
        if path:
            if Path(path).suffix.lower() not in (".xlsx", ".pdf"):
                path += ".xlsx"
            self._write_reminders(path)

    def save_reminder_mails(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Thư mục lưu thư nhắc nộp"),
                                                  ui_settings.last_folder("province-remind"))
        if folder:
            self._write_reminders(folder)

    def _write_reminders(self, target: str) -> None:
        from egov_desktop.i18n import language
        from egov_desktop.province import reminders

        ui_settings.remember_folder("province-remind", target)
        store, fid, period = self.page.store, self.page.framework_id(), self.page.period_id()
        authority, lang = self.page.authority.text().strip(), language()

        def work(ctx):
            r = reminders.reminder(store, fid, period, authority, lang)
            note = "" if reminders.is_list(target) else reminders.no_address_note(r, lang)
            return [str(p) for p in reminders.write_reminders(r, target, lang)], note

        def done(result: tuple) -> None:
            paths, note = result
            said = tr("Đã lập {n} tệp nhắc nộp: {target}", n=len(paths), target=target)
            self.page.say(f"{said}. {note}" if note else said)
            self.reminders_written.emit(paths)

        self.page.with_progress(tr("Đang lập thư nhắc nộp…"), work, done)

    # ------------------------------------------------------------ completeness
    def selection_changed(self) -> None:
        if not ui_settings.ui_settings().value(PROVINCE_KEY, "", str):
            self._guess_province()
        self.refresh()

    def _guess_province(self) -> None:
        """Until a province is chosen, the one most of the submissions belong to."""
        from collections import Counter

        from egov_desktop import units

        def province_today(s) -> str | None:   # a unit before the reform: the province it went into
            u = units.get(s.agency_code, "commune", period=s.period) if s.agency_code else None
            if u is None or not u.before_reform:
                return u.parent_code if u else None
            went = units.successors(u.parent_code, "province")
            return went[0].code if went else None

        found = Counter(c for s in self.page.selected_submissions() if (c := province_today(s)) is not None)
        for code, _ in found.most_common():
            i = self.province.findData(code)
            if i >= 0:
                self.province.setCurrentIndex(i)
                return

    def refresh(self) -> None:
        from egov_desktop.province import roster

        store, fid, period = self.page.store, self.page.framework_id(), self.page.period_id()
        if store is None or not fid or not period:
            self.show_lines([])
            return
        self._asked = (fid, period)

        def done(lines: list) -> None:
            if self._asked == (fid, period):  # not an answer to an earlier choice
                self.show_lines(lines)

        self.page.background(lambda: roster.completeness(store, fid, period), done)

    def show_lines(self, lines: list) -> None:
        self.lines = lines
        counts = {s: sum(line.state == s for line in lines) for s in STATES}
        if lines:
            self.counts.setText(tr("Dự kiến {total}: đã nộp {sent} (đã chấp nhận {accepted}, trả lại {returned}, "
                                   "chờ duyệt {waiting}); chưa nộp {missing}.",
                                   total=len(lines), sent=len(lines) - counts["missing"],
                                   accepted=counts["accepted"], returned=counts["returned"],
                                   waiting=counts["submitted"], missing=counts["missing"]))
        else:
            self.counts.setText(tr("Chưa có danh sách cơ quan dự kiến cho kỳ này: nạp từ danh mục đơn vị "
                                   "hành chính hoặc từ một bảng."))
        self._fill()
        self.completeness_shown.emit(counts)

    def _state_changed(self) -> None:
        self._fill()

    def _fill(self) -> None:
        wanted = self.state.currentData()
        self.model.set_rows([line for line in self.lines if not wanted or line.state == wanted])
