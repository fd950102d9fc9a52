"""The report's data as an Excel workbook: a summary sheet and one row per indicator.

Both sheets print on A4 landscape, fit to the page width, with their column titles repeated on
every page and a header naming the agency and period (and "DỰ THẢO" for a draft); a status row
says whether it is a draft or a finished assessment (with its check code); dates are dates.
"""
from __future__ import annotations

import datetime as dt

from scoring.model import DATE
from scoring.numbers import is_number

from ...i18n import tr
from ..data import STATUS_TEXT, ReportData
from ..format import fmt_date, parse_date
from .cells import print_a4_landscape, put, to_bytes

POINTS = "#,##0.00"
PERCENT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"


def _as_date(iso: str) -> dt.date | str:
    d = parse_date(iso)
    return d if d is not None else (iso or "")


def _page_setup(ws, title_rows: str, header: str, draft: bool, lang: str) -> None:
    """A4 landscape, fit to the page width (as many pages down as needed), titles repeated."""
    print_a4_landscape(ws, title_rows)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddHeader.center.text = header.replace("&", "&&")
    ws.oddHeader.center.size = 10
    if draft:
        ws.oddHeader.right.text = tr("DỰ THẢO", lang)
        ws.oddHeader.right.size = 12
    ws.oddFooter.right.text = tr("Trang &P/&N", lang)
    ws.oddFooter.right.size = 9


def _header(ws, row: int, titles: list[str], widths: list[float]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    thin = Side(style="thin", color="999999")
    for i, (title, width) in enumerate(zip(titles, widths), start=1):
        c = put(ws, row, i, title)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="E8EEF5")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws.column_dimensions[get_column_letter(i)].width = width


def export_workbook(report: ReportData, lang: str = "vi") -> bytes:
    """An .xlsx of the report: sheet 1 the summary and pillars, sheet 2 every indicator."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    def t(s: str, **kw) -> str:
        return tr(s, lang, **kw)

    r = report
    wb = Workbook()
    ws = wb.active
    ws.title = t("Tổng hợp")
    put(ws, 1, 1, t("Kết quả tự đánh giá kỳ {period}", period=r.period)).font = Font(bold=True, size=13)
    # the status row: a draft says so, in red, where the eye starts
    if r.draft:
        status = put(ws, 2, 1, t("Trạng thái: DỰ THẢO — chưa hoàn thành đánh giá, chưa có mã kiểm tra; không gửi bản này."))
        status.font = Font(bold=True, color="C00000")
    else:
        status = put(ws, 2, 1, t("Trạng thái: đã hoàn thành đánh giá (lần sửa đổi {rev})", rev=r.revision))
        status.font = Font(bold=True)
    facts = [
        (t("Cơ quan, đơn vị"), r.agency.name, None),
        (t("Cơ quan cấp trên"), r.agency.parent_name, None),
        (t("Kỳ đánh giá"), r.period, None),
        (t("Bộ tiêu chí"), f"{r.framework_title.get(lang)} ({r.framework_id} {r.framework_version})", None),
        (t("Tổng điểm"), r.total_scaled, POINTS),
        (t("Thang điểm"), r.scale, "#,##0"),
        (t("Chỉ số (0–1)"), r.total, "0.0000"),
        (t("Xếp loại"), r.band.get(lang), None),
        (t("Mức độ hoàn thành"), r.completeness, PERCENT),
        (t("Người lập"), r.respondent.name, None),
        (t("Ngày báo cáo"), _as_date(r.report_date), DATE_FORMAT),
    ]
    if not r.draft:
        facts.append((t("Mã kiểm tra (SHA-256)"), r.content_hash, None))
    if r.previous is not None:
        facts.append((t("Tổng điểm kỳ {period}", period=r.previous.period), r.previous.total_scaled, POINTS))
    for i, (label, value, fmt) in enumerate(facts, start=3):
        put(ws, i, 1, label).font = Font(bold=True)
        put(ws, i, 2, value, fmt).alignment = Alignment(horizontal="left")
    row = len(facts) + 4
    _header(ws, row, [t("TT"), t("Lĩnh vực"), t("Điểm"), t("Tối đa"), t("Tỷ lệ"), t("Mục tiêu"), t("Kỳ trước")],
            [26, 60, 12, 12, 12, 12, 12])
    ws.column_dimensions["B"].width = 70
    for p in r.pillars:
        row += 1
        put(ws, row, 1, p.number)
        put(ws, row, 2, p.title.get(lang))
        put(ws, row, 3, p.points, POINTS)
        put(ws, row, 4, p.max_points, POINTS)
        put(ws, row, 5, p.index, PERCENT)
        put(ws, row, 6, p.target_index, PERCENT)
        put(ws, row, 7, p.previous_index, PERCENT)

    header = f"{r.agency.name} — {t('Kết quả tự đánh giá kỳ {period}', period=r.period)}"
    _page_setup(ws, f"{row - len(r.pillars)}:{row - len(r.pillars)}", header, r.draft, lang)

    wd = wb.create_sheet(t("Chi tiết"))
    titles = [t("Lĩnh vực"), t("TT"), t("Mã chỉ tiêu"), t("Chỉ tiêu"), t("Trả lời"), t("Đơn vị"), t("Điểm"),
              t("Tối đa"), t("Mục tiêu"), t("Còn thiếu"), t("Tình trạng"), t("Ý kiến"), t("Tài liệu kiểm chứng")]
    # narrow enough that A4 landscape, fit to width, prints at a readable size
    _header(wd, 1, titles, [18, 6, 12, 40, 18, 8, 8, 8, 10, 9, 12, 28, 30])
    row = 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for p in r.pillars:
        for line in p.indicators:
            row += 1
            value = line.raw if is_number(line.raw) else line.answer.get(lang)
            date_value = line.type == DATE and isinstance(line.raw, str) and parse_date(line.raw) is not None
            if date_value:
                value = parse_date(line.raw)
            evidence = "\n".join("; ".join(x for x in (e.number, fmt_date(e.date, lang), e.summary, e.file_name) if x)
                                 for e in line.evidence)
            cells = [p.title.get(lang), line.number, line.id, line.label.get(lang), value, line.unit.get(lang),
                     line.points, line.max_points or None, line.target.get(lang), line.gap,
                     STATUS_TEXT[line.status].get(lang), line.comment, evidence]
            formats = {5: DATE_FORMAT if date_value else "#,##0.##", 7: POINTS, 8: POINTS, 10: "#,##0.##"}
            for col, v in enumerate(cells, start=1):
                put(wd, row, col, v, formats.get(col)).alignment = wrap
    wd.freeze_panes = "E2"
    wd.auto_filter.ref = f"A1:M{max(row, 1)}"
    _page_setup(wd, "1:1", header, r.draft, lang)
    wb.properties.title = t("Kết quả tự đánh giá kỳ {period}", period=r.period)
    wb.properties.creator = "egov-desktop"
    return to_bytes(wb)
