"""The recycle bin on the start page: delete, see it in «Thùng rác», restore, delete for good."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .test_questionnaire_flow import _create_with_dialog


def test_trash_restore_and_delete_for_good(qtbot, window, monkeypatch):
    created = _create_with_dialog(qtbot, window, monkeypatch)
    window.show_start()
    start = window.start
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: asked.append(a[1]) or QMessageBox.Ok)
    start.select(created.id)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.buttons["delete"], Qt.LeftButton)
    assert start.model.rowCount() == 0
    # the bin shows it, with its own actions
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.trash, Qt.LeftButton)
    assert start.showing_trash() and [r.id for r in start.model.rows] == [created.id]
    assert start.buttons["restore"].isVisible() and not start.buttons["new"].isVisible()
    assert "thùng rác" in window.status.text()
    start.select(created.id)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.buttons["restore"], Qt.LeftButton)
    assert start.model.rowCount() == 0
    assert [a.id for a in window.workspace.list_assessments()] == [created.id]
    # deleted again, then deleted for good after a confirmation
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.trash, Qt.LeftButton)
    start.select(created.id)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.buttons["delete"], Qt.LeftButton)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.trash, Qt.LeftButton)
    start.select(created.id)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.buttons["purge"], Qt.LeftButton)
    assert "Xóa vĩnh viễn" in asked and "Dọn thùng rác" in asked
    assert start.model.rowCount() == 0
    assert window.workspace.list_assessments(include_deleted=True) == []
    assert [e["action"] for e in window.workspace.purge_log()] == ["purge"]
    assert not start.buttons["empty_trash"].isEnabled()  # nothing left


def test_empty_trash_answered_no_keeps_everything(qtbot, window, monkeypatch):
    created = _create_with_dialog(qtbot, window, monkeypatch)
    window.workspace.delete(created.id)
    window.show_start()
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(window.start.trash, Qt.LeftButton)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    qtbot.mouseClick(window.start.buttons["empty_trash"], Qt.LeftButton)
    assert [a.id for a in window.workspace.list_assessments(deleted_only=True)] == [created.id]
