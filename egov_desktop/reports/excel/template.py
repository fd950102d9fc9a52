"""The blank fill-in template of a framework: one sheet an officer fills in Excel or LibreOffice.

Layout of the sheet (read back by reader.py, which relies on it):
  rows 1–3   title, framework, instructions;  rows 4–6 the agency's name, its unit code and the
             period (labels in B, fill-in cells C4–C6, pre-filled when the template is made for
             a given agency);  row 8 the column headings;  rows 9… one row per pillar (a
             heading, no input) or indicator. (Format 1 had no rows 4–6: headings in row 5,
             pillars and indicators from row 6.)
  A TT · B indicator · C answer · D unit · E "x" = not applicable · F comment · G help
  H (hidden) the indicator id on each indicator row; H1..H4 the template format, framework
    id, version and content hash.  I (hidden) the indicator type.
Answer cells carry data validation (lists for yes/no and choices, ranges for numbers, dates);
the sheet is protected so only the answer, N/A and comment cells can be edited.
"""
from __future__ import annotations

from scoring import Framework
from scoring.model import CALCULATED, CHOICE, DATE, INTEGER, MULTIPLE, NUMBER, PERCENT, TEXT, YES_NO, Indicator
from scoring.numbering import pillar_numbers

from ...domain import Agency
from ...i18n import tr
from ..format import fmt_number
from .cells import print_a4_landscape, put, to_bytes

TEMPLATE_FORMAT = "egov-template/2"
FIRST_ROW = 9
HEADER_ROW = 8
COL_NUMBER, COL_LABEL, COL_ANSWER, COL_UNIT, COL_NA, COL_COMMENT, COL_HELP, COL_ID, COL_TYPE = range(1, 10)
NA_MARK = "x"
LISTS_SHEET = "_lists"
# Who fills the template in and for which period: (field, row); label in B, fill-in cell in C
DETAIL_ROWS = (("agency_name", 4), ("unit_code", 5), ("period", 6))


def yes_no_labels(lang: str) -> tuple[str, str]:
    return tr("Có", lang), tr("Không", lang)


def _help(ind: Indicator, lang: str) -> str:
    t = lambda s, **kw: tr(s, lang, **kw)  # noqa: E731
    parts = []
    help_text = ind.help.get(lang).strip()
    if help_text:
        parts.append(help_text if help_text.endswith((".", "!", "?", ":")) else help_text + ".")
    if ind.type == YES_NO:
        parts.append(t("Chọn Có hoặc Không."))
    elif ind.type == CHOICE:
        parts.append(t("Chọn một trong danh sách."))
    elif ind.type == MULTIPLE:
        parts.append(t("Ghi các lựa chọn, cách nhau bởi dấu chấm phẩy (;): {choices}",
                       choices="; ".join(c.label.get(lang) for c in ind.choices)))
    elif ind.type == DATE:
        parts.append(t("Ngày theo dạng ngày/tháng/năm."))
    elif ind.type == INTEGER:
        parts.append(t("Số nguyên."))
    elif ind.type in (NUMBER, PERCENT):
        parts.append(t("Số (phần thập phân sau dấu phẩy hoặc dấu chấm)."))
    if ind.min is not None and ind.max is not None:
        parts.append(t("Từ {lo} đến {hi}.", lo=fmt_number(ind.min, lang), hi=fmt_number(ind.max, lang)))
    elif ind.min is not None:
        parts.append(t("Không nhỏ hơn {lo}.", lo=fmt_number(ind.min, lang)))
    elif ind.max is not None:
        parts.append(t("Không lớn hơn {hi}.", hi=fmt_number(ind.max, lang)))
    if ind.allow_na:
        parts.append(t("Ghi «x» ở cột «Không áp dụng» nếu chỉ tiêu không áp dụng."))
    return " ".join(parts)


LINE_HEIGHT = 15.0   # points per line of 11 pt text


