"""A database another program holds is "in use", never "damaged"; reading works while another
program writes, and opening writes nothing."""
import shutil
import sqlite3

import pytest

from egov_desktop.cli import main
from egov_desktop.services import DatabaseDamaged, DatabaseUnavailable, check_database
from egov_desktop.services.opening import first_list
from egov_desktop.storage import engine as storage_engine
from egov_desktop.storage import integrity
from tests.fixtures.db.helpers import FRAMEWORKS, filled, open_workspace


@pytest.fixture
def stored(_isolated_data_dir, monkeypatch):
    """The data folder with one assessment and the mini framework; short lock waits."""
    (_isolated_data_dir / "frameworks").mkdir(parents=True, exist_ok=True)
    shutil.copy(FRAMEWORKS / "mini.yaml", _isolated_data_dir / "frameworks" / "mini.yaml")
    with open_workspace(_isolated_data_dir) as ws:
        aid = filled(ws)
    monkeypatch.setattr(storage_engine, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(integrity, "BUSY_TIMEOUT", 0.3)
    return _isolated_data_dir, aid


@pytest.mark.parametrize("unscored", [False, True], ids=["scored", "rows-to-score"])
def test_list_show_export_and_report_work_while_another_program_holds_the_write_lock(stored, tmp_path, capsys,
                                                                                       unscored):
    folder, aid = stored
    db = folder / "egov-desktop.sqlite"
    if unscored:   # rows an older schema left without a score: scored later, not by this opening
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE assessments SET scored_at = ''")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")                 # another program is writing
    try:
        assert main(["assessment", "list"]) == 0
        assert "Xã Quảng Bình" in capsys.readouterr().out
        assert main(["assessment", "show", str(aid)]) == 0
        assert main(["assessment", "export", str(aid), "-o", str(tmp_path / "a.egov.json")]) == 0
        assert main(["report", str(aid), "-o", str(tmp_path / "a.pdf")]) == 0
        assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
        assert first_list(folder)[0].id == aid
        with open_workspace(folder) as ws:
            assert ws.get(aid).data.answers["pcs"].value == 18
    finally:
        other.execute("ROLLBACK")
        other.close()


def _exclusive_holder(db):
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE agencies SET name = name")
    other.execute("COMMIT")                          # the lock stays: nobody else can even read
    return other


def test_an_exclusive_lock_is_in_use_not_damage_everywhere(stored, capsys):
    folder, aid = stored
    other = _exclusive_holder(folder / "egov-desktop.sqlite")
    try:
        for opening in (lambda: open_workspace(folder), lambda: first_list(folder), lambda: check_database(folder)):
            with pytest.raises(DatabaseUnavailable) as e:
                opening()
            assert not isinstance(e.value, DatabaseDamaged)
            assert "chương trình khác" in e.value.describe("vi") and "hỏng" not in e.value.describe("vi")
            assert "in use by another program" in e.value.describe("en")
        for argv in (["assessment", "list"], ["db", "check"], ["--lang", "en", "assessment", "list"]):
            assert main(argv) == 2
            err = capsys.readouterr().err
            assert ("chương trình khác" in err or "another program" in err), err
            assert all(w not in err.lower() for w in ("hỏng", "damaged", "khôi phục", "restore")), err
    finally:
        other.close()
    with open_workspace(folder) as ws:              # released: it opens as before
        assert ws.list_assessments()[0].id == aid
