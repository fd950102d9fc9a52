"""The report commands, run as a user runs them."""
from __future__ import annotations

import email
import json
from email import policy

from openpyxl import load_workbook
from pypdf import PdfReader

from egov_desktop.cli import main
from egov_desktop.exchange import assessment_file
from egov_desktop.paths import data_dir

from .report_samples import AGENCY_NAME, FRAMEWORK, assessment
from .test_exchange_report import finalised_id  # noqa: F401 - a fixture


def _setup(tmp_path):
    folder = data_dir() / "frameworks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xa-mau.yaml").write_text(json.dumps(FRAMEWORK, ensure_ascii=False), encoding="utf-8")
    return assessment_file.write(assessment(), tmp_path / "a.egov.json")


def test_report_with_email_draft(tmp_path, capsys):
    src = _setup(tmp_path)
    pdf, eml = tmp_path / "r.pdf", tmp_path / "r.eml"
    assert main(["report", str(src), "-o", str(pdf), "--eml", str(eml), "--to", "so@quangtri.gov.vn"]) == 0
    assert AGENCY_NAME in PdfReader(str(pdf)).pages[0].extract_text()
    m = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    [att] = list(m.iter_attachments())
    assert att.get_filename() == "UBND-phuong-Dong-Hoi_2025_xa-mau.pdf" and att.get_content() == pdf.read_bytes()
    assert "Đã ghi" in capsys.readouterr().out


def test_english_report_xlsx_template_and_questionnaire(tmp_path):
    src = _setup(tmp_path)
    assert main(["--lang", "en", "report", str(src), "-o", str(tmp_path / "en.pdf")]) == 0
    assert "SOCIALIST REPUBLIC" in PdfReader(str(tmp_path / "en.pdf")).pages[0].extract_text()
    assert main(["export-xlsx", str(src), "-o", str(tmp_path / "a.xlsx")]) == 0
    assert load_workbook(tmp_path / "a.xlsx").sheetnames == ["Tổng hợp", "Chi tiết"]
    assert main(["template", "xa-mau", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert load_workbook(tmp_path / "t.xlsx").worksheets[0]["H2"].value == "xa-mau"
    assert main(["questionnaire", "xa-mau", "-o", str(tmp_path / "q.pdf")]) == 0
    assert "PHIẾU TỰ ĐÁNH GIÁ" in PdfReader(str(tmp_path / "q.pdf")).pages[0].extract_text()


def test_missing_assessment_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none.egov.json"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "none.egov.json" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_eml_goes_to_the_profile_s_address_unless_to_is_given(tmp_path, finalised_id, capsys):
    """No --to: the .eml is addressed to the Sở's e-mail kept in the agency profile; --to wins."""
    from scoring.record import replace

    from egov_desktop.services import Workspace

    with Workspace() as ws:
        ws.set_profile(finalised_id, replace(ws.profile(finalised_id), recipient_email="vanthu@skhcn.quangtri.gov.vn"))
    pdf, eml = tmp_path / "r.pdf", tmp_path / "r.eml"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--eml", str(eml)]) == 0
    assert email.message_from_bytes(eml.read_bytes(), policy=policy.default)["To"] == "vanthu@skhcn.quangtri.gov.vn"
    assert main(["report", str(finalised_id), "-o", str(pdf), "--eml", str(eml), "--to", "so@quangtri.gov.vn"]) == 0
    assert email.message_from_bytes(eml.read_bytes(), policy=policy.default)["To"] == "so@quangtri.gov.vn"
    capsys.readouterr()
