"""The database as a whole: backups, restore and the checks (`db check`), for the Workspace and
for callers that must not have it open (restore). docs/architecture.md, "Restore"."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from scoring import Text

from ..errors import UserError
from ..i18n import bilingual, language
from ..storage import backup as backups
from ..storage.integrity import check_file, deep_check
from .opening import AssessmentDamaged, resolve_location

if TYPE_CHECKING:
    from .workspace import Workspace


def restore_backup(location: str | os.PathLike | None, backup_file: str | os.PathLike) -> Path | None:
    """Replace the database at `location` with a backup (no Workspace may have it open).
    Returns where the replaced file was kept."""
    _, path = resolve_location(location)
    if path is None:
        raise UserError(bilingual("Chỉ khôi phục được cơ sở dữ liệu SQLite"))
    return backups.restore(path, Path(backup_file))


def check_database(location: str | os.PathLike | None, quick: bool = False, *, frameworks=None) -> list[str]:
    """Every problem found in the database file ([] when sound). quick: SQLite's quick check
    only; else (`db check`) the full integrity check, every row and text read and decoded, and
    every finished assessment's content checked against the hash stamped when it was finalised.
    Raises DatabaseUnavailable when the file cannot be read now (in use, disk full, ...)."""
    _, path = resolve_location(location)
    if path is None or not path.exists():
        return []
    if quick:
        return check_file(path, quick=True)
    problems = deep_check(path)
    if problems:
        return problems
    from .workspace import Workspace

    with Workspace(location, frameworks=frameworks, daily_backup=False) as ws:
        return ws.verify_all()


def damaged(ws: Workspace, assessment_id: int, detail: str | Text) -> AssessmentDamaged:
    try:
        s = ws._summaries([assessment_id])
        name = f"{s[0].agency_name}, {s[0].period}" if s else ""
    except UserError:
        name = ""
    good = backups.newest_good_backup(ws.path) if ws.path else None
    return AssessmentDamaged(ws.path or Path(ws.url), assessment_id, name, detail, good)


def verify_all(ws: Workspace) -> list[str]:
    """Read every assessment (the deleted ones too) and check each finished one against its
    content hash: the problems, each naming its assessment."""
    problems = []
    for a in ws._summaries():
        try:
            ws.get(a.id)
        except AssessmentDamaged as e:
            problems.append(e.message.get(language()))
    return problems


def backup(ws: Workspace, reason: str = "manual") -> backups.BackupInfo:
    if ws.path is None:
        raise UserError(bilingual("Chỉ sao lưu được cơ sở dữ liệu SQLite"))
    return backups.make_backup(ws.path, reason)


def backup_list(ws: Workspace) -> list[backups.BackupInfo]:
    return backups.list_backups(ws.path) if ws.path else []


def integrity_problems(ws: Workspace) -> list[str]:
    """The full integrity check of the open database ([] when sound)."""
    return check_file(ws.path, quick=False) if ws.path else []
