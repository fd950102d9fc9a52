"""Hostile files fed to every importer they fit: each is refused with a message naming the
file (and the place), in both languages; none ends in a traceback, a hang or unbounded memory,
and nothing is written (issue 14, "Hostile files")."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from egov_desktop import untrusted
from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file
from egov_desktop.frameworks import load_framework_file, load_framework_text
from egov_desktop.province import importer, roster
from egov_desktop.province.models import RosterRow, SubmissionRow
from egov_desktop.province.store import open_store
from scoring import compile_expression
from scoring.expressions import ExpressionError
from tests.core.exchange_samples import install_framework
from tests.core.hostile import samples as S

pytestmark = pytest.mark.timeout(120)  # a reader that hangs fails here instead of blocking CI


@pytest.fixture(autouse=True)
def framework():
    return install_framework()


def _every_reader_refuses(path, *, readers=None):
    fits = [(n, c) for n, c in S.readers(path) if readers is None or n in readers]
    assert fits, path
    for name, call in fits:
        e = S.refused(call, f"{path.name} by {name}")
        assert S.names_file(e, path.name), (name, e)
        assert S.bilingual_message(e), (name, e)
    return e


def _value_replaced(raw: bytes, new: str) -> bytes:
    return raw.replace(b'"value": 20', b'"value": ' + new.encode(), 1)


# ------------------------------------------------------------------ tracebacks before


@pytest.mark.parametrize("digits", [400, 5000])
def test_huge_integers_in_every_kind_of_file(tmp_path, digits):
    big = "9" * digits
    files = [
        S.write(tmp_path, "a.egov.json", _value_replaced(S.assessment_bytes(), big)),
        S.write(tmp_path, "attached.pdf", S.pdf_with({"assessment.egov.json": _value_replaced(S.assessment_bytes(), big)})),
        S.write(tmp_path, "manifest.pdf", S.pdf_with({"assessment.egov.json": S.assessment_bytes(),
                                                       "egov-manifest.json": b'{"format": "egov-pdf-attachment", '
                                                                             b'"size": ' + big.encode() + b"}"})),
        S.write(tmp_path, "fw.yaml", S.framework_yaml(f"    max: {big}\n")),
        S.write(tmp_path, "template.xlsx", S.with_sheet_number(S.template_bytes(), digits)),
        S.write(tmp_path, "table.csv", f"Mã,Tên,staff\n1,A,{big}\n"),
    ]
    for path in files[:4]:
        _every_reader_refuses(path)
    e = _every_reader_refuses(files[4], readers={"read_filled_template", "read_received", "tables.read_sheet"})
    assert "!" in (e.where or ""), "the cell is named"
    assert "fw.yaml" in S.refused(lambda: load_framework_file(files[3])).describe("en")
    assert "line" in S.refused(lambda: load_framework_file(files[3])).describe("en") or \
           "dòng" in S.refused(lambda: load_framework_file(files[3])).describe("en")


def test_huge_integer_cell_in_a_framework_workbook(tmp_path):
    book = S.framework_workbook_bytes(tmp_path)
    wb = load_workbook(io.BytesIO(book))
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    ws.cell(row=3, column=header.index("max") + 1, value=123456789)
    buf = io.BytesIO()
    wb.save(buf)
    path = S.write(tmp_path, "fw-big.xlsx", S.with_sheet_number(buf.getvalue(), 400, b"<v>123456789</v>"))
    e = S.refused(lambda: load_framework_file(path))
    assert S.names_file(e, path.name) and "survey!" in e.describe("en")


def test_deeply_nested_json_in_files_manifests_and_keys(tmp_path):
    deep = S.deep_json()
    nested = b"[" * 990 + b"]" * 990
    for path in (S.write(tmp_path, "deep.egov.json", deep),
                 S.write(tmp_path, "deep.pdf", S.pdf_with({"assessment.egov.json": deep})),
                 S.write(tmp_path, "deepm.pdf", S.pdf_with({"assessment.egov.json": S.assessment_bytes(),
                                                            "egov-manifest.json": nested}))):
        e = _every_reader_refuses(path)
    from egov_desktop.exchange import signing
    key = S.write(tmp_path, "key.json", nested)
    assert S.names_file(S.refused(lambda: signing.read_public(key)), "key.json")


def test_a_lone_surrogate_in_a_name_is_refused_with_its_place(tmp_path):
    p = S.payload()
    p["agency"]["name"] = "Xã \ud800"
    path = S.write(tmp_path, "s.egov.json", json.dumps(p).encode())  # ensure_ascii: "\\ud800" in the file
    e = _every_reader_refuses(path, readers={"assessment_file.read", "read_received"})
    assert e.where == "agency.name"


def test_control_characters_in_a_received_name_are_refused(tmp_path):
    p = S.payload()
    p["agency"]["name"] = "Xã\x01\x02A"
    e = _every_reader_refuses(S.write(tmp_path, "c.egov.json", S.restamped(p)),
                              readers={"assessment_file.read", "read_received"})
    assert e.where == "agency.name"


def test_control_characters_in_free_text_do_not_break_the_xlsx_export(tmp_path, capsys):
    """A name typed with control characters loses them; a comment pasted from Word keeps its
    vertical tab in the data, and the workbook gets the text without it."""
    assert main(["assessment", "new", "--framework", "xa-thu", "--period", "2025", "--agency", "Xã\x01 A\x1f"]) == 0
    p = S.payload()
    p["answers"]["staff"]["comment"] = "dòng 1\x0bdòng 2\x07"
    path = S.write(tmp_path, "c.egov.json", S.restamped(p))
    assert assessment_file.read(path).answers["staff"].comment == "dòng 1\x0bdòng 2\x07"
    assert main(["assessment", "import", str(path)]) == 0
    for n in ("1", "2"):
        out = tmp_path / f"x{n}.xlsx"
        assert main(["export-xlsx", n, "-o", str(out)]) == 0, capsys.readouterr().err
        cells = [c.value for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str)]
        assert any(("Xã A" if n == "1" else "dòng 1dòng 2") in v for v in cells)
        assert not any(untrusted.CONTROL.search(v) for v in cells)
    from egov_desktop.province import publish
    assert publish.cell_text("a\x00b\x1fc\td") == "abc\td"


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-01"])
def test_dates_that_do_not_exist_in_frameworks_check_and_list(tmp_path, capsys, date, _isolated_data_dir):
    text = S.framework_yaml().replace("2025-07-01", date)
    bad = S.write(_isolated_data_dir / "frameworks", "bad.yaml", text)
    assert main(["frameworks", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "dòng 5" in err and date in err
    assert main(["frameworks", "list"]) == 0  # the broken file is skipped, the others listed
    assert "xa-thu" in capsys.readouterr().out


def test_an_expression_of_990_chained_terms_is_refused():
    with pytest.raises(ExpressionError) as e:
        compile_expression("+".join(["1"] * 990), {})
    assert "too complex" in e.value.describe("en")
    assert compile_expression("+".join(["1"] * 60), {}).evaluate({}) == 60  # a long but sane sum
    e = S.refused(lambda: load_framework_text(S.framework_yaml(
        "    constraints:\n    - rule: '" + "+".join(["1"] * 990) + " > 0'\n"), "fw.yaml"))
    assert "constraints" in e.describe("en")


@pytest.mark.parametrize("how", ["truncated", "mismatch"])
def test_a_damaged_template_sheet_is_named_and_a_folder_import_goes_on(tmp_path, how):
    from tests.core.exchange_samples import assessment, report_pdf

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = S.write(inbox, "b-damaged.xlsx", S.broken_sheet(S.template_bytes(), how))
    e = _every_reader_refuses(bad, readers={"read_filled_template", "read_received"})
    assert "!" in e.where
    S.write(inbox, "a.pdf", report_pdf(assessment("19723", "Phường Đồng Hới")))
    S.write(inbox, "c.pdf", report_pdf(assessment("19726", "Phường Nam Lý")))
    S.fifo(inbox, "d.egov.json")
    S.link_to_zero(inbox, "e.egov.json")
    store = open_store()
    try:
        report = importer.import_files(store, [inbox])
    finally:
        store.close()
    by_name = {i.source: i.outcome for i in report.items}
    assert by_name == {"a.pdf": "imported", "c.pdf": "imported", "b-damaged.xlsx": "refused",
                       "d.egov.json": "refused", "e.egov.json": "refused"}


def test_an_unexpected_failure_on_one_file_does_not_stop_the_folder(tmp_path, monkeypatch):
    from tests.core.exchange_samples import assessment, report_pdf

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n, code in enumerate(("19723", "19726")):
        S.write(inbox, f"{n}.pdf", report_pdf(assessment(code, f"Phường {n}")))
    real = importer.read_received

    def flaky(path, *args, **kwargs):   # the import passes the trusted roots too (ký số)
        if path.name == "0.pdf":
            raise RuntimeError("a bug the fuzzing has not found yet")
        return real(path, *args, **kwargs)
    monkeypatch.setattr(importer, "read_received", flaky)
    store = open_store()
    try:
        report = importer.import_files(store, [inbox])
    finally:
        store.close()
    assert [(i.source, i.outcome) for i in report.items] == [("0.pdf", "refused"), ("1.pdf", "imported")]
    assert "RuntimeError" in report.items[0].reason.en


def _cant_read(monkeypatch, path):
    """A file the user may not read (as root, chmod does not stop reading: the OS's refusal is simulated)."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    from egov_desktop import untrusted
    real = os.open

    def denied(p, *a, **kw):
        if os.fspath(p) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real(p, *a, **kw)
    monkeypatch.setattr(untrusted.os, "open", denied)


def test_a_folder_or_an_unreadable_file_given_to_roster_load_and_import_table(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "x.csv"
    folder.mkdir()
    locked = S.write(tmp_path, "locked.csv", "Mã,Tên\n1,Xã A\n")
    _cant_read(monkeypatch, locked)
    for path, words in ((folder, "thư mục"), (locked, "quyền")):
        assert main(["roster", "load", "--period", "2025", "--file", str(path)]) == 2
        assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 2
        err = capsys.readouterr().err
        assert err.count(path.name) == 2 and err.count(words) == 2 and "Traceback" not in err


@pytest.mark.parametrize("suffix", [".egov.json", ".csv", ".xlsx", ".yaml", ".pdf"])
def test_pipes_and_links_to_devices_are_never_opened(tmp_path, suffix):
    for path in (S.fifo(tmp_path, "x" + suffix), S.link_to_zero(tmp_path, "zero" + suffix)):
        for name, call in S.readers(path):
            e = S.refused(call)
            assert S.names_file(e, path.name) and "not a" in S.english(e), name


@pytest.fixture(scope="module", params=["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def bomb(request, tmp_path_factory):
    """A workbook whose sharedStrings.xml, or first worksheet, unpacks to ~100 MB at about 150:1."""
    make = S.shared_strings_bomb if "sharedStrings" in request.param else S.worksheet_bomb
    data = make(S.table_bytes(), 100)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(request.param)
    assert 90 * 2**20 < info.file_size and 100 < info.file_size / info.compress_size < 200
    return data, tmp_path_factory.mktemp("bomb")


@pytest.mark.parametrize("name", ["framework.xlsx", "template.xlsx", "table.xlsx"])
def test_a_part_bomb_under_the_ratio_limit_is_refused(bomb, name):
    data, folder = bomb
    path = S.write(folder, name, data)
    e = _every_reader_refuses(path)
    assert "zip bomb" in S.english(e)


def test_reading_a_worksheet_is_bounded_in_time(tmp_path, monkeypatch):
    from egov_desktop import untrusted
    from egov_desktop.province import tables

    monkeypatch.setattr(untrusted, "MAX_PART_SECONDS", 0.0)
    path = S.write(tmp_path, "slow.xlsx", S.table_bytes([["1", f"Xã {n}", n] for n in range(600)]))
    e = S.refused(lambda: tables.read_sheet(path))
    assert S.names_file(e, "slow.xlsx") and "too long" in e.message.en and e.where.startswith("Số liệu!")


# ------------------------------------------------------------------ accepted before


def test_a_header_only_or_nameless_roster_does_not_wipe_the_stored_one(tmp_path, capsys):
    assert main(["roster", "load", "--period", "2025", "--province", "44"]) == 0
    store = open_store()
    with store.read() as s:
        before = s.scalar(select(func.count()).select_from(RosterRow))
    assert before > 0
    for name, text in (("header.csv", "Mã,Tên\n"), ("nameless.csv", "Mã,Tên\n1,\n2, \n")):
        path = S.write(tmp_path, name, text)
        assert main(["roster", "load", "--period", "2025", "--file", str(path)]) == 2
        assert name in capsys.readouterr().err
        with pytest.raises(UserError):
            roster.set_roster(store, "2025", [])
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(RosterRow)) == before
    store.close()


def test_a_header_only_table_is_refused(tmp_path, capsys):
    path = S.write(tmp_path, "t.xlsx", S.table_bytes([]))
    assert main(["import-table", str(path), "--framework", "xa-thu", "--period", "2025"]) == 2
    assert "t.xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("field, value, where", [
    ("period", {"a": 1}, "period"), ("period", [2025], "period"), ("period", True, "period"),
    ("answers", [], "answers"), ("revision", "1", "revision"), ("status", 1, "status"),
    ("framework.version", {"a": 1}, "framework.version"), ("answers.staff.na", "yes", "answers.staff.na"),
    ("answers.staff.evidence", [{"size": "big"}], "answers.staff.evidence[0].size"),
    ("respondent.name", 5, "respondent.name"), ("agency.name", "", "agency.name"),
])
def test_every_type_is_checked_against_the_published_schema(tmp_path, field, value, where):
    p = S.payload()
    node = p
    *parents, last = field.split(".")
    for key in parents:
        node = node[key]
    node[last] = value
    path = S.write(tmp_path, "t.egov.json", S.restamped(p))
    e = _every_reader_refuses(path, readers={"assessment_file.read", "read_received"})
    assert e.where == where


def test_an_assessment_of_an_unknown_framework_is_refused(tmp_path, capsys):
    p = S.payload()
    p["framework"] = {"id": "khong-co", "version": "1", "content_hash": ""}
    path = S.write(tmp_path, "u.egov.json", S.restamped(p))
    assert main(["score", str(path), "--framework", "xa-thu"]) == 2
    assert main(["score", str(path)]) == 2
    assert main(["assessment", "import", str(path)]) == 2
    assert main(["import", str(path)]) == 1
    out = capsys.readouterr()
    assert out.err.count("u.egov.json") >= 2 and "khong-co" in out.out + out.err


def test_a_yaml_merge_key_is_refused_like_an_alias(tmp_path):
    text = "b: &b {vi: Thử}\n" + S.framework_yaml().replace("title: {vi: Thử}", "title:\n  <<: *b")
    e = S.refused(lambda: load_framework_text(text, "m.yaml"))
    assert "alias" in e.describe("en") and "m.yaml" in e.describe("en")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml",
                                  "xl/worksheets/sheet1.xml", "xl/_rels/workbook.xml.rels"])
