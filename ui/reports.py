"""Report buttons: PDF, Excel workbook, e-mail draft (.eml with the PDF attached).

Made in the background (ui.tasks) by egov_desktop.reports, which imports ReportLab and openpyxl
only then; the file is written whole or not at all, then opened with the system's program.
A PDF is signed with the agency's key; when that key is protected, its passphrase is asked for
first (and checked before anything is made).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from egov_desktop.domain import DRAFT
from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr

from . import settings as ui_settings
from .tasks import run_with_progress

SUFFIX = {"pdf": ".pdf", "excel": ".xlsx", "email": ".eml"}


def file_filter(kind: str) -> str:
    return {"pdf": tr("Tệp PDF (*.pdf)"), "excel": tr("Bảng tính Excel (*.xlsx)"),
            "email": tr("Thư nháp (*.eml)")}[kind]


def render(kind: str, data, framework, previous, lang: str, ctx=None, passphrase: str | None = None) -> bytes:
    """The report's bytes (runs on a worker thread)."""
    from egov_desktop.reports.data import build_report_data
    from egov_desktop.reports.names import report_file_name

    report = build_report_data(data, framework, previous=previous)
    if ctx is not None:
        ctx.progress(1, 3, tr("Đang tạo tệp…"))
        ctx.check()
    if kind == "excel":
        from egov_desktop.reports.excel.export import export_workbook
        return export_workbook(report, lang)
    from egov_desktop.exchange.report_export import export_report_pdf
    pdf = export_report_pdf(data, report, lang, passphrase)  # carries the assessment file, signed if there is a key
    if kind == "pdf":
        return pdf
    from egov_desktop.reports.email import build_eml
    name = report_file_name(data.agency.name, data.period, data.framework_id, ".pdf")
    return build_eml(report, pdf, name, lang=lang)


def make_report(window, workspace, screen, kind: str, path: str | None = None):
    """Ask where to save (unless `path` is given), then make the report in the background."""
    if screen is None:
        return None
    from egov_desktop.reports.names import report_file_name

    d = workspace.get(screen.assessment_id).data
    if d.status == DRAFT:   # a draft never leaves without a word: it is marked, and can be finished first
        from .dialogs.draft_question import FINALISE, EXPORT, ask_about_draft
        choice = ask_about_draft(window, kind)
        if choice == FINALISE:
            screen.tabs.setCurrentWidget(screen.check)
        if choice != EXPORT:
            return None
    if path is None:
        name = report_file_name(d.agency.name, d.period, d.framework_id, SUFFIX[kind])
        path, _ = QFileDialog.getSaveFileName(window, tr("Lưu báo cáo"),
                                              str(Path(ui_settings.last_folder("report")) / name), file_filter(kind))
        if not path:
            return None
    passphrase = None
    if kind in ("pdf", "email"):
        asked = ask_passphrase(window)
        if asked is False:
            return None
        passphrase = asked
    ui_settings.remember_folder("report", path)
    fw, previous, lang = screen.framework, screen.results.previous, language()

    def make(ctx):
        ctx.progress(0, 3, tr("Đang tổng hợp số liệu…"))
        return render(kind, d, fw, previous, lang, ctx, passphrase)

    return save_in_background(window, path, make, tr("Đang tạo báo cáo…"))


def save_in_background(window, path: str, make, title: str):
    """Make a document's bytes with `make(ctx)` behind a progress dialog, write it whole (or not
    at all), say so, emit window.report_saved and open it with the system's program."""
    def work(ctx):
        data = make(ctx)
        ctx.check()
        tmp = Path(path + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path

    def done(p):
        window.statusBar().showMessage(tr("Đã lưu {path}", path=p), 10000)
        window.report_saved.emit(p)
        QDesktopServices.openUrl(QUrl.fromLocalFile(p))

    return run_with_progress(window, title, work, done, window._task_failed)


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
