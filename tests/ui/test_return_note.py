"""The return note in the GUI, as the two officers use it: the agency opens the Sở's note and sees
each remark under its question (at 1024×768), after a restart too, and corrects it in a new
revision; the province opens the next revision and sees what changed since the one it returned."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.core.exchange_samples import assessment, install_framework, report_pdf

REMARKS = {"computers": "Số máy tính (12) không khớp với biên bản kiểm kê (9 máy)",
           "portal": "Xã đã có cổng thông tin điện tử từ năm 2023; đề nghị kiểm tra lại câu trả lời"}


def _province_returns(tmp_path):
    """The Sở imports the agency's report and returns it with a note and two remarks."""
    from egov_desktop.province import importer, review
    from egov_desktop.province.store import open_store

    (tmp_path / "bao-cao.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=12)))
    store = open_store()
    try:
        importer.import_files(store, [tmp_path / "bao-cao.pdf"])
        sub = review.submissions(store)[0]
        _, path = review.return_with_note(store, sub.id, "Đề nghị rà soát lại số liệu hạ tầng.",
                                          tmp_path / "tra-lai.pdf", "Lê Văn Tâm",
                                          "Sở Khoa học và Công nghệ tỉnh Quảng Trị", remarks=REMARKS)
    finally:
        store.close()
    return path


def _window(qtbot):
    from ui.app import create_window

    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.list_refreshed, timeout=15000):
        w.show()
    w.resize(1024, 768)
    return w


def _close(w) -> None:
    from ui.tasks import wait_for_all

    w.close()
    wait_for_all()


def _inside_viewport(widget, scroll) -> bool:
    QApplication.processEvents()
    top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
    return scroll.viewport().rect().contains(QRect(top_left, widget.size()))


def test_the_agency_opens_the_note_and_sees_each_remark_under_its_question(qtbot, vi, tmp_path, monkeypatch):
    install_framework()
    note = _province_returns(tmp_path)
    w = _window(qtbot)
    sent = w.workspace.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
    w.refresh_list()
    # «Nhập tệp…» and the note chosen, as for any file the program takes
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(note)], "")))
    with qtbot.waitSignal(w.note_opened, timeout=20000) as opened:
        qtbot.mouseClick(w.start.buttons["import"], Qt.LeftButton)
    assert opened.args[0].returned.status == "returned"
    screen = w.screen_
    assert screen.assessment_id == sent.assessment_id and screen.record.data.status == "returned"
    panel = screen.questionnaire.remarks_panel
    assert panel.isVisible() and "Sở Khoa học và Công nghệ tỉnh Quảng Trị" in panel.heading.text()
    assert "2 câu có nhận xét" in panel.heading.text()
    assert panel.note.isVisible() and panel.note.toPlainText() == "Đề nghị rà soát lại số liệu hạ tầng."
    nav = screen.questionnaire.nav
    assert "1 nhận xét" in nav.item(0).text() and "1 nhận xét" in nav.item(1).text()   # each group's
    # the list of remarked questions: the keyboard on it jumps to the next one
    combo = panel.questions
    assert [combo.itemText(i) for i in range(1, combo.count())] == ["1.2 Số máy tính", "2.2 Có cổng thông tin"]
    q = screen.questionnaire
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key_Down)
    QTest.keyClick(combo, Qt.Key_Down)   # the second: in the second group
    row = q.current_page().rows["portal"]
    assert q.current_page().pillar.id == "dich_vu"
    band = row.remark_band
    assert band.isVisible() and REMARKS["portal"] in band.text() and "Nhận xét của Sở:" in band.text()
    assert _inside_viewport(band, q.scroll), "the remark must be on screen at 1024×768"
    assert q.current_page().rows["dvc_pct"].findChild(type(band), "remarkBand") is None   # no remark, no band
    assert screen.revise_button.isVisible()
    _close(w)

    # after a restart: the note is still with its assessment
    w = _window(qtbot)
    w.start.select(sent.assessment_id)
    qtbot.mouseClick(w.start.buttons["open"], Qt.LeftButton)
    q = w.screen_.questionnaire
    assert q.remarks_panel.isVisible()
    row = q.jump_to("computers")
    assert row.remark_band.isVisible() and REMARKS["computers"] in row.remark_band.text()
    assert _inside_viewport(row.remark_band, q.scroll)
    # «Sửa và gửi lại…»: the draft revision, with the remarks beside the questions to correct
    qtbot.mouseClick(w.screen_.revise_button, Qt.LeftButton)
    draft = w.screen_
    assert draft.record.data.revision == 2 and draft.record.data.status == "draft" and not draft.state.read_only
    assert not draft.revise_button.isVisible() and draft.questionnaire.remarks_panel.isVisible()
    row = draft.questionnaire.jump_to("computers")
    assert row.remark_band.isVisible() and row.editor.isEnabled()
    _close(w)


