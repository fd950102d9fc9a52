"""Bulk import of a province's own table: one row per agency, one column per indicator.

For provinces that already collected their data in a spreadsheet (xlsx or csv). The first
non-empty row is the header: the agency's name and unit code columns (and optionally a period
column), then one column per indicator, headed by its id or its label (Vietnamese or English).
Every cell is read as it was typed (a formula is refused, never evaluated), checked by the
indicator's type and range, and every row by the framework's rules (scoring.validate). Every
bad cell is reported as Sheet!Cell; nothing is written when any row is refused, unless the
caller accepts the valid rows (accept_partial).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import Framework, Text, nfc, validate
from scoring.model import CALCULATED

from .. import units
from ..domain import Agency, Answer, AssessmentData
from ..errors import UserError
from ..exchange.received import TABLE, Received, stamped
from ..frameworks import registry
from ..i18n import bilingual
from ..reports.excel.reader import CellProblem, parse_answer
from .importer import REFUSED, ImportItem, ImportReport, Importer
from .store import ProvinceStore
from .tables import read_sheet

AGENCY_COLUMNS = {
    "name": ("name", "agency", "tên", "ten", "tên cơ quan", "tên đơn vị", "cơ quan", "cơ quan, đơn vị", "đơn vị"),
    "code": ("code", "unit code", "mã", "ma", "mã đơn vị", "mã cơ quan"),
    "period": ("period", "kỳ", "kỳ đánh giá", "năm"),
}
IGNORED_COLUMNS = {"stt", "tt", "số tt", "no", "no.", "#", "ghi chú", "notes", "note"}
HEADER_SEARCH_ROWS = 10
NA_WORDS = {"x", "na", "n/a", "không áp dụng", "khong ap dung", "kad", "not applicable"}


@dataclass
class TableImport:
    """What came of a table: the rows' outcomes (empty when nothing was written) and every problem."""

    rows: int = 0                                  # agency rows in the table
    problems: list[CellProblem] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    written: bool = False


def _norm(v: Any) -> str:
    return re.sub(r"\s+", " ", nfc(str(v))).strip().rstrip("*").strip().casefold()


def _letter(col: int) -> str:
    """The spreadsheet letter of a 0-based column (0 → A), for naming cells."""
    from openpyxl.utils import get_column_letter
    return get_column_letter(col + 1)


def _columns(fw: Framework, header: list[Any], sheet: str, header_row: int,
             problems: list[CellProblem]) -> tuple[dict[str, int], dict[int, str]]:
    """({agency field: column}, {column: indicator id}) from the header row."""
    by_name: dict[str, str] = {}
    for ind in fw.indicators.values():
        for name in (ind.id, ind.label.vi, ind.label.en):
            if name:
                by_name.setdefault(_norm(name), ind.id)
    agency_names = {n: f for f, names in AGENCY_COLUMNS.items() for n in names}
    fields: dict[str, int] = {}
    indicators: dict[int, str] = {}
    for col, h in enumerate(header):
        key = _norm(h) if h not in (None, "") else ""
        where = f"{_letter(col)}{header_row}"
        if not key or key in IGNORED_COLUMNS:
            continue
        if key in agency_names and agency_names[key] not in fields:
            fields[agency_names[key]] = col
        elif key in by_name:
            iid = by_name[key]
            if iid in indicators.values():
                problems.append(CellProblem(sheet, where, bilingual("Chỉ tiêu «{id}» có hai cột", id=iid), iid))
            elif fw.indicators[iid].type == CALCULATED:
                continue  # computed by the program from the other answers
            else:
                indicators[col] = iid
        else:
            problems.append(CellProblem(sheet, where, bilingual(
                "Cột «{name}» không khớp với chỉ tiêu nào của bộ tiêu chí {id}", name=str(h)[:80], id=fw.id)))
    return fields, indicators


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return re.sub(r"\s+", " ", nfc(str(v))).strip()


@dataclass(frozen=True)
class TableRow:
    received: Received
    sheet: str
    cell: str            # where a problem with the row as a whole is shown: its name (or code) cell


def read_table(path: str | Path, framework: Framework, period: str = "") -> tuple[TableImport, list[TableRow]]:
    """Every valid agency row of the table (checked cell by cell and by the framework's rules)
    and every problem; `period` is used where the table has no period column or cell."""
    path = Path(path)
    sheet = read_sheet(path)
    out = TableImport()
    rows = sheet.rows
    filled = [n for n, r in enumerate(rows) if any(v not in (None, "") for v in r)]
    if not filled:
        raise UserError(bilingual("Bảng trống"), path.name)
    agency_headers = {n for names in (AGENCY_COLUMNS["name"], AGENCY_COLUMNS["code"]) for n in names}
    # the header: the first row naming the agency column (titles often stand above it)
    start = next((n for n in filled[:HEADER_SEARCH_ROWS] if any(_norm(v) in agency_headers for v in rows[n])), None)
    if start is None:
        raise UserError(bilingual("Dòng tiêu đề thiếu cột tên cơ quan hoặc mã đơn vị"), path.name,
                        f"{sheet.name}!{filled[0] + 1}:{filled[0] + 1}")
    fields, indicators = _columns(framework, rows[start], sheet.name, start + 1, out.problems)
    if not indicators:
        raise UserError(bilingual("Không có cột nào khớp với chỉ tiêu của bộ tiêu chí {id}", id=framework.id),
                        path.name, f"{sheet.name}!{start + 1}:{start + 1}")
    received: list[TableRow] = []
    seen: dict[tuple[str, str], str] = {}
    for n in range(start + 1, len(rows)):
        row = rows[n] + [None] * (len(rows[start]) - len(rows[n]))
        if all(v in (None, "") for v in row):
            continue
        out.rows += 1
        r = _row(row, n + 1, path, sheet.name, framework, period, fields, indicators, out.problems, seen)
        if r is not None:
            received.append(r)
    if not out.rows:
        raise UserError(bilingual("Bảng chỉ có dòng tiêu đề, không có cơ quan nào"), path.name,
                        f"{sheet.name}!{start + 2}")
    return out, received


