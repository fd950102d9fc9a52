"""Filled Excel templates in the province's bulk import: the template names its agency and
period in visible cells, so the workbook alone becomes a full submission; a template without
them is refused naming the cell, and nothing is written."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from egov_desktop.cli import main
from egov_desktop.domain import Agency
from egov_desktop.errors import UserError
from egov_desktop.exchange.received import read_received
from egov_desktop.province import importer, review
from egov_desktop.province.store import open_store
from egov_desktop.reports.excel.reader import read_filled_template, read_template_details
from egov_desktop.reports.excel.template import write_template
from tests.core.exchange_samples import install_framework

TYPED = {"staff": 20, "computers": 15, "lan": "Có", "dvc_pct": 60, "portal": "Không"}
AGENCY = Agency("UBND phường Đồng Hới", "commune", "18880")


@pytest.fixture()
def fw():
    return install_framework()


@pytest.fixture()
def store(fw):
    s = open_store()
    yield s
    s.close()


def _filled(tmp_path, fw, name="phieu.xlsx", agency=AGENCY, period="2025", typed=TYPED, edit=None):
    wb = load_workbook(io.BytesIO(write_template(fw, "vi", agency, period)))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=9):
        if row[7].value in typed:
            row[2].value = typed[row[7].value]
    if edit:
        edit(ws)
    path = tmp_path / name
    wb.save(path)
    return path


def test_template_made_for_an_agency_is_prefilled_and_read_back(fw, tmp_path):
    path = _filled(tmp_path, fw)
    ws = load_workbook(path).worksheets[0]
    assert (ws["B4"].value, ws["C4"].value) == ("Tên cơ quan *", "UBND phường Đồng Hới")
    assert (ws["C5"].value, ws["C6"].value) == ("18880", "2025")
    assert ws["C4"].protection.locked is False and ws["C6"].protection.locked is False
    head = read_template_details(path)
    assert (head.framework_id, head.agency_name, head.unit_code, head.period) == (
        "xa-thu", "UBND phường Đồng Hới", "18880", "2025")
    blank = load_workbook(io.BytesIO(write_template(fw))).worksheets[0]
    assert blank["C4"].value is None and blank["C6"].value is None


def test_a_filled_template_becomes_a_full_submission(store, fw, tmp_path):
    path = _filled(tmp_path, fw)
    r = read_received(path)
    assert r.data.agency == Agency("UBND phường Đồng Hới", "commune", "18880", "Quảng Trị", "44")
    assert r.data.period == "2025" and r.data.framework_hash == fw.content_hash
    assert r.data.answers["lan"].value == "yes" and r.data.answers["computers"].value == 15
    report = importer.import_files(store, [path, _filled(tmp_path, fw, "lan-hai.xlsx")])
    assert [i.outcome for i in report.items] == ["imported", "duplicate"]
    [sub] = review.submissions(store, "xa-thu", "2025")
    assert sub.agency_code == "18880" and sub.kind == "workbook" and sub.total is not None


def test_a_unit_code_typed_as_a_number_and_a_free_agency(store, fw, tmp_path):
    def number_code(ws):
        ws["C5"].value = 18880
    assert read_received(_filled(tmp_path, fw, edit=number_code)).data.agency.code == "18880"
    free = read_received(_filled(tmp_path, fw, "tu-do.xlsx", agency=Agency("Trung tâm Chuyển đổi số", "", "")))
    assert free.data.agency == Agency("Trung tâm Chuyển đổi số", "commune", "")


@pytest.mark.parametrize("cell, words", [("C4", "tên cơ quan"), ("C6", "kỳ đánh giá")])
def test_missing_agency_or_period_is_refused_naming_the_cell(store, fw, tmp_path, cell, words):
    def empty(ws):
        ws[cell].value = None
    path = _filled(tmp_path, fw, edit=empty)
    with pytest.raises(UserError) as e:
        read_received(path)
    assert e.value.describe() == f"phieu.xlsx: Phiếu đánh giá!{cell}: Phiếu chưa ghi {words}"
    report = importer.import_files(store, [path])
    assert report.items[0].outcome == "refused" and f"Phiếu đánh giá!{cell}" in report.items[0].reason.vi
    assert review.submissions(store, current_only=False) == []


def test_a_bad_cell_or_a_formula_refuses_the_whole_workbook(store, fw, tmp_path):
    bad = _filled(tmp_path, fw, "sai.xlsx", typed={**TYPED, "dvc_pct": "nhiều"})
    formula = _filled(tmp_path, fw, "cong-thuc.xlsx", edit=lambda ws: ws.__setitem__("C6", "=YEAR(TODAY())"))
    report = importer.import_files(store, [bad, formula])
    reasons = {i.source: i.reason for i in report.items}
    assert all(i.outcome == "refused" for i in report.items)
    assert "Phiếu đánh giá!C14" in reasons["sai.xlsx"].vi and "must be a number" in reasons["sai.xlsx"].en.lower()
    assert "Phiếu đánh giá!C6" in reasons["cong-thuc.xlsx"].vi and "công thức" in reasons["cong-thuc.xlsx"].vi
    assert review.submissions(store, current_only=False) == []


def test_an_old_template_still_reads_its_answers_but_cannot_name_its_agency(fw, tmp_path):
    """Format 1 had no agency rows: headings in row 5, indicators from row 6."""
    def as_format_1(ws):
        ws.delete_rows(5, 3)
        ws["H1"].value = "egov-template/1"
        for r in (4,):
            ws.cell(row=r, column=2).value = ws.cell(row=r, column=3).value = None
    path = _filled(tmp_path, fw, "cu.xlsx", edit=as_format_1)
    answers, problems = read_filled_template(path, fw)
    assert problems == [] and answers["computers"].value == 15
    with pytest.raises(UserError) as e:
        read_received(path)
    assert "Phiếu đánh giá!H1" in e.value.describe() and "phiếu mới" in e.value.describe()


def test_cli_template_for_an_assessment(fw, tmp_path, capsys):
    from egov_desktop.exchange import assessment_file
    from tests.core.exchange_samples import assessment

    src = assessment_file.write(assessment("18880", "UBND phường Đồng Hới"), tmp_path / "a.egov.json")
    out = tmp_path / "phieu.xlsx"
    assert main(["template", "--assessment", str(src), "-o", str(out)]) == 0
    head = read_template_details(out)
    assert (head.framework_id, head.agency_name, head.unit_code, head.period) == (
        "xa-thu", "UBND phường Đồng Hới", "18880", "2025")
    assert main(["template", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "--assessment" in capsys.readouterr().err
