"""The `egov-desktop` command: the GUI with no arguments, the core's CLI otherwise.

It lives in ui so that dependencies keep pointing one way (ui → egov_desktop).
"""
from __future__ import annotations

import sys


def _gui(argv: list[str]) -> int:
    from .app import run  # Qt is loaded only when the window is wanted
    return run(argv)


def main(argv: list[str] | None = None) -> int:
    from egov_desktop.cli import main as cli_main
    return cli_main(argv, gui=_gui)


if __name__ == "__main__":
    sys.exit(main())
