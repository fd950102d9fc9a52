"""The built-in xa-un-egdi-2022 set walks through in the form engine at 1024×768 like any other:
the portal checks are answered by clicking, the LOSI share and the per-100 rates follow."""
from egov_desktop.frameworks import registry

FID = "xa-un-egdi-2022"


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

    page = view.open_pillar("losi_tham_gia")
    items = [i.id for i in fw.pillar("losi_tham_gia").indicators if i.type == "yes_no"]
    for n, iid in enumerate(items):
        yes, no = page.rows[iid].editor.group.buttons()[:2]
        assert yes.text() == "Có" and no.text() == "Không"
        (no if iid == "pe_e_voting" else yes).click()
        assert saved[-1] == (iid, "no" if iid == "pe_e_voting" else "yes")
    qtbot.waitUntil(lambda: "0,9412" in page.rows["losi_share"].editor.label.text())   # 16 / 17
    assert page.rows["pe_social"].indicator.help.vi                     # the help says how to verify

    page = view.open_pillar("tii")
    qtbot.keyClicks(page.rows["population"].editor.box.lineEdit(), "10000")
    qtbot.keyClicks(page.rows["mobile_subs"].editor.box.lineEdit(), "13000")
    qtbot.waitUntil(lambda: "130" in page.rows["mobile_per100"].editor.label.text())
    assert ("population", 10000) in saved and ("mobile_subs", 13000) in saved

    page = view.open_pillar("hci")
    qtbot.keyClicks(page.rows["adult_literacy"].editor.box.lineEdit(), "97,5")
    qtbot.waitUntil(lambda: ("adult_literacy", 97.5) in saved)

    for p in fw.pillars:                                                  # every page has all its rows
        assert list(view.open_pillar(p.id).rows) == [i.id for i in p.indicators]
