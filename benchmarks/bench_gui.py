"""GUI performance budget (design.md §4), measured on the offscreen platform by default.

    .venv/bin/python benchmarks/bench_gui.py            # all (or: startup, answer, memory)
    QT_QPA_PLATFORM=xcb xvfb-run .venv/bin/python benchmarks/bench_gui.py   # a real X server

1. start-up: a bare PySide6 window vs. `egov-desktop` (fresh interpreters, same way: `-c`, the
   program's packages byte-compiled first), time until the first window is shown (event loop
   running), until the assessment list is on screen (read with plain sqlite3), until the
   Workspace is ready (SQLAlchemy loaded), and each action pressed at once: Ctrl+N until its
   dialog is up, Open until the assessment is on screen, Delete until its question is up, a new
   revision until the finalised one is on screen and until the revision is open for editing; with an
   empty database and with 30 assessments; median of N runs (BENCH_RUNS), against the bare
   window both as the ratio of the medians and as the median of each round's own ratio (a bare
   window is started in every round: steadier while the machine's speed drifts);
2. an answer typed → saved (Workspace, SQLite commit), rescored and redrawn (the row, the
   navigator and the score panel repainted): median and 95th percentile over 200 keystrokes;
3. a pillar of 40 indicators opened for the first time: on screen (the first rows built, laid
   out and painted) and every row built (the rest follow in batches);
4. memory: resident size with the list on screen and with a 51-indicator assessment open.
"""
from __future__ import annotations

import os
import shutil
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

# How every timed start of the program begins (t0: the interpreter is up, as for the bare window)
START = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
from ui.app import create_window
w = create_window(app)
"""


def at_once(action: str) -> str:
    """`action` done once, the moment the first list is on screen; then the window shown and run."""
    body = "".join(f"        {line}\n" for line in action.strip().splitlines())
    return ("def listed():\n    if not asked:\n        asked.append(1)\n" + body +
            "asked = []\nw.list_shown.connect(listed)\nw.show()\napp.exec()\n")


APP = START + """
def listed():
    if 'listed' not in seen:
        seen.add('listed')
        print('listed', time.perf_counter() - t0)
def ready():
    print('ready', time.perf_counter() - t0)
    print('heavy', sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))
    app.quit()
seen = set()
w.list_shown.connect(listed)
w.list_refreshed.connect(ready)
w.show()
QTimer.singleShot(0, lambda: print('shown', time.perf_counter() - t0))
app.exec()
"""


# Ctrl+N the moment the window is up: the dialog needs no database, so it need not wait for the
# Workspace (time until it is on screen, painted)
NEW = START + """
from ui.dialogs import new_assessment
def exec_(dialog):
    dialog.show()
    dialog.repaint()
    print('new', time.perf_counter() - t0)
    app.quit()
    return 0
new_assessment.NewAssessmentDialog.exec = exec_
w.show()
QTimer.singleShot(0, lambda: w.on_action('new'))
app.exec()
"""

# Open (a double-click) the moment the list is on screen (time until the assessment is on
# screen, painted)
OPEN = START + """
def shown(_):
    if w.screen_ is not None and w.stack.currentWidget() is w.screen_:
        w.screen_.repaint()
        print('open', time.perf_counter() - t0)
        app.quit()
w.stack.currentChanged.connect(shown)
""" + at_once("w.on_action('open')")

# Delete the moment the list is on screen: an action that asks first asks at once (time until its
# question is up); its database step would wait for the Workspace
DELETE = START + """
from PySide6.QtWidgets import QMessageBox
def question(*args, **kw):
    print('delete', time.perf_counter() - t0)
    app.quit()
    return QMessageBox.No
QMessageBox.question = question
""" + at_once("w.on_action('delete')")

# The bin (thùng rác) the moment the list is on screen: read with sqlite3 (time until it is listed)
BIN = START + """
def shown_bin():
    if w.start.showing_trash():
        print('bin', time.perf_counter() - t0, len(w.start.model.rows))
        app.quit()
w.list_shown.connect(shown_bin)
""" + at_once("w.start.trash.setChecked(True)")

# The blank questionnaire of the selected assessment the moment the list is on screen (time until
# its file dialog is up); making the PDF needs no database
FORM = START + """
from PySide6.QtWidgets import QFileDialog
def save_as(*args, **kw):
    print('form', time.perf_counter() - t0)
    app.quit()
    return '', ''
QFileDialog.getSaveFileName = save_as
""" + at_once("w.on_action('questionnaire')")

# «Tạo lần sửa đổi» on the finalised assessment the moment the list is on screen: time until it is
# on screen, painted (the new revision's draft, typed into at once), and until the revision is made
# in the database (once the Workspace is open)
REVISION = START + """
def shown(_):
    s = w.screen_
    if s is None or w.stack.currentWidget() is not s:
        return
    s.repaint()
    if not seen:
        seen.append(1)
        print('revision', time.perf_counter() - t0)
    if not s.state.read_only:
        print('editable', time.perf_counter() - t0)
        app.quit()
