"""The reviewer appraises a submission in the answers dialog: three indicators typed beside
their questions, saved through the background task; self, appraised and final scores on the
page; the ranking on final scores; a second reviewer's earlier save refused with who and when,
nothing typed lost; a wrong number refused at its question; the dialog fits 1024×768."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import type_text
from tests.ui.test_province import import_folder, inbox, page, row_of  # noqa: F401 - fixtures
from tests.ui.test_screen_size import SMALLEST


def _open(qtbot, page, name):
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    subs.table.selectRow(row_of(subs.table, name))
    with qtbot.waitSignal(subs.answers_opened, timeout=15000) as opened:
        qtbot.mouseClick(subs.open_button, Qt.LeftButton)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    dialog.questionnaire.open_pillar("dich_vu")   # its questions (and their appraisal) are built when opened
    dialog.questionnaire.open_pillar("ha_tang")
    return dialog


def _save(qtbot, dialog, signal):
    with qtbot.waitSignal(signal, timeout=15000) as got:
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    return got.args[0]


def test_appraise_three_indicators_then_the_final_total_and_the_ranking(qtbot, page, inbox, monkeypatch):
    from egov_desktop.province import appraisal
    from egov_desktop.province.appraisal import AppraisalInput

    import_folder(qtbot, page, monkeypatch, inbox)
    # Phường Đồng Sơn scored itself 590 (computers 15 of 20 staff: 150, LAN 200, 60 % online: 240, no portal)
    dialog = _open(qtbot, page, "Phường Đồng Sơn")
    need = dialog.minimumSizeHint()
    assert need.width() <= SMALLEST.width() and need.height() <= SMALLEST.height(), need
    boxes = dialog.boxes
    assert set(boxes) == {"computers", "lan", "dvc_pct", "portal"}
    assert "tự đánh giá 150 / 200" in boxes["computers"].own.text()
    assert "tự đánh giá: 590" in dialog.totals.text()
    dialog.reviewer.clear()
    type_text(dialog.reviewer, "Trần Thẩm Định")
    type_text(boxes["computers"].value, "10")
    type_text(boxes["computers"].remark, "Biên bản kiểm kê chỉ có 10 máy")
    type_text(boxes["dvc_pct"].points, "300")
    type_text(boxes["portal"].points, "200")
    type_text(boxes["portal"].remark, "Cổng đã hoạt động")
    sheet = _save(qtbot, dialog, dialog.appraisal_saved)
    # final: (100 + 200) + (300 + 200) = 800, scored again by the engine
    assert round(sheet.final_total_scaled) == 800 and round(sheet.self_total_scaled) == 590
    assert "cuối cùng: 800" in dialog.totals.text() and "3 chỉ tiêu đã thẩm định" in dialog.totals.text()
    assert "Thẩm định: 100; cuối cùng: 100 / 200" in boxes["computers"].final.text()
    rows = {r.name.strip(): r for r in dialog.score_sheet.model.rows}
    assert (rows["Dịch vụ công trực tuyến"].own, round(rows["Dịch vụ công trực tuyến"].final)) == (240, 500)
    assert rows["Tổng điểm"].appraised == sheet.final_total_scaled
    assert appraisal.remarks(page.store, sheet.submission_id)["portal"] == "Cổng đã hoạt động"
    log = dialog.score_sheet.log_model
    assert log.rowCount() == 3 and {log.index(r, 1).data() for r in range(3)} == {"Trần Thẩm Định"}

    # a second reviewer saved meanwhile: this one's save is refused, what was typed stays
    appraisal.save(page.store, sheet.submission_id, [AppraisalInput("lan", points=100, remark="Chỉ một phần")],
                   "Lê Thị Hai", sheet.version)
    boxes["dvc_pct"].points.clear()
    type_text(boxes["dvc_pct"].points, "320")
    refused = _save(qtbot, dialog, dialog.appraisal_failed)
    assert "Lê Thị Hai" in refused and "tải lại" in refused.lower()
    assert boxes["dvc_pct"].points.text() == "320"
    with qtbot.waitSignal(dialog.appraisal_reloaded, timeout=15000):
        qtbot.mouseClick(dialog.reload_button, Qt.LeftButton)
    assert boxes["dvc_pct"].points.text() == "320" and boxes["lan"].points.text() == "100"
    # a wrong number is refused at its question, nothing saved
    boxes["portal"].points.clear()
    type_text(boxes["portal"].points, "250")
    refused = _save(qtbot, dialog, dialog.appraisal_failed)
    assert "portal: Điểm thẩm định phải từ 0 đến 200 (đã ghi 250)" in refused and not boxes["portal"].message.isHidden()
    boxes["portal"].points.clear()
    type_text(boxes["portal"].points, "200")
    sheet = _save(qtbot, dialog, dialog.appraisal_saved)
    # (100 + 100) + (320 + 200) = 720
    assert round(sheet.final_total_scaled) == 720
    dialog.close()

    # the ranking uses the final score
    subs = page.submissions
    subs.table.selectRow(row_of(subs.table, "Phường Đồng Sơn"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        with qtbot.waitSignal(subs.reviewed):
            qtbot.mouseClick(subs.accept_button, Qt.LeftButton)
    rank = page.ranking
    page.tabs.setCurrentWidget(rank)
    with qtbot.waitSignal(rank.ranked, timeout=10000) as ranked:
        qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
    [row] = [r for r in ranked.args[0].rows if r.agency_name == "Phường Đồng Sơn"]
    assert round(row.value_scaled) == 720
    view = rank.table.model()
    shown = {view.index(r, 1).data(): view.index(r, 3).data() for r in range(view.rowCount())}
    assert shown["Phường Đồng Sơn"] == "720"
