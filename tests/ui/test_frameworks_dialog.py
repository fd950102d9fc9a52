"""Settings → Bộ tiêu chí as a commune officer uses it: see what is installed, install next year's
file from the province (every problem of a broken one shown by sheet and cell), export a set to
Excel, remove an installed one; and a framework file opened with the program is installed after
the officer agrees (issue 12)."""
from __future__ import annotations

import json

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from egov_desktop.frameworks import registry
from tests.core.exchange_samples import FRAMEWORK


def _dialog(qtbot, in_use=None):
    from ui.dialogs.frameworks_dialog import FrameworksDialog

    d = FrameworksDialog(in_use)
    qtbot.addWidget(d)
    d.show()
    return d


def _rows(d):
    return [(d.table.item(r, 0).text(), d.table.item(r, 1).text()) for r in range(d.table.rowCount())]


def test_lists_installs_exports_and_removes(qtbot, vi, tmp_path, monkeypatch):
    d = _dialog(qtbot)
    assert ("xa-2025", "2025.2") in _rows(d) and ("xa-2025", "2025.1") in _rows(d)
    row = _rows(d).index(("xa-2025", "2025.2"))
    assert d.table.item(row, 5).text() == "chương trình" and d.table.item(row, 6).text() == "có sẵn"
    assert "Xã" in d.table.item(row, 3).text() or "xã" in d.table.item(row, 3).text().lower()
    d.table.selectRow(row)
    assert d.export_button.isEnabled() and not d.remove_button.isEnabled()  # a built-in set stays

    # next year's set from the province, installed from its file
    path = tmp_path / "bo-tieu-chi-2026.yaml"
    path.write_text(json.dumps({**FRAMEWORK, "version": "2026.1"}, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    with qtbot.waitSignal(d.installed, timeout=20000) as got:
        qtbot.mouseClick(d.install_button, Qt.LeftButton)
    assert got.args == ["xa-thu@2026.1"]
    assert ("xa-thu", "2026.1") in _rows(d) and "Đã cài xa-thu@2026.1" in d.message.text()
    assert "không có chữ ký số" in d.message.text()  # an unsigned file: installed with a warning
    assert d.selected().id == "xa-thu"

    # exported to Excel, to start the set after it
    out = tmp_path / "xa-thu.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    with qtbot.waitSignal(d.exported, timeout=20000):
        qtbot.mouseClick(d.export_button, Qt.LeftButton)
    assert {"survey", "settings"} <= set(openpyxl.load_workbook(out).sheetnames)

    # removed, after a question
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    assert d.remove_button.isEnabled()
    with qtbot.waitSignal(d.removed, timeout=5000):
        qtbot.mouseClick(d.remove_button, Qt.LeftButton)
    assert ("xa-thu", "2026.1") not in _rows(d)
    assert not any(i.id == "xa-thu" for i in registry.list())


def test_a_broken_workbook_shows_every_problem_with_its_cell(qtbot, vi, tmp_path, monkeypatch):
    from egov_desktop.frameworks.xlsform import write_framework_workbook

    book = write_framework_workbook({**FRAMEWORK, "version": "2026.1"}, tmp_path / "sai.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["survey"]
    header = [c.value for c in ws[1]]
    ws.cell(1, ws.max_column + 1, "wieght")                       # a misspelt column
    for row in ws.iter_rows(min_row=2):
        if row[header.index("name")].value == "computers":
            row[header.index("type")].value = "integr"             # an unknown type
    wb.save(book)
    d = _dialog(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(book), "")))
    with qtbot.waitSignal(d.failed, timeout=20000) as got:
        qtbot.mouseClick(d.install_button, Qt.LeftButton)
    text = got.args[0]
    assert "survey!" in text and "wieght" in text and "weight" in text
    assert d.problems.isVisible() and "wieght" in d.problems.toPlainText()
    assert not any(i.id == "xa-thu" for i in registry.list())  # nothing installed


def test_remove_refused_while_assessments_use_the_version(qtbot, vi, tmp_path):
    from egov_desktop.frameworks import library

    path = tmp_path / "x.yaml"
    path.write_text(json.dumps(FRAMEWORK, ensure_ascii=False), encoding="utf-8")
    library.install(path)
    d = _dialog(qtbot, in_use=lambda fid, version: 2 if (fid, version) == ("xa-thu", "2025.1") else 0)
    with qtbot.waitSignal(d.failed, timeout=5000) as got:
        d.remove("xa-thu@2025.1")
    assert "2 bản đánh giá" in got.args[0]
    assert ("xa-thu", "2025.1") in _rows(d)


def test_a_framework_file_opened_with_the_program_is_installed_after_a_question(qtbot, window, tmp_path, monkeypatch):
    from egov_desktop.cli import opened_file

    path = tmp_path / "tinh-gui.yaml"
    path.write_text(json.dumps({**FRAMEWORK, "version": "2027.1"}, ensure_ascii=False), encoding="utf-8")
    assert opened_file(["--lang", "vi", str(path)]) == str(path)
    assert opened_file(["frameworks", "check", str(path)]) is None
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.Ok))
    with qtbot.waitSignal(window.framework_installed, timeout=20000) as got:
        window.install_framework_file(str(path))
    assert got.args == ["xa-thu@2027.1"] and "tinh-gui.yaml" in asked[0]
    assert registry.get("xa-thu", "2027.1")


def test_settings_opens_the_frameworks_dialog(qtbot, window, monkeypatch):
    from ui.dialogs.frameworks_dialog import FrameworksDialog
    from ui.dialogs.settings_dialog import SettingsDialog

    seen = []
    monkeypatch.setattr(FrameworksDialog, "exec", lambda self: seen.append(self.table.rowCount()) or 0)
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: self.frameworks_button.click() or 0)
    window.show_settings()
    assert seen and seen[0] >= 4
