"""The province mode as a reviewer uses it: from a folder of received report PDFs, through the
import report, review, the roster and the ranking, to the published PDF and workbook."""
from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from tests.ui.conftest import type_text
from tests.ui.province_samples import COMMUNES, make_inbox, opened_province_page


@pytest.fixture
def inbox(tmp_path):
    return make_inbox(tmp_path / "hop-thu")


@pytest.fixture
def page(qtbot, vi, inbox):
    from ui.tasks import wait_for_all

    p = opened_province_page(qtbot, 1300, 800)
    yield p
    wait_for_all()
    p.close_store()


def choose(monkeypatch, name: str, answer) -> None:
    """The next file dialog of this kind answers as the user would have chosen."""
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: answer))


def import_folder(qtbot, page, monkeypatch, folder):
    choose(monkeypatch, "getExistingDirectory", str(folder))
    tab = page.importing
    seen = []
    with qtbot.waitSignal(page.loaded, timeout=30000):  # the import, then the fresh submissions
        with qtbot.waitSignal(tab.imported, timeout=30000) as imported:
            qtbot.mouseClick(tab.folder_button, Qt.LeftButton)
            tab.task.progress.connect(lambda done, total, msg: seen.append((done, total, msg)))
    return imported.args[0], seen


def row_of(view, text: str) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if any(model.index(r, c).data() == text for c in range(model.columnCount())):
            return r
    raise AssertionError(f"{text!r} not in the table")


