"""Fuzzing every importer: random and mutated inputs derived from valid samples (assessment
files, PDFs carrying them, framework YAML and workbooks, filled templates, tables, rosters).

Each reader may only succeed or refuse with the program's own error (UserError, or the
framework loader's FrameworkError): no other exception, no hang (pytest-timeout), and a
refused file leaves the store as it was. An input that breaks a rule is saved in corpus/
(test_corpus.py then replays it for ever) before the test fails. Bounded for CI:
EGOV_FUZZ_EXAMPLES examples per test (default 60), the whole file well under two minutes.
"""
from __future__ import annotations

import copy
import hashlib
import io
import json
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file
from egov_desktop.exchange.received import read_received
from egov_desktop.frameworks import load_framework_file, load_framework_text, registry
from egov_desktop.province import importer, roster
from egov_desktop.province.models import RosterRow, SubmissionRow
from egov_desktop.province.table_import import import_table
from egov_desktop.reports.excel.reader import read_filled_template
from egov_desktop.services import Workspace
from scoring import FrameworkError
from tests.core.exchange_samples import FRAMEWORK
from tests.core.hostile import samples as S

pytestmark = pytest.mark.timeout(150)

FUZZ = settings(max_examples=int(os.environ.get("EGOV_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=list(HealthCheck), print_blob=True)

# ------------------------------------------------------------------ strategies

NASTY_TEXT = st.sampled_from(["", "\ud800", "x\x01y", "=1+1", "9" * 400, "1e999", "NaN", "-0", "2025-02-30",
                              "${staff}", "<!DOCTYPE x>", "\u0301", "Xã Đồng Hới", "a" * 3000, "\\..\\x"])
NUMBERS = st.one_of(st.integers(), st.integers(min_value=10 ** 14, max_value=10 ** 40),
                    st.integers(min_value=10 ** 300, max_value=10 ** 420),  # beyond a float
                    st.floats(allow_nan=True, allow_infinity=True))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=12), NASTY_TEXT)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6) | NASTY_TEXT, inner, max_size=4)),
    max_leaves=12)
EDITS = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "repeat", "digits"]), st.integers(0, 2 ** 31),
                           st.binary(min_size=1, max_size=6)), min_size=1, max_size=4)


