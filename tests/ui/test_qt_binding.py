"""The Qt binding we ship must not leak references on signal emission.

PySide6 6.12.0 released True once too often on every Signal.emit(); on Python < 3.12 the
interpreter aborted ("bool_dealloc") after a few thousand emits — an hour of typing.
pyproject.toml excludes it; this test fails if a build picks such a version again.
"""
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emit_does_not_leak_references_to_true():
    o = _Emitter()
    o.changed.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(2000):
        o.changed.emit(i)
    assert abs(sys.getrefcount(True) - before) < 50
