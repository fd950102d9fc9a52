"""The data a return note (phiếu trả lại) carries, as the report PDFs carry theirs.

The Sở's return note PDF has one attached file, `return-note.egov.json`, with the manifest of
exchange.pdf_attachment (its SHA-256): which submission it returns (uid, revision, content
hash, framework, period, agency), the general note and the remarks per indicator. The agency's
program reads it back (`read`) treating the PDF as hostile: the PDF limits of pdf_attachment,
the JSON limits of untrusted.load_json, then every field checked here (types, lengths, at most
MAX_REMARKS remarks, indicator ids as a framework writes them). Format in docs/formats.md §8.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scoring import nfc

from .. import untrusted
from ..errors import UserError
from ..i18n import bilingual
from . import pdf_attachment

FORMAT = "egov-return-note"
FORMAT_VERSION = 1
ATTACHMENT_NAME = "return-note.egov.json"
MAX_BYTES = 2 * 1024 * 1024
MAX_NOTE = 5000          # the general note (province.review.MAX_NOTE)
MAX_REMARK = 2000        # one remark
MAX_REMARKS = 2000       # more indicators than any framework has
_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,100}$")   # an indicator id (frameworks' ids), a uid, a hash


@dataclass(frozen=True)
class ReturnNoteData:
    """What the Sở returned, to whom, and why; `remarks` maps indicator ids to remarks."""

    uid: str
    revision: int
    content_hash: str
    framework_id: str
    framework_version: str
    period: str
    agency_name: str
    agency_code: str = ""
    note: str = ""
    remarks: dict[str, str] = field(default_factory=dict)
    issuer: str = ""          # the Sở that returns it
    reviewer: str = ""        # who signs the note
    returned_at: str = ""     # ISO date
    source_name: str = ""     # the file the agency sent


def to_payload(d: ReturnNoteData) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(d)}


def dumps(d: ReturnNoteData) -> bytes:
    return json.dumps(to_payload(d), ensure_ascii=False, indent=1).encode("utf-8")


def embed(pdf_bytes: bytes, d: ReturnNoteData) -> bytes:
    """The note PDF carrying its data (and the manifest with its SHA-256)."""
    return pdf_attachment.embed(pdf_bytes, dumps(d), name=ATTACHMENT_NAME,
                                description="Phiếu trả lại (egov-desktop) / Return note data")


def _err(source: str, where: str, vi: str, **kw: object) -> UserError:
    return UserError(bilingual(vi, **kw), source, where)


def _text(p: dict, key: str, source: str, limit: int, free: bool = False, pattern: re.Pattern | None = None,
          required: bool = False) -> str:
    v = p.get(key, "")
    if v is None:
        v = ""
    if not isinstance(v, str):
        raise _err(source, key, "phải là chuỗi")
    if len(v) > limit:
        raise _err(source, key, "quá dài (tối đa {n} ký tự)", n=limit)
    if not free and untrusted.CONTROL.search(v):
        raise _err(source, key, "chứa ký tự điều khiển không hợp lệ")
    if required and not v.strip():
        raise _err(source, key, "thiếu giá trị")
    if pattern is not None and v and not pattern.match(v):
        raise _err(source, key, "giá trị không hợp lệ")
    return nfc(untrusted.CONTROL.sub("", v) if free else v).strip()


def from_payload(payload: Any, source: str) -> ReturnNoteData:
    """Check every field of a parsed note; UserError names the file and the field."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise _err(source, "format", "không phải dữ liệu phiếu trả lại của egov-desktop")
    fv = payload.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool) or fv < 1:
        raise _err(source, "format_version", "thiếu phiên bản định dạng")
    if fv > FORMAT_VERSION:
        raise _err(source, "format_version", "phiếu do phiên bản mới hơn của chương trình lập; hãy cập nhật chương trình")
    rev = payload.get("revision")
    if not isinstance(rev, int) or isinstance(rev, bool) or not 1 <= rev <= 10_000:
        raise _err(source, "revision", "lần sửa đổi không hợp lệ")
    raw_remarks = payload.get("remarks") or {}
    if not isinstance(raw_remarks, dict):
        raise _err(source, "remarks", "phải là một đối tượng JSON")
    if len(raw_remarks) > MAX_REMARKS:
        raise _err(source, "remarks", "quá nhiều nhận xét (tối đa {n})", n=MAX_REMARKS)
    remarks = {}
    for k, v in raw_remarks.items():
        if not _ID.match(k):
            raise _err(source, "remarks", "mã câu hỏi không hợp lệ: {id}", id=k[:40])
        text = _text(raw_remarks, k, source, MAX_REMARK, free=True)
        if text:
            remarks[k] = text
    t = lambda key, limit=300, **kw: _text(payload, key, source, limit, **kw)  # noqa: E731
    d = ReturnNoteData(uid=t("uid", 64, pattern=_ID, required=True), revision=rev,
                       content_hash=t("content_hash", 64, pattern=_ID), framework_id=t("framework_id", 100,
                                                                                      required=True),
                       framework_version=t("framework_version", 50), period=t("period", 40, required=True),
                       agency_name=t("agency_name", required=True), agency_code=t("agency_code", 64),
                       note=t("note", MAX_NOTE, free=True), remarks=remarks, issuer=t("issuer"),
                       reviewer=t("reviewer", 200), returned_at=t("returned_at", 40), source_name=t("source_name"))
    if not d.note and not d.remarks:
        raise _err(source, "note", "phiếu không có nội dung cần sửa")
    return d


def loads(raw: bytes, source: str) -> ReturnNoteData:
    if len(raw) > MAX_BYTES:
        raise _err(source, ATTACHMENT_NAME, "tệp quá lớn")
    return from_payload(untrusted.load_json(raw, source, max_depth=8), source)


def read(path: str | Path) -> ReturnNoteData:
    """The data of a return note PDF; UserError naming the file for anything else (not a PDF, a
    broken or hostile one, a report rather than a note, data changed after it was written)."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise UserError(bilingual("Phiếu trả lại là tệp PDF do Sở lập bằng egov-desktop"), path.name)
    raw = pdf_attachment.read_pdf(path)
    found = pdf_attachment.extract_bytes(
        raw, path.name, ATTACHMENT_NAME, MAX_BYTES,
        missing="PDF này không phải phiếu trả lại của egov-desktop (không kèm tệp {name}); hãy mở phiếu "
                "trả lại mà Sở gửi, hoặc đề nghị Sở lập lại phiếu bằng egov-desktop")
    try:
        return loads(found.file_bytes, path.name)
    except UserError as e:  # the PDF is the file the officer knows; the attachment is the place
        raise UserError(e.message, path.name, f"{ATTACHMENT_NAME}: {e.where}" if e.where else ATTACHMENT_NAME) \
            from None