def test_from_a_folder_of_pdfs_to_a_published_ranking(qtbot, page, inbox, monkeypatch, tmp_path):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    # import the folder: progress through the background task, then the report by outcome
    report, progress = import_folder(qtbot, page, monkeypatch, inbox)
    assert progress and progress[-1][0] == progress[-1][1] == 13
    assert report.counts() == {"imported": 8, "replaced": 1, "duplicate": 1, "outdated": 0, "conflict": 1,
                               "refused": 2}
    tree = page.importing.tree
    groups = {tree.topLevelItem(i).data(0, Qt.UserRole): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert set(groups) == {"imported", "replaced", "duplicate", "conflict", "refused"}
    assert groups["refused"].text(0) == "Bị từ chối (2)"
    refused = {groups["refused"].child(i).text(0): groups["refused"].child(i).text(2)
               for i in range(groups["refused"].childCount())}
    assert "bị sửa" in refused["2025-sua-tay.egov.json"] and "Loại tệp" in refused["ghi-chu.docx"]
    assert groups["replaced"].child(0).text(0) == "2025-A-lan2.pdf"
    assert groups["conflict"].child(0).text(1) == "Xã Nam Gianh"
    saved = tmp_path / "bao-cao-nhap.csv"
    choose(monkeypatch, "getSaveFileName", (str(saved), ""))
    with qtbot.waitSignal(page.importing.report_saved):
        qtbot.mouseClick(page.importing.save_button, Qt.LeftButton)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Kết quả", "Tệp", "Cơ quan", "Lý do", "Ký số"] and len(rows) == 14
    assert any(r[1] == "2025-sua-tay.egov.json" and "bị sửa" in r[3] for r in rows)

    # the latest period is chosen; search without diacritics
    assert page.framework_id() == "xa-thu" and page.period_id() == "2025"
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)
    assert subs.proxy.rowCount() == 4
    type_text(subs.search, "dong hoi")
    assert subs.proxy.rowCount() == 1 and subs.proxy.row_object(0).agency_name == "Phường Đồng Hới"
    subs.search.clear()

    # accept one
    subs.table.selectRow(row_of(subs.table, "Phường Đồng Hới"))
    with qtbot.waitSignal(page.loaded, timeout=10000):
        with qtbot.waitSignal(subs.reviewed) as reviewed:
            qtbot.mouseClick(subs.accept_button, Qt.LeftButton)
    assert reviewed.args[0].status == "accepted"
    assert subs.table.model().index(row_of(subs.table, "Phường Đồng Hới"), 7).data() == "Đã chấp nhận"

    # return one with a note: the status changes and the letter is written
    subs.table.selectRow(row_of(subs.table, "Phường Đồng Thuận"))
    qtbot.mouseClick(subs.return_button, Qt.LeftButton)
    dialog = subs.return_dialog
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled()  # no note, no return
    type_text(dialog.note, "Số máy tính không khớp với biên bản kiểm kê")
    dialog.signer.setText("Trần Văn Bình")
    note_pdf = tmp_path / "tra-lai.pdf"
    choose(monkeypatch, "getSaveFileName", (str(note_pdf), ""))
    with qtbot.waitSignal(subs.note_saved, timeout=20000):
        qtbot.mouseClick(ok, Qt.LeftButton)
    text = "".join(p.extract_text() for p in PdfReader(note_pdf).pages)
    assert "Số máy tính không khớp" in text and "Phường Đồng Thuận" in text
    qtbot.waitUntil(lambda: subs.table.model().rowCount() == 4
                    and subs.table.model().index(row_of(subs.table, "Phường Đồng Thuận"), 7).data() == "Trả lại để sửa")

    # the agency's answers, read-only
    subs.table.selectRow(row_of(subs.table, "Phường Đồng Sơn"))
    with qtbot.waitSignal(subs.answers_opened) as opened:
        qtbot.mouseClick(subs.open_button, Qt.LeftButton)
    answers = opened.args[0]
    assert answers.state.read_only and answers.state.answer("computers").value == 15
    answers.state.set_value("computers", 99)  # as a keystroke would: nothing changes
    assert answers.state.answer("computers").value == 15
    answers.close()

    # completeness against the communes of the province (the official unit list)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    assert roster.province.currentData() == "44"  # the province the submissions belong to
    with qtbot.waitSignal(roster.completeness_shown, timeout=10000) as shown:
        qtbot.mouseClick(roster.units_button, Qt.LeftButton)
    counts = shown.args[0]
    assert counts["accepted"] == 1 and counts["returned"] == 1 and counts["submitted"] == 2
    assert counts["missing"] == len(roster.lines) - 4 > 50
    roster.state.setCurrentIndex(roster.state.findData("returned"))
    assert roster.model.rowCount() == 1 and roster.model.rows[0].expected.code == COMMUNES["B"][0]

    # ranking: only what was accepted, unless the pending ones are asked for; a returned one never
    rank = page.ranking
    page.tabs.setCurrentWidget(rank)
    with qtbot.waitSignal(rank.ranked, timeout=10000) as ranked:
        qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
    result = ranked.args[0]
    assert [a.agency_name for a in result.rows] == ["Phường Đồng Hới"]
    assert result.left_out == {"received": 2, "returned": 1}
    assert "2 hồ sơ chờ duyệt, 1 hồ sơ trả lại để sửa" in rank.summary.text()
    rank.pending.setChecked(True)
    with qtbot.waitSignal(rank.ranked, timeout=10000) as ranked:
        qtbot.mouseClick(rank.rank_button, Qt.LeftButton)
    result = ranked.args[0]
    # competition ranks and the change against 2024 (ranked the same way)
    assert [a.rank for a in result.rows] == [1, 2, 3] and result.previous_period == "2024"
    assert "Phường Đồng Thuận" not in [a.agency_name for a in result.rows]  # returned for correction
    view = rank.table.model()
    headers = [" ".join(view.headerData(c, Qt.Horizontal).split()) for c in range(view.columnCount())]
    shown_rows = {view.index(r, 1).data().split(" (")[0]: [view.index(r, c).data() for c in range(view.columnCount())]
                  for r in range(view.rowCount())}
    assert shown_rows["Phường Đồng Hới"][:5] == ["1", "Phường Đồng Hới", "Tỉnh Quảng Trị", "960", "Tốt"]
    assert "Phường Đồng Sơn (đã nhận, chờ duyệt)" in [row[1] for row in shown_rows.values()]  # marked as pending
    change = headers.index("Thay đổi")
    assert shown_rows["Phường Đồng Hới"][change] == shown_rows["Xã Nam Gianh"][change] == "▲ 1"  # Đồng Thuận left out
    assert "Hạ tầng kỹ thuật (%)" in headers

    # publish: Excel and PDF, written in the background
    page.authority.setText("Sở Khoa học và Công nghệ tỉnh Quảng Trị")
    xlsx, pdf = tmp_path / "xep-hang.xlsx", tmp_path / "xep-hang"
    for kind, path in (("xlsx", xlsx), ("pdf", pdf)):
        choose(monkeypatch, "getSaveFileName", (str(path), ""))
        with qtbot.waitSignal(rank.published, timeout=30000):
            qtbot.mouseClick(rank.publish_buttons[kind], Qt.LeftButton)
    # CSV: the Vietnamese convention unless the international one is chosen in the save dialog
    for name, chosen, sep in (("vi.csv", "", ";"), ("intl.csv", "CSV quốc tế (dấu , và thập phân .) (*.csv)", ",")):
        choose(monkeypatch, "getSaveFileName", (str(tmp_path / name), chosen))
        with qtbot.waitSignal(rank.published, timeout=30000):
            qtbot.mouseClick(rank.publish_buttons["csv"], Qt.LeftButton)
        rows = list(csv.reader(io.StringIO((tmp_path / name).read_text(encoding="utf-8-sig")), delimiter=sep))
        assert rows[1][2] == "Phường Đồng Hới" and ("," if sep == ";" else ".") in rows[1][5]
    sheet = load_workbook(xlsx).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[0] for r in cells[3:]] == [1, 2, 3] and cells[3][2] == "Phường Đồng Hới"
    # table cells and the heading wrap: compare with whitespace collapsed
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(tmp_path / "xep-hang.pdf").pages).split())
    assert "Phường Đồng Sơn" in text and "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG TRỊ" in text.upper()

    # compare and trend
    cmp = page.compare
    with qtbot.waitSignal(cmp.compared, timeout=10000):
        qtbot.mouseClick(cmp.run_button, Qt.LeftButton)
    missed = {cmp.missed.index(r, 0).data(): cmp.missed.index(r, 1).data() for r in range(cmp.missed.rowCount())}
    assert missed["Có cổng thông tin"] == "3/4"
    assert cmp.pillars.rowCount() == 2
    trend = page.trend
    trend.agency.setCurrentIndex(trend.agency.findData("now:" + COMMUNES["A"][0]))   # a unit of today's list
    with qtbot.waitSignal(trend.drawn, timeout=10000) as drawn:
        qtbot.mouseClick(trend.draw_button, Qt.LeftButton)
    series = drawn.args[0]
    assert series[0].points == (("2024", 0.5), ("2025", 0.96)) and len(series) == 2
    page.tabs.setCurrentWidget(trend)
    image = trend.chart.grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 3


