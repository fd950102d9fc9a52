"""Ký số with real parts: a test CA made here, a .p12 file, a SoftHSM2 token initialised by the
test; the report command signs, the province's import shows who signed and refuses a PDF
changed after signing; a PDF signed afterwards by another tool still imports."""
from __future__ import annotations

import io
import os
import subprocess
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from egov_desktop.cli import main
from egov_desktop.exchange import assessment_file, pades, pdf_attachment
from egov_desktop.province.importer import IMPORTED, REFUSED, import_files
from egov_desktop.province.store import open_store
from egov_desktop.services import Workspace

from .signing_samples import AGENCY_CN, KEY_LABEL, PIN, SIGNER_CN, TOKEN_LABEL, make_ca, make_token, softhsm_module
from .test_exchange_report import EXAMPLE, _finalised_file, finalised_id  # noqa: F401 - a fixture


@pytest.fixture()
def ca(tmp_path):
    return make_ca(tmp_path / "ca")


@pytest.fixture()
def token(tmp_path, ca, monkeypatch):
    if softhsm_module() is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 (softhsm2, opensc) missing on CI: scripts/test.sh installs it")
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2 opensc)")
    return make_token(tmp_path / "hsm", ca, monkeypatch)


def _import(paths, roots=None):
    store = open_store()
    try:
        return import_files(store, paths, roots_folder=roots)
    finally:
        store.close()


def _signed_p12(finalised_id, tmp_path, ca, capsys) -> Path:
    secret = tmp_path / "p12-pass.txt"
    secret.write_text(ca.passphrase + "\n", encoding="utf-8")
    pdf = tmp_path / "ky-so.pdf"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--sign-p12", str(ca.p12),
                 "--p12-passphrase-file", str(secret)]) == 0
    capsys.readouterr()
    return pdf


def test_a_report_signed_with_a_p12_file_imports_showing_its_signer(finalised_id, tmp_path, ca, capsys):
    pdf = _signed_p12(finalised_id, tmp_path, ca, capsys)
    [check] = pades.inspect(pdf.read_bytes(), pades.trusted_roots(ca.root_pem.parent))
    assert SIGNER_CN in check.signer and check.intact and check.whole_document and check.trusted
    # the visible box is where the layout marked it (over the head's signature space, before the Phụ lục)
    page, (x1, y1, x2, y2) = pades.signature_box(pdf.read_bytes())
    reader = PdfReader(str(pdf))
    assert [round(float(v)) for v in _signature_widget(reader, page)["/Rect"]] == [round(v) for v in (x1, y1, x2, y2)]
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    if shutil.which("pdfsig"):  # another implementation (poppler) agrees: a valid PAdES signature over it all
        out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
        assert "ETSI.CAdES.detached" in out and "Total document signed" in out and "Signature is Valid" in out
        assert f"Common Name: {SIGNER_CN}" in out
    # the province trusts the test root: imported, signer shown, no warning
    assert main(["import", str(pdf), "--trusted-roots", str(ca.root_pem.parent)]) == 0
    out = capsys.readouterr().out
    assert SIGNER_CN in out and "toàn bộ tài liệu" in out and "Cảnh báo" not in out and "Đã nhập: 1" in out
    # and the store keeps who signed, for the review after the import
    from egov_desktop.province.review import submissions
    store = open_store()
    try:
        [sub] = submissions(store)
    finally:
        store.close()
    assert sub.digital_signer == f"C=VN, O={AGENCY_CN}, CN={SIGNER_CN}"


