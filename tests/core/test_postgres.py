"""The province store on a real PostgreSQL server, started by the test in a temporary folder.

Skipped only when no PostgreSQL server binaries are installed (scripts/test.sh installs them).
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.core.exchange_samples import assessment, install_framework, report_pdf

pytestmark = pytest.mark.slow


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    bindir = _bin_dir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); scripts/test.sh installs them")
    pytest.importorskip("psycopg")
    # not under pytest's own temporary folder: the server's user must be able to reach it
    root = Path(tempfile.mkdtemp(prefix="egov-pg-"))
    data = root / "data"
    port = _free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:   # initdb refuses to run as root: run the server as nobody
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        prefix = ["runuser", "-u", "nobody", "--"]
        os.chmod(root, 0o777)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "egov", "-A", "trust", "-E", "UTF8",
                    "--no-sync"], check=True, capture_output=True, env=env)
    log = root / "log.txt"
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                    "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True, env=env)
    try:
        subprocess.run([*prefix, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "egov",
                        "province"], check=True, capture_output=True, env=env)
        yield f"postgresql+psycopg://egov@127.0.0.1:{port}/province"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, env=env)
        shutil.rmtree(root, ignore_errors=True)


def test_import_and_rank_on_postgresql(postgres_url, tmp_path):
    from egov_desktop.province import importer, ranking, review
    from egov_desktop.province.store import open_store

    install_framework()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(5):
        (inbox / f"{i}.pdf").write_bytes(report_pdf(assessment(f"2000{i}", f"Xã {i}", computers=2 + 3 * i)))
    (inbox / "bad.egov.json").write_bytes(b"{}")
    store = open_store(postgres_url)
    try:
        report = importer.import_files(store, [inbox])
        assert report.counts()["imported"] == 5 and report.counts()["refused"] == 1
        again = importer.import_files(store, [inbox / "0.pdf"])
        assert again.items[0].outcome == "duplicate"
        r = ranking.rank(store, "xa-thu", "2025", include_pending=True)
        assert [a.agency_name for a in r.rows] == ["Xã 4", "Xã 3", "Xã 2", "Xã 1", "Xã 0"]
        review.accept(store, r.rows[0].submission_id)
        assert review.get(store, r.rows[0].submission_id).status == "accepted"
    finally:
        store.close()
    reopened = open_store(postgres_url)   # migrations are current: opening again changes nothing
    try:
        assert len(review.submissions(reopened)) == 5
    finally:
        reopened.close()


def test_a_corrected_table_replaces_the_earlier_one_on_postgresql(postgres_url, tmp_path):
    """The replace of import-table is one transaction on the shared server too (migration p0004)."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from egov_desktop import units
    from egov_desktop.province import review
    from egov_desktop.province.models import SubmissionRow
    from egov_desktop.province.store import open_store
    from egov_desktop.province.table_import import import_table

    install_framework()
    a, b, c = units.communes("44")[:3]

    def table(name, rows):
        wb = Workbook()
        wb.active.append(["Mã đơn vị", "Nhóm", "staff", "computers", "lan", "dvc_pct", "portal"])
        for r in rows:
            wb.active.append(r)
        wb.save(tmp_path / name)
        return tmp_path / name

    first = table("t1.xlsx", [[a.code, "Bắc", 20, 15, "Có", 60, "Không"], [b.code, "Nam", 25, 30, "Có", 85, "Có"]])
    fixed = table("t2.xlsx", [[a.code, "Bắc", 21, 15, "Có", 60, "Không"], [c.code, "Nam", 9, 9, "Có", 50, "Có"]])
    store = open_store(postgres_url)
    try:
        assert import_table(store, first, "xa-thu", "2026").report.counts()["imported"] == 2
        refused = import_table(store, fixed, "xa-thu", "2026")      # a's other value: only by an explicit replace
        assert not refused.written and refused.report.counts()["conflict"] == 1
        done = import_table(store, fixed, "xa-thu", "2026", replace=True)
        counts = done.report.counts()
        assert done.written and (counts["replaced"], counts["withdrawn"], counts["imported"], counts["conflict"]) == (
            1, 1, 1, 0)
        current = {s.agency_code for s in review.submissions(store) if s.period == "2026"}
        assert current == {a.code, c.code}
        with store.read() as s:
            assert s.scalar(select(SubmissionRow.group_name).where(SubmissionRow.agency_code == c.code)) == "Nam"
    finally:
        store.close()


