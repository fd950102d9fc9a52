"""Emptying the recycle bin: an assessment moved there (Workspace.delete) is deleted for good.

A finished assessment (finalised, submitted…) is a locked record: the database itself refuses to
delete it (storage.triggers), so only drafts are deleted for good; a finished one stays in the bin
until restored. Its attached files go too, unless another assessment (in the bin or not) uses the
same file. The database's audit rows go with the assessment, so the deletion and the trail it had
are written first to the data folder's purge log (one JSON line per assessment, never rewritten).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..domain import DRAFT
from ..errors import UserError
from ..i18n import bilingual
from ..storage.models import AssessmentRow, AuditRow, EvidenceRow

if TYPE_CHECKING:
    from .workspace import Workspace

PURGE_LOG = "audit-purged.jsonl"


@dataclass(frozen=True)
class Purged:
    deleted: tuple[int, ...]      # assessment ids deleted for good
    kept: tuple[int, ...]         # finished ones left in the bin (locked records)
    files_removed: int            # attached files no other assessment used


def purge_log_path(ws: Workspace) -> Path:
    return ws.evidence_dir().parent / PURGE_LOG


def purge(ws: Workspace, assessment_id: int) -> Purged:
    """Delete one assessment in the bin for good (refused for one not in the bin or finished)."""
    with ws._writing() as s:
        row = ws._row(s, assessment_id)
        if not row.deleted_at:
            raise UserError(bilingual("Bản đánh giá số {id} không ở thùng rác: hãy xóa (chuyển vào thùng rác) trước",
                                      id=assessment_id))
        if row.status != DRAFT:
            raise UserError(bilingual("Bản đánh giá «{name} — {period}» đã hoàn tất: hồ sơ đã khóa được giữ lại, "
                                      "không xóa vĩnh viễn được (có thể khôi phục)",
                                      name=row.agency.name, period=row.period))
        files = _delete(ws, s, row)
    return Purged((assessment_id,), (), _remove_unused(ws, files))


def empty_trash(ws: Workspace) -> Purged:
    """Delete every draft in the bin for good; finished ones stay (see the module's note)."""
    deleted, kept, files = [], [], set()
    with ws._writing() as s:
        for row in s.scalars(select(AssessmentRow).where(AssessmentRow.deleted_at != "").order_by(AssessmentRow.id)).all():
            if row.status != DRAFT:
                kept.append(row.id)
                continue
            files |= _delete(ws, s, row)
            deleted.append(row.id)
    return Purged(tuple(deleted), tuple(kept), _remove_unused(ws, files))


def purge_log(ws: Workspace) -> list[dict]:
    """What was deleted for good, oldest first (with each one's audit trail)."""
    path = purge_log_path(ws)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _delete(ws: Workspace, s, row: AssessmentRow) -> set[str]:
    """Delete the row (answers, evidence and audit rows with it) after logging it; returns the
    attached files' hashes."""
    from .answering import _now

    files = {e.sha256 for a in row.answers for e in a.evidence if e.sha256}
    trail = [{"at": r.at, "user": r.user, "action": r.action, "target": r.target, "old": r.old, "new": r.new}
             for r in s.scalars(select(AuditRow).where(AuditRow.assessment_id == row.id).order_by(AuditRow.id))]
    entry = {"at": _now(), "user": ws.user, "action": "purge", "assessment_id": row.id, "uid": row.uid,
             "agency": row.agency.name, "period": row.period, "framework_id": row.framework_id,
             "revision": row.revision, "files": sorted(files), "trail": trail}
    s.delete(row)
    s.flush()  # refused here (locked, busy) before anything is logged
    _append(purge_log_path(ws), entry)
    ws._answers_cache.drop(row.id)
    return files


def _append(path: Path, entry: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


def _remove_unused(ws: Workspace, files: set[str]) -> int:
    """Remove the stored copies no assessment refers to any more (after the commit)."""
    if not files:
        return 0
    with ws._reading() as s:
        used = set(s.scalars(select(EvidenceRow.sha256).where(EvidenceRow.sha256.in_(files))))
    removed = 0
    for sha in sorted(files - used):
        p = ws.evidence_file(sha)
        if p is not None:
            try:
                p.unlink()
                removed += 1
            except OSError:  # open elsewhere (Windows): an unused copy left behind harms nothing
                pass
    return removed