seen = []
w.stack.currentChanged.connect(shown)
w.revision_opened.connect(shown)  # the screen shown early becomes the revision's in place
""" + at_once("""
w.start.select(next(a.id for a in w.start.model.rows if a.status == 'finalised'))
w.on_action('revision')
""")

MEMORY = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
from ui.app import create_window
w = create_window(app)


def rss_mb():
    try:
        with open('/proc/self/status') as f:  # Linux
            return next(int(l.split()[1]) for l in f if l.startswith('VmRSS:')) / 1024
    except OSError:
        import psutil  # elsewhere, if installed
        return psutil.Process().memory_info().rss / 2 ** 20


def ready():
    print('listed', rss_mb())
    from egov_desktop.domain import Agency
    a = w.workspace.create_assessment('xa-2025', None, Agency('Phường Đồng Hới', 'commune'), '2025')
    w.open_assessment(a.id)
    q = w.screen_.questionnaire
    print('indicators', len(q.state.framework.indicators))
    for p in q.state.framework.pillars:  # every page built and shown once, as an officer going through
        q.open_pillar(p.id).rows
        app.processEvents()
    q.open_pillar(q.state.framework.pillars[0].id)
    w.screen_.tabs.setCurrentWidget(w.screen_.results)
    app.processEvents()
    w.screen_.tabs.setCurrentWidget(w.screen_.questionnaire)
    app.processEvents()
    print('open', rss_mb())
    from egov_desktop.services.reports import Report
    s = w.screen_
    Report(s.record.data, s.framework, None, "vi").render("pdf")  # ReportLab and the fonts loaded, as the GUI does
    print('report', rss_mb())
    app.quit()


w.list_refreshed.connect(lambda: QTimer.singleShot(0, ready))
w.resize(1024, 700)
w.show()
app.exec()
"""


def _run(code: str, env: dict) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120).stdout
    return {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.splitlines() if " " in line}


def compile_sources() -> None:
    """Byte-compile the program's packages first, as an installed or frozen program is: this
    machine sets PYTHONDONTWRITEBYTECODE=1, under which every start compiled them from source
    again (about 0.1 s here; the bare window's PySide6 is compiled at install)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "egov_desktop", "ui", "scoring"], cwd=ROOT, check=True)


def bench_startup(populate: int = 0) -> None:
    compile_sources()
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, EGOV_DESKTOP_DATA_DIR=d)
        _run(APP, env)  # first run creates the database; not counted
        if populate:
            _populate(d, populate)
        _run(APP, env)  # the day's backup is made by the first run; not counted
        bare, shown, listed, ready, new, opened, deleted, heavy = [], [], [], [], [], [], [], ""
        binned, formed, revised, editable = [], [], [], []
        for _ in range(RUNS):  # interleaved, so that a change of the machine's load hits all alike
            bare.append(float(_run(BARE, env)["shown"]))
            r = _run(APP, env)
            shown.append(float(r["shown"]))
            listed.append(float(r["listed"]))
            ready.append(float(r["ready"]))
            heavy = r["heavy"]
            new.append(float(_run(NEW, env)["new"]))
            if populate:
                opened.append(float(_run(OPEN, env)["open"]))
                deleted.append(float(_run(DELETE, env).get("delete", "nan")))
                binned.append(float(_run(BIN, env).get("bin", "nan").split()[0]))
                formed.append(float(_run(FORM, env).get("form", "nan")))
                with tempfile.TemporaryDirectory() as copy:  # the revision it makes stays out of the other runs
                    shutil.copytree(d, copy, dirs_exist_ok=True)
                    r = _run(REVISION, dict(env, EGOV_DESKTOP_DATA_DIR=copy))
                revised.append(float(r.get("revision", "nan")))
                editable.append(float(r.get("editable", "nan")))
    b = statistics.median(bare)

    def vs_bare(x: list[float], budget: str = "") -> str:
        """`x` against the bare window: the ratio of the medians, and the median of each round's
        own ratio (a bare window is started in every round), which holds still while the
        machine's speed drifts from one minute to the next (docs/performance.md, GUI)."""
        m = statistics.median(x)
        own = statistics.median(v / w for v, w in zip(x, bare) if v == v)  # nan: the step did not happen
        return f"{m * 1000:.0f} ms ({m / b:.2f}×, by round {own:.2f}×{', budget ' + budget if budget else ''})"

    print(f"start-up, {populate} assessments (median of {RUNS}; load average {os.getloadavg()[0]:.1f}): "
          f"bare PySide6 window {b * 1000:.0f} ms; egov-desktop window shown {vs_bare(shown, '2×')}; "
          f"list on screen {vs_bare(listed, '5×')}; Workspace ready (a new revision waits for it) {vs_bare(ready)}; "
          f"Ctrl+N at once → new-assessment dialog on screen {vs_bare(new)}; "
          + (f"Open as soon as the list shows → assessment on screen {vs_bare(opened)}; " if opened else "")
          + (f"Delete as soon as the list shows → its question {vs_bare(deleted)}; " if deleted else "")
          + (f"the bin as soon as the list shows → listed {vs_bare(binned)}; " if binned else "")
          + (f"blank questionnaire as soon as the list shows → its file dialog {vs_bare(formed)}; " if formed else "")
          + (f"new revision as soon as the list shows → on screen {vs_bare(revised)} (a draft typed into at once), "
             f"the revision made in the database {vs_bare(editable)}; " if revised else "")
          + f"heavy libraries loaded at start: {heavy}")


