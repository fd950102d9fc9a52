"""Table models without views, the background task helper, locale formatting, and the form
engine rendering every indicator type of every built-in framework."""
import pytest
from PySide6.QtCore import Qt

from egov_desktop.domain import Answer
from egov_desktop.frameworks import registry
from egov_desktop.services.types import AssessmentSummary
from scoring import Text


def _summary(i, name, parent, period, total, completeness, status="draft", updated="2025-08-01T10:00:00"):
    return AssessmentSummary(i, f"u{i}", name, "commune", "", parent, period, "xa-2025", "2025.2", status, 1,
                             completeness, total, None if total is None else total * 1000,
                             Text("Khá", "Fair") if total else None, 0, "2025-08-01", updated, "", False)


def test_assessment_model_and_proxy_without_view(vi):
    from ui.models.assessments import (
        COL_AGENCY, COL_COMPLETE, COL_SCORE, COL_STATUS, AssessmentFilterProxy, AssessmentTableModel,
    )

    m = AssessmentTableModel()
    m.set_rows([_summary(1, "Phường Đồng Hới", "Quảng Trị", "2025", 0.7234, 0.5),
                _summary(2, "Xã Quảng Ninh", "Quảng Trị", "2024", None, 0.0, "finalised"),
                _summary(3, "Phường Hoàn Kiếm", "Hà Nội", "2025", 0.81, 1.0)])
    assert m.rowCount() == 3 and m.columnCount() == 8
    assert m.data(m.index(0, COL_AGENCY)) == "Phường Đồng Hới, Quảng Trị"
    assert m.data(m.index(0, COL_SCORE)) == "723,4"          # Vietnamese decimal comma
    assert m.data(m.index(1, COL_SCORE)) == "—"
    assert m.data(m.index(0, COL_COMPLETE)) == "50 %"
    assert m.data(m.index(1, COL_STATUS)) == "Đã hoàn tất"
    p = AssessmentFilterProxy()
    p.setSourceModel(m)
    p.set_search("dong hoi")
    assert p.rowCount() == 1
    p.set_search("Quảng Trị 2024")
    assert p.rowCount() == 1
    p.set_search("")
    p.sort(COL_SCORE, Qt.DescendingOrder)
    order = [p.data(p.index(r, COL_AGENCY)) for r in range(3)]
    assert order[0].startswith("Phường Hoàn Kiếm") and order[2].startswith("Xã Quảng Ninh")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_list_columns_are_as_wide_as_qt_would_size_them_to_their_contents(qtbot, lang):
    """StartPage._fit_columns measures the texts itself (ResizeToContents asked the model for
    each cell's size, role by role): every column as Qt would size it, whatever the texts."""
    from PySide6.QtWidgets import QHeaderView

    from egov_desktop.i18n import language, set_language
    from ui.models.assessments import COL_AGENCY
    from ui.pages.start import StartPage

    before = language()
    set_language(lang)
    try:
        page = StartPage()
        qtbot.addWidget(page)
        page.resize(1366, 600)
        page.show()
        page.set_rows([_summary(1, "Phường Đồng Hới", "Quảng Trị", "2025", 0.7234, 0.5),
                       _summary(2, "Xã Quảng Ninh", "Quảng Trị", "2024", None, 0.0, "finalised"),
                       _summary(3, "Đặc khu Cồn Cỏ", "Quảng Trị", "2025", 0.81, 1.0, "returned",
                                updated="2025-12-31T23:59:00")])
        header = page.table.horizontalHeader()
        fitted = [header.sectionSize(c) for c in range(header.count()) if c != COL_AGENCY]
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(COL_AGENCY, QHeaderView.Stretch)
        qt_sized = [header.sectionSize(c) for c in range(header.count()) if c != COL_AGENCY]
        assert all(f >= q for f, q in zip(fitted, qt_sized)) and sum(fitted) - sum(qt_sized) <= 2 * len(fitted), \
            (fitted, qt_sized)
    finally:
        set_language(before)


def test_results_and_problem_models(mini_framework, vi):
    from scoring import score, validate
    from ui.models.problems import ProblemModel
    from ui.models.results import COL_GAP, COL_POINTS, COL_VALUE, IndicatorResultModel

    fw = mini_framework
    answers = {"staff": 10, "computers": 9, "lan": "no", "internet_pct": 50, "records_pct": 40}
    m = IndicatorResultModel()
    m.set_result(fw, score(fw, answers))
    ids = [r[1] for r in m.rows]
    assert "pcs_lan" not in ids  # skipped by skip logic
    row = ids.index("internet_pct")
    assert m.data(m.index(row, COL_VALUE)) == "50"
    assert m.data(m.index(row, COL_POINTS)) == "5"
    assert m.data(m.index(row, COL_GAP)) == "50"
    row = ids.index("pc_ratio")
    assert m.data(m.index(row, COL_VALUE)) == "0,9 máy tính / cán bộ"
    pm = ProblemModel()
    pm.set_problems(fw, validate(fw, answers, {}))
    assert pm.errors() == sum(1 for r in pm.rows if r.level == "error") > 0
    assert pm.rows[0].level == "error"