def test_cancel_keeps_a_whole_import_and_shows_what_was_done(qtbot, page, inbox):
    from egov_desktop.province import review

    tab = page.importing
    with qtbot.waitSignal(tab.imported, timeout=30000) as imported:
        tab.import_paths([str(inbox)])
        tab.task.dialog.canceled.emit()  # the Cancel button
    report = imported.args[0]
    stored = review.submissions(page.store, current_only=False)
    assert len(stored) == len(report.of("imported")) + len(report.of("replaced"))  # nothing half-imported
    assert tab.folder_button.isEnabled()


def test_main_window_opens_the_province_page_and_remembers_the_database(qtbot, window, tmp_path):
    from ui.settings import ui_settings

    window.act_province.trigger()
    qtbot.waitUntil(lambda: window.province is not None and window.province.store is not None, timeout=15000)
    page = window.province
    assert window.stack.currentWidget() is page and page.store.url.startswith("sqlite:///")
    # a shared database named by its URL (here another SQLite file) is opened and remembered
    url = f"sqlite:///{tmp_path / 'chung.sqlite'}"
    page.url.setText(url)
    # wait for this open's reload, not the first open's (it may still be on its way)
    with qtbot.waitSignal(page.loaded, timeout=15000, check_params_cb=lambda store: store.url == url):
        qtbot.mouseClick(page.connect_button, Qt.LeftButton)
    assert page.store.url == url and ui_settings().value("province/url") == url
    # a wrong URL is named on the page, never a crash; the open store stays
    page.url.setText("khong-phai-url://")
    with qtbot.waitSignal(page.failed, timeout=15000) as failed:
        qtbot.mouseClick(page.connect_button, Qt.LeftButton)
    assert failed.args[0] and page.store.url == url
    window.act_home.trigger()
    assert window.stack.currentWidget() is window.start


