"""What the officer types and what the form says back (issue 10): dates typed as dd/mm/yyyy,
nothing changed silently, no alarm before the officer has done anything, flags in the check,
stable question numbers, a zero denominator said as such, one number format, help with F1."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from egov_desktop.domain import Agency

from .conftest import type_text

RED = "#b00020"


@pytest.fixture
def screen(qtbot, window):
    """A fresh mini-test assessment open in the window, which has the keyboard focus."""
    a = window.workspace.create_assessment("mini-test", None, Agency("Xã Quảng Ninh", "commune", "19999"), "2025")
    window.activateWindow()
    window.open_assessment(a.id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window.screen_


def _row(screen, iid):
    return screen.questionnaire.jump_to(iid)


def _stored(window, screen, iid):
    screen.flush()
    return window.workspace.get(screen.assessment_id).data.answers.get(iid)


def _clear(qtbot, edit):
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key_Backspace)


# ------------------------------------------------------------------ 1. dates
def test_a_typed_date_is_stored_exactly_with_or_without_slashes(qtbot, window, screen):
    row = _row(screen, "plan_date")
    edit = row.editor.edit
    assert edit.text() == "" and edit.placeholderText() == "ngày/tháng/năm"
    qtbot.keyClicks(edit, "31012026")
    assert screen.state.answer("plan_date").value == "2026-01-31"
    qtbot.keyClick(edit, Qt.Key_Return)                   # leaving shows it the usual way
    assert edit.text() == "31/01/2026"
    assert _stored(window, screen, "plan_date").value == "2026-01-31"

    row = _row(screen, "plan_date")
    edit = row.editor.edit
    _clear(qtbot, edit)
    assert screen.state.answer("plan_date").value is None  # empty is "no answer", explicitly
    qtbot.keyClick(edit, Qt.Key_Up)                       # the key that used to make 01/01/1900
    assert edit.text() == "" and screen.state.answer("plan_date").value is None
    qtbot.keyClicks(edit, "15/01/2026")
    assert _stored(window, screen, "plan_date").value == "2026-01-15"
    assert row.editor.refusal == "" and "không có" not in row.message.text()

    qtbot.mouseClick(row.editor.clear_button, Qt.LeftButton)  # the ✕: back to "no answer"
    assert edit.text() == "" and _stored(window, screen, "plan_date").value is None


@pytest.mark.parametrize("typed, why", [
    ("31/02/2026", "tháng 2/2026 không có ngày 31"),
    ("31022026", "tháng 2/2026 không có ngày 31"),
    ("32/13/2026", "tháng phải từ 1 đến 12"),
])
def test_a_date_that_does_not_exist_is_refused_in_red_beside_the_field(qtbot, screen, typed, why):
    row = _row(screen, "plan_date")
    qtbot.keyClicks(row.editor.edit, typed)
    assert row.message.isVisible()
    text = row.message.text()
    assert why in text and "không có" in text and "dạng" not in text  # not "wrong format"
    assert RED in text
    assert row.editor.edit.text() == typed                 # what was typed stays to be corrected
    assert screen.state.answer("plan_date").value is None  # and nothing was stored
    row.editor.edit.selectAll()
    qtbot.keyClicks(row.editor.edit, "28/02/2026")
    assert row.editor.refusal == "" and "không có" not in row.message.text()
    assert screen.state.answer("plan_date").value == "2026-02-28"


def test_the_calendar_opens_at_today_or_the_answer_in_the_programs_language(qtbot, screen):
    editor = _row(screen, "plan_date").editor
    editor.open_calendar()
    cal = editor.calendar
    today = dt.date.today()
    assert cal.isVisible()
    assert (cal.yearShown(), cal.monthShown()) == (today.year, today.month)
    assert cal.locale().language() == QLocale.Vietnamese  # not the system's language
    assert cal.firstDayOfWeek() == Qt.Monday
    cal.clicked.emit(QDate(2026, 3, 5))                    # the officer clicks 5 March
    assert not cal.isVisible()
    assert editor.edit.text() == "05/03/2026" and screen.state.answer("plan_date").value == "2026-03-05"
    editor.open_calendar()
    assert (editor.calendar.yearShown(), editor.calendar.monthShown()) == (2026, 3)
    editor.calendar.hide()


def test_the_calendar_speaks_english_in_english(qtbot, screen):
    from egov_desktop.i18n import set_language
    set_language("en")
    try:
        editor = _row(screen, "plan_date").editor
        editor.open_calendar()
        assert editor.calendar.locale().language() == QLocale.English
        editor.calendar.hide()
    finally:
        set_language("vi")


def test_help_beside_a_date_says_day_month_year_on_screen_and_on_paper():
    from egov_desktop.frameworks import registry
    from egov_desktop.reports.questionnaire import BlankQuestionnaire
    from scoring.model import DATE

    for fw_id in ("xa-2025", "so-nganh-2025", "huyen-2020"):
        fw = registry.get(fw_id)
        dates = [ind for ind in fw.indicators.values() if ind.type == DATE]
        assert dates
        for ind in dates:
            assert "năm-tháng-ngày" not in ind.help.vi and "year-month-day" not in ind.help.en
            paper = BlankQuestionnaire(fw, "vi").hint(ind)
            assert "năm-tháng-ngày" not in paper and "..../..../" in paper
    assert "ngày/tháng/năm" in registry.get("xa-2025").indicator("annual_plan_date").help.vi


# ------------------------------------------------------------------ 2. nothing silently changed
def test_a_decimal_in_a_whole_number_question_is_refused_not_made_125(qtbot, window, screen):
    row = _row(screen, "staff")
    line = row.editor.box.lineEdit()
    qtbot.keyClicks(line, "12,5")
    assert line.text() == "12,5"                            # the comma was not swallowed
    assert row.message.isVisible() and RED in row.message.text()
    assert "số nguyên" in row.message.text()
    assert screen.state.answer("staff").value is None        # not 125, not 12.5
    qtbot.keyClick(line, Qt.Key_Return)                      # leaving keeps the text and the refusal
    assert line.text() == "12,5" and "số nguyên" in row.message.text()
    stored = _stored(window, screen, "staff")
    assert stored is None or stored.value is None
    row = _row(screen, "staff")
    line = row.editor.box.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "1.000")                           # thousands, the Vietnamese way
    assert screen.state.answer("staff").value == 1000 and not row.message.isVisible()


def test_decimals_with_comma_or_point_are_read_as_written_never_guessed(qtbot, screen):
    row = _row(screen, "records_pct")
    line = row.editor.box.lineEdit()
    qtbot.keyClicks(line, "12,5")
    assert screen.state.answer("records_pct").value == 12.5
    line.selectAll()
    qtbot.keyClicks(line, "12.5")                            # the English way: still 12.5, shown 12,5
    assert screen.state.answer("records_pct").value == 12.5
    qtbot.keyClick(line, Qt.Key_Return)
    assert line.text() == "12,5"
    row = _row(screen, "records_pct")
    line = row.editor.box.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "1,234.5")                         # mixed up: refused, not 1,2345
    qtbot.keyClick(line, Qt.Key_Return)
    assert screen.state.answer("records_pct").value is None
    assert "Không đọc được «1,234.5»" in row.message.text() and RED in row.message.text()


@settings(max_examples=300, deadline=None)
@given(x=st.one_of(st.integers(-10**9, 10**9), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 4))),
       lang=st.sampled_from(["vi", "en"]))
def test_a_number_written_by_the_program_reads_back_the_same(x, lang):
    from ui.formatting import fmt_number, parse_number
    assert parse_number(fmt_number(x, 6, lang), lang) == pytest.approx(x, abs=1e-9)


def test_phone_and_email_are_refused_beside_their_fields(qtbot, window, monkeypatch):
    from ui.dialogs.new_assessment import NewAssessmentDialog

    dialog = NewAssessmentDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.agency_name, "UBND xã Quảng Ninh")
    qtbot.keyClicks(dialog.phone, "abc")
    qtbot.keyClicks(dialog.email, "hoa.quangninh.gov.vn")
    assert dialog.result_value() is None
    phone_error = dialog.field_errors[dialog.phone]
    assert phone_error.isVisible() and "Số điện thoại" in phone_error.text()
    assert "#b00020" in phone_error.styleSheet()
    # right under its own field, in the same box, not at the bottom of the dialog
    assert phone_error.parentWidget() is dialog.phone.parentWidget()
    assert phone_error.geometry().top() >= dialog.phone.geometry().bottom()
    assert dialog.focusWidget() is dialog.phone or not dialog.isActiveWindow()
    dialog.phone.clear()
    type_text(dialog.phone, "0232 3822 123")
    assert dialog.result_value() is None                       # now the e-mail
    assert not phone_error.isVisible()
    email_error = dialog.field_errors[dialog.email]
    assert email_error.isVisible() and "thư điện tử" in email_error.text()
    assert email_error.parentWidget() is dialog.email.parentWidget()
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "hoa@quangninh.gov.vn")
    value = dialog.result_value()
    assert value is not None and value.respondent.phone == "0232 3822 123"


# ------------------------------------------------------------------ 3. no alarm before anything is done
def test_required_messages_wait_until_the_question_is_left_or_checked(qtbot, screen):
    q = screen.questionnaire
    page = q.current_page()
    rows = page.rows
    shown = [r for r in rows.values() if r._message is not None and r.message.isVisible()]
    assert shown == []                                         # no red "Chưa trả lời" from the first second
    assert "lỗi" not in q.nav.item(0).text() and "lỗi" not in q.nav.item(1).text()
    staff = rows["staff"].editor.box
    assert QApplication.focusWidget() is staff
    qtbot.keyClick(staff.lineEdit(), Qt.Key_Return)            # left without an answer
    assert rows["staff"].message.isVisible() and "Chưa trả lời (bắt buộc)" in rows["staff"].message.text()
    assert "1 lỗi" in q.nav.item(0).text()
    assert not (rows["computers"]._message and rows["computers"].message.isVisible())
    screen.tabs.setCurrentWidget(screen.check)                 # the officer runs the check
    screen.tabs.setCurrentWidget(q)
    assert rows["computers"].message.isVisible() and "Chưa trả lời" in rows["computers"].message.text()
    assert "lỗi" in q.nav.item(1).text()


def test_no_band_is_given_before_any_answer(qtbot, screen):
    panel = screen.questionnaire.score
    assert "Yếu" not in panel.band.text() and "chưa đủ dữ liệu" in panel.band.text()
    screen.tabs.setCurrentWidget(screen.results)
    assert "Yếu" not in screen.results.summary.text()
    screen.tabs.setCurrentWidget(screen.questionnaire)
    row = _row(screen, "lan")
    qtbot.mouseClick(row.editor.group.buttons()[1], Qt.LeftButton)  # "Không"
    assert "Xếp loại: Yếu" == panel.band.text()


# ------------------------------------------------------------------ 4. flags
def test_flags_are_listed_in_the_check_and_mentioned_before_finalising(qtbot, window, screen, monkeypatch):
    st_ = screen.state
    for iid, v in {"staff": 10, "computers": 9, "lan": "no", "internet_pct": 80, "dvc_level": "part",
                   "channels": ("portal",), "plan_date": "2025-03-15", "records_pct": 50}.items():
        st_.set_value(iid, v)
    row = _row(screen, "records_pct")
    qtbot.mouseClick(row.flag, Qt.LeftButton)
    screen.tabs.setCurrentWidget(screen.check)
    check = screen.check
    flagged = [i for i, p in enumerate(check.model.rows) if p.level == "flag"]
    assert [check.model.rows[i].indicator_id for i in flagged] == ["records_pct"]
    assert check.model.data(check.model.index(flagged[0], 0)) == "Đánh dấu"
    assert check.model.data(check.model.index(flagged[0], 1)) == "2.5"
    assert "1 câu đánh dấu ⚑" in check.summary.text()
    assert check.model.errors() == 0 and check.finalise.isEnabled()  # a flag does not block
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.No)
    qtbot.mouseClick(check.finalise, Qt.LeftButton)
    assert asked and "1 câu đánh dấu ⚑" in asked[0] and "báo cáo gửi Sở" in asked[0]
    check.table.activated.emit(check.model.index(flagged[0], 2))     # and it jumps to the question
    assert screen.questionnaire.current_page().pillar.id == "dich_vu"


# ------------------------------------------------------------------ 5. numbering
def test_conditional_questions_leave_no_gap_and_counts_do_not_jump(qtbot, screen):
    q = screen.questionnaire
    page = q.current_page()
    rows = page.rows

    def numbers():
        return [r.title.text().split("</b>")[0].removeprefix("<b>") for r in page.visible_rows()]

    assert numbers() == ["1.1.", "1.2.", "1.3.", "1.4.", "1.5."]   # "if yes" hidden: no gap
    assert "0/4" in q.nav.item(0).text()
    qtbot.mouseClick(rows["lan"].editor.group.buttons()[0], Qt.LeftButton)  # "Có"
    assert numbers() == ["1.1.", "1.2.", "1.3.", "1.4.", "1.4.1.", "1.5."]
    assert "0/4" in q.nav.item(0).text()                         # LAN is not done until "how many"
    qtbot.keyClicks(rows["pcs_lan"].editor.box.lineEdit(), "0")
    assert "1/4" in q.nav.item(0).text()
    qtbot.mouseClick(rows["lan"].editor.group.buttons()[1], Qt.LeftButton)  # "Không"
    assert "1/4" in q.nav.item(0).text() and numbers()[-1] == "1.5."


def test_the_paper_questionnaire_numbers_as_the_screen_does(mini_framework):
    from egov_desktop.reports.questionnaire import render_questionnaire
    from scoring.numbering import question_numbers

    numbers = question_numbers(mini_framework)
    assert numbers["pcs_lan"] == "1.4.1" and numbers["internet_pct"] == "1.5"
    assert render_questionnaire(mini_framework)[:4] == b"%PDF"


# ------------------------------------------------------------------ 6. zero denominator
def test_a_ratio_over_zero_says_so_rather_than_ask_for_answers(qtbot, screen):
    rows = screen.questionnaire.current_page().rows
    label = rows["pc_ratio"].editor.label
    assert "cần trả lời các câu liên quan" in label.text()
    qtbot.keyClicks(rows["computers"].editor.box.lineEdit(), "5")
    assert "cần trả lời các câu liên quan" in label.text()     # the staff is still missing
    qtbot.keyClicks(rows["staff"].editor.box.lineEdit(), "0")
    assert "mẫu số bằng 0" in label.text() and "cần trả lời" not in label.text()
    rows["staff"].editor.box.lineEdit().selectAll()
    qtbot.keyClicks(rows["staff"].editor.box.lineEdit(), "4")
    assert "1,25" in label.text()


# ------------------------------------------------------------------ 7. one number format
def test_numbers_are_written_one_way_beside_the_field_and_in_its_messages(qtbot, screen):
    from egov_desktop.i18n import set_language
    from ui.widgets.score_panel import total_text

    row = _row(screen, "staff")
    hint = [w.text() for w in row.editor.findChildren(type(row.title)) if w.objectName() == "hint"][0]
    assert hint == "(1 – 10.000)"
    qtbot.keyClicks(row.editor.box.lineEdit(), "20000")
    assert "Không được lớn hơn 10.000 người" in row.message.text()   # not "10000 người"
    screen.state.set_value("staff", 7)
    screen.state.set_value("computers", 6)
    total = total_text(screen.state.framework, screen.state.result)
    assert "," in total and total.split(" ")[0].split(",")[1].__len__() <= 2
    set_language("en")
    try:
        from scoring.validation import check_range
        msg = check_range(screen.state.framework.indicator("staff"), 20000)
        assert "10,000" in msg.en and "10.000" in msg.vi
    finally:
        set_language("vi")


# ------------------------------------------------------------------ 8. help at the question; progress title
def test_f1_opens_the_help_of_the_current_question(qtbot, window, screen, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ui.form.question_help import QuestionHelpDialog
    from ui.help import GuideDialog

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail("handed to another program"))
    staff = screen.questionnaire.current_page().rows["staff"].editor.box
    assert QApplication.focusWidget() is staff
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F1)
    dialogs = window.findChildren(QuestionHelpDialog)
    assert len(dialogs) == 1 and not window.findChildren(GuideDialog)
    text = dialogs[0].text.toPlainText()
    assert "Tính cả cán bộ không chuyên trách." in text and "Nghị định 33/2023/NĐ-CP" in text
    assert dialogs[0].text.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff
    dialogs[0].reject()


def test_the_toolbar_s_guide_and_f1_outside_a_question_open_the_guide(qtbot, window, screen, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ui.form.question_help import QuestionHelpDialog
    from ui.help import GuideDialog

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: pytest.fail("handed to another program"))
    assert QApplication.focusWidget() is screen.questionnaire.current_page().rows["staff"].editor.box
    window.act_help.trigger()  # "Hướng dẫn" on the toolbar, a question having the keyboard
    assert len(window.findChildren(GuideDialog)) == 1 and not window.findChildren(QuestionHelpDialog)
    window.show_start()
    window.start.table.setFocus()
    qtbot.keyClick(window.start.table, Qt.Key_F1)
    assert len(window.findChildren(GuideDialog)) == 2 and not window.findChildren(QuestionHelpDialog)


def test_the_progress_dialog_is_wide_enough_for_its_title(qtbot, window):
    import threading

    from ui.tasks import run_with_progress

    title = "Đang nhập 1.234 tệp đánh giá nhận từ các xã, phường trong tỉnh"
    release = threading.Event()
    task = run_with_progress(window, title, lambda ctx: release.wait(10))
    try:
        dialog = task.dialog
        assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(title) + 100
    finally:
        with qtbot.waitSignal(task.finished, timeout=10000):
            release.set()


@settings(max_examples=300, deadline=None)
@given(x=st.floats(allow_nan=False, allow_infinity=False), decimals=st.integers(0, 6), lang=st.sampled_from(["vi", "en"]))
def test_any_number_is_written_without_a_crash_and_groups_by_three(x, decimals, lang):
    from scoring.numbers import format_number
    text = format_number(x, lang, decimals)
    group, point = (".", ",") if lang == "vi" else (",", ".")
    whole = text.lstrip("-").split(point)[0]
    assert all(len(part) == 3 for part in whole.split(group)[1:]) and 1 <= len(whole.split(group)[0]) <= 3


def test_the_cli_writes_numbers_in_the_programs_language(capsys, vi):
    """750.95 in a Vietnamese program was the third way of writing numbers."""
    from pathlib import Path

    from egov_desktop.cli import main

    example = Path(__file__).resolve().parents[2] / "examples" / "dti-tinh-2022.egov.json"
    main(["score", str(example)])
    assert "Tổng: 0,8002 (800,18 / 1.000 điểm)" in capsys.readouterr().out  # 800.175 rounded half up
    main(["--lang", "en", "score", str(example)])
    assert "Total: 0.8002 (800.18 / 1,000 points)" in capsys.readouterr().out


def test_a_wrong_evidence_date_is_said_under_the_date_field(qtbot):
    from ui.dialogs.evidence import EvidenceDialog

    dialog = EvidenceDialog("Ngày ban hành kế hoạch", ())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.number, "125/QĐ-UBND")
    qtbot.keyClicks(dialog.date, "30/02/2025")
    dialog._add()
    assert dialog.items == []
    assert dialog.date_error.isVisible() and "không có ngày 30" in dialog.date_error.text()
    assert dialog.date_error.parentWidget() is dialog.date.parentWidget()  # beside its field
    dialog.date.selectAll()
    qtbot.keyClicks(dialog.date, "28022025")
    assert not dialog.date_error.isVisible()
    dialog._add()
    assert [e.date for e in dialog.items] == ["2025-02-28"]
