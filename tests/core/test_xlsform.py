"""Frameworks as Excel workbooks: YAML → xlsx → Framework keeps everything; hostile or
broken workbooks get a message naming the sheet and the cell, never a traceback."""
from __future__ import annotations

import dataclasses
import zipfile

import openpyxl
import pytest
import yaml

from egov_desktop.cli import main
from egov_desktop.frameworks import load_framework_file, registry
from egov_desktop.frameworks.xlsform import (
    MAX_UNPACKED_BYTES, load_framework_workbook, read_framework_workbook, write_framework_workbook,
)
from egov_desktop.paths import resource_path
from scoring import FrameworkError, score
from scoring.expressions import Expression
from scoring.record import Record, fields

BUILTIN = ("xa-2025", "so-nganh-2025", "huyen-2020", "dti-tinh-2022")


def plain(x):
    """A comparable form of the framework model (expressions compared by their source)."""
    if isinstance(x, Expression):
        return ("expr", x.source)
    if isinstance(x, Record):
        return tuple((f.name, plain(getattr(x, f.name))) for f in fields(x))
    if dataclasses.is_dataclass(x):  # Text
        return tuple((f.name, plain(getattr(x, f.name))) for f in dataclasses.fields(x))
    if isinstance(x, (tuple, list)):
        return tuple(plain(i) for i in x)
    if isinstance(x, dict):
        return tuple(sorted((k, plain(v)) for k, v in x.items()))
    return x


def mapping(fid: str) -> dict:
    return yaml.safe_load(resource_path("frameworks", f"{fid}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def xa_book(tmp_path):
    return write_framework_workbook(mapping("xa-2025"), tmp_path / "xa-2025.xlsx")


def survey_cell(path, name: str, column: str):
    wb = openpyxl.load_workbook(path)
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("name")].value == name:
            return wb, ws, row[header.index(column)]
    raise KeyError(name)


@pytest.mark.parametrize("fid", BUILTIN)
def test_round_trip_keeps_indicators_rules_and_content(fid, tmp_path):
    book = write_framework_workbook(mapping(fid), tmp_path / f"{fid}.xlsx")
    got = load_framework_workbook(book)
    ref = registry.get(fid)
    assert plain(got.indicators) == plain(ref.indicators)
    assert plain(got.pillars) == plain(ref.pillars)
    for field in ("id", "version", "title", "description", "source", "levels", "period_from", "period_to",
                  "service_levels", "total_method", "total_scale", "bands"):
        assert getattr(got, field) == getattr(ref, field), field


def test_workbook_looks_like_xlsform(xa_book):
    wb = openpyxl.load_workbook(xa_book)
    assert {"survey", "choices", "settings", "bands"} <= set(wb.sheetnames)
    header = [c.value for c in wb["survey"][1]]
    for col in ("type", "name", "label::vi", "label::en", "hint::vi", "hint::en", "relevant", "constraint",
                "constraint_message::vi", "constraint_message::en", "calculation", "required", "points", "rule"):
        assert col in header
    types = {r[0] for r in wb["survey"].iter_rows(min_row=2, values_only=True)}
    assert {"begin_group", "end_group", "calculate", "decimal", "select_one website",
            "select_multiple shared_systems"} <= types
    steps = survey_cell(xa_book, "steering_meetings", "steps")[2].value
    assert steps == "4=20; 3=15; 2=10; 1=5"


def test_scores_the_same_from_excel(xa_book):
    from egov_desktop.exchange import assessment_file
    from pathlib import Path
    example = Path(__file__).resolve().parents[2] / "examples" / "xa-2025.egov.json"
    answers = assessment_file.read(example).engine_answers()
    assert score(load_framework_file(xa_book), answers).total == pytest.approx(
        score(registry.get("xa-2025"), answers).total, abs=1e-12)


def test_a_province_edits_a_target_in_excel(xa_book):
    wb, ws, cell = survey_cell(xa_book, "work_files_online", "rule_target")
    cell.value = 80
    wb.save(xa_book)
    fw = load_framework_workbook(xa_book)
    assert fw.indicator("work_files_online").scoring.target == 80


def test_builder_problems_point_at_the_survey_cell(xa_book, capsys):
    wb, ws, cell = survey_cell(xa_book, "pcs_lan", "constraint")
    cell.value = ". <= ${computerz}"
    wb.save(xa_book)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(xa_book)
    (p,) = e.value.problems
    assert p.source == "xa-2025.xlsx"
    assert p.where == f"survey!{cell.column_letter}{cell.row} (pcs_lan)"
    assert "computerz" in p.describe("en")
    assert main(["frameworks", "check", str(xa_book)]) == 1
    err = capsys.readouterr().err
    assert f"survey!{cell.column_letter}{cell.row}" in err and "Traceback" not in err


def test_bad_cell_values_name_the_cell(xa_book):
    wb, ws, cell = survey_cell(xa_book, "steering_meetings", "steps")
    cell.value = "four=20"
    wb.save(xa_book)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(xa_book)
    assert e.value.problems[0].where == f"survey!{cell.column_letter}{cell.row}"

    wb, ws, cell = survey_cell(xa_book, "steering_meetings", "points")
    cell.value = "hai mươi"
    wb.save(xa_book)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(xa_book)
    assert "survey!" in e.value.problems[0].where


def test_formulas_are_refused_not_evaluated(xa_book):
    wb, ws, cell = survey_cell(xa_book, "staff", "label::vi")
    cell.value = '=HYPERLINK("http://example.invalid","x")'
    wb.save(xa_book)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(xa_book)
    assert e.value.problems[0].where == f"survey!{cell.column_letter}{cell.row}"
    assert "formula" in e.value.problems[0].describe("en").lower()


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    data = mapping("dti-tinh-2022")
    data["pillars"][0]["indicators"][0]["help"] = {"vi": "=1+1 là văn bản", "en": "=1+1 is text"}
    book = write_framework_workbook(data, tmp_path / "f.xlsx")
    fw = load_framework_workbook(book)
    assert fw.pillars[0].indicators[0].help.vi == "=1+1 là văn bản"


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "Not a valid Excel (.xlsx) file"),
    (b"", "Not a valid Excel (.xlsx) file"),
])
def test_not_a_workbook(tmp_path, content, message):
    p = tmp_path / "x.xlsx"
    p.write_bytes(content)
    with pytest.raises(FrameworkError) as e:
        load_framework_file(p)
    assert message in e.value.problems[0].describe("en")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNPACKED_BYTES + 1))
    assert p.stat().st_size < 1024 * 1024
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p)
    assert "too much data" in e.value.problems[0].describe("en")