def test_appraisal_by_two_reviewers_on_postgresql(postgres_url, tmp_path):
    """Migration p0005 on the server, the log's append-only trigger, and two reviewers at once:
    different submissions both saved, the same sheet saved once and the other told who saved."""
    import pytest as _pytest
    from sqlalchemy import text

    from egov_desktop.province import appraisal, ranking, review
    from egov_desktop.province.appraisal import AppraisalInput
    from egov_desktop.province.store import open_store
    from tests.core.test_province_appraisal import race

    install_framework()
    race(postgres_url, tmp_path)
    store = open_store(postgres_url)
    try:
        sub = next(s for s in review.submissions(store, "xa-thu", "2025") if s.agency_code == "30001")
        sheet = appraisal.save(store, sub.id, [AppraisalInput("computers", value="10", remark="kiểm kê")], "Người C",
                               appraisal.sheet(store, sub.id).version)
        review.accept(store, sub.id)
        ranked = {r.agency_code: r for r in ranking.rank(store, "xa-thu", "2025").rows}
        assert ranked["30001"].value_scaled == _pytest.approx(sheet.final_total_scaled)
        assert sheet.final_total_scaled != sheet.self_total_scaled
        with _pytest.raises(Exception, match="only ever added to"):
            with store.engine.begin() as c:
                c.execute(text("DELETE FROM province_appraisal_log"))
        assert appraisal.remarks(store, sub.id)["computers"] == "kiểm kê"
    finally:
        store.close()


def test_rank_change_and_trend_across_the_reform_on_postgresql(postgres_url, tmp_path):
    """A new ward's rank change and trend from the old wards it was made of (the codes matched
    through the mapping) read the same from the shared server."""
    from egov_desktop.exchange import assessment_file
    from egov_desktop.province import importer, ranking
    from egov_desktop.province.store import open_store

    from tests.core.exchange_samples import FRAMEWORK
    from tests.core.test_province_reform import NEW, OLD   # the wards of Resolution 1656/NQ-UBTVQH15

    fw = install_framework({**FRAMEWORK, "id": "xa-sap-nhap"})   # apart from the other tests' rows on the server
    files = []
    for period, rows in (("2024", OLD), ("2025", NEW)):
        for code, name, dvc in rows:
            p = tmp_path / f"{period}-{code}.egov.json"
            p.write_bytes(assessment_file.dumps(assessment(code, name, "01", period=period, dvc=dvc, framework=fw,
                                                           parent_name="Thành phố Hà Nội")))
            files.append(p)
    store = open_store(postgres_url)
    try:
        assert importer.import_files(store, files).counts()["imported"] == 7
        r = ranking.rank(store, "xa-sap-nhap", "2025", include_pending=True)
        assert {a.agency_name: (a.rank, a.previous_rank, a.change) for a in r.rows} == {
            "Phường Hoàn Kiếm": (1, 2, 1), "Phường Cửa Nam": (2, 1, -1), "Phường Ba Đình": (3, 3, 0)}
        t = ranking.trend(store, agency_code="00004", framework_id="xa-sap-nhap")
        assert [(p.period, len(p.predecessors)) for p in t] == [("2024", 2), ("2025", 0)]
    finally:
        store.close()


