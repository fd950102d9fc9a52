"""Publishing: the ranking as a PDF in the official layout, as Excel and as CSV (every text
cell written as text: nothing a submission contains can become a formula)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..frameworks import registry
from ..i18n import tr
from ..reports.excel.cells import text as cell_text
from ..reports.format import fmt_number
from ..reports.pdf.document import CONTENT_W, OfficialDocument, clean
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


def ranking_note(r: Ranking, lang: str) -> str:
    """Why a relative ranking must be read with its group: the framework's note, else the rule."""
    if r.method == ABSOLUTE:
        return ""
    return r.note.get(lang) or tr("Chỉ số tương đối được tính trên nhóm cơ quan xếp hạng cùng nhau "
                                  "(tốt nhất nhóm đạt 1, kém nhất đạt 0): khi nhóm thay đổi, chỉ số "
                                  "và thứ hạng thay đổi theo.", lang)


def _header(r: Ranking, lang: str, pillar_titles: dict[str, str]) -> list[str]:
    value = tr("Điểm", lang) if r.method == ABSOLUTE else tr("Chỉ số tương đối", lang)
    head = [tr("Hạng", lang), tr("Mã", lang), tr("Cơ quan, đơn vị", lang), tr("Thuộc", lang), value]
    if r.method == ABSOLUTE:
        head.append(tr("Xếp loại", lang))
    head += [tr("Hạng kỳ trước", lang), tr("Thay đổi", lang)]
    head += [pillar_titles[p] for p in r.pillar_ids]
    return head


def _cells(r: Ranking, lang: str) -> list[list]:
    out = []
    for a in r.rows:
        row = [a.rank, a.agency_code, a.agency_name, a.group_name or a.group_code,
               None if a.value_scaled is None else round(a.value_scaled, 4)]
        if r.method == ABSOLUTE:
            row.append(a.band_en if lang == "en" and a.band_en else a.band_vi)
        row += [a.previous_rank, a.change]
        row += [None if a.pillars[p] is None else round(a.pillars[p], 4) for p in r.pillar_ids]
        out.append(row)
    return out


def ranking_csv(r: Ranking, lang: str = "vi") -> bytes:
    title, pillar_titles = _titles(r, lang)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(_header(r, lang, pillar_titles))
    for row in _cells(r, lang):
        w.writerow(["" if v is None else safe_text(v) if isinstance(v, str) else v for v in row])
    return buf.getvalue().encode("utf-8-sig")  # the BOM lets Excel read the Vietnamese letters


