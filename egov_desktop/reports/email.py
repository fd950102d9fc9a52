"""The e-mail draft (.eml) that carries the report to the province.

`X-Unsent: 1` makes Outlook open the file as a new message ready to send (Thunderbird opens
it with "Edit as new"); the PDF is attached under a file name that survives every mail program.
"""
from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from ..i18n import tr
from .data import ReportData
from .format import fmt_number


def score_text(report: ReportData, lang: str = "vi") -> str:
    if report.total_scaled is None:
        return "—"
    if report.scale == 1:
        return fmt_number(report.total, lang, 4)
    return f"{fmt_number(report.total_scaled, lang)}/{fmt_number(report.scale, lang, 0)}"


def build_eml(report: ReportData, pdf: bytes, pdf_name: str, to: str = "", sender: str = "",
              lang: str = "vi") -> bytes:
    """An unsent message addressed to `to`, naming the agency, period and score, PDF attached."""
    r = report
    band = r.band.get(lang)
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = (tr("[DỰ THẢO] ", lang) if r.draft else "") + tr(
        "Báo cáo kết quả tự đánh giá ứng dụng CNTT, chuyển đổi số kỳ {period} - {agency}", lang,
        period=r.period, agency=r.agency.name)
    if to:
        msg["To"] = to
    if sender or r.respondent.email:
        msg["From"] = sender or r.respondent.email
    msg["X-Unsent"] = "1"
    msg["Date"] = formatdate(localtime=True)
    body = [
        tr("Kính gửi: {recipient},", lang, recipient=tr("Sở Khoa học và Công nghệ", lang)),
        "",
        tr("{agency} gửi báo cáo kết quả tự đánh giá mức độ ứng dụng công nghệ thông tin, chuyển đổi số "
           "kỳ {period} theo {framework} ({id}, phiên bản {version}).", lang, agency=r.agency.name, period=r.period,
           framework=r.framework_title.get(lang), id=r.framework_id, version=r.framework_version),
        "",
        tr("Tổng điểm: {score}", lang, score=score_text(r, lang)) + (f" — {tr('Xếp loại: {band}', lang, band=band)}"
                                                                  if band else ""),
        tr("Mức độ hoàn thành: {pct}%", lang, pct=fmt_number(r.completeness * 100, lang, 0)),
    ] + ([] if r.draft else [tr("Mã kiểm tra (SHA-256): {hash}", lang, hash=r.content_hash)]) + [
        "",
        tr("Báo cáo chi tiết ở tệp PDF đính kèm: {name}", lang, name=pdf_name),
        "",
        tr("Trân trọng.", lang),
    ]
    if r.respondent.name:
        body += [r.respondent.name] + [x for x in (r.respondent.position, r.agency.name, r.respondent.phone,
                                                   r.respondent.email) if x]
    msg.set_content("\n".join(body), charset="utf-8")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return msg.as_bytes()
