"""Valid samples of every importable file and the hostile variants made from them.

Large hostile files (zip bombs under the ratio limit, endless devices) are made by code here;
small ones found by the fuzz tests are kept in corpus/ as regression cases. `readers(path)`
lists every importer a file fits, each a callable that must either succeed or raise the
program's UserError (or the framework loader's FrameworkError): never anything else.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook

from egov_desktop.exchange import assessment_file
from egov_desktop.reports.excel.template import write_template
from tests.core.exchange_samples import assessment, install_framework, report_pdf

CORPUS = Path(__file__).parent / "corpus"

# ------------------------------------------------------------------ valid samples


def assessment_bytes(**kw) -> bytes:
    return assessment_file.dumps(assessment(**kw))


def payload(**kw) -> dict:
    return json.loads(assessment_bytes(**kw))


def restamped(p: dict) -> bytes:
    """The payload with a content hash matching it again (a hostile sender can always do that)."""
    p = dict(p)
    p["content_hash"] = assessment_file.compute_hash(p)
    return json.dumps(p, ensure_ascii=False).encode("utf-8")


def pdf_bytes(**kw) -> bytes:
    return report_pdf(assessment(**kw))


def template_bytes(values: dict | None = None) -> bytes:
    """A filled template of the test framework: agency, period and a few answers."""
    fw = install_framework()
    wb = load_workbook(io.BytesIO(write_template(fw)))
    ws = wb.worksheets[0]
    ws["C4"], ws["C6"] = "UBND xã Thử", "2025"
    values = {"staff": 20, "computers": 15, "lan": "Có", **(values or {})}
    for row in ws.iter_rows(min_row=9):
        if row[7].value in values:
            row[2].value = values[row[7].value]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_bytes(rows: list[list] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["Mã đơn vị", "Tên cơ quan", "staff", "computers", "lan", "dvc_pct", "portal"])
    for r in rows if rows is not None else [["19723", "UBND phường Đồng Hới", 20, 15, "Có", 60, "Không"]]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def framework_workbook_bytes(folder: Path) -> bytes:
    from egov_desktop.frameworks.xlsform import write_framework_workbook
    from tests.core.exchange_samples import FRAMEWORK

    return write_framework_workbook(FRAMEWORK, folder / "fw.xlsx").read_bytes()


def framework_yaml(extra: str = "") -> str:
    return (
        "id: xa-hostile\nversion: '1'\ntitle: {vi: Thử}\nlevels: [commune]\n"
        "period: {from: 2025-07-01}\n"
        "pillars:\n- id: p\n  title: {vi: P}\n  max_points: 10\n  indicators:\n"
        "  - id: a\n    label: {vi: A}\n    type: integer\n" + extra)


# ------------------------------------------------------------------ hostile variants


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None,
          level: int = 6) -> bytes:
    """The workbook with each part passed through `change` (None drops it) and parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                     compresslevel=level) as dst:
        for item in src.infolist():
            new = change(item.filename, src.read(item))
            if new is not None:
                dst.writestr(item.filename, new)
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def shared_strings_bomb(data: bytes, megabytes: int = 100) -> bytes:
    """sharedStrings.xml unpacking to ~`megabytes` MB at about 150:1 (under a 200:1 ratio limit)."""
    import random

    rnd = random.Random(7)
    # short strings, a little random so the ratio stays near 150:1 rather than thousands
    unit = "".join(f"<si><t>{rnd.choice('abcdefgh')}{n % 97}</t></si>" for n in range(1000)).encode()
    count = megabytes * 1024 * 1024 // len(unit)
    body = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">' + unit * count + b"</sst>")

    def change(name, content):
        return None if name == "xl/sharedStrings.xml" else content
    types = b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    rels = (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/>')

    def change2(name, content):
        if name == "xl/sharedStrings.xml":
            return None
        if name == "[Content_Types].xml" and b"sharedStrings" not in content:
            return content.replace(b"</Types>", types + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in content:
            return content.replace(b"</Relationships>", rels + b"</Relationships>")
        return content
    return rezip(data, change2, {"xl/sharedStrings.xml": body}, level=9)


def worksheet_bomb(data: bytes, megabytes: int = 100) -> bytes:
    """The first worksheet unpacking to ~`megabytes` MB at about 150:1 (rows of small numbers)."""
    import random

    rnd = random.Random(11)
    unit = "".join(f'<row r="{n}"><c r="A{n}"><v>{rnd.randint(0, 99)}</v></c></row>' for n in range(1, 700)).encode()
    count = megabytes * 1024 * 1024 // len(unit)
    body = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + unit * count + b"</sheetData></worksheet>")
    return rezip(data, lambda n, c: None if n == "xl/worksheets/sheet1.xml" else c,
                 {"xl/worksheets/sheet1.xml": body}, level=9)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10)) + b"]>")


def with_doctype(data: bytes, part: str = "xl/workbook.xml") -> bytes:
    """A billion-laughs DOCTYPE in one XML part (the entities declared, not used)."""
    def change(name, content):
        if name != part:
            return content
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return BILLION_LAUGHS + body
    return rezip(data, change)


def with_entry(data: bytes, name: str, content: bytes = b"x") -> bytes:
    return rezip(data, lambda n, c: c, {name: content})


