"""Reading a table (xlsx or csv) a province prepared: a roster, or one row per agency with one
column per indicator. Untrusted: only a regular file is read, and the workbook's zip is checked
before openpyxl opens it (egov_desktop.untrusted: size, parts, names, unpacked sizes and ratios,
no DTD); openpyxl reads in read_only mode, and the number of rows, columns and digits is limited.
A formula cell comes back as its text ("=B2/C2"): it is never evaluated, and its cached
result is not trusted either (a hand-edited cache can show a number the formula never gave).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..i18n import bilingual
from ..untrusted import WorkbookLimits, guarded_rows, open_workbook, read_file, refusing_damage

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_ROWS = 50_000
MAX_COLUMNS = 2_000
MAX_CELL_CHARS = 5_000


LIMITS = WorkbookLimits(MAX_FILE_BYTES, MAX_UNCOMPRESSED, entries=MAX_ENTRIES)


def _refuse(path: Path, vi: str, where: str | None = None, **kw: object) -> UserError:
    return UserError(bilingual(vi, **kw), path.name, where)


@dataclass(frozen=True)
class Sheet:
    name: str                # the worksheet's title; a CSV file's name without its suffix
    rows: list[list[Any]]


def read_rows(path: str | Path) -> list[list[Any]]:
    """The first sheet's rows (values only) of an .xlsx or .csv file; UserError names the file."""
    return read_sheet(path).rows


def read_sheet(path: str | Path) -> Sheet:
    """The first sheet of an .xlsx or .csv file, with its name (for naming cells: Sheet!B7)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _refuse(path, "Chỉ nhận bảng .xlsx hoặc .csv")
    if suffix == ".csv":
        return Sheet(path.stem, _csv_rows(path, read_file(path, MAX_FILE_BYTES)))
    wb = open_workbook(path, LIMITS)
    try:
        with refusing_damage(path.name):
            ws = wb.worksheets[0]
            rows = []
            for n, row in enumerate(guarded_rows(ws.iter_rows(values_only=True), path.name, ws.title)):
                if n >= MAX_ROWS:
                    raise _refuse(path, "Bảng có quá nhiều dòng (tối đa {n})", n=MAX_ROWS)
                if len(row) > MAX_COLUMNS:
                    raise _refuse(path, "Bảng có quá nhiều cột (tối đa {n})", n=MAX_COLUMNS)
                rows.append([_cell(v) for v in row])
            return Sheet(ws.title, rows)
    finally:
        wb.close()


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        return v.strip()[:MAX_CELL_CHARS]
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return v


def _csv_rows(path: Path, raw: bytes) -> list[list[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(path, "Tệp CSV phải được lưu bằng mã UTF-8") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text), dialect)):
            if n >= MAX_ROWS or len(row) > MAX_COLUMNS:
                raise _refuse(path, "Bảng quá lớn")
            rows.append([c.strip()[:MAX_CELL_CHARS] for c in row])
    except csv.Error as e:
        raise _refuse(path, "Lỗi đọc CSV: {msg}", msg=str(e)) from None
    return rows


def header_index(header: list[Any], names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """{field: column} for the header cells that name a field (any of its accepted names)."""
    folded = [str(h or "").strip().casefold() for h in header]
    out = {}
    for field, accepted in names.items():
        for i, h in enumerate(folded):
            if h in accepted:
                out[field] = i
                break
    return out
