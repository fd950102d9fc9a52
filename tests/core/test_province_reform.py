"""Across the 2025 reform: a new ward's trend and rank change show the results of the old units
it was made of (Resolution 1656/NQ-UBTVQH15, Hà Nội), matched by code through the mapping, even
where today's list reuses an old code for another unit."""
from __future__ import annotations

import pytest

from egov_desktop.exchange import assessment_file
from egov_desktop.province import importer, ranking, reform
from egov_desktop.province.store import open_store
from tests.core.exchange_samples import assessment, install_framework

# 2024 (before 1 July 2025): four wards of the old Ba Đình and Hoàn Kiếm districts
OLD = [("00004", "Phường Trúc Bạch", 90),    # whole into Phường Ba Đình (new code 00004, the same)
       ("00013", "Phường Quán Thánh", 30),   # whole into Phường Ba Đình
       ("00061", "Phường Hàng Bạc", 60),     # whole into Phường Hoàn Kiếm (new code 00070)
       ("00070", "Phường Hàng Trống", 80)]   # divided: Phường Hoàn Kiếm (most of it) and Phường Cửa Nam
NEW = [("00004", "Phường Ba Đình", 50), ("00070", "Phường Hoàn Kiếm", 70), ("00073", "Phường Cửa Nam", 60)]


@pytest.fixture()
def store(tmp_path):
    install_framework()
    s = open_store()
    files = []
    for period, rows in (("2024", OLD), ("2025", NEW)):
        for code, name, dvc in rows:
            p = tmp_path / f"{period}-{code}.egov.json"
            p.write_bytes(assessment_file.dumps(assessment(code, name, "01", period=period, dvc=dvc,
                                                           parent_name="Thành phố Hà Nội")))
            files.append(p)
    assert importer.import_files(s, files).counts()["imported"] == 7
    yield s
    s.close()


def _value(dvc):   # the sample framework: 150 (computers) + 200 (LAN) + 4 × dvc points of 1000
    return (150 + 200 + 4 * dvc) / 1000


def test_the_trend_of_a_new_ward_with_two_predecessors(store):
    t = ranking.trend(store, agency_code="00004", framework_id="xa-thu")
    assert [p.period for p in t] == ["2024", "2025"]
    before, now = t
    # not Phường Trúc Bạch alone (which had the code 00004): both wards Ba Đình was made of
    assert [(p.agency_name, p.whole) for p in before.predecessors] == [("Phường Quán Thánh", True),
                                                                        ("Phường Trúc Bạch", True)]
    assert before.value == pytest.approx((_value(90) + _value(30)) / 2) and before.count == 2
    assert now.value == pytest.approx(_value(50)) and now.predecessors == ()
    assert reform.describe_point(before, "vi") == (
        "2024: trung bình của 2 đơn vị trước sáp nhập (Phường Quán Thánh 47 %; Phường Trúc Bạch 71 %)")
    # a part of a divided ward is marked as such; Hàng Trống's own code 00070 is Hoàn Kiếm's now
    hk = ranking.trend(store, agency_code="00070", framework_id="xa-thu")[0]
    assert [(p.agency_name, p.whole) for p in hk.predecessors] == [("Phường Hàng Bạc", True),
                                                                    ("Phường Hàng Trống", False)]
    assert "Phường Hàng Trống (một phần)" in reform.describe_point(hk, "vi")
    assert "Phường Hàng Trống (part)" in reform.describe_point(hk, "en")


