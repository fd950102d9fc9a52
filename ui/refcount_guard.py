"""A guard against a reference-counting bug of PySide6 6.12 on Python < 3.12.

Every `SignalInstance.emit()` called from Python releases its returned True once too often, so
True's reference count falls by one per emit; after some ten thousand emits (an hour of typing,
or a long test run) it reaches zero and the interpreter aborts with "bool_dealloc: deallocating
True or False". Python 3.12 makes True and False immortal, which is what this does for older
versions: it gives both a reference count no program can use up.
"""
from __future__ import annotations

import sys

_PINNED = 1 << 40
_pinned = False


def pin_booleans() -> None:
    global _pinned
    if _pinned or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for b in (True, False):
        ctypes.c_ssize_t.from_address(id(b)).value += _PINNED  # ob_refcnt is the object's first field
    _pinned = True
