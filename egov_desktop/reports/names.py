"""File names for reports and attachments: say what the file is, travel safely.

Mail programs, webmail and old Windows tools mangle non-ASCII names, spaces and
punctuation in attachment names, so names are folded to ASCII ("Đồng Hới" → "Dong-Hoi").
"""
from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[^A-Za-z0-9.]+")
MAX_PART = 60


def ascii_fold(text: str) -> str:
    """Vietnamese (or any Latin) text without diacritics: "Đồng Hới" → "Dong Hoi"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    # Anything else non-ASCII (dashes, symbols) separates words rather than vanishing.
    return "".join(c if c.isascii() else " " for c in decomposed if not unicodedata.combining(c))


def slug(text: str, limit: int = MAX_PART) -> str:
    """One safe file-name part: ASCII letters, digits, dots and single hyphens."""
    s = _SEPARATORS.sub("-", ascii_fold(text)).strip("-.")
    s = re.sub(r"[-.]*-[-.]*", "-", s)   # "-.-" and "--" → "-"
    s = re.sub(r"\.{2,}", ".", s)       # no ".." in a name
    return s[:limit].strip("-.")


def report_file_name(agency: str, period: str, framework_id: str, suffix: str) -> str:
    """"UBND phường Đồng Hới", "2025", "xa-2025", ".pdf" → "UBND-phuong-Dong-Hoi_2025_xa-2025.pdf"."""
    parts = [p for p in (slug(agency), slug(period), slug(framework_id)) if p]
    return "_".join(parts or ["bao-cao"]) + suffix