def test_a_note_double_clicked_opens_the_program_on_its_assessment(qtbot, vi, tmp_path):
    """`egov-desktop tra-lai.pdf` (what a double-click runs): opened once the data is."""
    from egov_desktop.cli import opened_file
    from egov_desktop.services import Workspace
    from ui.app import create_window, offer_to_install

    install_framework()
    note = _province_returns(tmp_path)
    with Workspace() as ws:
        sent = ws.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
    argv = ["--lang", "vi", str(note)]
    assert opened_file(argv) == str(note)
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.note_opened, timeout=20000):
        w.show()
        offer_to_install(w, argv)
    assert w.screen_.assessment_id == sent.assessment_id and w.screen_.questionnaire.remarks_panel.isVisible()
    _close(w)


def test_a_broken_or_foreign_note_gets_a_message_naming_the_file(qtbot, vi, tmp_path, monkeypatch):
    install_framework()
    (tmp_path / "bao-cao.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới")))   # a report
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog")                   # broken
    w = _window(qtbot)
    said = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: said.append(a[2])))
    with qtbot.waitSignal(w.files_opened, timeout=20000) as opened:
        w.open_files([str(tmp_path / "bao-cao.pdf"), str(tmp_path / "hong.pdf")])
    count, problems = opened.args
    assert count == 0 and len(problems) == 2
    assert problems[0].startswith("bao-cao.pdf: ") and "không phải phiếu trả lại" in problems[0]
    assert problems[1].startswith("hong.pdf: ") and "bị hỏng" in problems[1]
    assert said and "bao-cao.pdf" in said[0] and "hong.pdf" in said[0]
    assert w.screen_ is None and w.workspace.list_assessments() == []   # nothing opened, nothing written
    _close(w)


def test_the_province_sees_what_changed_since_the_revision_it_returned(qtbot, vi, tmp_path):
    from egov_desktop.province import importer
    from egov_desktop.province.store import open_store
    from ui.tasks import wait_for_all

    install_framework()
    _province_returns(tmp_path)
    (tmp_path / "lan-2.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=9, lan="no",
                                                               revision=2)))
    store = open_store()
    importer.import_files(store, [tmp_path / "lan-2.pdf"])
    store.close()
    page, subs = _submissions_of_first(qtbot)
    with qtbot.waitSignal(subs.answers_opened, timeout=15000) as opened:
        qtbot.mouseClick(subs.open_button, Qt.LeftButton)
    dialog = opened.args[0]
    view = dialog.tabs.currentWidget()
    assert dialog.tabs.tabText(0) == "Thay đổi so với lần trả lại" and view is dialog.changes
    assert "2 câu thay đổi" in view.summary.text() and "1 đã sửa, 1 chưa sửa" in view.summary.text()
    model = view.table.model()
    shown = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())}
    assert set(shown) == {"1.2", "1.3", "2.2"}
    assert shown["1.2"][2:5] == ["12", "9", "trả lời"] and shown["1.2"][7] == "Đã sửa"
    assert shown["1.3"][2:4] == ["Có", "Không"] and shown["1.3"][7] == ""       # changed, not remarked
    assert shown["2.2"][4] == "không sửa" and shown["2.2"][7] == "CHƯA SỬA"
    assert "120" in shown["1.2"][5] and "90" in shown["1.2"][5]
    dialog.close()
    wait_for_all()
    page.close_store()


