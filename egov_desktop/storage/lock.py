"""The lock on finished assessments, enforced on every ORM flush.

Whatever code path tries it (a service, a future one, a script using the models), a flush that
would change the answers or evidence of an assessment that is not a draft, or the content of
such an assessment, fails with LockedError and the transaction is rolled back.
"""
from __future__ import annotations

from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..domain import DRAFT
from ..errors import UserError
from ..i18n import bilingual
from .models import AnswerRow, AssessmentRow, EvidenceRow

# what may still change on a finished assessment: its place in the lifecycle and bookkeeping
# (SQLite triggers enforce the same in the database: storage.triggers)
MUTABLE_WHEN_LOCKED = {"status", "deleted_at", "updated_at", "total", "total_scaled", "completeness",
                       "band_vi", "band_en", "errors", "scored_at", "answers_version",
                       "document_number"}   # the văn thư numbers a report once it is finished


class LockedError(UserError):
    def __init__(self) -> None:
        super().__init__(bilingual("Đánh giá đã hoàn tất nên không thể sửa; hãy tạo lần sửa đổi mới"))


def _statuses(row: AssessmentRow) -> set[str]:
    hist = inspect(row).attrs.status.history
    return set(hist.deleted) | {row.status} if hist.deleted else {row.status}


def _owner(session: Session, obj) -> AssessmentRow | None:
    if isinstance(obj, EvidenceRow):
        obj = obj.answer or (session.get(AnswerRow, obj.answer_id) if obj.answer_id else None)
        if obj is None:
            return None
    if isinstance(obj, AnswerRow):
        return obj.assessment or (session.get(AssessmentRow, obj.assessment_id) if obj.assessment_id else None)
    return None


def _guard(session: Session, _context, _instances) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, AssessmentRow):
            if obj in session.new:
                continue
            if obj in session.deleted:
                if _statuses(obj) != {DRAFT}:
                    raise LockedError()
                continue
            state = inspect(obj)
            old_status = state.attrs.status.history.deleted
            was_locked = (old_status[0] if old_status else obj.status) != DRAFT
            changed = {a.key for a in state.attrs if a.history.has_changes()} - MUTABLE_WHEN_LOCKED
            if was_locked and (obj.status == DRAFT or changed - {"answers"}):  # a new answer is caught on its own
                raise LockedError()
        elif isinstance(obj, (AnswerRow, EvidenceRow)):
            if obj in session.dirty and not session.is_modified(obj):
                continue
            owner = _owner(session, obj)
            if owner is not None and _statuses(owner) != {DRAFT}:
                raise LockedError()


_installed = False


def install_lock_guard() -> None:
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", _guard)
        _installed = True
