"""A draft asks before it leaves (and can be checked and finalised first); the issuing profile
is typed in its dialog and printed on the report."""
from __future__ import annotations

import io

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .conftest import type_text
from .test_questionnaire_flow import _create_with_dialog


def _answer_box_with(monkeypatch, text: str, seen: list):
    """The warning's buttons are clicked as a user would: the one labelled `text`."""
    def exec_(box):
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_exporting_a_draft_asks_and_can_go_to_check_and_finalise(qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    from ui.reports import make_report
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    seen: list[str] = []
    _answer_box_with(monkeypatch, "Kiểm tra và hoàn tất", seen)
    path = tmp_path / "draft.pdf"
    assert make_report(window, window.workspace, screen, "pdf", str(path)) is None
    assert seen and "DỰ THẢO" in seen[0] and not path.exists()
    assert screen.tabs.currentWidget() is screen.check
    _answer_box_with(monkeypatch, "Vẫn xuất bản dự thảo", seen)
    with qtbot.waitSignal(window.report_saved, timeout=60000):
        make_report(window, window.workspace, screen, "pdf", str(path))
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        assert all("DỰ THẢO" in "".join(c["text"] for c in page.chars if c["size"] > 50) for page in pdf.pages)


def test_the_issuing_profile_is_typed_in_its_dialog_and_kept(qtbot, window, monkeypatch):
    _create_with_dialog(qtbot, window, monkeypatch)
    screen = window.screen_
    qtbot.mouseClick(screen.profile_button, Qt.LeftButton)
    dialog = screen.profile_dialog
    assert dialog.isVisible() and dialog.issuer.toPlainText().startswith("ỦY BAN NHÂN DÂN\n")
    assert dialog.authority.currentData() == "TM."
    type_text(dialog.signer, "Trần Văn Bình")
    dialog.number.setFocus()
    qtbot.keyClicks(dialog.number, "125")
    dialog.authority.setCurrentIndex(dialog.authority.findData("KT."))
    dialog.on_behalf.clear()
    type_text(dialog.on_behalf, "CHỦ TỊCH")
    dialog.position.clear()
    type_text(dialog.position, "PHÓ CHỦ TỊCH")
    with qtbot.waitSignal(dialog.saved, timeout=10000) as got:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    assert got.args[0].signer_name == "Trần Văn Bình" and not dialog.isVisible()
    kept = window.workspace.profile(screen.assessment_id)
    assert (kept.number, kept.authority, kept.on_behalf, kept.signer_position) == ("125", "KT.", "CHỦ TỊCH",
                                                                                     "PHÓ CHỦ TỊCH")
    from egov_desktop.reports.data import build_report_data
    from egov_desktop.reports.pdf import render_pdf
    report = build_report_data(window.workspace.get(screen.assessment_id).data, screen.framework)
    text = "".join(p.extract_text() for p in pdfplumber.open(io.BytesIO(render_pdf(report))).pages)
    assert "Trần Văn Bình" in text and "KT. CHỦ TỊCH" in text and "Số: 125/BC-UBND" in text
