"""Export the report PDF of an assessment: the one way the CLI and the GUI make the PDF an
agency e-mails, so every exported PDF carries its assessment file (docs/formats.md §2),
signed with the agency's key when it has one.
"""
from __future__ import annotations

from ..domain import AssessmentData
from . import pdf_attachment, signing


def agency_signing_key(passphrase: str | None = None):
    """The agency's private key, or None when it has none; UserError for a protected key
    without (or with a wrong) passphrase — a report is never silently left unsigned."""
    return signing.load_private_key(passphrase) if signing.has_key() else None


def export_report_pdf(data: AssessmentData, report, lang: str = "vi", passphrase: str | None = None) -> bytes:
    """The report PDF of `data` (`report` is its reports.data.ReportData) with the assessment
    file attached, byte for byte as assessment_file.dumps writes it."""
    from ..reports.pdf import render_pdf

    key = agency_signing_key(passphrase)   # before rendering: a wrong passphrase fails at once
    return pdf_attachment.embed_assessment(render_pdf(report, lang), data, key)
