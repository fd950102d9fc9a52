"""Every dialog the program opens speaks the program's language (Qt's standard buttons, file and
input dialogs, the calendar); no internal code reaches the user; a language switch keeps the
user where they were."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QMessageBox, QPushButton

from ui.qt_language import VIETNAMESE

from .test_questionnaire_flow import _create_with_dialog

# What Qt shows when nothing translates it (its source strings, without the & of the shortcut)
ENGLISH = {source.replace("&", "") for _, source in VIETNAMESE} | {"OK", "Yes", "No", "Cancel", "Close"}


class ModalWatcher:
    """Like the officer reading a dialog: every modal dialog that opens is read (title, button and
    label texts) and then closed with Escape (No / Cancel / Close)."""

    def __init__(self):
        self.seen: list[tuple[str, list[str], list[str], QDialog]] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        if not isinstance(w, QDialog) or any(w is s[3] for s in self.seen):
            return
        buttons = [b.text().replace("&", "") for b in w.findChildren(QAbstractButton) if b.isVisible() and b.text()]
        labels = [lab.text().replace("&", "") for lab in w.findChildren(QLabel) if lab.isVisible() and lab.text()]
        self.seen.append((w.windowTitle(), buttons, labels, w))
        w.reject()

    def stop(self) -> None:
        self.timer.stop()

    def english(self) -> list[tuple[str, str]]:
        return [(title, t) for title, buttons, labels, _ in self.seen for t in buttons + labels if t in ENGLISH]


def test_every_dialog_speaks_vietnamese(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # the guide in the program's window
    created = _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    watch = ModalWatcher()
    try:
        # the evidence dialog of a question (OK / Cancel)
        screen.questionnaire.jump_to("plan_date")
        row = screen.questionnaire.current_page().rows["plan_date"]
        qtbot.mouseClick(row.evidence_button, Qt.LeftButton)
        # the calendar of the date editor: month and day names in Vietnamese
        qtbot.mouseClick(row.editor.pick, Qt.LeftButton)
        calendar = row.editor.calendar
        assert calendar.locale().language() == QLocale.Vietnamese
        assert "tháng" in calendar.locale().monthName(3).lower()
        calendar.close()
        # finalising asks Yes / No (no errors left: every required answer given)
        st = screen.state
        for iid, v in {"staff": 10, "computers": 9, "lan": "no", "internet_pct": 80, "dvc_level": "part",
                       "channels": ("portal",), "plan_date": "2025-03-15", "records_pct": 50}.items():
            st.set_value(iid, v)
        screen.flush()
        assert not st.errors()
        screen.tabs.setCurrentWidget(screen.check)
        screen.finalise()
        # help (Close), settings (backups), the start page: delete (Yes / No), from last year
        # (QInputDialog), import (QFileDialog)
        from ui.help import show_help
        guide = show_help(window)  # a window beside the program (not modal): its buttons read here
        help_buttons = [b.text() for b in guide.findChildren(QPushButton)]
        guide.close()
        window.show_settings()
        window.show_start()
        window.start.select(created.id)
        qtbot.mouseClick(window.start.buttons["delete"], Qt.LeftButton)
        qtbot.mouseClick(window.start.buttons["from_last_year"], Qt.LeftButton)
        qtbot.mouseClick(window.start.buttons["import"], Qt.LeftButton)
    finally:
        watch.stop()
    titles = [s[0] for s in watch.seen]
    for expected in ("Hoàn tất đánh giá", "Xóa bản đánh giá", "Cài đặt",
                     "Tạo từ kỳ trước", "Nhập tệp đánh giá hoặc mở phiếu trả lại"):
        assert expected in titles, titles
    buttons = {s[0]: s[1] for s in watch.seen}
    assert {"Có", "Không"} <= set(buttons["Hoàn tất đánh giá"])
    assert {"Có", "Không"} <= set(buttons["Xóa bản đánh giá"])
    assert {"Đồng ý", "Hủy"} <= set(buttons["Tạo từ kỳ trước"])
    assert "Đóng" in help_buttons
    assert "Hủy" in buttons["Nhập tệp đánh giá hoặc mở phiếu trả lại"]
    evidence = next(b for t, b in buttons.items() if t.startswith("Tài liệu kiểm chứng"))
    assert {"Đồng ý", "Hủy"} <= set(evidence)
    assert watch.english() == []
    assert window.workspace.summary(created.id).status == "draft"  # every question answered No
    assert window.workspace.list_assessments()  # not deleted


def test_english_mode_gives_qt_its_english_back(qtbot, window):
    box = QMessageBox(QMessageBox.Question, "t", "x", QMessageBox.Yes | QMessageBox.No)
    assert box.button(QMessageBox.Yes).text().replace("&", "") == "Có"
    with qtbot.waitSignal(window.language_changed):
        window.switch_language("en")
    try:
        box = QMessageBox(QMessageBox.Question, "t", "x", QMessageBox.Yes | QMessageBox.No)
        assert box.button(QMessageBox.Yes).text().replace("&", "") == "Yes"
        assert QLocale().language() == QLocale.English
    finally:
        window.switch_language("vi")


def test_no_internal_codes_reach_the_user(qtbot, window):
    from egov_desktop.errors import UserError
    from egov_desktop.i18n import language
    from ui.dialogs.settings_dialog import SettingsDialog

    window.workspace.backup("manual")
    dialog = SettingsDialog(window.workspace.backups(), window)
    qtbot.addWidget(dialog)
    texts = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
    assert texts and all("Hằng ngày" in t or "Sao lưu tay" in t for t in texts), texts
    assert not any("daily" in t or "manual" in t for t in texts)
    created = window.workspace.list_assessments()
    assert created == []
    from egov_desktop.domain import Agency, Respondent

    a = window.workspace.create_assessment("mini-test", None, Agency("Xã A", "commune"), "2025", Respondent())
    try:
        window.workspace.set_status(a.id, "accepted")
    except UserError as e:
        message = e.describe(language())
    assert "draft" not in message and "accepted" not in message
    assert "«Đang nhập»" in message and "«Đã chấp nhận»" in message


def test_province_refusal_names_the_status(tmp_path, mini_framework):
    from egov_desktop.domain import Agency, AssessmentData
    from egov_desktop.errors import UserError
    from egov_desktop.exchange.received import Received
    from egov_desktop.province.importer import Importer

    data = AssessmentData(framework_id="mini-test", framework_version=mini_framework.version, framework_hash="",
                          agency=Agency("Xã A", "commune"), period="2025")
    try:
        Importer.check(Importer.__new__(Importer), Received(data, b"", b"", None, "FILE", "xa-a.egov.json"))
    except UserError as e:
        vi, en = e.describe("vi"), e.describe("en")
    assert "«Đang nhập»" in vi and "'Draft'" in en and "draft" not in vi + en.replace("Draft", "")


def test_language_switch_keeps_the_page_and_one_status_text(qtbot, window, monkeypatch):
    _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    second = window.screen_.state.framework.pillars[1].id
    screen.questionnaire.open_pillar(second)
    screen.tabs.setCurrentIndex(1)
    # on the start page with an assessment open: the start page stays on screen
    window.show_start()
    with qtbot.waitSignal(window.language_changed):
        window.switch_language("en")
    try:
        assert window.stack.currentWidget() is window.start
        from PySide6.QtWidgets import QLabel as Label
        texts = [w.text() for w in window.statusBar().findChildren(Label) if w.text()]
        assert texts == ["1 assessments"] or len(texts) == 1, texts
        assert window.screen_.tabs.currentIndex() == 1
        assert window.screen_.questionnaire.current_page().pillar.id == second
        # on the assessment: it stays on screen, on its tab and pillar
        window.stack.setCurrentWidget(window.screen_)
        window.switch_language("vi")
        assert window.stack.currentWidget() is window.screen_
        assert window.screen_.tabs.currentIndex() == 1
        assert window.screen_.questionnaire.current_page().pillar.id == second
        texts = [w.text() for w in window.statusBar().findChildren(Label) if w.text()]
        assert len(texts) == 1 and "bản đánh giá" in texts[0], texts
    finally:
        window.switch_language("vi")


def test_language_switch_keeps_the_province_choices(qtbot, window, monkeypatch, tmp_path):
    from tests.ui.province_samples import make_inbox
    from tests.ui.test_province import import_folder

    inbox = make_inbox(tmp_path / "hop-thu")
    window.act_province.trigger()
    qtbot.waitUntil(lambda: window.province is not None and window.province.store is not None, timeout=15000)
    page = window.province
    import_folder(qtbot, page, monkeypatch, inbox)
    qtbot.waitUntil(lambda: page.period_id() == "2025", timeout=15000)  # the latest period, by default
    page.period.setCurrentIndex(page.period.findText("2024"))
    page.tabs.setCurrentIndex(3)
    framework = page.framework_id()
    window.switch_language("en")
    try:
        new = window.province
        assert new is not page and window.stack.currentWidget() is new
        qtbot.waitUntil(lambda: new.period_id() != "", timeout=15000)
        assert (new.framework_id(), new.period_id(), new.tabs.currentIndex()) == (framework, "2024", 3)
        assert new.tabs.tabText(0) == "Import reports"
    finally:
        window.switch_language("vi")
