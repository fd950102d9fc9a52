"""The built-in xa-un-egdi-2022 and xa-un-egdi-2024 sets walk through in the form engine at
1024×768 like any other: the portal checks are answered by clicking, the LOSI share (and in the
2024 set each criterion's count) and the per-100 rates follow."""
from egov_desktop.frameworks import registry

FID = "xa-un-egdi-2022"


def _view(qtbot, saved, fid=FID):
    from ui.form.questionnaire import QuestionnaireView
    from ui.form.state import FormState

    state = FormState(registry.get(fid), {}, save=lambda iid, old, new: saved.append((iid, new.value if new else None)))
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


def test_the_2024_set_walks_through_at_1024x768(qtbot, vi):
    saved = []
    view = _view(qtbot, saved, "xa-un-egdi-2024")
    fw = registry.get("xa-un-egdi-2024")

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


def test_the_province_page_ranks_the_communes_relatively_with_the_components(qtbot, vi):
    """The example table imported, the ranking page shows OSI, TII, HCI and says the index is relative."""
    from pathlib import Path

    from PySide6.QtCore import Qt

    from egov_desktop.province.store import open_store
    from egov_desktop.province.table_import import import_table
    from tests.ui.province_samples import opened_province_page
    from ui.tasks import wait_for_all

    table = Path(__file__).resolve().parents[2] / "examples" / f"{FID}-quang-tri.csv"
    store = open_store()
    assert import_table(store, table, FID).written
    store.close()
    page = opened_province_page(qtbot, 1024, 768)
    try:
        page.framework.setCurrentIndex(page.framework.findData(FID))
        page.period.setCurrentIndex(page.period.findText("2024"))
        rank = page.ranking
        page.tabs.setCurrentWidget(rank)
        rank.method.setCurrentIndex(rank.method.findData("relative"))
        rank.pending.setChecked(True)  # the table's rows are not reviewed yet
        with qtbot.waitSignal(rank.ranked, timeout=10000) as ranked:
            qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
        r = ranked.args[0]
        assert len(r.rows) == 12 and r.previous_period == "2023"
        view = rank.table.model()
        headers = [view.headerData(c, Qt.Horizontal) for c in range(view.columnCount())]
        assert any(h.startswith("OSI") for h in headers) and any(h.startswith("TII") for h in headers)
        assert any(h.startswith("HCI") for h in headers)
        assert "nhóm thay đổi" in rank.summary.text()
    finally:
        wait_for_all()
        page.close_store()
