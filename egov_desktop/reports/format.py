"""Numbers and dates as a Vietnamese (or English) reader expects them.

Vietnamese writes 1.234,5 (dot for thousands, comma for decimals) and dates as
"ngày 15 tháng 12 năm 2025"; English writes 1,234.5 and "15 December 2025".
"""
from __future__ import annotations

import datetime as dt

from scoring.numbers import format_number

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def fmt_number(x: float | int | None, lang: str = "vi", decimals: int = 2) -> str:
    """`x` with at most `decimals` decimals (trailing zeros dropped); "" for no value.
    The one number format of the program (scoring.numbers.format_number)."""
    return format_number(x, lang, decimals)


def fmt_percent(fraction: float | None, lang: str = "vi", decimals: int = 1) -> str:
    return "" if fraction is None else fmt_number(fraction * 100, lang, decimals) + "%"


def parse_date(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat((iso or "")[:10])
    except ValueError:
        return None


def fmt_date(iso: str, lang: str = "vi") -> str:
    """"2025-12-15" → "15/12/2025" (vi) or "15 December 2025" (en); unparseable text unchanged."""
    d = parse_date(iso)
    if d is None:
        return iso or ""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "vi" else f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def fmt_long_date(iso: str, lang: str = "vi") -> str:
    """The date of an administrative document: "ngày 15 tháng 12 năm 2025" / "15 December 2025"."""
    d = parse_date(iso)
    if d is None:
        return iso or ""
    if lang == "vi":
        # Decree 30/2020: days below 10 and months below 3 are written with a leading zero.
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"ngày {d.day:02d} tháng {month} năm {d.year}"
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
