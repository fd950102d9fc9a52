"""Where the user's data lives.

In order: an explicit override (`--data-dir`), the EGOV_DESKTOP_DATA_DIR environment
variable, portable mode (a `portable.txt` marker beside the program: data stays on the USB
stick), and otherwise the platform's user data folder (platformdirs).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "egov-desktop"
ENV_DATA_DIR = "EGOV_DESKTOP_DATA_DIR"
PORTABLE_MARKER = "portable.txt"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike | None) -> None:
    """Use `path` for this process (tests and scripts never touch the user's real data)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def program_dir() -> Path:
    """The folder of the program: the frozen executable's folder, or the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    return (program_dir() / PORTABLE_MARKER).is_file()


def data_dir() -> Path:
    if _override is not None:
        path = _override
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    elif is_portable():
        path = program_dir() / "data"
    else:
        from platformdirs import user_data_dir
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource_path(*parts: str) -> Path:
    """A file shipped in egov_desktop/resources (works from a checkout, a wheel, a frozen build)."""
    return Path(__file__).resolve().parent.joinpath("resources", *parts)
