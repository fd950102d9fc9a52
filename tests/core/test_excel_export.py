"""The Excel workbook of a report: read back by openpyxl and opened by LibreOffice."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from egov_desktop.domain import Answer
from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.excel.export import export_workbook
from egov_desktop.reports.excel.template import write_template
from scoring.record import replace

from .report_samples import AGENCY_NAME, assessment, framework, previous_assessment


def _workbook(data=None):
    return load_workbook(io.BytesIO(export_workbook(build_report_data(data or assessment(), framework(),
                                                                      previous=previous_assessment()))))


def test_summary_and_detail_sheets_with_numbers_formats_and_frozen_header():
    wb = _workbook()
    summary, detail = wb["Tổng hợp"], wb["Chi tiết"]
    assert summary["B3"].value == AGENCY_NAME
    assert round(summary["B7"].value, 2) == 745.43 and summary["B7"].number_format == "#,##0.00"
    header = [c.value for c in detail[1]]
    assert header[:5] == ["Lĩnh vực", "TT", "Mã chỉ tiêu", "Chỉ tiêu", "Trả lời"] and header[-1] == "Tài liệu kiểm chứng"
    rows = {r[2]: r for r in detail.iter_rows(min_row=2, values_only=True)}
    assert rows["computers"][4] == 18 and rows["computers"][5] == "máy" and rows["computers"][6] == 90
    assert rows["lan"][12].startswith("15/QĐ-UBND; 01/03/2025")
    assert rows["wan_pct"][4] == "Không áp dụng"
    assert detail.freeze_panes == "E2" and detail.column_dimensions["D"].width == 40


def test_text_that_looks_like_a_formula_is_written_as_text():
    a = assessment()
    hostile = {**a.answers, "notes": Answer("=HYPERLINK(\"http://x\",\"bấm\")", comment="+1-2"),
               "staff": Answer(20, comment="@SUM(A1)")}
    wb = _workbook(data=replace(a, answers=hostile))
    rows = {r[2].value: r for r in wb["Chi tiết"].iter_rows(min_row=2)}
    for cell in (rows["notes"][4], rows["notes"][11], rows["staff"][11]):
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert rows["notes"][4].value.startswith("=HYPERLINK")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed")
def test_workbook_and_template_open_in_libreoffice(tmp_path):
    book = tmp_path / "report.xlsx"
    book.write_bytes(export_workbook(build_report_data(assessment(), framework())))
    template = tmp_path / "template.xlsx"
    template.write_bytes(write_template(framework()))
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                          "pdf", "--outdir", str(tmp_path), str(book), str(template)],
                         capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr
    for name in ("report.pdf", "template.pdf"):
        pdf = tmp_path / name
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), run.stdout + run.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True).stdout
        assert AGENCY_NAME in text
