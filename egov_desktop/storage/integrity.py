"""Checks on the raw database file, run before anything else touches it (standard library only).

- `check_file`: SQLite's quick_check (at start) or full integrity_check: the pages and records.
- `missing_tables` and `schema_version`: is it a database of this program, at a schema it knows.
- `deep_check` (`db check`): also reads every row of every table and decodes every text, which
  is where damage inside the overflow pages of a long comment shows (integrity_check verifies
  the chain of pages, not what they hold). Each problem names the assessment it belongs to.

A failure that is not damage (locked, disk full, read-only, ...) raises faults.DatabaseUnavailable.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..i18n import tr
from .faults import unavailable
from .layout import TABLES

# JSON columns: a value that is text but not JSON is damage too (SQLAlchemy would fail on it)
JSON_COLUMNS = {("answers", "value"), ("audit", "old"), ("audit", "new")}
# how a row of each table leads to its assessment
_OWNER_SQL = {
    "assessments": "SELECT ?",
    "answers": "SELECT assessment_id FROM answers WHERE rowid = ?",
    "audit": "SELECT assessment_id FROM audit WHERE rowid = ?",
    "evidence": "SELECT a.assessment_id FROM evidence e JOIN answers a ON a.id = e.answer_id WHERE e.rowid = ?",
}


BUSY_TIMEOUT = 5.0   # seconds a check waits for another program's lock before saying "in use"


def connect_ro(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection; immutable: one that creates no -shm (a full disk) and ignores the -wal,
    for a database whose -wal is empty."""
    extra = "&immutable=1" if immutable else ""
    return sqlite3.connect(f"file:{path.as_posix()}?mode=ro{extra}", uri=True, timeout=BUSY_TIMEOUT)


def wal_has_data(path: Path) -> bool:
    """Whether commits may sit in the -wal (then only a normal, -shm making connection sees them)."""
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _problems_or_raise(e: sqlite3.Error, path: Path) -> list[str]:
    fault = unavailable(e, path)
    if fault is not None:
        raise fault from None
    return [str(e)]


def check_file(path: Path, quick: bool = True, immutable: bool = False) -> list[str]:
    """The damage SQLite finds in the file ([] when it is sound).

    quick_check verifies the pages and records (what a crash could damage) in linear time;
    the full integrity_check also cross-checks every index and is used by `db check`.
    Raises DatabaseUnavailable when the file cannot be read now (in use, disk full, ...).
    """
    try:
        conn = connect_ro(path, immutable)
    except sqlite3.Error as e:
        return _problems_or_raise(e, path)
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        if not problems:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return problems
    except sqlite3.Error as e:
        return _problems_or_raise(e, path)
    finally:
        conn.close()


def schema_version(path: Path, immutable: bool = False) -> str | None:
    """The Alembic revision stamped in the file, "" for a file without one, None when unreadable."""
    try:
        conn = connect_ro(path, immutable)
    except sqlite3.Error:
        return None
    try:
        tables = _tables(conn)
        if "alembic_version" not in tables:
            return ""
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else ""
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def missing_tables(path: Path) -> list[str]:
    """The program's tables the file lacks (every one when it cannot be read)."""
    try:
        conn = connect_ro(path)
        try:
            found = _tables(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return list(TABLES)
    return [t for t in TABLES if t not in found]


def _assessment_name(conn: sqlite3.Connection, table: str, rowid: int) -> str:
    """'đánh giá số 3 (Xã A, kỳ 2025)' for a row, as far as the damaged file still tells."""
    try:
        found = conn.execute(_OWNER_SQL[table], (rowid,)).fetchone() if table in _OWNER_SQL else None
    except sqlite3.Error:
        found = None
    if not found:
        return ""
    aid = found[0]
    try:
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        named = conn.execute("SELECT g.name, a.period FROM assessments a JOIN agencies g ON g.id = a.agency_id"
                             " WHERE a.id = ?", (aid,)).fetchone()
    except sqlite3.Error:
        named = None
    finally:
        conn.text_factory = bytes
    if named:
        return tr("đánh giá số {id} ({agency}, kỳ {period})", id=aid, agency=named[0], period=named[1])
    return tr("đánh giá số {id}", id=aid)


def _scan_table(conn: sqlite3.Connection, table: str) -> list[str]:
    """Read every row of `table` and decode every text (and JSON) value in it."""
    conn.text_factory = str
    columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    conn.text_factory = bytes
    select = ", ".join(f'typeof("{c}"), "{c}"' for c in columns)
    problems: list[str] = []
    last = None
    try:
        for row in conn.execute(f'SELECT rowid, {select} FROM "{table}" ORDER BY rowid'):
            last = row[0]
            for i, column in enumerate(columns):
                kind, value = row[1 + 2 * i], row[2 + 2 * i]
                if kind != b"text":   # typeof() comes as bytes too (text_factory)
                    continue
                try:
                    text = value.decode("utf-8")
                    if (table, column) in JSON_COLUMNS:
                        json.loads(text)
                except ValueError:
                    owner = _assessment_name(conn, table, row[0])
                    problems.append(tr("Bảng {table}, dòng {row}, cột {column}: nội dung bị hỏng", table=table,
                                       row=row[0], column=column) + (f" — {owner}" if owner else ""))
    except sqlite3.DatabaseError as e:
        where = tr("sau dòng {row}", row=last) if last is not None else tr("ngay từ đầu")
        problems.append(tr("Bảng {table} không đọc hết được ({where}): {detail}", table=table, where=where,
                           detail=str(e)))
    return problems


def deep_check(path: Path) -> list[str]:
    """Every problem `db check` finds: SQLite's full integrity_check, then every row of every
    table read and every text decoded (damage inside a long text's overflow pages)."""
    problems = check_file(path, quick=False)
    try:
        conn = connect_ro(path)
    except sqlite3.Error as e:
        return problems + _problems_or_raise(e, path)
    try:
        for table in sorted(_tables(conn)):
            problems += _scan_table(conn, table)
    except sqlite3.Error as e:
        problems += _problems_or_raise(e, path)
    finally:
        conn.close()
    return problems
