"""Report buttons: PDF, Excel workbook, e-mail draft — made in the background by egov_desktop.reports."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from egov_desktop.i18n import language, tr

from . import settings as ui_settings
from .tasks import run_with_progress

SUFFIX = {"pdf": ".pdf", "excel": ".xlsx"}


def make_report(window, workspace, screen, kind: str) -> None:
    if screen is None:
        return
    from egov_desktop.reports.names import report_file_name

    record = workspace.get(screen.assessment_id)
    d = record.data
    if kind == "email":
        _email(window, d, screen)
        return
    name = report_file_name(d.agency.name, d.period, d.framework_id, SUFFIX[kind])
    flt = tr("Tệp PDF (*.pdf)") if kind == "pdf" else tr("Bảng tính Excel (*.xlsx)")
    path, _ = QFileDialog.getSaveFileName(window, tr("Lưu báo cáo"), str(Path(ui_settings.last_folder("report")) / name), flt)
    if not path:
        return
    ui_settings.remember_folder("report", path)
    fw = screen.framework
    previous = screen.results.previous
    lang = language()

    def work(ctx):
        from egov_desktop.reports.data import build_report_data

        ctx.progress(0, 2, tr("Đang tổng hợp số liệu…"))
        report = build_report_data(d, fw, previous=previous)
        ctx.check()
        ctx.progress(1, 2, tr("Đang tạo tệp…"))
        if kind == "pdf":
            from egov_desktop.reports.pdf import render_pdf
            data = render_pdf(report, lang)
        else:
            from egov_desktop.reports import excel
            data = excel.render_workbook(report, lang)  # type: ignore[attr-defined]
        ctx.check()
        tmp = Path(path + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return path

    def done(p):
        window.statusBar().showMessage(tr("Đã lưu {path}", path=p), 10000)
        QDesktopServices.openUrl(QUrl.fromLocalFile(p))

    run_with_progress(window, tr("Đang tạo báo cáo…"), work, done, window._task_failed)


def _email(window, d, screen) -> None:
    from urllib.parse import quote

    subject = tr("Báo cáo tự đánh giá ứng dụng CNTT — {agency} — kỳ {period}", agency=d.agency.name, period=d.period)
    body = tr("Kính gửi Sở,\n\n{agency} gửi kèm báo cáo tự đánh giá kỳ {period} (tệp PDF đính kèm).\n\nTrân trọng.",
              agency=d.agency.name, period=d.period)
    url = QUrl(f"mailto:?subject={quote(subject)}&body={quote(body)}")
    if not QDesktopServices.openUrl(url):
        QMessageBox.information(window, tr("Soạn thư"), f"{subject}\n\n{body}")
