"""Reading a file an agency sent: a report PDF with its attached data, an assessment file, or a
filled Excel template. Checks what the file alone can prove (format, checksum); the province
importer then checks the framework, the answers and the signature against its own records.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scoring import Text, record

from .. import untrusted
from ..domain import DRAFT, SUBMITTED, Agency, AssessmentData
from ..errors import UserError
from ..i18n import bilingual, tr
from . import assessment_file, pdf_attachment

PDF, FILE, WORKBOOK, TABLE = "pdf", "file", "workbook", "table"
SUFFIXES = {".pdf": PDF, ".json": FILE, ".xlsx": WORKBOOK}


@dataclass(frozen=True)
class Received:
    data: AssessmentData
    file_bytes: bytes                 # the assessment file as it will be kept
    canonical: bytes                  # what a signature covers (assessment_file.canonical_bytes)
    signature: dict[str, Any] | None
    kind: str                         # PDF, FILE, WORKBOOK or TABLE
    source: str                       # the file's name, for messages
    digital_signatures: tuple = ()    # a PDF's PAdES signatures (exchange.pades.SignatureCheck)


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_received(path: str | Path, roots: list | None = None) -> Received:
    """The assessment a received file carries; UserError (naming the file) if it cannot be trusted.

    A PDF's digital signatures are checked against the root certificates `roots` (exchange.pades)."""
    path = Path(path)
    kind = kind_of(path)
    if kind == PDF:
        from . import pades
        raw = pdf_attachment.read_pdf(path)
        found = pdf_attachment.extract_bytes(raw, path.name)
        checks = tuple(pades.check_received(raw, path.name, roots))
        for c in checks:  # first: whatever else is wrong, a change after signing says it all
            if c.altered:
                raise UserError(bilingual("Tài liệu đã bị sửa sau khi ký số (chữ ký của {who}); "
                                          "hãy đề nghị cơ quan gửi lại bản gốc", who=c.signer or c.field),
                                path.name, "PAdES")
        received = from_file_bytes(found.file_bytes, path.name, PDF, found.signature)
        return replace(received, digital_signatures=checks)
    if kind == FILE:
        return from_file_bytes(untrusted.read_file(path, assessment_file.MAX_BYTES), path.name, FILE, None)
    if kind == WORKBOOK:
        return _from_workbook(path)
    raise UserError(bilingual("Loại tệp không được hỗ trợ (chỉ nhận .pdf, .egov.json, .xlsx)"), path.name)


def from_file_bytes(raw: bytes, source: str, kind: str, signature: dict[str, Any] | None) -> Received:
    payload = assessment_file.parse(raw, source)
    data, canonical = assessment_file.verified(payload, source)
    if not data.content_hash:
        raise UserError(bilingual("Tệp chưa được hoàn thành (không có mã băm nội dung); "
                                  "cơ quan cần hoàn thành đánh giá rồi gửi lại"), source, "content_hash")
    if signature is None:
        signature = payload.get("signature")
        if signature is not None and not isinstance(signature, dict):
            raise UserError(bilingual("Chữ ký không hợp lệ"), source, "signature")
    return Received(data, raw, canonical, signature, kind, source)


def stamped(data: AssessmentData, source: str, kind: str) -> Received:
    """A Received for data that carries no checksum of its own (a filled template, a table row):
    it is stamped with its content hash here, on arrival."""
    if data.status == DRAFT:
        data = record.replace(data, status=SUBMITTED)
    payload = assessment_file.to_payload(data)
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Received(assessment_file.from_payload(payload, source), raw, assessment_file.canonical_bytes(payload),
                    None, kind, source)


def _from_workbook(path: Path) -> Received:
    """A filled Excel template: its framework, agency and period from its top cells, its answers
    from its rows; refused (naming the sheet and cell) unless every cell is valid."""
    from .. import units
    from ..frameworks import registry
    from ..reports.excel.reader import read_filled_template, read_template_details

    head = read_template_details(path)
    try:
        fw = registry.get(head.framework_id, head.framework_version)
    except KeyError:
        raise UserError(bilingual("Bộ tiêu chí «{id}» phiên bản {version} chưa có trong chương trình; "
                                  "hãy thêm bộ tiêu chí này trước", id=head.framework_id,
                                  version=head.framework_version), path.name, "H2") from None
    for field, value, vi in (("agency_name", head.agency_name, "Phiếu chưa ghi tên cơ quan"),
                             ("period", head.period, "Phiếu chưa ghi kỳ đánh giá")):
        if not value:
            raise UserError(bilingual(vi), path.name, head.cells[field])
    answers, problems = read_filled_template(path, fw)
    if problems:
        first = problems[0]
        why = Text(tr("Phiếu còn {n} ô không hợp lệ, ví dụ: {msg}", "vi", n=len(problems), msg=first.message.vi),
                   tr("Phiếu còn {n} ô không hợp lệ, ví dụ: {msg}", "en", n=len(problems),
                      msg=first.message.en or first.message.vi))
        raise UserError(why, path.name, f"{first.sheet}!{first.cell}")
    unit = units.get(head.unit_code, period=head.period) if head.unit_code else None
    agency = (Agency(head.agency_name, unit.level, unit.code, unit.parent_name, unit.parent_code) if unit else
              Agency(head.agency_name, fw.levels[0] if fw.levels else "", head.unit_code))
    data = AssessmentData(fw.id, fw.version, fw.content_hash, agency, head.period, answers)
    return stamped(data, path.name, WORKBOOK)
