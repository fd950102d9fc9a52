"""PDF documents (ReportLab, imported only when a PDF is made)."""
from __future__ import annotations


def render_pdf(report, lang: str = "vi") -> bytes:
    """The assessment report of a ReportData as PDF bytes; a pure function of its input."""
    from .report import render_pdf as render
    return render(report, lang)
