"""A long pillar: the first screen of questions is built at once, the rest just after, and every
row is there whenever anything asks for it; an answer redraws only the rows it changes."""
from PySide6.QtCore import Qt

INDICATORS = 25


def _long_framework(folder):
    lines = ["id: long-test", 'version: "1"', "title: Dài", "levels: [commune]", "pillars:",
             "  - id: p1", "    title: Nhóm dài", "    indicators:"]
    for i in range(INDICATORS):
        lines.append(f"      - {{id: q{i}, label: 'Câu hỏi số {i}', type: integer, min: 0, max: 100,"
                     f" scoring: {{rule: linear, target: 100, max_points: 1}}}}")
    lines.append("      - {id: share, label: Tỉ lệ, type: calculated, calculation: '${q0} / 100', decimals: 2}")
    (folder / "long.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _view(qtbot, isolated):
    folder = isolated / "frameworks"
    folder.mkdir(parents=True, exist_ok=True)
    _long_framework(folder)
    from egov_desktop.frameworks import registry
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    state = FormState(registry.get("long-test"), {})
    view = QuestionnaireView(state)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def test_the_rest_of_a_long_pillar_follows_and_rows_are_always_complete(qtbot, vi, _isolated_data_dir):
    view = _view(qtbot, _isolated_data_dir)
    page = view.current_page()
    assert 0 < len(page._built) < INDICATORS + 1            # the first screen only, so far
    qtbot.waitUntil(lambda: len(page._built) == INDICATORS + 1)
    assert page._rest.isVisible()
    assert [r.indicator.id for r in page.visible_rows()][-1] == "share"


def test_enter_reaches_questions_not_built_yet(qtbot, vi, _isolated_data_dir):
    view = _view(qtbot, _isolated_data_dir)
    page = view.current_page()
    first = page.FIRST_ROWS - 1
    row = page._built[f"q{first}"]
    row.editor.box.setFocus()
    assert row.editor.box.hasFocus()
    qtbot.keyClick(row.editor.box.lineEdit(), Qt.Key_Return)   # Enter goes to the next question
    assert page.rows[f"q{first + 1}"].editor.box.hasFocus()
    assert len(page._built) == INDICATORS + 1


def test_an_answer_redraws_only_the_rows_it_changes(qtbot, vi, _isolated_data_dir):
    view = _view(qtbot, _isolated_data_dir)
    page = view.current_page()
    rows = page.rows
    qtbot.waitUntil(lambda: page._rest.isVisible())
    touched = []
    for iid, row in rows.items():
        def recorded(value, iid=iid, show=row.editor.show_value):
            touched.append(iid)
            show(value)
        row.editor.show_value = recorded
    qtbot.keyClicks(rows["q0"].editor.box.lineEdit(), "50")
    assert "0,5" in rows["share"].editor.label.text()       # the calculated value follows
    assert set(touched) == {"share"}                        # q0 keeps what was typed; the others untouched
