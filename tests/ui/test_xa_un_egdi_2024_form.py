"""The built-in xa-un-egdi-2024 set (95 LOSI 2024 checks in six criteria) walks through in the
form engine at 1024×768 like any other: each criterion counts its "yes" answers, and the LOSI
share on the last criterion's page follows."""
from egov_desktop.frameworks import registry

FID = "xa-un-egdi-2024"


def _view(qtbot, saved):
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    state = FormState(registry.get(FID), {}, save=lambda iid, old, new: saved.append((iid, new.value if new else None)))
    view = QuestionnaireView(state)
    qtbot.addWidget(view)
    view.resize(1024, 768)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def test_the_set_walks_through_at_1024x768(qtbot, vi):
    saved = []
    view = _view(qtbot, saved)
    fw = registry.get(FID)

    page = view.open_pillar("losi_the_che")
    items = [i.id for i in fw.pillar("losi_the_che").indicators if i.type == "yes_no"]
    assert len(items) == 6
    for iid in items:
        yes, no = page.rows[iid].editor.group.buttons()[:2]
        assert yes.text() == "Có" and no.text() == "Không"
        (no if iid in ("if_right_to_info", "if_open_data_policy") else yes).click()
        assert saved[-1][0] == iid
    assert ("if_org_chart", "yes") in saved and ("if_right_to_info", "no") in saved
    qtbot.waitUntil(lambda: page.rows["losi_n_the_che"].editor.label.text() == "= 4")
    assert "42/2022" in page.rows["if_org_chart"].indicator.basis.vi      # the Vietnamese rule it meets

    page = view.open_pillar("losi_cong_nghe")
    qtbot.waitUntil(lambda: "0,0421" in page.rows["losi_share"].editor.label.text())   # 4 / 95
    yes = page.rows["te_helpdesk"].editor.group.buttons()[0]
    yes.click()
    qtbot.waitUntil(lambda: "0,0526" in page.rows["losi_share"].editor.label.text())   # 5 / 95

    for p in fw.pillars:                                                  # every page has all its rows
        assert list(view.open_pillar(p.id).rows) == [i.id for i in p.indicators]
