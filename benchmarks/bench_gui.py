"""GUI performance budget (design.md §4), measured on the offscreen platform by default.

    .venv/bin/python benchmarks/bench_gui.py            # all
    QT_QPA_PLATFORM=xcb xvfb-run .venv/bin/python benchmarks/bench_gui.py   # a real X server

1. start-up: a bare PySide6 window vs. `egov-desktop` (fresh interpreters, same way: `-c`),
   time until the first window is shown (event loop running), and until the assessment list
   is usable (workspace open, list filled); median of N runs;
2. an answer typed → saved (Workspace, SQLite commit), rescored and redrawn (the row, the
   navigator and the score panel repainted): median and 95th percentile over 200 keystrokes;
3. a pillar of 40 indicators opened for the first time (built and laid out).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BARE = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1100, 720); w.show()
def shown():
    print('shown', time.perf_counter() - t0)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

APP = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
from ui.app import create_window
w = create_window(app)
def usable():
    print('usable', time.perf_counter() - t0)
    print('heavy', sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))
    app.quit()
w.list_refreshed.connect(usable)
w.show()
QTimer.singleShot(0, lambda: print('shown', time.perf_counter() - t0))
app.exec()
"""


def _run(code: str, env: dict) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120).stdout
    return {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.splitlines() if " " in line}


def bench_startup() -> None:
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, EGOV_DESKTOP_DATA_DIR=d)
        _run(APP, env)  # first run creates the database; not counted
        bare = [float(_run(BARE, env)["shown"]) for _ in range(RUNS)]
        shown, usable, heavy = [], [], ""
        for _ in range(RUNS):
            r = _run(APP, env)
            shown.append(float(r["shown"]))
            usable.append(float(r["usable"]))
            heavy = r["heavy"]
    b, s, u = statistics.median(bare), statistics.median(shown), statistics.median(usable)
    print(f"start-up (median of {RUNS}): bare PySide6 window {b * 1000:.0f} ms; egov-desktop window shown "
          f"{s * 1000:.0f} ms ({s / b:.2f}×, budget 2×); list usable {u * 1000:.0f} ms ({u / b:.2f}×, budget 5×); "
          f"heavy libraries loaded at start: {heavy}")


def bench_answer_and_pillar() -> None:
    import shutil

    from PySide6.QtWidgets import QApplication

    d = tempfile.mkdtemp()
    os.environ["EGOV_DESKTOP_DATA_DIR"] = d
    (Path(d) / "frameworks").mkdir()
    fw_path = Path(d) / "frameworks" / "bench40.yaml"
    fw_path.write_text(_forty_indicator_framework(), encoding="utf-8")
    app = QApplication.instance() or QApplication([])
    from egov_desktop.domain import Agency
    from egov_desktop.frameworks import registry
    from egov_desktop.services.workspace import Workspace
    from ui.pages.assessment import AssessmentScreen

    fw_id = "xa-2025"
    ws = Workspace()
    created = ws.create_assessment(fw_id, None, Agency("Phường Đồng Hới", "commune"), "2025")
    screen = AssessmentScreen(ws, ws.get(created.id))
    screen.resize(1280, 800)
    screen.show()
    app.processEvents()
    page = screen.questionnaire.current_page()
    row = next(r for r in page.rows.values() if r.indicator.type == "integer" and r.isVisible())
    box = row.editor.box
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for i in range(200):
        box.lineEdit().clear()
        t0 = time.perf_counter()
        QTest.keyClick(box.lineEdit(), Qt.Key_1 + (i % 9))
        screen.questionnaire.repaint()  # the redraw, synchronously
        times.append(time.perf_counter() - t0)
    screen.flush()  # let the writer finish before the next measurement
    times.sort()
    print(f"answer typed → saved, rescored, redrawn ({fw_id}, {len(registry.get(fw_id).indicators)} indicators): "
          f"median {statistics.median(times) * 1000:.1f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms "
          f"(budget 16 ms)")
    ws.close()

    # a pillar of 40 indicators, opened for the first time
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    fw = registry.get("bench-40")
    opens = []
    for _ in range(RUNS):
        state = FormState(fw, {})
        view = QuestionnaireView(state)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        t0 = time.perf_counter()
        view.open_pillar(fw.pillars[1].id)
        view.repaint()
        opens.append(time.perf_counter() - t0)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(f"pillar of {len(fw.pillars[1].indicators)} indicators opened (median of {RUNS}): "
          f"{statistics.median(opens) * 1000:.0f} ms (budget 100 ms)")
    shutil.rmtree(d, ignore_errors=True)


def _forty_indicator_framework() -> str:
    """Two pillars; the second has 40 indicators of mixed types (numbers, yes/no, choices, dates)."""
    kinds = ["integer", "percent", "yes_no", "choice", "integer", "multiple", "date", "number"]
    lines = ["id: bench-40", 'version: "1"', "title: Bench 40", "levels: [commune]", "pillars:",
             "  - id: p1", "    title: Một", "    indicators:",
             "      - {id: a0, label: A, type: integer, scoring: {rule: linear, target: 10, max_points: 5}}",
             "  - id: p2", "    title: Hai", "    indicators:"]
    for i in range(40):
        k = kinds[i % len(kinds)]
        extra = ""
        if k in ("choice", "multiple"):
            extra = (", choices: [{id: a, label: Lựa chọn A, points: 5}, {id: b, label: Lựa chọn B, points: 3},"
                     " {id: c, label: Lựa chọn C, points: 0}], scoring: {rule: choice, max_points: 5}")
        elif k == "yes_no":
            extra = ", scoring: {rule: yes_no, max_points: 5}"
        elif k in ("integer", "number", "percent"):
            extra = ", min: 0, max: 1000, scoring: {rule: linear, target: 100, max_points: 5}"
        lines.append(f"      - {{id: i{i}, label: 'Chỉ tiêu số {i} về ứng dụng công nghệ thông tin', "
                     f"help: 'Hướng dẫn {i}', type: {k}, allow_na: {str(i % 5 == 0).lower()}{extra}}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    which = sys.argv[1:] or ["startup", "answer"]
    if "startup" in which:
        bench_startup()
    if "answer" in which:
        bench_answer_and_pillar()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of the Qt objects (not part of what is measured)
