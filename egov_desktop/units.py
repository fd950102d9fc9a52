"""The official lists of administrative units, today's and the one before the 2025 reform.

Since 1 July 2025: 34 provinces and 3,321 communes / wards / special zones (PyPI package
`vietnam-provinces`, the codes of Decision 19/2025/QĐ-TTg). Until 30 June 2025: 63 provinces,
696 districts and 10,035 communes, with the statistics office's codes, and where each went
(resources/units/before-2025-07.json, extracted from PyPI `vietnamadminunits` by
scripts/extract_old_units.py). The two lists reuse codes for other units (commune 00070 was
Phường Hàng Trống, it is Phường Hoàn Kiếm now): which list a code belongs to follows the period
(`before_reform`). Loaded lazily once, then cached; search ignores case and diacritics.
"""
from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scoring.text import fold  # noqa: F401 - search keys of units (kept here for its callers)

from .paths import resource_path

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"


@dataclass(frozen=True)
class Unit:
    """An administrative unit of the official list (a province or a commune)."""

    code: str              # e.g. "01" (province) or "00070" (commune)
    name: str              # "Thành phố Hà Nội", "Phường Hoàn Kiếm"
    level: str             # province or commune
    parent_code: str = ""  # the province of a commune
    parent_name: str = ""
    kind: str = ""         # tỉnh, thành phố trung ương, xã, phường, đặc khu
    district_name: str = ""    # before the reform: the district of a commune
    district_code: str = ""
    before_reform: bool = False  # a unit of the list before 1 July 2025

    @property
    def label(self) -> str:
        """The name with where it is: "Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội"."""
        return ", ".join(x for x in (self.name, self.district_name, self.parent_name) if x)


def _divisions_file() -> Path:
    """The package's list of units, found without importing the package: its enums of every
    unit take about 0.1 s to build, which the new-assessment dialog would wait for."""
    spec = importlib.util.find_spec("vietnam_provinces")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "nested-divisions.json"
        if path.is_file():
            return path
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH
    return NESTED_DIVISIONS_JSON_PATH


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[Unit, ...], dict[str, Unit]]:
    data = json.loads(_divisions_file().read_text(encoding="utf-8"))
    units: list[Unit] = []
    for p in data:
        pcode = f"{p['code']:02d}"
        units.append(Unit(pcode, p["name"], PROVINCE, kind=p.get("division_type", "")))
        for w in p.get("wards", []):
            units.append(Unit(f"{w['code']:05d}", w["name"], COMMUNE, pcode, p["name"], w.get("division_type", "")))
    return tuple(units), {f"{u.level}:{u.code}": u for u in units}


@lru_cache(maxsize=1)
def _load_old() -> tuple[tuple[Unit, ...], dict[str, Unit], dict[str, tuple[str, ...]]]:
    """The list before 1 July 2025: its units, by level and code, and where each went (new codes,
    where most of it went first)."""
    data = json.loads(resource_path("units", "before-2025-07.json").read_text(encoding="utf-8"))
    province = {code: name for code, name, _ in data["provinces"]}
    district = {code: (name, pcode) for code, name, pcode, _ in data["districts"]}
    units: list[Unit] = []
    went: dict[str, tuple[str, ...]] = {}
    for code, name, new in data["provinces"]:
        units.append(Unit(code, name, PROVINCE, kind=_kind(name), before_reform=True))
        went[f"{PROVINCE}:{code}"] = (new,)
    for code, name, pcode, new in data["districts"]:
        units.append(Unit(code, name, DISTRICT, pcode, province[pcode], _kind(name), before_reform=True))
        went[f"{DISTRICT}:{code}"] = tuple(new)
    for code, name, dcode, new in data["communes"]:
        dname, pcode = district[dcode]
        units.append(Unit(code, name, COMMUNE, pcode, province[pcode], _kind(name), dname, dcode, True))
        went[f"{COMMUNE}:{code}"] = tuple(new)
    return tuple(units), {f"{u.level}:{u.code}": u for u in units}, went


def _kind(name: str) -> str:
    """The kind of unit its name starts with ("Thị trấn Phố Châu" → "thị trấn")."""
    for kind in ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "quận", "huyện", "phường", "xã"):
        if name.casefold().startswith(kind + " "):
            return kind
    return ""


def _list(before: bool):
    return _load_old() if before else _load()


@lru_cache(maxsize=2)
def _folded(before: bool = False) -> tuple[str, ...]:
    """Each unit's name, district and province without diacritics, for search (made at the first search)."""
    return tuple(fold(f"{u.name} {u.district_name} {u.parent_name}") for u in _list(before)[0])


# ------------------------------------------------------------ which list a period uses

REFORM_YEAR = 2025   # the two-tier organisation from 1 July 2025 (Resolution 202/2025/QH15 and the
                     # Standing Committee's resolutions on each province's communes)
_FIRST_HALF = re.compile(
    r"\b(q|quý|quy|quarter)\s*(1|2|i|ii)\b|\b(h|s|semester|half)\s*1\b|6\s*tháng\s*đầu|first\s*half"
    r"|\b(0?[1-6])\s*[/.-]\s*2025\b|\b2025\s*[/.-]\s*(0?[1-6])\b"
    r"|\btháng\s*(0?[1-6])\b", re.IGNORECASE)


