"""QSettings for UI state only: window geometry, splitters, last folders, language.

Everything that matters to the assessment lives in the database through the services.
In tests the settings go to an INI file inside the test's data folder.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from egov_desktop.i18n import LANGUAGES
from egov_desktop.paths import ENV_DATA_DIR, data_dir


def ui_settings() -> QSettings:
    """The program's UI settings (INI, beside the data when the data folder is overridden)."""
    import os

    if os.environ.get(ENV_DATA_DIR) or _portable_or_override():
        return QSettings(str(data_dir() / "ui-settings.ini"), QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "egov-desktop", "egov-desktop")


def _portable_or_override() -> bool:
    from egov_desktop import paths

    return paths._override is not None or paths.is_portable()


def saved_language() -> str | None:
    lang = ui_settings().value("ui/language", "", str)
    return lang if lang in LANGUAGES else None


def save_language(lang: str) -> None:
    ui_settings().setValue("ui/language", lang)


def last_folder(kind: str) -> str:
    """The folder last used for `kind` (import, export, report, evidence), or the home folder."""
    from pathlib import Path

    folder = ui_settings().value(f"folders/{kind}", "", str)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def remember_folder(kind: str, path: str) -> None:
    from pathlib import Path

    p = Path(path)
    ui_settings().setValue(f"folders/{kind}", str(p if p.is_dir() else p.parent))


def restore_state(key: str) -> QByteArray | None:
    value = ui_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_state(key: str, value: QByteArray) -> None:
    ui_settings().setValue(key, value)
