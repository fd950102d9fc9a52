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
BOLD_ITALIC = "LiberationSerif-BoldItalic"   # "Nơi nhận:" (Decree 30: bold italic)
_FILES = {FONT: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf", ITALIC: "LiberationSerif-Italic.ttf",
          BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf"}
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
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        addMapping(FONT, 1, 1, BOLD_ITALIC)
        _done = True
