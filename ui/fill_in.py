"""How officers collect figures from colleagues, from the GUI: the blank paper questionnaire
(PDF), the fill-in workbook (Excel, with the agency and period of the selected assessment), and
the import of a filled workbook into the selected draft or as a new assessment.

The documents are made and the workbook read by egov_desktop.reports (as the CLI's
`questionnaire`, `template` and `assessment import FILLED.xlsx` do), in the background
(ui/tasks.py); nothing is written unless the whole workbook is valid.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu, QPushButton

from egov_desktop.errors import UserError
from egov_desktop.i18n import language, tr

from . import lazy_qt as qt
from . import settings as ui_settings
from .tasks import run_with_progress


ACTIONS = (("questionnaire", "Lưu phiếu giấy trống (PDF)…"), ("workbook", "Lưu phiếu Excel để điền…"),
           ("import_workbook", "Nhập phiếu Excel đã điền…"))


def forms_button(on_action) -> tuple[QPushButton, dict]:
    """The «Phiếu để điền» button and its menu (start page, assessment screen); on_action(key)."""
    button = QPushButton(tr("Phiếu để điền"))
    button.setToolTip(tr("Phiếu giấy trống, phiếu Excel để đồng nghiệp điền, nhập phiếu Excel đã điền"))
    menu = QMenu(button)
    actions = {}
    for key, text in ACTIONS:
        actions[key] = menu.addAction(tr(text))
        actions[key].triggered.connect(lambda _=False, k=key: _discard(on_action(k)))
    button.setMenu(menu)
    return button, actions


def run_action(window, key: str, a) -> None:
    {"questionnaire": save_questionnaire, "workbook": save_workbook, "import_workbook": import_workbook}[key](window, a)


def _discard(_value) -> None:
    """A slot returns None (ui/tasks.py)."""


def pick_framework(window, a) -> tuple[str, str] | None:
    """(id, version) of the selected assessment's framework, or of one the user picks (from the
    framework index: nothing is built yet); None when cancelled."""
    from egov_desktop.frameworks import registry

    if a is not None:
        return a.framework_id, a.framework_version
    infos = registry.list()
    names = [f"{f.title_en if language() == 'en' else f.title_vi} ({f.id} {f.version})" for f in infos]
    name, ok = qt.QInputDialog.getItem(window, tr("Chọn bộ tiêu chí"), tr("Bộ tiêu chí:"), names, 0, False)
    if not ok or name not in names:
        return None
    f = infos[names.index(name)]
    return f.id, f.version


def _framework(key: tuple[str, str]):
    """The framework, built from its file on the worker that makes the document (20–35 ms for
    xa-2025), so the file dialog comes at once."""
    from egov_desktop.frameworks import registry
    from egov_desktop.i18n import bilingual

    fw = registry.for_assessment(*key)
    if fw is None:
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=key[0], version=key[1]))
    return fw


def _ask_path(window, title: str, name: str, file_filter: str) -> str | None:
    path, _ = qt.QFileDialog.getSaveFileName(window, title, str(Path(ui_settings.last_folder("report")) / name),
                                             file_filter)
    if path:
        ui_settings.remember_folder("report", path)
    return path or None


def save_questionnaire(window, a) -> None:
    """The blank questionnaire to print (PDF) for the selected assessment's framework."""
    from egov_desktop.reports.names import report_file_name

    key = pick_framework(window, a)
    if key is None:
        return
    path = _ask_path(window, tr("Lưu phiếu giấy trống"), report_file_name(tr("phieu-trong"), "", key[0], ".pdf"),
                     tr("Tệp PDF (*.pdf)"))
    if path is None:
        return
    lang = language()

    def make(ctx):
        from egov_desktop.reports.questionnaire import render_questionnaire
        return render_questionnaire(_framework(key), lang)

    from .reports import save_in_background

    save_in_background(window, path, make, tr("Đang tạo phiếu giấy…"))


def save_workbook(window, a) -> None:
    """The fill-in workbook, with the selected assessment's agency and period in its top cells."""
    from egov_desktop.reports.names import report_file_name

    key = pick_framework(window, a)
    if key is None:
        return
    name = report_file_name(a.agency_name, a.period, key[0], ".xlsx") if a is not None else \
        report_file_name(tr("phieu-dien"), "", key[0], ".xlsx")
    path = _ask_path(window, tr("Lưu phiếu Excel để điền"), name, tr("Bảng tính Excel (*.xlsx)"))
    if path is None:
        return
    data = window.read_record(a.id).data if a is not None else None
    lang = language()

    def make(ctx):
        from egov_desktop.reports.excel.template import write_template
        fw = _framework(key)
        return write_template(fw, lang, data.agency, data.period) if data else write_template(fw, lang)

    from .reports import save_in_background

    save_in_background(window, path, make, tr("Đang tạo phiếu Excel…"))