def mutate_bytes(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for op, at, chunk in edits:
        i = at % max(len(b), 1)
        if op == "flip" and b:
            b[i] ^= chunk[0] or 1
        elif op == "insert":
            b[i:i] = chunk
        elif op == "delete":
            del b[i:i + len(chunk) * 7]
        elif op == "repeat":
            b[i:i] = bytes(b[i:i + 40]) * (chunk[0] % 8)
        elif op == "digits":  # a number grown past any limit (5000 digits is past int()'s own)
            j = next((k for k in range(i, len(b)) if 48 <= b[k] <= 57), i)
            b[j:j] = b"9" * (chunk[0] * 20 + 1)
    return bytes(b)


def paths_of(node, prefix=()):
    """Every place in a JSON document (for replacing one value)."""
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths_of(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths_of(v, prefix + (i,))


def replace_at(doc, where, value, delete=False):
    doc = copy.deepcopy(doc)
    if not where:
        return value
    node = doc
    for k in where[:-1]:
        node = node[k]
    if delete and isinstance(node, dict):
        node.pop(where[-1], None)
    else:
        node[where[-1]] = value
    return doc


@st.composite
def mutated_json(draw, base: dict):
    doc = base
    for _ in range(draw(st.integers(1, 3))):
        places = list(paths_of(doc))
        where = places[draw(st.integers(0, len(places) - 1))]
        doc = replace_at(doc, where, draw(JSON_VALUES), delete=draw(st.booleans()))
    if isinstance(doc, dict) and draw(st.booleans()):
        try:
            doc = {**doc, "content_hash": assessment_file.compute_hash(doc)}  # a sender can always restamp
        except (TypeError, ValueError, UnicodeError, RecursionError):
            pass
    return json.dumps(doc, ensure_ascii=True, allow_nan=True).encode()


# ------------------------------------------------------------------ the rule every reader keeps


def check(call, data: bytes, suffix: str):
    """Run one reader: success or the program's refusal; anything else saves the input to the corpus."""
    try:
        return call()
    except (UserError, FrameworkError) as e:
        return e
    except BaseException:
        S.CORPUS.mkdir(exist_ok=True)
        (S.CORPUS / f"found-{hashlib.sha256(data).hexdigest()[:12]}{suffix}").write_bytes(data)
        raise


def _submissions(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(SubmissionRow))


def _import_unchanged_if_refused(store, path):
    """Importing into the province store: a refused file writes nothing."""
    before = _submissions(store)
    report = importer.import_files(store, [path])
    if all(i.outcome != "imported" and i.outcome != "replaced" for i in report.items):
        assert _submissions(store) == before
    assert len(report.items) == 1


# ------------------------------------------------------------------ assessment files and PDFs


def test_fuzz_assessment_files(tmp_path, store):
    base = S.payload()
    ws = Workspace(tmp_path / "ws")

    @FUZZ
    @given(st.one_of(mutated_json(base), EDITS.map(lambda e: mutate_bytes(S.assessment_bytes(), e))))
    def run(raw):
        path = S.write(tmp_path, "f.egov.json", raw)
        check(lambda: assessment_file.loads(raw, "f.egov.json"), raw, ".egov.json")
        check(lambda: read_received(path), raw, ".egov.json")
        before = len(ws.list_assessments())
        if isinstance(check(lambda: ws.import_file(path), raw, ".egov.json"), UserError):
            assert len(ws.list_assessments()) == before
        check(lambda: _import_unchanged_if_refused(store, path), raw, ".egov.json")
    try:
        run()
    finally:
        ws.close()


def test_fuzz_pdfs_with_attachments(tmp_path, store):
    base = S.payload()
    pdf = S.pdf_bytes()

    @FUZZ
    @given(st.one_of(
        mutated_json(base).map(lambda raw: S.pdf_with({"assessment.egov.json": raw})),
        mutated_json({"format": "egov-pdf-attachment", "format_version": 1, "file": "assessment.egov.json",
                      "sha256": "0" * 64, "size": 10, "signature": None}).map(
            lambda m: S.pdf_with({"assessment.egov.json": S.assessment_bytes(), "egov-manifest.json": m})),
        EDITS.map(lambda e: mutate_bytes(pdf, e))))
    def run(data):
        path = S.write(tmp_path, "r.pdf", data)
        check(lambda: read_received(path), data, ".pdf")
        check(lambda: _import_unchanged_if_refused(store, path), data, ".pdf")
    run()


def test_fuzz_return_notes(tmp_path, store):
    """The Sở's return note as the agency opens it: read, or refused with a message; a refused
    note leaves the assessment as it was (status, no note kept)."""
    from egov_desktop.exchange import return_note

    data = S.assessment()
    base = json.loads(return_note.dumps(return_note.ReturnNoteData(
        uid=data.uid, revision=1, content_hash=data.content_hash, framework_id=data.framework_id,
        framework_version=data.framework_version, period=data.period, agency_name=data.agency.name,
        note="Sửa lại", remarks={"computers": "Không khớp", "lan": "Thiếu sơ đồ"})))
    good = return_note.embed(S.pdf_bytes(), return_note.ReturnNoteData(**{
        k: v for k, v in base.items() if k not in ("format", "format_version")}))
    ws = Workspace(tmp_path / "ws")
    sent = ws.import_data(data, "a.egov.json").assessment_id

    @FUZZ
    @given(st.one_of(
        mutated_json(base).map(lambda raw: S.pdf_with({return_note.ATTACHMENT_NAME: raw})),
        mutated_json(base).map(lambda raw: return_note.embed(S.pdf_bytes(), return_note.ReturnNoteData(
            **{**{k: v for k, v in base.items() if k not in ("format", "format_version")}, "note": raw.decode()[:4000]}))),
        EDITS.map(lambda e: mutate_bytes(good, e))))
    def run(raw):
        path = S.write(tmp_path, "tra-lai.pdf", raw)
        check(lambda: return_note.read(path), raw, ".pdf")
        before = ws.summary(sent).status, ws.return_note(sent)
        if isinstance(check(lambda: ws.open_return_note(path), raw, ".pdf"), UserError):
            assert (ws.summary(sent).status, ws.return_note(sent)) == before
    try:
        run()
    finally:
        ws.close()


# ------------------------------------------------------------------ frameworks


YAML_SNIPPETS = st.sampled_from([
    "\nx: 2025-02-30", "\nperiod: {from: 2025-13-01}", "\ny: &a [1]\nz: *a", "\nb: &b {a: 1}\nc: {<<: *b}",
    "\nw: " + "9" * 5000, "\nv: " + "9" * 400, "\nd: " + "[" * 200 + "]" * 200, "\ne: !!python/object:os.system x",
    "\nf: 1e999", "\ng: .nan", "\nh: \"\\ud800\"", "\ni: 0x" + "f" * 400,
])


def test_fuzz_framework_yaml(tmp_path):
    text = yaml.safe_dump(FRAMEWORK, allow_unicode=True, sort_keys=False)

    @FUZZ
    @given(st.one_of(
        mutated_json(json.loads(json.dumps(FRAMEWORK))).map(
            lambda raw: yaml.safe_dump(json.loads(raw), allow_unicode=False).encode()),
        EDITS.map(lambda e: mutate_bytes(text.encode(), e)),
        st.lists(YAML_SNIPPETS, min_size=1, max_size=3).map(lambda extra: (text + "".join(extra)).encode()),
        st.text(alphabet="{}[]:-&*<>!|'\"#%@`,? \n\t\\abc019", max_size=200).map(str.encode)))
    def run(data):
        path = S.write(tmp_path, "fw.yaml", data)
        check(lambda: load_framework_file(path), data, ".yaml")
        try:
            t = data.decode("utf-8")
        except UnicodeDecodeError:
            return
        check(lambda: load_framework_text(t, "fw.yaml"), data, ".yaml")
    run()


CELL_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 15 + 1, 10 ** 15 - 1),
                        st.floats(allow_nan=False, allow_infinity=False), st.text(
                            alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
                        st.sampled_from(["=1+1", "select_one x", "begin_group", "end_group", "yes", "x", "", "9" * 40,
                                         "2025-02-30", "${staff} +", "+".join(["1"] * 200)]))


def _edit_cells(data: bytes, edits, sheet=0, rows=(1, 20), cols=(1, 12)) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[sheet % len(wb.worksheets)]
    from openpyxl.cell.cell import MergedCell
    for r, c, v in edits:
        cell = ws.cell(row=rows[0] + r % (rows[1] - rows[0] + 1), column=cols[0] + c % (cols[1] - cols[0] + 1))
        if not isinstance(cell, MergedCell):   # inside a merged range (the template's wrapped notes): no value of its own
            cell.value = v
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CELL_EDITS = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), CELL_VALUES), min_size=1, max_size=6)


