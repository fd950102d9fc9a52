"""The blank fill-in template: written, filled as an officer would, read back; hostile files refused."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from egov_desktop.errors import UserError
from egov_desktop.reports.excel.reader import read_filled_template
from egov_desktop.reports.excel.template import write_template

from .report_samples import assessment, framework

TYPED = {  # what an officer types, per indicator id
    "staff": 20, "computers": 18, "lan": "Có", "dvc_level": "Một phần",
    "systems": "Quản lý văn bản và điều hành; Chữ ký số", "portal_date": dt.datetime(2019, 9, 2),
    "website_hits": 6543.5, "notes": "Kinh phí hạn chế; nhân lực thiếu",
}


def _fill(tmp_path, typed=None, na=("wan_pct",), comments=None, edit=None, name="filled.xlsx"):
    wb = load_workbook(io.BytesIO(write_template(framework())))
    ws = wb.worksheets[0]
    typed = TYPED if typed is None else typed
    for row in ws.iter_rows(min_row=9):
        iid = row[7].value
        if iid in typed:
            row[2].value = typed[iid]
        if iid in na:
            row[4].value = "x"
        if comments and iid in comments:
            row[5].value = comments[iid]
    if edit:
        edit(wb, ws)
    path = tmp_path / name
    wb.save(path)
    return path


def test_template_has_validation_hidden_ids_and_protection():
    wb = load_workbook(io.BytesIO(write_template(framework())))
    ws = wb.worksheets[0]
    assert ws["H1"].value == "egov-template/2" and ws["H2"].value == "xa-mau" and ws["H4"].value == framework().content_hash
    assert ws.column_dimensions["H"].hidden and ws.protection.sheet and wb.security.lockStructure
    ids = {row[7].value: row for row in ws.iter_rows(min_row=9)}
    assert ids["computers"][2].protection.locked is False and ids["computers"][1].protection.locked is True
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "whole", "decimal", "date", "textLength"} <= kinds
    choice_dv = next(dv for dv in ws.data_validations.dataValidation if ids["dvc_level"][2].coordinate in dv.sqref)
    assert choice_dv.formula1.startswith("'_lists'!")
    assert [c.value for c in wb["_lists"]["A"]] == ["Toàn trình", "Một phần", "Chưa cung cấp"]


def test_filled_template_round_trips_to_the_same_answers(tmp_path):
    path = _fill(tmp_path, comments={"wan_pct": "Tỉnh chưa triển khai WAN"})
    answers, problems = read_filled_template(path, framework())
    assert problems == []
    expected = {k: a for k, a in assessment().answers.items()}
    assert {k: a.value for k, a in answers.items() if not a.na} == \
        {k: a.value for k, a in expected.items() if not a.na}
    assert answers["wan_pct"].na and answers["wan_pct"].comment == "Tỉnh chưa triển khai WAN"


def test_english_labels_and_typed_text_numbers_are_understood(tmp_path):
    typed = {**TYPED, "lan": "yes", "dvc_level": "Full", "website_hits": "6.543,5", "staff": "20"}
    answers, problems = read_filled_template(_fill(tmp_path, typed), framework())
    assert problems == []
    assert answers["lan"].value == "yes" and answers["dvc_level"].value == "full"
    assert answers["website_hits"].value == 6543.5 and answers["staff"].value == 20


def test_every_problem_named_by_sheet_and_cell_and_nothing_returned(tmp_path):
    typed = {**TYPED, "staff": "hai mươi", "dvc_level": "Một nửa", "computers": 20000, "portal_date": "31/02/2025"}
    path = _fill(tmp_path, typed, na=("wan_pct", "lan"))
    answers, problems = read_filled_template(path, framework())
    assert answers == {}
    where = {p.indicator_id: p.describe() for p in problems}
    assert where["staff"] == "Phiếu đánh giá!C10: Phải là một số"
    assert where["computers"].startswith("Phiếu đánh giá!C11: Không được lớn hơn 10.000")  # as the form writes it
    assert where["lan"].startswith("Phiếu đánh giá!E13:")
    assert where["dvc_level"].startswith("Phiếu đánh giá!C16: Không có trong danh sách")
    assert where["portal_date"].startswith("Phiếu đánh giá!C18:")
    partial, again = read_filled_template(path, framework(), accept_partial=True)
    assert len(again) == len(problems) and partial["systems"].value == ("dms", "sign") and "staff" not in partial


def test_formula_injection_refused(tmp_path):
    path = _fill(tmp_path, {**TYPED, "notes": '=HYPERLINK("http://evil","bấm")'}, comments={"staff": "=1+1"})
    answers, problems = read_filled_template(path, framework())
    assert answers == {}
    assert {p.cell for p in problems} == {"C20", "F10"}
    assert all("công thức" in p.message.vi for p in problems)


def test_other_framework_or_version_refused(tmp_path):
    def other_id(wb, ws):
        ws["H2"] = "huyen-2020"
    with pytest.raises(UserError) as e:
        read_filled_template(_fill(tmp_path, edit=other_id), framework())
    assert "H2" in e.value.describe()

    def other_hash(wb, ws):
        ws["H4"] = "0" * 64
    answers, problems = read_filled_template(_fill(tmp_path, edit=other_hash, name="h.xlsx"), framework())
    assert answers == {} and problems[0].cell == "H4"


def test_too_many_rows_refused(tmp_path):
    def grow(wb, ws):
        ws.cell(row=9 + 5001, column=2, value="thêm")
    with pytest.raises(UserError) as e:
        read_filled_template(_fill(tmp_path, edit=grow), framework())
    assert "Phiếu đánh giá" in e.value.describe() and "5000" in e.value.describe()


def test_not_a_workbook_and_zip_bomb_refused_before_parsing(tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    with pytest.raises(UserError) as e:
        read_filled_template(junk, framework())
    assert e.value.path == "junk.xlsx" and "Excel" in e.value.describe()

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert bomb.stat().st_size < 200_000
    with pytest.raises(UserError) as e:
        read_filled_template(bomb, framework())
    assert e.value.where == "xl/worksheets/sheet1.xml" and "bom" in e.value.describe()


def test_xml_is_parsed_with_defusedxml():
    from openpyxl import xml
    assert xml.DEFUSEDXML is True
