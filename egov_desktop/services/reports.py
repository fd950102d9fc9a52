"""The report use case: one assessment → the document that leaves the agency.

The GUI (ui/reports.py) and the CLI (cli/report.py) only ask this module. It builds the report
data once, renders the PDF, the Excel workbook or the e-mail draft, attaches the assessment file
to the PDF (signed with the agency's Ed25519 key when it has one, exchange.pdf_attachment), puts
the agency's digital signature (ký số, PAdES: exchange.pades) on it when asked, and writes every
file atomically: a failed or cancelled run never leaves half a file under the real name.

    from egov_desktop.services.reports import Report, write_atomically
    r = Report(data, framework, previous=None, lang="vi")
    pdf = r.pdf(passphrase=None, signer=None)          # bytes, with the assessment attached
    write_atomically("bao-cao.pdf", pdf)
    r.export("email", "thu.eml", to="so@…")            # or: one call that renders and writes
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scoring import Framework

from ..domain import DRAFT, AssessmentData
from ..errors import UserError
from ..files import write_atomically  # noqa: F401 - the GUI and the CLI write through it
from ..i18n import bilingual, tr

PDF, EXCEL, EMAIL = "pdf", "excel", "email"
SUFFIX = {PDF: ".pdf", EXCEL: ".xlsx", EMAIL: ".eml"}
Progress = Callable[[int, int, str], object]


@dataclass(frozen=True)
class Written:
    """A file the use case wrote."""

    path: Path
    size: int
    kind: str


def framework_of(data: AssessmentData) -> Framework:
    """The framework an assessment was made with (that version, else the newest of its id)."""
    from ..frameworks import registry
    from scoring import Text
    try:
        return registry.get(data.framework_id, data.framework_version)
    except KeyError:
        try:
            return registry.get(data.framework_id)
        except KeyError:
            raise UserError(Text(f"Không tìm thấy bộ tiêu chí «{data.framework_id}»",
                                 f"Framework '{data.framework_id}' not found")) from None


class Report:
    """The documents of one assessment; the report data is built once, at construction."""

    def __init__(self, data: AssessmentData, framework: Framework | None = None,
                 previous: AssessmentData | None = None, lang: str = "vi"):
        from ..reports.data import build_report_data

        self.data = data
        self.framework = framework or framework_of(data)
        self.lang = lang
        self.report = build_report_data(data, self.framework, previous=previous)

    @staticmethod
    def file_name_of(data: AssessmentData, kind: str = PDF) -> str:
        """"UBND-phuong-Dong-Hoi_2025_xa-2025.pdf": says what it is, survives every mail program."""
        from ..reports.names import report_file_name
        return report_file_name(data.agency.name, data.period, data.framework_id, SUFFIX[kind])

    def file_name(self, kind: str = PDF) -> str:
        return self.file_name_of(self.data, kind)

    def pdf(self, passphrase: str | None = None, signer=None) -> bytes:
        """The report PDF carrying its assessment file (Ed25519-signed when the agency has a key),
        then signed with the agency's certificate when `signer` (exchange.pades.Signer) is given.

        Keys are opened before anything is rendered, so a wrong passphrase or PIN fails at once."""
        from ..exchange import pdf_attachment, signing
        from ..reports.pdf import render_pdf

        key = signing.load_private_key(passphrase) if signing.has_key() else None
        if signer is not None:
            if self.data.status == DRAFT:
                raise UserError(bilingual("Báo cáo dự thảo không được ký số: hãy kiểm tra và hoàn thành "
                                          "đánh giá trước"), self.file_name(PDF))
            signer.open()
        pdf = pdf_attachment.embed_assessment(render_pdf(self.report, self.lang), self.data, key)
        if signer is None:
            return pdf
        from ..exchange import pades
        return pades.sign_pdf(pdf, signer, pades.signature_box(pdf), self.lang,
                              reason=tr("Báo cáo kết quả tự đánh giá", self.lang), location=self.data.agency.name)

    def workbook(self) -> bytes:
        from ..reports.excel.export import export_workbook
        return export_workbook(self.report, self.lang)

    def recipient(self) -> str:
        """The Sở's e-mail address from the agency profile (reports.data.ReportData.profile),
        "" while none is entered."""
        return self.report.profile.recipient_email.strip()

    def email(self, pdf: bytes, to: str = "", sender: str = "") -> bytes:
        """The unsent e-mail (.eml) carrying `pdf` (made by `pdf()`), to `to` or the profile's Sở."""
        from ..reports.email import build_eml
        return build_eml(self.report, pdf, self.file_name(PDF), to or self.recipient(), sender, lang=self.lang)

    def message(self, pdf_name: str | None = None) -> tuple[str, str]:
        """The e-mail's subject and text (naming the attached `pdf_name`), for a webmail the user
        pastes them into."""
        from ..reports.email import body_text, subject
        return subject(self.report, self.lang), body_text(self.report, pdf_name or self.file_name(PDF), self.lang)

    def render(self, kind: str, passphrase: str | None = None, signer=None, to: str = "", sender: str = "",
               progress: Progress | None = None) -> bytes:
        if kind == EXCEL:
            return self.workbook()
        if progress is not None:
            progress(1, 3, tr("Đang tạo tệp…", self.lang))
        pdf = self.pdf(passphrase, signer)
        return pdf if kind == PDF else self.email(pdf, to, sender)

    def export(self, kind: str, path: str | Path, passphrase: str | None = None, signer=None,
               to: str = "", sender: str = "", progress: Progress | None = None) -> Written:
        """Render `kind` (PDF, EXCEL, EMAIL) and write it atomically to `path`."""
        data = self.render(kind, passphrase, signer, to, sender, progress)
        if progress is not None:
            progress(2, 3, tr("Đang ghi tệp…", self.lang))
        out = write_atomically(path, data)
        return Written(out, len(data), kind)
