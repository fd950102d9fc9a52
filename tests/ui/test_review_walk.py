"""The province's review walked through as the two officers do it, through their windows and
buttons: the agency finalises and exports its report; the Sở imports it, appraises three
indicators, returns it with a note; the agency (its own window, its own data) opens the note,
sees each remark beside its question, corrects two answers and sends revision 2; the Sở sees
what changed (the LAN's appraisal, left as it was, carried; the two corrected to appraise again),
accepts, ranks on final scores and publishes.

With EGOV_WALK_SHOTS=<folder> (under Xvfb at 1024×768, QT_QPA_PLATFORM=xcb) the steps are
saved as screenshots of the screen."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from tests.core.exchange_samples import assessment, install_framework, report_pdf
from tests.ui.conftest import type_text
from tests.ui.test_province import choose, row_of

NOTE = "Đề nghị Phường rà soát lại số liệu hạ tầng và cổng thông tin, sửa các câu có nhận xét rồi gửi lại."
REMARKS = {"computers": "Biên bản kiểm kê chỉ có 9 máy tính",
           "lan": "Mạng LAN mới nối một phần các phòng",
           "portal": "Phường đã có cổng thông tin điện tử từ năm 2023"}
WARD = "Phường Đồng Hới"
OTHER = "Xã Nam Gianh"   # a second commune, accepted as it came, to rank against


def _shot(widget, name: str) -> None:
    """The screen as the user sees it, when asked for (EGOV_WALK_SHOTS, a real X display)."""
    folder = os.environ.get("EGOV_WALK_SHOTS")
    if not folder or QApplication.platformName() != "xcb":
        return
    widget.window().raise_()
    widget.window().activateWindow()
    for _ in range(5):
        QApplication.processEvents()
    subprocess.run(["import", "-window", "root", str(Path(folder) / name)], check=True)


def _inside_viewport(widget, scroll) -> bool:
    QApplication.processEvents()
    top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
    return scroll.viewport().rect().contains(QRect(top_left, widget.size()))


def _button(parent, text: str) -> QPushButton:
    [b] = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    return b


def _finalise_and_export(qtbot, w, monkeypatch, out: Path) -> None:
    """«Kiểm tra» → «Hoàn tất» (Yes), then «Báo cáo PDF…» saved as `out`."""
    screen = w.screen_
    screen.tabs.setCurrentWidget(screen.check)
    with qtbot.waitSignal(screen.finalised, timeout=15000):
        qtbot.mouseClick(screen.check.finalise, Qt.LeftButton)
    choose(monkeypatch, "getSaveFileName", (str(out), ""))
    with qtbot.waitSignal(w.report_saved, timeout=30000) as saved:
        qtbot.mouseClick(_button(screen, "Báo cáo PDF…"), Qt.LeftButton)
    assert saved.args[0] == str(out) and out.stat().st_size > 0


def _province_import(qtbot, page, monkeypatch, paths) -> object:
    choose(monkeypatch, "getOpenFileNames", ([str(p) for p in paths], ""))
    page.tabs.setCurrentWidget(page.importing)
    with qtbot.waitSignal(page.loaded, timeout=30000):   # the import, then the fresh submissions
        with qtbot.waitSignal(page.importing.imported, timeout=30000) as imported:
            qtbot.mouseClick(page.importing.files_button, Qt.LeftButton)
    return imported.args[0]


def _open_answers(qtbot, page, name: str):
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    subs.table.selectRow(row_of(subs.table, name))
    with qtbot.waitSignal(subs.answers_opened, timeout=15000) as opened:
        qtbot.mouseClick(subs.open_button, Qt.LeftButton)
    dialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def _accept(qtbot, page, name: str) -> None:
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    subs.table.selectRow(row_of(subs.table, name))
    with qtbot.waitSignal(page.loaded, timeout=15000):
        with qtbot.waitSignal(subs.reviewed, timeout=15000) as reviewed:
            qtbot.mouseClick(subs.accept_button, Qt.LeftButton)
    assert reviewed.args[0].status == "accepted"


def test_the_whole_review_as_the_agency_and_the_province_do_it(qtbot, vi, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.exchange import return_note
    from egov_desktop.province import appraisal
    from ui.app import create_window
    from ui.province.page import ProvincePage
    from ui.tasks import wait_for_all

    fw = install_framework()
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)   # no PDF viewer in a test
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes))
    mail = tmp_path / "thu-dien-tu"   # what goes between the two offices
    mail.mkdir()

    # ---------------------------------------------------------------- the agency: its report
    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.list_refreshed, timeout=15000):
        w.show()
    w.resize(1024, 768)
    w.move(0, 0)
    ws = w.workspace
    # the first assessment typed in (its GUI walk is test_questionnaire_flow): 560 points
    # (computers 12 of 20 staff: 120, LAN 200, 60 % online: 240, no portal)
    a = ws.create_assessment(fw.id, fw.version, Agency(WARD, "commune", "19723", "Tỉnh Quảng Trị", "44"), "2025",
                             Respondent("Nguyễn Thị Hoa"))
    for iid, value in dict(staff=20, computers=12, lan="yes", dvc_pct=60, portal="no").items():
        ws.set_answer(a.id, iid, value)
    w.refresh_list(a.id)
    qtbot.mouseClick(w.start.buttons["open"], Qt.LeftButton)
    assert w.screen_.assessment_id == a.id
    first = mail / "bao-cao-lan-1.pdf"
    _finalise_and_export(qtbot, w, monkeypatch, first)

    # ---------------------------------------------------------------- the province: its own data
    so = tmp_path / "So KH&CN"
    so.mkdir()
    (mail / "nam-gianh.pdf").write_bytes(report_pdf(assessment("19093", OTHER, dvc=75)))   # 650 points
    page = ProvincePage()
    qtbot.addWidget(page)
    page.resize(1024, 740)
    page.move(0, 0)
    page.show()
    page.url.setText(f"sqlite:///{(so / 'tong-hop.sqlite').as_posix()}")
    with qtbot.waitSignal(page.loaded, timeout=15000):
        qtbot.mouseClick(page.connect_button, Qt.LeftButton)
    assert page.store.url.endswith("tong-hop.sqlite")
    type_text(page.authority, "Sở Khoa học và Công nghệ tỉnh Quảng Trị")
    report = _province_import(qtbot, page, monkeypatch, [first, mail / "nam-gianh.pdf"])
    assert report.counts()["imported"] == 2 and not report.of("refused")
    _accept(qtbot, page, OTHER)

    # appraise three indicators beside their questions and save
    dialog = _open_answers(qtbot, page, WARD)
    q = dialog.questionnaire
    q.open_pillar("dich_vu")   # a group's questions (and their appraisal boxes) are built when opened
    q.open_pillar("ha_tang")
    boxes = dialog.boxes
    assert "tự đánh giá: 560" in dialog.totals.text()
    dialog.reviewer.clear()
    type_text(dialog.reviewer, "Trần Thẩm Định")
    type_text(boxes["computers"].value, "9")
    type_text(boxes["computers"].remark, REMARKS["computers"])
    type_text(boxes["lan"].points, "100")
    type_text(boxes["lan"].remark, REMARKS["lan"])
    q.open_pillar("dich_vu")
    type_text(boxes["portal"].points, "200")
    type_text(boxes["portal"].remark, REMARKS["portal"])
    with qtbot.waitSignal(dialog.appraisal_saved, timeout=15000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    sheet = saved.args[0]
    # final: 90 + 100 + 240 + 200 = 630, against the agency's 560
    assert (round(sheet.self_total_scaled), round(sheet.final_total_scaled)) == (560, 630)
    assert "cuối cùng: 630" in dialog.totals.text() and "3 chỉ tiêu đã thẩm định" in dialog.totals.text()
    _shot(dialog, "1-appraisal.png")
    dialog.close()

    # «Trả lại và lập phiếu»: the note PDF written with the three remarks, then the status
    subs = page.submissions
    subs.table.selectRow(row_of(subs.table, WARD))
    qtbot.mouseClick(subs.return_button, Qt.LeftButton)
    rd = subs.return_dialog
    qtbot.waitUntil(lambda: rd.remarks.isVisible(), timeout=10000)   # the remarks read in the background
    assert "3 nhận xét theo câu hỏi" in rd.remarks.text()
    type_text(rd.note, NOTE)
    rd.signer.clear()
    type_text(rd.signer, "Lê Văn Tâm")
    _shot(rd, "2-return-dialog.png")
    note_pdf = mail / "tra-lai.pdf"
    choose(monkeypatch, "getSaveFileName", (str(note_pdf), ""))
    with qtbot.waitSignal(subs.note_saved, timeout=20000):
        with qtbot.waitSignal(subs.reviewed, timeout=20000) as reviewed:
            qtbot.mouseClick(rd.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert reviewed.args[0].status == "returned"
    sent_note = return_note.read(note_pdf)
    assert sent_note.remarks == REMARKS and sent_note.note == NOTE
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(note_pdf).pages).split())
    assert all(r in text for r in REMARKS.values()) and WARD in text

    # ---------------------------------------------------------------- the agency opens the note
    w.act_home.trigger()   # the toolbar's «Danh sách đánh giá»
    choose(monkeypatch, "getOpenFileNames", ([str(note_pdf)], ""))
    with qtbot.waitSignal(w.note_opened, timeout=20000):
        qtbot.mouseClick(w.start.buttons["import"], Qt.LeftButton)
    screen = w.screen_
    assert screen.assessment_id == a.id and screen.record.data.status == "returned"
    q = screen.questionnaire
    panel = q.remarks_panel
    assert panel.isVisible() and "3 câu có nhận xét" in panel.heading.text()
    assert panel.note.isVisible() and panel.note.toPlainText() == NOTE
    combo = panel.questions
    assert [combo.itemData(i) for i in range(1, combo.count())] == ["computers", "lan", "portal"]
    combo.setFocus()
    for iid in ["computers", "lan", "portal"]:   # each chosen from the list by the keyboard: its band on screen
        QTest.keyClick(combo, Qt.Key_Down)
        assert combo.currentData() == iid
        band = q.current_page().rows[iid].remark_band
        assert band.isVisible() and REMARKS[iid] in band.text()
        assert _inside_viewport(band, q.scroll), f"the remark on {iid} must be on screen at 1024×768"
        if iid == "computers":
            _shot(w, "3-agency-remarks.png")

    # «Sửa và gửi lại…»: two answers corrected (the LAN remark not taken), finalised, exported
    qtbot.mouseClick(screen.revise_button, Qt.LeftButton)
    draft = w.screen_
    assert draft.record.data.revision == 2 and not draft.state.read_only
    row = draft.questionnaire.jump_to("computers")
    box = row.editor.box.lineEdit()
    box.selectAll()
    qtbot.keyClicks(box, "9")
    row = draft.questionnaire.jump_to("portal")
    qtbot.mouseClick(row.editor.group.buttons()[0], Qt.LeftButton)   # «Có»
    _shot(w, "4-agency-revision.png")
    second = mail / "bao-cao-lan-2.pdf"
    _finalise_and_export(qtbot, w, monkeypatch, second)
    answers = ws.get(draft.assessment_id).data.answers
    assert (answers["computers"].value, answers["portal"].value, answers["lan"].value) == (9, "yes", "yes")

    # ---------------------------------------------------------------- the province: revision 2
    report = _province_import(qtbot, page, monkeypatch, [second])
    assert [i.outcome for i in report.items] == ["replaced"]
    dialog = _open_answers(qtbot, page, WARD)
    view = dialog.tabs.currentWidget()
    assert view is dialog.changes and dialog.tabs.tabText(0) == "Thay đổi so với lần trả lại"
    model = view.table.model()
    shown = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())}
    changed = {n for n, cells in shown.items() if cells[4] != "không sửa"}
    assert changed == {"1.2", "2.2"}                                    # exactly the two answers changed
    assert shown["1.2"][2:4] == ["12", "9"] and shown["2.2"][2:4] == ["Không", "Có"]
    assert shown["1.3"][4] == "không sửa" and shown["1.3"][7] == "CHƯA SỬA"   # remarked, left as it was
    assert "2 câu thay đổi" in view.summary.text() and "2 đã sửa, 1 chưa sửa" in view.summary.text()
    # 1.3 (the LAN) was left as it was: its appraisal (100, with the remark) carried to revision 2
    assert shown["1.3"][5] == "100"
    assert (shown["1.3"][8], shown["1.2"][8], shown["2.2"][8]) == ("chuyển từ lần 1", "thẩm định lại", "thẩm định lại")
    assert (view.changes.carried, view.changes.appraise_again) == (("lan",), ("computers", "portal"))
    said = view.appraisal_note.text()
    assert view.appraisal_note.isVisible() and "Chuyển sang lần 2 vì cơ quan không sửa: câu 1.3." in said
    assert "Cần thẩm định lại vì cơ quan đã sửa: câu 1.2, 2.2." in said
    # revision 2's final: computers 9 of 20 → 90, the LAN's carried 100, 240, the portal now yes 200
    fresh = dialog.sheet
    assert fresh.revision == 2 and (round(fresh.self_total_scaled), round(fresh.final_total_scaled)) == (730, 630)
    lan = fresh.line("lan").appraisal
    assert (lan.points, lan.remark, lan.reviewer, lan.carried_from) == (100, REMARKS["lan"], "Trần Thẩm Định", 1)
    assert [(e.indicator_id, e.action) for e in fresh.log] == [("lan", "carried")]
    assert appraisal.remarks(page.store, fresh.submission_id) == {"lan": REMARKS["lan"]}
    q = dialog.questionnaire
    q.open_pillar("dich_vu")
    q.open_pillar("ha_tang")
    boxes = dialog.boxes
    assert (boxes["lan"].points.text(), boxes["lan"].remark.text()) == ("100", REMARKS["lan"])
    assert "Chuyển từ lần 1 (cơ quan không sửa câu này): Trần Thẩm Định" in boxes["lan"].final.text()
    assert boxes["lan"].previous.isHidden() and not boxes["computers"].previous.isHidden()
    for iid in ("computers", "portal"):   # changed: unappraised, the old appraisal shown beside it
        assert not boxes[iid].points.text() and not boxes[iid].value.text() and not boxes[iid].remark.text()
    assert boxes["computers"].previous.text() == f"Lần trước: giá trị 9 — {REMARKS['computers']}"
    assert boxes["portal"].previous.text() == f"Lần trước: 200 điểm — {REMARKS['portal']}"
    assert "cuối cùng: 630" in dialog.totals.text()
    dialog.tabs.setCurrentWidget(q)
    q.jump_to("computers")
    _shot(dialog, "5b-carried-appraisal.png")
    dialog.tabs.setCurrentWidget(dialog.changes)
    _shot(dialog, "5-revision-changes.png")
    dialog.close()
    _accept(qtbot, page, WARD)

    # ranking: final scores of the accepted ones, revision 2 at 630 with the LAN's appraisal carried (not its own 730)
    rank = page.ranking
    page.tabs.setCurrentWidget(rank)
    with qtbot.waitSignal(rank.ranked, timeout=15000) as ranked:
        qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
    rows = ranked.args[0].rows
    assert [(r.agency_name, r.rank, round(r.value_scaled)) for r in rows] == [(OTHER, 1, 650), (WARD, 2, 630)]
    view = rank.table.model()
    assert [[view.index(r, c).data() for c in (0, 1, 3)] for r in range(view.rowCount())] == \
        [["1", OTHER, "650"], ["2", WARD, "630"]]
    _shot(rank, "6-ranking.png")

    # publish: the workbook and the PDF written, read back
    out = tmp_path / "cong-bo"
    out.mkdir()
    for kind in ("xlsx", "pdf"):
        choose(monkeypatch, "getSaveFileName", (str(out / f"xep-hang.{kind}"), ""))
        with qtbot.waitSignal(rank.published, timeout=30000) as published:
            qtbot.mouseClick(rank.publish_buttons[kind], Qt.LeftButton)
        assert published.args[0] == str(out / f"xep-hang.{kind}")
    cells = [[c.value for c in row] for row in load_workbook(out / "xep-hang.xlsx").active.iter_rows()]
    [ward_row] = [r for r in cells if WARD in r]
    assert ward_row[0] == 2 and 630 in ward_row
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out / "xep-hang.pdf").pages).split())
    assert f"2 {WARD}" in text and "630" in text and OTHER in text
    # revision 2 carries an appraisal: the basis says the province's appraisal too
    assert "gửi về và kết quả thẩm định, Sở Khoa học và Công nghệ tỉnh Quảng Trị thông báo" in text

    page.close()
    wait_for_all()
    page.close_store()
    w.close()
    wait_for_all()
