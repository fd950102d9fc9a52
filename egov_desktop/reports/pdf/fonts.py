"""The one font family of every PDF: Liberation Serif (metric-compatible with Times New Roman,
the face Decree 30/2020 prescribes), shipped in resources/fonts with its licence (SIL OFL 1.1).

ReportLab embeds TrueType fonts as subsets; nothing ever falls back to Helvetica, which has
no Vietnamese letters.
"""
from __future__ import annotations

import threading

from ...paths import resource_path

FONT = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
_FILES = {FONT: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf", ITALIC: "LiberationSerif-Italic.ttf"}
_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register the family once per process (idempotent, thread-safe)."""
    global _done
    if _done:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    with _lock:
        if _done:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
        # <b><i> has no face of its own (kept out to keep the program small): bold stands in.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
        addMapping(FONT, 1, 1, BOLD)
        _done = True
