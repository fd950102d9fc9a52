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

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring import Framework, Text, nfc, validate
from scoring.model import CALCULATED, INTEGER, NUMBER, PERCENT
from scoring.numbers import format_number, number_readings
from sqlalchemy import select, update

from .. import units
from ..domain import Agency, Answer, AssessmentData
from ..errors import UserError
from ..exchange import assessment_file
from ..exchange.received import TABLE, Received, stamped
from ..frameworks import registry
from ..i18n import bilingual
from ..reports.excel.reader import CellProblem, parse_answer
from .importer import (
    CONFLICT, IMPORTED, REFUSED, REPLACED, UNCHANGED, WITHDRAWN, ImportItem, ImportReport, Importer,
    add_submission, slot_of,
)
from .models import SubmissionRow
from .store import ProvinceStore
from .tables import read_sheet

# Accepted header names, compared folded (case, diacritics and spacing ignored: "Tên Đơn Vị",
# "ten don vi"); docs/formats.md lists them.
AGENCY_COLUMNS = {
    "name": ("tên", "tên cơ quan", "tên đơn vị", "đơn vị", "cơ quan", "cơ quan, đơn vị", "cơ quan/đơn vị",
             "tên cơ quan, đơn vị", "xã/phường", "xã, phường", "tên xã", "tên xã/phường", "địa phương",
             "name", "agency", "agency name", "unit", "unit name", "commune"),
    "code": ("mã", "mã đơn vị", "mã cơ quan", "mã xã", "mã đvhc", "mã số", "code", "unit code", "agency code"),
    "period": ("kỳ", "kỳ đánh giá", "năm", "năm đánh giá", "period", "year", "survey year"),
    "group": ("nhóm", "nhóm đơn vị", "khối", "group"),
}
IGNORED_COLUMNS = {"stt", "tt", "so tt", "no", "no.", "#", "ghi chu", "notes", "note"}
HEADER_SEARCH_ROWS = 10
NA_WORDS = {"x", "na", "n/a", "không áp dụng", "khong ap dung", "kad", "not applicable"}
DECIMALS = {",": "vi", ".": "en"}   # --decimal: the decimal separator → the convention


def fold(v: Any) -> str:
    """A header as compared: NFC, spaces collapsed, a trailing * dropped, no case, no diacritics."""
    s = re.sub(r"\s+", " ", nfc(str(v))).strip().rstrip("*").strip().casefold().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def accepted_names(field_: str) -> str:
    return ", ".join(AGENCY_COLUMNS[field_])


@dataclass
class TableImport:
    """What came of a table: the rows' outcomes (empty when nothing was written) and every problem."""

    rows: int = 0                                  # agency rows in the table
    problems: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)   # columns ignored
    changes: list[RowChange] = field(default_factory=list)      # what the table changes in the store
    report: ImportReport = field(default_factory=ImportReport)
    written: bool = False


def _norm(v: Any) -> str:
    return re.sub(r"\s+", " ", nfc(str(v))).strip().rstrip("*").strip().casefold()


def _letter(col: int) -> str:
    """The spreadsheet letter of a 0-based column (0 → A), for naming cells."""
    from openpyxl.utils import get_column_letter
    return get_column_letter(col + 1)


def _about(fw: Framework, iid: str, message: Text) -> Text:
    """`message` prefixed with the indicator it is about: «id – label»."""
    ind = fw.indicators[iid]
    return Text(f"Chỉ tiêu «{iid} – {ind.label.vi}»: {message.vi}",
                f"Indicator '{iid} – {ind.label.en or ind.label.vi}': {message.en or message.vi}")


def _columns(fw: Framework, header: list[Any], sheet: str, header_row: int,
             problems: list[CellProblem], warnings: list[CellProblem]) -> tuple[dict[str, int], dict[int, str]]:
    """({agency field: column}, {column: indicator id}) from the header row; a column that is
    neither is ignored with a warning (a published rank, another index, a note)."""
    by_name: dict[str, str] = {}
    for ind in fw.indicators.values():
        for name in (ind.id, ind.label.vi, ind.label.en):
            if name:
                by_name.setdefault(fold(name), ind.id)
    agency_names = {fold(n): f for f, names in AGENCY_COLUMNS.items() for n in names}
    fields: dict[str, int] = {}
    indicators: dict[int, str] = {}
    ignored: list[str] = []
    for col, h in enumerate(header):
        key = fold(h) if h not in (None, "") else ""
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
            ignored.append(f"«{str(h)[:80]}» ({_letter(col)})")
    if ignored:
        warnings.append(CellProblem(sheet, f"{header_row}:{header_row}", bilingual(
            "Bỏ qua các cột không khớp với chỉ tiêu nào của bộ tiêu chí {id}: {names}",
            id=fw.id, names=", ".join(ignored))))
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
    group: str = ""      # the province's own group of the agency (a "Nhóm" column)


