"""Automatic rotating backups with SQLite's online backup API, and restoring one.

A backup is a consistent copy even while the program writes (the backup API copies a snapshot),
is checked before it is kept, and is written under a temporary name first (*.part), so a
half-made backup never looks like a good one; a killed backup's *.part files are removed at the
next start and by rotation.

Restoring never leaves the user without a database: the live file is replaced in one atomic
rename by a checked copy of the backup, after the current data was copied into backups/ (reason
"before-restore", listed and restorable like any backup). Before that, the restore takes
SQLite's exclusive lock on the live file, which fails while any other program has it open in
WAL mode (each such connection holds a shared lock), so a restore cannot pull the file from
under a program that goes on writing. docs/architecture.md, "Restore".
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from scoring.record import Record
from scoring.text import Text

from ..errors import UserError
from ..i18n import bilingual, tr
from . import presence
from .faults import IN_USE, DatabaseUnavailable, unavailable
from .integrity import check_file, missing_tables, schema_version
from .layout import KNOWN

KEEP = 10               # backups kept; the oldest go first
SUFFIX = ".sqlite"
PART = ".part"          # a backup or restore copy being written
BEFORE_RESTORE = "before-restore"
LOCK_TIMEOUT = 1.0      # seconds a restore waits for another program to let go of the database


def _step(name: str) -> None:
    """Called between the steps of a restore; tests replace it to kill the process there
    (tests/core/test_restore_kill.py)."""


class BackupInfo(Record):
    """One backup file in backups/, as listed."""

    path: str
    created: str          # local time, ISO
    reason: str           # manual, daily, migration, before-restore
    size: int


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def stamp_time(date: str, time: str) -> datetime:
    """The time in a backup's name ("%Y%m%d", "%H%M%S%f"), as strptime reads it; parsed by hand:
    strptime's first call imports _strptime and builds its locale tables (3 ms at every start,
    where the daily backup is checked before the first list)."""
    digits = date + time
    if len(date) != 8 or not 7 <= len(time) <= 12 or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not a backup time: {date}-{time}")
    return datetime(int(date[:4]), int(date[4:6]), int(date[6:]),
                    int(time[:2]), int(time[2:4]), int(time[4:6]), int(time[6:].ljust(6, "0")))


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of this database, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob(f"{db_path.stem}-*{SUFFIX}"):
        parts = p.stem[len(db_path.stem) + 1:].split("-")
        if len(parts) < 3:
            continue
        try:
            created = stamp_time(parts[0], parts[1])
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(BackupInfo(str(p), created.isoformat(timespec="seconds"), "-".join(parts[2:]), size))
    return sorted(out, key=lambda b: b.path, reverse=True)


def _prefixed(prefix: str, e: BaseException, path: Path) -> UserError:
    """'<prefix>: <the cause in words>' as a UserError about `path`."""
    if isinstance(e, UserError):
        cause = e.message
    else:
        fault = unavailable(e, path)
        cause = fault.message if fault else Text(str(e), str(e))
    return UserError(Text(tr(prefix, "vi", detail=cause.vi), tr(prefix, "en", detail=cause.en)), str(path))


def _fsync(path: Path) -> None:
    """Flush a file (or, on POSIX, a folder's entries) to the disk."""
    if path.is_dir():
        if os.name != "posix":   # Windows flushes a rename with the file system's own journal
            return
        flags = os.O_RDONLY
    else:
        flags = os.O_RDWR | getattr(os, "O_BINARY", 0)   # Windows commits only a handle open for writing
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """A self-contained copy of the database open on `src` at `target` (flushed to the disk)."""
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # one self-contained file: a copy left in WAL mode grows -wal and -shm files beside
        # it as soon as it is read (the check below), which nothing would ever remove
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
    _fsync(target)


def _new_name(db_path: Path, reason: str) -> Path:
    """A backup name no other backup has (two in the same microsecond get a counter)."""
    folder = backup_dir(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}"
    n = 1
    while target.exists() or target.with_name(target.name + PART).exists():
        n += 1
        target = folder / f"{db_path.stem}-{stamp}-{reason}{n}{SUFFIX}"
    return target


def _keep_copy(src: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """Copy the database open on `src` into backups/ under a new name; checked before it is kept."""
    target = _new_name(db_path, reason)
    part = target.with_name(target.name + PART)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy(src, part)
        problems = check_file(part)
        if problems:
            raise UserError(bilingual("Bản sao lưu không toàn vẹn: {detail}", detail=problems[0]), str(db_path))
        os.replace(part, target)
        _fsync(target.parent)
    except BaseException:
        _remove_part(part)
        raise
    return target


def make_backup(db_path: Path, reason: str = "manual", keep: int = KEEP) -> BackupInfo:
    """Copy the database into backups/ and drop the oldest beyond `keep` (and half-made ones)."""
    try:
        src = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            target = _keep_copy(src, db_path, reason)
        finally:
            src.close()
    except (sqlite3.Error, OSError, UserError) as e:
        raise _prefixed("Không tạo được bản sao lưu: {detail}", e, backup_dir(db_path)) from None
    rotate(db_path, keep)
    return next(b for b in list_backups(db_path) if b.path == str(target))


def rotate(db_path: Path, keep: int = KEEP) -> None:
    """Drop the oldest backups beyond `keep` (a before-restore copy counts as one) and half-made ones."""
    for old in list_backups(db_path)[keep:]:
        Path(old.path).unlink(missing_ok=True)
    clean_partial(db_path)


def _remove_part(part: Path) -> None:
    for side in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(part) + side).unlink(missing_ok=True)
        except OSError:     # Windows: still open by the program writing it
            pass


def _being_written(part: Path) -> bool:
    """Whether another process is writing this copy right now (it holds SQLite's lock on it)."""
    if not part.exists():
        return False
    try:
        conn = sqlite3.connect(part, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.Error as e:
        fault = unavailable(e, part)
        return fault is not None and fault.cause == IN_USE
    finally:
        conn.close()


def clean_partial(db_path: Path) -> list[Path]:
    """Remove the *.part files (and their -journal) that a killed backup or restore left behind;
    returns what was removed. A copy another process is writing at this moment is left alone."""
    removed = []
    candidates = list(backup_dir(db_path).glob(f"*{PART}*")) if backup_dir(db_path).is_dir() else []
    candidates += list(db_path.parent.glob(f"{db_path.name}.restore{PART}*"))
    for p in sorted(candidates):
        part = Path(str(p).removesuffix("-journal").removesuffix("-wal").removesuffix("-shm"))
        if not part.name.endswith(PART) or _being_written(part):
            continue
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
        except OSError:
            continue
    return removed


def backed_up_today(db_path: Path) -> bool:
    today = datetime.now().date().isoformat()
    return any(b.created.startswith(today) for b in list_backups(db_path))


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check (what to offer after damage)."""
    for b in list_backups(db_path):
        try:
            if not check_file(Path(b.path)):
                return b
        except DatabaseUnavailable:
            continue
    return None


def check_restorable(backup: Path) -> None:
    """Refuse (UserError) a file that is not a complete, sound database of this program at a
    schema it knows."""
    if not backup.is_file():
        raise UserError(bilingual("Không tìm thấy tệp sao lưu"), str(backup))
    problems = check_file(backup, quick=False)
    if problems:
        raise UserError(bilingual("Tệp sao lưu bị hỏng: {detail}", detail=problems[0]), str(backup))
    rev = schema_version(backup)
    if not rev:
        raise UserError(bilingual("Tệp không phải cơ sở dữ liệu của egov-desktop"), str(backup))
    if rev not in KNOWN:
        raise UserError(bilingual(
            "Tệp sao lưu được tạo bởi phiên bản mới hơn của chương trình (lược đồ {rev}); "
            "hãy cập nhật chương trình trước khi khôi phục", rev=rev), str(backup))
    missing = missing_tables(backup)
    if missing:
        raise UserError(bilingual("Tệp sao lưu thiếu bảng dữ liệu: {tables}", tables=", ".join(missing)),
                        str(backup))


@contextmanager
def exclusive_access(db_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[sqlite3.Connection | None]:
    """SQLite's exclusive lock on the live database for the block (None when there is no file,
    or when the file is too damaged to be locked: then nothing can be known about its users).

    The file is switched out of WAL mode first: SQLite refuses that while any other connection
    has it open, and once done the whole database is in the one file (a -wal left by a killed
    program is folded in). Raises DatabaseUnavailable (in use, ...) when the lock is not had.
    """
    if not db_path.exists():
        yield None
        return
    conn = None
    try:
        conn = sqlite3.connect(db_path, timeout=timeout, isolation_level=None)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise DatabaseUnavailable(IN_USE, str(db_path), presence.who(db_path))
        # in exclusive locking mode the lock stays after the (empty) transaction: nobody else can
        # read or write until the connection closes, and it can still be copied from
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        if conn is not None:
            conn.close()
        fault = unavailable(e, db_path)
        if fault is not None and fault.cause == IN_USE:
            raise DatabaseUnavailable(IN_USE, str(db_path), presence.who(db_path)) from None
        if fault is not None:
            raise fault from None
        conn = None            # damaged: restoring is what it needs
    try:
        yield conn
    finally:
        if conn is not None:
            conn.close()


def restore(db_path: Path, backup: Path) -> Path | None:
    """Replace the database with `backup` (checked first). The data it replaces is kept as a
    backup (reason before-restore, returned), so a restore can itself be undone.

    Refused while another program has the database open; the database must not be open in
    this process either (close the Workspace first). At every moment a kill leaves either the
    old database or the restored one in place.
    """
    backup = Path(backup)
    check_restorable(backup)
    _step("checked")
    part = db_path.with_name(db_path.name + ".restore" + PART)
    try:
        with exclusive_access(db_path) as live:
            _step("locked")
            src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
            try:
                _copy(src, part)
            finally:
                src.close()
            problems = check_file(part)
            if problems:
                raise UserError(bilingual("Tệp sao lưu bị hỏng: {detail}", detail=problems[0]), str(backup))
            _step("copied")
            kept = _keep_copy(live, db_path, BEFORE_RESTORE) if live is not None else _keep_damaged(db_path)
            _step("kept")
            if live is not None and os.name == "nt":
                live.close()    # Windows renames no open file; a program opening it now makes the rename fail
            os.replace(part, db_path)
            _fsync(db_path.parent)
            _step("replaced")
    except UserError:
        _remove_part(part)
        raise
    except (sqlite3.Error, OSError) as e:
        _remove_part(part)
        raise _prefixed("Không khôi phục được: {detail}", e, db_path) from None
    rotate(db_path, KEEP + 1)   # the before-restore copy does not push out the oldest backup
    return kept


def _keep_damaged(db_path: Path) -> Path | None:
    """The bytes of a database SQLite cannot open, kept in backups/ (with its -wal) before a restore."""
    import shutil

    if not db_path.exists():
        return None
    target = _new_name(db_path, "damaged")
    target.parent.mkdir(parents=True, exist_ok=True)
    for side in ("-wal", "-shm", "-journal", ""):  # the main file last: it marks the copy as whole
        src = Path(str(db_path) + side)
        if src.exists():
            shutil.copyfile(src, str(target) + side + (PART if not side else ""))
    os.replace(str(target) + PART, target)
    for side in ("-wal", "-shm", "-journal"):     # they belong to the replaced file
        Path(str(db_path) + side).unlink(missing_ok=True)
    return target


def recover(db_path: Path) -> str:
    """At start: undo what a restore by an earlier version left half-done (the live file moved
    aside to *.replaced-<time>.sqlite, the restored copy not moved in). Returns "" or what was done."""
    if db_path.exists():
        return ""
    part = db_path.with_name(db_path.name + ".restore" + PART)
    if part.is_file():
        try:
            sound = not check_file(part) and schema_version(part) in KNOWN
        except DatabaseUnavailable:
            sound = False
        if sound:
            os.replace(part, db_path)
            return "finished"
    replaced = sorted(db_path.parent.glob(f"{db_path.stem}.replaced-*{SUFFIX}"))
    if replaced:
        newest = replaced[-1]
        for side in ("-wal", "-shm", "-journal", ""):
            if Path(str(newest) + side).exists():
                os.replace(str(newest) + side, str(db_path) + side)
        return "undone"
    return ""