def bench_memory() -> None:
    """Resident memory of the program with the list shown, then with a 51-indicator assessment
    open (every pillar visited, the results shown once)."""
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, EGOV_DESKTOP_DATA_DIR=d)
        _run(MEMORY, env)  # creates the database and the day's backup; not counted
        runs = [_run(MEMORY, env) for _ in range(3)]
    listed = statistics.median(float(r["listed"]) for r in runs)
    opened = statistics.median(float(r["open"]) for r in runs)
    report = statistics.median(float(r["report"]) for r in runs)
    print(f"memory (resident, median of 3; {os.environ['QT_QPA_PLATFORM']}): list on screen {listed:.0f} MB; "
          f"an assessment of {runs[0]['indicators']} indicators open, every pillar visited {opened:.0f} MB "
          f"(budget 200 MB); after its PDF report {report:.0f} MB")


def _populate(data_dir: str, count: int) -> None:
    """`count` assessments of xa-2025 with a few answers each, made in a fresh interpreter."""
    code = (
        "from egov_desktop.domain import Agency\n"
        "from egov_desktop.services import Workspace\n"
        "with Workspace() as ws:\n"
        f"    for i in range({count}):\n"
        "        a = ws.create_assessment('xa-2025', None, Agency(f'Xã số {i}', 'commune'), str(2020 + i % 6))\n"
        "        ws.set_answer(a.id, 'computers', 10 + i % 30)\n"
        "    ws.finalise(ws.import_file('examples/xa-2025.egov.json').assessment_id)  # a new revision's\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, EGOV_DESKTOP_DATA_DIR=data_dir),
                   check=True, timeout=600)


def bench_answer_and_pillar() -> None:
    import shutil

    from PySide6.QtWidgets import QApplication

    d = tempfile.mkdtemp()
    os.environ["EGOV_DESKTOP_DATA_DIR"] = d
    (Path(d) / "frameworks").mkdir()
    fw_path = Path(d) / "frameworks" / "bench40.yaml"
    fw_path.write_text(_forty_indicator_framework(), encoding="utf-8")
    app = QApplication.instance() or QApplication([])
    from ui.style import apply_style

    apply_style(app)  # as in the program (its look, ui/style.py)
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

    def redraw_all() -> None:  # the whole questionnaire repainted synchronously (the upper bound)
        screen.questionnaire.repaint()

    def redraw_changed() -> None:  # what the program marked for repainting, as the event loop does it
        app.processEvents()

    for how, redraw in (("whole questionnaire repainted", redraw_all), ("changed widgets repainted", redraw_changed)):
        times = []
        for i in range(200):
            box.lineEdit().clear()
            app.processEvents()
            t0 = time.perf_counter()
            QTest.keyClick(box.lineEdit(), Qt.Key_1 + (i % 9))
            redraw()
            times.append(time.perf_counter() - t0)
        screen.flush()  # let the writer finish before the next measurement
        times.sort()
        print(f"answer typed → saved, rescored, redrawn ({how}; {fw_id}, {len(registry.get(fw_id).indicators)} "
              f"indicators; load average {os.getloadavg()[0]:.1f}): median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms (budget 16 ms)")
    ws.close()

    # a pillar of 40 indicators, opened for the first time
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    fw = registry.get("bench-40")
    opens, completes = [], []
    for _ in range(RUNS):
        state = FormState(fw, {})
        view = QuestionnaireView(state)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        t0 = time.perf_counter()
        page = view.open_pillar(fw.pillars[1].id)
        view.repaint()
        opens.append(time.perf_counter() - t0)
        while page._to_build:  # the rows below the first screen, built in batches just after
            app.processEvents()
        view.repaint()
        completes.append(time.perf_counter() - t0)
        view.close()
        view.deleteLater()
        app.processEvents()
    print(f"pillar of {len(fw.pillars[1].indicators)} indicators opened (median of {RUNS}; load average "
          f"{os.getloadavg()[0]:.1f}): on screen {statistics.median(opens) * 1000:.0f} ms (budget 100 ms), "
          f"every row built {statistics.median(completes) * 1000:.0f} ms")
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
        bench_startup(populate=30)
    if "answer" in which:
        bench_answer_and_pillar()
    if "memory" in which or not sys.argv[1:]:
        bench_memory()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of the Qt objects (not part of what is measured)