def _signature_widget(reader: PdfReader, page: int):
    [annot] = [a.get_object() for a in reader.pages[page].get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    return annot


def test_the_visible_signature_lies_over_the_head_s_signature_space(ca):
    """The PAdES box lands in the space the Decree 30 layout leaves for the head's signature
    (between the signer's title and name, right column), on that page."""
    from egov_desktop.reports.pdf.report import AssessmentReport
    from egov_desktop.services.reports import Report

    from .report_samples import assessment, framework

    report = Report(assessment(), framework())
    layout = AssessmentReport(report.report)
    layout.render()
    page, x0, y0, x1, y1 = layout.signature_box     # page numbered from 1
    reader = PdfReader(io.BytesIO(report.pdf(signer=pades.Signer.from_p12(ca.p12, ca.passphrase))))
    assert page < len(reader.pages)                 # the Phụ lục follows the signature
    a, b, c, d = (float(v) for v in _signature_widget(reader, page - 1)["/Rect"])
    left, right, bottom, top = min(a, c), max(a, c), min(b, d), max(b, d)
    assert x0 - 0.5 <= left < right <= x1 + 0.5 and y0 - 0.5 <= bottom < top <= y1 + 0.5, \
        ((left, bottom, right, top), (x0, y0, x1, y1))
    # centred in the signer's column
    assert abs((left + right) / 2 - (x0 + x1) / 2) < 1


def test_an_untrusted_signer_is_a_warning_not_silence(finalised_id, tmp_path, ca, capsys):
    pdf = _signed_p12(finalised_id, tmp_path, ca, capsys)
    other = make_ca(tmp_path / "other", root_cn="CA khác")
    [item] = _import([pdf], other.root_pem.parent).items
    assert item.outcome == IMPORTED and SIGNER_CN in item.signed_by and item.whole_document
    assert len(item.warnings) == 1 and "không do CA gốc được tin cậy" in item.warnings[0].vi


def test_a_wrong_p12_passphrase_is_a_message_and_no_file(finalised_id, tmp_path, ca, capsys):
    wrong = tmp_path / "sai.txt"
    wrong.write_text("sai", encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--sign-p12", str(ca.p12),
                 "--p12-passphrase-file", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "agency.p12" in err and "mật khẩu" in err and "Traceback" not in err and not pdf.exists()


def test_a_report_signed_on_a_softhsm2_token_from_the_settings_imports(finalised_id, tmp_path, ca, token, capsys):
    # the token's driver is chosen in the settings, never assumed
    assert main(["keys", "certificate", "--pkcs11-module", token, "--token-label", TOKEN_LABEL,
                 "--key-label", KEY_LABEL]) == 0
    pin = tmp_path / "pin.txt"
    pin.write_text(PIN, encoding="utf-8")
    pdf = tmp_path / "token.pdf"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--sign-pkcs11", "--pin-file", str(pin)]) == 0
    [item] = _import([pdf], ca.root_pem.parent).items
    assert item.outcome == IMPORTED and SIGNER_CN in item.signed_by and item.whole_document and not item.warnings
    assert pdf_attachment.extract(pdf).file_bytes == _finalised_file(finalised_id)
    # a wrong PIN: said, and nothing written
    pin.write_text("000000", encoding="utf-8")
    bad = tmp_path / "sai-pin.pdf"
    capsys.readouterr()
    assert main(["report", str(finalised_id), "-o", str(bad), "--sign-pkcs11", token, "--pin-file", str(pin)]) == 2
    assert "Sai mã PIN" in capsys.readouterr().err and not bad.exists()


def _sign_elsewhere(pdf: bytes, ca, field: str = "KySoNgoai") -> bytes:
    """What another tool (the government CA's signing program) does: pyHanko's own API, an
    incremental update, a field and appearance of its own, none of egov-desktop's code."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12_data(ca.p12.read_bytes(), (), passphrase=ca.passphrase.encode())
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name=field), signer=signer,
                           new_field_spec=fields.SigFieldSpec(field, on_page=0, box=(50, 50, 200, 100)))
    return out.getvalue()


def test_a_report_signed_afterwards_by_another_tool_still_imports(finalised_id, tmp_path, ca, capsys):
    plain = tmp_path / "plain.pdf"
    assert main(["report", str(finalised_id), "-o", str(plain)]) == 0
    external = tmp_path / "ky-ngoai.pdf"
    external.write_bytes(_sign_elsewhere(plain.read_bytes(), ca))
    # and one signed by the program, then countersigned elsewhere
    twice = tmp_path / "ky-hai-lan.pdf"
    twice.write_bytes(_sign_elsewhere(_signed_p12(finalised_id, tmp_path, ca, capsys).read_bytes(), ca))
    assert pdf_attachment.extract(external).file_bytes == _finalised_file(finalised_id)
    [item] = _import([external], ca.root_pem.parent).items
    assert item.outcome == IMPORTED and SIGNER_CN in item.signed_by and item.whole_document
    assert [c.whole_document and not c.altered for c in pades.inspect(twice.read_bytes())] == [True, True]
    [again] = _import([twice], ca.root_pem.parent).items
    assert again.outcome == "duplicate"   # the same assessment, read from behind two signatures


def _edit_after_signing(pdf: bytes) -> bytes:
    """A careful forger: an incremental update replacing the attached assessment (its content
    hash recomputed) and its manifest's SHA-256, leaving the signature's bytes untouched."""
    from scoring.record import replace

    original = pdf_attachment.extract_bytes(pdf).file_bytes
    data = replace(assessment_file.loads(original), period="2024")
    edited = assessment_file.dumps(replace(data, content_hash=assessment_file.to_payload(data)["content_hash"]))
    assert assessment_file.loads(edited, verify=True).period == "2024"
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    for entry in writer.attachment_list:
        if entry.name == pdf_attachment.ATTACHMENT_NAME:
            entry.content = edited
        elif entry.name == pdf_attachment.MANIFEST_NAME:
            entry.content = pdf_attachment.manifest(edited)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_signed_report_changed_after_signing_is_refused_as_altered(finalised_id, tmp_path, ca, capsys):
    signed = _signed_p12(finalised_id, tmp_path, ca, capsys).read_bytes()
    forged = tmp_path / "sua-sau-ky.pdf"
    forged.write_bytes(_edit_after_signing(signed))
    assert pdf_attachment.extract(forged).file_bytes != _finalised_file(finalised_id)   # the data did change
    # and one byte changed inside what the signature covers (a letter of the document's producer)
    flipped = tmp_path / "doi-byte.pdf"
    at = signed.index(b"/Producer (") + len(b"/Producer (")
    flipped.write_bytes(signed[:at] + bytes([signed[at] ^ 0x20]) + signed[at + 1:])
    [check] = pades.inspect(flipped.read_bytes())
    assert check.altered and not check.intact
    items = _import([forged, flipped], ca.root_pem.parent).items
    assert [i.outcome for i in items] == [REFUSED, REFUSED]
    assert all("sửa sau khi ký số" in i.reason.vi for i in items), [i.reason.vi for i in items]
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(forged), "--trusted-roots", str(ca.root_pem.parent)]) == 1
    out = capsys.readouterr().out
    assert "sua-sau-ky.pdf" in out and "changed after it was digitally signed" in out and "Traceback" not in out


def test_a_draft_is_never_digitally_signed(tmp_path, ca, capsys):
    assert main(["assessment", "import", str(EXAMPLE)]) == 0
    with Workspace() as ws:
        [row] = ws.list_assessments()
    secret = tmp_path / "p.txt"
    secret.write_text(ca.passphrase, encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(row.id), "-o", str(tmp_path / "d.pdf"), "--sign-p12", str(ca.p12),
                 "--p12-passphrase-file", str(secret)]) == 2
    assert "dự thảo" in capsys.readouterr().err and not (tmp_path / "d.pdf").exists()