def test_return_note_and_the_changes_of_the_next_revision_on_postgresql(postgres_url, tmp_path):
    """The note as sent is kept on the shared server (migration p0006) and the next revision is
    compared with it."""
    from egov_desktop.exchange import return_note
    from egov_desktop.province import changes, importer, review
    from egov_desktop.province.store import open_store

    install_framework()
    (tmp_path / "r1.pdf").write_bytes(report_pdf(assessment("30901", "Xã Ghi Chú", computers=12)))
    (tmp_path / "r2.pdf").write_bytes(report_pdf(assessment("30901", "Xã Ghi Chú", computers=9, revision=2)))
    store = open_store(postgres_url)
    try:
        importer.import_files(store, [tmp_path / "r1.pdf"])
        sub = next(s for s in review.submissions(store) if s.agency_code == "30901")
        _, path = review.return_with_note(store, sub.id, "", tmp_path / "n.pdf",
                                          remarks={"computers": "Số máy không khớp", "lan": "Thiếu sơ đồ"})
        assert return_note.read(path).remarks == {"computers": "Số máy không khớp", "lan": "Thiếu sơ đồ"}
        importer.import_files(store, [tmp_path / "r2.pdf"])
        new = next(s for s in review.submissions(store) if s.agency_code == "30901")
        found = changes.since_returned(store, new.id)
        assert [c.indicator_id for c in found.changes] == ["computers"]
        assert [c.indicator_id for c in found.remarks_not_acted_on] == ["lan"]
    finally:
        store.close()


def test_appraisals_carry_to_the_next_revision_on_postgresql(postgres_url, tmp_path):
    """The carry runs in the import's transaction on the shared server: the unchanged question's
    appraisal (and its log entry) on the new revision, the changed one's left behind."""
    from egov_desktop.province import appraisal, importer, review
    from egov_desktop.province.appraisal import AppraisalInput
    from egov_desktop.province.store import open_store

    install_framework()
    (tmp_path / "r1.pdf").write_bytes(report_pdf(assessment("30902", "Xã Thẩm Định", computers=12)))
    (tmp_path / "r2.pdf").write_bytes(report_pdf(assessment("30902", "Xã Thẩm Định", computers=9, revision=2)))
    store = open_store(postgres_url)
    try:
        importer.import_files(store, [tmp_path / "r1.pdf"])
        old = next(s for s in review.submissions(store) if s.agency_code == "30902")
        appraisal.save(store, old.id, [AppraisalInput("lan", points=100, remark="Thiếu sơ đồ"),
                                       AppraisalInput("computers", points=50)], "Người C", 0)
        review.return_for_correction(store, old.id, "Sửa")
        [item] = importer.import_files(store, [tmp_path / "r2.pdf"]).items
        held = appraisal.appraisals(store, item.submission_id)
        assert set(held) == {"lan"} and (held["lan"].points, held["lan"].carried_from) == (100, 1)
        assert [(e.action, e.carried_from) for e in appraisal.log(store, item.submission_id)] == [("carried", 1)]
        # computers 9/20 → 90, the LAN's 100 carried, 240: on the row ranking reads
        assert review.get(store, item.submission_id).total_scaled == pytest.approx(430)
    finally:
        store.close()


def test_the_rosters_addresses_on_postgresql(postgres_url, tmp_path):
    """Migration p0008_roster_email on the shared server: the addresses stored, read back and
    put in the reminder drafts' To."""
    from email import policy
    from email.parser import BytesParser

    from egov_desktop.province import reminders, roster
    from egov_desktop.province.store import open_store

    install_framework()
    many = "; ".join(f"vanthu{i}@xa-{i}.quangtri.gov.vn" for i in range(30))   # longer than any String(n)
    expected = [roster.Expected("30000", "Xã Một", email="mot@quangtri.gov.vn"),
                roster.Expected("30001", "Phường Hai", email=many), roster.Expected("30002", "Xã Ba")]
    store = open_store(postgres_url)
    try:
        roster.set_roster(store, "2030", expected)
        assert roster.roster(store, "2030") == expected
        r = reminders.reminder(store, "xa-thu", "2030")
        drafts = reminders.write_reminders(r, tmp_path / "thu")
        to = [BytesParser(policy=policy.default).parsebytes(p.read_bytes())["To"] for p in drafts]
        assert [a.addr_spec for a in to[1].addresses] == many.split("; ") and to[2] is None
    finally:
        store.close()
