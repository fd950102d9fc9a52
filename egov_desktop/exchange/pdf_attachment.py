"""The PDF that carries its data: the assessment file embedded as a PDF attachment.

Two embedded files (docs/formats.md): `assessment.egov.json`, the assessment file byte for
byte, and `egov-manifest.json`, a small envelope with the SHA-256 of those bytes and the
optional Ed25519 signature. The receiver reads them back with `extract`, which treats every
PDF as hostile: size, page and object limits, any pypdf failure becomes a UserError naming
the file, and nothing but the two attachments is ever decoded.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import untrusted
from ..errors import UserError
from ..i18n import bilingual
from . import assessment_file

ATTACHMENT_NAME = "assessment.egov.json"
MANIFEST_NAME = "egov-manifest.json"
MANIFEST_FORMAT = "egov-pdf-attachment"
MANIFEST_VERSION = 1
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 5_000
MAX_OBJECTS = 500_000
MAX_MANIFEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class Extracted:
    """What a received PDF carries: the assessment file's bytes and its signature, if any."""

    file_bytes: bytes
    signature: dict[str, Any] | None
    source: str


def manifest(file_bytes: bytes, signature: dict[str, Any] | None = None, name: str = ATTACHMENT_NAME) -> bytes:
    return json.dumps({
        "format": MANIFEST_FORMAT,
        "format_version": MANIFEST_VERSION,
        "file": name,
        "sha256": hashlib.sha256(file_bytes).hexdigest(),
        "size": len(file_bytes),
        "signature": signature,
    }, ensure_ascii=False, indent=1).encode("utf-8")


def embed(pdf_bytes: bytes, assessment_file_bytes: bytes, signature: dict[str, Any] | None = None,
          name: str = ATTACHMENT_NAME, description: str = "Dữ liệu đánh giá (egov-desktop) / Assessment data") -> bytes:
    """The same PDF with the assessment file (and its manifest) attached; `name` is another data
    file the program's documents carry the same way (the return note's, exchange.return_note)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    for existing in list(writer.attachment_list):
        if existing.name in (name, MANIFEST_NAME):
            existing.delete()  # re-embedding replaces, never duplicates
    data = writer.add_attachment(name, assessment_file_bytes)
    data.subtype = _name("/application#2Fjson")
    data.description = _text(description)
    writer.add_attachment(MANIFEST_NAME, manifest(assessment_file_bytes, signature, name))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _name(value: str):
    from pypdf.generic import NameObject
    return NameObject(value)


def _text(value: str):
    from pypdf.generic import TextStringObject
    return TextStringObject(value)


def _refuse(source: str, vi: str, **kw: object) -> UserError:
    return UserError(bilingual(vi, **kw), source)


def extract(path: str | Path) -> Extracted:
    path = Path(path)
    return extract_bytes(read_pdf(path), path.name)


def read_pdf(path: Path) -> bytes:
    """A received PDF's bytes, through the untrusted-file reader (refused, naming it, when too
    large, not a regular file or unreadable)."""
    return untrusted.read_file(path, MAX_PDF_BYTES)


def extract_bytes(raw: bytes, source: str = "<pdf>", name: str = ATTACHMENT_NAME, limit: int | None = None,
                  missing: str = "") -> Extracted:
    """The attached assessment file of a PDF (or the data file `name`, at most `limit` bytes);
    UserError (naming `source`) for anything else, `missing` (Vietnamese) when it has none."""
    if len(raw) > MAX_PDF_BYTES:
        raise _refuse(source, "Tệp PDF quá lớn (tối đa {mb} MB)", mb=MAX_PDF_BYTES // (1024 * 1024))
    if not raw.lstrip()[:5] == b"%PDF-":
        raise _refuse(source, "Không phải tệp PDF")
    try:
        found = _attachments(raw, source, name, limit or assessment_file.MAX_BYTES)
    except UserError:
        raise
    except (Exception, RecursionError):  # noqa: BLE001 - a hostile PDF may break the parser anywhere
        raise _refuse(source, "Tệp PDF bị hỏng hoặc không đọc được") from None
    data = found.get(name)
    if data is None:
        raise _refuse(source, missing or "PDF không kèm dữ liệu đánh giá (không có tệp đính kèm {name}); "
                                         "hãy xuất lại báo cáo bằng egov-desktop", name=name)
    signature = None
    info = found.get(MANIFEST_NAME)
    if info is not None:
        signature = _check_manifest(info, data, source, name)
    return Extracted(data, signature, source)


def _attachments(raw: bytes, source: str, wanted: str, wanted_limit: int) -> dict[str, bytes]:
    """The attachments, read by pypdf's strict reader first: a well-formed file (every one
    this program writes) is then read without the lenient reader's repairs, which begin by
    reading the header of every object of the file. Whatever the strict reader refuses (a
    repair needed, a limit below) is read again leniently, so the outcome is the lenient one's."""
    try:
        return _read_attachments(raw, source, wanted, wanted_limit, strict=True)
    except (Exception, RecursionError):  # noqa: BLE001 - see the docstring
        return _read_attachments(raw, source, wanted, wanted_limit, strict=False)


