"""Restoring a backup: only a complete database of this program at a known schema, never while
another program has the database open, and the replaced data kept under a name of its own."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from egov_desktop.errors import UserError
from egov_desktop.services import DatabaseUnavailable, restore_backup
from egov_desktop.storage import backup as backups
from tests.fixtures.db.helpers import COMPLETE, filled, open_workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path):
    """A data folder whose live database says pcs = 3, with a backup that says 18."""
    folder = tmp_path / "data"
    with open_workspace(folder) as ws:
        aid = filled(ws)
        good = ws.backup()
        ws.set_answer(aid, "pcs", 3)
    return folder, aid, Path(good.path)


def _live_value(folder, aid):
    with open_workspace(folder, daily_backup=False) as ws:
        return ws.get(aid).data.answers["pcs"].value


def _edited_copy(good: Path, tmp_path: Path, sql: str) -> Path:
    bad = tmp_path / "edited.sqlite"
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    conn.executescript(sql)
    conn.close()
    return bad


@pytest.mark.parametrize("sql, words", [
    # only an alembic_version table
    ("PRAGMA foreign_keys=OFF; DROP TABLE audit; DROP TABLE evidence; DROP TABLE answers; DROP TABLE assessments;"
     " DROP TABLE agencies;", "thiếu bảng"),
    ("UPDATE alembic_version SET version_num = '9999';", "phiên bản mới hơn"),     # a newer program's
    ("PRAGMA foreign_keys=OFF; DROP TABLE answers;", "answers"),                   # no answers table
    ("DROP TABLE alembic_version;", "không phải cơ sở dữ liệu"),
])
def test_restore_refuses_a_file_that_is_not_a_complete_database_of_this_program(data, tmp_path, sql, words):
    folder, aid, good = data
    bad = _edited_copy(good, tmp_path, sql)
    before = (folder / "egov-desktop.sqlite").read_bytes()
    with pytest.raises(UserError) as e:
        restore_backup(folder, bad)
    assert words in e.value.describe("vi")
    assert (folder / "egov-desktop.sqlite").read_bytes() == before
    assert _live_value(folder, aid) == 3


def test_two_restores_in_the_same_second_keep_both_replaced_databases(data):
    folder, aid, good = data
    first = restore_backup(folder, good)
    second = restore_backup(folder, good)
    assert first != second and first.exists() and second.exists()
    kept = [b for b in backups.list_backups(folder / "egov-desktop.sqlite") if b.reason == backups.BEFORE_RESTORE]
    assert len(kept) == 2
    with open_workspace(first, daily_backup=False) as ws:        # the original data, offered back
        assert ws.get(aid).data.answers["pcs"].value == 3
    assert _live_value(folder, aid) == COMPLETE["pcs"]
    restore_backup(folder, first)                                 # a restore is undone by restoring
    assert _live_value(folder, aid) == 3


def test_restore_refuses_while_another_connection_has_the_database_open(data):
    folder, aid, good = data
    db = folder / "egov-desktop.sqlite"
    other = sqlite3.connect(db)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("SELECT count(*) FROM answers").fetchone()         # open, idle
    try:
        with pytest.raises(DatabaseUnavailable) as e:
            restore_backup(folder, good)
        assert e.value.cause == "in_use" and "chương trình khác" in e.value.describe("vi")
        assert "in use by another program" in e.value.describe("en")
        assert not list(folder.glob("*.part*"))
    finally:
        other.close()
    assert _live_value(folder, aid) == 3
    restore_backup(folder, good)                                      # once it is closed
    assert _live_value(folder, aid) == COMPLETE["pcs"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_restore_refuses_while_another_program_writes_and_nothing_it_wrote_is_lost(data):
    folder, aid, good = data
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(ROOT / "tests/fixtures/db/kill_writer.py"), str(folder), "1000"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    try:
        assert child.stdout.readline() == b"ready\n", child.stderr.read().decode()
        for _ in range(3):
            with pytest.raises(DatabaseUnavailable):
                restore_backup(folder, good)
            child.stdout.readline()
    finally:
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
    acked = {}
    for line in out.decode().splitlines():
        if len(line.split()) == 2:        # "<indicator> <value>" printed once its save returned
            key, value = line.split()
            acked[key] = int(value)
    with open_workspace(folder, daily_backup=False) as ws:
        answers = ws.get(aid).data.answers
    for key, value in acked.items():
        if key.startswith("comment:"):
            assert int(answers[key.split(":")[1]].comment.split()[1]) >= value
        else:
            assert answers[key].value >= value


def test_a_damaged_live_database_is_restored_and_kept(data):
    folder, aid, good = data
    db = folder / "egov-desktop.sqlite"
    db.write_bytes(b"This is a Word document, not a database" * 100)
    kept = restore_backup(folder, good)
    assert kept.read_bytes().startswith(b"This is a Word document")
    assert _live_value(folder, aid) == COMPLETE["pcs"]


def test_a_refused_restore_names_the_program_that_has_the_database_open(data):
    folder, aid, good = data
    with open_workspace(folder, daily_backup=False):     # this program, e.g. a second window
        with pytest.raises(DatabaseUnavailable) as e:
            restore_backup(folder, good)
    said = e.value.describe("vi")
    assert "chương trình khác" in said and f"egov-desktop (tiến trình {os.getpid()} trên máy" in said
    assert f"egov-desktop (process {os.getpid()} on" in e.value.describe("en")
    assert not (folder / "egov-desktop.sqlite.open-by").exists()   # closed: the note is gone
    restore_backup(folder, good)
