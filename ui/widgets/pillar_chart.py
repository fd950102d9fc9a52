"""Pillar bars drawn with QPainter: each pillar's index (0..1) with its plan target marked.

Used small in the live score panel and large on the results screen; no chart library.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from egov_desktop.i18n import tr
from scoring.record import Record

from ..formatting import fmt_number
from ..style import fill

BAR_COLOR = QColor("#1f6fb2")
PREVIOUS_COLOR = QColor("#a9c4dd")
TARGET_COLOR = QColor("#c0392b")
TRACK_COLOR = QColor("#e8edf2")


class Bar(Record):
    """One pillar's bar."""

    label: str
    value: float | None          # index 0..1 (None: nothing counted yet)
    text: str = ""               # shown at the end of the bar (e.g. "35,5 / 50")
    target: float | None = None  # 0..1
    previous: float | None = None  # 0..1, the previous period


class PillarChart(QWidget):
    def __init__(self, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.compact = compact
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)

    def set_bars(self, bars: list[Bar]) -> None:
        if bars != self.bars:
            self.bars = bars
            self.updateGeometry()
            self.update()

    def _row_height(self) -> int:
        fm = self.fontMetrics().height()
        return fm * 2 + 10 if self.compact else fm * 2 + 18

    def _legend_height(self) -> int:
        has_extra = any(b.target is not None or b.previous is not None for b in self.bars)
        return self.fontMetrics().height() + 8 if has_extra and not self.compact else 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(280 if self.compact else 560, len(self.bars) * self._row_height() + self._legend_height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = self.fontMetrics()
        lh = fm.height()
        width = self.width() - 2
        row_h = self._row_height()
        bar_h = max(8, lh - 4) if self.compact else lh + 2
        value_w = fm.horizontalAdvance("100,0 / 1.000") + 8
        y = 2
        for bar in self.bars:
            p.setPen(self.palette().windowText().color())
            label = fm.elidedText(bar.label, Qt.ElideRight, width)
            p.drawText(QRectF(0, y, width, lh), Qt.AlignLeft | Qt.AlignVCenter, label)
            track = QRectF(0, y + lh + 3, max(width - value_w, 40), bar_h)
            fill(p, track, TRACK_COLOR)
            if bar.previous is not None and not self.compact:
                prev = QRectF(track.x(), track.y() + bar_h * 0.6, track.width() * _clamp(bar.previous), bar_h * 0.4)
                fill(p, prev, PREVIOUS_COLOR)
            if bar.value is not None:
                h = bar_h * (0.6 if bar.previous is not None and not self.compact else 1)
                fill(p, QRectF(track.x(), track.y(), track.width() * _clamp(bar.value), h), BAR_COLOR)
            if bar.target is not None:
                x = track.x() + track.width() * _clamp(bar.target)
                p.setPen(QPen(TARGET_COLOR, 2))
                p.drawLine(int(x), int(track.top() - 2), int(x), int(track.bottom() + 2))
            p.setPen(self.palette().windowText().color())
            text = bar.text or ("—" if bar.value is None else fmt_number(bar.value * 100, 1) + " %")
            p.drawText(QRectF(track.right() + 6, track.y() - 2, value_w, bar_h + 4), Qt.AlignLeft | Qt.AlignVCenter, text)
            y += row_h
        if self._legend_height():
            self._legend(p, y)
        p.end()

    def _legend(self, p: QPainter, y: float) -> None:
        fm = self.fontMetrics()
        x = 0.0
        items = [(BAR_COLOR, tr("Kỳ này"), False)]
        if any(b.previous is not None for b in self.bars):
            items.append((PREVIOUS_COLOR, tr("Kỳ trước"), False))
        if any(b.target is not None for b in self.bars):
            items.append((TARGET_COLOR, tr("Mục tiêu kế hoạch"), True))
        small = QFont(self.font())
        p.setFont(small)
        for color, text, line in items:
            if line:
                p.setPen(QPen(color, 2))
                p.drawLine(int(x + 5), int(y + 2), int(x + 5), int(y + fm.height() - 2))
            else:
                fill(p, QRectF(x, y + 3, 12, fm.height() - 6), color)
            p.setPen(self.palette().windowText().color())
            p.drawText(QRectF(x + 16, y, fm.horizontalAdvance(text) + 4, fm.height()), Qt.AlignVCenter, text)
            x += 16 + fm.horizontalAdvance(text) + 18


def _clamp(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x
