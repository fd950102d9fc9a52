"""Number helpers shared by the rule language, scoring and ranking."""
from __future__ import annotations

import math
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
