"""Review of a received submission: accept it, or return it for correction with a note (and a
short PDF letter to send back to the agency)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from ..domain import AssessmentData
from ..errors import UserError
from ..i18n import bilingual
from .models import SubmissionRow
from .store import ProvinceStore, utc_now

ACCEPTED, RETURNED, RECEIVED = "accepted", "returned", "received"
MAX_NOTE = 5000


@dataclass(frozen=True)
class Submission:
    id: int
    agency_code: str
    agency_name: str
    parent_name: str
    framework_id: str
    framework_version: str
    period: str
    revision: int
    status: str
    review_note: str
    reviewed_at: str
    source_name: str
    kind: str
    signature: str
    received_at: str
    total: float | None
    total_scaled: float | None
    band_vi: str
    band_en: str
    completeness: float
    current: bool
    digital_signer: str = ""      # ký số: who signed the PDF (certificate subjects), "" when not signed
    group_name: str = ""          # a group the province put the agency in (a table's "Nhóm" column)
    # the agency's own total (tự đánh giá); total and total_scaled above are the final ones
    self_total: float | None = None
    self_total_scaled: float | None = None
    appraisal_version: int = 0    # moved on by every saved appraisal (province.appraisal)


def _plain(r: SubmissionRow) -> Submission:
    return Submission(r.id, r.agency_code, r.agency_name, r.parent_name, r.framework_id, r.framework_version,
                      r.period, r.revision, r.status, r.review_note, r.reviewed_at, r.source_name, r.kind,
                      r.signature, r.received_at, r.total, r.total_scaled, r.band_vi, r.band_en, r.completeness,
                      r.current, r.digital_signer, r.group_name, r.self_total, r.self_total_scaled,
                      r.appraisal_version)


def submissions(store: ProvinceStore, framework_id: str | None = None, period: str | None = None,
                current_only: bool = True) -> list[Submission]:
    q = select(SubmissionRow).order_by(SubmissionRow.agency_name, SubmissionRow.revision)
    if framework_id:
        q = q.where(SubmissionRow.framework_id == framework_id)
    if period:
        q = q.where(SubmissionRow.period == period)
    if current_only:
        q = q.where(SubmissionRow.current.is_(True))
    with store.read() as s:
        return [_plain(r) for r in s.scalars(q)]


def get(store: ProvinceStore, submission_id: int) -> Submission:
    with store.read() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
        return _plain(row)


def assessment(store: ProvinceStore, submission_id: int) -> AssessmentData:
    """The received assessment itself (answers, comments, evidence), as the agency sent it."""
    from ..exchange import assessment_file

    with store.read() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
        payload, source = row.payload, row.source_name
    return assessment_file.loads(payload.encode("utf-8"), source, verify=False)


def _set_status(store: ProvinceStore, submission_id: int, status: str, note: str) -> Submission:
    with store.write() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
        if not row.current:
            raise UserError(bilingual("Hồ sơ số {id} đã được thay bằng lần sửa đổi mới hơn", id=submission_id))
        row.status, row.review_note, row.reviewed_at = status, note, utc_now()
        return _plain(row)


def accept(store: ProvinceStore, submission_id: int, note: str = "") -> Submission:
    return _set_status(store, submission_id, ACCEPTED, note.strip()[:MAX_NOTE])


def _return_note_text(note: str) -> str:
    note = note.strip()
    if not note:
        raise UserError(bilingual("Hãy ghi rõ nội dung cần sửa khi trả lại hồ sơ"))
    return note[:MAX_NOTE]


def return_for_correction(store: ProvinceStore, submission_id: int, note: str) -> Submission:
    return _set_status(store, submission_id, RETURNED, _return_note_text(note))


def return_with_note(store: ProvinceStore, submission_id: int, note: str, path: str | Path,
                     reviewer: str = "", province: str = "", lang: str = "vi") -> tuple[Submission, Path]:
    """Write the return note PDF first; only once it is on disk is the submission marked returned,
    so a failed or abandoned letter never leaves a returned submission the agency was not told about."""
    from .publish import write

    note = _return_note_text(note)
    sub = get(store, submission_id)
    if not sub.current:
        raise UserError(bilingual("Hồ sơ số {id} đã được thay bằng lần sửa đổi mới hơn", id=submission_id))
    written = write(path, return_note_pdf(replace(sub, status=RETURNED, review_note=note), reviewer, province, lang))
    return _set_status(store, submission_id, RETURNED, note), written


def return_note_file_name(sub: Submission) -> str:
    """"Phường Đồng Hới", "2025" → "tra-lai-Phuong-Dong-Hoi-2025.pdf"."""
    from ..reports.names import slug

    return "-".join(p for p in ("tra-lai", slug(sub.agency_name), slug(sub.period)) if p) + ".pdf"


def return_note_pdf(sub: Submission, reviewer: str = "", province: str = "", lang: str = "vi",
                    date_iso: str = "") -> bytes:
    """A one-page letter returning the submission for correction, in the official layout."""
    from .publish import ReturnNote

    return ReturnNote(sub, reviewer, province, lang, date_iso or utc_now()[:10]).render()
