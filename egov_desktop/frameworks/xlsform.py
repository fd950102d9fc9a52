"""Frameworks as Excel workbooks in the XLSForm style (sheets survey, choices, settings, bands).

A province can author next year's indicator set in Excel: one row per indicator, pillars as
begin_group / end_group rows, scoring in extra columns. `load_framework_workbook` turns a
workbook into the same mapping a YAML file gives and builds it with the scoring engine;
`write_framework_workbook` does the reverse. The columns are documented in docs/frameworks.md
("Excel (XLSForm)").

Workbooks are untrusted input: only a regular file is read, its size, parts, their names and
unpacked sizes are limited and DTDs refused before openpyxl opens anything (egov_desktop.untrusted:
zip and XML bombs, external entities), openpyxl reads in read-only mode, numbers are bounded,
formulas are refused rather than evaluated, and every problem names the sheet and the cell.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from scoring import Framework, FrameworkError, FrameworkProblem, Text, build_framework

from ..errors import UserError
from ..untrusted import WorkbookLimits, guarded_rows, open_workbook, refusing_damage
from .limits import MAX_FRAMEWORK_BYTES

MAX_UNPACKED_BYTES = 100 * 1024 * 1024   # all parts of the workbook together, unpacked
MAX_PARTS = 2000
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000

SURVEY, CHOICES, SETTINGS, BANDS, RELATIVE = "survey", "choices", "settings", "bands", "relative"

# Indicator type in the workbook -> type in the framework. XLSForm names and our own both work.
_TYPES_IN = {
    "integer": "integer", "decimal": "number", "number": "number", "percent": "percent",
    "yes_no": "yes_no", "date": "date", "text": "text", "calculate": "calculated", "calculated": "calculated",
}
_TYPES_OUT = {"integer": "integer", "number": "decimal", "percent": "percent", "yes_no": "yes_no",
              "date": "date", "text": "text", "calculated": "calculate"}
_BEGIN = ("begin_group", "begin group")
_END = ("end_group", "end group")

# Survey columns in the order the writer puts them (constraints and targets may repeat: constraint2 …).
_SURVEY_COLUMNS = [
    "type", "name", "label::vi", "label::en", "hint::vi", "hint::en", "basis::vi", "basis::en",
    "unit::vi", "unit::en", "required", "allow_na", "min", "max", "relevant", "calculation", "decimals",
    "evidence", "na_counts", "hidden_counts", "better", "points", "weight", "rule", "numerator", "denominator", "on_zero",
    "rule_target", "rule_floor", "steps", "yes_points", "no_points", "expression",
]
_SETTINGS_COLUMNS = [
    "form_id", "version", "form_title::vi", "form_title::en", "description::vi", "description::en",
    "source::vi", "source::en", "levels", "period_from", "period_to", "service_levels", "total_method",
    "total_scale", "relative_decimals", "relative_note::vi", "relative_note::en",
    "issuer_name", "issuer_code", "issuer_algorithm", "issuer_public_key", "issuer_signature",
]
_BANDS_COLUMNS = ["min", "label::vi", "label::en", "narrative::vi", "narrative::en", "color"]
_CHOICES_COLUMNS = ["list_name", "name", "label::vi", "label::en", "points"]
_RELATIVE_COLUMNS = ["component", "label::vi", "label::en", "weight", "zscore", "normalise",
                     "indicator", "input_weight", "cap"]

# The columns each sheet may have beyond the lists above: a text column without ::vi is read as
# Vietnamese, and constraints and plan targets repeat (constraint2, plan_target2 …). Anything
# else is refused (with the nearest known name) rather than ignored.
_PLAIN_TEXT = {SURVEY: ("label", "hint", "basis", "unit"), SETTINGS: ("form_title", "description", "source",
               "relative_note"), BANDS: ("label", "narrative"), CHOICES: ("label",), RELATIVE: ("label",)}
_KNOWN_COLUMNS = {
    SURVEY: _SURVEY_COLUMNS, SETTINGS: _SETTINGS_COLUMNS, BANDS: _BANDS_COLUMNS, CHOICES: _CHOICES_COLUMNS,
    RELATIVE: _RELATIVE_COLUMNS,
}
_REPEATED_COLUMN = re.compile(
    r"^(constraint\d*(_message(::(vi|en))?|_level)?|plan_target\d*|plan_year\d*|plan_source\d*(::(vi|en))?)$")
_REPEATED_NAMES = ["constraint", "constraint_message::vi", "constraint_message::en", "constraint_level",
                   "plan_target", "plan_year", "plan_source::vi", "plan_source::en"]

# A builder problem's field -> the survey column to point at.
_FIELD_COLUMNS = {
    "id": "name", "type": "type", "label": "label::vi", "help": "hint::vi", "basis": "basis::vi",
    "unit": "unit::vi", "min": "min", "max": "max", "relevant": "relevant", "calculation": "calculation",
    "choices": "type", "scoring": "rule", "scoring.rule": "rule", "scoring.max_points": "points",
    "scoring.numerator": "numerator", "scoring.denominator": "denominator", "scoring.on_zero": "on_zero",
    "scoring.target": "rule_target", "scoring.steps": "steps", "scoring.expression": "expression",
    "na_counts": "na_counts", "hidden_counts": "hidden_counts", "better": "better", "evidence": "evidence", "title": "label::vi", "max_points": "points",
    "weight": "weight", "indicators": "type",
}


def _problem(source: str, where: str, vi: str, en: str) -> FrameworkError:
    return FrameworkError([FrameworkProblem(source, where, "", Text(vi, en))])


def _numbered(base: str, k: int) -> str:
    """constraint, constraint2, …: the k-th (1-based) repetition of a column group."""
    return base if k == 1 else f"{base}{k}"


# ---------------------------------------------------------------- reading

LIMITS = WorkbookLimits(MAX_FRAMEWORK_BYTES, MAX_UNPACKED_BYTES, entries=MAX_PARTS)


def _as_problem(e: UserError) -> FrameworkError:
    return FrameworkError([FrameworkProblem(e.path or "", e.where or "", "", e.message)])


class _Sheet:
    """The rows of one sheet as {column name: value}, each remembering its row number."""

    def __init__(self, ws, source: str):
        self.name = ws.title
        self.source = source
        self.columns: dict[str, int] = {}
        self.rows: list[tuple[int, dict[str, Any]]] = []
        rows = guarded_rows(ws.iter_rows(max_col=MAX_COLUMNS), source, ws.title)
        header = next(rows, None)
        for cell in header or ():
            v = self._value(cell)
            if isinstance(v, str) and v.strip():
                name = v.strip().lower()
                if name in self.columns:
                    raise self.error(cell.row, cell.column, f"cột «{name}» bị trùng", f"duplicate column '{name}'")
                self.columns[name] = cell.column
        for row in rows:
            if not row:
                continue
            r = row[0].row if hasattr(row[0], "row") else None
            if r is None:  # an empty read-only cell carries no row number
                r = (self.rows[-1][0] + 1) if self.rows else 2
            if r > MAX_ROWS:
                raise self.error(r, 1, f"quá nhiều dòng (tối đa {MAX_ROWS})", f"too many rows (at most {MAX_ROWS})")
            values = {}
            by_column = {getattr(c, "column", None): c for c in row}
            for name, col in self.columns.items():
                c = by_column.get(col)
                v = self._value(c) if c is not None else None
                if isinstance(v, str):
                    v = v.strip()
                if v not in (None, ""):
                    values[name] = v
            if values:
                self.rows.append((r, values))

    def _value(self, cell) -> Any:
        v = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f" or (isinstance(v, str) and v.startswith("=") and
                                                      getattr(cell, "data_type", "s") == "f"):
            raise self.error(cell.row, cell.column, "công thức Excel không được phép; hãy nhập giá trị",
                             "Excel formulas are not allowed; enter the value")
        if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
            raise self.error(cell.row, cell.column, f"ô quá dài (tối đa {MAX_CELL_CHARS} ký tự)",
                             f"cell too long (at most {MAX_CELL_CHARS} characters)")
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, float) and v.is_integer():
            return int(v)
        return v

    def cell(self, row: int, column: str | int) -> str:
        from openpyxl.utils import get_column_letter
        col = column if isinstance(column, int) else self.columns.get(column, 1)
        return f"{self.name}!{get_column_letter(col)}{row}"

    def error(self, row: int, column: str | int, vi: str, en: str) -> FrameworkError:
        return _problem(self.source, self.cell(row, column), vi, en)


def _text(values: Mapping[str, Any], base: str) -> dict | None:
    vi, en = values.get(f"{base}::vi", values.get(base)), values.get(f"{base}::en")
    if vi is None and en is None:
        return None
    return {"vi": str(vi) if vi is not None else "", "en": str(en) if en is not None else ""}


def _flag(sheet: _Sheet, row: int, values: Mapping, column: str) -> bool | None:
    v = values.get(column)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s in ("yes", "true", "1", "có", "x"):
        return True
    if s in ("no", "false", "0", "không"):
        return False
    raise sheet.error(row, column, f"cần yes hoặc no, gặp «{v}»", f"expected yes or no, got '{v}'")


def _number(sheet: _Sheet, row: int, values: Mapping, column: str) -> float | int | None:
    v = values.get(column)
    if v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
        return v
    try:
        f = float(str(v).replace(",", "."))
    except ValueError:
        raise sheet.error(row, column, f"cần một số, gặp «{v}»", f"expected a number, got '{v}'") from None
    return int(f) if f.is_integer() else f


_STEP = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*=\s*(-?\d+(?:[.,]\d+)?)\s*$")


def _steps(sheet: _Sheet, row: int, text: Any) -> list[dict]:
    out = []
    for part in str(text).split(";"):
        if not part.strip():
            continue
        m = _STEP.match(part)
        if not m:
            raise sheet.error(row, "steps", f"bậc «{part.strip()}» phải có dạng mức=điểm (ví dụ 4=20; 3=15)",
                              f"step '{part.strip()}' must read level=points (e.g. 4=20; 3=15)")
        lo, pts = (float(x.replace(",", ".")) for x in m.groups())
        out.append({"min": int(lo) if lo.is_integer() else lo, "points": int(pts) if pts.is_integer() else pts})
    return out


def _repeated(values: Mapping, base: str) -> Iterator[int]:
    k = 1
    while _numbered(base, k) in values or any(key.startswith(_numbered(base, k) + "_") for key in values):
        yield k
        k += 1


def _indicator(sheet: _Sheet, row: int, v: Mapping, itype: str) -> dict:
    ind: dict[str, Any] = {"id": str(v.get("name", "")), "type": itype}
    for key, base in (("label", "label"), ("help", "hint"), ("basis", "basis"), ("unit", "unit")):
        t = _text(v, base)
        if t is not None:
            ind[key] = t
    for key in ("required", "allow_na"):
        f = _flag(sheet, row, v, key)
        if f is not None:
            ind[key] = f
    for key in ("min", "max", "decimals"):
        n = _number(sheet, row, v, key)
        if n is not None:
            ind[key] = n
    for key in ("relevant", "calculation", "evidence", "na_counts", "hidden_counts", "better"):
        if key in v:
            ind[key] = v[key]
    constraints = []
    for k in _repeated(v, "constraint"):
        base = _numbered("constraint", k)
        if base not in v:
            raise sheet.error(row, f"{base}_message::vi", "thông báo không có ràng buộc", "a message without a constraint")
        c: dict[str, Any] = {"rule": str(v[base])}
        msg = _text(v, f"{base}_message")
        if msg is not None:
            c["message"] = msg
        if f"{base}_level" in v:
            c["level"] = v[f"{base}_level"]
        constraints.append(c)
    if constraints:
        ind["constraints"] = constraints
    if "rule" in v or "points" in v:
        s: dict[str, Any] = {"rule": v.get("rule"), "max_points": _number(sheet, row, v, "points")}
        for key in ("numerator", "denominator", "on_zero", "expression"):
            if key in v:
                s[key] = v[key]
        for key, col in (("target", "rule_target"), ("floor", "rule_floor"), ("yes", "yes_points"), ("no", "no_points")):
            n = _number(sheet, row, v, col)
            if n is not None:
                s[key] = n
        if "steps" in v:
            s["steps"] = _steps(sheet, row, v["steps"])
        ind["scoring"] = s
    targets = _targets(sheet, row, v)
    if targets:
        ind["targets"] = targets
    return ind


def _targets(sheet: _Sheet, row: int, v: Mapping) -> list[dict]:
    out = []
    for k in _repeated(v, "plan_target"):
        col = _numbered("plan_target", k)
        if col not in v:
            raise sheet.error(row, col, "thiếu giá trị chỉ tiêu kế hoạch", "missing plan target value")
        t: dict[str, Any] = {"value": v[col]}
        year = _number(sheet, row, v, _numbered("plan_year", k))
        if year is not None:
            t["year"] = year
        src = _text(v, _numbered("plan_source", k))
        if src is not None:
            t["source"] = src
        out.append(t)
    return out


def _survey(sheet: _Sheet, lists: Mapping[str, Any]) -> tuple[list[dict], dict[str, tuple[int, str]], dict[str, int]]:
    """Pillars from the survey rows; also where each indicator and pillar sits (for messages)."""
    if "type" not in sheet.columns or "name" not in sheet.columns:
        raise _problem(sheet.source, f"{sheet.name}!1", "trang survey cần các cột type và name",
                       "the survey sheet needs the columns type and name")
    pillars: list[dict] = []
    rows_of: dict[str, tuple[int, str]] = {}
    pillar_rows: dict[str, int] = {}
    current: dict | None = None
    for row, v in sheet.rows:
        raw_type = str(v.get("type", "")).strip()
        kind = raw_type.lower()
        if not kind:
            raise sheet.error(row, "type", "thiếu kiểu (type)", "missing type")
        if kind in _BEGIN:
            if current is not None:
                raise sheet.error(row, "type", "nhóm lồng trong nhóm: hãy đóng nhóm trước bằng end_group",
                                  "a group inside a group: close the previous one with end_group")
            current = {"id": str(v.get("name", "")), "indicators": []}
            title = _text(v, "label")
            if title is not None:
                current["title"] = title
            desc = _text(v, "hint")
            if desc is not None:
                current["description"] = desc
            for key, col in (("max_points", "points"), ("weight", "weight")):
                n = _number(sheet, row, v, col)
                if n is not None:
                    current[key] = n
            targets = _targets(sheet, row, v)
            if targets:
                current["targets"] = targets
            pillars.append(current)
            pillar_rows[current["id"]] = row
            continue
        if kind in _END:
            if current is None:
                raise sheet.error(row, "type", "end_group không có begin_group", "end_group without begin_group")
            current = None
            continue
        if current is None:
            raise sheet.error(row, "type", "chỉ tiêu phải nằm trong một nhóm (begin_group … end_group)",
                              "an indicator must sit inside a group (begin_group … end_group)")
        parts = raw_type.split()
        if parts[0].lower() in ("select_one", "select_multiple"):
            if len(parts) != 2:
                raise sheet.error(row, "type", f"«{raw_type}»: cần tên danh sách lựa chọn (ví dụ select_one muc_do)",
                                  f"'{raw_type}': needs a choice list name (e.g. select_one levels)")
            if parts[1] not in lists:
                raise sheet.error(row, "type", f"danh sách lựa chọn «{parts[1]}» không có trong trang choices",
                                  f"choice list '{parts[1]}' is not in the choices sheet")
            itype = "choice" if parts[0].lower() == "select_one" else "multiple"
            ind = _indicator(sheet, row, v, itype)
            ind["choices"] = parts[1]
        elif kind in _TYPES_IN:
            ind = _indicator(sheet, row, v, _TYPES_IN[kind])
        else:
            raise sheet.error(row, "type", f"kiểu «{raw_type}» không hỗ trợ", f"unsupported type '{raw_type}'")
        current["indicators"].append(ind)
        rows_of[ind["id"]] = (row, ind["id"])
    if current is not None:
        raise _problem(sheet.source, f"{sheet.name}!{pillar_rows[current['id']]}",
                       f"nhóm «{current['id']}» chưa được đóng bằng end_group",
                       f"group '{current['id']}' is not closed by end_group")
    return pillars, rows_of, pillar_rows


def _choice_lists(sheet: _Sheet | None) -> dict[str, list[dict]]:
    lists: dict[str, list[dict]] = {}
    if sheet is None:
        return lists
    for row, v in sheet.rows:
        name = v.get("list_name")
        if name is None or "name" not in v:
            raise sheet.error(row, "list_name" if name is None else "name", "cần list_name và name",
                              "needs list_name and name")
        c: dict[str, Any] = {"id": str(v["name"])}
        label = _text(v, "label")
        if label is not None:
            c["label"] = label
        pts = _number(sheet, row, v, "points")
        if pts is not None:
            c["points"] = pts
        lists.setdefault(str(name), []).append(c)
    return lists


def _settings(sheet: _Sheet | None, source: str) -> dict:
    if sheet is None or not sheet.rows:
        raise _problem(source, SETTINGS, "thiếu trang settings (form_id, version, form_title)",
                       "missing the settings sheet (form_id, version, form_title)")
    row, v = sheet.rows[0]
    d: dict[str, Any] = {"id": v.get("form_id"), "version": v.get("version")}
    if isinstance(d["version"], (int, float)):
        d["version"] = str(d["version"])
    for key, base in (("title", "form_title"), ("description", "description"), ("source", "source")):
        t = _text(v, base)
        if t is not None:
            d[key] = t
    if "levels" in v:
        d["levels"] = [x.strip() for x in str(v["levels"]).split(",") if x.strip()]
    d["period"] = {"from": v.get("period_from"), "to": v.get("period_to")}
    if "service_levels" in v:
        d["service_levels"] = v["service_levels"]
    total: dict[str, Any] = {}
    if "total_method" in v:
        total["method"] = v["total_method"]
    scale = _number(sheet, row, v, "total_scale")
    if scale is not None:
        total["scale"] = scale
    if total:
        d["total"] = total
    if "issuer_name" in v:  # the issuing agency and its signature (frameworks/issuer.py)
        d["issuer"] = {"name": str(v["issuer_name"]), "code": str(v.get("issuer_code", "")),
                       "signature": {"algorithm": str(v.get("issuer_algorithm", "")),
                                     "public_key": str(v.get("issuer_public_key", "")),
                                     "value": str(v.get("issuer_signature", ""))}}
    return d


def _bands(sheet: _Sheet | None) -> list[dict]:
    out = []
    for row, v in (sheet.rows if sheet else ()):
        b: dict[str, Any] = {"min": _number(sheet, row, v, "min")}
        for key in ("label", "narrative"):
            t = _text(v, key)
            if t is not None:
                b[key] = t
        if "color" in v:
            b["color"] = str(v["color"])
        out.append(b)
    return out


def _relative(sheet: _Sheet | None, settings_sheet: _Sheet | None) -> dict | None:
    if sheet is None or not sheet.rows:
        return None
    components: list[dict] = []
    for row, v in sheet.rows:
        if "component" in v and (not components or components[-1]["id"] != str(v["component"])):
            c: dict[str, Any] = {"id": str(v["component"]), "inputs": []}
            label = _text(v, "label")
            if label is not None:
                c["label"] = label
            w = _number(sheet, row, v, "weight")
            if w is not None:
                c["weight"] = w
            z = _flag(sheet, row, v, "zscore")
            if z is not None:
                c["zscore"] = z
            if "normalise" in v:
                c["normalise"] = v["normalise"]
            components.append(c)
        if not components:
            raise sheet.error(row, "component", "dòng đầu cần tên thành phần", "the first row needs a component")
        if "indicator" in v:
            i: dict[str, Any] = {"indicator": str(v["indicator"])}
            for key, col in (("weight", "input_weight"), ("cap", "cap")):
                n = _number(sheet, row, v, col)
                if n is not None:
                    i[key] = n
            components[-1]["inputs"].append(i)
    rel: dict[str, Any] = {"components": components}
    if settings_sheet is not None and settings_sheet.rows:
        row, v = settings_sheet.rows[0]
        dec = _number(settings_sheet, row, v, "relative_decimals")
        if dec is not None:
            rel["decimals"] = dec
        note = _text(v, "relative_note")
        if note is not None:
            rel["note"] = note
    return rel


def read_framework_workbook(path: str | Path) -> tuple[dict, dict]:
    """(framework mapping, places) from a workbook; places map ids to survey cells for messages."""
    path = Path(path)
    source = path.name
    try:
        wb = open_workbook(path, LIMITS, source)
    except UserError as e:
        raise _as_problem(e) from None
    try:
        names = {n.lower(): n for n in wb.sheetnames}
        if SURVEY not in names:
            raise _problem(source, "", "sổ tính thiếu trang «survey»", "the workbook has no 'survey' sheet")
        with refusing_damage(source):
            sheets = {key: (_Sheet(wb[names[key]], source) if key in names else None)
                      for key in (SURVEY, CHOICES, SETTINGS, BANDS, RELATIVE)}
    except UserError as e:
        raise _as_problem(e) from None
    finally:
        wb.close()
    _check_columns(sheets, source)
    lists = _choice_lists(sheets[CHOICES])
    pillars, rows_of, pillar_rows = _survey(sheets[SURVEY], lists)
    data = _settings(sheets[SETTINGS], source)
    bands = _bands(sheets[BANDS])
    if bands:
        data["bands"] = bands
    if lists:
        data["choice_lists"] = lists
    data["pillars"] = pillars
    relative = _relative(sheets[RELATIVE], sheets[SETTINGS])
    if relative is not None:
        data["relative"] = relative
    return data, {"sheet": sheets[SURVEY], "indicators": rows_of, "pillars": pillar_rows}


def _check_columns(sheets: Mapping[str, "_Sheet | None"], source: str) -> None:
    """Every column the workbook has that the program does not read, at once, with a suggestion."""
    import difflib

    problems = []
    for key, sheet in sheets.items():
        if sheet is None:
            continue
        known = [*_KNOWN_COLUMNS[key], *_PLAIN_TEXT[key]]
        names = known + (_REPEATED_NAMES if key == SURVEY else [])
        for name, col in sheet.columns.items():
            if name in known or (key == SURVEY and _REPEATED_COLUMN.match(name)):
                continue
            near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            hint_vi = f"; có phải «{near[0]}»?" if near else f" (các cột hợp lệ: {', '.join(names)})"
            hint_en = f"; did you mean '{near[0]}'?" if near else f" (known columns: {', '.join(names)})"
            problems.append(FrameworkProblem(source, sheet.cell(1, col), name, Text(
                f"cột «{name}» không được chương trình đọc{hint_vi}", f"unknown column '{name}'{hint_en}")))
    if problems:
        raise FrameworkError(problems)


_PLACE = re.compile(r"^pillars\[\d+\] \((?P<pillar>[^)]*)\)(?:\.indicators\[\d+\] \((?P<ind>[^)]*)\))?")


def _cell_of(problem: FrameworkProblem, places: dict) -> str:
    """The survey cell of a builder problem (e.g. survey!P12), or its original place."""
    m = _PLACE.match(problem.where or "")
    if not m:
        return problem.where
    sheet: _Sheet = places["sheet"]
    field = (problem.field or "").split("[")[0] if problem.field.startswith("constraints") else problem.field
    column = _FIELD_COLUMNS.get(field, "constraint" if field == "constraints" else "name")
    if m["ind"] and m["ind"] in places["indicators"]:
        row = places["indicators"][m["ind"]][0]
        return f"{sheet.cell(row, column)} ({m['ind']})"
    if m["pillar"] in places["pillars"]:
        return f"{sheet.cell(places['pillars'][m['pillar']], column)} ({m['pillar']})"
    return problem.where


def load_framework_workbook(path: str | Path) -> Framework:
    """A Framework from an .xlsx workbook; FrameworkError names the file, the sheet and the cell."""
    path = Path(path)
    data, places = read_framework_workbook(path)
    try:
        return build_framework(data, path.name)
    except FrameworkError as e:
        raise FrameworkError([FrameworkProblem(p.source, _cell_of(p, places), p.field, p.message)
                              for p in e.problems]) from None


# ---------------------------------------------------------------- writing

def _text_cells(row: dict, base: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        row[f"{base}::vi"] = value.get("vi") or ""
        row[f"{base}::en"] = value.get("en") or ""
    else:
        row[f"{base}::vi"] = str(value)


def _target_cells(row: dict, targets: Any) -> None:
    for k, t in enumerate(targets or (), start=1):
        row[_numbered("plan_target", k)] = t.get("value")
        if t.get("year") is not None:
            row[_numbered("plan_year", k)] = t["year"]
        _text_cells(row, _numbered("plan_source", k), t.get("source"))


def _survey_rows(framework: Mapping, lists: dict[str, list]) -> list[dict]:
    rows = []
    for p in framework.get("pillars") or ():
        g: dict[str, Any] = {"type": "begin_group", "name": p.get("id")}
        _text_cells(g, "label", p.get("title"))
        _text_cells(g, "hint", p.get("description"))
        if p.get("max_points") is not None:
            g["points"] = p["max_points"]
        if p.get("weight") is not None:
            g["weight"] = p["weight"]
        _target_cells(g, p.get("targets"))
        rows.append(g)
        for ind in p.get("indicators") or ():
            itype = ind.get("type")
            r: dict[str, Any] = {"name": ind.get("id")}
            if itype in ("choice", "multiple"):
                choices = ind.get("choices")
                name = choices if isinstance(choices, str) else str(ind.get("id"))
                if not isinstance(choices, str):
                    lists[name] = list(choices or ())
                r["type"] = f"{'select_one' if itype == 'choice' else 'select_multiple'} {name}"
            else:
                r["type"] = _TYPES_OUT.get(itype, itype)
            for key, base in (("label", "label"), ("help", "hint"), ("basis", "basis"), ("unit", "unit")):
                _text_cells(r, base, ind.get(key))
            for key in ("required", "allow_na"):
                if key in ind:
                    r[key] = "yes" if ind[key] else "no"
            for key in ("min", "max", "relevant", "calculation", "decimals", "evidence", "na_counts", "hidden_counts",
                        "better"):
                if ind.get(key) is not None:
                    r[key] = ind[key]
            for k, c in enumerate(ind.get("constraints") or (), start=1):
                base = _numbered("constraint", k)
                c = {"rule": c} if isinstance(c, str) else c
                r[base] = c.get("rule")
                _text_cells(r, f"{base}_message", c.get("message"))
                if c.get("level"):
                    r[f"{base}_level"] = c["level"]
            s = ind.get("scoring")
            if s:
                r["rule"] = s.get("rule")
                r["points"] = s.get("max_points")
                for key in ("numerator", "denominator", "on_zero", "expression"):
                    if s.get(key) is not None:
                        r[key] = s[key]
                for key, col in (("target", "rule_target"), ("floor", "rule_floor"), ("yes", "yes_points"), ("no", "no_points")):
                    if s.get(key) is not None:
                        r[col] = s[key]
                if s.get("steps"):
                    r["steps"] = "; ".join(f"{st['min']:g}={st['points']:g}" for st in s["steps"])
            _target_cells(r, ind.get("targets"))
            rows.append(r)
        rows.append({"type": "end_group", "name": p.get("id")})
    return rows


# Column widths (characters) for a workbook a province officer edits in Excel: texts wide and
# wrapped, codes and numbers narrow. Only how it looks: the reader ignores styles.
_WIDE = ("label", "hint", "basis", "form_title", "description", "source", "narrative", "constraint_message",
         "plan_source", "relative_note")
_MEDIUM = ("type", "name", "relevant", "calculation", "constraint", "numerator", "denominator", "expression",
           "steps", "unit", "list_name", "issuer")


def _width(column: str) -> int:
    base = re.sub(r"\d+", "", column.split("::")[0])
    if base.startswith(_WIDE):
        return 45
    if base.startswith(_MEDIUM):
        return 22
    return 11


def _put(ws, columns: list[str], rows: list[dict]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(columns)
    for r in rows:
        ws.append([r.get(c) for c in columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    wide = {i for i, name in enumerate(columns) if _width(name) >= 45}
    for row in ws.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            if isinstance(cell.value, str):
                if i in wide:
                    cell.alignment = wrap
                if cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text (formula injection)
    for i, name in enumerate(columns, start=1):
        ws.cell(1, i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = _width(name)
    ws.freeze_panes = "C2" if ws.title == SURVEY else "A2"  # the header and the type and id stay in view


def _columns(base: list[str], rows: list[dict]) -> list[str]:
    extra = []
    for r in rows:
        for key in r:
            if key not in base and key not in extra:
                extra.append(key)
    return base + sorted(extra, key=lambda k: (re.sub(r"\d+", "", k.split("::")[0]), k))


def write_framework_workbook(framework: Mapping[str, Any], path: str | Path) -> Path:
    """Write a framework mapping (as read from YAML) as an XLSForm-style workbook."""
    from openpyxl import Workbook  # only when a workbook is written (start-up speed)
    path = Path(path)
    lists: dict[str, list] = {k: list(v) for k, v in (framework.get("choice_lists") or {}).items()}
    survey = _survey_rows(framework, lists)
    period = framework.get("period") or {}
    total = framework.get("total") or {}
    settings: dict[str, Any] = {
        "form_id": framework.get("id"), "version": str(framework.get("version", "")),
        "levels": ", ".join(framework.get("levels") or ()), "period_from": period.get("from"),
        "period_to": period.get("to"), "service_levels": framework.get("service_levels"),
        "total_method": total.get("method"), "total_scale": total.get("scale"),
    }
    for key, base in (("title", "form_title"), ("description", "description"), ("source", "source")):
        _text_cells(settings, base, framework.get(key))
    issuer = framework.get("issuer") or {}
    if issuer:
        sig = issuer.get("signature") or {}
        settings.update({"issuer_name": issuer.get("name"), "issuer_code": issuer.get("code"),
                         "issuer_algorithm": sig.get("algorithm"), "issuer_public_key": sig.get("public_key"),
                         "issuer_signature": sig.get("value")})
    settings = {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in settings.items()}
    wb = Workbook()
    ws = wb.active
    ws.title = SURVEY
    _put(ws, _columns(_SURVEY_COLUMNS, survey), survey)
    choices = []
    for name, items in lists.items():
        for c in items:
            row = {"list_name": name, "name": c.get("id"), "points": c.get("points")}
            _text_cells(row, "label", c.get("label"))
            choices.append(row)
    _put(wb.create_sheet(CHOICES), _CHOICES_COLUMNS, choices)
    bands = []
    for b in framework.get("bands") or ():
        row = {"min": b.get("min"), "color": b.get("color")}
        _text_cells(row, "label", b.get("label"))
        _text_cells(row, "narrative", b.get("narrative"))
        bands.append(row)
    _put(wb.create_sheet(BANDS), _BANDS_COLUMNS, bands)
    rel = framework.get("relative")
    if rel:
        settings["relative_decimals"] = rel.get("decimals")
        _text_cells(settings, "relative_note", rel.get("note"))
        rrows = []
        for c in rel.get("components") or ():
            for k, i in enumerate(c.get("inputs") or ()):
                i = {"indicator": i} if isinstance(i, str) else i
                row = {"component": c.get("id"), "indicator": i.get("indicator"),
                       "input_weight": i.get("weight"), "cap": i.get("cap")}
                if k == 0:
                    row.update({"weight": c.get("weight"), "normalise": c.get("normalise"),
                                "zscore": None if c.get("zscore") is None else ("yes" if c["zscore"] else "no")})
                    _text_cells(row, "label", c.get("label"))
                rrows.append(row)
        _put(wb.create_sheet(RELATIVE), _RELATIVE_COLUMNS, rrows)
    _put(wb.create_sheet(SETTINGS), _SETTINGS_COLUMNS, [settings])
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)  # never a half-written workbook in place of a good one
    return path
