"""SQLite's own integrity check, run on the raw file before anything else touches it."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def check_file(path: Path, quick: bool = True) -> list[str]:
    """The problems SQLite finds in the file ([] when it is sound).

    quick_check verifies the pages and records (what a crash could damage) in linear time;
    the full integrity_check also cross-checks every index and is used by `db check`.
    """
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as e:
        return [str(e)]
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        if not problems:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return problems
    except sqlite3.DatabaseError as e:
        return [str(e)]
    finally:
        conn.close()


def schema_version(path: Path) -> str | None:
    """The Alembic revision stamped in the file, "" for a file without one, None when unreadable."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return ""
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else ""
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
