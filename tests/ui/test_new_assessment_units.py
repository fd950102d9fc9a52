"""The new-assessment dialog picks the unit from the list of the period: before 1 July 2025 the
63 provinces, districts and 10,035 communes; since then today's list."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from .conftest import type_text


def _dialog(qtbot):
    from ui.dialogs.new_assessment import NewAssessmentDialog

    d = NewAssessmentDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def _choose_period(qtbot, d, period):
    d.period.selectAll()
    qtbot.keyClicks(d.period, period)


def test_a_2024_assessment_picks_its_commune_from_the_old_list(qtbot, vi, tmp_path):
    d = _dialog(qtbot)
    d.level.setCurrentIndex(d.level.findData("commune"))
    _choose_period(qtbot, d, "2024")
    assert "trước ngày 01/7/2025" in d.unit_list.text()
    qtbot.keyClicks(d.search, "hang trong")
    assert d.results.count() >= 1
    first = d.results.item(0).text()
    assert first == "Phường Hàng Trống, Quận Hoàn Kiếm, Thành phố Hà Nội"   # a unit gone since July 2025
    qtbot.mouseClick(d.results.viewport(), Qt.LeftButton, pos=d.results.visualItemRect(d.results.item(0)).center())
    assert d.agency_name.text() == "Phường Hàng Trống"
    assert d.province.currentText() == "Thành phố Hà Nội"
    assert d.province.count() == 64          # the 63 provinces of that time and the blank choice
    type_text(d.name, "Nguyễn Văn A")
    qtbot.mouseClick(d.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    value = d.result_value()
    assert (value.agency.name, value.agency.code, value.agency.parent_code, value.period) == \
        ("Phường Hàng Trống", "00070", "01", "2024")

    from egov_desktop.services import Workspace
    from egov_desktop.storage.models import AssessmentRow
    with Workspace(tmp_path / "data") as ws:
        a = ws.create_assessment(value.framework_id, value.framework_version, value.agency, value.period,
                                 value.respondent)
        assert (a.agency_name, a.agency_code) == ("Phường Hàng Trống", "00070")
        with ws._reading() as s:   # the agency is kept as one of the old organisation
            assert s.get(AssessmentRow, a.id).agency.historical


def test_todays_list_for_a_later_period_and_the_pick_let_go_when_the_list_changes(qtbot, vi):
    d = _dialog(qtbot)
    d.level.setCurrentIndex(d.level.findData("commune"))
    _choose_period(qtbot, d, "2025")
    assert "từ ngày 01/7/2025" in d.unit_list.text()
    qtbot.keyClicks(d.search, "hang trong")
    assert d.results.count() == 0
    d.search.clear()
    qtbot.keyClicks(d.search, "hoan kiem")
    assert d.results.item(0).text() == "Phường Hoàn Kiếm, Thành phố Hà Nội"
    assert d.agency_name.text() == "Phường Hoàn Kiếm"
    assert d.province.count() == 35
    _choose_period(qtbot, d, "2024")           # the other list: Hoàn Kiếm ward did not exist yet
    assert d.agency_name.text() == ""
    assert "chọn lại" in d.field_errors[d.agency_name].message()
    assert d.search.text() == "hoan kiem"      # the search runs again in the old list
    assert all("Quận Hoàn Kiếm" in d.results.item(i).text() for i in range(d.results.count()))


def test_districts_can_be_picked_only_before_the_reform(qtbot, vi):
    d = _dialog(qtbot)
    d.level.setCurrentIndex(d.level.findData("district"))
    _choose_period(qtbot, d, "2026")
    assert not d.search.isEnabled()
    _choose_period(qtbot, d, "2023")
    assert d.search.isEnabled()
    qtbot.keyClicks(d.search, "bo trach")
    assert d.results.item(0).text() == "Huyện Bố Trạch, Tỉnh Quảng Bình"
    assert d.agency_name.text() == "Huyện Bố Trạch" and d.province.currentText() == "Tỉnh Quảng Bình"
