"""The province: bulk import with its report, review, roster, ranking, compare, trend, publish, CLI."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from sqlalchemy import func, select

from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file, signing
from egov_desktop.province import importer, keys, publish, ranking, review, roster, tables
from egov_desktop.province.models import SubmissionRow
from scoring.record import replace
from tests.core.exchange_samples import assessment, report_pdf


def _count(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(SubmissionRow))


def _write(folder, name, data, key=None):
    p = folder / name
    p.write_bytes(report_pdf(data, key))
    return p


def test_bulk_import_sorts_every_file_into_its_outcome(store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox, "a1.pdf", assessment("10001", "Xã A", computers=10))
    _write(inbox, "a1-copy.pdf", assessment("10001", "Xã A", computers=10))
    _write(inbox, "b1.pdf", assessment("10002", "Xã B", computers=5))
    (inbox / "c1.egov.json").write_bytes(assessment_file.dumps(assessment("10003", "Xã C")))
    (inbox / "note.docx").write_bytes(b"PK\x03\x04")
    (inbox / "draft.egov.json").write_bytes(assessment_file.dumps(assessment("10004", "Xã D", status="draft")))
    seen = []
    report = importer.import_files(store, [inbox], progress=lambda n, total, name: seen.append((n, total)))
    counts = report.counts()
    assert counts["imported"] == 3 and counts["duplicate"] == 1 and counts["refused"] == 2
    refused = {i.source: i.reason.vi for i in report.of("refused")}
    assert "Loại tệp" in refused["note.docx"] and "chưa được hoàn thành" in refused["draft.egov.json"]
    assert seen[-1] == (6, 6)
    # a newer revision replaces; an older one and a second version of the same revision do not
    second = tmp_path / "second"
    second.mkdir()
    _write(second, "a2.pdf", assessment("10001", "Xã A", computers=18, revision=2))
    _write(second, "b1-other.pdf", assessment("10002", "Xã B", computers=7))
    report = importer.import_files(store, [second])
    assert [i.outcome for i in report.items] == ["replaced", "conflict"]
    old = tmp_path / "a1-again.pdf"
    old.write_bytes(report_pdf(assessment("10001", "Xã A", computers=10)))
    assert importer.import_files(store, [old]).items[0].outcome == "duplicate"
    r0 = tmp_path / "a0.pdf"
    r0.write_bytes(report_pdf(assessment("10001", "Xã A", computers=4)))
    subs = review.submissions(store, "xa-thu", "2025")
    assert {s.agency_name: s.revision for s in subs} == {"Xã A": 2, "Xã B": 1, "Xã C": 1}
    assert len(review.submissions(store, current_only=False)) == 4


def test_a_refused_file_changes_nothing(store, tmp_path):
    bad = [
        ("unknown-fw.egov.json", assessment_file.dumps(replace(assessment(), framework_id="khong-co"))),
        ("broken.egov.json", b'{"format": "egov-assessment", "format_version": 1, '),
        ("hand-edited.egov.json", assessment_file.dumps(assessment(computers=15)).replace(b'"value": 15', b'"value": 99')),
        ("empty.pdf", b""),
    ]
    for name, raw in bad:
        (tmp_path / name).write_bytes(raw)
    report = importer.import_files(store, [tmp_path / n for n, _ in bad])
    assert [i.outcome for i in report.items] == ["refused"] * 4
    assert all(i.reason.vi and i.reason.en for i in report.items)
    assert _count(store) == 0


def test_answers_that_break_the_framework_rules_are_refused_even_with_a_fresh_hash(store, tmp_path):
    from egov_desktop.domain import Answer
    data = assessment()
    data = replace(data, answers={**data.answers, "dvc_pct": Answer(250)})
    data = replace(data, content_hash=assessment_file.compute_hash(assessment_file.to_payload(data)))
    p = tmp_path / "x.egov.json"
    p.write_bytes(assessment_file.dumps(data))
    item = importer.import_files(store, [p]).items[0]
    assert item.outcome == "refused" and "dvc_pct" in item.reason.vi


def test_changed_framework_is_refused(store, tmp_path):
    data = assessment()
    data = replace(data, framework_hash="0" * 64)
    data = replace(data, content_hash=assessment_file.compute_hash(assessment_file.to_payload(data)))
    p = tmp_path / "fw.egov.json"
    p.write_bytes(assessment_file.dumps(data))
    item = importer.import_files(store, [p]).items[0]
    assert item.outcome == "refused" and "mã băm" in item.reason.vi


def test_registered_key_is_required_and_checked(store, tmp_path):
    signing.create_key("10001", "Xã A")
    pub = tmp_path / "pub.json"
    pub.write_bytes(signing.dump_public(signing.own_public_key()))
    keys.register(store, pub)
    assert [k.agency_code for k in keys.list_keys(store)] == ["10001"]
    private = signing.load_private_key()
    signed = _write(tmp_path, "signed.pdf", assessment("10001", "Xã A"), private)
    unsigned = _write(tmp_path, "unsigned.pdf", assessment("10001", "Xã A", revision=2))
    other = _write(tmp_path, "other.pdf", assessment("10002", "Xã B"))   # no key registered: accepted
    report = importer.import_files(store, [signed, unsigned, other])
    assert [i.outcome for i in report.items] == ["imported", "refused", "imported"]
    assert "khoá" in report.items[1].reason.vi
    assert {s.agency_code: s.signature for s in review.submissions(store)} == {"10001": "verified", "10002": "unsigned"}


def test_cancel_keeps_what_was_imported(store, tmp_path):
    for i in range(4):
        _write(tmp_path, f"{i}.pdf", assessment(f"1000{i}", f"Xã {i}"))
    calls = []
    report = importer.import_files(store, [tmp_path], progress=lambda n, t, name: calls.append(n),
                                   cancel=lambda: len(calls) >= 2)
    assert report.cancelled and len(report.items) == 2 and _count(store) == 2


def _import_two_periods(store, tmp_path):
    for i in range(4):
        _write(tmp_path, f"now{i}.pdf", assessment(f"1000{i}", f"Xã {i}", parent="44" if i < 3 else "45",
                                                   computers=5 + 5 * i, dvc=40 + 10 * i, portal="no"))
        _write(tmp_path, f"then{i}.pdf", assessment(f"1000{i}", f"Xã {i}", period="2024", computers=20 - 5 * i,
                                                    parent="44" if i < 3 else "45"))
    importer.import_files(store, [tmp_path])


def test_ranking_compare_and_trend(store, tmp_path):
    _import_two_periods(store, tmp_path)
    r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
    assert [a.agency_name for a in r.rows] == ["Xã 3", "Xã 2", "Xã 1", "Xã 0"]
    assert [a.rank for a in r.rows] == [1, 2, 3, 4]
    assert r.previous_period == "2024"
    assert [(a.previous_rank, a.change) for a in r.rows] == [(4, 3), (3, 1), (2, -1), (1, -3)]
    assert r.rows[0].pillar_ranks["ha_tang"] == 1
    in_group = ranking.rank(store, "xa-thu", "2025", group="44", include_pending=True)
    assert [a.agency_name for a in in_group.rows] == ["Xã 2", "Xã 1", "Xã 0"]
    rel = ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)
    assert rel.rows[0].value == pytest.approx(1.0) and rel.rows[-1].value == pytest.approx(0.0)
    cmp = ranking.compare(store, "xa-thu", "2025")
    portal = next(i for i in cmp.indicators if i.indicator_id == "portal")
    assert portal.missed == 4 and cmp.most_missed[0].indicator_id == "portal"
    computers = next(i for i in cmp.indicators if i.indicator_id == "computers")
    assert computers.best == ("Xã 3",) and computers.worst == ("Xã 0",)
    assert next(p for p in cmp.pillars if p.pillar_id == "ha_tang").count == 4
    t = ranking.trend(store, agency_code="10000")
    assert [p.period for p in t] == ["2024", "2025"] and t[0].value > t[1].value


def test_roster_completeness_and_review(store, tmp_path):
    _import_two_periods(store, tmp_path)
    rows = roster.from_units("44")
    assert len(rows) > 10 and all(r.group_code == "44" for r in rows)
    table = tmp_path / "roster.csv"
    table.write_text("mã,tên\n10000,Xã 0\n10001,Xã 1\n10009,Xã 9\n", encoding="utf-8")
    assert roster.set_roster(store, "2025", roster.from_table(table)) == 3
    subs = {s.agency_code: s for s in review.submissions(store, "xa-thu", "2025")}
    review.accept(store, subs["10000"].id)
    returned = review.return_for_correction(store, subs["10001"].id, "Số máy tính <b>không khớp</b>")
    with pytest.raises(UserError):
        review.return_for_correction(store, subs["10001"].id, "  ")
    states = {line.expected.code: line.state for line in roster.completeness(store, "xa-thu", "2025")}
    assert states == {"10000": "accepted", "10001": "returned", "10009": "missing"}
    pdf = review.return_note_pdf(returned)
    assert pdf.startswith(b"%PDF") and len(pdf) < 100_000


def test_return_with_note_writes_the_letter_before_the_status(store, tmp_path):
    _import_two_periods(store, tmp_path)
    sub = next(s for s in review.submissions(store, "xa-thu", "2025") if s.agency_code == "10001")
    assert review.return_note_file_name(sub) == "tra-lai-Xa-1-2025.pdf"
    # the letter cannot be written: the submission stays as it was, no note
    with pytest.raises(UserError):
        review.return_with_note(store, sub.id, "Số máy tính không khớp", tmp_path / "no-folder" / "x.pdf")
    kept = review.get(store, sub.id)
    assert (kept.status, kept.review_note) == ("received", "")
    # written: the PDF carries the note, then the status is set
    returned, path = review.return_with_note(store, sub.id, "Số máy tính không khớp", tmp_path / "tra-lai.pdf")
    assert path.read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.part"))
    assert (returned.status, returned.review_note) == ("returned", "Số máy tính không khớp")
    assert review.get(store, sub.id).status == "returned"


def test_publish_is_formula_safe(store, tmp_path):
    from openpyxl import load_workbook
    _write(tmp_path, "evil.pdf", assessment("10001", "=HYPERLINK(\"http://x\",\"click\")"))
    _write(tmp_path, "ok.pdf", assessment("10002", "Xã Bình Minh"))
    importer.import_files(store, [tmp_path])
    r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
    wb = load_workbook(io.BytesIO(publish.ranking_xlsx(r)))
    cells = [c for row in wb.active.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    rows = list(csv.reader(io.StringIO(publish.ranking_csv(r).decode("utf-8-sig")), delimiter=";"))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    pdf = publish.ranking_pdf(r, authority="Sở Khoa học và Công nghệ tỉnh Quảng Trị")
    assert pdf.startswith(b"%PDF")


def test_hostile_workbooks_are_refused(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    traversal = tmp_path / "trav.xlsx"
    with zipfile.ZipFile(traversal, "w") as z:
        z.writestr("../../evil.txt", b"x")
    notzip = tmp_path / "fake.xlsx"
    notzip.write_bytes(b"this is not a workbook")
    for path, words in ((bomb, "bom nén"), (traversal, "đường dẫn"), (notzip, "Không phải tệp Excel")):
        with pytest.raises(UserError) as e:
            tables.read_rows(path)
        assert e.value.path == path.name and words in e.value.message.vi
    assert not (tmp_path.parent / "evil.txt").exists()


def test_cli_import_rank_roster_keys(store, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _import = [_write(inbox, f"{i}.pdf", assessment(f"1000{i}", f"Xã {i}", computers=3 + i)) for i in range(3)]
    (inbox / "junk.pdf").write_bytes(b"%PDF-1.4 junk")
    assert main(["import", str(inbox)]) == 1
    out = capsys.readouterr().out
    assert "junk.pdf" in out and "Đã nhập: 3" in out
    for suffix in ("xlsx", "csv", "pdf"):
        assert main(["rank", "--include-pending", "--framework", "xa-thu", "--period", "2025", "-o", str(tmp_path / f"r.{suffix}")]) == 0
    first = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig")), delimiter=";"))[1]
    assert first[0] == "1" and first[2] == "Xã 2" and "," in first[4] and "." not in first[4]   # 0,xxxx
    assert main(["rank", "--include-pending", "--framework", "xa-thu", "--period", "2025", "--csv", "intl",
                 "-o", str(tmp_path / "i.csv")]) == 0
    first = list(csv.reader(io.StringIO((tmp_path / "i.csv").read_text(encoding="utf-8-sig"))))[1]
    assert first[0] == "1" and first[2] == "Xã 2" and "." in first[4]
    assert main(["rank", "--include-pending", "--framework", "xa-thu", "--period", "1999", "-o", str(tmp_path / "n.csv")]) == 2
    assert main(["roster", "load", "--period", "2025", "--province", "44"]) == 0
    assert main(["roster", "status", "--framework", "xa-thu", "--period", "2025"]) == 0
    assert "Chưa nộp" in capsys.readouterr().out
    assert main(["keys", "create", "--agency-code", "10001", "--agency-name", "Xã 1"]) == 0
    assert main(["keys", "export-public", "-o", str(tmp_path / "k.json")]) == 0
    assert main(["keys", "register", str(tmp_path / "k.json")]) == 0
    assert main(["keys", "list"]) == 0
    assert "10001" in capsys.readouterr().out
