"""Killing `db restore` at each step leaves either the old database or the restored one, never none.

A child process restores a backup and stops at one named step (storage.backup._step, replaced by
tests/fixtures/db/restore_stopper.py); the test kills it there with SIGKILL, then opens the
database as the next start would. Also with a -wal left by a killed program (its commit must
survive a restore killed before the replace).
"""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from egov_desktop.services import check_database
from egov_desktop.storage import backup as backups
from tests.fixtures.db.helpers import COMPLETE, filled, open_workspace

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("checked", "locked", "copied", "kept", "replaced")
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _kill_restore_at(folder: Path, backup_file: str, step: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(ROOT / "tests/fixtures/db/restore_stopper.py"), str(folder),
                              backup_file, step], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    line = child.stdout.readline()
    assert line == f"at {step}\n".encode(), child.stderr.read().decode()
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("left_wal", [False, True], ids=["closed", "wal-of-a-killed-program"])
@pytest.mark.parametrize("step", STEPS)
def test_a_restore_killed_at_any_step_leaves_the_old_or_the_restored_database(tmp_path, step, left_wal):
    folder = tmp_path / "data"
    with open_workspace(folder) as ws:
        aid = filled(ws)                           # pcs = 18 in the backup
        good = ws.backup()
        ws.set_answer(aid, "pcs", 3)               # the live database says 3
    old = 3
    db = folder / "egov-desktop.sqlite"
    if left_wal:
        subprocess.run([sys.executable, str(ROOT / "tests/fixtures/db/wal_leaver.py"), str(db), "7"], check=True)
        assert Path(str(db) + "-wal").stat().st_size > 0
        old = 7                                    # committed, only in the -wal
    _kill_restore_at(folder, good.path, step)
    assert db.exists()                             # never no database
    assert check_database(folder, quick=True) == []
    with open_workspace(folder) as ws:             # the next start
        value = ws.get(aid).data.answers["pcs"].value
        assert value == (COMPLETE["pcs"] if step == "replaced" else old), step
        assert ws.integrity_problems() == []
        reasons = [b.reason for b in ws.backups()]
    # nothing half-made is left, and the data the restore replaced is offered back
    assert not list(folder.rglob("*.part*"))
    if step in ("kept", "replaced"):
        assert backups.BEFORE_RESTORE in reasons
        kept = next(b for b in backups.list_backups(db) if b.reason == backups.BEFORE_RESTORE)
        with open_workspace(kept.path, daily_backup=False) as ws:
            assert ws.get(aid).data.answers["pcs"].value == old


def test_a_restore_left_half_done_by_an_older_version_is_undone_or_finished_at_start(tmp_path):
    """The old restore moved the live file aside before moving the copy in: a kill between left
    no database. The next start puts the moved-aside file back (or the checked copy in)."""
    folder = tmp_path / "data"
    with open_workspace(folder) as ws:
        aid = filled(ws)
        good = ws.backup()
        ws.set_answer(aid, "pcs", 3)
    db = folder / "egov-desktop.sqlite"
    os.replace(db, folder / "egov-desktop.replaced-20250101-101010.sqlite")
    with open_workspace(folder) as ws:
        assert ws.get(aid).data.answers["pcs"].value == 3      # undone, not a new empty database
    os.replace(db, folder / "egov-desktop.replaced-20250101-101011.sqlite")
    import shutil
    shutil.copy(good.path, folder / "egov-desktop.sqlite.restore.part")
    with open_workspace(folder) as ws:
        assert ws.get(aid).data.answers["pcs"].value == COMPLETE["pcs"]   # finished
