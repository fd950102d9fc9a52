"""The reviewer's appraisal (thẩm định) in the answers dialog: under each question, the agency's
points, the appraised points or the answer the evidence shows, a remark and the final points;
a score sheet with self, appraised and final per indicator, pillar and total.

What the reviewer typed stays in the boxes until it is saved: a save refused (another
reviewer saved first, a wrong number) loses nothing."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from egov_desktop.i18n import pick, tr
from egov_desktop.province.appraisal import AppraisalInput, AppraisalSheet, IndicatorLine, points_from_text, summary
from scoring import NA, Indicator

from .. import style
from ..form.row import _escape
from ..formatting import fmt_date, fmt_number
from .models import Column, RowsModel, table_view


def _n(x: float | None) -> str:
    return fmt_number(x, 2)


def _answer_text(ind: Indicator, value) -> str:
    if value is NA:
        return tr("Không áp dụng")
    if value is None:
        return tr("(chưa trả lời)")
    if ind.type == "yes_no":
        return tr("Có") if value == "yes" else tr("Không")
    labels = {c.id: pick(c.label) for c in ind.choices}
    if isinstance(value, (list, tuple)):
        return "; ".join(labels.get(v, v) for v in value)
    if isinstance(value, (int, float)):
        return fmt_number(value)
    return labels.get(value, str(value))


class AppraisalBox(QFrame):
    """One question's appraisal: self points, appraised points or answer, remark, final points."""

    edited = Signal(str)

    def __init__(self, indicator: Indicator, parent=None):
        super().__init__(parent)
        self.setObjectName("appraisalBox")
        self.setFrameShape(QFrame.StyledPanel)
        self.indicator = indicator
        self.line: IndicatorLine | None = None
        self.own = QLabel()
        self.own.setWordWrap(True)
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        style.hint(self.evidence)
        self.points = QLineEdit()
        self.points.setAccessibleName(tr("Điểm thẩm định"))
        self.value = QLineEdit()
        self.value.setAccessibleName(tr("Giá trị thẩm định"))
        self.value.setPlaceholderText(tr("câu trả lời đúng"))
        self.remark = QLineEdit()
        self.remark.setAccessibleName(tr("Nhận xét"))
        self.remark.setPlaceholderText(tr("Nhận xét của người thẩm định (gửi lại cơ quan)"))
        # two short lines, always room for both: a box that grows after a save squeezed its fields
        self.final = QLabel()
        self.final.setMinimumHeight(2 * self.final.fontMetrics().lineSpacing())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        # the appraisal of the revision before, where the agency changed the question: for reference
        self.previous = QLabel()
        self.previous.setWordWrap(True)
        self.previous.setObjectName("appraisalPrevious")
        self.previous.hide()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        scored = indicator.scoring is not None
        col = 0
        if scored:
            self.points.setPlaceholderText(tr("0–{max}", max=fmt_number(indicator.scoring.max_points)))
            grid.addWidget(QLabel(tr("Điểm thẩm định:")), 0, 0)
            grid.addWidget(self.points, 0, 1)
            col = 2
        else:
            self.points.hide()
        if indicator.is_input:
            grid.addWidget(QLabel(tr("hoặc giá trị:") if scored else tr("Giá trị thẩm định:")), 0, col)
            grid.addWidget(self.value, 0, col + 1)
        else:
            self.value.hide()
        grid.addWidget(QLabel(tr("Nhận xét thẩm định:")), 1, 0)
        grid.addWidget(self.remark, 1, 1, 1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        title = QLabel(tr("Thẩm định của Sở"))
        style.panel_title(title)
        layout.addWidget(title)
        layout.addWidget(self.own)
        layout.addWidget(self.evidence)
        layout.addWidget(self.previous)
        layout.addLayout(grid)
        layout.addWidget(self.final)
        layout.addWidget(self.message)
        for e in (self.points, self.value, self.remark):
            e.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        self.message.hide()
        self.edited.emit(self.indicator.id)

    def show_line(self, line: IndicatorLine, keep_typed: bool = False) -> None:
        """Show the saved state of the indicator; `keep_typed`: leave what the reviewer changed."""
        typed = self.changed() if keep_typed else False
        self.line = line
        ind = self.indicator
        self.own.setText(tr("Cơ quan trả lời: {answer}; tự đánh giá {pts} / {max} điểm",
                            answer=_answer_text(ind, line.answer), pts=_n(line.self_points), max=_n(line.max_points))
                         if ind.scoring else tr("Cơ quan trả lời: {answer}", answer=_answer_text(ind, line.answer)))
        docs = [" ".join(p for p in (e.number, fmt_date(e.date) if e.date else "", e.summary, e.file_name) if p)
                for e in line.evidence]
        self.evidence.setText(tr("Tài liệu kiểm chứng: {docs}", docs="; ".join(docs)) if docs
                              else tr("Không có tài liệu kiểm chứng"))
        if not typed:
            a = line.appraisal
            self.points.setText("" if a is None or a.points is None else fmt_number(a.points))
            self.value.setText("" if a is None or a.value is None else _value_text(a.value))
            self.remark.setText("" if a is None else a.remark)
        a = line.appraisal
        who = ""
        if a is not None and a.carried_from:
            who = "\n" + tr("Chuyển từ lần {rev} (cơ quan không sửa câu này): {who}, {at}", rev=a.carried_from,
                            who=a.reviewer[:60], at=fmt_date(a.at))
        elif a is not None:
            who = "\n" + tr("Thẩm định bởi {who}, {at}", who=a.reviewer[:60], at=fmt_date(a.at))
        self.previous.setText(tr("Lần trước: {what}", what=summary(line.previous, fmt_number)) if line.previous else "")
        self.previous.setVisible(line.previous is not None)
        if ind.scoring:
            self.final.setText(tr("Thẩm định: {appraised}; cuối cùng: {final} / {max} điểm",
                                  appraised=_n(line.appraised_points), final=_n(line.final_points),
                                  max=_n(line.max_points)) + who)
        else:
            self.final.setText(who.strip())

    def typed(self) -> AppraisalInput:
        """What the box holds; points that are not a number: UserError naming the indicator."""
        iid = self.indicator.id
        text = self.points.text().strip()
        points = points_from_text(text, iid) if text else None
        return AppraisalInput(iid, points, self.value.text().strip() or None, self.remark.text().strip())

    def changed(self) -> bool:
        """The box holds something other than the appraisal saved."""
        a = self.line.appraisal if self.line else None
        saved = ("" if a is None or a.points is None else fmt_number(a.points),
                 "" if a is None or a.value is None else _value_text(a.value), "" if a is None else a.remark)
        return (self.points.text().strip(), self.value.text().strip(), self.remark.text().strip()) != saved

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _value_text(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if isinstance(value, (int, float)):
        return fmt_number(value)
    return str(value)


# ---------------------------------------------------------------- the score sheet

@dataclass(frozen=True)
class _Row:
    kind: str            # indicator, pillar, total
    name: str
    own: float | None
    appraised: float | None
    final: float | None
    max: float | None
    remark: str = ""


def sheet_rows(sheet: AppraisalSheet, framework) -> list[_Row]:
    rows = []
    for p in sheet.pillars:
        rows.append(_Row("pillar", pick(p.title), p.self_points, p.appraised_points, p.final_points, p.max_points))
        for i in (x for x in sheet.indicators if x.pillar_id == p.pillar_id):
            rows.append(_Row("indicator", "    " + pick(framework.indicator(i.indicator_id).label), i.self_points,
                             i.appraised_points, i.final_points, i.max_points,
                             i.appraisal.remark if i.appraisal else ""))
    rows.append(_Row("total", tr("Tổng điểm"), sheet.self_total_scaled, sheet.appraised_total_scaled,
                     sheet.final_total_scaled, sheet.scale))
    return rows


def sheet_columns() -> list[Column]:
    return [Column(tr("Nhóm tiêu chí, chỉ tiêu"), lambda r: r.name, sort=lambda r: 0),
            Column(tr("Tự đánh giá"), lambda r: _n(r.own), sort=lambda r: 0, right=True),
            Column(tr("Thẩm định"), lambda r: _n(r.appraised), sort=lambda r: 0, right=True),
            Column(tr("Cuối cùng"), lambda r: _n(r.final), sort=lambda r: 0, right=True),
            Column(tr("Tối đa"), lambda r: _n(r.max), sort=lambda r: 0, right=True),
            Column(tr("Nhận xét"), lambda r: r.remark, sort=lambda r: 0, tip=lambda r: r.remark)]


def _local_time(at: str) -> str:
    """The log's UTC time on this computer's clock, "01/12/2026 19:30"."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at


def log_columns(framework) -> list[Column]:
    def what(e) -> str:
        if e.action == "cleared":
            return tr("bỏ thẩm định")
        if e.points is not None:
            return tr("điểm {p}", p=_n(e.points))
        if e.value is not None:
            return tr("giá trị {v}", v=_value_text(e.value))
        return tr("nhận xét")

    return [Column(tr("Lúc"), lambda e: _local_time(e.at), sort=lambda e: e.at),
            Column(tr("Người thẩm định"), lambda e: e.reviewer),
            Column(tr("Chỉ tiêu"), lambda e: pick(framework.indicator(e.indicator_id).label)
                   if e.indicator_id in framework.indicators else e.indicator_id),
            Column(tr("Thẩm định"), what),
            Column(tr("Nhận xét"), lambda e: e.remark, tip=lambda e: e.remark)]


class ScoreSheet(QWidget):
    """Self, appraised and final points per pillar, indicator and total, in framework order;
    below, the log of every appraisal saved (who, when, what), newest first."""

    def __init__(self, framework, parent=None):
        super().__init__(parent)
        self.framework = framework
        self.model = RowsModel(sheet_columns(), self)
        self.table, self.proxy = table_view(self.model, name_column=0)
        self.table.setSortingEnabled(False)
        self.log_model = RowsModel(log_columns(framework), self)
        self.log_table, _ = table_view(self.log_model, name_column=0)
        self.log_table.setSortingEnabled(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        log_title = QLabel(tr("Nhật ký thẩm định (mọi lần lưu, không sửa, không xoá được)"))
        style.section_title(log_title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 3)
        layout.addWidget(log_title)
        layout.addWidget(self.log_table, 2)

    def show_sheet(self, sheet: AppraisalSheet) -> None:
        self.model.set_rows(sheet_rows(sheet, self.framework))
        self.log_model.set_rows(list(reversed(sheet.log)))
        self.note.setText(_escape(tr(
            "Điểm cuối cùng = điểm thẩm định ở chỉ tiêu đã thẩm định, còn lại là điểm tự đánh giá; "
            "điểm nhóm và tổng điểm được chấm lại theo bộ tiêu chí. Xếp hạng và công bố dùng điểm cuối cùng.")))

