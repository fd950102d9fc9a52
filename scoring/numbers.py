"""Number helpers shared by the rule language, scoring and ranking."""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal


def round_half_up(x: float, digits: int = 0) -> float:
    """Round as people and published tables do (0.5 goes up), not banker's rounding."""
    if not math.isfinite(x):
        return x
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def is_number(x: object) -> bool:
    """A finite int or float (an int too large for a float is not: nothing can compute with it)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:
        return False


def round_half_up_fast(x: float, digits: int) -> float:
    """round_half_up for ranking thousands of values: the product is first rounded to 9
    places so 2.675 × 100 = 267.49999999999997 still counts as 267.5."""
    f = 10.0 ** digits
    return math.copysign(math.floor(round(abs(x) * f, 9) + 0.5) / f, x)


# (thousands, decimal) separators: Vietnamese writes 1.234,5, English 1,234.5.
SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def format_number(x: object, lang: str = "vi", decimals: int | None = None, empty: str = "") -> str:
    """The one way a number is written for people, in the GUI, the reports, the CLI and the
    engine's messages: grouped thousands, at most `decimals` decimals (trailing zeros dropped;
    None: 0 for a whole number, else 2), half rounded up; `empty` for no value."""
    if not is_number(x):
        return empty
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 2  # type: ignore[arg-type]
    group, point = SEPARATORS.get(lang, SEPARATORS["vi"])
    # rounded half up on the decimal digits people see (800.175 → 800,18), as published tables are
    exact = Decimal(repr(x)) if isinstance(x, float) else Decimal(int(x))  # type: ignore[arg-type]
    room = Context(prec=max(28, exact.adjusted() + decimals + 2))  # 1e300 has 300 digits to keep
    text = f"{abs(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=room)):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.translate(str.maketrans({",": group, ".": point}))
    return ("-" if x < 0 and text.strip("0" + group + point) else "") + text  # type: ignore[operator]


def parse_number(text: str, lang: str = "vi", lenient: bool = True) -> float | None:
    """The number written in `text` the `lang` way (vi 1.234,5; en 1,234.5), or None.

    Nothing is guessed silently: the thousands separator must group by three ("1.000.000"),
    and with both separators the decimal one comes last. `lenient` (the form, where the box
    then shows the number back the local way): a single thousands separator not followed by
    three digits ("12.5" in Vietnamese) can only be a decimal written the other way, and is
    read so; a table (number_readings) reads strictly."""
    group, point = SEPARATORS.get(lang, SEPARATORS["vi"])
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    sign = ""
    if t[:1] in ("+", "-"):
        sign, t = t[:1], t[1:]
    g, p = re.escape(group), re.escape(point)
    grouped = rf"\d{{1,3}}(?:{g}\d{{3}})+"
    if re.fullmatch(rf"(?:\d+|{grouped})(?:{p}\d+)?", t):
        number = t.replace(group, "").replace(point, ".")
    elif lenient and re.fullmatch(rf"\d+{g}\d{{1,2}}|\d+{g}\d{{4,}}|\d{{4,}}{g}\d{{3}}", t):
        number = t.replace(group, ".")  # the other language's decimal
    else:
        return None
    v = float(sign + number)
    return v if math.isfinite(v) else None


def number_readings(text: str) -> dict[str, float]:
    """{convention: value} for each way ("vi", "en") `text` strictly reads as a number: one
    entry decides the convention ("1,5", "1.234.567", "1,234.5"), two different values are
    ambiguous ("1.000", "1,000"), two equal values ("60") say nothing of it."""
    out = {}
    for lang in SEPARATORS:
        v = parse_number(text, lang, lenient=False)
        if v is not None:
            out[lang] = v
    return out
