"""The official administrative units (vietnam-provinces, from 1 July 2025)."""
from hypothesis import given, strategies as st

from egov_desktop import units
from egov_desktop.domain import Agency


def test_the_two_tier_list_is_complete():
    assert len(units.provinces()) == 34
    assert len(units.communes()) == 3321
    assert sum(len(units.communes(p.code)) for p in units.provinces()) == 3321


def test_lookup_by_code():
    hn = units.get("1")
    assert (hn.code, hn.name, hn.level) == ("01", "Thành phố Hà Nội", "province")
    hk = units.get("00070")
    assert (hk.name, hk.level, hk.parent_code, hk.parent_name) == ("Phường Hoàn Kiếm", "commune", "01",
                                                                    "Thành phố Hà Nội")
    assert units.get("70", "commune") == hk
    assert units.get("99999") is None


def test_search_with_or_without_diacritics():
    plain = units.search("quang binh")
    marked = units.search("Quảng Bình")
    assert any(u.name == "Xã Quảng Bình" for u in plain)
    assert plain[0].name in ("Xã Quảng Bình", "Xã Quang Bình")     # whole-name hits first
    assert any(u.name == "Xã Quảng Bình" for u in marked)
    assert units.search("HOAN KIEM")[0].name == "Phường Hoàn Kiếm"
    assert [u.name for u in units.search("da nang", level="province")] == ["Thành phố Đà Nẵng"]
    assert all(u.parent_code == "01" for u in units.search("phuong", province_code="01"))
    assert len(units.search("xa", limit=10)) == 10
    assert units.fold("Đặng Thị Ngọc Hân") == "dang thi ngoc han"


def test_historical_units():
    assert units.is_historical(Agency("Huyện Bố Trạch", "district"))
    assert units.is_historical(Agency("Tỉnh Hà Tây", "province", "28"))
    assert not units.is_historical(Agency("Sở Khoa học và Công nghệ", "department"))
    assert not units.is_historical(Agency("Phường Hoàn Kiếm", "commune", "00070"))


# ---------------------------------------------------------------- before 1 July 2025

def test_the_list_before_the_reform_is_complete():
    # 63 provinces, 696 districts, 10,035 communes when the reform began (docs/province.md cites it)
    assert len(units.provinces(old=True)) == 63
    assert len(units.districts()) == 696
    assert len(units.communes(old=True)) == 10035
    assert sum(len(units.communes(p.code, old=True)) for p in units.provinces(old=True)) == 10035
    assert all(u.before_reform for u in units.communes(old=True)[:50])
    assert not any(u.before_reform for u in units.communes()[:50])


