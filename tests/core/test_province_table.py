"""`egov-desktop import-table`: a province's own spreadsheet (one row per agency, one column per
indicator) becomes received submissions, whole or not at all, every bad cell named."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from egov_desktop import units
from egov_desktop.cli import main
from egov_desktop.province import ranking, review
from egov_desktop.province.store import open_store
from egov_desktop.province.table_import import import_table
from tests.core.exchange_samples import install_framework

HEADER = ["STT", "Mã đơn vị", "Tên cơ quan", "staff", "Số máy tính", "Has a LAN", "dvc_pct", "Có cổng thông tin"]


@pytest.fixture()
def store():
    install_framework()
    s = open_store()
    yield s
    s.close()


def _communes(n=3):
    return units.communes("44")[:n]


def _xlsx(path, rows, header=HEADER, title="Số liệu 2025"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["Bảng tổng hợp số liệu chuyển đổi số cấp xã"])  # a title row above the header
    ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _good_rows():
    a, b, c = _communes()
    return [[1, a.code, f"UBND {a.name}", 20, 15, "Có", 60, "Không"],
            [2, b.code, f"UBND {b.name}", "25", 30, "no", "85,5", "yes"],
            [3, c.code, f"UBND {c.name}", 10, 2, "Không", 10, "Có"]]


def _subs(store):
    return review.submissions(store, current_only=False)


def test_a_table_becomes_one_submission_per_agency(store, tmp_path, capsys):
    path = _xlsx(tmp_path / "bang.xlsx", _good_rows())
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 0
    assert "Đã nhập: 3" in capsys.readouterr().out
    subs = {s.agency_code: s for s in _subs(store)}
    a, b, c = _communes()
    assert set(subs) == {a.code, b.code, c.code} and all(s.kind == "table" for s in subs.values())
    assert subs[a.code].parent_name == a.parent_name and subs[a.code].agency_name == f"UBND {a.name}"
    r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
    assert [row.agency_code for row in r.rows] == [b.code, a.code, c.code]
    # the same table again: duplicates, nothing new
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 0
    assert "Trùng: 3" in capsys.readouterr().out and len(_subs(store)) == 3


def test_every_bad_cell_is_named_and_nothing_is_written(store, tmp_path, capsys):
    rows = _good_rows()
    rows[0][3] = "hai mươi"            # D4: not a number
    rows[1][4] = "=D5*2"               # E5: a formula, never evaluated
    rows[2][5] = "có lẽ"               # F6: neither yes nor no
    rows.append([4, "", "", 5, 1, "Có", 5, "Có"])       # row 7: no agency
    rows.append([5, rows[2][1], "Trùng", 5, 1, "Có", 5, "Có"])  # row 8: the same agency again
    fine = _communes(4)[3]
    rows.append([6, fine.code, "", 5, 1, "Có", 5, "Có"])       # row 9: valid (name from the unit list)
    path = _xlsx(tmp_path / "bang.xlsx", rows)
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 1
    err = capsys.readouterr().err
    for cell in ("Số liệu 2025!D4: Phải là một số", "Số liệu 2025!E5: Ô chứa công thức",
                 "Số liệu 2025!F6: Phải là Có hoặc Không", "Số liệu 2025!C7: Thiếu tên cơ quan",
                 "Số liệu 2025!C8: Cơ quan này đã có ở ô C6"):
        assert f"bang.xlsx: {cell}" in err
    assert "Không nhập gì" in err and "Traceback" not in err
    assert _subs(store) == []
    # the province may keep the valid rows
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025", "--accept-partial"]) == 1
    assert [(s.agency_code, s.agency_name) for s in _subs(store)] == [(fine.code, fine.name)]


def test_csv_with_period_column_labels_and_framework_rules(store, tmp_path):
    a, b = _communes(2)
    path = tmp_path / "bang.csv"
    path.write_text("Mã;Cơ quan;Kỳ;Số cán bộ;computers;lan;Tỷ lệ hồ sơ trực tuyến;portal\n"
                    f"{a.code};UBND {a.name};2024;20;15;Có;60;Không\n"
                    f"{b.code};UBND {b.name};;0;3;Có;101;Có\n", encoding="utf-8-sig")
    result = import_table(store, path, "xa-thu", period="2025")
    assert not result.written and result.rows == 2
    assert {p.cell for p in result.problems} == {"D3", "G3"}  # staff below 1, more than 100 %
    assert all(p.sheet == "bang" for p in result.problems)
    path.write_text(path.read_text(encoding="utf-8-sig").replace(";0;3;Có;101;", ";12;3;Có;100;"), encoding="utf-8")
    result = import_table(store, path, "xa-thu", period="2025")
    assert result.written and result.problems == []
    assert {(s.agency_code, s.period) for s in _subs(store)} == {(a.code, "2024"), (b.code, "2025")}


def test_unknown_columns_and_tables_without_agency_or_indicators_are_refused(store, tmp_path, capsys):
    path = _xlsx(tmp_path / "la.xlsx", [r + [5] for r in _good_rows()], header=HEADER + ["Điểm thưởng"])
    result = import_table(store, path, "xa-thu", period="2025")
    assert [(p.cell, "Điểm thưởng" in p.message.vi) for p in result.problems] == [("I3", True)]
    assert not result.written and _subs(store) == []
    no_agency = _xlsx(tmp_path / "khong-ten.xlsx", [[1, 20, 15]], header=["STT", "staff", "computers"])
    assert main(["import-table", str(no_agency), "--framework", "xa-thu", "--period", "2025"]) == 2
    err = capsys.readouterr().err
    assert "khong-ten.xlsx" in err and "Số liệu 2025!1:1" in err and "Traceback" not in err
    assert main(["import-table", str(tmp_path / "none.csv"), "--framework", "xa-thu", "--period", "2025"]) == 2
    assert main(["import-table", str(path), "--framework", "khong-co", "--period", "2025"]) == 2
    assert _subs(store) == []


def test_a_missing_period_is_named(store, tmp_path):
    path = _xlsx(tmp_path / "bang.xlsx", _good_rows()[:1])
    result = import_table(store, path, "xa-thu")
    assert [(p.cell, p.message.vi) for p in result.problems] == [("C4", "Thiếu kỳ đánh giá")]
