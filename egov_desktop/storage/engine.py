"""Connecting to the database: SQLite with WAL and foreign keys, or any SQLAlchemy URL.

Each answer is committed as it is set, so the journal settings decide what survives a power
cut: WAL with synchronous=FULL makes a commit durable once it returns.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from ..errors import UserError
from ..i18n import bilingual
from .layout import DB_FILE, sqlite_url  # noqa: F401 - where they always were imported from
from .triggers import LOCK_MESSAGE

BUSY_TIMEOUT_MS = 5000
# FULL: a commit is on the disk once it returns, so a power cut loses no saved answer (NORMAL
# would survive a killed program but not a power cut). benchmarks/bench_storage.py measures both.
SYNCHRONOUS = "FULL"
WRITE_OPTION = "egov_write"  # execution option of the engine used for writing transactions


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _on_connect(dbapi_conn, _record) -> None:
    # Autocommit mode for the pragmas (journal_mode cannot change inside a transaction).
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    cur.close()


def _on_begin(conn) -> None:
    # pysqlite's own transaction handling is switched off (below) so that SQLite's locking
    # follows SQLAlchemy's transactions. A writing transaction takes the write lock up front
    # (BEGIN IMMEDIATE), so two programs writing at once wait for each other (busy_timeout)
    # instead of failing half-way when a read turns into a write.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn, _record):
        dbapi_conn.isolation_level = None

    event.listen(engine, "begin", _on_begin)
    return engine


def describe_db_error(exc: BaseException, where: str = "") -> UserError:
    """A database failure as a message a person can act on: in use, disk full, file too large,
    read-only (storage.faults.DatabaseUnavailable), damaged, or SQLite's own words."""
    from .faults import DAMAGED, DatabaseUnavailable, cause_of

    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if LOCK_MESSAGE in str(orig):   # a trigger refused to change a finished assessment
        from .lock import LockedError
        return LockedError()
    path = Path(where) if where and "://" not in where else None
    cause = cause_of(orig, path)
    if cause == DAMAGED:
        return UserError(bilingual("Tệp cơ sở dữ liệu bị hỏng ({detail})", detail=str(orig)), where or None)
    if cause:
        return DatabaseUnavailable(cause, where or None, str(orig) if cause == "io" else "")
    return UserError(bilingual("Lỗi cơ sở dữ liệu: {detail}", detail=str(orig)), where or None)


DB_ERRORS = (SQLAlchemyError, sqlite3.Error, OSError)


@contextmanager
def translated_errors(where: str = "") -> Iterator[None]:
    """Turn database and disk failures into UserError (the transaction is already rolled back)."""
    try:
        yield
    except UserError:
        raise
    except (OperationalError, DBAPIError, sqlite3.Error) as e:
        raise describe_db_error(e, where) from None
    except OSError as e:
        raise describe_db_error(e, where) from None
