"""Alembic migrations: they agree with the models, and an old database upgrades without loss."""
import shutil
import sqlite3

import pytest
from sqlalchemy import create_engine

from egov_desktop.errors import UserError
from egov_desktop.storage.migrate import HEAD, KNOWN, MIGRATIONS_DIR, alembic_config, upgrade_to
from egov_desktop.storage.models import Base
from tests.fixtures.db.helpers import V1_DB, open_workspace


def _script():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def test_the_known_revisions_are_the_shipped_ones():
    script = _script()
    assert script.get_current_head() == HEAD
    assert sorted(r.revision for r in script.walk_revisions()) == sorted(KNOWN)


def test_models_and_migrations_agree(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    upgrade_to(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_and_upgrade_again(tmp_path):
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    upgrade_to(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    upgrade_to(engine)
    engine.dispose()


def _rows(path, table, columns):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def _columns(path, table):
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def test_a_database_of_the_first_schema_upgrades_with_every_row_and_a_backup_first(tmp_path):
    db = tmp_path / "db" / "egov-desktop.sqlite"
    db.parent.mkdir()
    shutil.copy(V1_DB, db)
    tables = ("agencies", "assessments", "answers", "evidence", "audit")
    before = {t: (_columns(db, t), _rows(db, t, _columns(db, t))) for t in tables}
    assert sum(len(rows) for _, rows in before.values()) > 10
    with open_workspace(db.parent) as ws:
        assert ws.schema_action == "upgraded"
        reasons = [b.reason for b in ws.backups()]
        assert "migration" in reasons
        migration_backup = next(b for b in ws.backups() if b.reason == "migration")
        # every row, every old column, unchanged
        for t, (cols, rows) in before.items():
            assert _rows(db, t, cols) == rows, t
        # the new summary columns are filled in for rows whose framework is installed
        s = ws.summary(1)
        assert s.status == "finalised" and s.completeness > 0 and s.total is not None
        assert ws.get(1).data.answers["channels"].value == ("web",)
        assert ws.get(1).data.answers["portal"].evidence[0].number == "12/QĐ-UBND"
        assert [a.id for a in ws.list_assessments(include_deleted=True)] == [1, 2]
        assert ws.list_assessments("bo trach", include_deleted=True)[0].agency_level == "district"
    # the backup is the database as it was before the upgrade
    conn = sqlite3.connect(migration_backup.path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    with open_workspace(db.parent) as ws:
        assert ws.schema_action == "current"


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path):
    db = tmp_path / "egov-desktop.sqlite"
    with open_workspace(tmp_path):
        pass
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(UserError) as e:
        open_workspace(tmp_path, daily_backup=False)
    assert "newer version" in e.value.describe("en") or "mới hơn" in e.value.describe("vi")
    assert db.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    db = tmp_path / "egov-desktop.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError):
        open_workspace(tmp_path, daily_backup=False)


def _triggers(path):
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    finally:
        conn.close()


def test_a_created_and_a_migrated_database_have_the_same_lock_triggers(tmp_path):
    from egov_desktop.storage.triggers import SQLITE_TRIGGERS, TRIGGER_NAMES

    with open_workspace(tmp_path / "created") as ws:
        assert ws.schema_action == "created"
        created = _triggers(ws.path)
    migrated_db = tmp_path / "migrated.sqlite"
    engine = create_engine(f"sqlite:///{migrated_db}")
    upgrade_to(engine)
    engine.dispose()
    assert created == _triggers(migrated_db)
    assert sorted(created) == sorted(TRIGGER_NAMES) and sorted(created.values()) == sorted(SQLITE_TRIGGERS)


def test_the_first_schema_upgraded_is_locked_in_the_database(tmp_path):
    db = tmp_path / "egov-desktop.sqlite"
    shutil.copy(V1_DB, db)
    with open_workspace(tmp_path) as ws:
        assert ws.summary(1).status == "finalised"
    conn = sqlite3.connect(db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="finalised assessment"):
            conn.execute("UPDATE answers SET value = '99' WHERE assessment_id = 1")
        with pytest.raises(sqlite3.IntegrityError, match="finalised assessment"):
            conn.execute("DELETE FROM evidence")
        conn.execute("UPDATE answers SET value = '8' WHERE assessment_id = 2")       # a draft stays editable
        conn.commit()
    finally:
        conn.close()
