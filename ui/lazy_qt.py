"""Qt classes needed only once a dialog opens (message boxes, file and input dialogs, the
progress dialog, the calendar), made when first used: `from . import lazy_qt as qt`, then
`qt.QMessageBox.question(…)`.

PySide6 builds a Qt class's enums in Python the first time the class is touched: these five were
3–4 ms of every start, imported with the modules that use them (docs/performance.md, GUI).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

_NAMES = frozenset({"QCalendarWidget", "QFileDialog", "QInputDialog", "QMessageBox", "QProgressDialog"})


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from PySide6 import QtWidgets

    value = globals()[name] = getattr(QtWidgets, name)  # next time: a plain attribute
    return value


if TYPE_CHECKING:  # for type checkers and IDEs
    from PySide6.QtWidgets import QCalendarWidget, QFileDialog, QInputDialog, QMessageBox, QProgressDialog