def before_reform(period: str) -> bool:
    """Whether a period's units are those before 1 July 2025: a period of a year up to 2024, or of
    the first half of 2025 ("2025-Q2", "6 tháng đầu năm 2025", "06/2025"). The year 2025 as a
    whole is assessed in the new organisation (its assessments are made in 2026), so it is not."""
    years = [int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", period or "")]
    if not years:
        return False
    last = max(years)
    if last != REFORM_YEAR:
        return last < REFORM_YEAR
    return bool(_FIRST_HALF.search(period))


def _before(period: str | None, old: bool) -> bool:
    return old or (period is not None and before_reform(period))


# ------------------------------------------------------------ the lists

def provinces(period: str | None = None, *, old: bool = False) -> list[Unit]:
    """The provinces of the list `period` uses (or of the old list when `old`)."""
    return [u for u in _list(_before(period, old))[0] if u.level == PROVINCE]


def communes(province_code: str | None = None, period: str | None = None, *, old: bool = False) -> list[Unit]:
    return [u for u in _list(_before(period, old))[0]
            if u.level == COMMUNE and (province_code is None or u.parent_code == province_code)]


def districts(province_code: str | None = None) -> list[Unit]:
    """The districts before 1 July 2025 (there are none since)."""
    return [u for u in _load_old()[0] if u.level == DISTRICT and (province_code is None or u.parent_code == province_code)]


def get(code: str, level: str | None = None, period: str | None = None, *, old: bool = False) -> Unit | None:
    """The unit with this code in the list `period` uses (a 2-digit code is a province, a
    3-digit one a district, a 5-digit one a commune)."""
    _, by_code, *_ = _list(_before(period, old))
    code = code.strip()
    if level is None:
        level = PROVINCE if len(code) <= 2 else DISTRICT if len(code) == 3 else COMMUNE
    if code.isdigit():
        code = code.zfill({PROVINCE: 2, DISTRICT: 3}.get(level, 5))
    return by_code.get(f"{level}:{code}")


def search(query: str, level: str | None = None, province_code: str | None = None, limit: int = 50,
           period: str | None = None, *, old: bool = False) -> list[Unit]:
    """Units of the list `period` uses whose name (and district, province) contain every word of
    the query, with or without diacritics; names starting with the query first."""
    before = _before(period, old)
    units, folded = _list(before)[0], _folded(before)
    words = fold(query).split()
    q = " ".join(words)
    hits = []
    for u, f in zip(units, folded):
        if level and u.level != level or province_code and u.parent_code != province_code:
            continue
        if all(w in f for w in words):
            name = fold(u.name)
            hits.append((not (name == q or name.endswith(" " + q) or name.startswith(q)), u.level != PROVINCE, u))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits[:limit]]


def is_historical(agency, period: str | None = None) -> bool:
    """An agency of the pre-July-2025 organisation: a district, a unit of a period before the
    reform, or a unit code not in today's list."""
    if agency.level == DISTRICT:
        return True
    if agency.level in (PROVINCE, COMMUNE) and (agency.code or period is not None):
        return (period is not None and before_reform(period)) or (bool(agency.code) and get(agency.code, agency.level) is None)
    return False


# ------------------------------------------------------------ across the reform

@dataclass(frozen=True)
class Predecessor:
    """A unit from before the 2025 reform that went (wholly or partly) into a new one."""

    unit: Unit       # an old unit (before_reform)
    whole: bool      # all of it went into the new unit (False: a part; the rest went elsewhere)


@lru_cache(maxsize=16384)   # a ranking across the reform asks it of every old unit
def successors(code: str, level: str = COMMUNE) -> tuple[Unit, ...]:
    """The units of today's list an old unit went into, where most of it went first (a district:
    its province, or the special zone an island district became)."""
    unit = get(code, level, old=True)
    if unit is None:
        return ()
    went = _load_old()[2][f"{unit.level}:{unit.code}"]
    if unit.level == DISTRICT and not went:
        went = _load_old()[2][f"{PROVINCE}:{unit.parent_code}"]
    found = (get(c, PROVINCE if len(c) == 2 else COMMUNE) for c in went)
    return tuple(u for u in found if u is not None)


@lru_cache(maxsize=1)
def _came_from() -> dict[str, tuple[tuple[str, bool], ...]]:
    """{"level:new code": ((old "level:code", whole), …)} over the old communes, island districts, provinces."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for key, went in _load_old()[2].items():
        level = key.split(":", 1)[0]
        for new in went:
            out.setdefault(f"{PROVINCE if level == PROVINCE else COMMUNE}:{new}", []).append((key, len(went) == 1))
    return {k: tuple(v) for k, v in out.items()}


def predecessors(code: str, level: str = COMMUNE) -> tuple[Predecessor, ...]:
    """The old units a unit of today's list was made of (communes, or an island district for a
    special zone; provinces for a province), those that went into it whole first, then by name."""
    unit = get(code, level)
    if unit is None:
        return ()
    by_code = _load_old()[1]
    found = [Predecessor(by_code[key], whole) for key, whole in _came_from().get(f"{unit.level}:{unit.code}", ())]
    return tuple(sorted(found, key=lambda p: (not p.whole, fold(p.unit.name), p.unit.code)))
