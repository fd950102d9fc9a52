"""Results: total, band and narrative, pillar chart against targets, indicators, improvement plan,
and the comparison with the previous period."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QLabel, QScrollArea, QTableView,
    QTextBrowser, QVBoxLayout, QWidget,
)

from egov_desktop.domain import AssessmentData
from egov_desktop.i18n import pick, tr
from scoring import improvements, score

from .. import style
from ..form.row import _escape
from ..form.state import FormState
from ..formatting import fmt_number
from ..models.results import COL_INDICATOR, COL_VALUE, SORT_ROLE, IndicatorResultModel
from ..screen_fit import fit_columns
from ..widgets.pillar_chart import PillarChart
from ..widgets.score_panel import pillar_bars, total_text


class ResultsView(QScrollArea):
    def __init__(self, state: FormState,
                 previous: AssessmentData | Callable[[], AssessmentData | None] | None = None, parent=None):
        """`previous`: the previous period's assessment, or how to find it (asked when first needed:
        an assessment opens without reading it)."""
        super().__init__(parent)
        self.state = state
        self._previous = previous
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.chart = PillarChart()
        self.model = IndicatorResultModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        fit_columns(self.table, lambda c: c not in (COL_INDICATOR, COL_VALUE))
        self.table.setMinimumHeight(320)
        self.plan = QTextBrowser()
        self.plan.setMinimumHeight(200)
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(_heading(tr("Điểm theo nhóm tiêu chí")))
        layout.addWidget(self.chart)
        layout.addWidget(_heading(tr("Kế hoạch cải thiện: những chỉ tiêu nâng điểm nhiều nhất")))
        layout.addWidget(self.plan)
        layout.addWidget(_heading(tr("Điểm từng chỉ tiêu")))
        layout.addWidget(self.table)
        self._stale = True  # filled when first shown

    @property
    def previous(self) -> AssessmentData | None:
        if callable(self._previous):
            self._previous = self._previous()
        return self._previous

    def showEvent(self, event) -> None:  # noqa: N802
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Show the current result; while hidden, only remember to (sizing the table's columns
        reads every cell: a tenth of a second when an assessment opens)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        st = self.state
        fw, result = st.framework, st.result
        prev = score(fw, self.previous.engine_answers(), period=self.previous.period) if self.previous is not None else None
        band = result.band
        parts = [f"<p style='font-size:18pt; font-weight:bold'>{_escape(tr('Tổng điểm:'))} {total_text(fw, result)}</p>"]
        if band is not None and not any(p.answered for p in result.pillars):
            parts.append(f"<p style='font-size:13pt; color:gray'>{_escape(tr('Xếp loại: chưa đủ dữ liệu'))}</p>")
        elif band is not None:
            parts.append(f"<p style='font-size:13pt'>{_escape(tr('Xếp loại:'))} <b>{_escape(pick(band.label))}</b></p>")
            if pick(band.narrative):
                parts.append(f"<p>{_escape(pick(band.narrative))}</p>")
        parts.append(f"<p>{_escape(tr('Mức độ hoàn thành: {pct} %', pct=fmt_number(result.completeness * 100, 0)))}</p>")
        if result.completeness < 1:
            parts.append(f"<p style='color:#8a5a00'>{_escape(tr('Điểm là tạm tính: còn câu hỏi chưa trả lời (tính 0 điểm).'))}</p>")
        if prev is not None:
            delta = (result.total_scaled or 0) - (prev.total_scaled or 0)
            sign = "+" if delta >= 0 else "−"
            parts.append("<p>" + _escape(tr("So với kỳ {period}: {prev} ({sign}{delta})", period=self.previous.period,
                                             prev=total_text(fw, prev), sign=sign,
                                             delta=fmt_number(abs(delta), 2))) + "</p>")
        self.summary.setText("".join(parts))
        self.chart.set_bars(pillar_bars(fw, result, with_targets=True, previous=prev, period=st.period))
        self.model.set_result(fw, result)
        rows = []
        for i in improvements(fw, result=result, limit=10):
            ind = fw.indicator(i.indicator_id)
            rows.append(f"<li><b>{_escape(pick(ind.label))}</b> — "
                        + _escape(tr("đang {pts}/{max} điểm; đạt tối đa sẽ tăng tổng {gain}",
                                     pts=fmt_number(i.points, 2), max=fmt_number(i.max_points, 2),
                                     gain=fmt_number(i.gain_scaled, 2))) + "</li>")
        self.plan.setHtml("<ol>" + "".join(rows) + "</ol>" if rows else
                          "<p>" + _escape(tr("Không có chỉ tiêu nào cần cải thiện.")) + "</p>")


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    style.section_title(label)
    return label
