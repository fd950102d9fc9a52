"""What changed since the revision the province returned (egov_desktop.province.changes): per
question the old and the new answer, the points, the remark of the return note and whether the
agency acted on it. A tab of the answers dialog."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from egov_desktop.i18n import language, pick, tr
from egov_desktop.province.changes import appraisal_note

from .. import style
from ..formatting import fmt_number
from .models import Column, RowsModel, table_view


def _points(c) -> str:
    if c.old_points == c.new_points:
        return fmt_number(c.new_points, 2)
    delta = (c.new_points or 0) - (c.old_points or 0)
    sign = "+" if delta > 0 else ""
    return f"{fmt_number(c.old_points, 2)} → {fmt_number(c.new_points, 2)} ({sign}{fmt_number(delta, 2)})"


def _what(c) -> str:
    parts = [w for w, on in ((tr("trả lời"), c.answer_changed), (tr("tài liệu"), c.evidence_changed),
                             (tr("ghi chú"), c.comment_changed)) if on]
    return ", ".join(parts) if parts else tr("không sửa")


def _acted(c) -> str:
    if not c.remark:
        return ""
    return tr("Đã sửa") if c.changed else tr("CHƯA SỬA")


def _appraisal(changes):
    """What became of the returned revision's appraisal of a question (carried or to do again)."""
    def text(c) -> str:
        if c.indicator_id in changes.carried:
            return tr("chuyển từ lần {rev}", rev=changes.returned_revision)
        if c.indicator_id in changes.appraise_again or c.indicator_id in changes.not_carried:
            return tr("thẩm định lại")
        return ""
    return text


def columns(changes=None) -> list[Column]:
    lang = language()
    extra = [Column(tr("Thẩm định"), _appraisal(changes))] if changes is not None and (
        changes.carried or changes.appraise_again or changes.not_carried) else []
    return [
        Column(tr("Câu"), lambda c: c.number, lambda c: [int(p) if p.isdigit() else p for p in c.number.split(".")]),
        Column(tr("Câu hỏi"), lambda c: pick(c.question)),
        Column(tr("Trả lời lần trước"), lambda c: c.old_answer.get(lang) or "—"),
        Column(tr("Trả lời lần này"), lambda c: c.new_answer.get(lang) or "—"),
        Column(tr("Đã sửa"), _what),
        Column(tr("Điểm"), _points, lambda c: (c.new_points or 0) - (c.old_points or 0), right=True),
        Column(tr("Nhận xét của Sở"), lambda c: c.remark),
        Column(tr("Theo nhận xét"), _acted),
        *extra,
    ]


class RevisionChangesView(QWidget):
    """The changes of one submission since its returned revision (a RevisionChanges)."""

    def __init__(self, changes, parent=None):
        super().__init__(parent)
        self.changes = changes
        c = changes
        acted = sum(1 for x in c.changes if x.remark)
        text = tr("Lần sửa đổi {rev} so với lần {old} đã trả lại: {n} câu thay đổi; điểm {a} → {b}.",
                  rev=c.revision, old=c.returned_revision, n=len(c.changes), a=fmt_number(c.old_total, 2),
                  b=fmt_number(c.new_total, 2))
        if c.remarked:
            text += " " + tr("Câu có nhận xét: {done} đã sửa, {left} chưa sửa.", done=acted,
                             left=len(c.remarks_not_acted_on))
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("changesSummary")
        # which appraisals of the returned revision hold here and which are to be done again
        self.appraisal_note = QLabel(appraisal_note(c))
        self.appraisal_note.setWordWrap(True)
        self.appraisal_note.setObjectName("changesAppraisal")
        self.appraisal_note.setVisible(bool(self.appraisal_note.text()))
        self.note = QLabel(tr("Nội dung trả lại: {note}", note=c.note) if c.note else "")
        self.note.setWordWrap(True)
        style.hint(self.note)
        self.note.setVisible(bool(c.note))
        self.model = RowsModel(columns(c), self)
        self.model.set_rows(list(c.remarks_not_acted_on) + list(c.changes))
        self.table, self.proxy = table_view(self.model, name_column=0)
        # the question and the remark take the room and wrap; the rest as wide as their contents
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeToContents)
        for column in (1, 6):
            head.setSectionResizeMode(column, QHeaderView.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.empty = QLabel(tr("Không có câu nào thay đổi so với lần đã trả lại."))
        self.empty.setVisible(not self.model.rows)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.appraisal_note)
        layout.addWidget(self.note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