def _convention(rows: list[list[Any]], columns: list[int], declared: str | None) -> str | None:
    """The number convention of the table's numeric columns: the declared one, else the one the
    typed numbers decide when they all agree ("85,5" and "1.234.567" say vi), else None."""
    if declared:
        return declared
    seen = set()
    for r in rows:
        for c in columns:
            v = r[c] if c < len(r) else None
            if isinstance(v, str):
                readings = number_readings(v.rstrip("%"))
                if len(readings) == 1:
                    seen.update(readings)
    return seen.pop() if len(seen) == 1 else None


def _number_cell(v: str, convention: str | None) -> float | Text | str:
    """A number cell typed as text read by the convention: its value, or why it is refused
    (ambiguous without a convention, or not written the declared way); other text unchanged."""
    readings = number_readings(v.strip().rstrip("%").strip())  # "80%" typed as text means 80
    if not readings:
        return v
    if convention is not None:
        if convention in readings:
            return readings[convention]
        return bilingual("«{typed}» không phải là số viết theo quy ước đã chọn ({way})", typed=v,
                         way="1.234,5" if convention == "vi" else "1,234.5")
    values = set(readings.values())
    if len(values) == 1:
        return values.pop()
    return bilingual("«{typed}» có thể là {vi} (cách viết Việt Nam) hoặc {en} (cách viết tiếng Anh); "
                     "hãy chọn quy ước số: --decimal , hoặc --decimal .", typed=v,
                     vi=format_number(readings["vi"], "vi", 6), en=format_number(readings["en"], "vi", 6))


def read_table(path: str | Path, framework: Framework, period: str = "",
               decimal: str | None = None) -> tuple[TableImport, list[TableRow]]:
    """Every valid agency row of the table (checked cell by cell and by the framework's rules)
    and every problem, all in one pass; `period` is used where the table has no period column
    or cell; `decimal` ("," or ".") the decimal separator of numbers typed as text."""
    path = Path(path)
    sheet = read_sheet(path)
    out = TableImport()
    rows = sheet.rows
    filled = [n for n, r in enumerate(rows) if any(v not in (None, "") for v in r)]
    if not filled:
        raise UserError(bilingual("Bảng trống"), path.name)
    agency_headers = {fold(n) for names in (AGENCY_COLUMNS["name"], AGENCY_COLUMNS["code"]) for n in names}
    # the header: the first row naming the agency column (titles often stand above it)
    start = next((n for n in filled[:HEADER_SEARCH_ROWS] if any(fold(v) in agency_headers for v in rows[n])), None)
    if start is None:
        raise UserError(bilingual("Dòng tiêu đề thiếu cột tên cơ quan hoặc mã đơn vị. Tên cột được nhận: "
                                  "tên: {names}; mã: {codes} (không phân biệt hoa thường, dấu)",
                                  names=accepted_names("name"), codes=accepted_names("code")),
                        path.name, f"{sheet.name}!{filled[0] + 1}:{filled[0] + 1}")
    fields, indicators = _columns(framework, rows[start], sheet.name, start + 1, out.problems, out.warnings)
    if not indicators:
        raise UserError(bilingual("Không có cột nào khớp với chỉ tiêu của bộ tiêu chí {id}", id=framework.id),
                        path.name, f"{sheet.name}!{start + 1}:{start + 1}")
    numeric = [c for c, iid in indicators.items() if framework.indicators[iid].type in (INTEGER, NUMBER, PERCENT)]
    convention = _convention(rows[start + 1:], numeric, DECIMALS.get(decimal or ""))
    received: list[TableRow] = []
    seen: dict[tuple[str, str], str] = {}
    for n in range(start + 1, len(rows)):
        row = rows[n] + [None] * (len(rows[start]) - len(rows[n]))
        if all(v in (None, "") for v in row):
            continue
        out.rows += 1
        r = _row(row, n + 1, path, sheet.name, framework, period, fields, indicators, out.problems, seen,
                 convention)
        if r is not None:
            received.append(r)
    if not out.rows:
        raise UserError(bilingual("Bảng chỉ có dòng tiêu đề, không có cơ quan nào"), path.name,
                        f"{sheet.name}!{start + 2}")
    return out, received