def import_workbook(window, a) -> None:
    """A filled workbook into the selected draft (same framework) or as a new assessment."""
    path, _ = qt.QFileDialog.getOpenFileName(window, tr("Nhập phiếu Excel đã điền"), ui_settings.last_folder("import"),
                                             tr("Bảng tính Excel (*.xlsx)"))
    if not path:
        return
    ui_settings.remember_folder("import", path)
    run_with_progress(window, tr("Đang đọc phiếu Excel…"), lambda ctx: read_workbook(path),
                      lambda read: _imported_read(window, a, path, read), window._task_failed)


def read_workbook(path: str):
    """(framework, details or None, answers, problems) of a filled workbook (on a worker thread)."""
    from egov_desktop.frameworks import registry
    from egov_desktop.reports.excel.reader import read_filled_template, read_template_details, read_template_framework

    fid, version = read_template_framework(path)
    try:
        details = read_template_details(path)
    except UserError:
        details = None  # an old workbook without the agency and period cells
    try:
        fw = registry.get(fid, version)
    except KeyError:
        from egov_desktop.i18n import bilingual
        raise UserError(bilingual("Chưa cài bộ tiêu chí «{id}» phiên bản {version}", id=fid, version=version),
                        Path(path).name) from None
    answers, problems = read_filled_template(path, fw)
    return fw, details, answers, problems


def _imported_read(window, a, path: str, read) -> None:
    fw, details, answers, problems = read
    source = Path(path).name
    if problems:
        lines = [p.describe(language()) for p in problems[:15]]
        more = tr("… và {n} lỗi khác", n=len(problems) - 15) if len(problems) > 15 else ""
        qt.QMessageBox.warning(window, tr("Nhập phiếu Excel đã điền"),
                               tr("Không nhập gì: phiếu {file} còn {n} lỗi. Hãy sửa trong phiếu rồi nhập lại.",
                               file=source, n=len(problems)) + "\n\n" + "\n".join(lines + [more]).strip())
        return
    into = a if a is not None and a.status == "draft" and a.framework_id == fw.id else None
    has_details = details is not None and details.period and (details.unit_code or details.agency_name)
    target = _ask_target(window, into, has_details)
    if target is None:
        return
    ws = window._workspace_now()  # ready by now, or in a moment

    def work(ctx):
        if target == "into":
            return ws.fill_answers(into.id, answers, source).id
        return ws.import_data(_new_assessment(fw, details, answers), source).assessment_id

    def done(assessment_id: int) -> None:
        window.refresh_list(assessment_id)
        window.open_assessment(assessment_id)
        window.workbook_imported.emit(assessment_id)
        window.statusBar().showMessage(tr("Đã nhập {n} câu trả lời từ {file}", n=len(answers), file=source), 10000)

    run_with_progress(window, tr("Đang nhập phiếu Excel…"), work, done, window._task_failed)


def _ask_target(window, into, has_details: bool) -> str | None:
    """"into" the selected draft, "new", or None (cancelled / not possible)."""
    if into is None and not has_details:
        qt.QMessageBox.warning(window, tr("Nhập phiếu Excel đã điền"), tr(
            "Phiếu không ghi cơ quan và kỳ đánh giá. Hãy chọn bản đánh giá (đang nhập, cùng bộ tiêu chí) "
            "để nhập vào, rồi nhập lại."))
        return None
    if into is None:
        return "new"
    box = qt.QMessageBox(qt.QMessageBox.Question, tr("Nhập phiếu Excel đã điền"), tr(
        "Nhập các câu trả lời của phiếu vào bản đã chọn «{name} — {period}» (thay các câu đã trả lời) "
        "hay tạo bản đánh giá mới?", name=into.agency_name, period=into.period), parent=window)
    into_button = box.addButton(tr("Vào bản đã chọn"), qt.QMessageBox.AcceptRole)
    new_button = box.addButton(tr("Tạo bản mới"), qt.QMessageBox.ActionRole) if has_details else None
    box.addButton(qt.QMessageBox.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "into" if clicked is into_button else "new" if new_button is not None and clicked is new_button else None


def _new_assessment(fw, details, answers):
    from egov_desktop import units
    from egov_desktop.domain import Agency, AssessmentData
    from egov_desktop.i18n import bilingual

    u = units.get(details.unit_code, period=details.period) if details.unit_code else None  # the list of its period
    if details.unit_code and u is None:
        raise UserError(bilingual("Không có đơn vị hành chính mã {code}", code=details.unit_code),
                        None, details.cells.get("unit_code"))
    agency = Agency(u.name, u.level, u.code, u.parent_name, u.parent_code) if u else \
        Agency(details.agency_name, fw.levels[0] if fw.levels else "commune")
    return AssessmentData(fw.id, fw.version, fw.content_hash, agency, details.period, answers)
