"""The SQLite store: settings, faults (damaged, locked, read-only, full), backups and restore."""
import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text

from egov_desktop.errors import UserError
from egov_desktop.services import DatabaseDamaged, check_database, restore_backup
from egov_desktop.storage import backup as backups
from egov_desktop.storage import engine as storage_engine
from tests.fixtures.db.helpers import COMPLETE, filled, open_workspace


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_full_sync(tmp_path):
    with open_workspace(tmp_path) as ws, ws._engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
        with pytest.raises(Exception):
            conn.execute(text("INSERT INTO answers (assessment_id, indicator_id, na, comment, flagged, reviewed,"
                              " updated_at) VALUES (999, 'x', 0, '', 0, 0, '')"))


def test_each_answer_is_committed_when_set(tmp_path):
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
        # a second, independent connection sees it at once
        conn = sqlite3.connect(ws.path)
        assert conn.execute("SELECT value FROM answers WHERE indicator_id = 'pcs'").fetchone()[0] in (18, "18")
        conn.close()


def _damage(path):
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 512):
        data[i:i + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_reported_with_the_newest_good_backup_and_restored(tmp_path):
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
        good = ws.backup()
        ws.set_answer(aid, "pcs", 3)                  # after the backup: lost by the restore
    db = tmp_path / "egov-desktop.sqlite"
    _damage(db)
    assert check_database(tmp_path)
    with pytest.raises(DatabaseDamaged) as e:
        open_workspace(tmp_path)
    assert e.value.backup.path == good.path
    assert "bị hỏng" in e.value.describe("vi")
    kept = restore_backup(tmp_path, e.value.backup.path)
    assert kept.exists() and kept != db
    with open_workspace(tmp_path) as ws:
        assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]
        assert ws.integrity_problems() == []


def test_a_file_that_is_not_a_database(tmp_path):
    (tmp_path / "egov-desktop.sqlite").write_bytes(b"This is a Word document, not a database" * 100)
    with pytest.raises(DatabaseDamaged) as e:
        open_workspace(tmp_path)
    assert e.value.backup is None
    with pytest.raises(UserError):
        restore_backup(tmp_path, tmp_path / "no-such-backup.sqlite")


def test_restore_refuses_a_damaged_backup(tmp_path):
    with open_workspace(tmp_path) as ws:
        filled(ws)
        b = ws.backup()
    _damage(__import__("pathlib").Path(b.path))
    before = (tmp_path / "egov-desktop.sqlite").read_bytes()
    with pytest.raises(UserError):
        restore_backup(tmp_path, b.path)
    assert (tmp_path / "egov-desktop.sqlite").read_bytes() == before


def test_backups_rotate_and_the_daily_one_is_made_once(tmp_path):
    with open_workspace(tmp_path) as ws:
        filled(ws)
    with open_workspace(tmp_path) as ws:
        assert [b.reason for b in ws.backups()] == ["daily"]
    with open_workspace(tmp_path) as ws:
        assert len(ws.backups()) == 1                   # not again today
        for _ in range(backups.KEEP + 3):
            ws.backup()
        listed = ws.backups()
        assert len(listed) == backups.KEEP and listed[0].reason == "manual"
        assert all(not backups.check_file(__import__("pathlib").Path(b.path)) for b in listed)


def test_a_locked_database_is_a_clear_message_and_nothing_is_half_written(tmp_path, monkeypatch):
    monkeypatch.setattr(storage_engine, "BUSY_TIMEOUT_MS", 200)
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
        other = sqlite3.connect(ws.path, timeout=0.1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")                # another program holds the write lock
        try:
            with pytest.raises(UserError) as e:
                ws.set_answer(aid, "pcs", 1)
            assert "chương trình khác" in e.value.describe("vi")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]
        assert ws.set_answer(aid, "pcs", 1).answer.value == 1   # works once released


def test_a_read_only_database_is_a_clear_message(tmp_path):
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
        event.listen(ws._engine, "connect", lambda c, _r: c.execute("PRAGMA query_only = ON"))
        ws._engine.dispose()
        with pytest.raises(UserError) as e:
            ws.set_answer(aid, "pcs", 1)
        assert "chỉ cho phép đọc" in e.value.describe("vi")
        assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]