def test_a_dtd_in_any_part_of_any_workbook_is_refused(tmp_path, part):
    for kind, data in (("framework", S.framework_workbook_bytes(tmp_path)), ("template", S.template_bytes()),
                       ("table", S.table_bytes())):
        path = S.write(tmp_path, f"{kind}.xlsx", S.with_doctype(data, part))
        e = _every_reader_refuses(path)
        assert "DTD" in S.english(e)


@pytest.mark.parametrize("entry", ["..\\..\\..\\tmp\\x", "../../tmp/x", "/tmp/x", "C:\\x", "xl\\..\\..\\x"])
def test_zip_entries_outside_the_workbook_are_refused(tmp_path, entry):
    for kind, data in (("framework", S.framework_workbook_bytes(tmp_path)), ("template", S.template_bytes()),
                       ("table", S.table_bytes())):
        _every_reader_refuses(S.write(tmp_path, f"{kind}.xlsx", S.with_entry(data, entry)))


def test_nothing_is_written_when_a_hostile_file_is_refused(tmp_path, capsys):
    store = open_store()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(SubmissionRow)) == 0
    store.close()
    for name, content in (("a.egov.json", _value_replaced(S.assessment_bytes(), "9" * 400)),
                          ("b.xlsx", S.with_doctype(S.template_bytes())),
                          ("c.pdf", S.pdf_with({"assessment.egov.json": S.deep_json()}))):
        path = S.write(tmp_path, name, content)
        assert main(["import", str(path)]) == 1
        assert main(["assessment", "import", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    store = open_store()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(SubmissionRow)) == 0
    store.close()
    assert main(["assessment", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_evidence_file_that_is_a_pipe_or_a_device_is_refused(tmp_path):
    from egov_desktop.domain import Agency, Evidence
    from egov_desktop.services import Workspace

    with Workspace(tmp_path / "db") as ws:
        a = ws.create_assessment("xa-thu", None, Agency("Xã A", "commune"), "2025")
        for path in (S.fifo(tmp_path, "scan.pdf"), S.link_to_zero(tmp_path, "zero.pdf")):
            with pytest.raises(UserError) as e:
                ws.add_evidence(a.id, "staff", Evidence("1/QĐ", "2025-01-01", "x"), file=path)
            assert e.value.path == str(path) and "not a" in e.value.message.en
        assert ws.list_evidence(a.id, "staff") == []
