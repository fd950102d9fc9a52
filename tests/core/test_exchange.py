"""The PDF that carries its data, signatures and format upgrades, on good and hostile files."""
from __future__ import annotations

import io
import json
import zlib

import pytest

from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file, pdf_attachment, signing
from egov_desktop.exchange.received import read_received
from scoring.record import asdict
from tests.core.exchange_samples import assessment, install_framework, plain_pdf, report_pdf


@pytest.fixture(autouse=True)
def framework():
    return install_framework()


def test_embedded_file_comes_back_byte_for_byte(tmp_path):
    data = assessment()
    pdf = report_pdf(data)
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(pdf)
    found = pdf_attachment.extract(path)
    assert found.file_bytes == assessment_file.dumps(data)
    assert found.signature is None
    r = read_received(path)
    assert r.data == assessment_file.loads(assessment_file.dumps(data))
    # the PDF is still a PDF: its page is intact and an outside tool sees the attachment
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert set(reader.attachments) == {pdf_attachment.ATTACHMENT_NAME, pdf_attachment.MANIFEST_NAME}


def test_re_embedding_replaces_the_attachment(tmp_path):
    first = report_pdf(assessment(computers=3))
    second = pdf_attachment.embed(first, assessment_file.dumps(assessment(computers=9)))
    path = tmp_path / "x.pdf"
    path.write_bytes(second)
    assert read_received(path).data.answers["computers"].value == 9


def _tamper(pdf: bytes, old: bytes, new: bytes) -> bytes:
    """Edit the attached JSON inside the PDF (streams are compressed: rebuild with pypdf)."""
    from pypdf import PdfReader, PdfWriter
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for entry in writer.attachment_list:
        if entry.name == pdf_attachment.ATTACHMENT_NAME:
            entry.content = entry.content.replace(old, new)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_hand_edited_number_is_refused_as_altered(tmp_path):
    pdf = report_pdf(assessment(computers=15))
    path = tmp_path / "sua.pdf"
    path.write_bytes(_tamper(pdf, b'"value": 15', b'"value": 20'))
    with pytest.raises(UserError) as e:
        read_received(path)
    assert e.value.path == "sua.pdf"
    assert "SHA-256" in e.value.message.vi or "đã bị sửa" in e.value.message.vi


def test_edited_file_with_rewritten_manifest_is_still_caught_by_the_content_hash(tmp_path):
    data = assessment(computers=15)
    edited = assessment_file.dumps(data).replace(b'"value": 15', b'"value": 20')
    path = tmp_path / "sua2.pdf"
    path.write_bytes(pdf_attachment.embed(plain_pdf(), edited))   # a new, consistent manifest
    with pytest.raises(UserError) as e:
        read_received(path)
    assert e.value.where == "content_hash"