def test_a_full_disk_is_a_clear_message_and_the_write_is_all_or_nothing(tmp_path):
    with open_workspace(tmp_path) as ws:
        aid = filled(ws)
        pages = ws._engine.connect().execute(text("PRAGMA page_count")).scalar()
        event.listen(ws._engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count = {pages}"))
        ws._engine.dispose()
        before = ws.get(aid).data
        with pytest.raises(UserError) as e:
            for i in range(200):                        # long comments until the file cannot grow
                ws.set_comment(aid, "pcs", f"{i} " + "ghi chú dài " * 800)
        assert "đầy" in e.value.describe("vi")
        after = ws.get(aid).data
        assert after.answers["pcs"].value == before.answers["pcs"].value
        # the last comment either fully saved or not at all; audit entry matches it
        trail = [t for t in ws.audit_trail(aid) if t.action == "comment"]
        assert (trail[-1].new if trail else "") == after.answers["pcs"].comment
    assert check_database(tmp_path) == []


def test_a_database_url_other_than_a_file_works_for_storage(tmp_path):
    from egov_desktop.services import resolve_location

    url, path = resolve_location("sqlite:///" + str(tmp_path / "x.sqlite"))
    assert path == tmp_path / "x.sqlite" and url.startswith("sqlite:///")
    with open_workspace(url) as ws:
        assert filled(ws)
        assert ws.path == tmp_path / "x.sqlite"


def _leave_half_made_backups(folder, like):
    """What a backup killed half-way leaves: a *.part copy and its *.part-journal."""
    import shutil
    for i in range(3):
        part = folder / f"egov-desktop-2025010{i}-101010000000-daily.sqlite.part"
        shutil.copy(like, part)
        (folder / (part.name + "-journal")).write_bytes(b"\0" * 4096)


def test_half_made_backups_are_removed_at_the_next_start_and_by_rotation(tmp_path):
    with open_workspace(tmp_path) as ws:
        filled(ws)
        ws.backup()
    folder = tmp_path / "backups"
    good = backups.list_backups(tmp_path / "egov-desktop.sqlite")[0].path
    _leave_half_made_backups(folder, good)
    (tmp_path / "egov-desktop.sqlite.restore.part").write_bytes(b"half a restore")
    with open_workspace(tmp_path) as ws:                # the next start
        assert not list(tmp_path.rglob("*.part*"))
        _leave_half_made_backups(folder, good)
        ws.backup()                                     # rotation
        assert not list(tmp_path.rglob("*.part*"))
        assert [b.path for b in ws.backups()][-1] == good   # the good ones stay
    # a copy another program is writing right now is left alone
    busy = folder / "egov-desktop-20250101-101010000000-manual.sqlite.part"
    writer = sqlite3.connect(busy, isolation_level=None)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (1)")
    try:
        assert backups.clean_partial(tmp_path / "egov-desktop.sqlite") == []
        assert busy.exists()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert backups.clean_partial(tmp_path / "egov-desktop.sqlite") == [busy]


def test_the_province_store_runs_the_start_check_and_refuses_to_import_into_a_damaged_store(
        _isolated_data_dir, tmp_path, capsys):
    from egov_desktop.cli import main
    from egov_desktop.province.store import open_store

    store = open_store()
    store.close()
    db = _isolated_data_dir / "egov-desktop.sqlite"
    _damage(db)
    before = db.read_bytes()
    with pytest.raises(DatabaseDamaged):
        open_store()
    received = tmp_path / "received"
    received.mkdir()
    (received / "a.egov.json").write_text("{}", encoding="utf-8")
    assert main(["import", str(received)]) == 2
    assert "bị hỏng" in capsys.readouterr().err
    assert db.read_bytes() == before                    # nothing written into it


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31)),
       st.text(alphabet="0123456789-x٣", max_size=14), st.text(alphabet="0123456789x ", max_size=14))
def test_backup_name_time_is_read_as_strptime_reads_it(when, date, time):
    """storage.backup.stamp_time (no _strptime at start) gives what strptime gives for the names
    the backups get, and refuses what it would refuse (a stray file in backups/ is skipped)."""
    from egov_desktop.storage.backup import stamp_time

    d, t = when.strftime("%Y%m%d-%H%M%S%f").split("-")
    assert stamp_time(d, t) == when
    try:
        got = stamp_time(date, time)
    except ValueError:
        return
    assert got == dt.datetime.strptime(date + time, "%Y%m%d%H%M%S%f")  # what it reads, strptime reads alike