def test_oversized_file_is_refused(tmp_path):
    p = tmp_path / "big.xlsx"
    with open(p, "wb") as f:
        f.truncate(6 * 1024 * 1024)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p)
    assert "too large" in e.value.problems[0].describe("en")


def test_damaged_workbook_gets_a_message(tmp_path, xa_book):
    p = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(xa_book) as src, zipfile.ZipFile(p, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut the sheet XML in half
            dst.writestr(item, data)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p)
    assert e.value.problems[0].source == "damaged.xlsx"


def test_xml_entities_are_refused(tmp_path, xa_book):
    """A billion-laughs style DOCTYPE in a sheet: defusedxml under openpyxl refuses it."""
    assert openpyxl.xml.DEFUSEDXML
    p = tmp_path / "entities.xlsx"
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(xa_book) as src, zipfile.ZipFile(p, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, evil if item.filename == "xl/worksheets/sheet1.xml" else src.read(item))
    with pytest.raises(FrameworkError):
        load_framework_workbook(p)


def test_structure_errors(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    wb["survey"].append(["type", "name", "label::vi"])
    wb["survey"].append(["integer", "staff", "Số cán bộ"])
    p = tmp_path / "s.xlsx"
    wb.save(p)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p)
    assert e.value.problems[0].where == "survey!A2"  # an indicator outside any group

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    ws = wb["survey"]
    ws.append(["type", "name", "label::vi"])
    ws.append(["begin_group", "a", "Nhóm A"])
    ws.append(["select_one levels", "x", "X"])
    p2 = tmp_path / "s2.xlsx"
    wb.save(p2)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p2)
    assert e.value.problems[0].where == "survey!A3"
    assert "levels" in e.value.problems[0].describe("en")

    wb = openpyxl.Workbook()
    wb.active.title = "other"
    p3 = tmp_path / "s3.xlsx"
    wb.save(p3)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p3)
    assert "survey" in e.value.problems[0].describe("en")


