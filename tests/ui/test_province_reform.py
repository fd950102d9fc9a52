"""The province page across the 2025 reform: the ranking of the new wards shows, marked and in
words, the previous ranks their predecessors give; the trend of a new ward draws its
predecessors' mean and lists them (Resolution 1656/NQ-UBTVQH15, Hà Nội)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from egov_desktop.exchange import assessment_file
from tests.core.exchange_samples import assessment, install_framework
from tests.core.test_province_reform import NEW, OLD   # the wards of Resolution 1656/NQ-UBTVQH15
from tests.ui.test_province import import_folder


def row_of(tab, name: str) -> int:
    return next(r for r in range(tab.proxy.rowCount()) if tab.proxy.row_object(r).agency_name == name)


@pytest.fixture
def page(qtbot, vi, tmp_path):
    from tests.ui.province_samples import opened_province_page
    from ui.tasks import wait_for_all

    install_framework()
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    for period, rows in (("2024", OLD), ("2025", NEW)):
        for code, name, dvc in rows:
            data = assessment(code, name, "01", period=period, dvc=dvc, parent_name="Thành phố Hà Nội")
            (inbox / f"{period}-{code}.egov.json").write_bytes(assessment_file.dumps(data))
    p = opened_province_page(qtbot, 1024, 700)
    p.inbox = inbox
    yield p
    wait_for_all()
    p.close_store()


def test_ranking_and_trend_of_new_wards_show_their_predecessors(qtbot, page, monkeypatch):
    report, _ = import_folder(qtbot, page, monkeypatch, page.inbox)
    assert report.counts()["imported"] == 7
    page.period.setCurrentIndex(page.period.findText("2025"))    # the reviewer chooses the period after the reform
    assert page.period_id() == "2025"
    rank = page.ranking
    page.tabs.setCurrentWidget(rank)
    rank.pending.setChecked(True)
    with qtbot.waitSignal(rank.ranked, timeout=10000):
        qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
    view = rank.table.model()
    headers = [" ".join(view.headerData(c, Qt.Horizontal).split()) for c in range(view.columnCount())]
    before, change = headers.index("Hạng kỳ trước"), headers.index("Thay đổi")
    row = row_of(rank, "Phường Ba Đình")
    assert (view.index(row, before).data(), view.index(row, change).data()) == ("3 *", "=")
    hk = row_of(rank, "Phường Hoàn Kiếm")
    assert (view.index(hk, before).data(), view.index(hk, change).data()) == ("2 *", "▲ 1")
    assert "Phường Trúc Bạch hạng 1/4" in view.index(row, before).data(Qt.ToolTipRole)
    assert "* Đơn vị hình thành từ ngày 01/7/2025" in rank.summary.text()
    assert rank.details.isHidden()
    rank.table.selectRow(row)                                    # the chosen ward, its predecessors in words
    assert rank.details.isVisible()
    assert rank.details.text().startswith("Phường Ba Đình: Gồm kết quả của các đơn vị trước sáp nhập (kỳ 2024): "
                                          "Phường Trúc Bạch hạng 1/4, 710; Phường Quán Thánh hạng 4/4, 470.")

    trend = page.trend
    page.tabs.setCurrentWidget(trend)
    labels = [trend.agency.itemText(i) for i in range(trend.agency.count())]
    # 00070: today's Phường Hoàn Kiếm, and the old Phường Hàng Trống followed until the reform
    assert "Phường Hoàn Kiếm (00070)" in labels and "Phường Hàng Trống (00070, trước 01/7/2025)" in labels
    trend.agency.setCurrentIndex(trend.agency.findData("now:00004"))
    with qtbot.waitSignal(trend.drawn, timeout=10000) as drawn:
        qtbot.mouseClick(trend.draw_button, Qt.LeftButton)
    ba_dinh = drawn.args[0][0]
    assert ba_dinh.points == (("2024", pytest.approx(0.59)), ("2025", pytest.approx(0.55)))
    assert ba_dinh.merged == {"2024"}
    assert "2024: trung bình của 2 đơn vị trước sáp nhập (Phường Quán Thánh 47 %; Phường Trúc Bạch 71 %)" in \
        trend.note.text()
    trend.agency.setCurrentIndex(trend.agency.findData("old:00070"))
    with qtbot.waitSignal(trend.drawn, timeout=10000) as drawn:
        qtbot.mouseClick(trend.draw_button, Qt.LeftButton)
    assert drawn.args[0][0].points == (("2024", pytest.approx(0.67)),) and "trước sáp nhập" not in trend.note.text()
