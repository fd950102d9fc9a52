"""Publishing: the ranking as an official notice (Thông báo kết quả, Decree 30 layout), as Excel and
as CSV (every text cell written as text: nothing a submission contains can become a formula)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from scoring import nfc
from scoring.record import replace

from ..domain import Agency, AgencyProfile
from ..frameworks import registry
from ..i18n import tr
from ..labels import status_name
from ..reports.excel.cells import print_a4_landscape
from ..reports.excel.cells import text as cell_text
from ..reports.format import fmt_number
from ..reports.pdf.document import CONTENT_W, MM, OfficialDocument, clean
from ..reports.profile import STORE, default_profile, province_text, receiving_department
from . import reform
from .ranking import ABSOLUTE, Ranking

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value: str) -> str:
    """Text a spreadsheet will never evaluate (CSV has no cell types: a leading ' neutralises it)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _titles(r: Ranking, lang: str) -> tuple[str, dict[str, str]]:
    try:
        fw = registry.get(r.framework_id, r.framework_version)
    except KeyError:
        return r.framework_id, {p: p for p in r.pillar_ids}
    titles = {p.id: p.title.get(lang) for p in fw.pillars}
    if fw.relative:
        titles.update({c.id: c.label.get(lang) for c in fw.relative.components})
    return fw.title.get(lang), {p: titles.get(p, p) for p in r.pillar_ids}


DECIMALS = 4   # ranks are decided on values rounded to 4 decimals (ranking.py): show what decides them
CSV_CONVENTIONS = {"vi": (";", ","), "intl": (",", ".")}   # separator, decimal mark


def fixed(value: float | None, lang: str) -> str:
    """A value with exactly DECIMALS decimals, trailing zeros kept: "592,0000" (vi), "592.0000" (en)."""
    if value is None:
        return "—"
    s = f"{value:,.{DECIMALS}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".") if lang == "vi" else s


def ranking_note(r: Ranking, lang: str) -> str:
    """Why a relative ranking must be read with its group: the framework's note, else the rule."""
    if r.method == ABSOLUTE:
        return ""
    return r.note.get(lang) or tr("Chỉ số tương đối được tính trên nhóm cơ quan xếp hạng cùng nhau "
                                  "(tốt nhất nhóm đạt 1, kém nhất đạt 0): khi nhóm thay đổi, chỉ số "
                                  "và thứ hạng thay đổi theo.", lang)


def status_text(status: str, lang: str) -> str:
    """A submission's status as every screen names it (labels.status_name: "Đã nhận, chờ duyệt")."""
    return status_name(status).get(lang)


def _header(r: Ranking, lang: str, pillar_titles: dict[str, str]) -> list[str]:
    value = tr("Điểm", lang) if r.method == ABSOLUTE else tr("Chỉ số tương đối", lang)
    head = [tr("Hạng", lang), tr("Mã", lang), tr("Cơ quan, đơn vị", lang), tr("Thuộc", lang), value]
    if r.method == ABSOLUTE:
        head += [tr("Chỉ số (0–1)", lang), tr("Xếp loại", lang)]
    if r.previous_period:
        head += [tr("Hạng kỳ trước", lang), tr("Thay đổi", lang)]
    head += [pillar_titles[p] for p in r.pillar_ids]
    head.append(tr("Tình trạng hồ sơ", lang))
    if _merged(r):
        head.append(tr("Đơn vị trước sáp nhập (hạng kỳ trước)", lang))
    return head


def _merged(r: Ranking) -> bool:
    """Whether some previous ranks come from the units before the 2025 merger (province/reform.py)."""
    return any(a.predecessors for a in r.rows)


def _cells(r: Ranking, lang: str) -> list[list]:
    out = []
    for a in r.rows:
        row = [a.rank, a.agency_code, a.agency_name, a.group_name or a.group_code,
               None if a.value_scaled is None else round(a.value_scaled, DECIMALS)]
        if r.method == ABSOLUTE:   # the index decides the rank, at DECIMALS
            row += [None if a.value is None else round(a.value, DECIMALS),
                    a.band_en if lang == "en" and a.band_en else a.band_vi]
        if r.previous_period:
            row += [a.previous_rank, a.change]
        row += [None if a.pillars[p] is None else round(a.pillars[p], DECIMALS) for p in r.pillar_ids]
        row.append(status_text(a.status, lang))
        if _merged(r):
            row.append(reform.describe(a.predecessors, lang))
        out.append(row)
    return out


def ranking_csv(r: Ranking, lang: str = "vi", convention: str = "vi") -> bytes:
    """The ranking as CSV. "vi" (the default) is what a Vietnamese Excel opens as columns: ";"
    between cells and "," before decimals; "intl" is "," and "."."""
    if convention not in CSV_CONVENTIONS:
        raise ValueError(f"unknown CSV convention {convention!r}")
    sep, mark = CSV_CONVENTIONS[convention]
    title, pillar_titles = _titles(r, lang)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep)
    w.writerow(_header(r, lang, pillar_titles))

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, str):
            return safe_text(v)
        if isinstance(v, float):
            return f"{v:.{DECIMALS}f}".replace(".", mark)
        return v

    for row in _cells(r, lang):
        w.writerow([cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")  # the BOM lets Excel read the Vietnamese letters


def ranking_xlsx(r: Ranking, lang: str = "vi") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    title, pillar_titles = _titles(r, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = tr("Xếp hạng", lang)[:31]
    ws.append([cell_text(f"{title} — {r.period}")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([cell_text(ranking_note(r, lang))] if r.method != ABSOLUTE else [])
    if r.method != ABSOLUTE:
        ws["A2"].data_type = "s"
    head = _header(r, lang, pillar_titles)
    ws.append([cell_text(v) for v in head])
    for c in ws[3]:
        c.font = Font(bold=True)
    numeric = "0." + "0" * DECIMALS
    for row in _cells(r, lang):
        ws.append([cell_text(v) for v in row])
        for c in ws[ws.max_row]:
            if isinstance(c.value, str):
                c.data_type = "s"  # stored as a string: never a formula, whatever it starts with
            elif isinstance(c.value, float):
                c.number_format = numeric
    for col, width in zip("ABCDE", (7, 10, 40, 28, 10)):
        ws.column_dimensions[col].width = width
    ws.column_dimensions[get_column_letter(len(head))].width = 22
    ws.freeze_panes = "A4"
    print_a4_landscape(ws, "3:3")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def issuer_profile(authority: str, province: str, period: str) -> AgencyProfile:
    """The Sở that publishes: its heading under the province's committee, signed by its director,
    sent to the committee and to the ranked agencies."""
    name = authority.strip() or receiving_department(province, period)
    if not province:   # "Sở Khoa học và Công nghệ tỉnh Quảng Trị" names its province
        m = re.search(r"\b(tỉnh|thành phố)\s+(.+)$", name, re.IGNORECASE)
        province = f"{m.group(1).lower()} {m.group(2)}" if m else ""
    base = default_profile(Agency(name, "department", parent_name=province), period)
    where = province_text(province)
    recipients = ((f"UBND {where}",) if where else ()) + ("Các cơ quan, đơn vị được xếp hạng", STORE)
    return replace(base, symbol=base.symbol.replace("BC-", "TB-", 1), recipients=recipients)


class RankingDocument(OfficialDocument):
    """Thông báo kết quả xếp hạng: an official notice of the Sở (Decree 30 layout)."""

    def __init__(self, r: Ranking, lang: str, profile: AgencyProfile, date_iso: str, issuer_name: str):
        super().__init__(lang)
        self.r, self.profile, self.date_iso, self.issuer_name = r, profile, date_iso, issuer_name
        self.fw_title, self.pillar_titles = _titles(r, lang)
        self.title = tr("Kết quả xếp hạng", lang) + f" {self.fw_title} {r.period}"
        self.author = nfc(profile.issuer).replace("\n", " ")

    def story(self) -> list:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
        r, lang = self.r, self.lang
        parts = self.heading(self.profile, self.date_iso)
        parts.append(self.p(self.t("THÔNG BÁO"), "doc_kind"))
        parts.append(self.p(self.t("Kết quả xếp hạng {framework} kỳ {period}", framework=self.fw_title, period=r.period),
                            "doc_title"))
        method = tr("điểm tuyệt đối", lang) if r.method == ABSOLUTE else tr("chỉ số tương đối trong nhóm", lang)
        # the basis said as it was: the agencies' own scores, and the appraisal where there was one
        facts = dict(issuer=self.issuer_name, framework=self.fw_title, period=r.period, n=len(r.rows), m=method)
        if r.appraised:
            text = self.t("Căn cứ kết quả tự đánh giá do các cơ quan, đơn vị gửi về và kết quả thẩm định, {issuer} "
                          "thông báo kết quả xếp hạng {framework} kỳ {period} ({n} cơ quan, đơn vị; phương pháp: {m}) "
                          "như sau:", **facts)
        else:
            text = self.t("Căn cứ kết quả tự đánh giá do các cơ quan, đơn vị gửi về, {issuer} thông báo kết quả xếp hạng "
                          "{framework} kỳ {period} ({n} cơ quan, đơn vị; phương pháp: {m}) như sau:", **facts)
        if r.group:
            text += clean(f" ({r.group})")
        parts.append(self.p(text))
        if r.method != ABSOLUTE:
            parts.append(self.p(f"<b>{self.t('Lưu ý:')}</b> {clean(ranking_note(r, lang))}"))
        pillar_heads = [f"{self.t('LV')}{i}" for i in range(1, len(r.pillar_ids) + 1)]
        titles = ["Hạng", "Cơ quan, đơn vị", "Điểm" if r.method == ABSOLUTE else "Chỉ số"]
        if r.method == ABSOLUTE:
            titles += ["Chỉ số (0–1)", "Xếp loại"]
        if r.previous_period:
            titles += ["Kỳ trước", "Thay đổi"]
        head = [self.p(self.t(h), "cell_h") for h in titles] + [self.p(h, "cell_h") for h in pillar_heads] + \
            [self.p(self.t("Tình trạng"), "cell_h")]
        rows = [head]
        small = self.styles["cell_r"].clone("pillar", fontSize=8, leading=10)
        status_style = self.styles["cell_c"].clone("status", fontSize=8, leading=10)
        from reportlab.platypus import Paragraph
        for a in r.rows:
            band = (a.band_en if lang == "en" and a.band_en else a.band_vi)
            row = [self.p(clean(a.rank or "—"), "cell_c"),
                   self.p(clean(a.agency_name) + (f"<br/><font size=8>{clean(a.group_name)}</font>"
                                                   if a.group_name else ""), "cell"),
                   self.p(clean(fixed(a.value_scaled, lang) if r.method != ABSOLUTE else
                                fmt_number(a.value_scaled, lang, 2)), "cell_r")]
            if r.method == ABSOLUTE:   # the score to read, and the index that decides the rank
                row += [self.p(clean(fixed(a.value, lang)), "cell_r"), self.p(clean(band), "cell_c")]
            if r.previous_period:
                change = "" if a.change is None else (f"+{a.change}" if a.change > 0 else str(a.change))
                was = f"{a.previous_rank or ''}{'*' if a.predecessors else ''}"   # * see the note under the table
                row += [self.p(clean(was), "cell_c"), self.p(clean(change), "cell_c")]
            row += [Paragraph(clean(fixed(a.pillars[p], lang)), small) for p in r.pillar_ids]
            row.append(Paragraph(clean(status_text(a.status, lang)), status_style))
            rows.append(row)
        w = CONTENT_W
        # as narrow as their contents allow, so that six pillars still fit the portrait page
        widths = [9 * MM, 0, 14 * MM] + ([15 * MM, 14 * MM] if r.method == ABSOLUTE else []) + \
            ([12 * MM, 12 * MM] if r.previous_period else [])
        pillar_w = [10 * MM] * len(r.pillar_ids)
        status_w = 21 * MM
        widths[1] = max(w - sum(widths) - sum(pillar_w) - status_w, 28 * MM)
        parts.append(self.table(rows, widths + pillar_w + [status_w]))
        legend = "; ".join(f"{h}: {self.pillar_titles[p]}" for h, p in zip(pillar_heads, r.pillar_ids))
        decimals = tr("Hạng xếp theo chỉ số ghi {d} chữ số thập phân; đồng hạng khi bằng nhau.", lang, d=DECIMALS)
        note = self.styles["note"].clone("legend", alignment=TA_CENTER)
        parts.append(Paragraph(clean(legend + ". " + decimals), note))
        if _merged(r):   # each unit formed on 1 July 2025, with the units it was formed from
            merged = self.styles["note"].clone("merged", alignment=TA_JUSTIFY)
            parts.append(Paragraph(clean(reform.rank_note(lang)), merged))
            parts += [Paragraph(f"<b>{clean(a.agency_name)}</b>: {clean(reform.describe(a.predecessors, lang))}", merged)
                      for a in r.rows if a.predecessors]
        closing = self.p(self.t("{issuer} thông báo để các cơ quan, đơn vị biết, thực hiện./.", issuer=self.issuer_name))
        parts += self.signature_block(self.profile, [closing])
        return parts


def ranking_pdf(r: Ranking, lang: str = "vi", authority: str = "", date_iso: str = "",
                profile: AgencyProfile | None = None) -> bytes:
    """The ranking as a notice of the Sở; `profile` (else one made from `authority`, the Sở's
    name) gives the heading, number, signer and recipients."""
    from .store import utc_now
    province = next((a.group_name for a in r.rows if a.group_name), "")
    profile = profile or issuer_profile(authority, province, r.period)
    name = authority.strip() or receiving_department(province, r.period)
    return RankingDocument(r, lang, profile, date_iso or utc_now()[:10], name).render()


class ReturnNote(OfficialDocument):
    """Phiếu trả lại hồ sơ: a notice of the Sở to one agency (Decree 30 layout)."""

    def __init__(self, sub, reviewer: str, province: str, lang: str, date_iso: str,
                 profile: AgencyProfile | None = None, lines: tuple = ()):
        super().__init__(lang)
        self.sub, self.reviewer, self.date_iso = sub, reviewer, date_iso
        self.lines = lines   # review.RemarkLine: the remarks per question
        if profile is None:
            base = issuer_profile(province, sub.parent_name, sub.period)
            # a letter (công văn): its symbol is the agency's own initials, "Số: 12/SKHCN"
            profile = replace(base, symbol=base.symbol.split("-", 1)[-1], recipients=(sub.agency_name, STORE))
        self.profile = profile
        self.profile = replace(self.profile, signer_name=self.profile.signer_name or reviewer)
        self.title = tr("Trả lại hồ sơ tự đánh giá để chỉnh sửa", lang)

    def story(self) -> list:
        s = self.sub
        parts = self.heading(self.profile, self.date_iso)
        parts.append(self.p(self.t("PHIẾU TRẢ LẠI HỒ SƠ"), "doc_kind"))
        parts.append(self.p(self.t("Về việc chỉnh sửa báo cáo tự đánh giá kỳ {period}", period=s.period), "doc_title"))
        kính_gửi = self.styles["body"].clone("to", alignment=1, firstLineIndent=0)
        from reportlab.platypus import Paragraph
        parts.append(Paragraph(self.t("Kính gửi: {agency}", agency=s.agency_name), kính_gửi))
        parts.append(self.p(self.t("Hồ sơ «{file}» (lần sửa đổi {rev}) được trả lại để chỉnh sửa với nội dung sau:",
                                   file=s.source_name, rev=s.revision)))
        if s.review_note:
            parts.append(self.p(clean(s.review_note)))
        if self.lines:
            parts += self.remarks_table()
        closing = self.p(self.t("Đề nghị cơ quan chỉnh sửa, hoàn thành lại đánh giá (lần sửa đổi mới) "
                                "và gửi lại báo cáo PDF./."))
        parts += self.signature_block(self.profile, [closing])
        return parts

    def remarks_table(self) -> list:
        """Question number, question, the agency's answer and the Sở's remark, one row each."""
        lang = self.lang
        parts = [self.p(self.t("Nhận xét theo từng câu hỏi ({n} câu):", n=len(self.lines)), "h2")]
        head = [self.p(self.t(h), "cell_h") for h in ("Câu", "Nội dung câu hỏi", "Trả lời của cơ quan", "Nhận xét của Sở")]
        rows = [head] + [[self.p(clean(ln.number), "cell_c"), self.p(clean(ln.question.get(lang)), "cell"),
                          self.p(clean(ln.answer.get(lang) or tr("(chưa trả lời)", lang)), "cell"),
                          self.p(clean(ln.remark), "cell")] for ln in self.lines]
        parts.append(self.table(rows, [13 * MM, 52 * MM, 35 * MM, CONTENT_W - 100 * MM]))
        how = self.styles["note"].clone("how", alignment=0)
        from reportlab.platypus import Paragraph
        parts.append(Paragraph(self.t("Mở phiếu này bằng egov-desktop («Nhập tệp…» ở danh sách đánh giá) để xem mỗi "
                                      "nhận xét ngay dưới câu hỏi của nó."), how))
        return parts


def write(path: str | Path, data: bytes) -> Path:
    """Written under a temporary name first: a failed export never leaves half a file."""
    from ..files import write_atomically
    return write_atomically(path, data)