def test_minimal_hand_made_workbook(tmp_path):
    """What a province writes by hand: XLSForm type names, Vietnamese only, yes/no in words."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label::vi", "required", "min", "constraint", "constraint_message::vi",
               "calculation", "points", "rule", "denominator", "on_zero", "plan_target", "plan_source::vi"])
    ws.append(["begin_group", "ha_tang", "Hạ tầng", None, None, None, None, None, 100])
    ws.append(["integer", "staff", "Số cán bộ", "có", 1])
    ws.append(["integer", "computers", "Số máy tính", "yes", 0])
    ws.append(["integer", "pcs_lan", "Số máy nối mạng LAN", None, 0, ". <= ${computers}", "Không vượt số máy",
               None, 50, "ratio", "${computers}", "zero"])
    ws.append(["calculate", "cps", "Máy tính/cán bộ", None, None, None, None, "${computers} div ${staff}", 50,
               "linear", None, None, 1, "KH 3930/KH-UBND"])
    ws.append(["end_group"])
    ws = wb.create_sheet("settings")
    ws.append(["form_id", "version", "form_title::vi", "period_from"])
    import datetime
    ws.append(["thu-2026", 2026, "Bộ chỉ số thử", datetime.datetime(2026, 1, 1)])
    p = tmp_path / "thu.xlsx"
    wb.save(p)
    data, _ = read_framework_workbook(p)
    assert data["version"] == "2026" and data["period"]["from"] == "2026-01-01"
    # linear needs its target: the rule_target column was left out, so the builder names the cell
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(p)
    assert e.value.problems[0].where.startswith("survey!") and "(cps)" in e.value.problems[0].where
    wb = openpyxl.load_workbook(p)
    ws = wb["survey"]
    ws.cell(1, 15, "rule_target")
    ws.cell(6, 15, 1)
    wb.save(p)
    fw = load_framework_workbook(p)
    assert fw.id == "thu-2026" and fw.indicator("staff").required
    assert fw.indicator("cps").targets[0].source.vi == "KH 3930/KH-UBND"
    result = score(fw, {"staff": 10, "computers": 8, "pcs_lan": 4})
    assert result.total == pytest.approx((25 + 40) / 100)


@pytest.mark.parametrize("sheet, wrong, suggested", [
    ("survey", "constraints", "constraint"),   # the YAML key typed as a column
    ("survey", "wieght", "weight"),
    ("relative", "normalize", "normalise"),
    ("survey", "appearance", None),            # an XLSForm column the program does not read
])
def test_an_unknown_column_is_refused_with_its_cell_and_the_name_meant(xa_book, sheet, wrong, suggested):
    """A column the program does not read would silently drop the rule its author wrote."""
    data = mapping("xa-2025")
    if sheet == "relative":
        data["relative"] = {"components": [{"id": "c", "inputs": ["computers"]}]}
        write_framework_workbook(data, xa_book)
    wb = openpyxl.load_workbook(xa_book)
    ws = wb[sheet]
    col = ws.max_column + 1
    ws.cell(1, col, wrong)
    ws.cell(2, col, "x")
    wb.save(xa_book)
    with pytest.raises(FrameworkError) as e:
        load_framework_workbook(xa_book)
    (p,) = e.value.problems
    assert p.where == f"{sheet}!{openpyxl.utils.get_column_letter(col)}1"
    if suggested:
        assert f"did you mean '{suggested}'" in p.message.en and f"có phải «{suggested}»" in p.message.vi
    else:
        assert "known columns:" in p.message.en and "plan_target" in p.message.en


def test_repeated_constraint_and_target_columns_are_known(tmp_path):
    data = mapping("xa-2025")
    ind = data["pillars"][0]["indicators"][0]
    ind["constraints"] = [{"rule": ". >= 0", "message": {"vi": "a", "en": "a"}, "level": "warning"},
                          {"rule": ". < 100000", "message": "b"}]
    ind["targets"] = [{"value": 1, "year": 2025, "source": "x"}, {"value": 2, "year": 2026}]
    book = write_framework_workbook(data, tmp_path / "x.xlsx")
    got = load_framework_workbook(book).indicators[ind["id"]]
    assert len(got.constraints) == 2 and len(got.targets) == 2