@pytest.mark.parametrize("make, words", [
    (lambda: plain_pdf(), "không kèm dữ liệu"),
    (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100, "hỏng"),
    (lambda: b"not a pdf at all", "Không phải tệp PDF"),
    (lambda: plain_pdf()[: len(plain_pdf()) // 2], ""),
])
def test_hostile_or_plain_pdfs_are_refused_with_the_file_name(tmp_path, make, words):
    path = tmp_path / "nhan.pdf"
    path.write_bytes(make())
    with pytest.raises(UserError) as e:
        pdf_attachment.extract(path)
    assert e.value.path == "nhan.pdf"
    assert words in e.value.message.vi


def test_oversized_pdf_and_attachment_bomb_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "lon.pdf"
    path.write_bytes(report_pdf(assessment()))
    monkeypatch.setattr(pdf_attachment, "MAX_PDF_BYTES", 1000)
    with pytest.raises(UserError, match="too large|quá lớn"):
        pdf_attachment.extract(path)
    monkeypatch.undo()
    # an attachment that inflates far beyond the assessment-file limit
    bomb = b"{" + b" " * (assessment_file.MAX_BYTES + 10) + b"}"
    pdf = pdf_attachment.embed(plain_pdf(), bomb)
    assert len(pdf) < len(bomb) // 100 or len(zlib.compress(bomb)) < len(pdf)
    path.write_bytes(pdf)
    with pytest.raises(UserError) as e:
        pdf_attachment.extract(path)
    assert "quá lớn" in e.value.message.vi


def test_two_attachments_of_the_same_name_are_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter
    pdf = report_pdf(assessment())
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(pdf_attachment.ATTACHMENT_NAME, assessment_file.dumps(assessment(computers=1)))
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "hai.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(UserError, match="several|nhiều|Several") as e:
        pdf_attachment.extract(path)
    assert e.value.path == "hai.pdf"


def test_key_signature_verifies_and_detects_changes(tmp_path):
    key = signing.create_key("19723", "Phường Đồng Hới", passphrase="mat-khau")
    assert (signing.keys_dir() / signing.PRIVATE_KEY_FILE).stat().st_mode & 0o077 == 0
    with pytest.raises(UserError):
        signing.load_private_key("sai")
    private = signing.load_private_key("mat-khau")
    data = assessment()
    canonical = assessment_file.canonical_bytes(assessment_file.to_payload(data))
    sig = signing.sign(canonical, private)
    assert signing.verify(canonical, sig, [key.public_key]) == signing.VERIFIED
    assert signing.verify(canonical, sig, []) == signing.UNREGISTERED
    assert signing.verify(canonical.replace(b"15", b"16"), sig, [key.public_key]) == signing.INVALID
    assert signing.verify(canonical, {**sig, "value": "AAAA"}, [key.public_key]) == signing.INVALID
    assert signing.verify(canonical, None, [key.public_key]) == signing.UNSIGNED
    # the signature travels in the PDF manifest and in a standalone file
    path = tmp_path / "ky.pdf"
    path.write_bytes(report_pdf(data, private))
    assert signing.verify(read_received(path).canonical, read_received(path).signature, [key.public_key]) == "verified"
    standalone = tmp_path / "ky.egov.json"
    standalone.write_bytes(signing.signed_file_bytes(data, private))
    r = read_received(standalone)
    assert signing.verify(r.canonical, r.signature, [key.public_key]) == signing.VERIFIED
    # exported public key reads back
    exported = tmp_path / "pub.json"
    exported.write_bytes(signing.dump_public(signing.own_public_key()))
    assert signing.read_public(exported) == key
    with pytest.raises(UserError):
        signing.create_key("19723", "x")   # never overwrites a key silently


def test_a_broken_public_key_file_is_refused(tmp_path):
    p = tmp_path / "k.json"
    p.write_text(json.dumps({"format": "egov-public-key", "algorithm": "Ed25519", "public_key": "abc"}))
    with pytest.raises(UserError) as e:
        signing.read_public(p)
    assert e.value.path == "k.json"


def test_older_format_versions_are_upgraded_through_the_chain(monkeypatch):
    data = assessment()
    payload = assessment_file.to_payload(data)
    old = {**payload, "format_version": 0, "agency_name_old": payload["agency"]["name"]}
    old.pop("agency")
    old["content_hash"] = assessment_file.compute_hash(old)

    def upgrade_0(p):
        p["agency"] = {**asdict(data.agency), "name": p.pop("agency_name_old")}
        return p

    with pytest.raises(UserError, match="too old|quá cũ"):
        assessment_file.loads(json.dumps(old).encode())
    monkeypatch.setitem(assessment_file.UPGRADERS, 0, upgrade_0)
    got = assessment_file.loads(json.dumps(old).encode())
    assert got.agency.name == data.agency.name and got.answers == data.answers


def test_written_files_match_the_published_schema():
    import jsonschema
    from egov_desktop.paths import resource_path
    schema = json.loads(resource_path("schemas", "assessment.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(assessment_file.dumps(assessment())), schema)
    signing.create_key("19723", "x")
    jsonschema.validate(json.loads(signing.signed_file_bytes(assessment(), signing.load_private_key())), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(assessment_file.dumps(assessment())), "revision": 0}, schema)
