"""The e-mail draft (.eml) that carries the report to the province.

`X-Unsent: 1` makes Outlook open the file as a new message ready to send (Thunderbird opens
it with "Edit as new"); the PDF is attached under a file name that survives every mail program.

Headers are the standard library's (EmailMessage, policy SMTP), with one exception: Python's
header folder (3.11 at least) drops the space between an encoded word and the next word when it
folds a long non-ASCII Subject or display name ("số kỳ 2025 -Ủy ban", "thôntrực"). Those two are
therefore encoded by the standard library's RFC 2047 encoder (email.header.Header: whole
characters per encoded word, spaces kept inside the words) and stored as they are. A property
test (tests/core/test_email.py) reads every header back with the standard parser.

The sender's display name is the respondent's name with the characters RFC 5322 reserves in
addresses (`()<>[]:;@\\,."`) taken out, cut at 120 characters: inside an encoded word the standard parser (and some
mail programs) still reads a comma as the end of an address.

Without the respondent's e-mail address there is no From: the mail program that opens the
draft puts the account it sends from, rather than a made-up address.

Addresses typed or read from a table (`addresses`) are plain ASCII `name@domain.tld`, several
separated by `;` or `,`: what every mail program takes in a To line. International addresses
(non-ASCII local part) would need SMTPUTF8, which an office's mail server may not offer.
"""
from __future__ import annotations

import datetime as dt
import re
from email.charset import Charset
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from ..i18n import tr
from .data import ReportData
from .format import fmt_number


def score_text(report: ReportData, lang: str = "vi") -> str:
    if report.total_scaled is None:
        return "—"
    if report.scale == 1:
        return fmt_number(report.total, lang, 4)
    return f"{fmt_number(report.total_scaled, lang)}/{fmt_number(report.scale, lang, 0)}"


def subject(report: ReportData, lang: str = "vi") -> str:
    return (tr("[DỰ THẢO] ", lang) if report.draft else "") + tr(
        "Báo cáo kết quả tự đánh giá ứng dụng CNTT, chuyển đổi số kỳ {period} - {agency}", lang,
        period=report.period, agency=" ".join(report.agency.name.split()))


def body_text(report: ReportData, pdf_name: str, lang: str = "vi") -> str:
    """The message's text (also what the webmail way puts on the clipboard)."""
    r = report
    band = r.band.get(lang)
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
    return "\n".join(body)


def set_text(msg: EmailMessage, name: str, value: str) -> None:
    """A free-text header (see the module's docstring for why not msg[name] = value)."""
    if value.isascii():
        msg[name] = value
    else:
        msg.set_raw(name, Header(value, "utf-8", header_name=name).encode(linesep="\r\n"))


# SMTP, except that the two headers stored as encoded (below) are written as they are
POLICY = SMTP.clone(refold_source="none")
MAX_DISPLAY_NAME = 120   # characters: the From line stays far below the 998-octet limit
_SPECIALS = str.maketrans({c: " " for c in '()<>[]:;@\\,."'})


def display_name(name: str) -> str:
    """A person's name as the From header shows it (see the module's docstring)."""
    return " ".join(name.translate(_SPECIALS).split())[:MAX_DISPLAY_NAME].rstrip()


class BadAddress(ValueError):
    """A piece of an address list that is not an e-mail address (args[0]: the piece as written)."""


# RFC 5322 dot-atom local part; a domain of at least two LDH labels, the last not all digits
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"(?P<local>{_LOCAL})@(?P<domain>(?:{_LABEL}\.)+{_LABEL})", re.ASCII)


def is_address(text: str) -> bool:
    m = _ADDRESS.fullmatch(text)
    return (m is not None and len(text) <= 254 and len(m["local"]) <= 64 and len(m["domain"]) <= 253
            and not m["domain"].rpartition(".")[2].isdigit())


def addresses(text: str) -> tuple[str, ...]:
    """The addresses of «a@x.gov.vn; b@y.gov.vn» (`;` or `,` between them), each once;
    BadAddress for the first piece that is not one."""
    out: dict[str, str] = {}
    for piece in re.split(r"[;,]", text or ""):
        piece = piece.strip()
        if piece and not is_address(piece):
            raise BadAddress(piece)
        if piece:
            out.setdefault(piece.casefold(), piece)
    return tuple(out.values())


def set_addresses(msg: EmailMessage, name: str, shown: str, to: tuple[str, ...] | list[str]) -> None:
    """Header `name` (From, To) with each address of `to` under the display name `shown`
    (display_name(): no RFC 5322 specials)."""
    if shown.isascii():
        msg[name] = [Address(shown, addr_spec=a) for a in to]
        return
    # one encoded word, never folded: the standard parser reads a space between two encoded
    # words of a display name (RFC 2047 says none), so a folded "bắ" would come back as "b ắ".
    # Longer than RFC 2047's 75 characters for a long name, which mail programs read.
    word = Charset("utf-8").header_encode(shown)
    msg.set_raw(name, ",\r\n ".join(f"{word}\r\n <{a}>" for a in to))


def build_eml(report: ReportData, pdf: bytes, pdf_name: str, to: str = "", sender: str = "",
              lang: str = "vi") -> bytes:
    """An unsent message addressed to `to`, naming the agency, period and score, PDF attached.

    `sender` (default: the respondent's address) is shown under the respondent's name."""
    r = report
    msg = EmailMessage(policy=POLICY)
    set_text(msg, "Subject", subject(r, lang))
    address = (sender or r.respondent.email).strip()
    if address:
        set_addresses(msg, "From", display_name(r.respondent.name), [address])
    if to.strip():
        msg["To"] = to.strip()
    msg["X-Unsent"] = "1"
    msg["Date"] = format_datetime(dt.datetime.now().astimezone())   # local time, local offset
    # the domain given: make_msgid would otherwise ask the network for this computer's name
    msg["Message-ID"] = make_msgid("egov", domain=address.rpartition("@")[2] or "egov-desktop.invalid")
    msg.set_content(body_text(r, pdf_name, lang), charset="utf-8")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return msg.as_bytes()
