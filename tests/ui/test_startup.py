"""Start-up: the list is on screen before the Workspace (SQLAlchemy) is ready, and an action
asked for in between is done once it is."""
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


def _stored(data_dir: Path, names: list[str]) -> None:
    from egov_desktop.domain import Agency
    from egov_desktop.services import Workspace

    with Workspace(data_dir) as ws:
        for name in names:
            ws.create_assessment("mini-test", None, Agency(name, "commune"), "2025")


def test_the_list_shows_first_and_an_early_action_waits_for_the_workspace(qtbot, mini_framework, vi,
                                                                           _isolated_data_dir):
    from ui.app import create_window
    from ui.tasks import wait_for_all

    _stored(_isolated_data_dir, ["Xã Một", "Xã Hai"])
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    seen = []

    def listed() -> None:
        if not seen:  # the first time: read with sqlite3, the Workspace not opened yet
            seen.append((w.workspace, [a.agency_name for a in w.start.model.rows]))
            w.start.select(w.start.model.rows[1].id)
            w.on_action("open")  # the user double-clicks at once

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    assert seen == [(None, ["Xã Hai", "Xã Một"])]  # newest first, as the Workspace lists them
    qtbot.waitUntil(lambda: w.screen_ is not None)
    assert w.workspace.get(w.screen_.assessment_id).data.agency.name == "Xã Một"
    assert w.status.text() == "2 bản đánh giá"
    wait_for_all()
    w.close()


HEAVY = "{'sqlalchemy', 'alembic', 'reportlab', 'openpyxl', 'yaml'}"