def broken_sheet(data: bytes, how: str) -> bytes:
    """The first worksheet's XML truncated, or with a mismatched closing tag."""
    def change(name, content):
        if name != "xl/worksheets/sheet1.xml":
            return content
        if how == "truncated":
            return content[: len(content) // 2]
        return content.replace(b"</row>", b"</rwo>", 1)
    return rezip(data, change)


def with_sheet_number(data: bytes, digits: int, find: bytes = b"<v>20</v>") -> bytes:
    """The first worksheet's numeric cell `find` (a template's staff answer) made `digits` digits long."""
    def change(name, content):
        if name != "xl/worksheets/sheet1.xml":
            return content
        assert find in content
        return content.replace(find, b"<v>" + b"9" * digits + b"</v>", 1)
    return rezip(data, change)


def deep_json(depth: int | None = None) -> bytes:
    """An assessment file with a list nested `depth` deep: by default as deep as the parser
    still reads from here (the hostile run's 990 at a shallow stack), so that only what walks
    the data afterwards (hashing, storing) would overflow."""
    if depth is None:
        import inspect
        import sys
        depth = sys.getrecursionlimit() - len(inspect.stack()) - 30
    import hashlib

    nested = "[" * depth + "]" * depth
    p = payload()
    p["extra"] = "@DEEP@"  # stamped by text, as no JSON encoder walks that deep without recursing
    canonical = assessment_file.canonical_bytes(p).decode().replace('"@DEEP@"', nested)
    p["content_hash"] = hashlib.sha256(canonical.encode()).hexdigest()
    return json.dumps(p, ensure_ascii=False).replace('"@DEEP@"', nested).encode()


# ------------------------------------------------------------------ the importers a file fits


def readers(path: Path) -> list[tuple[str, Callable[[], object]]]:
    """(name, call) of every importer `path` fits by its name."""
    from egov_desktop.exchange.received import read_received
    from egov_desktop.frameworks import load_framework_file
    from egov_desktop.frameworks import registry
    from egov_desktop.province import roster, tables
    from egov_desktop.reports.excel.reader import read_filled_template, read_template_details

    name = path.name.lower()
    out: list[tuple[str, Callable[[], object]]] = []
    if name.endswith(".json"):
        out += [("assessment_file.read", lambda: assessment_file.read(path)),
                ("read_received", lambda: read_received(path))]
    if name.endswith(".pdf"):  # the PDF, its manifest and its attached assessment file
        out.append(("read_received", lambda: read_received(path)))
    if name.endswith((".yaml", ".yml", ".json", ".xlsx")):
        out.append(("load_framework_file", lambda: load_framework_file(path)))
    if name.endswith(".xlsx"):
        out += [("read_template_details", lambda: read_template_details(path)),
                ("read_filled_template", lambda: read_filled_template(path, registry.get("xa-thu"))),
                ("read_received", lambda: read_received(path))]
    if name.endswith((".xlsx", ".csv")):
        out += [("tables.read_sheet", lambda: tables.read_sheet(path)),
                ("roster.from_table", lambda: roster.from_table(path))]
    return out


def write(folder: Path, name: str, content: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return p


def fifo(folder: Path, name: str) -> Path:
    if not hasattr(os, "mkfifo"):
        import pytest
        pytest.skip("no named pipes on this system")
    p = folder / name
    os.mkfifo(p)
    return p


def link_to_zero(folder: Path, name: str) -> Path:
    if not os.path.exists("/dev/zero"):
        import pytest
        pytest.skip("no /dev/zero on this system")
    p = folder / name
    p.symlink_to("/dev/zero")
    return p


def pdf_with(attachments: dict[str, bytes]) -> bytes:
    """A plain PDF carrying exactly these attachments (a hostile sender's, not the program's)."""
    from pypdf import PdfReader, PdfWriter

    from tests.core.exchange_samples import plain_pdf

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf())))
    for name, content in attachments.items():
        writer.add_attachment(name, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refused(call, what: str = "") -> Exception:
    """The program's refusal of `call` (UserError or FrameworkError); anything else fails the test."""
    from egov_desktop.errors import UserError
    from scoring import FrameworkError

    try:
        call()
    except (UserError, FrameworkError) as e:
        return e
    raise AssertionError(f"{what}: accepted what must be refused")


def names_file(e: Exception, name: str) -> bool:
    """The refusal names the file (UserError.path, or the first framework problem's source)."""
    return (getattr(e, "path", None) == name) or any(p.source == name for p in getattr(e, "problems", ()))


def bilingual_message(e: Exception) -> bool:
    texts = [e.message] if hasattr(e, "message") else [p.message for p in e.problems]
    return all(t.vi and t.en for t in texts)


def english(e: Exception) -> str:
    return e.message.en if hasattr(e, "message") else e.describe("en")


def check_reader(call, what: str = ""):
    """Success or the program's refusal; anything else fails (with the reader's name)."""
    from egov_desktop.errors import UserError
    from scoring import FrameworkError

    try:
        return call()
    except (UserError, FrameworkError) as e:
        return e
    except BaseException as e:
        raise AssertionError(f"{what}: {type(e).__name__}: {e}") from e