def _part_edits(data: bytes, part_index: int, edits) -> bytes:
    """One part of the workbook's zip mutated byte by byte (XML damaged, truncated, repeated)."""
    import zipfile
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [i.filename for i in z.infolist()]
    target = names[part_index % len(names)]
    return S.rezip(data, lambda n, c: mutate_bytes(c, edits) if n == target else c)


def test_fuzz_framework_workbooks(tmp_path):
    book = S.framework_workbook_bytes(tmp_path)

    @FUZZ
    @given(st.one_of(
        st.tuples(st.integers(0, 4), CELL_EDITS).map(lambda a: _edit_cells(book, a[1], sheet=a[0])),
        st.tuples(st.integers(0, 50), EDITS).map(lambda a: _part_edits(book, *a))))
    def run(data):
        path = S.write(tmp_path, "fw.xlsx", data)
        check(lambda: load_framework_file(path), data, ".xlsx")
    run()


# ------------------------------------------------------------------ filled templates, tables, rosters


def test_fuzz_filled_templates(tmp_path, store):
    template = S.template_bytes()
    fw = registry.get("xa-thu")

    @FUZZ
    @given(st.one_of(
        CELL_EDITS.map(lambda e: _edit_cells(template, e, rows=(1, 20), cols=(3, 9))),
        st.tuples(st.integers(0, 50), EDITS).map(lambda a: _part_edits(template, *a))))
    def run(data):
        path = S.write(tmp_path, "phieu.xlsx", data)
        check(lambda: read_filled_template(path, fw), data, ".xlsx")
        check(lambda: _import_unchanged_if_refused(store, path), data, ".xlsx")
    run()


def _roster_unchanged_if_refused(store, path):
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(RosterRow))
    try:
        roster.set_roster(store, "2025", roster.from_table(path))
    except UserError:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(RosterRow)) == before
        raise


def _table_unchanged_if_refused(store, path):
    before = _submissions(store)
    try:
        result = import_table(store, path, "xa-thu", "2025")
    except UserError:
        assert _submissions(store) == before
        raise
    if not result.written:
        assert _submissions(store) == before


CSV_CELLS = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), NASTY_TEXT,
                      NUMBERS.map(str))


def test_fuzz_tables_and_rosters(tmp_path, store):
    roster.set_roster(store, "2025", [roster.Expected("19723", "Phường Đồng Hới")])
    table = S.table_bytes()
    header = ["Mã đơn vị", "Tên cơ quan", "staff", "computers", "lan", "dvc_pct", "portal"]

    @FUZZ
    @given(st.one_of(
        st.lists(st.lists(CSV_CELLS, max_size=8), max_size=5).map(
            lambda rows: "\n".join(",".join(r) for r in [header] + rows).encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
        CELL_EDITS.map(lambda e: _edit_cells(table, e, rows=(1, 4), cols=(1, 8))),
        st.tuples(st.integers(0, 50), EDITS).map(lambda a: _part_edits(table, *a))))
    def run(data):
        suffix = ".xlsx" if data[:2] == b"PK" else ".csv"
        path = S.write(tmp_path, "bang" + suffix, data)
        check(lambda: _table_unchanged_if_refused(store, path), data, suffix)
        check(lambda: _roster_unchanged_if_refused(store, path), data, suffix)
    run()
