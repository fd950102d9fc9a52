"""From the start page: the blank paper questionnaire, the fill-in workbook of the selected
assessment, and a filled workbook imported into it or as a new assessment; through the file
dialogs (answered as the user would), in the background."""
from __future__ import annotations

import subprocess

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from .test_questionnaire_flow import _create_with_dialog


def choose(monkeypatch, name: str, answer) -> None:
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: answer))


def _fill(path, values: dict) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=6):
        if row[7].value in values:
            row[2].value = values[row[7].value]
    wb.save(path)


def test_blank_questionnaire_for_a_chosen_framework(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    offered = []

    def get_item(parent, title, label, items, *a, **k):
        offered.extend(items)
        return next(i for i in items if "mini-test" in i), True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    out = tmp_path / "Phiếu trống xã.pdf"
    choose(monkeypatch, "getSaveFileName", (str(out), ""))
    assert window.start.selected() is None  # nothing selected: the framework is asked for
    with qtbot.waitSignal(window.report_saved, timeout=30000):
        window.start.form_actions["questionnaire"].trigger()
    assert any("mini-test" in i for i in offered)
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Số cán bộ" in text or "cán bộ" in text.lower()


def test_workbook_filled_and_imported_into_the_selected_assessment(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    created = _create_with_dialog(qtbot, window, monkeypatch)
    window.workspace.set_answer(created.id, "computers", 3)
    window.show_start()
    window.start.select(created.id)
    book = tmp_path / "Phiếu Đồng Hới.xlsx"
    choose(monkeypatch, "getSaveFileName", (str(book), ""))
    with qtbot.waitSignal(window.report_saved, timeout=30000):
        window.start.form_actions["workbook"].trigger()
    from egov_desktop.reports.excel.reader import read_template_details
    details = read_template_details(book)  # the agency and period written in its top cells
    assert "Đồng Hới" in details.agency_name and details.period == "2025" and details.framework_id == "mini-test"
    # a colleague fills two figures in; the officer imports the workbook into the same assessment
    _fill(book, {"staff": 12, "computers": 8})
    choose(monkeypatch, "getOpenFileName", (str(book), ""))
    asked = []

    def exec_(box):
        asked.append([b.text() for b in box.buttons()])
        box.buttons()[0].click()  # «Vào bản đã chọn»
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    with qtbot.waitSignal(window.workbook_imported, timeout=30000) as imported:
        window.start.form_actions["import_workbook"].trigger()
    assert imported.args == [created.id]
    assert "Vào bản đã chọn" in asked[0] and "Tạo bản mới" in asked[0]
    answers = window.workspace.get(created.id).data.answers
    assert answers["staff"].value == 12 and answers["computers"].value == 8  # replaced
    assert len(window.workspace.list_assessments()) == 1
    assert window.screen_.assessment_id == created.id and window.screen_.state.answer("staff").value == 12
    assert "import" in [e.action for e in window.workspace.audit_trail(created.id)]


def test_workbook_imported_as_a_new_assessment_and_a_bad_one_refused(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    created = _create_with_dialog(qtbot, window, monkeypatch)
    window.show_start()
    window.start.select(created.id)
    book = tmp_path / "phieu.xlsx"
    choose(monkeypatch, "getSaveFileName", (str(book), ""))
    with qtbot.waitSignal(window.report_saved, timeout=30000):
        window.start.form_actions["workbook"].trigger()
    # a bad figure: nothing imported, the cell is named
    _fill(book, {"staff": "nhiều lắm"})
    choose(monkeypatch, "getOpenFileName", (str(book), ""))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.Ok)
    emitted = []
    window.workbook_imported.connect(emitted.append)
    window.start.form_actions["import_workbook"].trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=30000)  # the read's outcome, shown to the user
    assert emitted == []
    assert "phieu.xlsx" in warned[0] and "!C" in warned[0]
    assert window.workspace.get(created.id).data.answers.get("staff") is None
    # fixed, and imported as a new assessment
    _fill(book, {"staff": 15})

    def exec_(box):
        next(b for b in box.buttons() if b.text() == "Tạo bản mới").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    with qtbot.waitSignal(window.workbook_imported, timeout=30000) as imported:
        window.start.form_actions["import_workbook"].trigger()
    new_id = imported.args[0]
    assert new_id != created.id
    new = window.workspace.get(new_id).data
    assert new.answers["staff"].value == 15 and new.period == "2025" and "Đồng Hới" in new.agency.name
    assert window.workspace.get(created.id).data.answers.get("staff") is None


def test_from_the_open_assessment(qtbot, window, monkeypatch, tmp_path):
    """The same menu on the assessment screen: its workbook, filled, comes back into it."""
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    created = _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    book = tmp_path / "phiếu của xã.xlsx"
    choose(monkeypatch, "getSaveFileName", (str(book), ""))
    with qtbot.waitSignal(window.report_saved, timeout=30000):
        screen.form_actions["workbook"].trigger()
    _fill(book, {"computers": 6})
    choose(monkeypatch, "getOpenFileName", (str(book), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.buttons()[0].click() or 0)  # «Vào bản đã chọn»
    with qtbot.waitSignal(window.workbook_imported, timeout=30000) as imported:
        screen.form_actions["import_workbook"].trigger()
    assert imported.args == [created.id]
    assert window.screen_.state.answer("computers").value == 6
    assert window.screen_.form_actions["import_workbook"].isEnabled()  # a draft takes answers
