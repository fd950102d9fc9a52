"""Instructions, not seconds, of an Open at once, step by step (docs/performance.md, GUI).

    .venv/bin/python benchmarks/bench_instructions.py      # needs valgrind (apt-get install valgrind)

This host's wall-clock time moves by ±10 % from one run to the next (a bare window takes 105–125
or 145–165 ms), so comparing two trees by time takes 40–60 runs; valgrind's callgrind counts the
instructions a run executes, the same to within 0.05 % for the same tree and data, so one run of
each tree tells a change. The program starts as bench_gui's Open at once does (a fresh
interpreter, 30 assessments, the packages byte-compiled), leaves out the workers that only start
once the list is shown (the Workspace and the warm-up: an Open at once is done before them), and
stops after each step in turn; the bare PySide6 window is counted the same way. Instructions are
not time: the kernel's work of loading libraries and files, and the GUI thread waiting for the
list's worker, are not in them, so a change is checked in time as well (bench_gui.py startup).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_gui import _populate, compile_sources  # noqa: E402

BARE = """
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1100, 720); w.show()
QTimer.singleShot(0, lambda: os._exit(0))
app.exec()
"""

# STOP names the step after which the run ends (os._exit: nothing of the interpreter's end counted)
STEPS = """
import os, sys
STOP = os.environ['STOP']
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
if STOP == 'qapp': os._exit(0)
import ui.tasks as tasks
started = tasks.run_in_background
def first_only(fn, *a, **k):
    return started(fn, *a, **k) if fn.__name__ == 'read_first_list' else tasks.Task(fn)
tasks.run_in_background = first_only
import ui.app, ui.main_window
if STOP == 'imports': os._exit(0)
w = ui.app.create_window(app)
def listed():
    if STOP == 'list': os._exit(0)
    import ui.pages.assessment, egov_desktop.frameworks.registry, egov_desktop.services.opening
    if STOP == 'open_imports': os._exit(0)
    from egov_desktop.frameworks import registry
    from egov_desktop.services.opening import first_record
    from ui.pages.assessment import AssessmentScreen
    record, note = first_record(w.start.selected().id)
    if STOP == 'record': os._exit(0)
    d = record.data
    fw = registry.for_assessment(d.framework_id, d.framework_version, d.framework_hash)
    if STOP == 'framework': os._exit(0)
    s = AssessmentScreen(w._early, record, parent=w.stack, framework=fw, note=note)
    if STOP == 'screen': os._exit(0)
    w.stack.addWidget(s)
    w.stack.setCurrentWidget(s)
    if STOP == 'shown': os._exit(0)
    s.repaint()
    os._exit(0)
w.list_shown.connect(listed)
w.show()
app.exec()
"""

LABELS = [
    ("qapp", "PySide6 imported, QApplication made"),
    ("imports", "ui.app and ui.main_window imported"),
    ("list", "the window made and shown, the first list on screen"),
    ("open_imports", "Open: its modules imported"),
    ("record", "Open: the record read (sqlite3)"),
    ("framework", "Open: the framework built"),
    ("screen", "Open: the screen made"),
    ("shown", "Open: the screen shown (polish, layout)"),
    ("painted", "Open: the screen painted"),
]


def instructions(code: str, env: dict) -> int:
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=900).stderr
    found = re.search(r"Collected : (\d+)", out)
    if not found:
        raise SystemExit("valgrind gave no count:\n" + out[-2000:])
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    compile_sources()
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, EGOV_DESKTOP_DATA_DIR=d, QT_QPA_PLATFORM="offscreen")
        _populate(d, 30)
        subprocess.run([sys.executable, "-c", STEPS], cwd=ROOT, env=dict(env, STOP="painted"), check=True,
                       capture_output=True, timeout=120)  # the day's backup, the frameworks' index and parsed cache: made once
        bare = instructions(BARE, env)
        print(f"bare PySide6 window: {bare / 1e6:,.0f} M instructions")
        before = 0
        for stop, label in LABELS:
            with tempfile.TemporaryDirectory() as copy:  # each step from the same data
                shutil.copytree(d, copy, dirs_exist_ok=True)
                n = instructions(STEPS, dict(env, STOP=stop, EGOV_DESKTOP_DATA_DIR=copy))
            print(f"{label}: {n / 1e6:,.0f} M (+{(n - before) / 1e6:,.0f} M; {n / bare:.2f}× the bare window)")
            before = n


if __name__ == "__main__":
    main()
