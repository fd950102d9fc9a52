"""The report's data as an Excel workbook: a summary sheet and one row per indicator."""
from __future__ import annotations

from scoring.numbers import is_number

from ...i18n import tr
from ..data import STATUS_TEXT, ReportData
from ..format import fmt_date
from .cells import put, to_bytes

POINTS = "#,##0.00"
PERCENT = "0.0%"


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
        (t("Ngày báo cáo"), fmt_date(r.report_date, lang), None),
        (t("Mã kiểm tra (SHA-256)"), r.content_hash, None),
    ]
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

    wd = wb.create_sheet(t("Chi tiết"))
    titles = [t("Lĩnh vực"), t("TT"), t("Mã chỉ tiêu"), t("Chỉ tiêu"), t("Trả lời"), t("Đơn vị"), t("Điểm"),
              t("Tối đa"), t("Mục tiêu"), t("Còn thiếu"), t("Tình trạng"), t("Ý kiến"), t("Tài liệu kiểm chứng")]
    _header(wd, 1, titles, [28, 7, 16, 50, 22, 10, 9, 9, 12, 10, 14, 40, 44])
    row = 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for p in r.pillars:
        for line in p.indicators:
            row += 1
            value = line.raw if is_number(line.raw) else line.answer.get(lang)
            evidence = "\n".join("; ".join(x for x in (e.number, fmt_date(e.date, lang), e.summary, e.file_name) if x)
                                 for e in line.evidence)
            cells = [p.title.get(lang), line.number, line.id, line.label.get(lang), value, line.unit.get(lang),
                     line.points, line.max_points or None, line.target.get(lang), line.gap,
                     STATUS_TEXT[line.status].get(lang), line.comment, evidence]
            formats = {5: "#,##0.##", 7: POINTS, 8: POINTS, 10: "#,##0.##"}
            for col, v in enumerate(cells, start=1):
                put(wd, row, col, v, formats.get(col)).alignment = wrap
    wd.freeze_panes = "E2"
    wd.auto_filter.ref = f"A1:M{max(row, 1)}"
    wb.properties.title = t("Kết quả tự đánh giá kỳ {period}", period=r.period)
    wb.properties.creator = "egov-desktop"
    return to_bytes(wb)
