"""The Help button opens the shipped user guide; a protected signing key is asked for when a
report is made, checked, and the PDF comes out signed."""
import re
from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "egov_desktop" / "resources" / "docs"


def test_the_packaged_guides_are_the_ones_in_docs():
    """docs/ is the source: after editing a guide, copy it (and its pictures) into
    egov_desktop/resources/docs so that installed and frozen programs show the same."""
    for name in ("huong-dan.md", "user-guide.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert (PACKAGED / name).read_text(encoding="utf-8") == text, f"cp docs/{name} {PACKAGED / name}"
        for picture in re.findall(r"\]\((images/[^)]+)\)", text):
            assert (PACKAGED / picture).read_bytes() == (ROOT / "docs" / picture).read_bytes(), \
                f"cp docs/{picture} {PACKAGED / picture}"


def test_help_shows_the_guide_inside_the_program_in_its_language(qtbot, window, monkeypatch):
    """Never handed to the system's program for .md (Notepad with raw text on Windows)."""
    from egov_desktop.i18n import set_language
    from ui.help import GuideDialog

    handed = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: handed.append(url) or True)
    window.act_help.trigger()
    set_language("en")
    window.act_help.trigger()
    guides = window.findChildren(GuideDialog)
    assert handed == [] and len(guides) == 2
    assert "Hướng dẫn sử dụng egov-desktop" in guides[0].text.toPlainText()
    assert guides[0].text.document().resource(2, "images/ui-start.png") is not None  # pictures found beside it
    assert guides[1].text.toPlainText() != guides[0].text.toPlainText()               # the English guide


def test_the_guide_wraps_to_its_window_and_never_scrolls_sideways(qtbot, window):
    from ui.help import GuideDialog, guide_path

    dialog = GuideDialog(guide_path("vi"), window)
    qtbot.addWidget(dialog)
    dialog.resize(520, 500)  # narrower than the screenshots in it
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.fit_pictures()
    text = dialog.text
    assert text.horizontalScrollBar().maximum() == 0
    assert text.document().idealWidth() <= text.viewport().width() + 1


def _draft_made_anyway(monkeypatch):
    """These assessments are drafts: the question before a draft leaves is answered "make it"."""
    from ui.dialogs import draft_question
    monkeypatch.setattr(draft_question, "ask_about_draft", lambda *a: draft_question.EXPORT)


def test_a_protected_key_is_asked_for_checked_and_signs_the_pdf(qtbot, window, monkeypatch, tmp_path):
    from egov_desktop.domain import Agency
    from egov_desktop.exchange import pdf_attachment, signing
    from ui.reports import make_report

    signing.create_key("16543", "Xã Quảng Bình", passphrase="đúng rồi")
    assert signing.key_is_protected()
    a = window.workspace.create_assessment("mini-test", None, Agency("Xã Quảng Bình", "commune", "16543"), "2025")
    window.open_assessment(a.id)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    _draft_made_anyway(monkeypatch)
    answers, prompts = [("sai", True), ("đúng rồi", True)], []

    def get_text(parent, title, label, echo, *args, **kw):
        prompts.append((title, label, echo))
        return answers.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    path = tmp_path / "bao-cao.pdf"
    with qtbot.waitSignal(window.report_saved, timeout=60000):
        make_report(window, window.workspace, window.screen_, "pdf", str(path))
    assert len(prompts) == 2 and prompts[0][0] == "Mật khẩu khoá ký"
    assert "Sai mật khẩu" in prompts[1][1]                         # the wrong one is said, then asked again
    from PySide6.QtWidgets import QLineEdit
    assert prompts[0][2] == QLineEdit.Password
    assert pdf_attachment.extract(path).signature is not None     # signed with the key


def test_cancelling_the_passphrase_makes_no_report(qtbot, window, monkeypatch, tmp_path):
    from egov_desktop.domain import Agency
    from egov_desktop.exchange import signing
    from ui.reports import make_report

    signing.create_key("16543", "Xã Quảng Bình", passphrase="đúng rồi")
    a = window.workspace.create_assessment("mini-test", None, Agency("Xã Quảng Bình", "commune"), "2025")
    window.open_assessment(a.id)
    _draft_made_anyway(monkeypatch)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert make_report(window, window.workspace, window.screen_, "email", str(tmp_path / "thu.eml")) is None
    assert not (tmp_path / "thu.eml").exists()
