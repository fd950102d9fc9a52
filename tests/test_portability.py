"""Office PCs run Windows: no POSIX-only call or hard-coded Unix path in the three packages,
except in code guarded for the platform (under an `if` on sys.platform, os.name or
platform.system()). Also: a data folder whose name holds URL characters opens the right file."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("scoring", "egov_desktop", "ui")

POSIX_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix", "crypt", "syslog"}
POSIX_ATTRS = {
    "os": {"fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setsid",
           "getpgid", "killpg", "chown", "lchown", "mkfifo", "uname", "getloadavg", "wait3", "wait4", "sync"},
    "signal": {"SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGCHLD", "SIGQUIT", "SIGPIPE", "alarm",
               "pause", "setitimer"},
}
UNIX_PATH = re.compile(r"^/(tmp|home|usr|etc|var|dev|proc|opt|root|bin|sbin|lib|mnt|media|srv|run|Users)(/|$)")
PLATFORM_TEST = re.compile(r"sys\.platform|os\.name|platform\.system")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.If, ast.IfExp)) and PLATFORM_TEST.search(ast.unparse(node.test)):
            return True
    return False


def posix_only(source: str, name: str = "<source>") -> list[str]:
    """Each POSIX-only use outside platform-guarded code, as "file:line: what"."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Import):
            what = next((a.name for a in node.names if a.name.split(".")[0] in POSIX_MODULES), None)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in POSIX_MODULES:
            what = node.module
        elif isinstance(node, ast.ImportFrom) and node.module in POSIX_ATTRS:
            what = next((f"{node.module}.{a.name}" for a in node.names if a.name in POSIX_ATTRS[node.module]), None)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.attr in POSIX_ATTRS.get(node.value.id, ()):
            what = f"{node.value.id}.{node.attr}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and UNIX_PATH.match(node.value):
            what = repr(node.value)
        if what and not _guarded(node, parents):
            found.append((node.lineno, node.col_offset, f"{name}:{node.lineno}: {what}"))
    return [text for *_, text in sorted(found)]


def test_the_packages_make_no_posix_only_calls():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found += posix_only(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


def test_the_scan_finds_what_it_must_and_spares_guarded_code():
    bad = (
        "import fcntl\n"
        "import os, signal\n"
        "from os import getuid\n"
        "pid = os.fork()\n"
        "os.kill(pid, signal.SIGKILL)\n"
        "TMP = '/tmp/egov'\n"
        "home = \"/home/officer/data\"\n"
    )
    assert [f.split(": ", 1)[1] for f in posix_only(bad)] == [
        "fcntl", "os.getuid", "os.fork", "signal.SIGKILL", "'/tmp/egov'", "'/home/officer/data'"]
    guarded = (
        "import os, sys\n"
        "if sys.platform != 'win32':\n"
        "    import fcntl\n"
        "    uid = os.getuid()\n"
        "if os.name == 'nt':\n"
        "    pass\n"
        "else:\n"
        "    base = '/usr/share'\n"
        "sep = '/'\n"
        "folder = 'a/b'\n"
    )
    assert posix_only(guarded) == []


def test_sqlite_urls_keep_every_folder_name(tmp_path):
    """A folder may hold spaces, Vietnamese letters and, on Windows, "%", "#" (SQLAlchemy would
    read "%20" as a space and "?" as a query): the database is made where the folder is."""
    from egov_desktop.services.opening import resolve_location
    from egov_desktop.storage.engine import sqlite_path

    folder = tmp_path / "Nguyễn Văn A" / "dữ liệu 100%20 C#"
    url, path = resolve_location(folder)
    assert path == folder.resolve() / "egov-desktop.sqlite"
    assert sqlite_path(url) == path
