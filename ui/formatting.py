"""Numbers and dates as people write them in the current language.

Vietnamese: 1.234,5 and dd/mm/yyyy; English: 1,234.5 and dd/mm/yyyy (the date order of the
documents the officers work with). Pure Python, so models and tests need no QLocale. Numbers
are written by the one function of the program, scoring.numbers.format_number.
"""
from __future__ import annotations

import datetime as dt
import math
import re

from egov_desktop.i18n import language, tr
from scoring.numbers import SEPARATORS, format_number
from scoring.numbers import parse_number as scoring_parse_number

FIRST_YEAR, LAST_YEAR = 1900, 2100  # a year outside is a typing mistake (20226, 0226)


def separators(lang: str | None = None) -> tuple[str, str]:
    return SEPARATORS.get(lang or language(), SEPARATORS["vi"])


def fmt_number(x: float | int | None, decimals: int | None = None, lang: str | None = None) -> str:
    """`x` with grouped thousands and at most `decimals` decimals (trailing zeros dropped)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    return format_number(x, lang or language(), decimals, "—")


def fmt_percent(fraction: float | None, decimals: int = 1, lang: str | None = None) -> str:
    return "—" if fraction is None else fmt_number(fraction * 100, decimals, lang) + " %"


def parse_number(text: str, lang: str | None = None) -> float | None:
    """The number typed in `text` the current language's way, or None (scoring.numbers.parse_number)."""
    return scoring_parse_number(text, lang or language())


def fmt_date(iso: str | None) -> str:
    """An ISO date (or timestamp) as dd/mm/yyyy; anything unreadable as it is."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")   # 31012026, as typed without slashes
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")     # pasted from a file


def read_date(text: str) -> tuple[str | None, str]:
    """A date typed by a person (dd/mm/yyyy, d/m/yyyy, ddmmyyyy, dd.mm.yyyy, or ISO) →
    (ISO date, ""), or (None, why not, in the program's language): a date that does not exist
    is told apart from text that is not written as a date. Blank gives (None, "")."""
    t = text.strip()
    if not t:
        return None, ""
    m = _DMY.fullmatch(t) or _COMPACT.fullmatch(t)
    if m:
        d, mo, y = (int(x) for x in m.groups())
    elif _ISO.fullmatch(t):
        y, mo, d = (int(x) for x in _ISO.fullmatch(t).groups())
    else:
        return None, tr("Chưa đúng dạng ngày/tháng/năm, ví dụ 15/01/2026")
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return None, tr("Năm {year} không hợp lệ (từ {first} đến {last})", year=y, first=FIRST_YEAR, last=LAST_YEAR)
    try:
        return dt.date(y, mo, d).isoformat(), ""
    except ValueError:
        shown = f"{d:02d}/{mo:02d}/{y}"
        if not 1 <= mo <= 12:
            return None, tr("Ngày {date} không có: tháng phải từ 1 đến 12", date=shown)
        return None, tr("Ngày {date} không có: tháng {month}/{year} không có ngày {day}",
                        date=shown, month=mo, year=y, day=d)


def parse_date(text: str) -> str | None:
    """dd/mm/yyyy (or an ISO date) typed by a person → ISO date, or None if it is not a date."""
    return read_date(text)[0]