def rows_needed(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped column `width` characters wide (a little
    pessimistic: Vietnamese letters with marks are no narrower than the "0" Excel measures with)."""
    import math
    per_line = max(int(width * 1.05) - 2, 8)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in (text or "").split("\n")) if text else 1


def write_template(framework: Framework, lang: str = "vi", agency: Agency | None = None, period: str = "") -> bytes:
    """The blank template of `framework` as .xlsx bytes; with `agency` and `period`, made for
    that agency (its name, unit code and period pre-filled)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    def t(s: str, **kw) -> str:
        return tr(s, lang, **kw)

    wb = Workbook()
    ws = wb.active
    ws.title = t("Phiếu đánh giá")
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    put(ws, 1, 1, t("PHIẾU TỰ ĐÁNH GIÁ")).font = Font(bold=True, size=14)
    put(ws, 2, 1, f"{framework.title.get(lang)} ({framework.id}, {t('phiên bản')} {framework.version})").font = Font(bold=True)
    instructions = put(ws, 3, 1, t("Điền cột «Trả lời» (và «Ý kiến» nếu cần), lưu tệp rồi nhập vào chương trình. "
                                   "Không thêm, xoá hay đổi thứ tự các dòng."))
    instructions.font = Font(italic=True)
    instructions.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=COL_HELP)
    ws.row_dimensions[3].height = 2 * LINE_HEIGHT
    for row, value in enumerate((TEMPLATE_FORMAT, framework.id, framework.version, framework.content_hash), start=1):
        put(ws, row, COL_ID, value)
    prefill = {"agency_name": agency.name if agency else "", "unit_code": agency.code if agency else "",
               "period": period}
    labels = {"agency_name": t("Tên cơ quan") + " *", "unit_code": t("Mã đơn vị"), "period": t("Kỳ đánh giá") + " *"}
    for field, row in DETAIL_ROWS:
        label = put(ws, row, COL_LABEL, labels[field])
        label.font = Font(bold=True)
        label.alignment = Alignment(horizontal="right")
        cell = put(ws, row, COL_ANSWER, prefill[field] or None)
        cell.number_format = "@"   # a unit code such as 00070 keeps its leading zeros
        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor="FFF9E0")
    headers = [t("TT"), t("Chỉ tiêu"), t("Trả lời"), t("Đơn vị"), t("Không áp dụng"), t("Ý kiến"), t("Hướng dẫn"),
               "indicator_id", "type"]
    widths = [7, 60, 24, 12, 11, 36, 60, 18, 10]
    head_fill = PatternFill("solid", fgColor="E8EEF5")
    from openpyxl.utils import get_column_letter
    for col, (h, w) in enumerate(zip(headers, widths), start=1):
        c = put(ws, HEADER_ROW, col, h)
        c.font = Font(bold=True)
        c.fill = head_fill
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = w
    for col in (COL_ID, COL_TYPE):
        ws.column_dimensions[get_column_letter(col)].hidden = True

    open_cell = Protection(locked=False)
    input_fill = PatternFill("solid", fgColor="FFF9E0")
    calc_fill = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")
    yes, no = yes_no_labels(lang)
    dv_yes_no = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    dv_na = DataValidation(type="list", formula1=f'"{NA_MARK}"', allow_blank=True)
    dv_text = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="5000", allow_blank=True)
    validations = [dv_yes_no, dv_na, dv_text]
    list_col = 0

    row = FIRST_ROW - 1
    for pi, pillar in enumerate(framework.pillars, start=1):
        row += 1
        put(ws, row, COL_NUMBER, str(pi)).font = Font(bold=True)
        put(ws, row, COL_LABEL, pillar.title.get(lang)).font = Font(bold=True)
        numbers = pillar_numbers(pillar, pi)  # as on screen (scoring/numbering.py)
        for ind in pillar.indicators:
            row += 1
            put(ws, row, COL_NUMBER, numbers[ind.id]).alignment = Alignment(vertical="top")
            label = ind.label.get(lang) + (" *" if ind.required and ind.is_input else "")
            put(ws, row, COL_LABEL, label).alignment = wrap
            put(ws, row, COL_UNIT, ind.unit.get(lang)).alignment = wrap
            put(ws, row, COL_ID, ind.id)
            put(ws, row, COL_TYPE, ind.type)
            answer = ws.cell(row=row, column=COL_ANSWER)
            help_text = t("Giá trị do chương trình tự tính.") if ind.type == CALCULATED else _help(ind, lang)
            put(ws, row, COL_HELP, help_text).alignment = wrap
            # LibreOffice does not grow a row to its wrapped text, and the sheet is protected:
            # the row is made as tall as its guidance and label need
            lines = max(rows_needed(help_text, widths[COL_HELP - 1]), rows_needed(label, widths[COL_LABEL - 1]))
            ws.row_dimensions[row].height = lines * LINE_HEIGHT + 3
            if ind.type == CALCULATED:
                answer.fill = calc_fill
                continue
            answer.protection = open_cell
            answer.fill = input_fill
            answer.alignment = wrap
            comment = ws.cell(row=row, column=COL_COMMENT)
            comment.protection = open_cell
            comment.alignment = wrap
            ref = answer.coordinate
            if ind.allow_na:
                na = ws.cell(row=row, column=COL_NA)
                na.protection = open_cell
                na.fill = input_fill
                na.alignment = Alignment(horizontal="center")
                dv_na.add(na.coordinate)
            if ind.type == YES_NO:
                dv_yes_no.add(ref)
            elif ind.type == CHOICE:
                list_col += 1
                letter = get_column_letter(list_col)
                for ci, choice in enumerate(ind.choices, start=1):
                    put(lists, ci, list_col, choice.label.get(lang))
                dv = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(ind.choices)}",
                                    allow_blank=True)
                dv.add(ref)
                validations.append(dv)
            elif ind.type in (INTEGER, NUMBER, PERCENT):
                lo = ind.min if ind.min is not None else (0 if ind.type == PERCENT else -1e15)
                hi = ind.max if ind.max is not None else (100 if ind.type == PERCENT else 1e15)
                dv = DataValidation(type="whole" if ind.type == INTEGER else "decimal", operator="between",
                                    formula1=f"{lo:g}" if ind.type != INTEGER else str(int(lo)),
                                    formula2=f"{hi:g}" if ind.type != INTEGER else str(int(hi)), allow_blank=True,
                                    showErrorMessage=True, error=t("Giá trị ngoài khoảng cho phép"))
                dv.add(ref)
                validations.append(dv)
                answer.number_format = "0" if ind.type == INTEGER else "#,##0.##"
            elif ind.type == DATE:
                dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
                dv.add(ref)
                validations.append(dv)
                answer.number_format = "DD/MM/YYYY"
            elif ind.type == TEXT:
                dv_text.add(ref)
                answer.number_format = "@"
    for dv in validations:
        if dv.sqref:
            ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=COL_ANSWER)
    print_a4_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:G{row}"              # the hidden columns stay off the paper
    ws.protection.sheet = True                # only the unlocked answer cells can change
    ws.protection.formatColumns = False       # widths may still be adjusted
    ws.protection.formatRows = False          # and heights
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = t("Phiếu tự đánh giá") + f" {framework.id} {framework.version}"
    wb.properties.creator = "egov-desktop"
    return to_bytes(wb)
