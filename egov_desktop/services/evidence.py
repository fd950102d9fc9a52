"""Evidence: the documents backing an answer (number, date, summary) and the attached files,
kept in the data folder under their SHA-256."""
from __future__ import annotations

import hashlib
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from scoring import Text, nfc
from scoring.numbers import format_number
from scoring.record import replace

from ..domain import Evidence
from .. import untrusted
from ..errors import UserError
from ..i18n import bilingual, tr
from ..storage.models import AnswerRow, EvidenceRow
from .answering import MAX_TEXT, _now
from .workspace_types import EvidenceItem

if TYPE_CHECKING:
    from .workspace import Workspace

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def evidence_row(e: EvidenceRow) -> Evidence:
    return Evidence(e.number, e.date, e.summary, e.file_name, e.sha256, e.size)


def add_evidence(ws: Workspace, assessment_id: int, indicator_id: str, evidence: Evidence,
                 file: str | os.PathLike | None = None) -> EvidenceItem:
    """Attach a document to an answer; `file` (optional) is copied into the data folder under its
    SHA-256 (at most MAX_EVIDENCE_BYTES)."""
    ev = Evidence(nfc(evidence.number.strip()), evidence.date.strip(), nfc(evidence.summary.strip()))
    if ev.date:
        try:
            datetime.strptime(ev.date, "%Y-%m-%d")
        except ValueError:
            raise UserError(bilingual("Ngày không hợp lệ (cần dạng NNNN-TT-NN)"), where=ev.date) from None
    if len(ev.summary) > MAX_TEXT or len(ev.number) > 200:
        raise UserError(bilingual("Nội dung quá dài (tối đa {n} ký tự)", n=MAX_TEXT))
    stored = None
    if file is not None:
        sha, size, stored = store_file(ws, Path(file))
        ev = replace(ev, file_name=nfc(Path(file).name)[:255], sha256=sha, size=size)
    with ws._writing() as s:
        row = ws._draft(s, assessment_id)
        ws._indicator(ws.framework(row.framework_id, row.framework_version, row.framework_hash),
                        indicator_id)
        ans = s.scalars(select(AnswerRow).filter_by(assessment_id=row.id, indicator_id=indicator_id)).first()
        if ans is None:
            ans = AnswerRow(assessment_id=row.id, indicator_id=indicator_id, value=None, na=False, comment="",
                            flagged=False, reviewed=False, updated_at=_now())
            s.add(ans)
            s.flush()
        e = EvidenceRow(answer_id=ans.id, number=ev.number, date=ev.date, summary=ev.summary,
                        file_name=ev.file_name, sha256=ev.sha256, size=ev.size)
        s.add(e)
        s.flush()
        ws._audit(s, row, "evidence", indicator_id, None, {"number": ev.number, "file": ev.file_name})
        ws._rescore(s, row)
        item = EvidenceItem(e.id, indicator_id, ev)
    return item


def store_file(ws: Workspace, src: Path) -> tuple[str, int, Path]:
    untrusted.check_regular(src, str(src))  # a pipe or a device would block or never end
    try:
        size = src.stat().st_size
        if size > MAX_EVIDENCE_BYTES:
            mb = size / 2**20  # written each language's way (12,5 MB / 12.5 MB)
            raise UserError(Text(*(tr("Tệp quá lớn ({mb} MB; tối đa {max} MB)", lang, mb=format_number(mb, lang, 1),
                                      max=MAX_EVIDENCE_BYTES // 2**20) for lang in ("vi", "en"))), str(src))
        folder = ws.evidence_dir()
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{uuid.uuid4().hex}.part"
        h = hashlib.sha256()
        size = 0
        try:
            with open(src, "rb") as fin, open(part, "wb") as fout:
                while chunk := fin.read(1 << 20):
                    size += len(chunk)
                    if size > MAX_EVIDENCE_BYTES:
                        raise UserError(bilingual("Tệp quá lớn (tối đa {max} MB)", max=MAX_EVIDENCE_BYTES // 2**20),
                                        str(src))
                    h.update(chunk)
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            target = folder / h.hexdigest()[:2] / h.hexdigest()
            target.parent.mkdir(exist_ok=True)
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)
    except OSError as e:
        raise UserError(bilingual("Không lưu được tệp đính kèm: {detail}", detail=e.strerror or str(e)),
                        str(src)) from None
    return h.hexdigest(), size, target


def evidence_file(ws: Workspace, sha256: str) -> Path | None:
    """The stored copy of an attached file, or None if it is not in this data folder."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        return None
    p = ws.evidence_dir() / sha256[:2] / sha256
    return p if p.is_file() else None


def list_evidence(ws: Workspace, assessment_id: int, indicator_id: str | None = None) -> list[EvidenceItem]:
    with ws._reading() as s:
        q = (select(EvidenceRow, AnswerRow.indicator_id).join(AnswerRow)
             .where(AnswerRow.assessment_id == assessment_id).order_by(EvidenceRow.id))
        if indicator_id is not None:
            q = q.where(AnswerRow.indicator_id == indicator_id)
        return [EvidenceItem(e.id, ind, evidence_row(e)) for e, ind in s.execute(q)]


def remove_evidence(ws: Workspace, assessment_id: int, evidence_id: int) -> None:
    with ws._writing() as s:
        row = ws._draft(s, assessment_id)
        e = s.get(EvidenceRow, evidence_id)
        if e is None or e.answer.assessment_id != row.id:
            raise UserError(bilingual("Không tìm thấy tài liệu số {id}", id=evidence_id))
        ws._audit(s, row, "evidence", e.answer.indicator_id, {"number": e.number, "file": e.file_name}, None)
        s.delete(e)
        s.flush()
        ws._rescore(s, row)
