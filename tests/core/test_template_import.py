"""`assessment import FILLED.xlsx`: a filled template becomes a draft, whole or not at all."""
import json

from openpyxl import load_workbook

from egov_desktop.cli import main
from egov_desktop.frameworks import registry


def _filled(tmp_path, capsys, values):
    template = tmp_path / "phieu.xlsx"
    assert main(["template", "xa-2025", "-o", str(template)]) == 0
    capsys.readouterr()
    wb = load_workbook(template)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=6):
        if row[7].value in values:
            row[2].value = values[row[7].value]
    wb.save(template)
    return template


def _stored(capsys):
    assert main(["assessment", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_filled_template_becomes_a_draft_with_its_answers(tmp_path, capsys):
    fw = registry.get("xa-2025")
    numeric = [i.id for i in fw.indicators.values() if i.type == "integer" and i.min is not None and i.min >= 0
               and not i.constraints and i.relevant is None][:3]
    values = {iid: 7 for iid in numeric}
    path = _filled(tmp_path, capsys, values)
    assert main(["assessment", "import", str(path), "--agency", "UBND phường Đồng Hới", "--period", "2025"]) == 0
    assert "Đã nhập" in capsys.readouterr().out
    rows = _stored(capsys)
    assert len(rows) == 1 and rows[0]["agency_name"] == "UBND phường Đồng Hới" and rows[0]["status"] == "draft"
    assert main(["assessment", "show", str(rows[0]["id"])]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {k: v["value"] for k, v in shown["answers"].items() if k in values} == values


def test_a_template_with_a_bad_cell_imports_nothing(tmp_path, capsys):
    fw = registry.get("xa-2025")
    iid = next(i.id for i in fw.indicators.values() if i.type == "integer")
    path = _filled(tmp_path, capsys, {iid: "nhiều lắm"})
    assert main(["assessment", "import", str(path), "--agency", "UBND xã A", "--period", "2025"]) == 1
    err = capsys.readouterr().err
    assert "phieu.xlsx" in err and "!C" in err and "Traceback" not in err
    assert _stored(capsys) == []


def test_agency_and_period_are_asked_for(tmp_path, capsys):
    path = _filled(tmp_path, capsys, {})
    assert main(["assessment", "import", str(path)]) == 2
    assert "--period" in capsys.readouterr().err


def test_agency_and_period_written_in_the_template_are_used(tmp_path, capsys):
    path = _filled(tmp_path, capsys, {})
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws["C4"], ws["C6"] = "UBND xã Tân Thành", "2025"
    wb.save(path)
    assert main(["assessment", "import", str(path), "--accept-partial"]) in (0, 1)
    capsys.readouterr()
    rows = _stored(capsys)
    assert [(r["agency_name"], r["period"]) for r in rows] == [("UBND xã Tân Thành", "2025")]
