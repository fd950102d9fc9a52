"""The Sở's return note on the agency's side: opened from its PDF, kept with the assessment it
returns, shown beside each question until the next revision is finished (sent).

`open_note` reads the PDF as hostile (exchange.return_note), finds the assessment by its uid and
revision (it must be in this data folder, with the content the Sở returned), keeps the note
(table return_notes, migration 0005) and marks that revision returned. `note_for` gives the note
an assessment shows: the latest one on its own or an earlier revision of the same assessment,
as long as no later revision has been finished since. `correction` is the draft to correct in.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..domain import DRAFT, RETURNED
from ..errors import UserError
from ..i18n import bilingual
from ..storage.models import AssessmentRow, ReturnNoteRow
from .answering import _now
from .types import AssessmentSummary, ReturnNoteInfo
from .workspace_types import NoteOpened

if TYPE_CHECKING:
    from .workspace import Workspace


def _info(r: ReturnNoteRow) -> ReturnNoteInfo:
    remarks = r.remarks if isinstance(r.remarks, dict) else {}
    return ReturnNoteInfo(r.assessment_id, r.revision, r.note, {str(k): str(v) for k, v in remarks.items()},
                          r.issuer, r.reviewer, r.returned_at, r.source, r.opened_at)


def open_note(ws: Workspace, path: str | os.PathLike) -> NoteOpened:
    from ..exchange import return_note

    name = Path(path).name
    d = return_note.read(path)
    with ws._writing() as s:
        row = s.scalars(select(AssessmentRow).filter_by(uid=d.uid, revision=d.revision)).first()
        if row is None:
            others = sorted(s.scalars(select(AssessmentRow.revision).filter_by(uid=d.uid)))
            if others:
                raise UserError(bilingual(
                    "Phiếu trả lại lần sửa đổi {rev} của {agency} kỳ {period}, nhưng thư mục dữ liệu này chỉ có lần "
                    "{have} của bản đánh giá đó", rev=d.revision, agency=d.agency_name, period=d.period,
                    have=", ".join(map(str, others))), name)
            raise UserError(bilingual(
                "Bản đánh giá mà phiếu trả lại ({agency}, kỳ {period}, lần sửa đổi {rev}) không có trong thư mục "
                "dữ liệu này; hãy mở phiếu trên máy đã lập báo cáo, hoặc nhập tệp đánh giá đã gửi (.egov.json) "
                "trước", agency=d.agency_name, period=d.period, rev=d.revision), name)
        if row.deleted_at:
            raise UserError(bilingual("Bản đánh giá mà phiếu trả lại đang ở thùng rác; hãy khôi phục nó trước"), name)
        if row.status == DRAFT or (d.content_hash and row.content_hash != d.content_hash):
            raise UserError(bilingual(
                "Phiếu trả lại nói về một nội dung khác với lần sửa đổi {rev} lưu ở đây (mã băm không khớp); "
                "hãy hỏi lại Sở", rev=d.revision), name)
        try:
            fw = ws.framework(row.framework_id, row.framework_version, row.framework_hash)
        except UserError as e:   # the note is the file the officer opened
            raise UserError(e.message, name) from None
        unknown = [k for k in d.remarks if k not in fw.indicators]
        if unknown:
            raise UserError(bilingual("Bộ tiêu chí không có chỉ tiêu «{id}»", id=", ".join(unknown)), name,
                            f"{return_note.ATTACHMENT_NAME}: remarks")
        kept = s.scalars(select(ReturnNoteRow).filter_by(assessment_id=row.id)).first()
        fields = dict(uid=d.uid, revision=d.revision, note=d.note, remarks=dict(d.remarks), issuer=d.issuer,
                      reviewer=d.reviewer, returned_at=d.returned_at, source=name)
        again = kept is not None and all(getattr(kept, k) == v for k, v in fields.items() if k != "source")
        if kept is None:
            kept = ReturnNoteRow(assessment_id=row.id, **fields, opened_at=_now())
            s.add(kept)
        elif not again:
            for k, v in fields.items():
                setattr(kept, k, v)
            kept.opened_at = _now()
        if not again:
            ws._audit(s, row, "return_note", "return_note", None,
                      {"file": name, "remarks": len(d.remarks), "returned_at": d.returned_at})
        if row.status != RETURNED:
            ws._audit(s, row, "status", "status", row.status, RETURNED)
            row.status = RETURNED
        s.flush()
        info, returned_id = _info(kept), row.id
        draft = _later_draft(s, d.uid, d.revision)
    return NoteOpened(info, ws.summary(returned_id), draft or returned_id, again)


def _later_draft(s, uid: str, revision: int) -> int | None:
    return s.scalars(select(AssessmentRow.id).where(AssessmentRow.uid == uid, AssessmentRow.revision > revision,
                                                    AssessmentRow.status == DRAFT, AssessmentRow.deleted_at == "")
                     .order_by(AssessmentRow.revision.desc())).first()


def note_for(ws: Workspace, assessment_id: int) -> ReturnNoteInfo | None:
    """The note this assessment shows: the latest on it or an earlier revision, unless a later
    revision than the one returned has been finished (sent) since."""
    with ws._reading() as s:
        row = ws._row(s, assessment_id)
        note = s.scalars(select(ReturnNoteRow).where(ReturnNoteRow.uid == row.uid,
                                                     ReturnNoteRow.revision <= row.revision)
                         .order_by(ReturnNoteRow.revision.desc())).first()
        if note is None:
            return None
        sent = s.scalars(select(AssessmentRow.id).where(AssessmentRow.uid == row.uid,
                                                        AssessmentRow.revision > note.revision,
                                                        AssessmentRow.status != DRAFT,
                                                        AssessmentRow.deleted_at == "").limit(1)).first()
        return None if sent is not None else _info(note)


def correction(ws: Workspace, assessment_id: int) -> AssessmentSummary:
    """The draft in which to correct a returned assessment: a later draft revision begun
    already, else a new revision (Workspace.new_revision)."""
    with ws._reading() as s:
        row = ws._row(s, assessment_id)
        if row.status == DRAFT:
            return ws.summary(assessment_id)
        draft = _later_draft(s, row.uid, row.revision)
    return ws.summary(draft) if draft is not None else ws.new_revision(assessment_id)