def test_the_extracted_data_records_its_source_and_licence():
    import json
    from egov_desktop.paths import resource_path

    data = json.loads(resource_path("units", "before-2025-07.json").read_text(encoding="utf-8"))
    assert data["source"]["package"] == "vietnamadminunits" and data["source"]["version"]
    assert len(data["source"]["sha256"]) == 64
    licence = resource_path("units", "LICENSE-vietnamadminunits.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and data["source"]["version"] in licence


def test_every_old_unit_goes_into_todays_list_and_every_new_one_comes_from_the_old():
    old = units.communes(old=True)
    assert all(units.successors(u.code) for u in old)
    into = {s.code for u in old for s in units.successors(u.code)}
    into |= {s.code for d in units.districts() for s in units.successors(d.code, "district") if s.level == "commune"}
    assert into == {u.code for u in units.communes()}
    assert all(units.predecessors(u.code) for u in units.communes())
    # each old province went whole into one of the 34
    assert {units.successors(p.code, "province")[0].code for p in units.provinces(old=True)} == \
        {p.code for p in units.provinces()}


def test_the_codes_of_the_two_lists_follow_the_period():
    # 00070 was Phường Hàng Trống (Quận Hoàn Kiếm); today it is Phường Hoàn Kiếm
    assert units.get("00070", period="2024").label == "Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội"
    assert units.get("00070", period="2025").name == "Phường Hoàn Kiếm"
    assert units.get("00070").name == "Phường Hoàn Kiếm"
    assert units.get("455", period="2024").name == "Huyện Bố Trạch"     # a district: 3 digits
    assert units.get("45", "province", period="2024").name == "Tỉnh Quảng Trị"
    assert units.get("455", period="2026") is None
    assert [u.name for u in units.search("bo trach", level="district", period="2023")] == ["Huyện Bố Trạch"]
    assert units.search("hang trong", period="2024")[0].district_name == "Quận Hoàn Kiếm"
    assert not units.search("hang trong", level="commune")   # not a unit since 1 July 2025


def test_resolution_1656_hoan_kiem_ward():
    """Resolution 1656/NQ-UBTVQH15 (16 June 2025), Hà Nội: Phường Hoàn Kiếm from the whole of the
    wards Hàng Bạc, Hàng Bồ, Hàng Buồm, Hàng Đào, Hàng Gai, Hàng Mã, Lý Thái Tổ and part of Cửa
    Đông, Cửa Nam, Điện Biên, Đồng Xuân, Hàng Bông, Hàng Trống, Tràng Tiền."""
    came = units.predecessors("00070")
    whole = {p.unit.name.removeprefix("Phường ") for p in came if p.whole}
    part = {p.unit.name.removeprefix("Phường ") for p in came if not p.whole}
    assert whole == {"Hàng Bạc", "Hàng Bồ", "Hàng Buồm", "Hàng Đào", "Hàng Gai", "Hàng Mã", "Lý Thái Tổ"}
    assert part == {"Cửa Đông", "Cửa Nam", "Điện Biên", "Đồng Xuân", "Hàng Bông", "Hàng Trống", "Tràng Tiền"}
    # the same resolution: Quán Thánh and Trúc Bạch went whole into Phường Ba Đình
    assert {p.unit.name for p in units.predecessors("00004") if p.whole} == {"Phường Quán Thánh", "Phường Trúc Bạch"}
    hang_bac = units.get("00061", period="2024")
    assert [u.name for u in units.successors(hang_bac.code)] == ["Phường Hoàn Kiếm"]


def test_provinces_and_island_districts_across_the_reform():
    # the National Assembly's resolution of 12 June 2025 (202/2025/QH15): Quảng Bình and Quảng Trị
    # form the new Quảng Trị (vietnam-provinces writes a province's name without "Tỉnh")
    assert {p.unit.name for p in units.predecessors("44", "province")} == {"Tỉnh Quảng Bình", "Tỉnh Quảng Trị"}
    assert [u.name for u in units.successors("44", "province")] == ["Quảng Trị"]
    # an island district without communes became a special zone; another district: its province
    assert [u.name for u in units.successors("318", "district")] == ["Đặc khu Bạch Long Vĩ"]
    assert [u.name for u in units.successors("455", "district")] == ["Quảng Trị"]


def test_which_list_a_period_uses():
    for period in ("2024", "2019", "2023-2024", "2025-Q2", "Quý II/2025", "6 tháng đầu năm 2025", "06/2025",
                   "H1 2025", "2025-03-15"):
        assert units.before_reform(period), period
    for period in ("2025", "2026", "2025-Q3", "Quý III/2025", "2025-07", "2025 H2", "", "Kỳ 1"):
        assert not units.before_reform(period), period


@given(st.integers(1990, 2100), st.sampled_from(["{y}", "Năm {y}", "{y}-Q4", "Kỳ đánh giá {y}", "{y}/{y1}"]))
def test_a_year_before_2025_is_before_the_reform_and_after_it_is_not(year, pattern):
    period = pattern.format(y=year, y1=year + 1)
    last = year + 1 if "{y1}" in pattern else year
    if last != 2025:
        assert units.before_reform(period) == (last < 2025)


def test_historical_units_follow_the_period():
    assert units.is_historical(Agency("Phường Hàng Trống", "commune", "00070"), "2024")
    assert not units.is_historical(Agency("Phường Hoàn Kiếm", "commune", "00070"), "2025")
    assert not units.is_historical(Agency("Sở Khoa học và Công nghệ", "department"), "2024")
