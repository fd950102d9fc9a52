"""The report PDF made by the real `report` command carries its assessment, and the province
imports that very PDF: byte for byte, signed when the agency has a key, refused when altered."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import func, select

from egov_desktop.cli import main
from egov_desktop.exchange import assessment_file, pdf_attachment
from egov_desktop.province.models import SubmissionRow
from egov_desktop.province.store import open_store
from egov_desktop.services import Workspace

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "xa-2025.egov.json"


@pytest.fixture()
def finalised_id(capsys):
    """The example assessment imported into the data folder (as an officer would) and finalised."""
    assert main(["assessment", "import", str(EXAMPLE)]) == 0
    with Workspace() as ws:
        [row] = ws.list_assessments()
        ws.finalise(row.id)
    capsys.readouterr()
    return row.id


def _finalised_file(assessment_id: int) -> bytes:
    with Workspace() as ws:
        return assessment_file.dumps(ws.get(assessment_id).data)


def _submissions() -> list[SubmissionRow]:
    store = open_store()
    try:
        with store.read() as s:
            return list(s.scalars(select(SubmissionRow)))
    finally:
        store.close()


def test_report_pdf_is_imported_by_the_province_byte_for_byte(finalised_id, tmp_path, capsys):
    pdf = tmp_path / "bao-cao.pdf"
    assert main(["report", str(finalised_id), "-o", str(pdf)]) == 0
    reader = PdfReader(str(pdf))
    assert "UBND phường Đồng Hới" in reader.pages[0].extract_text()   # still the report
    attached = reader.attachments[pdf_attachment.ATTACHMENT_NAME][0]
    assert attached == _finalised_file(finalised_id)
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    capsys.readouterr()
    assert main(["import", str(pdf)]) == 0
    assert "Đã nhập: 1" in capsys.readouterr().out
    [sub] = _submissions()
    assert sub.payload.encode("utf-8") == attached and sub.kind == "pdf" and sub.signature == "unsigned"
    assert sub.agency_code == "18880" and sub.total == pytest.approx(0.75301, abs=1e-4)


def _replace_attachment(pdf: bytes, new_file: bytes, keep_manifest: bool) -> bytes:
    if not keep_manifest:  # a careful forger also rewrites the manifest's SHA-256
        return pdf_attachment.embed(pdf, new_file)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for entry in writer.attachment_list:
        if entry.name == pdf_attachment.ATTACHMENT_NAME:
            entry.content = new_file
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("keep_manifest", [True, False])
def test_an_altered_copy_of_the_report_is_refused_as_altered(finalised_id, tmp_path, capsys, keep_manifest):
    pdf = tmp_path / "bao-cao.pdf"
    assert main(["report", str(finalised_id), "-o", str(pdf)]) == 0
    original = pdf_attachment.extract(pdf).file_bytes
    edited = original.replace(b'"period": "2025"', b'"period": "2024"')
    assert edited != original
    forged = tmp_path / "bao-cao-sua.pdf"
    forged.write_bytes(_replace_attachment(pdf.read_bytes(), edited, keep_manifest))
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(forged)]) == 1
    out = capsys.readouterr().out
    assert "bao-cao-sua.pdf" in out and "altered" in out and "Traceback" not in out
    assert _submissions() == []


def test_report_is_signed_with_a_protected_key_from_a_passphrase_file(finalised_id, tmp_path, capsys,
                                                                    monkeypatch):
    monkeypatch.setenv("EGOV_DESKTOP_KEY_PASSPHRASE", "mật khẩu dài")
    assert main(["keys", "create", "--agency-code", "18880", "--agency-name", "UBND phường Đồng Hới",
                 "--passphrase"]) == 0
    assert main(["keys", "export-public", "-o", str(tmp_path / "khoa.json")]) == 0
    monkeypatch.delenv("EGOV_DESKTOP_KEY_PASSPHRASE")
    pdf = tmp_path / "bao-cao.pdf"
    capsys.readouterr()
    # a protected key and no passphrase: a message, never a prompt, and no file
    assert main(["report", str(finalised_id), "-o", str(pdf)]) == 2
    assert "--passphrase-file" in capsys.readouterr().err and not pdf.exists()
    wrong = tmp_path / "sai.txt"
    wrong.write_text("sai\n", encoding="utf-8")
    assert main(["report", str(finalised_id), "-o", str(pdf), "--passphrase-file", str(wrong)]) == 2
    assert "mật khẩu" in capsys.readouterr().err and not pdf.exists()
    good = tmp_path / "pass.txt"
    good.write_text("mật khẩu dài\n", encoding="utf-8")
    assert main(["report", str(finalised_id), "-o", str(pdf), "--passphrase-file", str(good)]) == 0
    assert pdf_attachment.extract(pdf).signature["algorithm"] == "Ed25519"
    # the province registered the agency's key: the signed PDF verifies
    assert main(["keys", "register", str(tmp_path / "khoa.json")]) == 0
    assert main(["import", str(pdf)]) == 0
    [sub] = _submissions()
    assert sub.signature == "verified"


def test_the_email_draft_attaches_the_pdf_that_carries_the_data(finalised_id, tmp_path):
    import email
    from email import policy

    pdf, eml = tmp_path / "r.pdf", tmp_path / "r.eml"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--eml", str(eml)]) == 0
    [att] = list(email.message_from_bytes(eml.read_bytes(), policy=policy.default).iter_attachments())
    sent = tmp_path / "sent.pdf"
    sent.write_bytes(att.get_content())
    assert pdf_attachment.extract(sent).file_bytes == _finalised_file(finalised_id)
