"""The "Ký số" step of exporting a final report (a SoftHSM2 token chosen in Settings, its PIN
asked and checked), and the webmail way: the message on the clipboard and the PDF's folder shown."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from egov_desktop.exchange import pades, pdf_attachment, signing_settings

from ..core.signing_samples import KEY_LABEL, PIN, SIGNER_CN, TOKEN_LABEL, make_ca, make_token, softhsm_module
from .conftest import type_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "xa-2025.egov.json"


def _open_finalised(window):
    result = window.workspace.import_file(EXAMPLE)
    window.workspace.finalise(result.assessment_id)
    window.open_assessment(result.assessment_id)
    return result.assessment_id


def test_the_settings_dialog_keeps_the_token_driver_and_trusted_roots(qtbot, window, tmp_path):
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog([], window)
    qtbot.addWidget(dialog)
    dialog.show()
    driver = str(tmp_path / "vnpt-ca" / "token-driver.dll")
    for edit, text in ((dialog.pkcs11_module, driver), (dialog.token_label, "VNPT-CA Token"),
                       (dialog.key_label, "chu-tich"), (dialog.trusted_roots, str(tmp_path / "roots"))):
        edit.setFocus()
        type_text(edit, text)
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Close).click()
    saved = signing_settings.load()
    assert (saved.pkcs11_module, saved.token_label, saved.key_label) == (driver, "VNPT-CA Token", "chu-tich")
    assert saved.roots_folder() == tmp_path / "roots" and saved.p12_file == ""


def _sign_dialog():
    from ui.dialogs.sign_dialog import SignDialog
    w = QApplication.activeModalWidget()
    return w if isinstance(w, SignDialog) else None


def test_a_final_report_is_signed_on_the_token_after_its_pin_is_checked(qtbot, window, monkeypatch, tmp_path):
    if softhsm_module() is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 missing on CI: scripts/test.sh installs it")
        pytest.skip("SoftHSM2 is not installed")
    ca = make_ca(tmp_path / "ca")
    module = make_token(tmp_path / "hsm", ca, monkeypatch)
    signing_settings.save(signing_settings.SigningSettings(module, TOKEN_LABEL, KEY_LABEL))
    _open_finalised(window)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    seen = []

    def answer(pin: str, then=None):
        dialog = _sign_dialog()
        if dialog is None:       # not shown yet: look again at the next turn of the event loop
            QTimer.singleShot(20, lambda: answer(pin, then))
            return
        seen.append((dialog.with_token.isChecked(), dialog.problem.isVisible(), dialog.problem.text()))
        dialog.secret.clear()
        type_text(dialog.secret, pin)
        if then is not None:
            QTimer.singleShot(0, then)
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)

    from ui.reports import make_report
    path = tmp_path / "bao-cao-ky-so.pdf"
    QTimer.singleShot(0, lambda: answer("999999", then=lambda: answer(PIN)))
    with qtbot.waitSignal(window.report_saved, timeout=60000):
        make_report(window, window.workspace, window.screen_, "pdf", str(path))
    assert seen[0][:2] == (True, False) and seen[1][1] and "Sai mã PIN" in seen[1][2]
    assert seen[0] and _sign_dialog() is None
    [check] = pades.inspect(path.read_bytes(), [])
    assert SIGNER_CN in check.signer and check.intact and check.whole_document
    assert pdf_attachment.extract(path).file_bytes   # the data is still attached


def test_cancelling_the_signature_step_makes_no_report(qtbot, window, monkeypatch, tmp_path):
    ca = make_ca(tmp_path / "ca")
    signing_settings.save(signing_settings.SigningSettings(p12_file=str(ca.p12)))
    _open_finalised(window)

    def cancel():
        dialog = _sign_dialog()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        assert dialog.with_p12.isChecked() and not dialog.with_token.isEnabled()
        dialog.reject()

    from ui.reports import make_report
    QTimer.singleShot(0, cancel)
    assert make_report(window, window.workspace, window.screen_, "pdf", str(tmp_path / "r.pdf")) is None
    assert not (tmp_path / "r.pdf").exists()


def test_webmail_puts_the_message_on_the_clipboard_and_shows_the_pdf_folder(qtbot, window, monkeypatch, tmp_path):
    from egov_desktop.domain import Agency

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    a = window.workspace.create_assessment("mini-test", None, Agency("UBND xã Quảng Bình", "commune", "16543"), "2025")
    window.open_assessment(a.id)
    from ui.dialogs import draft_question   # a draft: the question before it leaves is answered "send it"
    monkeypatch.setattr(draft_question, "ask_about_draft", lambda *a: draft_question.EXPORT)
    QApplication.clipboard().clear()
    button = window.screen_.send_button   # its menu: "Soạn thư gửi Sở…", "Gửi qua webmail…"
    assert [a.text() for a in button.menu().actions()] == ["Soạn thư gửi Sở…", "Gửi qua webmail…"]
    path = tmp_path / "gui-webmail.pdf"
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    with qtbot.waitSignal(window.report_saved, timeout=60000):
        window.screen_.send_actions["webmail"].trigger()   # chosen in the button's menu
    text = QApplication.clipboard().text()
    subject, _, body = text.partition("\n\n")
    assert subject == "[DỰ THẢO] Báo cáo kết quả tự đánh giá ứng dụng CNTT, chuyển đổi số kỳ 2025 - UBND xã Quảng Bình"
    assert "Mã kiểm tra" not in body   # a draft carries no check code
    assert "Kính gửi" in body and "gui-webmail.pdf" in body
    assert opened == [str(tmp_path)] and path.read_bytes().startswith(b"%PDF")
    help_box = window.webmail_help
    assert isinstance(help_box, QMessageBox) and help_box.isVisible()
    assert "Ctrl+V" in help_box.text() and "gui-webmail.pdf" in help_box.text()
    help_box.close()


def test_the_province_import_tab_shows_who_signed_and_warns_of_an_untrusted_signer(qtbot, vi, monkeypatch, tmp_path):
    from egov_desktop.exchange import assessment_file
    from egov_desktop.services.reports import Report
    from tests.ui.province_samples import opened_province_page
    from ui.tasks import wait_for_all

    from .test_province import import_folder

    ca = make_ca(tmp_path / "ca")
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    data = assessment_file.read(EXAMPLE.parent / "huyen-2020.egov.json")
    signer = pades.Signer.from_p12(ca.p12, ca.passphrase)
    (inbox / "ky-so.pdf").write_bytes(Report(data).pdf(signer=signer))
    page = opened_province_page(qtbot)
    try:
        report, _ = import_folder(qtbot, page, monkeypatch, inbox)   # no trusted root set up yet
        [item] = report.items
        tree = page.importing.tree
        row = tree.topLevelItem(0).child(0)
        assert row.text(0) == "ky-so.pdf" and SIGNER_CN in row.text(3) and "toàn bộ tài liệu" in row.text(3)
        assert "Cảnh báo" in row.text(3) and "không do CA gốc được tin cậy" in row.text(3)
        signing_settings.save(signing_settings.SigningSettings(trusted_roots=str(ca.root_pem.parent)))
        import_folder(qtbot, page, monkeypatch, inbox)                 # now the root is trusted
        row = tree.topLevelItem(0).child(0)
        assert SIGNER_CN in row.text(3) and "Cảnh báo" not in row.text(3)
        # the received submissions say who signed, after the import too
        from ui.province.submissions_tab import columns
        view = page.submissions.table
        headers = [c.header for c in columns()]
        model = view.model()
        signer = model.index(0, headers.index("Ký số")).data()
        assert signer == SIGNER_CN
        subs = page.submissions
        subs.table.selectRow(0)
        with qtbot.waitSignal(subs.answers_opened) as opened:
            qtbot.mouseClick(subs.open_button, Qt.LeftButton)
        from PySide6.QtWidgets import QLabel
        head = opened.args[0].findChild(QLabel, "hint")
        assert f"Ký số bởi: C=VN, O=UBND phường Đồng Hới, CN={SIGNER_CN}" in head.text()
        opened.args[0].close()
    finally:
        wait_for_all()
        page.close_store()
