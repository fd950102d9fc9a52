"""The frameworks the program knows: built-in ones and those the user added."""
from __future__ import annotations

import threading
from pathlib import Path

from scoring import Framework, FrameworkError, build_framework
from scoring.record import Record

from ..paths import data_dir, resource_path
from . import index, parsed
from .loader import load_framework_file, read_framework_data


class FrameworkInfo(Record):
    """What a list of frameworks shows (plain data for the GUI and the CLI)."""

    id: str
    version: str
    title_vi: str
    title_en: str
    levels: tuple[str, ...]
    period_from: str | None
    period_to: str | None
    indicators: int
    builtin: bool
    path: str
    content_hash: str
    issuer_name: str = ""          # who signed the file as its issuer (frameworks/issuer.py)
    issuer_state: str = "unsigned"  # verified, signed, unsigned or invalid


class FrameworkRegistry:
    """The framework files in the built-in and the user's folders. Lists come from a cached index
    (frameworks/index.py: a file is read and built only when it is new or changed); a framework
    is built from its file when it is asked for, once per version of the file."""

    def __init__(self, folders: list[tuple[Path, bool]] | None = None, index_path: Path | None = None):
        self._folders = folders
        self._index_path = index_path
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[tuple[int, int] | None, Framework]] = {}
        self._index_lock = threading.Lock()
        self._entries: dict[str, index.Entry] | None = None  # the index, by file path
        self._read_from: Path | None = None
        self._trust_file = True  # False after forget(): the next listing reads every file again
        self._trust_parsed = True  # False after forget(): files are parsed again (an edit may keep the stamp)

    def folders(self) -> list[tuple[Path, bool]]:
        if self._folders is not None:
            return self._folders
        return [(resource_path("frameworks"), True), (data_dir() / "frameworks", False)]

    def index_path(self) -> Path | None:
        """Where the index is kept: the data folder for the program's own folders, none otherwise
        (a registry of other folders, as in tests, keeps it in memory only) unless one is given."""
        if self._index_path is not None or self._folders is not None:
            return self._index_path
        return data_dir() / index.FILE_NAME

    def _load(self, path: Path) -> Framework:
        """The file's framework, read again when the file changed (an edit in place, a reinstall)."""
        stamp = index.stamp_of(path)
        with self._lock:
            cached = self._cache.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        fw = self._build(path, stamp)
        with self._lock:
            self._cache[path] = (stamp, fw)
        return fw

    def _build(self, path: Path, stamp: tuple[int, int] | None) -> Framework:
        """Built from the parsed cache beside the index (frameworks/parsed.py) when it holds this
        version of the file, else from the file (and its data kept there)."""
        where = self.index_path()
        if where is None or path.suffix.lower() not in (".yaml", ".yml"):
            return load_framework_file(path)
        folder = where.with_name(parsed.FOLDER)
        kept = parsed.read(folder, path, stamp) if self._trust_parsed else None
        if kept is not None:
            data, hashes = kept
            try:
                fw = build_framework(data, path.name, hashes)
            except FrameworkError:  # a damaged entry: the file decides
                pass
            else:
                if hashes is None:  # an entry of an earlier scheme: kept again with today's
                    parsed.write(folder, path, stamp, data, (fw.legacy_hash, fw.content_hash))
                return fw
        data = read_framework_data(path)
        fw = build_framework(data, path.name)
        parsed.write(folder, path, stamp, data, (fw.legacy_hash, fw.content_hash))
        return fw

    def paths(self) -> list[tuple[Path, bool]]:
        out = []
        for folder, builtin in self.folders():
            if folder.is_dir():
                for p in sorted(folder.iterdir()):
                    if p.suffix.lower() in (".yaml", ".yml", ".xlsx"):
                        out.append((p, builtin))
        return out

    def forget(self) -> None:
        """Read the files again next time (after an install or a removal)."""
        with self._lock:
            self._cache.clear()
        with self._index_lock:
            self._entries, self._trust_file = None, False
        self._trust_parsed = False

    def _entry(self, path: Path, known: dict[str, index.Entry]) -> index.Entry | None:
        """The index entry of one file: the stored one while the file's stamp is the same, else
        made by reading the file (None if it vanished meanwhile)."""
        stamp = index.stamp_of(path)
        if stamp is None:
            return None
        e = known.get(str(path))
        if e is not None and e.stamp == stamp:
            return e
        try:
            return index.Entry.of(stamp, self._load(path))
        except FrameworkError:
            return index.Entry(stamp, broken=True)

    def _indexed(self) -> list[tuple[Path, bool, index.Entry]]:
        """(path, builtin, entry) of every file, broken ones included; the index file is
        rewritten when anything changed."""
        with self._index_lock:
            where = self.index_path()
            if self._entries is None or where != self._read_from:
                self._entries = index.read(where) if where is not None and self._trust_file else {}
                self._read_from, self._trust_file = where, True
            found, now = [], {}
            for path, builtin in self.paths():
                e = self._entry(path, self._entries)
                if e is not None:
                    found.append((path, builtin, e))
                    now[str(path)] = e
            if now != self._entries:
                self._entries = now
                if where is not None:
                    index.write(where, now)
            return found

    def _kept(self) -> list[tuple[Path, bool, index.Entry]]:
        """Every loadable file; a broken user file is skipped (`frameworks check FILE` says why),
        and so is a second file giving other content under an id and version already seen
        (built-ins first): a version's content never changes."""
        seen: dict[tuple[str, str], str] = {}
        out = []
        for path, builtin, e in self._indexed():
            if e.broken or seen.setdefault((e.id, e.version), e.content_hash) != e.content_hash:
                continue
            out.append((path, builtin, e))
        return out

    def shadowed(self) -> list[Path]:
        """Files skipped because another file holds other content under the same id and version."""
        kept = {path for path, _, _ in self._kept()}
        return [path for path, _, e in self._indexed() if not e.broken and path not in kept]

    def list(self) -> list[FrameworkInfo]:
        from .issuer import check

        out = []
        for path, builtin, e in self._kept():
            issued = check(self._load(path)) if e.signed else None  # the trusted keys may have changed
            out.append(FrameworkInfo(e.id, e.version, e.title_vi, e.title_en, e.levels, e.period_from, e.period_to,
                                     e.indicators, builtin, str(path), e.content_hash,
                                     issued.name if issued else "", issued.state if issued else "unsigned"))
        return out

    def current(self) -> list[FrameworkInfo]:
        """The newest version of each framework: what a new assessment is made with (earlier
        versions stay installed so that what was made with them still opens and ranks)."""
        infos = self.list()
        newest: dict[str, FrameworkInfo] = {}
        for i in infos:
            if i.id not in newest or version_key(i.version) > version_key(newest[i.id].version):
                newest[i.id] = i
        return [i for i in infos if newest[i.id] is i]

    def get(self, framework_id: str, version: str | None = None) -> Framework:
        """The framework with this id (newest version unless one is asked for); KeyError if none."""
        found = [(path, e) for path, _, e in self._kept()
                 if e.id == framework_id and (version is None or e.version == version)]
        if not found:
            raise KeyError(framework_id if version is None else f"{framework_id} {version}")
        return self._load_kept(max(found, key=lambda f: version_key(f[1].version))[0])

    def by_hash(self, content_hash: str) -> Framework | None:
        return next((self._load_kept(path) for path, _, e in self._kept() if e.has_hash(content_hash)), None)

    def for_assessment(self, framework_id: str, version: str, content_hash: str = "") -> Framework | None:
        """The framework an assessment was made with: by id and version, else by content hash."""
        try:
            return self.get(framework_id, version)
        except KeyError:
            return self.by_hash(content_hash) if content_hash else None

    def _load_kept(self, path: Path) -> Framework:
        try:
            return self._load(path)
        except FrameworkError:  # broken since it was listed (an edit in place)
            raise KeyError(str(path)) from None


def version_key(v: str) -> tuple:
    """Versions compared as people number them: 2025.10 after 2025.9."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in v.replace("-", ".").split("."))


registry = FrameworkRegistry()