def _row(row: list[Any], number: int, path: Path, sheet: str, fw: Framework, period: str,
         fields: dict[str, int], indicators: dict[int, str], problems: list[CellProblem],
         seen: dict[tuple[str, str], str], convention: str | None = None) -> TableRow | None:
    before = len(problems)

    def problem(col: int, message: Text, iid: str = "") -> None:
        problems.append(CellProblem(sheet, f"{_letter(col)}{number}", _about(fw, iid, message) if iid else message,
                                    iid))

    def text(f: str) -> str:
        if f not in fields:
            return ""
        v = row[fields[f]]
        if isinstance(v, str) and v.startswith("="):
            problem(fields[f], Text("Ô chứa công thức; chỉ được nhập giá trị", "The cell holds a formula; type values only"))
            return ""
        return _cell_text(v)[:300]

    where_name = fields.get("name", fields.get("code", 0))
    name, code, row_period, group = text("name"), text("code"), text("period") or period, text("group")
    unit = units.get(code, period=row_period) if code else None   # the list of the row's period
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
    cell_of = {iid: col for col, iid in indicators.items()}   # every indicator's own column, empty or not
    refused: set[str] = set()
    for col, iid in indicators.items():
        v = row[col] if col < len(row) else None
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        ind = fw.indicators[iid]
        if isinstance(v, str) and v.lstrip().startswith("="):
            problem(col, Text("Ô chứa công thức; chỉ được nhập giá trị", "The cell holds a formula; type values only"), iid)
            refused.add(iid)
        elif isinstance(v, str) and _norm(v) in NA_WORDS:
            if ind.allow_na:
                answers[iid] = Answer(na=True)
            else:
                problem(col, Text("Chỉ tiêu này không cho phép chọn «Không áp dụng»",
                                  "'Not applicable' is not allowed for this indicator"), iid)
                refused.add(iid)
        else:
            if isinstance(v, str) and ind.type in (INTEGER, NUMBER, PERCENT):
                v = _number_cell(v, convention)
                if isinstance(v, Text):
                    problem(col, v, iid)
                    refused.add(iid)
                    continue
            value, why = parse_answer(ind, v)
            if why is not None:
                problem(col, why, iid)
                refused.add(iid)
            else:
                answers[iid] = Answer(value)
    # the framework's rules too, in the same pass (an empty required cell beside a wrong one),
    # each problem once at its indicator's own cell
    reported: set[tuple[str, str]] = set()
    agency = (Agency(name or unit.name, unit.level, unit.code, unit.parent_name, unit.parent_code) if unit
              else Agency(name or code, fw.levels[0] if fw.levels else "", code))
    data = AssessmentData(fw.id, fw.version, fw.content_hash, agency, row_period, answers)
    for p in validate(fw, data.engine_answers(), {}):
        if p.level != "error" or p.indicator_id in refused or (p.indicator_id, p.message.vi) in reported:
            continue
        reported.add((p.indicator_id, p.message.vi))
        if p.indicator_id in fw.indicators:
            problem(cell_of.get(p.indicator_id, where_name), p.message, p.indicator_id)
        else:
            problem(where_name, p.message)
    if len(problems) > before:
        return None
    return TableRow(stamped(data, f"{path.name}: {sheet}!{number}:{number}", TABLE), sheet,
                    f"{_letter(where_name)}{number}", group)


# ------------------------------------------------------------------ what a table changes

NEW, CHANGED, SAME, REMOVED, OWN = "new", "changed", "same", "removed", "own"


@dataclass(frozen=True)
class RowChange:
    """What one agency's row does to the store: a new submission, other values than the table
    imported before (CHANGED, with (indicator, old, new) values), the same values (SAME), a row
    of the earlier table the new one no longer has (REMOVED), or nothing: the agency's own
    submission is there (OWN; a table never replaces what an agency sent)."""
    outcome: str
    agency: str
    period: str
    source: str
    values: tuple[tuple[str, str, str], ...] = ()
    row: TableRow | None = None
    held_id: int | None = None


def _shown(a: Answer | None) -> str:
    if a is None:
        return "—"
    if a.na:
        return "N/A"
    v = a.value
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return format_number(v, "vi", 6)
    if isinstance(v, tuple):
        return "; ".join(v)
    return str(v)


