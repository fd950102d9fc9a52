"""A cache of the framework files' parsed data, as JSON, so that opening an assessment builds its
framework without importing PyYAML and parsing the file (together 40–60 ms of the 0.2 s an Open
costs on the office-PC class machine, docs/performance.md, GUI).

One file per framework file in `frameworks-parsed/` beside the index, keyed on the file's path,
modification time and size, as the index is. It is a cache: an entry that is missing, unreadable,
of another format, for another stamp, malformed or nested too deeply is ignored (the YAML is read
again and the entry rewritten), and one that cannot be written is simply not kept. Dates (the
periods) are kept as {"__date__": "2025-01-01"}; data JSON cannot give back exactly (keys that are
not text, NaN, a mapping that looks like a kept date) is not kept, so a framework
built from an entry is the one built from the file: same data, same hashes. What is read back is
checked as the file's data is (untrusted.check_tree) and built by the same build_framework, which
validates everything. The entry also keeps the framework's two hashes as the build gave them
(`hashes`, under scoring.framework.HASHES: an entry of another scheme gives none), so that they
are not worked out again at every open.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from scoring.digest import sha256_hex
from scoring.framework import HASHES

from .. import untrusted
from ..errors import UserError
from ..files import write_atomically
from .limits import MAX_FRAMEWORK_BYTES

FOLDER = "frameworks-parsed"  # beside the index, in the data folder
FORMAT = 1
MAX_DEPTH = 32  # as the YAML loader's


_DATE, _DATETIME = "__date__", "__datetime__"


def _encode(value: object) -> dict:
    if isinstance(value, dt.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode(obj: dict) -> object:
    if len(obj) == 1:
        if isinstance(obj.get(_DATE), str):
            return dt.date.fromisoformat(obj[_DATE])
        if isinstance(obj.get(_DATETIME), str):
            return dt.datetime.fromisoformat(obj[_DATETIME])
    return obj


def _int(token: str) -> int:
    """Integers bounded as the YAML loader bounds them (a hand-edited entry is read as a file is)."""
    if len(token.lstrip("-")) > untrusted.MAX_INT_DIGITS:
        raise ValueError("number too long")
    return int(token)


def _constant(token: str):
    raise ValueError(token)  # NaN, Infinity: never written (allow_nan=False)


def _loads(text: str | bytes) -> Any:
    return json.loads(text, object_hook=_decode, parse_int=_int, parse_constant=_constant)


def _stamp(stamp: tuple[int, int]) -> str:  # text: a time in ns has more digits than _int takes
    return f"{stamp[0]}:{stamp[1]}"


def entry_path(folder: Path, path: Path) -> Path:
    return folder / (sha256_hex(str(path).encode("utf-8", "surrogatepass"))[:32] + ".json")


def read(folder: Path, path: Path, stamp: tuple[int, int] | None) -> tuple[Any, tuple[str, str] | None] | None:
    """The data kept for `path` at `stamp` and the framework's (legacy_hash, content_hash) kept
    with it (None if not kept, or kept under another scheme); None when there is no usable entry."""
    if stamp is None:
        return None
    try:
        raw = _loads(untrusted.read_file(entry_path(folder, path), 4 * MAX_FRAMEWORK_BYTES))
        if (not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("path") != str(path)
                or raw.get("stamp") != _stamp(stamp) or "data" not in raw):
            return None
        untrusted.check_tree(raw["data"], path.name, MAX_DEPTH)
        return raw["data"], _hashes(raw.get("hashes"))
    except (UserError, OSError, ValueError, TypeError, RecursionError):
        return None


def _hashes(kept: Any) -> tuple[str, str] | None:
    if (isinstance(kept, list) and len(kept) == 3 and kept[0] == HASHES
            and all(isinstance(h, str) and len(h) == 64 for h in kept[1:])):
        return kept[1], kept[2]
    return None


def write(folder: Path, path: Path, stamp: tuple[int, int] | None, data: Any,
          hashes: tuple[str, str] | None = None) -> None:
    """Keep `data` for `path` at `stamp` (atomically), if JSON gives it back exactly, with the
    framework's (legacy_hash, content_hash) built from it, if given."""
    if stamp is None:
        return
    try:
        entry = {"format": FORMAT, "path": str(path), "stamp": _stamp(stamp), "data": data}
        if hashes is not None:
            entry["hashes"] = [HASHES, *hashes]
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_encode)
        if not _same(_loads(text)["data"], data):  # e.g. integer keys: not kept
            return
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(entry_path(folder, path), text.encode("utf-8", "surrogatepass"))
    except (UserError, OSError, ValueError, TypeError, RecursionError):
        pass


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types throughout (1 == 1.0 == True for ==; a hash would differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b
