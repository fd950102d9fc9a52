"""The frameworks the program knows: built-in ones and those the user added."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from scoring import Framework, FrameworkError

from ..paths import data_dir, resource_path
from .loader import load_framework_file


@dataclass(frozen=True)
class FrameworkInfo:
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
    def __init__(self, folders: list[tuple[Path, bool]] | None = None):
        self._folders = folders
        self._lock = threading.Lock()
        self._cache: dict[Path, tuple[tuple[int, int] | None, Framework]] = {}

    def folders(self) -> list[tuple[Path, bool]]:
        if self._folders is not None:
            return self._folders
        return [(resource_path("frameworks"), True), (data_dir() / "frameworks", False)]

    def _load(self, path: Path) -> Framework:
        """The file's framework, read again when the file changed (an edit in place, a reinstall)."""
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._lock:
            cached = self._cache.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        fw = load_framework_file(path)
        with self._lock:
            self._cache[path] = (stamp, fw)
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

    def _loaded(self):
        """(path, builtin, Framework) of every loadable file; a broken user file is skipped
        (`frameworks check FILE` says why), and so is a second file giving other content under
        an id and version already seen (built-ins first): a version's content never changes."""
        seen: dict[tuple[str, str], str] = {}
        for path, builtin in self.paths():
            try:
                fw = self._load(path)
            except FrameworkError:
                continue
            first = seen.setdefault((fw.id, fw.version), fw.content_hash)
            if first != fw.content_hash:
                continue
            yield path, builtin, fw

    def shadowed(self) -> list[Path]:
        """Files skipped because another file holds other content under the same id and version."""
        kept = {Path(i.path) for i in self.list()}
        out = []
        for path, _ in self.paths():
            try:
                self._load(path)
            except FrameworkError:
                continue
            if path not in kept:
                out.append(path)
        return out

    def list(self) -> list[FrameworkInfo]:
        from .issuer import check

        out = []
        for path, builtin, fw in self._loaded():
            issued = check(fw) if fw.issuer is not None else None
            out.append(FrameworkInfo(fw.id, fw.version, fw.title.vi, fw.title.en or fw.title.vi, fw.levels,
                                     fw.period_from, fw.period_to, len(fw.indicators), builtin, str(path),
                                     fw.content_hash, issued.name if issued else "",
                                     issued.state if issued else "unsigned"))
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
        found = [fw for _, _, fw in self._loaded()
                 if fw.id == framework_id and (version is None or fw.version == version)]
        if not found:
            raise KeyError(framework_id if version is None else f"{framework_id} {version}")
        return max(found, key=lambda f: version_key(f.version))

    def by_hash(self, content_hash: str) -> Framework | None:
        return next((fw for _, _, fw in self._loaded() if fw.has_hash(content_hash)), None)


def version_key(v: str) -> tuple:
    """Versions compared as people number them: 2025.10 after 2025.9."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in v.replace("-", ".").split("."))


registry = FrameworkRegistry()
