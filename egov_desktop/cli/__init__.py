"""The command line: `egov-desktop` alone opens the GUI; subcommands work headless.

Each area registers its subcommands from its own module (COMMAND_MODULES), so adding a
command touches one file. Problems are printed as messages in the user's language, never
as tracebacks; exit codes: 0 success, 1 problems found, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..errors import UserError
from ..i18n import default_language, language, set_language, tr
from ..paths import set_data_dir

COMMAND_MODULES = [
    "egov_desktop.cli.frameworks",
    "egov_desktop.cli.score",
    "egov_desktop.cli.report",
    "egov_desktop.cli.exchange",
    "egov_desktop.cli.appraisal",
    "egov_desktop.cli.db",
    "egov_desktop.cli.assessment",
    "egov_desktop.cli.review",
]


def open_workspace(**kw):
    """The Workspace of the data folder; its warnings (a daily backup that failed) on stderr."""
    from ..services import Workspace

    ws = Workspace(**kw)
    for w in ws.warnings:
        print(tr("Cảnh báo: {msg}", msg=w.describe(language())), file=sys.stderr)
    return ws


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="egov-desktop",
        description="Tự đánh giá ứng dụng CNTT và chính quyền điện tử / IT and e-government self-assessment",
    )
    parser.add_argument("--version", action="version", version=f"egov-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng; biến môi trường EGOV_DESKTOP_DATA_DIR)")
    parser.add_argument("--lang", choices=["vi", "en"], default=None, help="ngôn ngữ / language (vi, en)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def opened_file(argv: list[str]) -> str | None:
    """A framework file the program was opened with (`egov-desktop FILE.yaml`, a double-click):
    the window offers to install it; a PDF is the Sở's return note, which the window opens.
    None when the first argument is a command."""
    values = {"--data-dir", "--lang"}  # options followed by a value
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in values:
            skip = True
            continue
        if a.startswith("-"):
            continue
        path = Path(a)
        return a if path.suffix.lower() in (".yaml", ".yml", ".xlsx", ".pdf") and path.is_file() else None
    return None


def main(argv: list[str] | None = None, gui: Callable[[list[str]], int] | None = None) -> int:
    """Run a subcommand, or `gui` (the window) when none is given.

    The GUI runner is handed in by ui.main so that the core never imports the GUI.
    """
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # Vietnamese on a Windows console
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    opened = opened_file(argv)
    args = parser.parse_args([a for a in argv if a != opened] if opened else argv)
    set_language(args.lang or default_language())
    if args.data_dir:
        set_data_dir(args.data_dir)
    if not args.command:
        if gui is None:
            parser.print_help()
            return 2
        return gui(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as e:
        print(tr("Lỗi: {msg}", msg=e.describe(args.lang or default_language())), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
