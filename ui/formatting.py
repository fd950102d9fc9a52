"""Numbers and dates as people write them in the current language.

Vietnamese: 1.234,5 and dd/mm/yyyy; English: 1,234.5 and dd/mm/yyyy (the date order of the
documents the officers work with). Pure Python, so models and tests need no QLocale.
"""
from __future__ import annotations

import datetime as dt
import math

from egov_desktop.i18n import language

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def separators(lang: str | None = None) -> tuple[str, str]:
    return _SEPARATORS.get(lang or language(), _SEPARATORS["vi"])


def fmt_number(x: float | int | None, decimals: int | None = None, lang: str | None = None) -> str:
    """`x` with grouped thousands and at most `decimals` decimals (trailing zeros dropped)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    group, point = separators(lang)
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 2
    text = f"{abs(x):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    return ("-" if x < 0 and text.strip("0" + group + point) else "") + text


def fmt_percent(fraction: float | None, decimals: int = 1, lang: str | None = None) -> str:
    return "—" if fraction is None else fmt_number(fraction * 100, decimals, lang) + " %"


def parse_number(text: str, lang: str | None = None) -> float | None:
    """The number typed in `text`, or None when it is not one. Blank is not a number."""
    group, point = separators(lang)
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if not t:
        return None
    if point in t or group not in t or t.count(group) > 1 or len(t.split(group)[-1]) == 3:
        t = t.replace(group, "")
    t = t.replace(point, ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def fmt_date(iso: str | None) -> str:
    """An ISO date (or timestamp) as dd/mm/yyyy; anything unreadable as it is."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str) -> str | None:
    """dd/mm/yyyy (or an ISO date) typed by a person → ISO date, or None if it is not a date."""
    t = text.strip()
    try:
        if "/" in t or "." in t:
            d, m, y = (int(x) for x in t.replace(".", "/").split("/"))
            return dt.date(y, m, d).isoformat()
        return dt.date.fromisoformat(t).isoformat()
    except (ValueError, TypeError):
        return None