def test_formatting_follows_the_language():
    from ui.formatting import fmt_date, fmt_number, parse_date, parse_number

    assert fmt_number(1234.5, 1, "vi") == "1.234,5"
    assert fmt_number(1234.5, 1, "en") == "1,234.5"
    assert fmt_number(-0.25, 2, "vi") == "-0,25"
    assert parse_number("1.234,5", "vi") == 1234.5
    assert parse_number("1,5", "vi") == 1.5
    assert parse_number("1,234.5", "en") == 1234.5
    assert parse_number("abc", "vi") is None and parse_number("", "vi") is None
    assert fmt_date("2025-03-15") == "15/03/2025"
    assert parse_date("15/03/2025") == "2025-03-15" and parse_date("31/02/2025") is None


def test_task_reports_progress_result_and_cancel(qtbot):
    from ui.tasks import Cancelled, Task

    seen = []

    def work(ctx):
        for i in range(3):
            ctx.progress(i, 3, f"step {i}")
        return 42

    t = Task(work)
    t.progress.connect(lambda d, n, msg: seen.append(d))
    with qtbot.waitSignal(t.succeeded, timeout=5000) as got:
        t.start()
    assert got.args == [42] and seen == [0, 1, 2]

    def failing(ctx):
        raise ValueError("bad file")

    t2 = Task(failing)
    with qtbot.waitSignal(t2.failed, timeout=5000) as got:
        t2.start()
    assert isinstance(got.args[0], ValueError)

    import threading
    release = threading.Event()

    def slow(ctx):
        release.wait(5)
        ctx.check()
        return "not reached"

    t3 = Task(slow)
    with qtbot.waitSignal(t3.failed, timeout=5000) as got:
        t3.start()
        t3.cancel()
        release.set()
    assert isinstance(got.args[0], Cancelled)


def _frameworks():
    return [info.id for info in registry.list() if info.builtin]


@pytest.mark.parametrize("framework_id", _frameworks() or ["mini-test"])
def test_form_engine_renders_every_indicator_type(qtbot, mini_framework, vi, framework_id):
    from scoring.model import CALCULATED, INDICATOR_TYPES
    from ui.form.editors import CalculatedView, ChoiceEditor, DateEditor, MultipleEditor, NumberEditor, TextEditor
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    expected = {"integer": NumberEditor, "number": NumberEditor, "percent": NumberEditor, "yes_no": ChoiceEditor,
                "choice": ChoiceEditor, "multiple": MultipleEditor, "date": DateEditor, "text": TextEditor,
                "calculated": CalculatedView}
    assert set(expected) == set(INDICATOR_TYPES)
    fw = registry.get(framework_id)
    saved = []
    state = FormState(fw, {}, save=lambda iid, old, new: saved.append((iid, new)))
    view = QuestionnaireView(state)
    qtbot.addWidget(view)
    seen_types = set()
    for p in fw.pillars:
        page = view.open_pillar(p.id)
        assert len(page.rows) == len(p.indicators)
        for ind in p.indicators:
            row = page.rows[ind.id]
            assert isinstance(row.editor, expected[ind.type])
            seen_types.add(ind.type)
            if ind.type in ("yes_no", "choice") and row.editor.group is not None:
                row.editor.group.buttons()[0].click()
                assert saved[-1][0] == ind.id
            if ind.type == CALCULATED:
                assert row.editor.label.text().startswith("=")
    if framework_id == "mini-test":
        assert seen_types == set(INDICATOR_TYPES)


def test_form_state_saves_each_change_and_rescores(mini_framework):
    from ui.form.state import FormState

    saved = []
    st = FormState(mini_framework, {"staff": Answer(10)}, save=lambda iid, old, new: saved.append((iid, old, new)))
    before = st.result.total
    st.set_value("computers", 10)
    assert saved[-1][0] == "computers" and saved[-1][2].value == 10
    assert st.result.total != before
    assert st.value("pc_ratio") == 1
    st.set_value("computers", 10)  # no change: nothing saved
    assert len(saved) == 1
    st.set_na("records_pct", True)
    assert st.answer("records_pct").na and st.is_answered("records_pct")


def test_the_form_and_the_results_use_the_target_of_the_assessments_period(qtbot):
    from egov_desktop.domain import Answer
    from scoring import build_framework
    from ui.form.state import FormState

    fw = build_framework({"id": "t", "version": "1", "title": "T", "pillars": [{"id": "p", "title": "P", "indicators": [
        {"id": "online", "label": "Hồ sơ công việc trên mạng (%)", "type": "percent",
         "scoring": {"rule": "ratio", "max_points": 10},
         "targets": [{"value": 75, "year": 2022}, {"value": 60, "year": 2025}]}]}]})
    st = FormState(fw, {"online": Answer(65)}, period="2025")
    s = st.result.indicators["online"]
    assert (s.target, s.target_met) == (60, True)  # a commune at 65 % in 2025 meets its target
    assert FormState(fw, {"online": Answer(65)}, period="2022").result.indicators["online"].target_met is False
