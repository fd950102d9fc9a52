"""Opening at start without SQLAlchemy: the first list read with plain sqlite3 is exactly the
Workspace's list, and every case it cannot answer is left to the Workspace."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from egov_desktop.domain import Agency
from egov_desktop.services import DatabaseDamaged
from egov_desktop.services.opening import first_list
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
        expected = ws.list_assessments()
    assert len(expected) == 3 and any(a.band for a in expected) and any(a.errors for a in expected)
    assert first_list(tmp_path) == expected                          # order, values, bands, no deleted one


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
