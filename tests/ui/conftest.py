import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini_framework(_isolated_data_dir):
    """The small every-type framework installed as a user framework in the test's data folder."""
    folder = _isolated_data_dir / "frameworks"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "mini.yaml", folder / "mini.yaml")
    from egov_desktop.frameworks import registry
    return registry.get("mini-test")


@pytest.fixture
def vi():
    from egov_desktop.i18n import language, set_language
    before = language()
    set_language("vi")
    yield
    set_language(before)


@pytest.fixture
def window(qtbot, mini_framework, vi):
    from PySide6.QtWidgets import QApplication

    from ui.app import create_window
    from ui.tasks import wait_for_all

    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    yield w
    wait_for_all()
    if w.workspace is not None:
        w.workspace.close()


def type_text(widget, text: str) -> None:
    """Type `text` into `widget` key by key, Vietnamese letters included (QTest.keyClicks only
    knows ASCII): each character arrives as a key press carrying that text, as from a keyboard
    with a Vietnamese input method."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key_unknown
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, ch))
