"""Why a database file cannot be used, in words: damaged, or only unavailable for now.

Only damage (SQLite's own checks fail, the file is not a database, a text does not decode) may
lead to "restore a backup". A lock held by another program, a full disk, a file-size limit, a
read-only folder or a failing disk leave a sound file that a restore would only replace: each is
a DatabaseUnavailable with its cause named. SQLite reports a full disk while opening (the 32 KB
-shm file cannot be made) and a file-size limit only as "disk I/O error", so the cause of an I/O
error is found by looking at the disk. Standard library only (read at start-up).
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from scoring.text import Text

from ..errors import UserError
from ..i18n import bilingual, tr

DAMAGED, IN_USE, FULL, TOO_LARGE, READ_ONLY, IO = "damaged", "in_use", "full", "too_large", "read_only", "io"
LOW_SPACE = 1 << 20   # less free space than this and a failed write is the full disk's fault

_MESSAGES = {
    IN_USE: "Cơ sở dữ liệu đang bị một chương trình khác sử dụng; hãy đóng chương trình đó rồi thử lại",
    FULL: "Không ghi được cơ sở dữ liệu: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",
    TOO_LARGE: ("Không ghi được cơ sở dữ liệu: tệp vượt giới hạn kích thước tệp của ổ đĩa này hoặc hạn mức "
                "của người dùng; hãy chuyển thư mục dữ liệu sang ổ đĩa khác hoặc nhờ quản trị viên nới hạn mức"),
    READ_ONLY: "Không ghi được cơ sở dữ liệu: ổ đĩa hoặc thư mục chỉ cho phép đọc",
    IO: ("Không đọc hoặc ghi được ổ đĩa (lỗi vào/ra); dữ liệu chưa bị coi là hỏng: "
         "hãy kiểm tra ổ đĩa rồi thử lại"),
}


class DatabaseUnavailable(UserError):
    """The database cannot be used now, for a reason that is not damage (`cause`: IN_USE, FULL,
    TOO_LARGE, READ_ONLY, IO). Nothing should be restored because of it."""

    def __init__(self, cause: str, where: str | None = None, detail: str | Text = ""):
        text = _MESSAGES[cause]
        if detail:
            detail = detail if isinstance(detail, Text) else Text(detail, detail)
            text += " ({detail})"
            message = Text(tr(text, "vi", detail=detail.vi), tr(text, "en", detail=detail.en))
        else:
            message = bilingual(text)
        super().__init__(message, where)
        self.cause = cause


def _io_cause(path: Path | None) -> str:
    """What is behind an I/O error on `path`: a full disk, a file-size limit, a read-only place."""
    if path is None:
        return IO
    folder = path if path.is_dir() else path.parent
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return FULL
    except OSError:
        pass
    if os.name == "posix":
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
        if soft != resource.RLIM_INFINITY:
            return TOO_LARGE
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return READ_ONLY
    return IO


_ERRNO = {errno.ENOSPC: FULL, errno.EFBIG: TOO_LARGE, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY,
          errno.EPERM: READ_ONLY, getattr(errno, "EDQUOT", -1): TOO_LARGE}


def cause_of(exc: BaseException, path: Path | None = None) -> str:
    """DAMAGED, IN_USE, FULL, TOO_LARGE, READ_ONLY or IO for a failure of SQLite or of the disk,
    "" when it is none of these."""
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        if isinstance(exc, PermissionError) and os.name == "nt":
            return IN_USE           # Windows refuses to replace a file another program has open
        return _ERRNO.get(exc.errno, IO) if exc.errno else _io_cause(path)
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return IN_USE
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
            w in text for w in ("malformed", "not a database", "corrupt", "could not decode")):
        return DAMAGED
    if name == "SQLITE_FULL" or "disk is full" in text or "no space" in text:
        return FULL
    if name == "SQLITE_TOOBIG":
        return TOO_LARGE
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text or "permission" in text:
        return READ_ONLY
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk i/o" in text or "unable to open" in text:
        return _io_cause(path)
    return ""   # not known: shown as SQLite says it


def unavailable(exc: BaseException, path: Path | None, where: str | None = None) -> DatabaseUnavailable | None:
    """The DatabaseUnavailable for `exc`, or None when it means damage (or is not known)."""
    cause = cause_of(exc, path)
    if cause in (DAMAGED, ""):
        return None
    detail = str(exc) if cause == IO else ""
    return DatabaseUnavailable(cause, where if where is not None else (str(path) if path else None), detail)
