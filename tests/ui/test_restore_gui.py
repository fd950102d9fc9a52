"""Restoring a backup from the GUI: Settings lists the backups, "Khôi phục bản sao lưu này" asks
first and restores in the background; a restore another program blocks says so and changes
nothing; a database found damaged at start offers its newest good backup."""
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from egov_desktop.domain import Agency


def _in_settings(window, act) -> None:
    """Run `act(dialog)` once the (modal) settings dialog is up."""
    from ui.dialogs.settings_dialog import SettingsDialog

    def find():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SettingsDialog):
            QTimer.singleShot(20, find)
            return
        act(dialog)
    QTimer.singleShot(0, find)


def _restore_first_backup(window, qtbot):
    def act(dialog):
        window.restore_finished.connect(lambda _ok: dialog.reject())
        assert not dialog.restore_button.isEnabled()
        dialog.backups.setCurrentRow(0)
        assert dialog.restore_button.text() == "Khôi phục bản sao lưu này"
        dialog.restore_button.click()
    _in_settings(window, act)
    with qtbot.waitSignal(window.restore_finished, timeout=30000) as blocker:
        window.show_settings()
    return blocker.args[0]


def test_settings_restores_the_chosen_backup_after_asking(window, qtbot, monkeypatch):
    ws = window.workspace
    kept = ws.create_assessment("mini-test", None, Agency("Xã Có Trong Bản Sao", "commune"), "2025")
    ws.backup()
    ws.create_assessment("mini-test", None, Agency("Xã Thêm Sau", "commune"), "2026")
    window.refresh_list()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    assert _restore_first_backup(window, qtbot) is True
    assert asked and "được giữ lại" in asked[0]
    assert [a.agency_name for a in window.start.model.rows] == ["Xã Có Trong Bản Sao"]
    assert [a.id for a in window.workspace.list_assessments()] == [kept.id]
    assert any(b.reason == "before-restore" for b in window.workspace.backups())


def test_a_restore_blocked_by_another_program_says_so_and_changes_nothing(window, qtbot, monkeypatch):
    ws = window.workspace
    ws.create_assessment("mini-test", None, Agency("Xã A", "commune"), "2025")
    ws.backup()
    ws.create_assessment("mini-test", None, Agency("Xã B", "commune"), "2026")
    other = sqlite3.connect(ws.path)
    other.execute("SELECT count(*) FROM assessments").fetchone()   # another program has it open
    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    try:
        assert _restore_first_backup(window, qtbot) is False
    finally:
        other.close()
    assert warned and "chương trình khác" in warned[0]
    assert len(window.workspace.list_assessments()) == 2


def test_a_database_damaged_at_start_offers_its_newest_good_backup(qtbot, mini_framework, vi, monkeypatch,
                                                                   _isolated_data_dir):
    from egov_desktop.services import Workspace
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_all

    with Workspace() as ws:
        ws.create_assessment("mini-test", None, Agency("Xã Còn Lại", "commune"), "2025")
        ws.backup()
    db = _isolated_data_dir / "egov-desktop.sqlite"
    db.write_bytes(b"This is a Word document, not a database" * 100)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.restore_finished, timeout=30000) as blocker:
        w.show()
    assert blocker.args == [True]
    assert "bị hỏng" in asked[0] and "Khôi phục bản sao lưu này" in asked[0]
    assert [a.agency_name for a in w.start.model.rows] == ["Xã Còn Lại"]
    wait_for_all()
    w.workspace.close()


def test_the_settings_check_reads_everything_and_names_a_damaged_assessment(window, qtbot, monkeypatch):
    from egov_desktop.services.evidence import MAX_EVIDENCE_BYTES  # noqa: F401 - the split keeps its names

    ws = window.workspace
    a = ws.create_assessment("mini-test", None, Agency("Xã Hỏng Một Dòng", "commune"), "2025")
    ws.backup()
    with sqlite3.connect(ws.path) as conn:      # a comment that is no longer text (bytes SQLite keeps)
        conn.execute("INSERT INTO audit (assessment_id, at, user, action, target, old, new)"
                     " VALUES (?, '', '', 'comment', 'x', NULL, CAST(X'FFFE' AS TEXT))", (a.id,))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **k: warned.append(args[2]))

    def act(dialog):
        window.check_finished.connect(lambda _p: dialog.reject())
        dialog.check_button.click()
    _in_settings(window, act)
    with qtbot.waitSignal(window.check_finished, timeout=30000) as blocker:
        window.show_settings()
    problems = blocker.args[0]
    assert problems and f"đánh giá số {a.id} (Xã Hỏng Một Dòng" in problems[0]
    assert warned and "Khôi phục bản sao lưu này" in warned[0]
