"""A cached index of the framework files: what the lists need (id, version, titles, levels,
hashes) without reading and building every file at each start.

Reading the dozen built-in and installed files took 150–300 ms on the office-PC class machine
(docs/performance.md, GUI), for a dialog that shows one line per framework. The index keeps one
entry per file, keyed on its path, modification time and size; a file whose stamp changed is read
again. It is a cache: a missing, unreadable or malformed index file is ignored and rebuilt, and
one that cannot be written (a read-only data folder) is simply not kept.
"""
from __future__ import annotations

import json
from pathlib import Path

from scoring import Framework
from scoring.record import Record, asdict

from ..errors import UserError
from ..files import write_atomically

FILE_NAME = "frameworks-index.json"  # in the data folder
FORMAT = 1  # changed whenever an entry's fields change: an index of another format is rebuilt


class Entry(Record):
    """One framework file as the lists see it; `broken` for a file that does not load."""

    stamp: tuple[int, int]          # (st_mtime_ns, st_size) the entry was made from
    broken: bool = False
    id: str = ""
    version: str = ""
    title_vi: str = ""
    title_en: str = ""
    levels: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    indicators: int = 0
    content_hash: str = ""
    legacy_hash: str = ""
    signed: bool = False            # carries an issuer block (checked against the trusted keys when listed)

    @classmethod
    def of(cls, stamp: tuple[int, int], fw: Framework) -> Entry:
        return cls(stamp, False, fw.id, fw.version, fw.title.vi, fw.title.en or fw.title.vi, tuple(fw.levels),
                   fw.period_from, fw.period_to, len(fw.indicators), fw.content_hash, fw.legacy_hash,
                   fw.issuer is not None)

    def has_hash(self, content_hash: str) -> bool:  # as Framework.has_hash
        return bool(content_hash) and content_hash in (self.content_hash, self.legacy_hash)


_FIELDS = set(Entry.__struct_fields__)


def stamp_of(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _entry(raw: object) -> Entry:
    """An Entry from its JSON form; ValueError for anything else (a hand-edited or damaged index)."""
    if not isinstance(raw, dict) or set(raw) != _FIELDS:
        raise ValueError("fields")
    stamp, levels = raw["stamp"], raw["levels"]
    if not (isinstance(stamp, list) and len(stamp) == 2 and all(type(x) is int for x in stamp)):
        raise ValueError("stamp")
    if not (isinstance(levels, list) and all(isinstance(x, str) for x in levels)):
        raise ValueError("levels")
    for name in ("id", "version", "title_vi", "title_en", "content_hash", "legacy_hash"):
        if not isinstance(raw[name], str):
            raise ValueError(name)
    for name in ("period_from", "period_to"):
        if raw[name] is not None and not isinstance(raw[name], str):
            raise ValueError(name)
    if type(raw["indicators"]) is not int or type(raw["broken"]) is not bool or type(raw["signed"]) is not bool:
        raise ValueError("flags")
    return Entry(**{**raw, "stamp": tuple(stamp), "levels": tuple(levels)})


def read(path: Path) -> dict[str, Entry]:
    """The entries stored in the index file, by file path; {} when there is none or it is not a
    well-formed index of this format (then it is rebuilt)."""
    try:
        raw = json.loads(path.read_bytes())
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or not isinstance(raw.get("files"), dict):
            return {}
        return {str(k): _entry(v) for k, v in raw["files"].items()}
    except (OSError, ValueError, TypeError, RecursionError):
        return {}


def write(path: Path, entries: dict[str, Entry]) -> None:
    """Keep the index (atomically: a killed write leaves the old one); not kept if it cannot be written."""
    data = {"format": FORMAT, "files": {k: asdict(e) for k, e in sorted(entries.items())}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    except (UserError, OSError):
        pass