def test_return_writes_the_note_first_and_cancel_changes_nothing(qtbot, page, inbox, monkeypatch, tmp_path):
    from pypdf import PdfReader

    from egov_desktop.province import review

    import_folder(qtbot, page, monkeypatch, inbox)
    subs = page.submissions
    page.tabs.setCurrentWidget(subs)

    def open_return_dialog():
        subs.table.selectRow(row_of(subs.table, "Phường Đồng Thuận"))
        qtbot.mouseClick(subs.return_button, Qt.LeftButton)
        dialog = subs.return_dialog
        type_text(dialog.note, "Số máy tính không khớp với biên bản kiểm kê")
        return dialog.buttons.button(QDialogButtonBox.Ok)

    # Cancel in the save dialog: the submission stays received, with no note; a file name was proposed
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or ("", "")))
    qtbot.mouseClick(open_return_dialog(), Qt.LeftButton)
    assert asked and asked[0][2].endswith("tra-lai-Phuong-Dong-Thuan-2025.pdf")
    sid = subs.selected().id
    kept = review.get(page.store, sid)
    assert (kept.status, kept.review_note) == ("received", "")

    # OK: the letter is written, and then the status is set with its note
    note_pdf = tmp_path / "tra-lai.pdf"
    choose(monkeypatch, "getSaveFileName", (str(note_pdf), ""))
    with qtbot.waitSignal(subs.note_saved, timeout=20000):
        with qtbot.waitSignal(subs.reviewed, timeout=20000) as reviewed:
            qtbot.mouseClick(open_return_dialog(), Qt.LeftButton)
    assert "Số máy tính không khớp" in "".join(p.extract_text() for p in PdfReader(note_pdf).pages)
    assert reviewed.args[0].status == "returned"
    returned = review.get(page.store, sid)
    assert returned.status == "returned" and returned.review_note.startswith("Số máy tính không khớp")


def test_after_an_import_the_page_shows_the_framework_and_period_just_imported(qtbot, page, inbox, monkeypatch,
                                                                             tmp_path):
    import copy

    from egov_desktop.frameworks import registry
    from tests.core.exchange_samples import FRAMEWORK, assessment, install_framework, report_pdf

    import_folder(qtbot, page, monkeypatch, inbox)
    assert (page.framework_id(), page.period_id()) == ("xa-thu", "2025")
    other = install_framework({**copy.deepcopy(FRAMEWORK), "id": "xa-khac"})
    assert registry.get("xa-khac", other.version)
    folder = tmp_path / "dot-hai"
    folder.mkdir()
    # two files of the other framework for 2024, one of the first framework for 2023: most files win
    for code, name in (("18880", "Phường Đồng Hới"), ("18859", "Phường Đồng Thuận")):
        (folder / f"{code}.pdf").write_bytes(report_pdf(assessment(code, name, period="2024", framework=other)))
    (folder / "cu.pdf").write_bytes(report_pdf(assessment("18871", "Phường Đồng Sơn", period="2023")))
    report, _ = import_folder(qtbot, page, monkeypatch, folder)
    assert report.counts()["imported"] == 3
    assert (page.framework_id(), page.period_id()) == ("xa-khac", "2024")
    assert {s.agency_name for s in page.selected_submissions()} == {"Phường Đồng Hới", "Phường Đồng Thuận"}


def test_roster_reminders_as_a_list_and_as_e_mail_drafts(qtbot, page, inbox, monkeypatch, tmp_path):
    from email import policy
    from email.parser import BytesParser

    from openpyxl import load_workbook

    import_folder(qtbot, page, monkeypatch, inbox)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    # the completeness read after the roster is loaded (not one the tab's opening asked for)
    with qtbot.waitSignal(roster.completeness_shown, timeout=10000, check_params_cb=lambda c: sum(c.values()) > 4):
        qtbot.mouseClick(roster.units_button, Qt.LeftButton)
    missing = {line.expected.name for line in roster.lines if line.state == "missing"}
    assert len(missing) > 50

    folder = tmp_path / "thu-nhac"
    folder.mkdir()
    choose(monkeypatch, "getExistingDirectory", str(folder))
    with qtbot.waitSignal(roster.reminders_written, timeout=30000) as written:
        qtbot.mouseClick(roster.mail_button, Qt.LeftButton)
    assert len(written.args[0]) == len(missing) == len(list(folder.glob("*.eml")))
    subjects = {BytesParser(policy=policy.default).parsebytes(p.read_bytes())["Subject"].rsplit(" - ", 1)[1]
                for p in folder.glob("*.eml")}
    assert subjects == missing

    asked = []
    target = tmp_path / "chua-nop.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(target), "")))
    with qtbot.waitSignal(roster.reminders_written, timeout=30000):
        qtbot.mouseClick(roster.list_button, Qt.LeftButton)
    assert asked[0][2].endswith("chua-nop-xa-thu-2025.xlsx")
    ws = load_workbook(target).active
    assert {ws.cell(row=r, column=3).value for r in range(4, ws.max_row + 1)} == missing


