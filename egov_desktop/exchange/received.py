"""Reading a file an agency sent: a report PDF with its attached data, an assessment file, or a
filled Excel template. Checks what the file alone can prove (format, checksum); the province
importer then checks the framework, the answers and the signature against its own records.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..domain import DRAFT, SUBMITTED, AssessmentData
from ..errors import UserError
from ..i18n import bilingual
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


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_received(path: str | Path) -> Received:
    """The assessment a received file carries; UserError (naming the file) if it cannot be trusted."""
    path = Path(path)
    kind = kind_of(path)
    if kind == PDF:
        found = pdf_attachment.extract(path)
        return from_file_bytes(found.file_bytes, path.name, PDF, found.signature)
    if kind == FILE:
        try:
            if path.stat().st_size > assessment_file.MAX_BYTES:
                raise UserError(bilingual("Tệp quá lớn"), path.name)
            raw = path.read_bytes()
        except OSError as e:
            raise UserError(bilingual("Không đọc được tệp: {reason}", reason=e.strerror), path.name) from None
        return from_file_bytes(raw, path.name, FILE, None)
    if kind == WORKBOOK:
        return _from_workbook(path)
    raise UserError(bilingual("Loại tệp không được hỗ trợ (chỉ nhận .pdf, .egov.json, .xlsx)"), path.name)


def from_file_bytes(raw: bytes, source: str, kind: str, signature: dict[str, Any] | None) -> Received:
    data = assessment_file.loads(raw, source, verify=True)
    if not data.content_hash:
        raise UserError(bilingual("Tệp chưa được hoàn thành (không có mã băm nội dung); "
                                  "cơ quan cần hoàn thành đánh giá rồi gửi lại"), source, "content_hash")
    payload = json.loads(raw.decode("utf-8-sig"))  # already checked by loads
    if signature is None:
        signature = payload.get("signature")
        if signature is not None and not isinstance(signature, dict):
            raise UserError(bilingual("Chữ ký không hợp lệ"), source, "signature")
    return Received(data, raw, assessment_file.canonical_bytes(payload), signature, kind, source)


def stamped(data: AssessmentData, source: str, kind: str) -> Received:
    """A Received for data that carries no checksum of its own (a filled template, a table row):
    it is stamped with its content hash here, on arrival."""
    if data.status == DRAFT:
        data = replace(data, status=SUBMITTED)
    payload = assessment_file.to_payload(data)
    raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Received(assessment_file.from_payload(payload, source), raw, assessment_file.canonical_bytes(payload),
                    None, kind, source)


def _from_workbook(path: Path) -> Received:
    try:
        from ..reports.excel.template_import import read_filled_template  # the reports' filled-template reader
    except ImportError:
        raise UserError(bilingual("Chương trình này chưa đọc được mẫu Excel đã điền"), path.name) from None
    return stamped(read_filled_template(path), path.name, WORKBOOK)