def _read_attachments(raw: bytes, source: str, wanted: str, wanted_limit: int, strict: bool) -> dict[str, bytes]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw), strict=strict)
    try:
        return _read_from(reader, source, wanted, wanted_limit)
    finally:
        # each object pypdf read points back at the reader, which keeps them all: dropping its
        # cache leaves no cycle, so the file's objects are freed at once rather than by the
        # cycle collector (a tenth of the import's time for a folder of reports)
        getattr(reader, "resolved_objects", {}).clear()


def _read_from(reader, source: str, wanted: str, wanted_limit: int) -> dict[str, bytes]:
    objects = sum(len(d) for d in reader.xref.values()) + len(reader.xref_objStm)
    if objects > MAX_OBJECTS:
        raise _refuse(source, "Tệp PDF có quá nhiều đối tượng ({n})", n=objects)
    if reader.is_encrypted:
        raise _refuse(source, "Tệp PDF được mã hoá; không đọc được dữ liệu đính kèm")
    pages = reader.root_object.get("/Pages")
    count = pages.get_object().get("/Count", 0) if pages is not None else 0
    if not isinstance(count, int) or count > MAX_PAGES:
        raise _refuse(source, "Tệp PDF có quá nhiều trang")
    found: dict[str, bytes] = {}
    for entry in reader.attachment_list:
        name = entry.name
        if name not in (wanted, MANIFEST_NAME):
            continue
        if name in found:
            raise _refuse(source, "PDF có nhiều tệp đính kèm {name}; không biết dùng tệp nào", name=name)
        limit = wanted_limit if name == wanted else MAX_MANIFEST_BYTES
        declared = entry.size
        if isinstance(declared, int) and declared > limit:
            raise _refuse(source, "Tệp đính kèm {name} quá lớn", name=name)
        content = entry.content
        if len(content) > limit:
            raise _refuse(source, "Tệp đính kèm {name} quá lớn", name=name)
        found[name] = content
    return found


def _check_manifest(info: bytes, data: bytes, source: str, name: str = ATTACHMENT_NAME) -> dict[str, Any] | None:
    try:
        m = untrusted.load_json(info, MANIFEST_NAME, max_depth=8)
    except UserError as e:  # the PDF is the file the user knows; the manifest is the place
        raise UserError(e.message, source, f"{MANIFEST_NAME}: {e.where}" if e.where else MANIFEST_NAME) from None
    if not isinstance(m, dict) or m.get("format") != MANIFEST_FORMAT or m.get("file", name) != name:
        raise _refuse(source, "Tệp {name} trong PDF bị hỏng", name=MANIFEST_NAME)
    if m.get("sha256") != hashlib.sha256(data).hexdigest():
        raise _refuse(source, "Dữ liệu đính kèm không khớp mã SHA-256: tệp đã bị sửa sau khi xuất")
    signature = m.get("signature")
    if signature is not None and not isinstance(signature, dict):
        raise _refuse(source, "Chữ ký trong PDF không hợp lệ")
    return signature


def embed_assessment(pdf_bytes: bytes, data, private_key=None) -> bytes:
    """The report PDF of `data` carrying its assessment file, signed when a private key is given.

    The signature goes in the manifest, so the attached file stays byte for byte what
    `assessment_file.dumps` writes."""
    from .signing import sign

    file_bytes = assessment_file.dumps(data)
    signature = None
    if private_key is not None:
        signature = sign(assessment_file.canonical_bytes(assessment_file.to_payload(data)), private_key)
    return embed(pdf_bytes, file_bytes, signature)
