"""Report buttons: PDF, Excel workbook, e-mail draft (.eml with the PDF attached), and the
webmail way (the PDF saved, the message's subject and text on the clipboard, its folder shown).

Made in the background (ui.tasks) by the report use case (egov_desktop.services.reports), which
imports ReportLab and openpyxl only then; the file is written whole or not at all, then opened
with the system's program.
The attached assessment file is signed with the agency's Ed25519 key; when that key is
protected, its passphrase is asked for first (and checked before anything is made). A final
report's PDF gets the "Ký số" step (dialogs.sign_dialog) when a certificate is set up.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from egov_desktop.domain import DRAFT
from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr

from . import settings as ui_settings
from .tasks import run_with_progress

WEBMAIL = "webmail"   # a PDF, and the message to paste into a webmail


def file_filter(kind: str) -> str:
    return {"pdf": tr("Tệp PDF (*.pdf)"), "excel": tr("Bảng tính Excel (*.xlsx)"),
            "email": tr("Thư nháp (*.eml)"), WEBMAIL: tr("Tệp PDF (*.pdf)")}[kind]


def make_report(window, workspace, screen, kind: str, path: str | None = None):
    """Ask where to save (unless `path` is given), then make the report in the background."""
    if screen is None:
        return None
    from egov_desktop.services.reports import PDF, Report

    from .dialogs.sign_dialog import ask_signer

    d = workspace.get(screen.assessment_id).data
    made = PDF if kind == WEBMAIL else kind
    if d.status == DRAFT:   # a draft never leaves without a word: it is marked, and can be finished first
        from .dialogs.draft_question import FINALISE, EXPORT, ask_about_draft
        choice = ask_about_draft(window, "email" if kind == WEBMAIL else kind)
        if choice == FINALISE:
            screen.tabs.setCurrentWidget(screen.check)
        if choice != EXPORT:
            return None
    if path is None:
        name = Report.file_name_of(d, made)
        path, _ = QFileDialog.getSaveFileName(window, tr("Lưu báo cáo"),
                                              str(Path(ui_settings.last_folder("report")) / name), file_filter(kind))
        if not path:
            return None
    passphrase = signer = None
    if made != "excel":
        asked = ask_passphrase(window)
        if asked is False:
            return None
        passphrase = asked
        if d.status != DRAFT:   # the head of the agency signs the final report only
            signer = ask_signer(window)
            if signer is False:
                return None
    ui_settings.remember_folder("report", path)
    fw, previous, lang = screen.framework, screen.results.previous, language()
    message = {}

    def make(ctx):
        try:   # the token is logged out however the work ends (done, failed, cancelled)
            ctx.progress(0, 3, tr("Đang tổng hợp số liệu…"))
            report = Report(d, fw, previous, lang)
            ctx.check()
            data = report.render(made, passphrase, signer, progress=ctx.progress)
        finally:
            if signer is not None:
                signer.close()
        message["subject"], message["body"] = report.message(Path(path).name)
        message["to"] = report.recipient()
        return data

    def for_webmail(p: str) -> None:
        show_for_webmail(window, p, message["subject"], message["body"], message["to"])

    return save_in_background(window, path, make, tr("Đang tạo báo cáo…"), for_webmail if kind == WEBMAIL else None)


def save_in_background(window, path: str, make, title: str, shown=None):
    """Make a document's bytes with `make(ctx)` behind a progress dialog, write it whole (or not
    at all), say so, show it (`shown(path)`, else open it with the system's program), then emit
    window.report_saved."""
    from egov_desktop.services.reports import write_atomically

    def work(ctx):
        data = make(ctx)
        ctx.check()
        return str(write_atomically(path, data))

    def done(p):
        window.statusBar().showMessage(tr("Đã lưu {path}", path=p), 10000)
        if shown is not None:
            shown(p)
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(p))
        window.report_saved.emit(p)

    return run_with_progress(window, title, work, done, window._task_failed)


def show_for_webmail(window, pdf: str, subject: str, body: str, to: str = "") -> None:
    """No mail program needed: subject and text on the clipboard, the PDF's folder opened, and
    what to do in the webmail, said in a few lines."""
    QApplication.clipboard().setText(f"{subject}\n\n{body}")
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(pdf).parent)))
    box = QMessageBox(QMessageBox.Information, tr("Gửi báo cáo qua thư điện tử trên web"), tr(
        "Đã chép tiêu đề và nội dung thư vào bộ nhớ tạm, và mở thư mục chứa tệp PDF.\n\n"
        "1. Mở hộp thư trên trình duyệt (thư công vụ, Gmail…) và bấm Soạn thư.\n"
        "2. Dán (Ctrl+V) vào ô nội dung; dòng đầu là tiêu đề: cắt (Ctrl+X) và dán vào ô Tiêu đề.\n"
        "3. Kéo tệp {name} từ thư mục vừa mở vào thư để đính kèm, rồi gửi.", name=Path(pdf).name), parent=window)
    if to:
        box.setInformativeText(tr("Gửi đến: {to}", to=to))
    box.setObjectName("webmailHelp")
    box.setDetailedText(f"{subject}\n\n{body}")
    box.open()   # not modal-blocking: the user switches to the browser with it still there
    window.webmail_help = box


def ask_passphrase(window) -> str | None | bool:
    """The passphrase of the agency's signing key when it is protected (None when it is not),
    asked again after a wrong one; False when the user cancels."""
    from egov_desktop.exchange import signing

    if not signing.key_is_protected():
        return None
    question = tr("Khoá ký của cơ quan được bảo vệ bằng mật khẩu. Nhập mật khẩu để ký báo cáo:")
    prompt = question
    while True:
        text, ok = QInputDialog.getText(window, tr("Mật khẩu khoá ký"), prompt, QLineEdit.Password)
        if not ok:
            return False
        try:
            signing.load_private_key(text)
        except UserError as e:
            prompt = f"{e.describe(language())}\n\n{question}"
            continue
        return text