def _fresh_start(on_listed: str, closing: str, check: str) -> None:
    """The program started in a fresh interpreter (what a start imports is what counts):
    `on_listed` runs once the first list is on screen (it appends to `seen`), `closing` once the
    Workspace is ready and every worker is done, then `check`."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.app import create_window\n"
        "w = create_window(app)\n"
        "seen = []\n"
        "def listed():\n"
        "    if not seen:\n"
        + "".join(f"        {line}\n" for line in on_listed.splitlines()) +
        "def ready():\n"
        "    app.quit()\n"
        "w.list_shown.connect(listed)\n"
        "w.list_refreshed.connect(ready)\n"
        "w.show()\n"
        "app.exec()\n"
        "from ui.tasks import wait_for_all\n"
        "wait_for_all()\n"
        f"{closing}\n"
        f"{check}\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_no_sqlalchemy_before_the_list_is_on_screen(mini_framework, _isolated_data_dir):
    _stored(_isolated_data_dir, ["Xã Một"])
    _fresh_start(f"seen.append((len(w.start.model.rows), sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY})))",
                 "w.workspace.close()", "assert seen == [(1, [])], seen")


def test_the_window_icon_is_set_once_the_list_is_on_screen_not_on_the_way(mini_framework, _isolated_data_dir):
    _stored(_isolated_data_dir, ["Xã Một"])
    _fresh_start("seen.append(app.windowIcon().isNull())", "seen.append(app.windowIcon().isNull())",
                 "assert seen == [True, False], seen")


def test_the_new_assessment_dialog_opens_before_the_workspace_is_ready(qtbot, mini_framework, vi, monkeypatch):
    """New needs no database to fill in: the dialog opens at once; the assessment is created and
    opened as soon as the Workspace is."""
    from ui.app import create_window
    from ui.dialogs import new_assessment
    from ui.tasks import wait_for_all

    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    shown = []

    def fill_and_accept(dialog):
        shown.append(w.workspace)
        dialog.agency_name.setText("Xã Mới")
        ids = [dialog.framework.itemData(i)[0] for i in range(dialog.framework.count())]
        dialog.framework.setCurrentIndex(ids.index("mini-test"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(new_assessment.NewAssessmentDialog, "exec", fill_and_accept)
    w.show()
    with qtbot.waitSignal(w.workspace_ready, timeout=10000):
        w.act_new.trigger()  # Ctrl+N as soon as the window is up
    assert shown == [None]  # the dialog came before the Workspace
    assert w.screen_ is not None and w.screen_.record.data.agency.name == "Xã Mới"
    assert [a.agency_name for a in w.workspace.list_assessments()] == ["Xã Mới"]
    wait_for_all()
    w.workspace.close()
    w.close()


def test_an_assessment_opened_at_once_is_shown_before_the_workspace_and_what_is_typed_is_saved(
        qtbot, mini_framework, vi, _isolated_data_dir):
    """Open as soon as the list shows: the assessment is read with sqlite3 and on screen before
    the Workspace is open, with the data the Workspace gives; an answer typed meanwhile is
    committed once it is open."""
    from ui.app import create_window
    from ui.pending_workspace import PendingWorkspace
    from ui.tasks import wait_for_all

    _stored(_isolated_data_dir, ["Xã Một", "Xã Hai"])
    with __import__("egov_desktop.services", fromlist=["Workspace"]).Workspace(_isolated_data_dir) as ws:
        aid = ws.list_assessments()[1].id
        ws.set_answer(aid, "staff", 12)
        ws.set_comment(aid, "staff", "Theo danh sách lương")
        expected = ws.get(aid)
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    early, saved = [], []

    def listed() -> None:
        if not early:
            w.start.select(aid)
            w.on_action("open")
            s = w.screen_
            early.append((w.workspace, type(s.workspace), s.record, s.state.answers["staff"].value))
            s.changed.connect(saved.append)
            qtbot.keyClicks(s.questionnaire.current_page().rows["computers"].editor.box.lineEdit(), "9")

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    assert early == [(None, PendingWorkspace, expected, 12)]  # no Workspace yet; what it would read
    w.screen_.flush()  # the writer: the answer typed before the Workspace was open
    assert saved == [aid]
    assert w.workspace.get(aid).data.answers["computers"].value == 9
    w.screen_.tabs.setCurrentWidget(w.screen_.results)  # the comparison, found once needed
    assert w.screen_.results.previous is None
    wait_for_all()
    w.close()


def test_an_assessment_opened_at_once_loads_no_sqlalchemy_before_it_is_on_screen(mini_framework, _isolated_data_dir):
    """Nor PyYAML: its framework comes from the parsed cache (frameworks/parsed.py). Nor hashlib,
    which loads OpenSSL as well (scoring/digest.py)."""
    _stored(_isolated_data_dir, ["Xã Một"])
    _fresh_start("w.on_action('open')\n"
                 f"seen.append((w.screen_.record.data.agency.name, sorted({{m.split('.')[0] for m in sys.modules}} & {HEAVY}),"
                 " 'hashlib' in sys.modules))",
                 "w.close()", "assert seen == [('Xã Một', [], False)], seen")


def test_no_class_is_made_for_nothing_on_the_way_to_an_assessment_opened_at_once(mini_framework, _isolated_data_dir):
    """PySide6 builds a Qt class's enums in Python when the class is first used: the dialogs'
    classes wait until a dialog opens (ui/lazy_qt.py), and nothing takes a Python reference to a
    scroll area's viewport, a class of Qt's own, for which PySide6 builds every class of QtWidgets
    not made yet (about 20 ms): not opening the first question, not moving to the "next group"
    step (PillarPage.reveal, row_of). Nor QIcon (its 150 theme icons), which QAction(text,
    parent) made, tried against QAction(icon, text, parent): the window icon comes after. Nor the
    52 kinds of QEvent, which the first event a Python eventFilter or event() override receives
    makes (a paintEvent makes only QPaintEvent's)."""
    _stored(_isolated_data_dir, ["Xã Một"])
    made = ("sorted(n for n in ('QMessageBox', 'QFileDialog', 'QInputDialog', 'QProgressDialog', 'QCalendarWidget', "
            "'QGraphicsSceneEvent') if isinstance(vars(W).get(n), type)) "
            "+ sorted(n for n in ('QIcon', 'QInputEvent', 'QTouchEvent') if isinstance(vars(G).get(n), type))")
    _fresh_start("import PySide6.QtWidgets as W, PySide6.QtGui as G\n"
                 "w.on_action('open')\n"
                 f"seen.append({made})\n"
                 "page = w.screen_.questionnaire.current_page()\n"
                 "page.next_button.setFocus()\n"
                 "page.reveal(page.next_button)\n"
                 f"seen.append({made})",
                 "w.close()", "assert seen == [[], []], seen")


def test_no_dataclass_is_made_on_the_way_to_an_assessment_opened_at_once(mini_framework, _isolated_data_dir):
    """A frozen dataclass compiles its generated methods when its module is imported (about
    1 ms a class): the data on the way to the list and to an open assessment are records
    (scoring.record); only Text, which the first window needs before msgspec is imported."""
    _stored(_isolated_data_dir, ["Xã Một"])
    made = ("sorted(f'{c.__module__}.{c.__qualname__}' for m in list(sys.modules.values()) "
            "if m.__name__.split('.')[0] in ('ui', 'egov_desktop', 'scoring') "
            "for c in vars(m).values() if isinstance(c, type) and c.__module__ == m.__name__ "
            "and dataclasses.is_dataclass(c))")
    _fresh_start("import dataclasses\n"
                 "w.on_action('open')\n"
                 "w.screen_.repaint()\n"
                 f"seen.append({made})",
                 "w.close()", "assert seen == [['scoring.text.Text']], seen")


def test_the_garbage_collector_waits_while_the_program_starts(mini_framework, _isolated_data_dir):
    """Paused from the window's making until the turn of the event loop that shows the first list
    is done (an Open at once included: no collection walks the start's objects again and again),
    running again right after."""
    _stored(_isolated_data_dir, ["Xã Một"])
    _fresh_start("import gc\n"
                 "seen.append(gc.isenabled())\n"
                 "w.on_action('open')\n"
                 "seen.append(gc.isenabled())",
                 "import gc\nseen.append(gc.isenabled())", "assert seen == [False, False, True], seen")


def test_a_start_that_shows_no_list_resumes_the_collector_all_the_same(qtbot, monkeypatch, _isolated_data_dir):
    """A start that never shows a list (here: no database opened at all) does not leave the
    collector paused: it resumes START_SECONDS after the window is made."""
    import gc

    import ui.app

    monkeypatch.setattr(ui.app, "START_SECONDS", 0.05)
    w = ui.app.create_window(QApplication.instance(), open_workspace=False)
    qtbot.addWidget(w)
    try:
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        gc.enable()


def test_a_collector_paused_by_whoever_runs_the_program_is_left_as_it_is():
    import gc

    from ui.app import pause_collection

    gc.disable()
    try:
        pause_collection()()
        assert not gc.isenabled()
    finally:
        gc.enable()
    pause_collection()()
    assert gc.isenabled()


def test_modules_imported_after_the_window_are_not_read_for_pyside_features(_isolated_data_dir):
    """PySide6 reads the source of each module imported after it (for `from __feature__ import`,
    which the program never uses): skipped, as it cost 13 ms of each start (ui.app.skip_feature_scan)."""
    code = (
        "import inspect\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.app import create_window\n"
        "w = create_window(app)\n"
        "read = []\n"
        "inspect.getsource = lambda obj: read.append(obj.__name__) or ''\n"
        "import ui.pages.assessment, egov_desktop.frameworks.registry\n"
        "assert read == [], read\n"
        "from PySide6.QtWidgets import QLabel\n"
        "assert QLabel('x').text() == 'x'\n"  # PySide6 works as before in the modules imported since
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_an_action_that_asks_first_asks_at_once_and_acts_once_the_workspace_is_open(
        qtbot, mini_framework, vi, _isolated_data_dir, monkeypatch):
    """Delete pressed as soon as the list shows: the question comes before the Workspace is
    open; the deletion waits for it, and the list shows what is left."""
    from PySide6.QtWidgets import QMessageBox

    from ui.app import create_window
    from ui.tasks import wait_for_all

    _stored(_isolated_data_dir, ["Xã Một", "Xã Hai"])
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    asked = []

    def answer(parent, title, text, *args):
        asked.append((w.workspace, title))
        return QMessageBox.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)

    def listed() -> None:
        if not asked:
            w.start.select(w.start.model.rows[0].id)  # Xã Hai, the newest
            w.on_action("delete")

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    assert asked == [(None, "Xóa bản đánh giá")]  # asked before the Workspace was open
    wait_for_all()
    assert [a.agency_name for a in w.start.model.rows] == ["Xã Một"]
    assert [a.agency_name for a in w.workspace.list_assessments(deleted_only=True)] == ["Xã Hai"]
    w.close()


def test_the_bin_opens_before_the_workspace_is_ready(qtbot, mini_framework, vi, _isolated_data_dir):
    """«Thùng rác» pressed as soon as the list shows: the deleted assessments are read with
    sqlite3 and listed before the Workspace is open; once it is, the bin is still what is shown."""
    from PySide6.QtCore import Qt

    from ui.app import create_window
    from ui.tasks import wait_for_all

    _stored(_isolated_data_dir, ["Xã Một", "Xã Hai", "Xã Ba"])
    from egov_desktop.services import Workspace
    with Workspace(_isolated_data_dir) as ws:
        ws.delete(next(a.id for a in ws.list_assessments() if a.agency_name == "Xã Hai"))
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    seen = []

    def listed() -> None:
        if not seen:
            seen.append("clicked")
            qtbot.mouseClick(w.start.trash, Qt.LeftButton)
            seen.append((w.workspace, [a.agency_name for a in w.start.model.rows], w.status.text()))

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    assert seen[1] == (None, ["Xã Hai"], "1 bản trong thùng rác")  # before the Workspace was open
    assert w.workspace is not None and [a.agency_name for a in w.start.model.rows] == ["Xã Hai"]
    qtbot.mouseClick(w.start.trash, Qt.LeftButton)  # and back to the list
    assert [a.agency_name for a in w.start.model.rows] == ["Xã Ba", "Xã Một"]
    wait_for_all()
    w.close()


@pytest.mark.parametrize("key", ["questionnaire", "workbook"])
def test_the_blank_forms_are_made_before_the_workspace_is_ready(qtbot, mini_framework, vi, _isolated_data_dir,
                                                                monkeypatch, tmp_path, key):
    """«Phiếu để điền» → blank questionnaire / fill-in workbook as soon as the list shows: the
    file is asked for and made with no Workspace (the framework from its index, the agency and
    period of the selected assessment read with sqlite3)."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    from ui.app import create_window
    from ui.tasks import wait_for_all

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    _stored(_isolated_data_dir, ["Xã Đồng Hới"])
    out = tmp_path / ("phiếu.pdf" if key == "questionnaire" else "phiếu.xlsx")
    asked = []

    def save_as(parent, title, name, *a, **k):
        asked.append((w.workspace, title, Path(name).name))
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)

    def listed() -> None:
        if not asked:
            w.start.select(w.start.model.rows[0].id)
            w.start.form_actions[key].trigger()

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.report_saved, timeout=30000):
        w.show()
    workspace, title, name = asked[0]
    assert workspace is None  # asked before the Workspace was open
    if key == "questionnaire":
        assert title == "Lưu phiếu giấy trống" and out.read_bytes()[:5] == b"%PDF-"
    else:
        from egov_desktop.reports.excel.reader import read_template_details

        assert name == "Xa-Dong-Hoi_2025_mini-test.xlsx"  # the selected assessment's agency and period
        details = read_template_details(out)
        assert details.agency_name == "Xã Đồng Hới" and details.period == "2025"
    wait_for_all()
    w.close()


def test_a_filled_workbook_is_asked_for_at_once_and_imported_once_the_workspace_is_open(
        qtbot, mini_framework, vi, _isolated_data_dir, monkeypatch):
    """«Nhập phiếu Excel đã điền» as soon as the list shows: the file dialog comes before the
    Workspace is open; the answers go into the selected draft once it is."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from egov_desktop.domain import Agency
    from egov_desktop.reports.excel.template import write_template
    from ui.app import create_window
    from ui.tasks import wait_for_all

    from .test_fill_in import _fill

    _stored(_isolated_data_dir, ["Xã Một"])
    book = _isolated_data_dir / "điền.xlsx"
    book.write_bytes(write_template(mini_framework, "vi", Agency("Xã Một", "commune"), "2025"))
    _fill(book, {"staff": 12, "computers": 8})
    asked = []

    def open_file(parent, title, *a, **k):
        asked.append((w.workspace, title))
        return str(book), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click() or 0)  # «Vào bản đã chọn»
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)

    def listed() -> None:
        if not asked:
            w.start.select(w.start.model.rows[0].id)
            w.start.form_actions["import_workbook"].trigger()

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.workbook_imported, timeout=30000) as imported:
        w.show()
    assert asked == [(None, "Nhập phiếu Excel đã điền")]
    answers = w.workspace.get(imported.args[0]).data.answers
    assert answers["staff"].value == 12 and answers["computers"].value == 8
    wait_for_all()
    w.close()


