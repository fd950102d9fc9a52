"""Compare the agencies of the chosen framework and period: best and worst per indicator, the
indicators most commonly missed, and the spread of each pillar's index."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from egov_desktop.i18n import pick, tr

from .. import style
from ..formatting import fmt_percent
from .models import Column, RowsModel, table_view

MAX_NAMES = 3


def names(agencies: tuple[str, ...]) -> str:
    shown = ", ".join(agencies[:MAX_NAMES])
    more = len(agencies) - MAX_NAMES
    return shown + (" " + tr("và {n} cơ quan khác", n=more) if more > 0 else "")


class CompareTab(QWidget):
    compared = Signal(object)   # the Comparison

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.result = None
        self.labels: dict[str, str] = {}
        self.run_button = QPushButton(tr("So sánh"))
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel(tr("Bấm «So sánh» để xem chỉ tiêu tốt nhất, kém nhất và hay bị bỏ sót nhất."))
        self.summary.setWordWrap(True)
        label = self._label
        self.indicators = RowsModel([
            Column(tr("Chỉ tiêu"), lambda i: label(i.indicator_id)),
            Column(tr("Tốt nhất"), lambda i: names(i.best), tip=lambda i: "\n".join(i.best)),
            Column(tr("Tỷ lệ điểm cao nhất"), lambda i: fmt_percent(i.best_share, 0), lambda i: i.best_share, right=True),
            Column(tr("Kém nhất"), lambda i: names(i.worst), tip=lambda i: "\n".join(i.worst)),
            Column(tr("Tỷ lệ điểm thấp nhất"), lambda i: fmt_percent(i.worst_share, 0), lambda i: i.worst_share, right=True),
            Column(tr("Không đạt điểm"), lambda i: f"{i.missed}/{i.counted}", lambda i: i.missed, right=True),
        ], self)
        self.missed = RowsModel([
            Column(tr("Chỉ tiêu"), lambda i: label(i.indicator_id)),
            Column(tr("Số cơ quan không đạt điểm"), lambda i: f"{i.missed}/{i.counted}", lambda i: i.missed, right=True),
            Column(tr("Tỷ lệ"), lambda i: fmt_percent(i.missed / i.counted if i.counted else None, 0),
                   lambda i: i.missed / i.counted if i.counted else None, right=True),
        ], self)
        self.pillars = RowsModel([
            Column(tr("Nhóm tiêu chí"), lambda p: label(p.pillar_id)),
            Column(tr("Số cơ quan"), lambda p: str(p.count), lambda p: p.count, right=True),
            Column(tr("Thấp nhất"), lambda p: fmt_percent(p.minimum), lambda p: p.minimum, right=True),
            Column(tr("Tứ phân vị dưới"), lambda p: fmt_percent(p.q1), lambda p: p.q1, right=True),
            Column(tr("Trung vị"), lambda p: fmt_percent(p.median), lambda p: p.median, right=True),
            Column(tr("Tứ phân vị trên"), lambda p: fmt_percent(p.q3), lambda p: p.q3, right=True),
            Column(tr("Cao nhất"), lambda p: fmt_percent(p.maximum), lambda p: p.maximum, right=True),
            Column(tr("Trung bình"), lambda p: fmt_percent(p.mean), lambda p: p.mean, right=True),
        ], self)
        self.indicator_table, _ = table_view(self.indicators, name_column=0)
        self.missed_table, _ = table_view(self.missed, name_column=0)
        self.pillar_table, _ = table_view(self.pillars, name_column=0)
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(_titled(tr("Chỉ tiêu hay bị bỏ sót nhất"), self.missed_table))
        bottom.addWidget(_titled(tr("Phân bố chỉ số theo nhóm tiêu chí"), self.pillar_table))
        bottom.setStretchFactor(1, 2)  # eight columns beside three
        split = QSplitter(Qt.Vertical)
        split.addWidget(_titled(tr("Tốt nhất và kém nhất theo từng chỉ tiêu"), self.indicator_table))
        split.addWidget(bottom)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def _label(self, key: str) -> str:
        return self.labels.get(key, key)

    def selection_changed(self) -> None:
        self.show_comparison(None)

    def run(self) -> None:
        from egov_desktop.province import ranking

        store, fid, period = self.page.store, self.page.framework_id(), self.page.period_id()
        if not fid or not period:
            self.page.show_error(tr("Chưa có hồ sơ để so sánh: hãy nhập báo cáo trước"))
            return
        group = self.page.ranking.group.currentData() or None
        self.page.background(lambda: ranking.compare(store, fid, period, group), self._compared)

    def _compared(self, c) -> None:
        self.show_comparison(c)
        self.compared.emit(c)

    def show_comparison(self, c) -> None:
        from egov_desktop.frameworks import registry

        self.result = c
        if c is not None:
            try:
                fw = registry.get(self.page.framework_id())
                self.labels = {**{i.id: pick(i.label) for i in fw.indicators.values()},
                               **{p.id: pick(p.title) for p in fw.pillars}}
            except KeyError:
                self.labels = {}
        self.indicators.set_rows([i for i in c.indicators if i.counted] if c else [])
        self.missed.set_rows(list(c.most_missed) if c else [])
        self.pillars.set_rows(list(c.pillars) if c else [])
        if c is not None:
            self.summary.setText(tr("Kỳ {period}: {n} chỉ tiêu có điểm; nhóm như ở trang Xếp hạng.",
                                    period=self.page.period_id(), n=len(self.indicators.rows)))


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(title)
    style.section_title(heading)
    layout.addWidget(heading)
    layout.addWidget(widget, 1)
    return box
