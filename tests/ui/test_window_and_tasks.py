"""The window: title, icon, geometry remembered; long work behind a progress dialog with Cancel."""
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton


def test_title_icon_and_geometry_remembered(qtbot, mini_framework, vi):
    from ui.app import create_window

    app = QApplication.instance()
    w = create_window(app)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    assert "Tự đánh giá" in w.windowTitle()
    assert not app.windowIcon().isNull()
    assert w.start.empty.isVisible()  # nothing yet: the hint says what to do
    w.resize(760, 520)  # fits the offscreen screen (800 × 600)
    size = (w.width(), w.height())
    assert size != (1280, 800)
    w.close()
    w2 = create_window(app)
    qtbot.addWidget(w2)
    with qtbot.waitSignal(w2.list_refreshed, timeout=10000):
        w2.show()
    assert (w2.width(), w2.height()) == size
    w2.close()


def test_progress_dialog_cancel_stops_the_work(qtbot):
    from ui.tasks import run_with_progress

    started, release = threading.Event(), threading.Event()
    steps, results, errors = [], [], []

    def work(ctx):
        started.set()
        for i in range(1000):
            if not ctx.progress(i, 1000, f"{i}"):
                return "stopped"
            steps.append(i)
            release.wait(0.01)
        return "done"

    parent = QApplication.instance().activeWindow()
    task = run_with_progress(parent, "Đang nhập tệp…", work, results.append, errors.append)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: len(steps) > 3)
    with qtbot.waitSignal(task.finished, timeout=10000):
        qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.LeftButton)  # the Cancel button
    assert task.cancelled
    assert results == [] and errors == []  # a cancelled task reports neither
    assert len(steps) < 1000
