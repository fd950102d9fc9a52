"""Who has the database open, as far as can be known: a note each program of ours leaves beside
the file while it has it open (egov-desktop.sqlite.open-by), so that a restore refused because
the file is in use can say which program holds it. SQLite's own lock is what refuses; the note
only names. A program killed leaves its note behind: it is then named as "may be".
"""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from scoring.text import Text

from ..i18n import bilingual


def _note(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".open-by")


def announce(db_path: Path, program: str = "egov-desktop") -> str:
    """Leave the note (best effort: a read-only or full disk only loses the name); returns its token."""
    import socket  # here: the first list, read before the Workspace opens, needs only who()

    token = f"{os.getpid()}-{id(db_path)}-{datetime.now().timestamp()}"
    try:
        _note(db_path).write_text(json.dumps({"token": token, "program": program, "pid": os.getpid(),
                                              "host": socket.gethostname(),
                                              "since": datetime.now().isoformat(timespec="seconds")}),
                                  encoding="utf-8")
    except OSError:
        pass
    return token


def withdraw(db_path: Path, token: str) -> None:
    """Remove the note if it is still this opening's."""
    try:
        if json.loads(_note(db_path).read_text(encoding="utf-8")).get("token") == token:
            _note(db_path).unlink()
    except (OSError, ValueError):
        pass


def who(db_path: Path) -> Text:
    """'egov-desktop (tiến trình 1234 trên máy PC-01, mở lúc …)', or a guess when no note is left."""
    try:
        n = json.loads(_note(db_path).read_text(encoding="utf-8"))
        return bilingual("có thể là {program} (tiến trình {pid} trên máy {host}, mở lúc {since})",
                  program=n["program"], pid=n["pid"], host=n["host"], since=n["since"].replace("T", " "))
    except (OSError, ValueError, KeyError, TypeError):
        return bilingual("một chương trình khác: cửa sổ egov-desktop khác, phần mềm xem SQLite hoặc phần mềm sao lưu")
