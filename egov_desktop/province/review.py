"""Review of a received submission: accept it, or return it for correction with a note (and a
short PDF letter to send back to the agency)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..domain import AssessmentData
from ..errors import UserError
from ..i18n import bilingual
from .models import SubmissionRow
from .store import ProvinceStore, utc_now

if TYPE_CHECKING:
    from scoring import Text

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


def _set_status(store: ProvinceStore, submission_id: int, status: str, note: str,
                return_note: dict | None = None) -> Submission:
    with store.write() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError(bilingual("Không có hồ sơ số {id}", id=submission_id))
        if not row.current:
            raise UserError(bilingual("Hồ sơ số {id} đã được thay bằng lần sửa đổi mới hơn", id=submission_id))
        row.status, row.review_note, row.reviewed_at = status, note, utc_now()
        row.return_note = return_note   # the note as sent, or none (accepted, or returned without a letter)
        return _plain(row)


def accept(store: ProvinceStore, submission_id: int, note: str = "") -> Submission:
    return _set_status(store, submission_id, ACCEPTED, note.strip()[:MAX_NOTE])


def _return_note_text(note: str, has_remarks: bool = False) -> str:
    note = note.strip()
    if not note and not has_remarks:
        raise UserError(bilingual("Hãy ghi rõ nội dung cần sửa khi trả lại hồ sơ"))
    return note[:MAX_NOTE]


def return_for_correction(store: ProvinceStore, submission_id: int, note: str) -> Submission:
    return _set_status(store, submission_id, RETURNED, _return_note_text(note))


@dataclass(frozen=True)
class RemarkLine:
    """One question the return note remarks on, as the note prints it."""

    indicator_id: str
    number: str          # as on the agency's screen (scoring.numbering)
    question: Text
    answer: Text         # the agency's answer, as a reader sees it (reports.data.answer_text)
    remark: str


def remarks_for(store: ProvinceStore, submission_id: int) -> dict[str, str]:
    """The remarks per indicator the return note carries when the GUI or the CLI returns a
    submission: the remarks of the province's appraisal of each indicator (province.appraisal)."""
    from .appraisal import remarks

    return remarks(store, submission_id)


def remark_lines(store: ProvinceStore, submission_id: int, remarks: Mapping[str, str]) -> list[RemarkLine]:
    """The remarks in the framework's order with the question and the agency's answer; an
    indicator the framework does not have is refused (naming it), an empty remark left out."""
    from scoring import NA, nfc
    from scoring.numbering import question_numbers

    from ..frameworks import registry
    from ..reports.data import answer_text

    from ..exchange.return_note import MAX_REMARK

    wanted = {str(k).strip(): nfc(str(v)).strip() for k, v in (remarks or {}).items()}
    wanted = {k: v for k, v in wanted.items() if v}
    if not wanted:
        return []
    long = [k for k, v in wanted.items() if len(v) > MAX_REMARK]
    if long:   # refused, never cut: the agency would read half a remark
        raise UserError(bilingual("Nhận xét của câu «{id}» quá dài (tối đa {n} ký tự)", id=", ".join(long),
                                  n=MAX_REMARK))
    sub = get(store, submission_id)
    try:
        fw = registry.get(sub.framework_id, sub.framework_version)
    except KeyError:
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=sub.framework_id,
                                  version=sub.framework_version)) from None
    unknown = [k for k in wanted if k not in fw.indicators]
    if unknown:
        raise UserError(bilingual("Bộ tiêu chí không có chỉ tiêu «{id}»", id=", ".join(unknown)))
    data = assessment(store, submission_id)
    numbers = question_numbers(fw)
    lines = []
    for iid, ind in fw.indicators.items():
        if iid in wanted:
            a = data.answers.get(iid)
            value = NA if a is not None and a.na else (a.value if a is not None else None)
            lines.append(RemarkLine(iid, numbers[iid], ind.label, answer_text(ind, value), wanted[iid]))
    return lines


def _identity(store: ProvinceStore, submission_id: int) -> tuple[str, str]:
    with store.read() as s:
        row = s.get(SubmissionRow, submission_id)
        return (row.uid, row.content_hash) if row is not None else ("", "")


def return_with_note(store: ProvinceStore, submission_id: int, note: str, path: str | Path,
                     reviewer: str = "", province: str = "", lang: str = "vi",
                     remarks: Mapping[str, str] | None = None) -> tuple[Submission, Path]:
    """Write the return note PDF first; only once it is on disk is the submission marked returned,
    so a failed or abandoned letter never leaves a returned submission the agency was not told about.

    The PDF lists the `remarks` ({indicator id: remark}) with each question and the agency's
    answer, and carries its data (exchange.return_note) for the agency's program to open; the
    same data is kept with the submission (its next revision is compared with it)."""
    from ..exchange import return_note
    from ..reports.profile import receiving_department
    from .publish import write

    sub = get(store, submission_id)
    if not sub.current:
        raise UserError(bilingual("Hồ sơ số {id} đã được thay bằng lần sửa đổi mới hơn", id=submission_id))
    lines = remark_lines(store, submission_id, remarks or {})
    note = _return_note_text(note, bool(lines))
    uid, content_hash = _identity(store, submission_id)
    date = utc_now()[:10]
    doc = _note_document(replace(sub, status=RETURNED, review_note=note), reviewer, province, lang, date, lines)
    data = return_note.ReturnNoteData(
        uid=uid, revision=sub.revision, content_hash=content_hash, framework_id=sub.framework_id,
        framework_version=sub.framework_version, period=sub.period, agency_name=sub.agency_name,
        agency_code=sub.agency_code, note=note, remarks={ln.indicator_id: ln.remark for ln in lines},
        issuer=province.strip() or receiving_department(sub.parent_name, sub.period),
        reviewer=doc.profile.signer_name, returned_at=date,
        source_name=sub.source_name)
    written = write(path, return_note.embed(doc.render(), data))
    return _set_status(store, submission_id, RETURNED, note, return_note.to_payload(data)), written


def return_note_file_name(sub: Submission) -> str:
    """"Phường Đồng Hới", "2025" → "tra-lai-Phuong-Dong-Hoi-2025.pdf"."""
    from ..reports.names import slug

    return "-".join(p for p in ("tra-lai", slug(sub.agency_name), slug(sub.period)) if p) + ".pdf"


def _note_document(sub: Submission, reviewer: str, province: str, lang: str, date_iso: str,
                   lines: list[RemarkLine] | tuple = ()):
    from .publish import ReturnNote

    return ReturnNote(sub, reviewer, province, lang, date_iso, lines=tuple(lines))


def return_note_pdf(sub: Submission, reviewer: str = "", province: str = "", lang: str = "vi",
                    date_iso: str = "", lines: list[RemarkLine] | tuple = ()) -> bytes:
    """The letter returning the submission for correction, in the official layout (without its
    data: return_with_note attaches it)."""
    return _note_document(sub, reviewer, province, lang, date_iso or utc_now()[:10], lines).render()
