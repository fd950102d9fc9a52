"""One running copy per data folder: a second start is refused and brings the first forward; a
crashed copy's lock does not block. Qt's QLockFile and file watcher: the same on Windows."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(folder: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EGOV_DESKTOP_DATA_DIR=str(folder), PYTHONPATH=str(ROOT))
    env.pop("EGOV_DESKTOP_QUIT_AFTER_SHOW", None)
    return env


def test_a_second_copy_is_refused_and_brings_the_first_forward(qtbot, tmp_path):
    from ui.single_instance import SingleInstance

    folder = tmp_path / "dữ liệu của Nguyễn Văn A"
    first = SingleInstance(folder)
    assert first.acquire()
    try:
        second = SingleInstance(folder)
        assert not second.acquire()  # in this process already
        with qtbot.waitSignal(first.show_requested, timeout=10000):
            second.ask_first_to_show(wait=0)
        assert (folder / "egov-desktop.shown").read_text(encoding="utf-8")  # the first answered
        # a real second start of the program on the same folder: it says so, exits at once, and
        # the first is asked to come forward; it opens no window and no database
        with qtbot.waitSignal(first.show_requested, timeout=60000):
            proc = subprocess.Popen([sys.executable, "-m", "ui"], env=_env(folder), cwd=ROOT,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "đang chạy" in out
        assert not (folder / "egov-desktop.sqlite").exists()
    finally:
        first.release()
    # once the first copy has gone, the next start is the first again
    again = SingleInstance(folder)
    assert again.acquire()
    again.release()


def test_a_crashed_copys_lock_is_taken_over(tmp_path):
    from ui.single_instance import SingleInstance

    folder = tmp_path / "dữ liệu"
    holder = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "g = SingleInstance(Path(sys.argv[1]))\n"
        "print('locked' if g.acquire() else 'refused', flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", holder, str(folder)], env=_env(folder), cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert not SingleInstance(folder).acquire()  # alive: refused
    finally:
        proc.kill()  # a crash: no unlock, the lock file stays behind
        proc.wait(timeout=30)
    assert (folder / "egov-desktop.lock").exists()
    taken = SingleInstance(folder)
    assert taken.acquire()
    taken.release()


def test_bring_forward_restores_a_minimised_window(qtbot, window):
    from PySide6.QtCore import Qt

    from ui.single_instance import bring_forward

    window.showMinimized()
    bring_forward(window)
    assert not window.windowState() & Qt.WindowMinimized and window.isVisible()


def test_a_first_copy_that_does_not_answer_is_named(qtbot, tmp_path, monkeypatch):
    """The first copy is stuck (here: this process, not running its event loop): the second says
    so in a message instead of vanishing without a word."""
    from PySide6.QtWidgets import QMessageBox

    from ui.app import _already_running
    from ui.single_instance import SingleInstance

    folder = tmp_path / "dữ liệu"
    first = SingleInstance(folder)
    assert first.acquire()
    try:
        second = SingleInstance(folder)
        assert not second.acquire()
        assert second.ask_first_to_show(wait=0.2) is False
        said = []
        monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
        monkeypatch.setattr(second, "ask_first_to_show", lambda: False)
        assert _already_running(second, folder, None) == 1
        assert "chưa trả lời" in said[0] and str(folder) in said[0]
    finally:
        first.release()
