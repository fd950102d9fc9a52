"""A commune officer creates an assessment, fills every pillar by typing and clicking, sees
messages appear and clear and the score move, checks, finalises; the database agrees."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from egov_desktop.domain import FINALISED

from .conftest import type_text


def _create_with_dialog(qtbot, window, monkeypatch):
    from ui.dialogs import new_assessment

    seen = {}

    def fill_and_accept(dialog):
        seen["dialog"] = dialog
        qtbot.keyClicks(dialog.search, "dong hoi")  # no diacritics
        assert dialog.results.count() > 0
        assert "Đồng Hới" in dialog.results.item(0).text()
        dialog.period.setText("2025")
        ids = [dialog.framework.itemData(i)[0] for i in range(dialog.framework.count())]
        dialog.framework.setCurrentIndex(ids.index("mini-test"))
        type_text(dialog.name, "Nguyễn Thị Hoa")
        type_text(dialog.position, "Công chức Văn phòng - Thống kê")
        qtbot.keyClicks(dialog.email, "hoa@quangtri.gov.vn")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(new_assessment.NewAssessmentDialog, "exec", fill_and_accept)
    created = window.new_assessment()
    assert created is not None
    return created


def test_fill_check_and_finalise(qtbot, window, monkeypatch):
    created = _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    assert screen is not None and screen.assessment_id == created.id
    ws = window.workspace
    rec = ws.get(created.id).data
    assert "Đồng Hới" in rec.agency.name and rec.agency.code and rec.respondent.name == "Nguyễn Thị Hoa"

    q = screen.questionnaire
    page = q.current_page()
    rows = page.rows
    score = q.score.total

    # typing a number out of range shows the message at once; fixing it clears it
    staff = rows["staff"].editor.box
    staff.setFocus()
    qtbot.keyClicks(staff.lineEdit(), "0")
    assert rows["staff"].message.isVisible()
    assert "nhỏ hơn 1" in rows["staff"].message.text()
    staff.lineEdit().clear()
    qtbot.keyClicks(staff.lineEdit(), "12")
    assert not rows["staff"].message.isVisible()
    before = score.text()
    qtbot.keyClick(staff.lineEdit(), Qt.Key_Return)  # Enter goes to the next question
    assert rows["computers"].editor.box.hasFocus() or q.focusWidget() is rows["computers"].editor.box
    qtbot.keyClicks(rows["computers"].editor.box.lineEdit(), "11")
    assert "0,92" in rows["pc_ratio"].editor.label.text()  # calculated live, Vietnamese decimal comma
    assert score.text() != before  # the score moved

    # skip logic: the LAN question appears only after "Có"
    assert not rows["pcs_lan"].isVisibleTo(page)
    yes = rows["lan"].editor.group.buttons()[0]
    qtbot.mouseClick(yes, Qt.LeftButton)
    assert rows["pcs_lan"].isVisibleTo(page)
    box = rows["pcs_lan"].editor.box
    qtbot.keyClicks(box.lineEdit(), "20")  # more than the computers: constraint error
    assert "Không thể nhiều hơn" in rows["pcs_lan"].message.text()
    box.lineEdit().clear()
    qtbot.keyClicks(box.lineEdit(), "10")
    assert not rows["pcs_lan"].message.isVisible()
    qtbot.keyClicks(rows["internet_pct"].editor.box.lineEdit(), "100")
    answered, questions = screen.state.pillar_progress("ha_tang")
    assert answered == questions
    assert "4/4" in q.nav.item(0).text()  # "LAN? — if yes, how many" is one question (1.4, 1.4.1)

    # pillar 2 by keyboard shortcut
    qtbot.keyClick(q, Qt.Key_2, Qt.ControlModifier)
    page2 = q.current_page()
    assert page2.pillar.id == "dich_vu"
    r2 = page2.rows
    qtbot.mouseClick(r2["dvc_level"].editor.group.buttons()[0], Qt.LeftButton)
    qtbot.mouseClick(r2["channels"].editor.boxes[0][1], Qt.LeftButton)
    qtbot.mouseClick(r2["channels"].editor.boxes[1][1], Qt.LeftButton)
    qtbot.keyClicks(r2["plan_date"].editor.edit, "15/03/2025")
    qtbot.keyClicks(r2["website"].editor.edit, "https://donghoi.quangtri.gov.vn")
    qtbot.mouseClick(r2["records_pct"].na, Qt.LeftButton)  # not applicable
    qtbot.mouseClick(r2["records_pct"].flag, Qt.LeftButton)  # flag for review
    qtbot.mouseClick(r2["website"].comment_button, Qt.LeftButton)
    type_text(r2["website"].comment, "Trang mới")

    # the filter "flagged" shows only the flagged question
    q.filter.setCurrentIndex(2)
    assert [r.indicator.id for r in page2.visible_rows()] == ["records_pct"]
    q.filter.setCurrentIndex(0)

    # check tab: only a warning is left (evidence for the plan date); jump goes to it
    screen.tabs.setCurrentWidget(screen.check)
    check = screen.check
    assert check.model.errors() == 0
    assert check.finalise.isEnabled()
    warn = [i for i, p in enumerate(check.model.rows) if p.indicator_id == "plan_date"]
    assert warn
    check.table.doubleClicked.emit(check.model.index(warn[0], 2))
    assert screen.tabs.currentWidget() is q
    assert q.current_page().pillar.id == "dich_vu"

    # results tab shows total and band
    screen.tabs.setCurrentWidget(screen.results)
    assert "Tổng điểm" in screen.results.summary.text()
    assert screen.results.model.rowCount() > 0

    # finalise with confirmation
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    screen.tabs.setCurrentWidget(check)
    with qtbot.waitSignal(screen.finalised, timeout=5000):
        qtbot.mouseClick(check.finalise, Qt.LeftButton)

    data = ws.get(created.id).data
    assert data.status == FINALISED and data.content_hash
    a = data.answers
    assert a["staff"].value == 12 and a["computers"].value == 11 and a["lan"].value == "yes"
    assert a["pcs_lan"].value == 10 and a["internet_pct"].value == 100
    assert a["dvc_level"].value == "full" and sorted(a["channels"].value) == ["portal", "zalo"]
    assert a["plan_date"].value == "2025-03-15"
    assert a["website"].value == "https://donghoi.quangtri.gov.vn" and a["website"].comment == "Trang mới"
    assert a["records_pct"].na and a["records_pct"].flagged
    summary = ws.summary(created.id)
    assert summary.total == screen.state.result.total
    # locked: the editors are disabled
    assert not screen.questionnaire.current_page().rows["website"].editor.isEnabled()
    assert not check.finalise.isEnabled()


def test_finalise_refused_while_errors(qtbot, window, monkeypatch):
    created = _create_with_dialog(qtbot, window, monkeypatch)
    check = window.screen_.check
    window.screen_.tabs.setCurrentWidget(check)
    assert check.model.errors() > 0
    assert not check.finalise.isEnabled()
    assert window.workspace.summary(created.id).status == "draft"


def test_start_list_search_and_delete(qtbot, window, monkeypatch):
    created = _create_with_dialog(qtbot, window, monkeypatch)
    window.show_start()
    start = window.start
    assert start.proxy.rowCount() == 1
    type_text(start.search, "đồng hới")
    assert start.proxy.rowCount() == 1
    start.search.clear()
    qtbot.keyClicks(start.search, "ha noi")
    assert start.proxy.rowCount() == 0
    start.search.clear()
    start.select(created.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(start.buttons["delete"], Qt.LeftButton)
    assert start.model.rowCount() == 0
    assert window.workspace.list_assessments() == []


def test_language_switch_without_restart(qtbot, window, monkeypatch):
    _create_with_dialog(qtbot, window, monkeypatch)
    assert window.screen_.tabs.tabText(0) == "1. Trả lời câu hỏi"
    with qtbot.waitSignal(window.language_changed):
        window.switch_language("en")
    try:
        assert window.screen_ is not None  # the assessment stays open
        assert window.screen_.tabs.tabText(0) == "1. Answer the questions"
        assert window.act_home.text() == "Assessments"
        row = window.screen_.questionnaire.current_page().rows["staff"]
        assert "Number of staff" in row.title.text()
        from ui.settings import saved_language
        assert saved_language() == "en"
    finally:
        window.switch_language("vi")
    assert window.screen_.tabs.tabText(0) == "1. Trả lời câu hỏi"


def test_reports_made_in_the_background(qtbot, window, monkeypatch, tmp_path):
    """PDF, Excel and the e-mail draft, each from the real report engine via ui.tasks."""
    from PySide6.QtGui import QDesktopServices

    from ui.reports import make_report

    from ui.dialogs import draft_question

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(draft_question, "ask_about_draft", lambda *a: draft_question.EXPORT)  # a draft: made anyway
    _create_with_dialog(qtbot, window, monkeypatch)
    window.screen_.state.set_value("staff", 15)
    for kind, suffix, magic in (("pdf", ".pdf", b"%PDF"), ("excel", ".xlsx", b"PK"), ("email", ".eml", b"")):
        path = str(tmp_path / f"report{suffix}")
        with qtbot.waitSignal(window.report_saved, timeout=60000):
            make_report(window, window.workspace, window.screen_, kind, path)
        data = open(path, "rb").read()
        assert data.startswith(magic) and len(data) > 1000
        assert opened[-1] == path
    assert b"X-Unsent: 1" in open(tmp_path / "report.eml", "rb").read()


def test_evidence_revision_and_start_from_last_year(qtbot, window, monkeypatch, tmp_path):
    """Evidence with an attached file goes to the database; a finalised assessment reopens as a
    new revision; next year's assessment starts with last year's answers."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from ui.dialogs.evidence import EvidenceDialog

    created = _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    q = screen.questionnaire
    scan = tmp_path / "quyet-dinh-125.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned decision" * 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))

    def fill(dialog):
        type_text(dialog.number, "125/QĐ-UBND")
        qtbot.keyClicks(dialog.date, "15/03/2025")
        type_text(dialog.summary, "Kế hoạch ứng dụng CNTT năm 2025")
        dialog._attach()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EvidenceDialog, "exec", fill)
    q.jump_to("plan_date")
    row = q.current_page().rows["plan_date"]
    qtbot.mouseClick(row.evidence_button, Qt.LeftButton)
    assert row.evidence_button.text() == "Tài liệu (1)"
    stored = window.workspace.get(created.id).data.answers["plan_date"].evidence
    assert len(stored) == 1 and stored[0].number == "125/QĐ-UBND" and stored[0].date == "2025-03-15"
    assert stored[0].file_name == "quyet-dinh-125.pdf" and stored[0].size == scan.stat().st_size
    assert window.workspace.evidence_file(stored[0].sha256) is not None

    # answer everything needed, finalise through the service, then reopen as revision 2
    st = screen.state
    for iid, v in {"staff": 10, "computers": 9, "lan": "no", "internet_pct": 80, "dvc_level": "part",
                   "channels": ("portal",), "plan_date": "2025-03-15", "records_pct": 50}.items():
        st.set_value(iid, v)
    screen.flush()
    window.workspace.finalise(created.id)
    window.show_start()
    window.start.select(created.id)
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(window.start.buttons["revision"], Qt.LeftButton)
    rev = window.workspace.summary(window.screen_.assessment_id)
    assert rev.revision == 2 and rev.status == "draft"
    assert window.screen_.state.answer("staff").value == 10

    window.show_start()
    window.start.select(created.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2026", True))
    with qtbot.waitSignal(window.list_refreshed):
        qtbot.mouseClick(window.start.buttons["from_last_year"], Qt.LeftButton)
    new = window.workspace.summary(window.screen_.assessment_id)
    assert new.period == "2026" and new.status == "draft"
    assert window.screen_.state.answer("computers").value == 9
    assert window.screen_.results.previous is not None  # compared with the previous period


def test_the_check_page_shows_answers_given_while_it_was_hidden(qtbot, window, monkeypatch):
    """The check page shows the problems of the answers as they are when the officer opens it."""
    _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    tabs = screen.tabs
    check_index = next(i for i in range(tabs.count()) if tabs.widget(i) is screen.check)
    tabs.setCurrentIndex(check_index)
    before = screen.check.model.rowCount()
    assert before > 0  # required questions still unanswered
    tabs.setCurrentIndex(0)
    screen.state.set_value("staff", 15)
    screen.state.set_value("computers", 9)
    tabs.setCurrentIndex(check_index)
    assert 0 < screen.check.model.rowCount() < before
