"""The official list of administrative units (PyPI package `vietnam-provinces`).

Since 1 July 2025: 34 provinces and 3,321 communes / wards / special zones, with the codes of
the General Statistics Office. The package carries only the current list; agencies of earlier
periods (63 provinces, districts) are free entries marked historical.
Loaded lazily from the package's JSON once, then cached; search ignores case and diacritics.
"""
from __future__ import annotations

import importlib.util
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROVINCE, COMMUNE = "province", "commune"


@dataclass(frozen=True)
class Unit:
    code: str              # e.g. "01" (province) or "00070" (commune)
    name: str              # "Thành phố Hà Nội", "Phường Hoàn Kiếm"
    level: str             # province or commune
    parent_code: str = ""  # the province of a commune
    parent_name: str = ""
    kind: str = ""         # tỉnh, thành phố trung ương, xã, phường, đặc khu


def fold(text: str) -> str:
    """Lower case without diacritics ("Quảng Bình" → "quang binh"), for search."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").casefold()


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
def _folded() -> tuple[str, ...]:
    """Each unit's name and province without diacritics, for search (made at the first search)."""
    return tuple(fold(f"{u.name} {u.parent_name}") for u in _load()[0])


def provinces() -> list[Unit]:
    return [u for u in _load()[0] if u.level == PROVINCE]


def communes(province_code: str | None = None) -> list[Unit]:
    return [u for u in _load()[0] if u.level == COMMUNE and (province_code is None or u.parent_code == province_code)]


def get(code: str, level: str | None = None) -> Unit | None:
    """The unit with this code (a 2-digit code is a province, a 5-digit one a commune)."""
    _, by_code = _load()
    code = code.strip()
    if level is None:
        level = PROVINCE if len(code) <= 2 else COMMUNE
    if code.isdigit():
        code = code.zfill(2 if level == PROVINCE else 5)
    return by_code.get(f"{level}:{code}")


def search(query: str, level: str | None = None, province_code: str | None = None, limit: int = 50) -> list[Unit]:
    """Units whose name (and province) contain every word of the query, with or without diacritics;
    names starting with the query first."""
    units, folded = _load()[0], _folded()
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


def is_historical(agency) -> bool:
    """An agency of the pre-July-2025 organisation (a district, or a unit code not in today's list)."""
    if agency.level == "district":
        return True
    if agency.code and agency.level in (PROVINCE, COMMUNE):
        return get(agency.code, agency.level) is None
    return False