def test_rank_change_across_the_reform(store):
    r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
    assert r.previous_period == "2024"
    rows = {a.agency_name: a for a in r.rows}
    # now: Hoàn Kiếm 1 (70), Cửa Nam 2 (60), Ba Đình 3 (50); before, on the means of their
    # predecessors: Cửa Nam 80 (part of Hàng Trống), Hoàn Kiếm 70 (Hàng Bạc 60, Hàng Trống 80), Ba Đình 60
    assert [(n, rows[n].rank, rows[n].previous_rank, rows[n].change) for n in ("Phường Hoàn Kiếm", "Phường Cửa Nam",
                                                                                "Phường Ba Đình")] == [
        ("Phường Hoàn Kiếm", 1, 2, 1), ("Phường Cửa Nam", 2, 1, -1), ("Phường Ba Đình", 3, 3, 0)]
    ba_dinh = rows["Phường Ba Đình"].predecessors
    assert [(p.agency_name, p.rank, p.ranked, p.period) for p in ba_dinh] == [
        ("Phường Trúc Bạch", 1, 4, "2024"), ("Phường Quán Thánh", 4, 4, "2024")]
    text = reform.describe(ba_dinh, "vi")
    assert text == ("Gồm kết quả của các đơn vị trước sáp nhập (kỳ 2024): Phường Trúc Bạch hạng 1/4, 710; "
                    "Phường Quán Thánh hạng 4/4, 470. Hạng kỳ trước tính trên trung bình 590 của các đơn vị này.")
    assert "Before the merger" in reform.describe(ba_dinh, "en")
    # within a group the previous period is still ranked whole (its districts are not today's groups)
    in_group = ranking.rank(store, "xa-thu", "2025", group="01", include_pending=True)
    assert {a.agency_name: a.previous_rank for a in in_group.rows}["Phường Ba Đình"] == 3


def test_without_the_reform_in_between_codes_match_as_before(store, tmp_path):
    p = tmp_path / "2026.egov.json"
    p.write_bytes(assessment_file.dumps(assessment("00004", "Phường Ba Đình", "01", period="2026", dvc=95)))
    importer.import_files(store, [p])
    r = ranking.rank(store, "xa-thu", "2026", include_pending=True)
    assert (r.previous_period, r.rows[0].previous_rank, r.rows[0].predecessors) == ("2025", 3, ())


def test_an_old_period_submission_of_todays_unit_is_that_unit(store, tmp_path):
    """An agency that picked today's unit for a 2024 assessment (before the old list existed):
    its name says it is today's Phường Hoàn Kiếm, not the old Hàng Trống of the same code."""
    assert reform.old_unit("00070", "Phường Hàng Trống").name == "Phường Hàng Trống"
    assert reform.old_unit("00070", "Phường Hoàn Kiếm") is None
    assert reform.old_unit("00070", "P. Hàng Trống") is not None       # other writings of the old name
    assert reform.old_unit("00070", "UBND phường Hàng Trống") is not None
    assert reform.old_unit("00070", "") is not None
    assert reform.old_unit("00070", "Xã 7") is None                     # a made-up entry: matched as before
    assert reform.old_unit("", "Sở Tài chính") is None
    p = tmp_path / "2023.egov.json"
    p.write_bytes(assessment_file.dumps(assessment("00070", "Phường Hoàn Kiếm", "01", period="2023", dvc=10)))
    importer.import_files(store, [p])
    t = ranking.trend(store, agency_code="00070", framework_id="xa-thu")
    assert [(x.period, x.predecessors == ()) for x in t] == [("2023", True), ("2024", False), ("2025", True)]


def test_crossing_the_reform():
    assert reform.crosses("2024", "2025") and reform.crosses("2025-Q2", "2025-Q3")
    assert not reform.crosses("2025", "2026") and not reform.crosses("2023", "2024") and not reform.crosses(None, "2025")


def test_an_old_units_own_line_until_the_reform(store):
    t = ranking.trend(store, agency_code="00070", framework_id="xa-thu", old_unit=True)
    assert [(p.period, p.value, p.predecessors) for p in t] == [("2024", pytest.approx(_value(80)), ())]


def test_the_published_ranking_states_where_the_previous_ranks_come_from(store, tmp_path):
    import csv
    import io
    import subprocess

    from openpyxl import load_workbook

    from egov_desktop.province import publish

    r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
    path = tmp_path / "xh.xlsx"
    path.write_bytes(publish.ranking_xlsx(r, "vi"))
    sheet = load_workbook(path).active
    head = [c.value for c in sheet[3]]
    assert head[-1] == "Đơn vị trước sáp nhập (hạng kỳ trước)"
    by_name = {row[2].value: row for row in sheet.iter_rows(min_row=4)}
    assert by_name["Phường Ba Đình"][head.index("Hạng kỳ trước")].value == 3
    assert by_name["Phường Ba Đình"][-1].value.startswith("Gồm kết quả của các đơn vị trước sáp nhập (kỳ 2024): "
                                                          "Phường Trúc Bạch hạng 1/4")
    rows = list(csv.reader(io.StringIO(publish.ranking_csv(r, "en", "intl").decode("utf-8-sig"))))
    assert rows[0][-1] == "Units before the merger (previous rank)" and "Phường Hàng Trống (part)" in " ".join(rows[1])
    pdf = tmp_path / "xh.pdf"
    pdf.write_bytes(publish.ranking_pdf(r, "vi", "Sở Khoa học và Công nghệ thành phố Hà Nội", "2026-01-15"))
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "* Đơn vị hình thành từ ngày 01/7/2025" in text
    assert "Phường Cửa Nam: Gồm kết quả của các đơn vị trước sáp nhập (kỳ 2024): Phường Hàng Trống (một phần)" in text


