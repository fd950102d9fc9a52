"""Keyboard first, as a commune officer works: Enter and Tab move forward and scroll, the end of a
group leads to the next, arrows choose, dialogs start where one types, Ctrl+Q and Ctrl+Tab."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from egov_desktop.domain import Agency, Respondent


def _open(qtbot, window, framework="xa-2025"):
    ws = window.workspace
    a = ws.create_assessment(framework, None, Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19"),
                             "2025", Respondent("Nguyễn Thị Hoa"))
    window.showNormal()
    window.resize(1024, 768 - 40 - 30)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_assessment(a.id)
    return a, window.screen_


def _settle():
    for _ in range(6):
        QApplication.processEvents()


def _on_screen(scroll, widget) -> bool:
    vp = scroll.viewport()
    top = widget.mapTo(vp, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= vp.height()


def _inputs(page):
    return [r for r in page.visible_rows() if r.indicator.is_input]


def test_enter_moves_to_the_next_question_scrolls_to_it_and_goes_on_to_the_next_group(qtbot, window):
    _, screen = _open(qtbot, window)
    q = screen.questionnaire
    fw = q.state.framework
    # the first group with more questions than a screen at 1024×768 holds
    for k, pillar in enumerate(fw.pillars[:-1]):
        page = q.open_pillar(pillar.id, focus=True)
        _settle()
        rows = _inputs(page)
        if not _on_screen(q.scroll, rows[-1]):
            break
    else:
        raise AssertionError("every group fits the screen")
    for i, row in enumerate(rows[1:], 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
        assert page.row_of(QApplication.focusWidget()) is row, i
        _settle()
        assert _on_screen(q.scroll, row), f"question {i + 1} is below the fold"
    # the end of the group: how it went, and the next one
    page.rows[rows[0].indicator.id].editor.show_value(None)
    assert page.next_button.isVisible() and page.next_button.text() == "Nhóm tiếp theo →"
    answered, questions = q.state.pillar_progress(pillar.id)
    assert page.summary.text().startswith(f"Nhóm {k + 1}: đã trả lời {answered}/{questions} câu")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    second = q.current_page()
    assert second.pillar.id == fw.pillars[k + 1].id
    assert second.row_of(QApplication.focusWidget()) is _inputs(second)[0]
    if k + 2 < len(fw.pillars):
        qtbot.mouseClick(second.next_button, Qt.LeftButton)
        assert q.current_page().pillar.id == fw.pillars[k + 2].id
    # past the last question of the last group: the check
    last = q.open_pillar(fw.pillars[-1].id)
    assert last.next_button.text() == "Kiểm tra và hoàn tất →"
    _inputs(last)[-1].focus_editor()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert screen.tabs.currentWidget() is screen.check


def test_tab_keeps_the_cursor_on_screen(qtbot, window):
    _, screen = _open(qtbot, window)
    q = screen.questionnaire
    page = q.open_pillar(q.state.framework.pillars[0].id, focus=True)
    _settle()
    inside = 0
    for _ in range(60):
        w = QApplication.focusWidget()
        assert w is not None
        qtbot.keyClick(w, Qt.Key_Tab)
        _settle()
        w = QApplication.focusWidget()
        if page.isAncestorOf(w):
            inside += 1
            assert _on_screen(q.scroll, w), w
    assert inside > 40


def test_arrow_keys_choose_and_the_first_choice_shows_the_focus(qtbot, window):
    _, screen = _open(qtbot, window, "mini-test")
    q = screen.questionnaire
    page = q.open_pillar("ha_tang")
    row = page.rows["lan"]  # yes / no, nothing chosen yet
    yes, no = row.editor.group.buttons()
    before = yes.grab().toImage()
    row.focus_editor()
    assert QApplication.focusWidget() is yes
    assert yes.grab().toImage() != before, "no focus mark on the first choice"
    qtbot.keyClick(yes, Qt.Key_Right)
    assert no.isChecked() and no.hasFocus() and q.state.answer("lan").value == "no"
    qtbot.keyClick(no, Qt.Key_Left)
    assert yes.isChecked() and q.state.answer("lan").value == "yes"
    qtbot.keyClick(yes, Qt.Key_Up)  # the first: stays
    assert yes.isChecked() and yes.hasFocus()


def test_the_dialogs_start_where_the_officer_types(qtbot, window):
    from ui.dialogs.evidence import EvidenceDialog
    from ui.dialogs.new_assessment import NewAssessmentDialog

    for dialog, field in ((NewAssessmentDialog(parent=window), "search"), (EvidenceDialog("Số máy tính", (), window), "number")):
        qtbot.addWidget(dialog)
        dialog.show()
        # the widget that has the cursor once the dialog is the active window
        assert dialog.focusWidget() is getattr(dialog, field), (type(dialog).__name__, dialog.focusWidget())
        dialog.done(QDialog.Rejected)


def test_ctrl_q_quits_after_saving_what_was_typed(qtbot, window):
    from tests.ui.conftest import type_text

    a, screen = _open(qtbot, window, "mini-test")
    page = screen.questionnaire.open_pillar("ha_tang")
    box = page.rows["staff"].editor.box
    box.setFocus()
    type_text(box, "24")
    qtbot.keyClick(box, Qt.Key_Q, Qt.ControlModifier)
    assert not window.isVisible()
    assert window.workspace.get(a.id).data.answers["staff"].value == 24


def test_ctrl_tab_leaves_the_check_table_and_moves_between_the_tabs(qtbot, window):
    _, screen = _open(qtbot, window, "mini-test")
    screen.tabs.setCurrentWidget(screen.check)
    screen.check.table.setFocus()
    qtbot.keyClick(screen.check.table, Qt.Key_Tab, Qt.ControlModifier)
    assert screen.tabs.currentWidget() is screen.results
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert screen.tabs.currentWidget() is screen.check and screen.check.table.hasFocus()
    qtbot.keyClick(screen.check.table, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert screen.tabs.currentWidget() is screen.questionnaire



def test_the_check_and_results_tabs_are_made_when_first_shown_and_work_as_before(qtbot, window):
    """Opening builds only the questionnaire (the hidden tabs cost 15-20 ms for nothing); the
    officer clicking «2. Kiểm tra» gets the check, filled, and «3. Kết quả» the results."""
    _, screen = _open(qtbot, window)
    assert screen._check is None and screen._results is None
    assert screen.questionnaire.current_page() is not None and screen.tabs.currentIndex() == 0
    bar = screen.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(1).center())
    assert screen._check is not None and screen.tabs.currentWidget() is screen.check
    assert screen.tabs.tabText(1) == "2. Kiểm tra và hoàn tất" and screen.check.isVisible()
    assert screen.check.model.rowCount() > 0  # the unanswered required questions, listed
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(2).center())
    assert screen.tabs.currentWidget() is screen.results and screen.results.isVisible()
    assert screen.results.table.model().rowCount() > 0
    assert [screen.tabs.tabText(i) for i in range(3)] == [
        "1. Trả lời câu hỏi", "2. Kiểm tra và hoàn tất", "3. Kết quả"]