def test_the_gui_return_puts_the_remarks_of_remarks_for_in_the_note(qtbot, vi, tmp_path, monkeypatch):
    """«Trả lại và lập phiếu» takes its remarks from review.remarks_for (the appraisal's)."""
    from PySide6.QtWidgets import QDialogButtonBox

    from egov_desktop.exchange import return_note
    from egov_desktop.province import importer, review
    from egov_desktop.province.store import open_store
    from tests.ui.conftest import type_text
    from ui.tasks import wait_for_all

    install_framework()
    (tmp_path / "bao-cao.pdf").write_bytes(report_pdf(assessment("19723", "Phường Đồng Hới", computers=12)))
    store = open_store()
    importer.import_files(store, [tmp_path / "bao-cao.pdf"])
    store.close()
    monkeypatch.setattr(review, "remarks_for", lambda store, sid: {"computers": REMARKS["computers"]})
    page, subs = _submissions_of_first(qtbot)
    qtbot.mouseClick(subs.return_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: subs.return_dialog.remarks.isVisible(), timeout=10000)
    assert "1 nhận xét theo câu hỏi" in subs.return_dialog.remarks.text()
    assert subs.return_dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()   # the remarks say enough
    type_text(subs.return_dialog.note, "Rà soát lại hạ tầng")
    out = tmp_path / "tra-lai.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    with qtbot.waitSignal(subs.note_saved, timeout=20000):
        qtbot.mouseClick(subs.return_dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    d = return_note.read(out)
    assert d.remarks == {"computers": REMARKS["computers"]} and d.note == "Rà soát lại hạ tầng"
    wait_for_all()
    page.close_store()


def test_revise_pressed_while_the_workspace_opens_makes_the_correction_once_it_is_open(qtbot, vi, tmp_path):
    """A returned assessment opened at once (read with sqlite3) and «Sửa và gửi lại…» pressed
    before the Workspace is open: the press answers at once (the returned one stays on screen,
    read-only, saying the revision is being made); the correction draft is made and opened, with
    the remarks, once the Workspace is open; the returned revision is unchanged."""
    from egov_desktop.services import Workspace
    from egov_desktop.services.opening import content_intact
    from ui.app import create_window

    install_framework()
    note = _province_returns(tmp_path)
    with Workspace() as ws:
        sent = ws.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
        ws.open_return_note(note)
        before = ws.get(sent.assessment_id).data
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    early = []

    def listed() -> None:
        if not early:
            w.start.select(sent.assessment_id)
            w.on_action("open")
            qtbot.mouseClick(w.screen_.revise_button, Qt.LeftButton)
            early.append((w.workspace, w.screen_.assessment_id, w.screen_.record.data.status,
                          w.screen_.revise_button.isEnabled(), w.statusBar().currentMessage()))

    w.list_shown.connect(listed)
    with qtbot.waitSignal(w.revision_opened, timeout=20000):
        w.show()
    assert early == [(None, sent.assessment_id, "returned", False,
                      "Đang tạo lần sửa đổi… (dữ liệu đang mở, chỉ trong giây lát)")]
    draft = w.screen_
    assert draft.record.data.revision == 2 and draft.record.data.status == "draft" and not draft.state.read_only
    assert draft.questionnaire.remarks_panel.isVisible() and not draft.revise_button.isVisible()
    assert draft.form_actions["import_workbook"].isEnabled()
    first = w.workspace.get(sent.assessment_id).data
    assert first == before and content_intact(first)
    _close(w)


def _submissions_of_first(qtbot):
    """The province page at 1024 px wide, on its submissions tab with the first row selected."""
    from tests.ui.province_samples import opened_province_page

    page = opened_province_page(qtbot, 1024, 740)
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    subs.table.selectRow(0)
    return page, subs


def test_an_assessment_without_a_note_makes_no_note_panel(qtbot, vi):
    """The note's panel (a text browser, a list) is made only for an assessment the Sở returned:
    most have none, and making it cost 3-5 ms of every open (docs/performance.md)."""
    install_framework()
    w = _window(qtbot)
    done = w.workspace.import_data(assessment("19723", "Phường Đồng Hới", computers=12), "bao-cao.egov.json")
    w.open_assessment(done.assessment_id)
    q = w.screen_.questionnaire
    assert q._remarks is None and w.screen_.revise_button.parentWidget() is None
    assert not w.screen_.revise_button.isVisible()
    _close(w)
