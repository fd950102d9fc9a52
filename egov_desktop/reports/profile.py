"""The agency profile a report is issued under, with defaults taken from the agency and period.

Decree 30/2020/NĐ-CP, Annex I (docs/reports.md): the issuing agency is written in full, in
capitals, under the name of its direct superior (abbreviated "UBND TỈNH …"); a People's
Committee has no superior line and its own name takes two lines ("ỦY BAN NHÂN DÂN" /
"XÃ …"). Its reports are signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; a department's by its
director. Reports go to the province's department in charge of IT in that period: the Sở
Thông tin và Truyền thông until the Sở Khoa học và Công nghệ took it over on 1 March 2025.
"""
from __future__ import annotations

import re

from scoring import nfc
from scoring.record import asdict

from ..domain import Agency, AgencyProfile
from ..units import fold

AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")
COMMITTEE_LEVELS = ("commune", "district", "province")
STORE = "Lưu: VT."
# The first period whose reports the merged Sở Khoa học và Công nghệ received (1 March 2025).
MERGER_YEAR = 2025

_COMMITTEE = re.compile(r"^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+", re.IGNORECASE)
_PROVINCE_WORD = re.compile(r"^\s*(tỉnh|tinh)\s+", re.IGNORECASE)
_CITY = re.compile(r"^\s*(thành phố|tp\.?)\s+", re.IGNORECASE)


def upper(text: str) -> str:
    return nfc(text).upper()


def province_of(text: str) -> tuple[str, str]:
    """("tỉnh", "Lâm Đồng") or ("thành phố", "Hà Nội") from "UBND tỉnh Lâm Đồng", "Lâm Đồng",
    "Thành phố Hà Nội"; ("", "") for nothing."""
    s = _COMMITTEE.sub("", nfc(text or "").strip())
    if not s:
        return "", ""
    if _CITY.match(s):
        return "thành phố", _CITY.sub("", s).strip()
    return "tỉnh", _PROVINCE_WORD.sub("", s).strip()


def province_text(text: str) -> str:
    kind, name = province_of(text)
    return f"{kind} {name}" if name else ""


def receiving_department(province: str, period: str) -> str:
    """The Sở that receives the IT / digital transformation reports of `province` for `period`."""
    where = province_text(province)
    year = _year(period)
    name = "Sở Thông tin và Truyền thông" if year is not None and year < MERGER_YEAR else "Sở Khoa học và Công nghệ"
    return f"{name} {where}".strip()


def _year(period: str) -> int | None:
    m = re.search(r"(19|20)\d\d", period or "")
    return int(m.group(0)) if m else None


def _symbol_of(name: str) -> str:
    """"Sở Khoa học và Công nghệ" → "SKHCN" (the initials Vietnamese agencies use, "và" left out)."""
    words = [w for w in re.split(r"[\s,&-]+", nfc(name)) if w and w.lower() != "và"]
    return "".join(w[0] for w in words).upper()


def _without_province(name: str, province: str) -> str:
    """"Sở Khoa học và Công nghệ tỉnh Lâm Đồng" → "Sở Khoa học và Công nghệ"."""
    where = province_text(province)
    s = nfc(name).strip()
    if where and fold(s).endswith(" " + fold(where)):
        s = s[: len(s) - len(where)].rstrip(" ,-")
    return s


_UNIT_WORD = re.compile(r"^\s*(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+", re.IGNORECASE)


def _place_of(unit: str) -> str:
    """The place name of the "place, date" line: the unit's own name, "phường Đồng Hới" → "Đồng Hới"."""
    return _UNIT_WORD.sub("", _COMMITTEE.sub("", nfc(unit or "").strip())).strip()


def default_profile(agency: Agency, period: str) -> AgencyProfile:
    """What a report of `agency` for `period` is issued under when nothing was entered."""
    province = agency.name if agency.level == "province" else agency.parent_name
    sở = receiving_department(province, period)
    if agency.level in COMMITTEE_LEVELS:
        own = _COMMITTEE.sub("", nfc(agency.name).strip())
        if agency.level == "province":
            own = province_text(own) or own
        parent, issuer = "", f"ỦY BAN NHÂN DÂN\n{upper(own)}"
        symbol, authority, on_behalf, position = "BC-UBND", "TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    else:
        own = _without_province(agency.name, province)
        where = province_text(province)
        parent = f"UBND {upper(where)}" if where else upper(_COMMITTEE.sub("UBND ", agency.parent_name))
        issuer = upper(own)
        symbol, authority, on_behalf, position = f"BC-{_symbol_of(own)}", "", "", "GIÁM ĐỐC"
    place = nfc(agency.address).strip() or _place_of(own if agency.level in COMMITTEE_LEVELS else province)
    recipients = []
    if fold(_without_province(agency.name, province)) != fold(_without_province(sở, province)):
        recipients.append(sở)   # a Sở does not send its report to itself
    elif province:
        recipients.append(f"UBND {province_text(province)}")
    recipients.append(STORE)
    return AgencyProfile(parent_line=parent, issuer=issuer, place=place, symbol=symbol,
                         authority=authority, on_behalf=on_behalf, signer_position=position,
                         recipients=tuple(recipients))


def effective_profile(agency: Agency, period: str, profile: AgencyProfile | None = None) -> AgencyProfile:
    """`profile` with every empty field taken from the defaults (the number stays as given:
    an empty number is a blank for the văn thư)."""
    base = default_profile(agency, period)
    if profile is None:
        return base
    keep = {"number", "authority", "on_behalf", "parent_line", "signer_name"}
    given = asdict(profile)
    # a profile that was saved keeps its own empty authority / superior line / name (a director
    # signs without "KT."), so only a never-saved profile takes those from the defaults
    saved = not profile.is_empty() and bool(profile.issuer)
    out = {}
    for k, v in given.items():
        if k in keep and saved:
            out[k] = v
        else:
            out[k] = v if v else getattr(base, k)
    out["recipients"] = tuple(out["recipients"])
    return AgencyProfile(**out)


def number_line(profile: AgencyProfile) -> str:
    """"Số: 12/BC-UBND", or "Số:      /BC-UBND" with room to write the number in."""
    number = profile.number.strip() or "\u00a0" * 6
    return f"Số: {number}/{profile.symbol}" if profile.symbol else f"Số: {number}"


def recipient_lines(profile: AgencyProfile) -> list[str]:
    """The Nơi nhận list as printed: "- X;" for each, "- Lưu: VT." last."""
    items = [r.strip().rstrip(";.") for r in profile.recipients if r.strip()]
    return [f"- {r}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items)]