def test_roster_addresses_from_a_table_shown_and_used_as_the_drafts_to(qtbot, page, inbox, monkeypatch, tmp_path):
    from email import policy
    from email.parser import BytesParser

    from openpyxl import Workbook

    import_folder(qtbot, page, monkeypatch, inbox)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    bad = tmp_path / "danh-sach-sai.xlsx"
    wb = Workbook()
    wb.active.append(["Mã", "Tên đơn vị", "Thư điện tử"])
    wb.active.append([COMMUNES["A"][0], COMMUNES["A"][1], "ubnd.donghoi@quangtri"])
    wb.save(bad)
    choose(monkeypatch, "getOpenFileName", (str(bad), ""))
    with qtbot.waitSignal(page.failed, timeout=10000) as failed:
        qtbot.mouseClick(roster.table_button, Qt.LeftButton)
    assert "danh-sach-sai.xlsx" in failed.args[0] and "C2" in failed.args[0] and "«ubnd.donghoi@quangtri»" in failed.args[0]

    good = tmp_path / "danh-sach.xlsx"
    wb = Workbook()
    wb.active.append(["Mã", "Tên đơn vị", "Thư điện tử"])
    wb.active.append([COMMUNES["A"][0], COMMUNES["A"][1], "ubnd.donghoi@quangtri.gov.vn"])
    wb.active.append(["19999", "Xã Chưa Nộp", "vanthu@xachuanop.gov.vn; ubnd@xachuanop.gov.vn"])
    wb.active.append(["19998", "Xã Không Thư", None])
    wb.save(good)
    choose(monkeypatch, "getOpenFileName", (str(good), ""))
    with qtbot.waitSignal(roster.completeness_shown, timeout=10000, check_params_cb=lambda c: sum(c.values()) == 3):
        qtbot.mouseClick(roster.table_button, Qt.LeftButton)
    model = roster.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal) == "Thư điện tử")
    shown = {model.index(r, 1).data(): model.index(r, column).data() for r in range(model.rowCount())}
    assert shown == {COMMUNES["A"][1]: "ubnd.donghoi@quangtri.gov.vn",
                     "Xã Chưa Nộp": "vanthu@xachuanop.gov.vn; ubnd@xachuanop.gov.vn", "Xã Không Thư": ""}

    folder = tmp_path / "thu-nhac"
    folder.mkdir()
    choose(monkeypatch, "getExistingDirectory", str(folder))
    with qtbot.waitSignal(roster.reminders_written, timeout=30000) as written:
        qtbot.mouseClick(roster.mail_button, Qt.LeftButton)
    to = {}
    for path in written.args[0]:
        m = BytesParser(policy=policy.default).parsebytes(open(path, "rb").read())
        to[m["Subject"].rsplit(" - ", 1)[1]] = [a.addr_spec for a in m["To"].addresses] if m["To"] else None
    assert to == {"Xã Chưa Nộp": ["vanthu@xachuanop.gov.vn", "ubnd@xachuanop.gov.vn"], "Xã Không Thư": None}
    message = page.message.text()
    assert "1 thư không có người nhận" in message and "Xã Không Thư" in message


def test_the_roster_as_a_table_to_fill_in_the_addresses_and_load_back(qtbot, page, inbox, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    import_folder(qtbot, page, monkeypatch, inbox)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    target = tmp_path / "danh-sach.xlsx"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(target), "")))
    with qtbot.waitSignal(roster.template_saved, timeout=30000):
        qtbot.mouseClick(roster.template_button, Qt.LeftButton)   # no roster yet: the province's communes
    assert asked[0][2].endswith("danh-sach-2025.xlsx")
    wb = load_workbook(target)
    ws = wb.active
    codes = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert COMMUNES["A"][0] in codes and len(codes) > 50
    ws.cell(row=2 + codes.index(COMMUNES["A"][0]), column=6).value = "ubnd.donghoi@quangtri.gov.vn"
    wb.save(target)
    choose(monkeypatch, "getOpenFileName", (str(target), ""))
    with qtbot.waitSignal(roster.completeness_shown, timeout=10000, check_params_cb=lambda c: sum(c.values()) > 50):
        qtbot.mouseClick(roster.table_button, Qt.LeftButton)
    assert {line.expected.code: line.expected.email for line in roster.lines}[COMMUNES["A"][0]] == \
        "ubnd.donghoi@quangtri.gov.vn"
