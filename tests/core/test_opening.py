"""Opening at start without SQLAlchemy: the first list read with plain sqlite3 is exactly the
Workspace's list, and every case it cannot answer is left to the Workspace."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_desktop.domain import Agency
from egov_desktop.services import DatabaseDamaged
from egov_desktop.services.opening import first_list, first_record, listed
from egov_desktop.storage import layout
from tests.fixtures.db.helpers import COMPLETE, V1_DB, filled, open_workspace

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_list_is_the_workspace_list(tmp_path):
    with open_workspace(tmp_path) as ws:
        done = filled(ws)
        ws.finalise(done)
        ws.new_revision(done)                                        # revision 2, a draft
        filled(ws, Agency("Phường Đông Hà", "commune", "19201", "Quảng Trị", "19"), "2024",
               {"staff": 0})                                         # an error, nearly nothing answered
        gone = filled(ws, Agency("Xã Bị Xoá", "commune"), "2023", {"pcs": 3})
        ws.delete(gone)
        gone_too = filled(ws, Agency("Xã Cũng Xoá", "commune"), "2022", {"pcs": 1})
        ws.delete(gone_too)
        expected, in_bin = ws.list_assessments(), ws.list_assessments(deleted_only=True)
    assert len(expected) == 3 and any(a.band for a in expected) and any(a.errors for a in expected)
    assert first_list(tmp_path) == expected                          # order, values, bands, no deleted one
    assert len(in_bin) == 2 and listed(tmp_path, deleted_only=True) == in_bin  # the bin, in its order


def test_an_empty_folder_lists_nothing_and_leaves_the_creation_to_the_workspace(tmp_path):
    assert first_list(tmp_path) == []
    assert not (tmp_path / layout.DB_FILE).exists()


def test_a_schema_to_upgrade_is_left_to_the_workspace(tmp_path):
    shutil.copy(V1_DB, tmp_path / layout.DB_FILE)
    assert first_list(tmp_path) is None
    with open_workspace(tmp_path, daily_backup=False) as ws:        # the GUI opens it so after first_list
        assert ws.schema_action == "upgraded" and ws.list_assessments()
    with open_workspace(tmp_path) as ws:
        assert first_list(tmp_path) == ws.list_assessments()


def test_a_damaged_database_is_reported_before_anything_is_read(tmp_path):
    (tmp_path / layout.DB_FILE).write_bytes(b"This is a Word document, not a database" * 100)
    with pytest.raises(DatabaseDamaged):
        first_list(tmp_path)


def test_the_daily_backup_is_made_by_the_first_list_once(tmp_path):
    with open_workspace(tmp_path, daily_backup=False) as ws:
        filled(ws, answers={"pcs": COMPLETE["pcs"]})
        assert ws.backups() == []
    first_list(tmp_path)
    first_list(tmp_path)
    with open_workspace(tmp_path, daily_backup=False) as ws:
        assert [b.reason for b in ws.backups()] == ["daily"]
    assert [p.suffix for p in (tmp_path / "backups").iterdir()] == [".sqlite"]  # one file, no -wal/-shm left


def test_the_stamped_head_is_the_newest_migration_file():
    versions = sorted(p.name.split("_")[0] for p in (ROOT / "egov_desktop/storage/migrations/versions").glob("0*.py"))
    assert layout.HEAD == versions[-1] and list(layout.KNOWN) == versions


def test_reading_the_first_list_imports_neither_sqlalchemy_nor_alembic(tmp_path):
    with open_workspace(tmp_path) as ws:
        filled(ws)
    code = ("import sys\n"
            "from egov_desktop.services.opening import first_list\n"
            f"assert len(first_list({str(tmp_path)!r})) == 1\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
            "assert not heavy, heavy\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ---------------------------------------------------------------- an assessment read before the Workspace

def test_the_early_read_of_an_assessment_is_the_workspace_read(tmp_path):
    """Everything Workspace.get gives (answers of every type, N/A, comments, flags, reviews,
    evidence with and without a file, the respondent, the issuing profile, a finished revision
    and a deleted one), read with plain sqlite3."""
    from egov_desktop.domain import AgencyProfile, Evidence

    scan = tmp_path / "quyết định.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with open_workspace(tmp_path) as ws:
        done = filled(ws)
        ws.set_comment(done, "pcs", "Theo kiểm kê ngày 01/03")
        ws.set_flag(done, "staff", True)
        ws.set_reviewed(done, "lan", True)
        ws.add_evidence(done, "pcs", Evidence("12/QĐ-UBND", "2025-03-01", "Kế hoạch"))
        ws.add_evidence(done, "pcs", Evidence("13/QĐ-UBND", "2025-03-02", "Bản quét"), file=scan)
        ws.set_profile(done, AgencyProfile(issuer="ỦY BAN NHÂN DÂN\nXÃ QUẢNG BÌNH", number="7",
                                           recipients=("Sở KH&CN", "Lưu: VT.")))
        ws.finalise(done)
        draft = ws.new_revision(done).id
        ws.set_answer(draft, "portal", na=True)
        ws.set_answer(draft, "pcs", None)
        bare = filled(ws, Agency("Xã Trống", "commune"), "2024", {})
        gone = filled(ws, Agency("Xã Bị Xoá", "commune"), "2023", {"pcs": 3})
        ws.delete(gone)
        expected = {i: ws.get(i) for i in (done, draft, bare, gone)}
    assert expected[done].data.answers["pcs"].evidence[1].sha256 and expected[gone].deleted
    assert expected[draft].data.answers["portal"].na and expected[done].data.profile.recipients
    for i, record in expected.items():
        assert first_record(i, tmp_path) == (record, None)
    assert first_record(9999, tmp_path) is None  # no such assessment: the Workspace says so


def test_an_assessment_the_early_read_cannot_vouch_for_is_left_to_the_workspace(tmp_path):
    """A finished assessment whose content no longer gives its hash, a schema to upgrade, no
    database: None, so that the GUI waits for the Workspace, which names the damage."""
    import sqlite3

    from egov_desktop.services import AssessmentDamaged

    assert first_record(1, tmp_path) is None
    with open_workspace(tmp_path) as ws:
        done = filled(ws)
        ws.finalise(done)
    conn = sqlite3.connect(tmp_path / layout.DB_FILE)
    conn.execute("DROP TRIGGER IF EXISTS answers_locked_update")  # as a hostile or broken program would
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE answers SET value = '99' WHERE indicator_id = 'pcs'")
    conn.commit()
    conn.close()
    assert first_record(done, tmp_path) is None
    with open_workspace(tmp_path) as ws, pytest.raises(AssessmentDamaged):
        ws.get(done)
    shutil.copy(V1_DB, tmp_path / layout.DB_FILE)
    assert first_record(1, tmp_path) is None


def test_the_early_read_of_an_assessment_imports_no_sqlalchemy(tmp_path):
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
    code = ("import sys\n"
            "from egov_desktop.services.opening import first_record\n"
            f"assert first_record({aid}, {str(tmp_path)!r})[0].data.answers\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))\n"
            "assert not heavy, heavy\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.fixed_dictionaries({}, optional={
           "staff": st.integers(0, 10000), "pcs": st.integers(0, 10000), "lan": st.sampled_from(["yes", "no"]),
           "portal": st.sampled_from(["none", "own", "shared"]),
           "channels": st.lists(st.sampled_from(["web", "zalo"]), unique=True, max_size=2),
           "note": _TEXT, "plan_date": st.dates().map(lambda d: d.isoformat())}),
       comments=st.dictionaries(st.sampled_from(["staff", "pcs", "note"]), _TEXT, max_size=2),
       na=st.sets(st.just("portal"), max_size=1),
       flagged=st.sets(st.sampled_from(["staff", "channels"]), max_size=2))
def test_the_early_read_equals_the_workspace_read_for_any_answers(tmp_path_factory, answers, comments, na, flagged):
    """Whatever was answered (numbers, choices, texts in any script, dates, N/A, comments, flags),
    the sqlite3 read gives what the Workspace gives."""
    folder = tmp_path_factory.mktemp("early")
    with open_workspace(folder) as ws:
        aid = ws.create_assessment("mini", None, Agency("Xã Thử", "commune"), "2025").id
        for k, v in answers.items():
            if k not in na:
                ws.set_answer(aid, k, v)
        for k in na:
            ws.set_answer(aid, k, na=True)
        for k, c in comments.items():
            ws.set_comment(aid, k, c)
        for k in flagged:
            ws.set_flag(aid, k, True)
        expected = ws.get(aid)
    assert first_record(aid, folder) == (expected, None)
