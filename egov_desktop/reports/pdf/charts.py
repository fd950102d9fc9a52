"""Charts of a report as ReportLab Drawings; every label on the document's Vietnamese font
(ReportLab's own default is Helvetica, which has no Vietnamese letters)."""
from __future__ import annotations

from collections.abc import Sequence

from scoring import nfc

from .fonts import FONT

RESULT, TARGET, PREVIOUS = "#1F4E79", "#C9A227", "#9DB4CC"


def pillar_chart(labels: Sequence[str], numbers: Sequence[str], results: Sequence[float | None],
                 targets: Sequence[float | None] | None, previous: Sequence[float | None] | None, names: Sequence[str],
                 width: float, height: float = 175, axis_title: str = "%"):
    """Vertical bars: each pillar's result (% of its maximum), beside the previous period's when
    given; a pillar's plan target is a mark across its bars, not a bar of its own (a pillar
    without one would leave an empty slot and push its bars off the category's centre). A pillar
    is labelled by `labels` where they fit under its bars, else by `numbers`; `names` label the
    legend (result, target if `targets`, previous if `previous`); `axis_title` names the unit."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def pct(xs):
        return [None if x is None else round(x * 100, 1) for x in xs]

    series, colors = [pct(results)], [RESULT]
    if previous is not None:
        series.append(pct(previous))
        colors.append(PREVIOUS)
    # A series of None only draws nothing; ReportLab wants numbers, so use 0 with no label.
    data = [[0 if v is None else v for v in s] for s in series]

    d = Drawing(width, height, initialFontName=FONT, initialFontSize=8)  # not Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 44, 30
    chart.width, chart.height = width - 54, height - 60
    chart.data = data
    chart.groupSpacing = 10
    chart.barSpacing = 1
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.gridStrokeColor = _color("#DDDDDD")
    chart.valueAxis.visibleGrid = 1
    room = chart.width / max(len(labels), 1) - 6
    fits = all(stringWidth(nfc(t), FONT, 9) <= room for t in labels)
    chart.categoryAxis.categoryNames = [nfc(t) for t in (labels if fits else numbers)]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 9
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6.5
    chart.barLabelFormat = _bar_label
    chart.barLabels.nudge = 5
    for i, c in enumerate(colors):
        chart.bars[i].fillColor = _color(c)
        chart.bars[i].strokeColor = None
    d.add(chart, name="chart")
    if targets is not None:
        from reportlab.graphics.shapes import Line
        step = chart.width / max(len(labels), 1)
        for i, t in enumerate(pct(targets)):
            if t is None:
                continue
            y = chart.y + chart.height * min(t, 100) / 100
            d.add(Line(chart.x + i * step + 6, y, chart.x + (i + 1) * step - 6, y, strokeColor=_color(TARGET),
                       strokeWidth=2.2))
    title = String(0, 0, nfc(axis_title), fontName=FONT, fontSize=8.5, textAnchor="middle")
    # the value axis's title, turned a quarter to read upwards beside the axis
    d.add(Group(title, transform=(0, 1, -1, 0, 10, chart.y + chart.height / 2)), name="axis_title")

    legend = Legend()
    legend.fontName = FONT
    legend.fontSize = 8.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = 30, height - 6
    legend.dx, legend.dy = 8, 8
    legend.deltax = 110
    swatches = [RESULT] + ([TARGET] if targets is not None else []) + ([PREVIOUS] if previous is not None else [])
    legend.colorNamePairs = [(_color(c), nfc(n)) for c, n in zip(swatches, names)]
    d.add(legend, name="legend")
    return d


def _bar_label(value) -> str:
    """A bar's value; nothing on an empty bar (a missing target or a zero result)."""
    return "" if not value else f"{value:.0f}"


def _color(hex_code: str):
    from reportlab.lib.colors import HexColor
    return HexColor(hex_code)
