"""The province mode ("Tổng hợp của Sở"): from a folder of received reports to a published ranking.

One page: the store (the program's database, or a shared database's URL), the framework and
period being worked on, and a tab per step — import, submissions, roster, ranking, compare,
trend. Everything that reads or writes the store runs through ui/tasks.py; the page keeps the
current submissions (plain dataclasses) for the framework, period and group choices.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from egov_desktop.i18n import tr

from .. import style
from ..labels import describe_error
from ..settings import ui_settings
from ..tasks import run_in_background, run_with_progress

URL_KEY, AUTHORITY_KEY = "province/url", "province/authority"


def framework_title(framework_id: str) -> str:
    from egov_desktop.frameworks import registry
    from egov_desktop.i18n import pick

    try:
        return pick(registry.get(framework_id).title)
    except KeyError:
        return framework_id


class ProvincePage(QWidget):
    store_ready = Signal()
    loaded = Signal(object)      # the submissions (and the choices drawn from them) are fresh; the store read
    failed = Signal(str)         # a message shown on the page

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.all_submissions: list = []   # current submissions of every framework and period
        self._kept: tuple[str, str] | None = None  # framework and period to choose at the next reload
        title = QLabel(tr("Tổng hợp của Sở"))
        style.page_title(title)
        self.url = QLineEdit(ui_settings().value(URL_KEY, "", str))
        self.url.setPlaceholderText(tr("Mặc định: dữ liệu của chương trình trên máy này (SQLite)"))
        self.url.setToolTip(tr("Để trống, hoặc địa chỉ SQLAlchemy của cơ sở dữ liệu dùng chung, "
                               "ví dụ postgresql+psycopg://nguoidung@maychu/egov"))
        self.connect_button = QPushButton(tr("Kết nối"))
        self.connect_button.clicked.connect(self._connect_clicked)
        self.authority = QLineEdit(ui_settings().value(AUTHORITY_KEY, "", str))
        self.authority.setPlaceholderText(tr("Sở Khoa học và Công nghệ tỉnh …"))
        self.authority.editingFinished.connect(self._remember_authority)
        self.framework = QComboBox()
        self.framework.setMinimumContentsLength(30)
        self.period = QComboBox()
        self.period.setMinimumContentsLength(8)
        self.framework.currentIndexChanged.connect(self._framework_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.message = QLabel()
        style.hint(self.message)
        self.message.setWordWrap(True)

        store_row = QHBoxLayout()
        store_row.addWidget(QLabel(tr("Cơ sở dữ liệu:")))
        store_row.addWidget(self.url, 1)
        store_row.addWidget(self.connect_button)
        store_row.addSpacing(12)
        store_row.addWidget(QLabel(tr("Tên Sở (ghi trên văn bản):")))
        store_row.addWidget(self.authority, 1)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel(tr("Bộ tiêu chí:")))
        choice_row.addWidget(self.framework, 2)
        choice_row.addWidget(QLabel(tr("Kỳ:")))
        choice_row.addWidget(self.period)
        choice_row.addStretch(1)

        from .compare_tab import CompareTab
        from .import_tab import ImportTab
        from .ranking_tab import RankingTab
        from .roster_tab import RosterTab
        from .submissions_tab import SubmissionsTab
        from .trend_tab import TrendTab

        self.importing = ImportTab(self)
        self.submissions = SubmissionsTab(self)
        self.roster = RosterTab(self)
        self.ranking = RankingTab(self)
        self.compare = CompareTab(self)
        self.trend = TrendTab(self)
        self.tabs = QTabWidget()
        for tab, text in ((self.importing, tr("Nhập báo cáo")), (self.submissions, tr("Hồ sơ đã nhận")),
                          (self.roster, tr("Danh sách và tiến độ nộp")), (self.ranking, tr("Xếp hạng")),
                          (self.compare, tr("So sánh")), (self.trend, tr("Xu hướng"))):
            self.tabs.addTab(tab, text)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(store_row)
        layout.addLayout(choice_row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self._set_enabled(False)

    # ------------------------------------------------------------ the store
    def open(self) -> None:
        """Open the store named in the URL field (the program's database when empty), off the GUI thread."""
        from egov_desktop.province.store import open_store

        url = self.url.text().strip() or None
        self._set_enabled(False)
        self.connect_button.setEnabled(False)
        self.say(tr("Đang mở cơ sở dữ liệu…"))

        def opened(store) -> None:
            if self.store is not None:
                self.store.close()
            self.store = store
            ui_settings().setValue(URL_KEY, url or "")
            self.connect_button.setEnabled(True)
            self._set_enabled(True)
            self.say(tr("Đã kết nối: {where}", where=store.where))
            self.store_ready.emit()
            self.reload()

        def failed(e: BaseException) -> None:
            self.connect_button.setEnabled(True)
            self.show_error(e)

        run_in_background(lambda ctx: open_store(url), opened, failed, self)

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def _connect_clicked(self) -> None:
        self.open()

    def _remember_authority(self) -> None:
        ui_settings().setValue(AUTHORITY_KEY, self.authority.text().strip())

    def _set_enabled(self, on: bool) -> None:
        self.tabs.setEnabled(on)
        self.framework.setEnabled(on)
        self.period.setEnabled(on)

    # ------------------------------------------------------------ the submissions and the choices
    def reload(self, choose: tuple[str, str] | None = None) -> None:
        """Read the current submissions again (after an import or a review); then choose this
        framework and period (after an import: those of the files just imported)."""
        from egov_desktop.province import review

        store = self.store

        def done(rows) -> None:
            if store is not self.store:  # read from a store since replaced (another URL opened)
                return
            self.all_submissions = rows
            if choose:
                self._kept = choose
            self._fill_frameworks()
            self.loaded.emit(store)

        self.background(lambda: review.submissions(store), done)

    def keep_choice(self, framework_id: str, period: str, tab: int = 0) -> None:
        """Choose this framework and period once the submissions are read (the page rebuilt in
        another language shows what the user had chosen)."""
        self._kept = (framework_id, period)
        self.tabs.setCurrentIndex(tab)
        if self.all_submissions:
            self._fill_frameworks()

    def _fill_frameworks(self) -> None:
        keep = self._kept[0] if self._kept else self.framework_id()
        ids = sorted({s.framework_id for s in self.all_submissions})
        self.framework.blockSignals(True)
        self.framework.clear()
        for fid in ids:
            self.framework.addItem(f"{framework_title(fid)} ({fid})", fid)
        if keep in ids:
            self.framework.setCurrentIndex(ids.index(keep))
        self.framework.blockSignals(False)
        self._fill_periods()

    def _fill_periods(self) -> None:
        keep = self._kept[1] if self._kept else self.period_id()
        self._kept = None
        fid = self.framework_id()
        periods = sorted({s.period for s in self.all_submissions if s.framework_id == fid})
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        if keep in periods:
            self.period.setCurrentIndex(periods.index(keep))
        elif periods:
            self.period.setCurrentIndex(len(periods) - 1)  # the latest period
        self.period.blockSignals(False)
        self._period_changed()

    def _framework_changed(self) -> None:
        self._fill_periods()

    def _period_changed(self) -> None:
        for tab in (self.submissions, self.roster, self.ranking, self.compare, self.trend):
            tab.selection_changed()

    def framework_id(self) -> str:
        return self.framework.currentData() or ""

    def period_id(self) -> str:
        return self.period.currentText()

    def selected_submissions(self) -> list:
        fid, period = self.framework_id(), self.period_id()
        return [s for s in self.all_submissions if s.framework_id == fid and s.period == period]

    def groups(self) -> list[str]:
        """The parent units (province, district…) of the selected framework's agencies, and the
        groups the province put them in (a table's "Nhóm" column)."""
        fid = self.framework_id()
        return sorted({g for s in self.all_submissions if s.framework_id == fid
                       for g in (s.parent_name, s.group_name) if g})

    # ------------------------------------------------------------ running work and saying things
    def background(self, fn, done) -> None:
        """Run fn() off the GUI thread; done(result) back on it; a failure is shown on the page."""
        run_in_background(lambda ctx: fn(), done, self.show_error, self)

    def with_progress(self, title: str, fn, done):
        """Run fn(ctx) behind a progress dialog with Cancel (imports, publishing)."""
        return run_with_progress(self, title, fn, done, self.show_error)

    def say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def show_error(self, e: Any) -> None:
        text = e if isinstance(e, str) else describe_error(e)
        self.message.setStyleSheet("color: #b03a2e;")
        self.message.setText(text)
        self.failed.emit(text)
