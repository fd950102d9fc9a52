"""The official administrative units (vietnam-provinces, from 1 July 2025)."""
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
