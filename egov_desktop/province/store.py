"""The province store: the same database as the program's (SQLite in the data folder by
default) or any SQLAlchemy URL, e.g. a PostgreSQL database a province shares.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..paths import data_dir
from ..storage import presence
from ..storage.engine import DB_FILE, WRITE_OPTION, make_engine, sqlite_path, sqlite_url, translated_errors
from ..storage.migrate import prepare

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "province_alembic_version"


def default_url() -> str:
    return sqlite_url(data_dir() / DB_FILE)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProvinceStore:
    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self.warnings: list = []   # from the start check: a daily backup that could not be made
        self._presence = ""        # the note naming this program to a refused restore (storage.presence)
        self._reading = sessionmaker(engine, expire_on_commit=False)
        self._writing = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translated_errors(self.where), self._reading() as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing written) on error."""
        with translated_errors(self.where), self._writing() as s, s.begin():
            yield s

    @property
    def where(self) -> str:
        path = sqlite_path(self.url)
        return path.name if path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
        path = sqlite_path(self.url)
        if path is not None and self._presence:
            presence.withdraw(path, self._presence)
            self._presence = ""


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def open_store(url: str | None = None) -> ProvinceStore:
    """Open (creating or upgrading the schema) the province store at `url` (default: the data folder)."""
    url = url or default_url()
    path = sqlite_path(url)
    warnings = []
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # the program's start check: a damaged store is refused (DatabaseDamaged) before anything
        # is written into it; the daily backup covers the province's data too
        from ..services.opening import check_at_start
        with translated_errors(path.name):
            warnings = check_at_start(path)
    engine = make_engine(url)
    store = ProvinceStore(engine, url)
    store.warnings = warnings
    with translated_errors(store.where):
        prepare(engine, path, store.where)  # the program's own tables first, then the province's
        _upgrade(engine)
    if path is not None:
        store._presence = presence.announce(path, "egov-desktop (chế độ Sở / province mode)")
    return store


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        current = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()
    with engine.begin() as conn:
        cfg = _alembic_config(conn)
        if current != ScriptDirectory.from_config(cfg).get_current_head():
            command.upgrade(cfg, "head")

