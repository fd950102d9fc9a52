"""The workbooks as they print: page setup, status row, dates as dates, rows tall enough for
their guidance; each converted to PDF by LibreOffice and read back."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from egov_desktop.reports.data import build_report_data
from egov_desktop.reports.excel.export import export_workbook
from egov_desktop.reports.excel.template import FIRST_ROW, LINE_HEIGHT, write_template

from .report_samples import assessment, framework

needs_office = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                                  reason="LibreOffice and poppler-utils are needed")


def _export(data):
    return export_workbook(build_report_data(data, framework()))


def _draft():
    return assessment(status="draft", finalised_at="", content_hash="")


def test_export_prints_a4_landscape_fit_to_width_with_titles_header_and_status():
    wb = load_workbook(io.BytesIO(_export(assessment())))
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and str(ps.paperSize) == ws.PAPERSIZE_A4
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and "UBND phường Đồng Hới" in ws.oddHeader.center.text
    assert wb["Chi tiết"].print_title_rows == "$1:$1"
    summary = wb["Tổng hợp"]
    assert summary["A2"].value.startswith("Trạng thái: đã hoàn thành")
    assert any(c.value == "Mã kiểm tra (SHA-256)" for c in summary["A"])


def test_a_draft_workbook_says_so_and_has_no_check_code():
    wb = load_workbook(io.BytesIO(_export(_draft())))
    summary = wb["Tổng hợp"]
    assert "DỰ THẢO" in summary["A2"].value and summary["A2"].font.color.rgb.endswith("C00000")
    assert not any(c.value == "Mã kiểm tra (SHA-256)" for c in summary["A"])
    assert all(ws.oddHeader.right.text == "DỰ THẢO" for ws in wb.worksheets)


def test_dates_are_stored_as_dates():
    wb = load_workbook(io.BytesIO(_export(assessment())))
    summary = wb["Tổng hợp"]
    report_date = next(summary.cell(c.row, 2) for c in summary["A"] if c.value == "Ngày báo cáo")
    assert isinstance(report_date.value, dt.datetime) and report_date.value.date() == dt.date(2025, 12, 15)
    assert report_date.number_format == "dd/mm/yyyy"
    rows = {r[2].value: r for r in wb["Chi tiết"].iter_rows(min_row=2)}
    portal = rows["portal_date"][4]
    assert isinstance(portal.value, dt.datetime) and portal.value.date() == dt.date(2019, 9, 2)


def test_template_rows_are_as_tall_as_their_guidance_and_may_be_resized():
    from egov_desktop.frameworks import registry
    info = next(i for i in registry.list() if i.id == "xa-2025")
    ws = load_workbook(io.BytesIO(write_template(registry.get(info.id, info.version)))).active
    assert ws.protection.sheet and not ws.protection.formatRows
    width = ws.column_dimensions["G"].width
    checked = 0
    for row in range(FIRST_ROW, ws.max_row + 1):
        guidance = ws.cell(row, 7).value
        if guidance and len(guidance) > width * 2:
            height = ws.row_dimensions[row].height
            assert height and height >= LINE_HEIGHT * (len(guidance) / width), (row, height, len(guidance))
            checked += 1
    assert checked > 10


def _to_pdf(tmp_path, *books):
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                          "pdf", "--outdir", str(tmp_path), *map(str, books)], capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 0, run.stderr


@needs_office
def test_libreoffice_prints_the_export_landscape_with_every_column_on_the_page(tmp_path):
    book = tmp_path / "export.xlsx"
    book.write_bytes(_export(assessment()))
    _to_pdf(tmp_path, book)
    pdf = tmp_path / "export.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    w, h = (float(x) for x in size.split(":")[1].split("pts")[0].split("x"))
    assert w > h                                              # landscape
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages")).split()[-1])
    assert pages <= 3                                         # was 12 portrait pages
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    detail = text.split("\f")[1]
    for title in ("Lĩnh vực", "Chỉ tiêu", "Trả lời", "Tình trạng", "Tài liệu kiểm chứng"):
        assert title in detail, title                        # fit to width: no column on a page of its own