def _row(row: list[Any], number: int, path: Path, sheet: str, fw: Framework, period: str,
         fields: dict[str, int], indicators: dict[int, str], problems: list[CellProblem],
         seen: dict[tuple[str, str], str]) -> TableRow | None:
    before = len(problems)

    def problem(col: int, message: Text, iid: str = "") -> None:
        problems.append(CellProblem(sheet, f"{_letter(col)}{number}", message, iid))

    def text(f: str) -> str:
        if f not in fields:
            return ""
        v = row[fields[f]]
        if isinstance(v, str) and v.startswith("="):
            problem(fields[f], Text("Ô chứa công thức; chỉ được nhập giá trị", "The cell holds a formula; type values only"))
            return ""
        return _cell_text(v)[:300]

    where_name = fields.get("name", fields.get("code", 0))
    name, code, row_period = text("name"), text("code"), text("period") or period
    unit = units.get(code) if code else None
    if code and unit is None and not name:
        problem(fields["code"], bilingual("Không có đơn vị hành chính mã {code}", code=code))
    elif not name and not code:
        problem(where_name, bilingual("Thiếu tên cơ quan"))
    if not row_period:
        problem(fields.get("period", where_name), bilingual("Thiếu kỳ đánh giá"))
    key = (row_period, unit.code if unit else code or name.casefold())
    if key[1] and key in seen:  # two rows of one agency: neither may silently win
        problem(where_name, bilingual("Cơ quan này đã có ở ô {cell}", cell=seen[key]))
    seen.setdefault(key, f"{_letter(where_name)}{number}")
    answers: dict[str, Answer] = {}
    cell_of: dict[str, int] = {}
    for col, iid in indicators.items():
        v = row[col] if col < len(row) else None
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        ind = fw.indicators[iid]
        cell_of[iid] = col
        if isinstance(v, str) and v.lstrip().startswith("="):
            problem(col, Text("Ô chứa công thức; chỉ được nhập giá trị", "The cell holds a formula; type values only"), iid)
        elif isinstance(v, str) and _norm(v) in NA_WORDS:
            if ind.allow_na:
                answers[iid] = Answer(na=True)
            else:
                problem(col, Text("Chỉ tiêu này không cho phép chọn «Không áp dụng»",
                                  "'Not applicable' is not allowed for this indicator"), iid)
        else:
            value, why = parse_answer(ind, v)
            if why is not None:
                problem(col, why, iid)
            else:
                answers[iid] = Answer(value)
    if len(problems) > before:
        return None
    agency = (Agency(name or unit.name, unit.level, unit.code, unit.parent_name, unit.parent_code) if unit
              else Agency(name or code, fw.levels[0] if fw.levels else "", code))
    data = AssessmentData(fw.id, fw.version, fw.content_hash, agency, row_period, answers)
    for p in validate(fw, data.engine_answers(), {}):
        if p.level == "error":
            problem(cell_of.get(p.indicator_id, where_name), p.message, p.indicator_id)
    if len(problems) > before:
        return None
    return TableRow(stamped(data, f"{path.name}: {sheet}!{number}:{number}", TABLE), sheet,
                    f"{_letter(where_name)}{number}")


def import_table(store: ProvinceStore, path: str | Path, framework_id: str, period: str = "",
                 version: str | None = None, accept_partial: bool = False) -> TableImport:
    """Check the whole table, then import its rows as received submissions: all of them, or
    none when any row is refused (unless `accept_partial`: then the valid rows)."""
    path = Path(path)
    try:
        fw = registry.get(framework_id, version)
    except KeyError:
        raise UserError(bilingual("Không tìm thấy bộ tiêu chí «{id}»", id=framework_id)) from None
    out, rows = read_table(path, fw, period)
    importer = Importer(store)
    checked = []
    for row in rows:  # the importer's own checks too, before anything is written
        try:
            importer.check(row.received)
        except UserError as e:
            out.problems.append(CellProblem(row.sheet, row.cell, e.message))
            continue
        checked.append(row.received)
    if out.problems and not accept_partial:
        return out
    out.report.items.extend(importer.store_received(checked))
    out.report.items.extend(ImportItem(f"{path.name}: {p.sheet}!{p.cell}", REFUSED, p.message) for p in out.problems)
    out.written = True
    return out
