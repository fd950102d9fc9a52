"""Reading files that came from outside: every reader's work bounded, not only its bytes.

One place for what every importer needs before it parses anything (assessment files, PDFs,
framework YAML and workbooks, filled templates, tables, rosters, key files):

- `read_file`: only a regular file is read (a pipe, a device or a link to one is refused
  before it is opened, and checked again on the open handle), at most `limit` bytes;
- `load_json`: integers of at most MAX_INT_DIGITS digits, no NaN/Infinity, nesting at most
  `max_depth` deep, no lone surrogate in any text;
- `check_workbook`: the zip of an .xlsx: number and names of its parts (no absolute path, no
  `..`, with either slash), each part's unpacked size and ratio, the total, and no DTD in any
  XML part (entity expansion and external entities are refused whatever XML parser reads on);
- `guarded_rows`: a worksheet's rows, each cell's number bounded, a parse error inside the
  part named by sheet and row, and the time spent on one part bounded.

Problems raise UserError naming the file and the place.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
import stat
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scoring import FrameworkError
from scoring.record import Record

from .errors import UserError
from .i18n import bilingual

MAX_INT_DIGITS = 15        # beyond any count or amount a questionnaire asks for; floats lose digits past it
MAX_CELL_NUMBER = 10 ** MAX_INT_DIGITS
MAX_JSON_DEPTH = 32
MAX_PART_SECONDS = 60.0    # reading one worksheet: a real one takes well under a second

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# the only way JSON text decoded from UTF-8 can hold a surrogate: an escape such as \ud800
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
# C0 control characters other than tab, line feed and carriage return (XML 1.0 cannot hold them)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _fail(source: str, vi: str, where: str | None = None, **kw: object) -> UserError:
    return UserError(bilingual(vi, **kw), source, where)


def unreadable(e: OSError, source: str) -> UserError:
    """The cause of an OS error in words."""
    if isinstance(e, PermissionError):
        return _fail(source, "Không có quyền đọc tệp này")
    if isinstance(e, FileNotFoundError):
        return _fail(source, "Không tìm thấy tệp")
    if isinstance(e, IsADirectoryError):
        return _fail(source, "Đây là một thư mục, không phải tệp")
    return _fail(source, "Không đọc được tệp: {reason}", reason=e.strerror or type(e).__name__)


# ------------------------------------------------------------------ files


def check_regular(path: Path, source: str | None = None) -> os.stat_result:
    """The stat of `path` if it is a regular file (links followed: a link is judged by its target)."""
    source = source or path.name
    try:
        st = os.stat(path)
    except OSError as e:
        raise unreadable(e, source) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(source, "Đây là một thư mục, không phải tệp")
    if stat.S_ISFIFO(st.st_mode):
        raise _fail(source, "Đây là một ống dẫn (FIFO), không phải tệp; không đọc")
    if not stat.S_ISREG(st.st_mode):
        raise _fail(source, "Đây là một thiết bị hoặc tệp đặc biệt, không phải tệp thông thường; không đọc")
    return st


def read_file(path: str | Path, limit: int, source: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; UserError otherwise."""
    path = Path(path)
    source = source or path.name
    st = check_regular(path, source)
    if st.st_size > limit:
        raise _fail(source, "Tệp quá lớn ({kb} KB; tối đa {max} KB)", kb=st.st_size // 1024, max=limit // 1024)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced between the check and the open
                raise _fail(source, "Đây là một thiết bị hoặc tệp đặc biệt, không phải tệp thông thường; không đọc")
            # the size stat gave, and one byte more to see a file that grew since: read(limit + 1)
            # alone would set aside `limit` bytes (50 MB for a PDF) for every file
            data = f.read(min(st.st_size, limit) + 1)
            if len(data) > st.st_size:
                data += f.read(limit + 1 - len(data))
    except OSError as e:
        raise unreadable(e, source) from None
    if len(data) > limit:
        raise _fail(source, "Tệp quá lớn (tối đa {max} KB)", max=limit // 1024)
    return data


# ------------------------------------------------------------------ JSON


class _NumberTooLong(ValueError):
    pass


def _parse_int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberTooLong(s)
    return int(s)


def _parse_constant(s: str) -> Any:
    raise _NumberTooLong(s)


def _place(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"dòng {line}, cột {pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


def load_json(raw: bytes, source: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parsed JSON whose every number, nesting level and text is bounded; UserError names the place."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _fail(source, "Tệp không phải văn bản UTF-8", f"byte {e.start}") from None
    try:
        data = json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except _NumberTooLong as e:
        token = str(e)
        m = re.search(r"-?\d{%d,}" % (MAX_INT_DIGITS + 1), text) if token[-1:].isdigit() else None
        where = _place(text, m.start()) if m else None
        raise _fail(source, "Số không hợp lệ hoặc quá lớn (tối đa {n} chữ số): {value}", where,
                    n=MAX_INT_DIGITS, value=token[:20] + ("…" if len(token) > 20 else "")) from None
    except json.JSONDecodeError as e:
        raise _fail(source, "Lỗi cú pháp JSON: {msg}", f"dòng {e.lineno}, cột {e.colno}", msg=e.msg) from None
    except RecursionError:
        raise _fail(source, "Dữ liệu lồng nhau quá sâu (tối đa {n} tầng)", n=max_depth) from None
    check_tree(data, source, max_depth, strings=_ESCAPED_SURROGATE.search(text) is not None)
    return data


def check_tree(data: Any, source: str, max_depth: int = MAX_JSON_DEPTH, strings: bool = True) -> None:
    """Refuse nesting deeper than `max_depth` and text no UTF-8 can hold (a lone surrogate),
    walking without recursion, before anything else walks the data. `strings=False`: the
    data was parsed from UTF-8 text without a surrogate escape, so no text can hold one.

    A first walk only tells whether anything is wrong (a sound file, nearly every one, builds
    no place names); a second one then names the place."""
    if not _faulty(data, max_depth, strings):
        return
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > max_depth:
            raise _fail(source, "Dữ liệu lồng nhau quá sâu (tối đa {n} tầng)", where or None, n=max_depth)
        if isinstance(node, dict):
            for k, v in node.items():
                at = f"{where}.{k}" if where else str(k)
                if isinstance(k, str) and _SURROGATE.search(k):
                    raise _fail(source, "Văn bản chứa ký tự không hợp lệ (nửa cặp UTF-16)", _safe(at))
                stack.append((v, at, depth + 1))
        elif isinstance(node, list):
            stack.extend((v, f"{where}[{i}]", depth + 1) for i, v in enumerate(node))
        elif isinstance(node, str) and _SURROGATE.search(node):
            raise _fail(source, "Văn bản chứa ký tự không hợp lệ (nửa cặp UTF-16)", _safe(where) or None)


def _faulty(data: Any, max_depth: int, strings: bool) -> bool:
    """Whether check_tree has anything to refuse (the same walk, without the places)."""
    if max_depth < 0:
        return True
    search = _SURROGATE.search
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if strings and any(isinstance(k, str) and search(k) for k in node):
                return True
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:   # a text (pushed only when `strings`), or the data itself
            if strings and isinstance(node, str) and search(node):
                return True
            continue
        if children and depth >= max_depth:   # a child one level too deep
            return True
        stack.extend((v, depth + 1) for v in children if isinstance(v, (dict, list)) or
                     (strings and isinstance(v, str)))
    return False


def _safe(where: str) -> str:
    """A place that can itself be printed (a key may hold the very character refused)."""
    return _SURROGATE.sub("\ufffd", where)[:200]


# ------------------------------------------------------------------ workbooks


class WorkbookLimits(Record):
    """How big a workbook (a zip of XML parts) may be, whole and unpacked."""

    file_bytes: int
    unpacked: int                      # all parts together
    part: int = 64 * 1024 * 1024       # one part (worksheets are streamed row by row)
    shared_strings: int = 8 * 1024 * 1024  # read whole into memory by openpyxl, even read-only
    entries: int = 2000
    ratio: int = 100                   # a real part compresses 5–40×; a part above 1 MB beyond this is refused


_XML_PARTS = (".xml", ".rels", ".vml")
_PROLOG_BYTES = 64 * 1024
_ROOT = re.compile(rb"<[A-Za-z_]")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _bad_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or ":" in name or "\0" in name


def check_workbook(data: bytes, source: str, limits: WorkbookLimits) -> None:
    """Refuse a workbook that could exhaust memory, disk or time, or expand entities, before
    openpyxl reads it. The declared sizes bound the real ones: Python's zipfile never inflates
    a part beyond its declared size."""
    if len(data) > limits.file_bytes:
        raise _fail(source, "Tệp quá lớn ({kb} KB; tối đa {max} KB)", kb=len(data) // 1024,
                    max=limits.file_bytes // 1024)
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _fail(source, "Không phải tệp Excel (.xlsx) hợp lệ") from None
    with z:
        infos = z.infolist()
        if len(infos) > limits.entries:
            raise _fail(source, "Tệp Excel có quá nhiều thành phần ({n})", n=len(infos))
        total = 0
        for i in infos:
            name = i.filename
            if _bad_name(name):
                raise _fail(source, "Tệp Excel chứa đường dẫn không hợp lệ ({name})", name=name[:100])
            total += i.file_size
            cap = limits.shared_strings if name.lower().endswith("sharedstrings.xml") else limits.part
            ratio = i.file_size / max(i.compress_size, 1)
            if i.file_size > cap or total > limits.unpacked or (i.file_size > 1024 * 1024 and ratio > limits.ratio):
                raise _fail(source, "Tệp Excel giải nén ra quá lớn hoặc bị nén bất thường (nghi «bom nén»); "
                                    "từ chối mở", name[:100])
        if "xl/workbook.xml" not in {i.filename for i in infos}:
            raise _fail(source, "Không phải tệp Excel (.xlsx) hợp lệ")
        for i in infos:
            if i.filename.lower().endswith(_XML_PARTS):
                _check_xml_part(z, i, source)


def _check_xml_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> None:
    """No DTD in the part's prolog (a DOCTYPE can only stand before the root element), in UTF-8."""
    try:
        with z.open(info) as f:
            head = f.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise _fail(source, "Tệp Excel bị hỏng", info.filename[:100]) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in head[:256]:
        raise _fail(source, "Phần XML không ở mã UTF-8; từ chối mở", info.filename[:100])
    root = _ROOT.search(head)
    prolog = head[: root.start()] if root else head
    if _DTD.search(prolog):
        raise _fail(source, "Tệp Excel chứa khai báo DTD (DOCTYPE, ENTITY): có thể là tệp độc hại; từ chối mở",
                    info.filename[:100])
    if root is None and info.file_size > _PROLOG_BYTES:
        raise _fail(source, "Tệp Excel bị hỏng", info.filename[:100])


def open_workbook(path: str | Path, limits: WorkbookLimits, source: str | None = None):
    """An openpyxl workbook (read-only, formulas kept as formulas) of a checked file."""
    path = Path(path)
    source = source or path.name
    data = read_file(path, limits.file_bytes, source)
    check_workbook(data, source, limits)
    from openpyxl import load_workbook
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as e:  # noqa: BLE001 - openpyxl raises many kinds on broken parts; none may escape
        raise _fail(source, "Tệp Excel bị hỏng hoặc không đúng định dạng ({kind})", kind=type(e).__name__) from None


def cell_value(v: Any, source: str, where: str) -> Any:
    """A cell's value, refusing numbers no answer can hold (huge integers, infinities)."""
    if isinstance(v, int) and not isinstance(v, bool):
        if not -MAX_CELL_NUMBER < v < MAX_CELL_NUMBER:
            raise _fail(source, "Số quá lớn (tối đa {n} chữ số)", where, n=MAX_INT_DIGITS)
    elif isinstance(v, float) and not math.isfinite(v):
        raise _fail(source, "Số không hợp lệ", where)
    return v


def guarded_rows(rows: Iterable, source: str, sheet: str, first_row: int = 1,
                 seconds: float | None = None) -> Iterator[tuple]:
    """The rows of a worksheet iterator (cells or plain values), every number checked by
    `cell_value`, a damaged part reported with the sheet and the row reached, and at most
    `seconds` spent."""
    deadline = time.monotonic() + (MAX_PART_SECONDS if seconds is None else seconds)
    it = iter(rows)
    n = first_row
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except (UserError, FrameworkError):
            raise
        except Exception as e:  # noqa: BLE001 - a truncated part, a mismatched tag, a bad number
            raise _fail(source, "Trang tính bị hỏng ({kind})", f"{sheet}!{n}", kind=type(e).__name__) from None
        if n % 256 == 0 and time.monotonic() > deadline:
            raise _fail(source, "Đọc trang tính quá lâu; từ chối (tệp bất thường)", f"{sheet}!{n}")
        for c in row:
            if hasattr(c, "value"):
                cell_value(c.value, source, f"{sheet}!{getattr(c, 'coordinate', n)}")
            else:
                cell_value(c, source, f"{sheet}!{n}")
        yield row
        n += 1


@contextmanager
def refusing_damage(source: str, where: str | None = None):
    """Inside: any failure of a parser on an untrusted file (openpyxl's many kinds) becomes
    a UserError naming the file; the program's own UserErrors pass unchanged."""
    try:
        yield
    except (UserError, FrameworkError):
        raise
    except (Exception, RecursionError) as e:  # noqa: BLE001
        raise _fail(source, "Tệp Excel bị hỏng hoặc không đúng định dạng ({kind})", where,
                    kind=type(e).__name__) from None