def _finalised(data_dir: Path) -> int:
    """A finalised assessment of the mini framework (all its questions answered), stored."""
    from egov_desktop.domain import Agency
    from egov_desktop.services import Workspace

    with Workspace(data_dir) as ws:
        aid = ws.create_assessment("mini-test", None, Agency("Xã Một", "commune"), "2025").id
        for iid, v in {"staff": 10, "computers": 9, "lan": "no", "internet_pct": 80, "dvc_level": "part",
                       "channels": ("portal",), "plan_date": "2025-03-15", "records_pct": 50}.items():
            ws.set_answer(aid, iid, v)
        ws.finalise(aid)
    return aid


def test_a_new_revision_pressed_at_once_is_typed_into_before_the_workspace_and_saved_in_revision_2(
        qtbot, mini_framework, vi, _isolated_data_dir):
    """«Tạo lần sửa đổi» pressed as soon as the list shows: the finalised assessment (read with
    sqlite3) becomes the new revision's draft on screen at once, saying the revision is being
    made, and can be typed into; the revision is made first once the Workspace is open, and what
    was typed goes to revision 2; revision 1 is unchanged, its hash intact."""
    from PySide6.QtCore import Qt

    from egov_desktop.services.opening import content_intact
    from ui.app import create_window
    from ui.tasks import wait_for_all

    aid = _finalised(_isolated_data_dir)
    with __import__("egov_desktop.services", fromlist=["Workspace"]).Workspace(_isolated_data_dir) as ws:
        before = ws.get(aid).data
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    early = []

    def listed() -> None:
        if not early:
            w.start.select(aid)
            qtbot.mouseClick(w.start.buttons["revision"], Qt.LeftButton)
            s = w.screen_
            early.append((w.workspace, s and s.assessment_id, s and s.state.read_only,
                          s and "đang tạo lần sửa đổi…" in s.header.text(), w.statusBar().currentMessage()))
            # the report, e-mail, profile and forms would act on revision 1's row: held meanwhile
            early.append([b.isEnabled() for b in s._row_actions])
            editor = s.questionnaire.current_page().rows["computers"].editor.box.lineEdit()
            editor.selectAll()
            qtbot.keyClicks(editor, "7")  # typed before the revision exists
            early.append((w.workspace, s.state.answers["computers"].value))

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.revision_opened, timeout=20000) as opened:
        w.show()
    assert early == [(None, aid, False, True, "Đang tạo lần sửa đổi… (dữ liệu đang mở, chỉ trong giây lát)"),
                     [False] * 5, (None, 7)]
    s = w.screen_
    s.flush()
    assert s.assessment_id == opened.args[0] != aid and not s.state.read_only
    assert s.record.data.revision == 2 and s.record.data.status == "draft"
    assert "đang tạo" not in s.header.text()
    assert all(b.isEnabled() for b in s._row_actions) and len(s._row_actions) == 5
    assert w.workspace.get(s.assessment_id).data.answers["computers"].value == 7
    assert w.workspace.get(s.assessment_id).data.answers["staff"].value == 10  # the copy of revision 1
    first = w.workspace.get(aid).data
    assert first == before and first.answers["computers"].value == 9 and content_intact(first)
    assert w.statusBar().currentMessage() == "Lần sửa đổi 2 (bản nháp)"
    qtbot.keyClicks(s.questionnaire.current_page().rows["staff"].editor.box.lineEdit(), "1")  # and after
    s.flush()
    assert w.workspace.get(s.assessment_id).data.answers["staff"].value == 101
    assert w.workspace.get(aid).data == before
    wait_for_all()
    w.close()
