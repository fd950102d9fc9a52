"""Answering: the per-answer calls (set_answer, set_comment, set_flag, set_reviewed) and the
rules an answer value follows. Saving an answer is the hot path (every keystroke that settles):
one transaction of prepared SQLAlchemy Core statements instead of the ORM, rescored from the
Workspace's answers cache (docs/performance.md, storage).
"""
from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, insert, select, update

from scoring import NA, AnswerProblem, Framework, Indicator, ScoreResult, nfc, resolve, score, validate
from scoring.record import replace

from ..domain import DRAFT, Answer, Evidence
from ..errors import UserError
from ..i18n import bilingual
from ..storage.models import AnswerRow, AssessmentRow, AuditRow, EvidenceRow
from .workspace_types import AnswerSaved

if TYPE_CHECKING:
    from .workspace import Workspace

MAX_TEXT = 10_000


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def plain_value(value: Any, where: str) -> Any:
    """An answer value as stored (JSON): None, text, a finite number, or a list of choice ids."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise UserError(bilingual("Giá trị không hợp lệ"), where=where)
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise UserError(bilingual("Nội dung quá dài (tối đa {n} ký tự)", n=MAX_TEXT), where=where)
        return nfc(value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise UserError(bilingual("Số không hợp lệ"), where=where)
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [nfc(v) for v in value]
    raise UserError(bilingual("Giá trị không hợp lệ"), where=where)


_A, _ANS, _EV, _AUDIT = (m.__table__ for m in (AssessmentRow, AnswerRow, EvidenceRow, AuditRow))
_HEAD = select(_A.c.uid, _A.c.answers_version, _A.c.updated_at, _A.c.status, _A.c.deleted_at, _A.c.framework_id,
               _A.c.framework_version, _A.c.framework_hash).where(_A.c.id == bindparam("aid"))
_ANSWER_ROWS = select(_ANS.c.indicator_id, _ANS.c.value, _ANS.c.na, _ANS.c.comment, _ANS.c.flagged,
                      _ANS.c.reviewed).where(_ANS.c.assessment_id == bindparam("aid"))
_EVIDENCE_ROWS = (select(_ANS.c.indicator_id, _EV.c.number, _EV.c.date, _EV.c.summary, _EV.c.file_name,
                         _EV.c.sha256, _EV.c.size)
                  .join_from(_EV, _ANS).where(_ANS.c.assessment_id == bindparam("aid")).order_by(_EV.c.id))
_AUDIT_INSERT = insert(_AUDIT)
# SET columns come from the parameters; RETURNING the counter the triggers moved (the cache stamp)
_SUMMARY_UPDATE = update(_A).where(_A.c.id == bindparam("aid")).returning(_A.c.answers_version)
# the answer columns each per-answer call changes
_FIELDS = {"answer": ("value", "na"), "comment": ("comment",), "flag": ("flagged",), "reviewed": ("reviewed",)}


def upserts(dialect: str) -> dict[str, Any]:
    """INSERT ... ON CONFLICT (assessment, indicator) DO UPDATE of the changed columns, per action."""
    if dialect == "postgresql":  # imported only for it: the PostgreSQL dialect pulls in asyncio
        from sqlalchemy.dialects.postgresql import insert as insert_
    else:
        from sqlalchemy.dialects.sqlite import insert as insert_
    out = {}
    for action, fields in _FIELDS.items():
        stmt = insert_(_ANS)
        out[action] = stmt.on_conflict_do_update(index_elements=[_ANS.c.assessment_id, _ANS.c.indicator_id],
                                                 set_={f: stmt.excluded[f] for f in (*fields, "updated_at")})
    return out


def load_answers(conn: Connection, assessment_id: int) -> dict[str, Answer]:
    """Every stored answer of an assessment, with its evidence (two queries)."""
    evidence: dict[str, list[Evidence]] = {}
    for ind, *fields in conn.execute(_EVIDENCE_ROWS, {"aid": assessment_id}):
        evidence.setdefault(ind, []).append(Evidence(*fields))
    return {ind: Answer(tuple(value) if isinstance(value, list) else value, bool(na), comment, bool(flagged),
                        bool(reviewed), tuple(evidence.get(ind, ())))
            for ind, value, na, comment, flagged, reviewed in conn.execute(_ANSWER_ROWS, {"aid": assessment_id})}


def scored(fw: Framework, answers: dict[str, Answer]
            ) -> tuple[ScoreResult, list[AnswerProblem], dict[str, Any]]:
    """Score and check answers; also the summary columns kept on the assessment row."""
    values = {k: NA if a.na else a.value for k, a in answers.items() if a.na or a.value is not None}
    counts = {k: len(a.evidence) for k, a in answers.items() if a.evidence}
    resolved = resolve(fw, values)
    result = score(fw, values, resolved)
    problems = validate(fw, values, counts, resolved)
    band = result.band
    return result, problems, {
        "total": result.total, "total_scaled": result.total_scaled, "completeness": result.completeness,
        "band_vi": band.label.vi if band else "", "band_en": band.label.en if band else "",
        "errors": sum(1 for p in problems if p.level == "error"), "scored_at": _now()}


def refuse_unless_draft(row: Any) -> None:
    """row: an AssessmentRow or a row of _HEAD."""
    if row.deleted_at:
        raise UserError(bilingual("Đánh giá đã bị xoá; hãy khôi phục trước khi sửa"))
    if row.status != DRAFT:
        raise UserError(bilingual("Đánh giá đã hoàn tất nên không thể sửa; hãy tạo lần sửa đổi mới"))


def _changed(ind: Indicator, old: Answer, action: str, change: dict[str, Any]) -> tuple[Answer, Any, Any]:
    """The answer after one per-answer call, and the old and new values for the audit trail."""
    if action == "answer":
        if not ind.is_input:
            raise UserError(bilingual("Chỉ tiêu «{id}» được tính tự động, không nhập", id=ind.id))
        na = bool(change["na"])
        if na and not ind.allow_na:
            raise UserError(bilingual("Chỉ tiêu «{id}» không được chọn «không áp dụng»", id=ind.id))
        value = None if na else plain_value(change["value"], ind.id)
        value = tuple(value) if isinstance(value, list) else value
        return (replace(old, value=value, na=na), {"value": _json(old.value), "na": old.na},
                {"value": _json(value), "na": na})
    if action == "comment":
        comment = nfc(str(change["comment"]))
        if len(comment) > MAX_TEXT:
            raise UserError(bilingual("Nội dung quá dài (tối đa {n} ký tự)", n=MAX_TEXT))
        return replace(old, comment=comment), old.comment, comment
    field = "flagged" if action == "flag" else "reviewed"
    new = bool(change[field])
    return replace(old, **{field: new}), getattr(old, field), new


def _json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def change_answer(ws: Workspace, assessment_id: int, indicator_id: str, action: str, **change: Any) -> AnswerSaved:
    """One transaction of Core statements: read the assessment's head, upsert the answer row,
    add the audit row, update the score summary; the other answers come from the cache."""
    try:
        with ws._writing_core() as conn:
            head = conn.execute(_HEAD, {"aid": assessment_id}).first()
            if head is None:
                raise UserError(bilingual("Không tìm thấy đánh giá số {id}", id=assessment_id))
            refuse_unless_draft(head)
            fw = ws.framework(head.framework_id, head.framework_version, head.framework_hash)
            ind = ws._indicator(fw, indicator_id)
            stamp = tuple(head[:3])   # uid, answers_version, updated_at: see AnswersCache
            answers = ws._answers_cache.get(assessment_id, stamp)
            if answers is None:
                answers = load_answers(conn, assessment_id)
            new, audit_old, audit_new = _changed(ind, answers.get(indicator_id, Answer()), action, change)
            changed = audit_old != audit_new
            if changed:
                answers = {**answers, indicator_id: new}
            result, problems, summary = scored(fw, answers)
            if changed:
                now = _now()
                conn.execute(ws._upsert[action], {
                    "assessment_id": assessment_id, "indicator_id": indicator_id, "value": _json(new.value),
                    "na": new.na, "comment": new.comment, "flagged": new.flagged, "reviewed": new.reviewed,
                    "updated_at": now})
                conn.execute(_AUDIT_INSERT, {"assessment_id": assessment_id, "at": now, "user": ws.user,
                                             "action": action, "target": indicator_id, "old": audit_old,
                                             "new": audit_new})
                version = conn.execute(_SUMMARY_UPDATE, {"aid": assessment_id, "updated_at": now,
                                                         **summary}).scalar_one()
                stamp = (head.uid, version, now)
    except BaseException:
        ws._answers_cache.drop(assessment_id)
        raise
    # committed: the cache holds the stored answers as of this stamp
    ws._answers_cache.put(assessment_id, stamp, answers)
    return AnswerSaved(assessment_id, indicator_id, answers.get(indicator_id, Answer()), result,
                       tuple(p for p in problems if p.indicator_id == indicator_id), summary["errors"])
