"""Reminders to the units on the roster that have not submitted: the list the province sends
(Excel, or a PDF notice in the official layout) and one e-mail draft (.eml) per missing unit,
with the headers the reports' drafts get (reports/email.py), addressed To the unit's addresses
on the roster under its name. A unit without one still gets its draft, with no To (the list,
the command and the roster tab name those units)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from scoring.record import replace

from ..frameworks import registry
from ..i18n import tr
from ..reports.email import POLICY, addresses, display_name, set_addresses, set_text
from ..reports.excel.cells import print_a4_landscape, put, to_bytes
from ..reports.names import slug
from ..reports.pdf.document import CONTENT_W, MM, OfficialDocument, clean
from ..reports.profile import STORE, receiving_department
from .publish import issuer_profile, write
from .roster import MISSING, Expected, completeness
from .store import ProvinceStore, utc_now


@dataclass(frozen=True)
class Reminder:
    framework_id: str
    framework_title: str
    period: str
    missing: list[Expected]
    authority: str = ""      # the Sở that reminds ("" : the receiving department of the province)

    @property
    def unaddressed(self) -> list[Expected]:
        """The missing units whose drafts have no To (no address on the roster)."""
        return [e for e in self.missing if not e.email]


def reminder(store: ProvinceStore, framework_id: str, period: str, authority: str = "", lang: str = "vi") -> Reminder:
    """The roster's units with nothing received for this framework and period."""
    try:
        title = registry.get(framework_id).title.get(lang)
    except KeyError:
        title = framework_id
    missing = [line.expected for line in completeness(store, framework_id, period) if line.state == MISSING]
    return Reminder(framework_id, title, period, missing, authority.strip())


def _deadline_text(r: Reminder, lang: str) -> str:
    return tr("Đề nghị các cơ quan, đơn vị có tên dưới đây gửi báo cáo tự đánh giá {framework} kỳ {period} "
              "(tệp PDF do chương trình lập) về {issuer}.", lang, framework=r.framework_title, period=r.period,
              issuer=_issuer(r))


def _province(r: Reminder) -> str:
    return next((e.group_name for e in r.missing if e.group_name), "")


def _issuer(r: Reminder) -> str:
    return r.authority or receiving_department(_province(r), r.period)


