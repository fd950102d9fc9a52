"""Reading a filled template back, safely: the workbook came by e-mail and is not trusted.

Before openpyxl sees the file (egov_desktop.untrusted): that it is a regular file, its size,
that it is a zip, the number of parts, their names, their declared unpacked sizes and ratios
(a zip bomb is refused without inflating anything), and that no XML part declares a DTD.
Rows are read in read-only mode with a limit, every number bounded, a damaged sheet named.

File-level problems raise UserError (file, place); cell-level problems are returned, each
naming its sheet and cell, and no answer is returned unless the whole sheet is valid (or
the caller accepts the valid part with accept_partial=True).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import Framework, Text, nfc
from scoring.model import CALCULATED, CHOICE, DATE, INTEGER, MULTIPLE, NUMBER, PERCENT, TEXT, YES_NO, Indicator
from scoring.validation import check_range, check_value

from ...domain import Answer
from ...errors import UserError
from ...untrusted import WorkbookLimits, guarded_rows, open_workbook, refusing_damage
from .template import (
    COL_ANSWER, COL_COMMENT, COL_ID, COL_NA, COL_TYPE, DETAIL_ROWS, FIRST_ROW, NA_MARK, TEMPLATE_FORMAT,
)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ENTRIES = 500
MAX_ROWS = 5000
MAX_COMMENT = 10_000

YES_WORDS = {"có", "co", "yes", "y", "c", "true", "1"}
NO_WORDS = {"không", "khong", "no", "n", "k", "false", "0"}


@dataclass(frozen=True)
class CellProblem:
    sheet: str
    cell: str
    message: Text
    indicator_id: str = ""

    def describe(self, lang: str = "vi") -> str:
        return f"{self.sheet}!{self.cell}: {self.message.get(lang)}"


def _fail(source: str, where: str, vi: str, en: str) -> UserError:
    return UserError(Text(vi, en), source, where)


LIMITS = WorkbookLimits(MAX_FILE_BYTES, MAX_UNCOMPRESSED, entries=MAX_ENTRIES)


def open_untrusted_workbook(path: str | Path):
    """An openpyxl workbook (read-only, formulas kept as formulas) after the safety checks
    (egov_desktop.untrusted: a regular file, sizes, ratios, part names, no DTD)."""
    return open_workbook(path, LIMITS)


def _refusing_damage(read):
    """`read(path, …)` with any parser failure on the untrusted file turned into a UserError."""
    @functools.wraps(read)
    def guarded(path, *args, **kw):
        with refusing_damage(Path(path).name):
            return read(path, *args, **kw)
    return guarded


def _rows(ws, source: str, first_row: int = 1, **kw):
    """ws.iter_rows(**kw) with every number bounded and a damaged part named (untrusted.guarded_rows)."""
    return guarded_rows(ws.iter_rows(min_row=first_row, **kw), source, ws.title, first_row)


# ------------------------------------------------------------------ values

def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", nfc(s)).strip().casefold()


def _number(v: Any, percent_format: bool) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return v * 100 if percent_format else v
    if isinstance(v, str):
        s = v.strip().replace(" ", "").replace("\u00a0", "")
        s = s.rstrip("%")
        if "," in s and "." in s:   # 1.234,5 (vi) or 1,234.5 (en): the last separator is the decimal one
            s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
        else:
            s = s.replace(",", ".")
        try:
            x = float(s)
        except ValueError:
            return None
        return x  # "80%" typed as text in a percent answer means 80
    return None


def _choice(ind: Indicator, text: str) -> str | None:
    key = _norm(text)
    for c in ind.choices:
        if key in (_norm(c.id), _norm(c.label.vi), _norm(c.label.en or c.label.vi)):
            return c.id
    return None


def parse_answer(ind: Indicator, v: Any, number_format: str = "") -> tuple[Any, Text | None]:
    """(value, None) or (None, why) for what was typed in an answer cell."""
    t = ind.type
    if t in (INTEGER, NUMBER, PERCENT):
        x = _number(v, t == PERCENT and "%" in (number_format or ""))
        if x is None:
            return None, Text("Phải là một số", "Must be a number")
        if t == INTEGER and float(x).is_integer():
            x = int(x)
        value = x
    elif t == YES_NO:
        key = _norm(str(v)) if not isinstance(v, bool) else ("yes" if v else "no")
        if key in YES_WORDS or key == "yes":
            value = "yes"
        elif key in NO_WORDS or key == "no":
            value = "no"
        else:
            return None, Text("Phải là Có hoặc Không", "Must be yes or no")
    elif t == CHOICE:
        value = _choice(ind, str(v))
        if value is None:
            return None, Text(f"Không có trong danh sách lựa chọn: «{v}»", f"Not one of the choices: '{v}'")
    elif t == MULTIPLE:
        parts = [p for p in re.split(r"[;\n]", str(v)) if p.strip()]
        ids = []
        for part in parts:
            cid = _choice(ind, part)
            if cid is None:
                return None, Text(f"Không có trong danh sách lựa chọn: «{part.strip()}»",
                                  f"Not one of the choices: '{part.strip()}'")
            if cid not in ids:
                ids.append(cid)
        value = tuple(ids)
    elif t == DATE:
        if isinstance(v, dt.datetime):
            value = v.date().isoformat()
        elif isinstance(v, dt.date):
            value = v.isoformat()
        else:
            value = _date_text(str(v))
            if value is None:
                return None, Text("Ngày không hợp lệ (ngày/tháng/năm)", "Not a valid date (day/month/year)")
    elif t == TEXT:
        value = nfc(v if isinstance(v, str) else f"{v:g}" if isinstance(v, float) else str(v)).strip()
    else:
        return None, Text("Chỉ tiêu này không nhập được", "This indicator cannot be typed in")
    why = check_value(ind, value) or check_range(ind, value)
    return (None, why) if why else (value, None)


def _date_text(s: str) -> str | None:
    s = s.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None


# ------------------------------------------------------------------ the sheet

# The first pillar / indicator row of each template format still read
FIRST_ROWS = {"egov-template/1": 6, TEMPLATE_FORMAT: FIRST_ROW}


def _template_sheet(wb, source: str):
    ws, _ = _template_sheet_and_format(wb, source)
    return ws


def _template_sheet_and_format(wb, source: str):
    for ws in wb.worksheets:
        marker = next(_rows(ws, source, 1, max_row=1, min_col=COL_ID, max_col=COL_ID, values_only=True), (None,))[0]
        if marker in FIRST_ROWS:
            return ws, marker
    raise _fail(source, "", "Không phải phiếu mẫu của chương trình (thiếu dấu nhận dạng ở ô H1)",
                "Not a template made by this program (no marker in cell H1)")


@_refusing_damage
def read_template_framework(path: str | Path) -> tuple[str, str]:
    """(framework id, version) a filled template was made for, from its hidden cells."""
    path = Path(path)
    wb = open_untrusted_workbook(path)
    try:
        ws = _template_sheet(wb, path.name)
        head = [r[0] for r in _rows(ws, path.name, 2, max_row=3, min_col=COL_ID, max_col=COL_ID, values_only=True)]
        head = (head + [None, None])[:2]  # a sheet cut short has fewer rows
    finally:
        wb.close()
    if not all(isinstance(h, str) and h for h in head):
        raise _fail(path.name, "H2", "Phiếu không ghi bộ tiêu chí", "The template does not name its framework")
    return head[0], head[1]


@dataclass(frozen=True)
class TemplateDetails:
    """The head of a filled template: its framework, and who filled it in for which period
    ("" for a cell left empty). `cells` maps each field to its place, e.g. "Phiếu đánh giá!F3"."""

    framework_id: str
    framework_version: str
    agency_name: str
    unit_code: str
    period: str
    cells: dict[str, str]


def _detail_text(cell, source: str, where: str) -> str:
    v = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (isinstance(v, str) and v.lstrip().startswith("=")):
        raise _fail(source, where, "Ô chứa công thức; chỉ được nhập giá trị", "The cell holds a formula; type values only")
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dt.datetime, dt.date)):
        v = v.isoformat()[:10]
    return re.sub(r"\s+", " ", nfc(str(v))).strip()[:300]


@_refusing_damage
def read_template_details(path: str | Path) -> TemplateDetails:
    """The framework, agency and period a filled template names (its top cells)."""
    path = Path(path)
    framework_id, version = read_template_framework(path)
    wb = open_untrusted_workbook(path)
    try:
        from openpyxl.utils.cell import get_column_letter
        ws, marker = _template_sheet_and_format(wb, path.name)
        if marker != TEMPLATE_FORMAT:
            raise _fail(path.name, f"{ws.title}!H1", "Phiếu mẫu cũ không có ô ghi cơ quan và kỳ đánh giá; hãy dùng phiếu mới",
                        "An old template without the agency and period cells; use a new one")
        values, cells = {}, {}
        for field, row in DETAIL_ROWS:
            found = next(_rows(ws, path.name, row, max_row=row, min_col=COL_ANSWER, max_col=COL_ANSWER), ())
            cells[field] = f"{ws.title}!{get_column_letter(COL_ANSWER)}{row}"
            values[field] = _detail_text(found[0] if found else None, path.name, cells[field])
    finally:
        wb.close()
    return TemplateDetails(framework_id, version, values["agency_name"], values["unit_code"], values["period"], cells)


@_refusing_damage
def read_filled_template(path: str | Path, framework: Framework,
                         accept_partial: bool = False) -> tuple[dict[str, Answer], list[CellProblem]]:
    """The answers of a filled template and every problem, by sheet and cell.

    With problems, the answers are empty unless `accept_partial` (then: the valid rows)."""
    path = Path(path)
    source = path.name
    wb = open_untrusted_workbook(path)
    try:
        ws, marker = _template_sheet_and_format(wb, source)
        first_row = FIRST_ROWS[marker]
        sheet = ws.title
        head = [r[0] for r in _rows(ws, source, 2, max_row=4, min_col=COL_ID, max_col=COL_ID, values_only=True)]
        head = (head + [None, None, None])[:3]
        if head[0] != framework.id:
            raise _fail(source, f"{sheet}!H2", f"Phiếu dành cho bộ tiêu chí «{head[0]}», không phải «{framework.id}»",
                        f"The template is for framework '{head[0]}', not '{framework.id}'")
        problems: list[CellProblem] = []

        def problem(col: str, row: int, message: Text, iid: str = "") -> None:
            problems.append(CellProblem(sheet, f"{col}{row}", message, iid))

        if not framework.has_hash(head[2]):
            problem("H", 4, Text(f"Phiếu được tạo cho phiên bản khác của bộ tiêu chí ({head[1]}); "
                                 f"hãy tải phiếu mới (phiên bản {framework.version})",
                                 f"The template was made for another version of the framework ({head[1]}); "
                                 f"download a new one (version {framework.version})"))
            return {}, problems
        answers: dict[str, Answer] = {}
        seen: set[str] = set()
        rows = _rows(ws, source, first_row, max_col=COL_TYPE)
        for offset, cells in enumerate(rows):
            row = first_row + offset
            if offset >= MAX_ROWS:
                raise _fail(source, sheet, f"Quá nhiều dòng (tối đa {MAX_ROWS})", f"Too many rows (at most {MAX_ROWS})")
            cells = list(cells) + [None] * (COL_TYPE - len(cells))
            by_col = {i + 1: c for i, c in enumerate(cells)}

            def val(col: int):
                c = by_col.get(col)
                return None if c is None or not hasattr(c, "value") else c.value

            iid = val(COL_ID)
            if iid is None:
                continue
            iid = nfc(str(iid))
            if iid not in framework.indicators:
                problem("H", row, Text(f"Mã chỉ tiêu không có trong bộ tiêu chí: «{iid}»",
                                       f"Unknown indicator id '{iid}'"), iid)
                continue
            if iid in seen:
                problem("H", row, Text("Chỉ tiêu bị lặp", "Indicator repeated"), iid)
                continue
            seen.add(iid)
            ind = framework.indicator(iid)
            bad = False
            for col, letter in ((COL_ANSWER, "C"), (COL_NA, "E"), (COL_COMMENT, "F")):
                c = by_col.get(col)
                v = val(col)
                if getattr(c, "data_type", None) == "f" or (isinstance(v, str) and v.lstrip().startswith("=")):
                    problem(letter, row, Text("Ô chứa công thức; chỉ được nhập giá trị",
                                              "The cell holds a formula; type values only"), iid)
                    bad = True
            if bad or ind.type == CALCULATED:
                continue
            raw, na_mark, comment = val(COL_ANSWER), val(COL_NA), val(COL_COMMENT)
            if isinstance(raw, str) and not raw.strip():
                raw = None
            answer_value: Any = None
            na = False
            if na_mark not in (None, "") and str(na_mark).strip():
                if str(na_mark).strip().lower() != NA_MARK:
                    problem("E", row, Text(f"Ghi «{NA_MARK}» hoặc để trống", f"Type '{NA_MARK}' or leave empty"), iid)
                    continue
                if not ind.allow_na:
                    problem("E", row, Text("Chỉ tiêu này không cho phép chọn «Không áp dụng»",
                                           "'Not applicable' is not allowed for this indicator"), iid)
                    continue
                if raw is not None:
                    problem("C", row, Text("Đã chọn «Không áp dụng» thì để trống câu trả lời",
                                           "Leave the answer empty when 'not applicable' is marked"), iid)
                    continue
                na = True
            elif raw is not None:
                fmt = getattr(by_col.get(COL_ANSWER), "number_format", "") or ""
                answer_value, why = parse_answer(ind, raw, fmt)
                if why is not None:
                    problem("C", row, why, iid)
                    continue
            text = "" if comment is None else nfc(str(comment)).strip()
            if len(text) > MAX_COMMENT:
                problem("F", row, Text(f"Ý kiến quá dài (tối đa {MAX_COMMENT} ký tự)",
                                       f"Comment too long (at most {MAX_COMMENT} characters)"), iid)
                continue
            if na or answer_value is not None or text:
                answers[iid] = Answer(value=None if na else answer_value, na=na, comment=text)
    finally:
        wb.close()
    if problems and not accept_partial:
        return {}, problems
    return answers, problems

