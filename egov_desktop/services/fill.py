"""Answers from a filled fill-in workbook put into an existing draft, all in one transaction:
each answer given replaces the stored value (or "not applicable"), comments are added where the
workbook has one; an answer the workbook leaves empty stays as it was. Nothing is written unless
every answer is accepted."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from ..domain import Answer
from ..storage.models import AnswerRow
from .types import AssessmentSummary

if TYPE_CHECKING:
    from .workspace import Workspace


def fill_answers(ws: Workspace, assessment_id: int, answers: dict[str, Answer], source: str = "") -> AssessmentSummary:
    from .answering import _changed, _json, _now

    with ws._writing() as s:
        row = ws._draft(s, assessment_id)
        fw = ws.framework(row.framework_id, row.framework_version, row.framework_hash)
        stored = {a.indicator_id: a for a in s.scalars(select(AnswerRow).where(AnswerRow.assessment_id == row.id))}
        for iid, given in answers.items():
            ans = stored.get(iid)
            old = Answer(tuple(ans.value) if ans is not None and isinstance(ans.value, list) else
                         (ans.value if ans is not None else None), ans.na if ans is not None else False)
            new, audit_old, audit_new = _changed(ws._indicator(fw, iid), old, "answer",
                                                 {"value": given.value, "na": given.na})
            if ans is None:
                ans = AnswerRow(assessment_id=row.id, indicator_id=iid, value=None, na=False, comment="",
                                flagged=False, reviewed=False, updated_at=_now())
                s.add(ans)
            if audit_old != audit_new:
                ans.value, ans.na, ans.updated_at = _json(new.value), new.na, _now()
                ws._audit(s, row, "answer", iid, audit_old, audit_new)
            if given.comment and given.comment != ans.comment:
                ws._audit(s, row, "comment", iid, ans.comment, given.comment)
                ans.comment = given.comment
        s.flush()
        ws._rescore(s, row)
        ws._audit(s, row, "import", new=source)
    ws._answers_cache.drop(assessment_id)
    return ws._summary(assessment_id)