def test_the_roster_of_a_period_before_the_reform_is_the_old_communes_of_the_province(store, tmp_path):
    from egov_desktop import units
    from egov_desktop.cli import main
    from egov_desktop.province import roster

    # today's Quảng Trị (44) was Quảng Bình (44) and Quảng Trị (45): their communes of 2024, by district
    old = roster.from_units("44", "2024")
    assert len(old) == len(units.communes("44", old=True)) + len(units.communes("45", old=True))
    bo_trach = [e for e in old if e.group_name == "Huyện Bố Trạch"]
    assert bo_trach and all(e.group_code == "455" for e in bo_trach)
    assert len(roster.from_units("44", "2025")) == len(units.communes("44"))
    assert {e.code for e in roster.from_units("45", "2024")} == {u.code for u in units.communes("45", old=True)}
    # Hà Nội 2024: the four old wards of the store are on it and have submitted
    assert main(["roster", "load", "--period", "2024", "--province", "01"]) == 0
    lines = roster.completeness(store, "xa-thu", "2024")
    assert len(lines) == len(units.communes("01", old=True))
    assert {ln.expected.name for ln in lines if ln.state != roster.MISSING} == {n for _, n, _ in OLD}


def test_a_table_of_2023_reads_its_codes_in_the_old_list_and_joins_the_new_wards_trend(store, tmp_path):
    from openpyxl import Workbook

    from egov_desktop.province import review
    from egov_desktop.province.table_import import import_table

    wb = Workbook()
    wb.active.append(["Mã đơn vị", "Tên cơ quan", "staff", "computers", "lan", "dvc_pct", "portal"])
    wb.active.append(["00004", "UBND phường Trúc Bạch", 20, 15, "Có", 40, "Không"])
    wb.active.append(["00013", "P. Quán Thánh", 20, 15, "Có", 20, "Không"])
    wb.save(tmp_path / "2023.xlsx")
    assert import_table(store, tmp_path / "2023.xlsx", "xa-thu", "2023").written
    subs = {s.agency_code: s for s in review.submissions(store) if s.period == "2023"}
    assert {c: s.parent_name for c, s in subs.items()} == {"00004": "Thành phố Hà Nội", "00013": "Thành phố Hà Nội"}
    first = ranking.trend(store, agency_code="00004", framework_id="xa-thu")[0]
    assert first.period == "2023" and [p.agency_name for p in first.predecessors] == [
        "P. Quán Thánh", "UBND phường Trúc Bạch"]


def test_provinces_and_districts_follow_the_same_mapping():
    # the provincial DTI: Quảng Bình (44) and Quảng Trị (45) of 2024 are today's Quảng Trị (44)
    assert reform.successors_of("44", "Tỉnh Quảng Bình") == (("44", True),)
    assert reform.successors_of("45", "Tỉnh Quảng Trị") == (("44", True),)
    assert reform.predecessor_codes("44") == {"44", "45"}
    # a district of 2024 went into its province; an island district became a special zone
    assert reform.successors_of("455", "Huyện Bố Trạch") == (("44", True),)
    assert reform.successors_of("318", "Huyện Bạch Long Vĩ") == ((units_code("Đặc khu Bạch Long Vĩ"), True),)
    assert reform.went_into("45", "Tỉnh Quảng Trị", "2024", "44") is True
    assert reform.went_into("45", "Tỉnh Quảng Trị", "2025", "44") is None     # a period after the reform


def units_code(name: str) -> str:
    from egov_desktop import units
    return next(u.code for u in units.communes() if u.name == name)
