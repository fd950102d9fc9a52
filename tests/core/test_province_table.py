"""`egov-desktop import-table`: a province's own spreadsheet (one row per agency, one column per
indicator) becomes received submissions, whole or not at all, every bad cell named."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from egov_desktop import units
from egov_desktop.cli import main
from egov_desktop.province import ranking, review
from egov_desktop.province.store import open_store
from egov_desktop.province.table_import import import_table
from tests.core.exchange_samples import install_framework

HEADER = ["STT", "Mã đơn vị", "Tên cơ quan", "staff", "Số máy tính", "Has a LAN", "dvc_pct", "Có cổng thông tin"]


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
    # the same table again: unchanged, nothing new
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 0
    assert "Không đổi: 3" in capsys.readouterr().out and len(_subs(store)) == 3


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
    for cell in ("Số liệu 2025!D4: Chỉ tiêu «staff – Số cán bộ»: Phải là một số",
                 "Số liệu 2025!E5: Chỉ tiêu «computers – Số máy tính»: Ô chứa công thức",
                 "Số liệu 2025!F6: Chỉ tiêu «lan – Có mạng LAN»: Phải là Có hoặc Không", "Số liệu 2025!C7: Thiếu tên cơ quan",
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


def test_tables_without_agency_or_indicators_are_refused(store, tmp_path, capsys):
    path = _xlsx(tmp_path / "la.xlsx", _good_rows())
    no_agency = _xlsx(tmp_path / "khong-ten.xlsx", [[1, 20, 15]], header=["STT", "staff", "computers"])
    assert main(["import-table", str(no_agency), "--framework", "xa-thu", "--period", "2025"]) == 2
    err = capsys.readouterr().err
    assert "khong-ten.xlsx" in err and "Số liệu 2025!1:1" in err and "Traceback" not in err
    assert "tên cơ quan, tên đơn vị" in err and "mã đơn vị" in err    # the accepted names, listed
    assert main(["import-table", str(tmp_path / "none.csv"), "--framework", "xa-thu", "--period", "2025"]) == 2
    assert main(["import-table", str(path), "--framework", "khong-co", "--period", "2025"]) == 2
    assert _subs(store) == []


def test_a_missing_period_is_named(store, tmp_path):
    path = _xlsx(tmp_path / "bang.xlsx", _good_rows()[:1])
    result = import_table(store, path, "xa-thu")
    assert [(p.cell, p.message.vi) for p in result.problems] == [("C4", "Thiếu kỳ đánh giá")]


def _cli(path, *extra):
    return main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025", *extra])


def _current(store):
    return {s.agency_code: s for s in review.submissions(store)}


def test_a_corrected_table_replaces_the_earlier_one_after_a_dry_run(store, tmp_path, capsys):
    from egov_desktop.exchange import assessment_file
    from egov_desktop.province.importer import import_files
    from tests.core.exchange_samples import FRAMEWORK, assessment

    a, b, c, d, e = _communes(5)
    path = _xlsx(tmp_path / "bang.xlsx", _good_rows())
    assert _cli(path) == 0
    # agency e sent its own file: a table never replaces it
    (tmp_path / "e.egov.json").write_bytes(assessment_file.dumps(assessment(e.code, e.name, "44")))
    assert import_files(store, [tmp_path / "e.egov.json"]).counts()["imported"] == 1
    capsys.readouterr()
    rows = _good_rows()
    rows[1][3] = 26                                   # b: staff 25 → 26
    del rows[2]                                       # c: no longer in the table
    rows.append([4, d.code, f"UBND {d.name}", 9, 9, "Có", 50, "Có"])    # d: new
    rows.append([5, e.code, f"UBND {e.name}", 9, 9, "Có", 50, "Có"])    # e: its own file is there
    fixed = _xlsx(tmp_path / "bang-sua.xlsx", rows)
    before = {k: (v.id, v.total) for k, v in _current(store).items()}
    # without --replace: conflicts named with the way out, exit 1, nothing changed (d not added either)
    assert _cli(fixed) == 1
    captured = capsys.readouterr()
    assert "--replace" in captured.out and "Xung đột: 2" in captured.out and "Không đổi: 1" in captured.out
    assert "Không nhập gì: 2 dòng xung đột" in captured.err
    assert {k: (v.id, v.total) for k, v in _current(store).items()} == before
    store.close()
    capsys.readouterr()
    # the dry run says what would change, and writes nothing (exit 1: e's own file would conflict)
    assert _cli(fixed, "--replace", "--dry-run") == 1
    out = capsys.readouterr().out
    assert f"[Đổi giá trị] UBND {b.name} (2025)" in out and "staff: 25 → 26" in out
    assert f"[Mới] UBND {d.name}" in out and f"[Bị bỏ (bảng mới không có)] UBND {c.name}" in out
    assert f"[Không thay (hồ sơ cơ quan tự nộp)] UBND {e.name}" in out
    assert "Mới: 1, Đổi giá trị: 1, Bị bỏ (bảng mới không có): 1, Không thay (hồ sơ cơ quan tự nộp): 1, " \
           "Không đổi: 1" in out
    s = open_store()
    assert {k: (v.id, v.total) for k, v in _current(s).items()} == before
    # the replace: e's own file is a conflict, so nothing is written unless the rest is accepted
    assert _cli(fixed, "--replace") == 1
    assert "Không nhập gì: 1 dòng xung đột" in capsys.readouterr().err
    assert {k: (v.id, v.total) for k, v in _current(s).items()} == before
    # then in one transaction; e's own file stays and is reported as a conflict
    assert _cli(fixed, "--replace", "--accept-partial") == 1
    out = capsys.readouterr().out
    assert "Đã nhập: 1, Thay bản cũ: 1" in out and "Xung đột: 1" in out and "Bị bỏ (bảng mới không có): 1" in out
    now = _current(s)
    assert set(now) == {a.code, b.code, d.code, e.code}
    assert now[a.code].id == before[a.code][0] and now[e.code].id == before[e.code][0] and now[e.code].kind == "file"
    assert now[b.code].id != before[b.code][0]
    import json

    from sqlalchemy import select

    from egov_desktop.province.models import SubmissionRow
    with s.read() as session:
        payload = session.scalar(select(SubmissionRow.payload).where(SubmissionRow.id == now[b.code].id))
    assert json.loads(payload)["answers"]["staff"]["value"] == 26
    assert len(review.submissions(s, current_only=False)) == 6    # a, b, c, e, the new b and d: b and c kept
    s.close()
    # after an edit of the framework that left these indicators alone, the same table is unchanged
    install_framework({**FRAMEWORK, "version": "2025.2", "source": {"vi": "Kế hoạch sửa", "en": "Revised plan"}})
    assert _cli(fixed, "--replace", "--accept-partial") == 1    # e's own file is still a conflict
    out = capsys.readouterr().out
    assert "Không đổi: 3" in out and "Thay bản cũ: 0" in out and "Xung đột: 1" in out


def test_exit_code_is_not_zero_when_a_row_conflicts(store, tmp_path, capsys):
    path = _xlsx(tmp_path / "bang.xlsx", _good_rows())
    assert _cli(path) == 0
    rows = _good_rows()
    rows[0][4] = 16
    fixed = _xlsx(tmp_path / "sua.xlsx", rows)
    assert _cli(fixed) == 1
    assert "Xung đột: 1" in capsys.readouterr().out
    assert _cli(fixed, "--dry-run") == 1 and _cli(fixed, "--replace", "--dry-run") == 0
    assert _cli(fixed, "--replace") == 0
    assert "Thay bản cũ: 1" in capsys.readouterr().out


@pytest.mark.parametrize(("typed", "decimal", "value"), [
    ("1.000", ",", 1000), ("1,000", ",", 1), ("1.000", ".", 1), ("1,000", ".", 1000), ("2.000", None, 2000),
    ("1.234.567", None, 1234567), ("1,234.5", None, 1234.5), ("85,5", None, 85.5), ("85.5", ".", 85.5),
])
def test_numbers_follow_the_declared_or_detected_convention(store, tmp_path, typed, decimal, value):
    from egov_desktop.frameworks import registry
    from egov_desktop.province.table_import import read_table

    a, b = _communes(2)
    path = tmp_path / "so.csv"     # dvc_pct (a percent of 0..100) beside; "2.000" is decided by "1.234.567"
    path.write_text(f'Mã;Tên;computers;staff;lan;dvc_pct;portal\n{a.code};A;"{typed}";1;Có;10;Có\n'
                    f'{b.code};B;20;1;Có;10;Có\n', encoding="utf-8")
    if typed == "2.000":
        path.write_text(path.read_text(encoding="utf-8").replace(";20;1;", ";1.234.567;1;"), encoding="utf-8")
    out, rows = read_table(path, registry.get("xa-thu"), "2025", decimal)
    got = [r.received.data.answers["computers"].value for r in rows if r.cell == "B2"]
    problems = [p.message.vi for p in out.problems if p.cell == "C2"]
    if value > 10000 or not float(value).is_integer():   # refused by the range or as not whole: read right
        assert problems and ("10.000" in problems[0] or "số nguyên" in problems[0]), problems
    else:
        assert problems == [] and got == [value]


def test_an_ambiguous_number_is_refused_unless_the_table_decides(store, tmp_path):
    from egov_desktop.frameworks import registry
    from egov_desktop.province.table_import import read_table

    a, b = _communes(2)
    fw = registry.get("xa-thu")
    path = tmp_path / "so.csv"
    path.write_text(f'Mã;Tên;staff;computers;lan;dvc_pct;portal\n{a.code};A;"1,000";1;Có;10;Có\n'
                    f'{b.code};B;20;1;Có;10;Có\n', encoding="utf-8")
    out, rows = read_table(path, fw, "2025")
    assert [p.cell for p in out.problems] == ["C2"] and [r.cell for r in rows] == ["B3"]
    msg = out.problems[0].message.vi
    assert "staff" in msg and "Số cán bộ" in msg and "1.000" in msg and "--decimal" in msg
    # another cell of the table decides: "85,5" is Vietnamese writing, so "1,000" is 1
    path.write_text(path.read_text(encoding="utf-8").replace(";10;Có\n", ";85,5;Có\n", 1), encoding="utf-8")
    out, rows = read_table(path, fw, "2025")
    assert out.problems == [] and rows[0].received.data.answers["staff"].value == 1


def test_every_problem_in_one_pass_at_its_indicators_cell(store, tmp_path):
    rows = _good_rows()
    a, b, c = _communes()
    rows.append([4, "", "", "", 1, "Có", 5, "Có"])       # row 7: no agency and staff empty
    rows[0][3] = None                                  # D4: staff empty
    rows[0][4] = None                                  # E4: computers empty
    rows[1][3] = None                                  # D5 empty beside another error
    rows[1][6] = "abc"                                 # G5: not a number
    path = _xlsx(tmp_path / "bang.xlsx", rows)
    result = import_table(store, path, "xa-thu", period="2025")
    cells = [(p.cell, p.indicator_id) for p in result.problems]
    assert ("D4", "staff") in cells and ("E4", "computers") in cells
    assert ("D5", "staff") in cells and ("G5", "dvc_pct") in cells and ("C7", "") in cells
    assert len(cells) == len(set(cells))
    assert not any(p.cell.startswith("C") and p.indicator_id for p in result.problems)
    assert all("«staff – Số cán bộ»" in p.message.vi for p in result.problems if p.indicator_id == "staff")


def test_extra_columns_are_ignored_with_a_warning_and_period_is_mapped(store, tmp_path, capsys):
    header = ["STT", "MÃ ĐƠN VỊ", "Tên Đơn Vị", "Survey Year", "staff", "Số máy tính", "Has a LAN", "dvc_pct",
              "Có cổng thông tin", "Xếp hạng công bố", "Chỉ số DTI"]
    rows = [r[:3] + ["2024"] + r[3:] + [1, 0.5] for r in _good_rows()]
    path = _xlsx(tmp_path / "them.xlsx", rows, header=header)
    assert main(["import-table", str(path), "--framework", "xa-thu"]) == 0
    err = capsys.readouterr().err
    assert "Bỏ qua các cột" in err and "«Xếp hạng công bố» (J)" in err and "«Chỉ số DTI» (K)" in err
    assert {s.period for s in _subs(store)} == {"2024"} and len(_subs(store)) == 3


@pytest.mark.parametrize("name", ["Tên cơ quan", "TEN DON VI", "Đơn vị", "cơ quan", "Xã/Phường", "Agency",
                                  "Unit", "Name"])
def test_usual_agency_headers_are_recognised(store, tmp_path, name):
    a = _communes(1)[0]
    path = _xlsx(tmp_path / "t.xlsx", [[f"UBND {a.name}", 20, 15, "Có", 60, "Không"]],
                 header=[name, "staff", "computers", "lan", "dvc_pct", "portal"])
    result = import_table(store, path, "xa-thu", period="2025")
    assert result.written and result.problems == []


def test_a_group_column_is_stored_with_the_submission_on_a_migrated_store(tmp_path):
    """A "Nhóm" column is the province's own group; a store made before (p0002) is migrated."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import select

    from egov_desktop.province.models import ProvinceBase, SubmissionRow
    from tests.core.exchange_samples import old_province_store

    install_framework()
    url = old_province_store(tmp_path / "old.sqlite", "p0002")
    s = open_store(url)
    try:
        a, b = _communes(2)
        path = _xlsx(tmp_path / "nhom.xlsx", [[a.code, "Cụm Bắc", 20, 15, "Có", 60, "Không"],
                                              [b.code, "Cụm Nam", 25, 30, "no", 85, "yes"]],
                     header=["Mã", "Nhóm", "staff", "computers", "lan", "dvc_pct", "portal"])
        result = import_table(s, path, "xa-thu", period="2025")
        assert result.written and result.problems == [] and result.warnings == []
        with s.read() as session:
            assert dict(session.execute(select(SubmissionRow.agency_code, SubmissionRow.group_name)).all()) == {
                a.code: "Cụm Bắc", b.code: "Cụm Nam"}
        # the group is one to rank within (rank --group, the ranking page's group list)
        from egov_desktop.province import ranking
        assert [r.agency_code for r in ranking.rank(s, "xa-thu", "2025", group="Cụm Bắc", include_pending=True).rows] \
            == [a.code]
        # another group for a is a change of the table, shown by the dry run
        path = _xlsx(tmp_path / "nhom2.xlsx", [[a.code, "Cụm Nam", 20, 15, "Có", 60, "Không"]],
                     header=["Mã", "Nhóm", "staff", "computers", "lan", "dvc_pct", "portal"])
        changes = import_table(s, path, "xa-thu", period="2025", dry_run=True).changes
        assert [(c.outcome, c.values) for c in changes if c.agency.endswith(a.name)] == [
            ("changed", (("nhóm/group", "Cụm Bắc", "Cụm Nam"),))]
        with s.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": lambda o, name, *_: (
                o.__class__.__name__ != "Table" or (name.startswith("province_") and "alembic" not in name))})
            assert [d for d in compare_metadata(ctx, ProvinceBase.metadata)
                    if "province_" in str(d)] == []
    finally:
        s.close()


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False), st.sampled_from(["vi", "en"]))
def test_a_number_written_either_way_reads_back_by_its_convention(x, lang):
    """Whatever format_number writes, number_readings reads back the same in that convention;
    the other convention either cannot read it or reads another value (never the same by luck
    unless the writing says nothing of the convention, as "60" does)."""
    from scoring.numbers import format_number, number_readings

    text = format_number(float(x), lang, 3)
    readings = number_readings(text)
    assert readings[lang] == pytest.approx(float(text.replace("." if lang == "vi" else ",", "").replace(",", ".")))
    other = "en" if lang == "vi" else "vi"
    if other in readings and readings[other] == readings[lang]:
        assert not any(c in text for c in ",.")
