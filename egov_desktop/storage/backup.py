"""Automatic rotating backups with SQLite's online backup API, and restoring one.

A backup is a consistent copy even while the program writes (the backup API copies a snapshot),
is checked before it is kept, and is written under a temporary name first, so a half-made
backup never looks like a good one.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import UserError
from ..i18n import bilingual
from .integrity import check_file, schema_version

KEEP = 10               # backups kept; the oldest go first
SUFFIX = ".sqlite"


@dataclass(frozen=True)
class BackupInfo:
    path: str
    created: str          # local time, ISO
    reason: str           # manual, daily, migration, restore
    size: int


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


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
            created = datetime.strptime(parts[0] + parts[1], "%Y%m%d%H%M%S%f")
        except ValueError:
            continue
        out.append(BackupInfo(str(p), created.isoformat(timespec="seconds"), "-".join(parts[2:]), p.stat().st_size))
    return sorted(out, key=lambda b: b.path, reverse=True)


def make_backup(db_path: Path, reason: str = "manual", keep: int = KEEP) -> BackupInfo:
    """Copy the database into backups/ and drop the oldest beyond `keep`."""
    folder = backup_dir(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}"
    part = target.with_name(target.name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
                # one self-contained file: a copy left in WAL mode grows -wal and -shm files beside
                # it as soon as it is read (the check below), which nothing would ever remove
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        problems = check_file(part)
        if problems:
            raise UserError(bilingual("Bản sao lưu không toàn vẹn: {detail}", detail=problems[0]), str(db_path))
        os.replace(part, target)
    except (sqlite3.Error, OSError) as e:
        part.unlink(missing_ok=True)
        raise UserError(bilingual("Không tạo được bản sao lưu: {detail}", detail=str(e)), str(folder)) from None
    except UserError:
        part.unlink(missing_ok=True)
        raise
    for old in list_backups(db_path)[keep:]:
        Path(old.path).unlink(missing_ok=True)
    return next(b for b in list_backups(db_path) if b.path == str(target))


def backed_up_today(db_path: Path) -> bool:
    today = datetime.now().date().isoformat()
    return any(b.created.startswith(today) for b in list_backups(db_path))


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check (what to offer after damage)."""
    for b in list_backups(db_path):
        if not check_file(Path(b.path)):
            return b
    return None


def restore(db_path: Path, backup: Path) -> Path | None:
    """Replace the database with `backup` (checked first). The replaced file is kept beside it
    as *.replaced-<time>.sqlite (returned), so a restore can itself be undone.

    The database must not be open in this process (close the Workspace first).
    """
    backup = Path(backup)
    if not backup.is_file():
        raise UserError(bilingual("Không tìm thấy tệp sao lưu"), str(backup))
    problems = check_file(backup, quick=False)
    if problems:
        raise UserError(bilingual("Tệp sao lưu bị hỏng: {detail}", detail=problems[0]), str(backup))
    if not schema_version(backup):
        raise UserError(bilingual("Tệp không phải cơ sở dữ liệu của egov-desktop"), str(backup))
    part = db_path.with_name(db_path.name + ".restore.part")
    kept = None
    try:
        src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(part)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if db_path.exists():
            # the write-ahead log goes with its file: it may hold the newest commits
            kept = db_path.with_name(f"{db_path.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}{SUFFIX}")
            for side in ("", "-wal", "-shm", "-journal"):
                if Path(str(db_path) + side).exists():
                    os.replace(str(db_path) + side, str(kept) + side)
        os.replace(part, db_path)
    except (sqlite3.Error, OSError) as e:
        part.unlink(missing_ok=True)
        raise UserError(bilingual("Không khôi phục được: {detail}", detail=str(e)), str(backup)) from None
    return kept
