"""Bringing a database to the current schema at start.

Empty database: create the tables and stamp the newest revision. Older schema: back up,
then upgrade with the Alembic migrations shipped in the package (configured here in code,
no alembic.ini). A database from a newer program is refused with a clear message.
Alembic is imported only when there is something to do (start-up speed).
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from ..errors import UserError
from ..i18n import bilingual
from .models import Base
from .layout import HEAD, KNOWN

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection: Connection) -> str | None:
    """The stamped revision; "" for tables without a stamp; None for an empty database."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables:
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else ""
    return "" if tables else None


def upgrade_to(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def prepare(engine: Engine, db_path: Path | None, where: str) -> str:
    """Make the schema current; returns what was done: "created", "upgraded" or "current"."""
    with engine.connect() as conn:
        rev = current_revision(conn)
    if rev == HEAD:
        return "current"
    if rev is None:
        from alembic import command

        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            command.stamp(alembic_config(conn), "head")
        return "created"
    if rev not in KNOWN:
        if rev == "":
            raise UserError(bilingual("Tệp không phải cơ sở dữ liệu của egov-desktop"), where)
        raise UserError(bilingual(
            "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của chương trình (lược đồ {rev}); "
            "hãy cập nhật chương trình", rev=rev), where)
    if db_path is not None:
        from .backup import make_backup
        make_backup(db_path, "migration")
    upgrade_to(engine)
    return "upgraded"