def reminder_xlsx(r: Reminder, lang: str = "vi") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = tr("Chưa nộp", lang)[:31]
    put(ws, 1, 1, tr("Danh sách cơ quan, đơn vị chưa nộp báo cáo — {framework} kỳ {period}", lang,
                     framework=r.framework_title, period=r.period)).font = Font(bold=True, size=13)
    put(ws, 2, 1, _deadline_text(r, lang))
    head = [tr("STT", lang), tr("Mã", lang), tr("Cơ quan, đơn vị", lang), tr("Thuộc", lang),
            tr("Thư điện tử", lang)]
    for c, h in enumerate(head, 1):
        put(ws, 3, c, h).font = Font(bold=True)
    no_address = tr("(chưa có địa chỉ: thư nhắc không có người nhận)", lang)
    for i, e in enumerate(r.missing, 1):
        for c, v in enumerate((i, e.code, e.name, e.group_name, e.email or no_address), 1):
            put(ws, 3 + i, c, v)
    for col, width in zip("ABCDE", (6, 10, 45, 30, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    print_a4_landscape(ws, "3:3")
    return to_bytes(wb)


class ReminderDocument(OfficialDocument):
    """Công văn đôn đốc: a notice of the Sở listing the units that have not submitted (Decree 30 layout)."""

    def __init__(self, r: Reminder, lang: str, date_iso: str):
        super().__init__(lang)
        self.r, self.date_iso = r, date_iso
        base = issuer_profile(r.authority, _province(r), r.period)
        self.profile = replace(base, symbol=base.symbol.split("-", 1)[-1],
                               recipients=("Các cơ quan, đơn vị có tên trong danh sách", STORE))
        self.title = tr("Đôn đốc gửi báo cáo tự đánh giá", lang) + f" {r.period}"

    def story(self) -> list:
        r = self.r
        parts = self.heading(self.profile, self.date_iso)
        parts.append(self.p(self.t("CÔNG VĂN ĐÔN ĐỐC"), "doc_kind"))
        parts.append(self.p(self.t("Về việc gửi báo cáo tự đánh giá {framework} kỳ {period}",
                                   framework=r.framework_title, period=r.period), "doc_title"))
        parts.append(self.p(clean(_deadline_text(r, self.lang)) + " " + self.t(
            "Đến nay có {n} cơ quan, đơn vị chưa gửi:", n=len(r.missing))))
        head = [self.p(self.t(h), "cell_h") for h in ("STT", "Mã", "Cơ quan, đơn vị", "Thuộc")]
        rows = [head] + [[self.p(str(i), "cell_c"), self.p(clean(e.code), "cell_c"), self.p(clean(e.name), "cell"),
                          self.p(clean(e.group_name), "cell")] for i, e in enumerate(r.missing, 1)]
        widths = [12 * MM, 20 * MM, 0, 50 * MM]
        widths[2] = CONTENT_W - sum(widths)
        parts.append(self.table(rows, widths))
        closing = self.p(self.t("Đề nghị các cơ quan, đơn vị khẩn trương thực hiện./."))
        parts += self.signature_block(self.profile, [closing])
        return parts


def reminder_pdf(r: Reminder, lang: str = "vi", date_iso: str = "") -> bytes:
    return ReminderDocument(r, lang, date_iso or utc_now()[:10]).render()


def reminder_eml(r: Reminder, unit: Expected, lang: str = "vi") -> bytes:
    """An unsent message to one missing unit, To its addresses on the roster under its name;
    no To when it has none (the mail program asks for one)."""
    msg = EmailMessage(policy=POLICY)
    set_text(msg, "Subject", tr("Đôn đốc gửi báo cáo tự đánh giá {framework} kỳ {period} - {agency}", lang,
                                 framework=r.framework_title, period=r.period, agency=" ".join(unit.name.split())))
    to = addresses(unit.email)
    if to:
        set_addresses(msg, "To", display_name(unit.name), to)
    msg["X-Unsent"] = "1"
    msg["Date"] = format_datetime(dt.datetime.now().astimezone())   # local time, local offset
    # the domain given: make_msgid would otherwise ask the network for this computer's name
    msg["Message-ID"] = make_msgid("egov", domain="egov-desktop.invalid")
    body = [tr("Kính gửi: {agency},", lang, agency=unit.name), "",
            tr("Đến nay {issuer} chưa nhận được báo cáo tự đánh giá {framework} kỳ {period} của {agency}.", lang,
               issuer=_issuer(r), framework=r.framework_title, period=r.period, agency=unit.name),
            tr("Đề nghị cơ quan hoàn thành đánh giá trong chương trình và gửi tệp báo cáo PDF.", lang),
            "", tr("Trân trọng.", lang)]
    msg.set_content("\n".join(body), charset="utf-8")
    return msg.as_bytes()


def eml_name(unit: Expected, period: str) -> str:
    return "-".join(p for p in ("nhac-nop", slug(unit.code), slug(unit.name), slug(period)) if p) + ".eml"


def no_address_note(r: Reminder, lang: str = "vi", shown: int = 10) -> str:
    """What to tell of the drafts written with no To ("" when every unit has an address)."""
    units = r.unaddressed
    if not units:
        return ""
    names = ", ".join(" ".join(e.name.split()) for e in units[:shown]) + (f" (+{len(units) - shown})"
                                                                           if len(units) > shown else "")
    return tr("{n} thư không có người nhận (đơn vị chưa có địa chỉ thư điện tử trong danh sách): {names}", lang,
              n=len(units), names=names)


def is_list(target: str | Path) -> bool:
    """FILE.xlsx or FILE.pdf: the list, not a folder of drafts."""
    return Path(target).suffix.lower() in (".xlsx", ".pdf")


def write_reminders(r: Reminder, target: str | Path, lang: str = "vi") -> list[Path]:
    """FILE.xlsx or FILE.pdf: the list; otherwise a folder with one .eml per missing unit."""
    target = Path(target)
    suffix = target.suffix.lower() if is_list(target) else ""
    if suffix == ".xlsx":
        return [write(target, reminder_xlsx(r, lang))]
    if suffix == ".pdf":
        return [write(target, reminder_pdf(r, lang))]
    target.mkdir(parents=True, exist_ok=True)
    return [write(target / eml_name(u, r.period), reminder_eml(r, u, lang=lang)) for u in r.missing]