def plan(store: ProvinceStore, framework_id: str, rows: list[TableRow]) -> list[RowChange]:
    """Compare the table's rows with what the store holds for the same framework and periods:
    by the values (not by a framework version's hash, so an edit of other indicators keeps an
    identical row unchanged)."""
    periods = {r.received.data.period for r in rows}
    with store.read() as s:
        held = s.execute(select(SubmissionRow.id, SubmissionRow.slot, SubmissionRow.kind, SubmissionRow.payload,
                                SubmissionRow.agency_name, SubmissionRow.period, SubmissionRow.source_name,
                                SubmissionRow.group_name)
                         .where(SubmissionRow.framework_id == framework_id, SubmissionRow.period.in_(periods),
                                SubmissionRow.current.is_(True))).all()
    by_slot = {h.slot: h for h in held}
    out: list[RowChange] = []
    slots = set()
    for r in rows:
        data = r.received.data
        slot = slot_of(data)
        slots.add(slot)
        h = by_slot.get(slot)
        if h is None:
            out.append(RowChange(NEW, data.agency.name, data.period, r.received.source, row=r))
        elif h.kind != TABLE:
            out.append(RowChange(OWN, data.agency.name, data.period, r.received.source, row=r, held_id=h.id))
        else:
            old = assessment_file.from_payload(json.loads(h.payload), h.source_name).answers
            diff = tuple((iid, _shown(old.get(iid)), _shown(data.answers.get(iid)))
                         for iid in sorted(set(old) | set(data.answers)) if old.get(iid) != data.answers.get(iid))
            if h.group_name != r.group:
                diff += (("nhóm/group", h.group_name or "—", r.group or "—"),)
            out.append(RowChange(CHANGED if diff else SAME, data.agency.name, data.period, r.received.source,
                                 diff, r, h.id))
    out.extend(RowChange(REMOVED, h.agency_name, h.period, h.source_name, held_id=h.id)
               for h in held if h.kind == TABLE and h.slot not in slots)
    return out


def import_table(store: ProvinceStore, path: str | Path, framework_id: str, period: str = "",
                 version: str | None = None, accept_partial: bool = False, replace: bool = False,
                 dry_run: bool = False, decimal: str | None = None) -> TableImport:
    """Check the whole table, then import its rows as received submissions: all of them, or
    none when any row is refused or conflicts (unless `accept_partial`: then the valid rows).

    A row the store already holds from a table is unchanged when its values are the same; with
    other values it is a conflict, unless `replace`: then, in one transaction, the changed rows
    replace the earlier table's (kept, no longer current), the new ones are added and the
    earlier table's rows the table no longer has are withdrawn. `dry_run`: only `changes`."""
    path = Path(path)
    try:
        fw = registry.get(framework_id, version)
    except KeyError:
        raise UserError(bilingual("Không tìm thấy bộ tiêu chí «{id}»", id=framework_id)) from None
    out, rows = read_table(path, fw, period, decimal)
    importer = Importer(store)
    checked = []
    for row in rows:  # the importer's own checks too, before anything is written
        try:
            importer.check(row.received)
        except UserError as e:
            out.problems.append(CellProblem(row.sheet, row.cell, e.message))
            continue
        checked.append(row)
    out.changes = plan(store, fw.id, checked)
    if (out.problems and not accept_partial) or dry_run:
        return out
    items: list[ImportItem] = []
    for c in out.changes:
        if c.outcome == SAME:
            items.append(ImportItem(c.source, UNCHANGED, submission_id=c.held_id, agency=c.agency))
        elif c.outcome == OWN:
            items.append(ImportItem(c.source, CONFLICT, bilingual(
                "Cơ quan đã tự nộp hồ sơ cho kỳ này; bảng của Sở không thay hồ sơ của cơ quan"),
                submission_id=c.held_id, agency=c.agency))
        elif c.outcome == CHANGED and not replace:
            items.append(ImportItem(c.source, CONFLICT, bilingual(
                "Giá trị khác với bảng đã nhập trước ({n} chỉ tiêu); để thay, dùng --replace "
                "(xem trước bằng --dry-run)", n=len(c.values)), submission_id=c.held_id, agency=c.agency))
    out.report.items.extend(items)
    if any(i.outcome == CONFLICT for i in items) and not accept_partial:
        return out   # whole or not at all, as with a refused row
    out.report.items.extend(_write(importer, out.changes, replace))
    out.report.items.extend(ImportItem(f"{path.name}: {p.sheet}!{p.cell}", REFUSED, p.message) for p in out.problems)
    out.written = True
    return out


def _write(importer: Importer, changes: list[RowChange], replace: bool) -> list[ImportItem]:
    """The new rows (and, when `replace`, the changed and withdrawn ones) in one transaction:
    all or nothing."""
    items = []
    with importer.store.write() as s:
        for c in changes:
            if c.outcome in (CHANGED, REMOVED) and not replace:
                continue
            if c.outcome in (CHANGED, REMOVED):
                s.execute(update(SubmissionRow).where(SubmissionRow.id == c.held_id).values(current=False))
            if c.outcome == REMOVED:
                items.append(ImportItem(c.source, WITHDRAWN, submission_id=c.held_id, agency=c.agency))
            elif c.outcome in (CHANGED, NEW) and c.row:
                fw, sig = importer.check(c.row.received)
                data = c.row.received.data
                added = add_submission(s, c.row.received, fw, sig, slot_of(data), c.row.group)
                items.append(ImportItem(c.source, REPLACED if c.outcome == CHANGED else IMPORTED,
                                        submission_id=added, agency=c.agency,
                                        framework_id=data.framework_id, period=data.period))
    return items
