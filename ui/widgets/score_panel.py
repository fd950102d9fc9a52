"""The live score: total, band, completeness and pillar bars, following every answer."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout

from egov_desktop.i18n import pick, tr
from scoring import Framework, ScoreResult

from .. import style
from ..formatting import fmt_number
from .pillar_chart import Bar, PillarChart


def total_text(fw: Framework, result: ScoreResult) -> str:
    """The total on the framework's own scale, e.g. "612,5 / 1.000 điểm" or "0,7231"."""
    if result.total is None:
        return "—"
    if fw.total_scale == 1:
        return fmt_number(result.total, 4)
    return tr("{value} / {scale} điểm", value=fmt_number(result.total_scaled, 2), scale=fmt_number(fw.total_scale))


def pillar_target(pillar, period: str | None = None) -> float | None:
    """A pillar's plan target for the period as an index 0..1 (targets above 1 are points on its scale)."""
    t = pillar.target_for(period)
    if t is None or not isinstance(t.value, (int, float)):
        return None
    v = float(t.value)
    if v > 1 and pillar.max_points:
        v = v / pillar.max_points
    return v


def pillar_bars(fw: Framework, result: ScoreResult, with_targets: bool = False,
                previous: ScoreResult | None = None, period: str | None = None) -> list[Bar]:
    bars = []
    for i, p in enumerate(fw.pillars, 1):
        s = result.pillar(p.id)
        prev = None
        if previous is not None:
            try:
                prev = previous.pillar(p.id).index
            except KeyError:
                prev = None
        bars.append(Bar(f"{i}. {pick(p.title)}", s.index,
                        f"{fmt_number(s.points, 2)} / {fmt_number(s.max_points)}" if s.max_points else "",
                        pillar_target(p, period) if with_targets else None, prev))
    return bars


class ScorePanel(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        style.score_panel(self)
        layout = QVBoxLayout(self)
        self.title = title = QLabel(tr("Điểm tạm tính"))
        style.panel_title(title)
        self.total = QLabel("—")
        style.big_total(self.total)
        self.total.setWordWrap(True)  # "723,8 / 1.000 điểm" over two lines in a narrow window
        self.total.setAlignment(Qt.AlignLeft)
        self.band = QLabel()
        self.band.setObjectName("band")
        self._band_look: tuple[str | None, bool] = (None, False)
        self.completeness = QProgressBar()
        self.completeness.setRange(0, 1000)
        self.completeness.setTextVisible(True)
        self.chart = PillarChart(compact=True)
        layout.addWidget(title)
        layout.addWidget(self.total)
        layout.addWidget(self.band)
        layout.addWidget(QLabel(tr("Mức độ hoàn thành")))
        layout.addWidget(self.completeness)
        layout.addSpacing(6)
        layout.addWidget(self.chart)
        layout.addStretch(1)

    def paintEvent(self, event) -> None:  # noqa: N802
        style.paint_score_panel(self)  # its box: not an event filter (style._Box)
        super().paintEvent(event)

    def show_result(self, fw: Framework, result: ScoreResult) -> None:
        """Follow an answer: only what changed is set again (the chart repaints only for other
        bars)."""
        _set_text(self.total, total_text(fw, result))
        if result.band is not None and not any(p.answered for p in result.pillars):
            # no answer yet: the band would be a verdict on nothing
            _set_text(self.band, tr("Xếp loại: chưa đủ dữ liệu"))
            look = ("gray", False)
        elif result.band is not None:
            _set_text(self.band, tr("Xếp loại: {band}", band=pick(result.band.label)))
            look = (result.band.color or "#1f6fb2", True)
        else:
            _set_text(self.band, tr("Xếp loại: chưa có"))
            look = (None, False)
        if self._band_look != look:
            self._band_look = look
            style.coloured(self.band, *look)
        self.completeness.setValue(round(result.completeness * 1000))
        self.completeness.setFormat(fmt_number(result.completeness * 100, 0) + " %")
        self.chart.set_bars(pillar_bars(fw, result))


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
