"""Trend: an agency's total over the periods, beside its group's mean, drawn with QPainter.

A unit of today's list is followed back across 1 July 2025 through the old units it was made
of: those periods are their mean, drawn hollow with a dashed line to them, and each of them is
listed under the chart (province/reform.py). A unit of the old list is followed until then."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from egov_desktop.i18n import language, tr

from .. import style
from ..formatting import fmt_number

COLORS = (QColor("#1f6fb2"), QColor("#d35400"))
GRID = QColor("#e3e6ea")


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[str, float | None], ...]   # (period, value 0..1)
    merged: frozenset[str] = frozenset()           # periods whose value is the predecessors' mean
    notes: tuple[str, ...] = ()                    # those predecessors, in words


class TrendChart(QWidget):
    """Lines over periods (x: the periods in order, y: 0–100 %), values written at each point."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.series: list[Series] = []
        self.setMinimumHeight(300)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def set_series(self, series: list[Series]) -> None:
        self.series = list(series)
        self.update()

    def periods(self) -> list[str]:
        return sorted({p for s in self.series for p, _ in s.points})

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), Qt.white)
        periods = self.periods()
        fm = painter.fontMetrics()
        left, right, top, bottom = fm.horizontalAdvance("100 %") + 14, 24, 16 + fm.height() * len(self.series), fm.height() + 14
        plot = QRectF(left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10))
        if not periods:
            painter.setPen(QColor("#666"))
            painter.drawText(self.rect(), Qt.AlignCenter, tr("Chưa có dữ liệu để vẽ"))
            return
        for pct in range(0, 101, 20):  # horizontal grid, 0–100 %
            y = plot.bottom() - plot.height() * pct / 100
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555"))
            painter.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()), Qt.AlignRight | Qt.AlignVCenter,
                             f"{pct} %")

        def x_of(period: str) -> float:
            i = periods.index(period)
            return plot.center().x() if len(periods) == 1 else plot.left() + plot.width() * i / (len(periods) - 1)

        painter.setPen(QColor("#333"))
        for p in periods:
            w = fm.horizontalAdvance(p)
            painter.drawText(QPointF(x_of(p) - w / 2, plot.bottom() + fm.height() + 4), p)
        for n, s in enumerate(self.series):
            color = COLORS[n % len(COLORS)]
            pts = [(x_of(p), plot.bottom() - plot.height() * v, v, p in s.merged) for p, v in s.points if v is not None]
            painter.setBrush(Qt.NoBrush)
            for (x0, y0, _, m0), (x1, y1, _, m1) in zip(pts, pts[1:]):
                # a line to or from the predecessors' mean is dashed: not the same unit's result
                painter.setPen(QPen(color, 2.5, Qt.DashLine if m0 or m1 else Qt.SolidLine))
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
            for x, y, v, merged in pts:
                painter.setPen(QPen(color, 2))
                painter.setBrush(Qt.white if merged else color)
                painter.drawEllipse(QPointF(x, y), 4, 4)
                painter.drawText(QPointF(x + 6, y - 6), fmt_number(v * 100, 1))
            # legend, top left
            y = 4 + fm.height() * n
            painter.fillRect(QRectF(left, y + fm.height() / 2 - 2, 18, 4), color)
            painter.setPen(QColor("#222"))
            painter.drawText(QPointF(left + 24, y + fm.ascent()), s.label)
        painter.end()


def base_note() -> str:
    return tr("Chỉ số tổng hợp (0–100 %) qua các kỳ của bộ tiêu chí đang chọn; đường thứ hai là trung bình của nhóm.")


class TrendTab(QWidget):
    drawn = Signal(object)   # the series drawn

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.agency = QComboBox()
        self.agency.setMinimumContentsLength(30)
        self.group = QComboBox()
        self.draw_button = QPushButton(tr("Vẽ xu hướng"))
        self.draw_button.clicked.connect(self.run)
        self.chart = TrendChart()
        self.note = QLabel(base_note())
        style.hint(self.note)
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Cơ quan:")))
        bar.addWidget(self.agency, 2)
        bar.addWidget(QLabel(tr("Nhóm:")))
        bar.addWidget(self.group, 1)
        bar.addWidget(self.draw_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)

    def selection_changed(self) -> None:
        from egov_desktop.province.reform import is_old_unit

        fid = self.page.framework_id()
        # a unit of the list before the reform has a line of its own (until then), apart from
        # today's unit of the same code
        agencies = sorted({(s.agency_name, s.agency_code, is_old_unit(s.agency_code, s.agency_name, s.period))
                           for s in self.page.all_submissions if s.framework_id == fid and s.agency_code})
        keep = self.agency.currentData()
        self.agency.clear()
        self.agency.addItem(tr("(không chọn cơ quan)"), "")
        for name, code, old in agencies:
            label = tr("{name} ({code}, trước 01/7/2025)", name=name, code=code) if old else f"{name} ({code})"
            self.agency.addItem(label, f"{'old' if old else 'now'}:{code}")
        self.agency.setCurrentIndex(max(self.agency.findData(keep), 0))
        keep = self.group.currentData()
        self.group.clear()
        self.group.addItem(tr("Tất cả cơ quan"), "")
        for g in self.page.groups():
            self.group.addItem(g, g)
        self.group.setCurrentIndex(max(self.group.findData(keep), 0))

    def run(self) -> None:
        from egov_desktop.province import ranking

        from egov_desktop.province.reform import describe_point

        store, fid = self.page.store, self.page.framework_id()
        kind, _, code = (self.agency.currentData() or "").partition(":")
        group = self.group.currentData() or ""
        agency_label = self.agency.currentText()
        group_label = tr("Trung bình: {group}", group=group) if group else tr("Trung bình của mọi cơ quan")
        lang = language()

        def work() -> list[Series]:
            out = []
            if code:
                points = ranking.trend(store, agency_code=code, framework_id=fid, old_unit=kind == "old")
                merged = [p for p in points if p.predecessors]
                out.append(Series(agency_label, tuple((p.period, p.value) for p in points),
                                  frozenset(p.period for p in merged), tuple(describe_point(p, lang) for p in merged)))
            out.append(Series(group_label, tuple((p.period, p.value) for p in
                                                 ranking.trend(store, group=group or None, framework_id=fid))))
            return out

        self.page.background(work, self._drawn)

    def _drawn(self, series: list[Series]) -> None:
        self.chart.set_series(series)
        notes = [n for s in series for n in s.notes]
        self.note.setText(base_note() + ("\n" + tr("Trước ngày 01/7/2025 (điểm rỗng, nét đứt): kết quả của các đơn vị "
                                              "trước sáp nhập, không phải của chính đơn vị này.") + "\n"
                                    + "\n".join(notes) if notes else ""))
        self.drawn.emit(series)