def ranking_xlsx(r: Ranking, lang: str = "vi") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    title, pillar_titles = _titles(r, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = tr("Xếp hạng", lang)[:31]
    ws.append([cell_text(f"{title} — {r.period}")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([cell_text(ranking_note(r, lang))] if r.method != ABSOLUTE else [])
    if r.method != ABSOLUTE:
        ws["A2"].data_type = "s"
    ws.append([cell_text(v) for v in _header(r, lang, pillar_titles)])
    for c in ws[3]:
        c.font = Font(bold=True)
    for row in _cells(r, lang):
        ws.append([cell_text(v) for v in row])
        for c in ws[ws.max_row]:
            if isinstance(c.value, str):
                c.data_type = "s"  # stored as a string: never a formula, whatever it starts with
    for col, width in zip("ABCDE", (7, 10, 40, 28, 10)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class RankingDocument(OfficialDocument):
    def __init__(self, r: Ranking, lang: str, authority: str, date_iso: str):
        super().__init__(lang)
        self.r, self.authority, self.date_iso = r, authority, date_iso
        self.fw_title, self.pillar_titles = _titles(r, lang)
        self.title = tr("Kết quả xếp hạng", lang) + f" {self.fw_title} {r.period}"
        self.author = authority

    def footer_text(self) -> str:
        return f"{self.r.framework_id} {self.r.framework_version} — {self.r.period}"

    def story(self) -> list:
        r, lang = self.r, self.lang
        parts = self.heading("", self.authority or tr("Sở Khoa học và Công nghệ", lang), "", "", self.date_iso)
        parts.append(self.p(self.t("KẾT QUẢ XẾP HẠNG"), "doc_kind"))
        parts.append(self.p(clean(f"{self.fw_title} — {r.period}"), "doc_title"))
        method = tr("điểm tuyệt đối", lang) if r.method == ABSOLUTE else tr("chỉ số tương đối trong nhóm", lang)
        sub = self.t("Phương pháp: {m}; {n} cơ quan, đơn vị", m=method, n=len(r.rows))
        if r.group:
            sub += clean(f"; {r.group}")
        parts.append(self.p(sub, "doc_subtitle"))
        if r.method != ABSOLUTE:
            parts.append(self.p(f"<b>{self.t('Lưu ý:')}</b> {clean(ranking_note(r, lang))}"))
        # absolute: the band; relative: the components the index is built from, as the UN shows them
        extra = ["Xếp loại"] if r.method == ABSOLUTE else [self.pillar_titles[p] for p in r.pillar_ids]
        head = [self.p(self.t(h) if r.method == ABSOLUTE else clean(h), "cell_h") for h in extra]
        head = ([self.p(self.t(h), "cell_h") for h in ("Hạng", "Cơ quan, đơn vị", "Điểm")] + head
                + [self.p(self.t(h), "cell_h") for h in ("Kỳ trước", "Thay đổi")])
        rows = [head]
        decimals = 2 if r.method == ABSOLUTE else 4
        for a in r.rows:
            change = "" if a.change is None else (f"+{a.change}" if a.change > 0 else str(a.change))
            if r.method == ABSOLUTE:
                cells = [self.p(clean(a.band_en if lang == "en" and a.band_en else a.band_vi), "cell_c")]
            else:
                cells = [self.p(clean(fmt_number(a.pillars[p], lang, 4)), "cell_r") for p in r.pillar_ids]
            rows.append([self.p(clean(a.rank or "—"), "cell_c"),
                         self.p(clean(a.agency_name) + (f"<br/><font size=8>{clean(a.group_name)}</font>"
                                                         if a.group_name else ""), "cell"),
                         self.p(clean(fmt_number(a.value_scaled, lang, decimals)), "cell_r")]
                        + cells + [self.p(clean(a.previous_rank or ""), "cell_c"), self.p(clean(change), "cell_c")])
        w = CONTENT_W
        if r.method == ABSOLUTE:
            widths = [w * 0.09, w * 0.45, w * 0.13, w * 0.13, w * 0.1, w * 0.1]
        else:
            rest = w * (1 - 0.08 - 0.34 - 0.12 - 0.18) / len(extra)
            widths = [w * 0.08, w * 0.34, w * 0.12] + [rest] * len(extra) + [w * 0.09, w * 0.09]
        parts.append(self.table(rows, widths))
        return parts


def ranking_pdf(r: Ranking, lang: str = "vi", authority: str = "", date_iso: str = "") -> bytes:
    from .store import utc_now
    return RankingDocument(r, lang, authority, date_iso or utc_now()[:10]).render()


class ReturnNote(OfficialDocument):
    def __init__(self, sub, reviewer: str, province: str, lang: str, date_iso: str):
        super().__init__(lang)
        self.sub, self.reviewer, self.province, self.date_iso = sub, reviewer, province, date_iso
        self.title = tr("Trả lại hồ sơ tự đánh giá để chỉnh sửa", lang)

    def story(self) -> list:
        s, lang = self.sub, self.lang
        parts = self.heading("", self.province or tr("Sở Khoa học và Công nghệ", lang), "", "", self.date_iso)
        parts.append(self.p(self.t("PHIẾU TRẢ LẠI HỒ SƠ"), "doc_kind"))
        parts.append(self.p(self.t("Về việc chỉnh sửa báo cáo tự đánh giá kỳ {period}", period=s.period), "doc_title"))
        parts.append(self.p(self.t("Kính gửi: {agency}", agency=s.agency_name), "body"))
        parts.append(self.p(self.t("Hồ sơ «{file}» (lần sửa đổi {rev}, bộ tiêu chí {fw} {ver}) được trả lại "
                                   "để chỉnh sửa với nội dung sau:", file=s.source_name, rev=s.revision,
                                   fw=s.framework_id, ver=s.framework_version), "body"))
        parts.append(self.p(clean(s.review_note), "body"))
        parts.append(self.p(self.t("Đề nghị cơ quan chỉnh sửa, hoàn thành lại đánh giá (lần sửa đổi mới) "
                                   "và gửi lại báo cáo PDF."), "body"))
        if self.reviewer:
            parts.append(self.p(clean(self.reviewer), "sign_name"))
        return parts


def write(path: str | Path, data: bytes) -> Path:
    """Written under a temporary name first: a failed export never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
