"""The main window: the start list, an open assessment, settings; the actions that join them.

The window shows at once; the database is opened right after (Workspace), then the list fills.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from egov_desktop.errors import UserError
from egov_desktop.i18n import language, set_language, tr

from . import lazy_qt as qt
from . import settings as ui_settings
from .formatting import fmt_date
from .labels import describe_error
from .qt_language import apply_qt_language
from .pages.start import StartPage
from .screen_fit import fit_window

APP_TITLE = "Tự đánh giá ứng dụng CNTT, chính quyền số"
# actions on the list that ask something first (a question, a file, a period): asked at once while
# the Workspace opens; the others wait for it
ASKS_FIRST = ("from_last_year", "delete", "purge", "empty_trash", "import", "export", "questionnaire",
              "workbook", "import_workbook")


class MainWindow(QMainWindow):
    workspace_ready = Signal()
    list_shown = Signal()       # the list is on screen (at start: read before the Workspace is ready)
    list_refreshed = Signal()   # the list is filled from the Workspace
    language_changed = Signal(str)
    report_saved = Signal(str)
    workbook_imported = Signal(int)  # a filled workbook's answers are in this assessment
    restore_finished = Signal(bool)   # a restore ended (True: the backup is in place), the list reread
    check_finished = Signal(object)   # the whole-database check ended: its problems ([] when sound)
    framework_installed = Signal(str)  # "id@version" of a framework file opened with the program ("" if refused)
    note_opened = Signal(object)      # a return note of the Sở was opened (services.workspace_types.NoteOpened)
    revision_opened = Signal(int)     # a new revision was made and opened for editing (its id)
    files_opened = Signal(int, list)  # the files "Nhập tệp…" took, and the messages of those it refused

    def __init__(self, workspace=None, open_workspace: bool = True):
        super().__init__()
        self.workspace = workspace
        self.screen_ = None  # the open AssessmentScreen
        self._pending_action: str | None = None  # asked for before the Workspace was ready
        self._pending_new = None  # a new assessment filled in before the Workspace was ready
        self._early = None  # PendingWorkspace while it opens behind the first list (assessments open at once)
        self._start_opening = _nothing
        if workspace is None and open_workspace:
            QTimer.singleShot(0, self.open_workspace)
        self._build()
        # F1: the help of the question being answered, else the guide (the toolbar's Hướng dẫn is
        # always the guide). One shortcut for both: two for F1 would be ambiguous, and neither works.
        QShortcut(QKeySequence.HelpContents, self, self.context_help)
        fit_window(self, 1280, 800, ui_settings.restore_state("window/geometry"))
        if workspace is not None:
            QTimer.singleShot(0, self.refresh_list)

    # ------------------------------------------------------------ building (again on a language switch)
    def _action(self, text: str) -> QAction:
        """An action with its text set, not given: PySide6 tries QAction(text, parent) against its
        QAction(icon, text, parent) too, which makes the QIcon class and its 150-member enum of
        theme icons in Python (4 ms of every start; no action here has an icon)."""
        action = QAction(self)
        action.setText(text)
        return action

    def _build(self) -> None:
        self.setWindowTitle(f"{tr(APP_TITLE)} — egov-desktop")
        tb = self.findChild(QToolBar, "mainToolbar")
        if tb is not None:
            self.removeToolBar(tb)
            tb.deleteLater()
        tb = QToolBar(tr("Thanh công cụ"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.addToolBar(tb)
        self.act_home = self._action(tr("Danh sách đánh giá"))
        self.act_home.setShortcut(QKeySequence("Ctrl+L"))
        self.act_home.triggered.connect(self.show_start)
        self.act_new = self._action(tr("Tạo đánh giá mới"))
        self.act_new.setShortcut(QKeySequence.New)
        self.act_new.triggered.connect(lambda: self.on_action("new"))
        self.act_settings = self._action(tr("Cài đặt"))
        self.act_settings.triggered.connect(self.show_settings)
        self.act_help = self._action(tr("Hướng dẫn"))
        self.act_help.triggered.connect(self.show_help)
        self.act_province = self._action(tr("Tổng hợp của Sở"))
        self.act_province.setToolTip(tr("Chế độ Sở: nhập báo cáo nhận được, duyệt, xếp hạng và công bố"))
        self.act_province.triggered.connect(self.show_province)
        for a in (self.act_home, self.act_new, self.act_province, self.act_settings, self.act_help):
            tb.addAction(a)
        if getattr(self, "act_quit", None) is not None:
            self.removeAction(self.act_quit)  # made again in the new language
        self.act_quit = self._action(tr("Thoát"))
        # Ctrl+Q everywhere (Windows has no standard Quit key); closing saves as the close box does
        self.act_quit.setShortcuts(list(dict.fromkeys([*QKeySequence.keyBindings(QKeySequence.Quit),
                                                       QKeySequence("Ctrl+Q")])))
        self.act_quit.triggered.connect(self._quit)
        self.addAction(self.act_quit)
        if getattr(self, "province", None) is not None:
            self.province.close_store()  # the page is rebuilt with the rest (language switch)
        self.province = None
        old = self.centralWidget()
        self.stack = QStackedWidget()
        self.start = StartPage()
        self.start.action.connect(self.on_action)
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        if old is not None:
            old.deleteLater()
        if getattr(self, "status", None) is None:  # one label for the window's life (not one per language)
            self.status = QLabel()
            self.statusBar().addPermanentWidget(self.status)

    # ------------------------------------------------------------ workspace and list
    def open_workspace(self) -> None:
        """Open the database off the GUI thread in two steps, so that the list is on screen early:
        the checks on the file, the daily backup and the list read with plain sqlite3 (a few ms),
        then the Workspace, whose import of SQLAlchemy alone takes about 0.4 s on an old PC
        (docs/performance.md, GUI). An action asked for in between runs once it is ready; an
        assessment opened in between is read with sqlite3 too (`_open_early`)."""
        from .pending_workspace import PendingWorkspace
        from .tasks import run_in_background

        early = PendingWorkspace()

        def read_first_list(ctx):
            from egov_desktop.services.opening import first_list
            warnings: list = []
            return first_list(warnings=warnings), warnings

        def first_list_read(result) -> None:
            rows, warnings = result
            self._start_opening = start_opening
            if rows is not None:  # None: a schema to create or upgrade first, left to the Workspace
                self._early = early
                self._show_rows(rows)
            self._warn(warnings)
            start_opening()

        def start_opening() -> None:
            """The Workspace and the warm-up, after the list is on screen (they would slow it down);
            once. Also called by an action that waits for the Workspace while the list is shown."""
            if self._opening is first:
                self._opening = run_in_background(open_ws, ready, failed, self)
                self._warming = run_in_background(warm_up, None, None, self)

        def warm_up(ctx):
            """Beside the Workspace: the indicator sets (New lists them; Open needs the one of the
            assessment: those of the listed ones are built), the official unit list (New) and the
            assessment screen's code (Open), so that neither waits for them. (Importing that code on
            the GUI thread while the first list is read was tried: the two took turns, and both the
            list and an Open at once came later.)"""
            from egov_desktop import units
            from egov_desktop.frameworks import registry

            from .pages import assessment, check, results  # noqa: F401 - classes only: no widget is made here

            registry.list()
            for key in dict.fromkeys((a.framework_id, a.framework_version) for a in self.start.model.rows[:20]):
                registry.for_assessment(*key)
            units.provinces()

        def open_ws(ctx):
            from egov_desktop.services.workspace import Workspace
            try:
                ws = Workspace(daily_backup=False)  # read_first_list made it
            except BaseException as e:
                early.fail(e)
                raise
            early.resolve(ws)  # here, not in ready(): an early screen's writer may be waiting for it
            return ws, ws.list_assessments()

        def ready(result) -> None:
            acted = self.workspace is not None  # an action waited for it meanwhile (_workspace_now)
            self.workspace, rows = result
            self._early = None
            self.workspace_ready.emit()
            if acted or self.start.showing_trash():  # the list may have changed; the bin opened meanwhile
                rows = self.workspace.list_assessments(deleted_only=self.start.showing_trash())
            if rows != self.start.model.rows:  # e.g. scored while opening: keep the selection otherwise
                self._show_rows(rows)
            self.list_refreshed.emit()
            key, self._pending_action = self._pending_action, None
            if key is not None:
                self.on_action(key)
            new, self._pending_new = self._pending_new, None
            if new is not None:
                try:
                    self._create(new)
                except UserError as e:
                    qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(e))

        def failed(e: BaseException) -> None:
            from egov_desktop.services.opening import DatabaseDamaged

            early.fail(e)
            self._early = None
            self.close_assessment()  # one opened early: its changes cannot be saved
            if isinstance(e, DatabaseDamaged) and e.backup is not None:
                if qt.QMessageBox.question(self, tr("Không mở được dữ liệu"), describe_error(e) + "\n\n" + tr(
                        "Khôi phục bản sao lưu này? Dữ liệu hiện tại được giữ lại thành một bản sao lưu.")) \
                        == qt.QMessageBox.Yes:
                    self.restore(e.backup.path)
                return
            qt.QMessageBox.critical(self, tr("Không mở được dữ liệu"), describe_error(e))

        self.status.setText(tr("Đang mở dữ liệu…"))
        self._opening = first = run_in_background(read_first_list, first_list_read, failed, self)

    def _warn(self, warnings) -> None:
        """Warnings of the opening (a daily backup that could not be made, read-only data) in the status bar."""
        if warnings:
            self.statusBar().showMessage(" ".join(describe_error(w) for w in warnings))

    def _show_rows(self, rows, select_id: int | None = None) -> None:
        self.start.set_rows(rows, select_id)
        self.status.setText(tr("{n} bản trong thùng rác", n=len(rows)) if self.start.showing_trash()
                            else tr("{n} bản đánh giá", n=len(rows)))
        self.list_shown.emit()

    def refresh_list(self, select_id: int | None = None) -> None:
        ws = self._workspace_now()
        if ws is None:
            return
        self._show_rows(ws.list_assessments(deleted_only=self.start.showing_trash()), select_id)
        self.list_refreshed.emit()

    def show_start(self) -> None:
        if self.screen_ is not None:
            self.screen_.flush()
        self.stack.setCurrentWidget(self.start)
        self.refresh_list(self.screen_.assessment_id if self.screen_ else None)

    # ------------------------------------------------------------ actions
    def on_action(self, key: str) -> None:
        if self.workspace is None:  # still opening: done once it is ready
            if key == "new":  # the dialog needs no database: filled in while it opens
                self.new_assessment()
                return
            if key == "open" and self._open_early():
                return
            if key == "trash" and self._list_early():
                return
            if key == "revision" and self.start.selected() and self._open_early():
                self._revise_early("revision", self.start.selected().id)
                return
            if self._early is None or key not in ASKS_FIRST:
                self._pending_action = key
                return
        # an action that asks first (ASKS_FIRST) asks at once; its database step waits for the
        # Workspace if it is still opening (_workspace_now)
        a = self.start.selected()
        try:
            if key == "new":
                self.new_assessment()
            elif key == "open" and a:
                self.open_assessment(a.id)
            elif key == "from_last_year" and a:
                period, ok = qt.QInputDialog.getText(self, tr("Tạo từ kỳ trước"),
                                                     tr("Kỳ đánh giá mới (các câu trả lời của kỳ {p} được chép sang):", p=a.period),
                                                     text=_next_period(a.period))
                if ok and period.strip():
                    created = self._workspace_now().start_from_previous(a.id, period.strip())
                    self.refresh_list(created.id)
                    self.open_assessment(created.id)
            elif key == "revision" and a:
                self._make_revision("revision", a.id)
            elif key == "delete" and a:
                if qt.QMessageBox.question(self, tr("Xóa bản đánh giá"),
                                           tr("Chuyển bản đánh giá «{name} — {period}» vào thùng rác? "
                                           "Có thể khôi phục trong «Thùng rác».",
                                           name=a.agency_name, period=a.period)) == qt.QMessageBox.Yes:
                    self._workspace_now().delete(a.id)
                    self.refresh_list()
            elif key == "trash":
                self.refresh_list()
            elif key == "restore" and a:
                self.restore_from_trash(a)
            elif key == "purge" and a or key == "empty_trash":
                self.delete_for_good(a if key == "purge" else None)
            elif key in ("questionnaire", "workbook", "import_workbook"):
                from .fill_in import run_action
                run_action(self, key, a)
            elif key == "import":
                self.import_files()
            elif key == "export" and a:
                self.export_file(a.id, a)
        except UserError as e:
            qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(e))

    def restore_from_trash(self, a) -> None:
        self.workspace.restore_deleted(a.id)
        self.refresh_list()
        self.statusBar().showMessage(tr("Đã khôi phục «{name} — {period}»", name=a.agency_name, period=a.period), 8000)

    def delete_for_good(self, a) -> None:
        """Delete the selected assessment in the bin for good, or (a None) empty the bin, once confirmed."""
        question = (tr("Xóa vĩnh viễn mọi bản đang nhập trong thùng rác? Không thể hoàn tác.") if a is None else
                    tr("Xóa vĩnh viễn «{name} — {period}»? Không thể hoàn tác.", name=a.agency_name, period=a.period))
        if qt.QMessageBox.question(self, tr("Xóa vĩnh viễn"), question, qt.QMessageBox.Yes | qt.QMessageBox.No,
                                   qt.QMessageBox.No) != qt.QMessageBox.Yes:
            return
        done = self._workspace_now().purge_deleted(None if a is None else a.id)
        self.refresh_list()
        msg = tr("Đã xóa vĩnh viễn {n} bản đánh giá và {files} tệp đính kèm không còn dùng.",
                 n=len(done.deleted), files=done.files_removed)
        if done.kept:
            msg += " " + tr("Các bản đã hoàn tất là hồ sơ đã khóa: được giữ lại ({n} bản).", n=len(done.kept))
        qt.QMessageBox.information(self, tr("Dọn thùng rác"), msg)

    def new_assessment(self):
        from .dialogs.new_assessment import NewAssessmentDialog

        dialog = NewAssessmentDialog(parent=self)
        if not dialog.exec():
            return None
        v = dialog.result_value()
        if self.workspace is None:
            self._pending_new = v  # created as soon as the database is open (a fraction of a second)
            return None
        return self._create(v)

    def _create(self, v):
        created = self.workspace.create_assessment(v.framework_id, v.framework_version, v.agency, v.period, v.respondent)
        self.refresh_list(created.id)
        self.open_assessment(created.id)
        return created

    def _workspace_now(self):
        """The Workspace; while it still opens behind an assessment opened early, wait for it."""
        if self.workspace is None and self._early is not None:
            self._start_opening()  # asked while the first list is being shown: not started yet
            self.workspace = self._early.wait()
        return self.workspace

    def _open_early(self) -> bool:
        """Open the selected assessment while the Workspace opens: read with plain sqlite3
        (services.opening.first_record), its changes queued for the Workspace
        (ui/pending_workspace.py). False when only the Workspace can read it: the Open waits."""
        a = self.start.selected()
        if a is None or self._early is None:
            return False
        from egov_desktop.frameworks import registry
        from egov_desktop.services.opening import first_record

        read = first_record(a.id)
        d = read[0].data if read is not None else None
        fw = registry.for_assessment(d.framework_id, d.framework_version, d.framework_hash) if d else None
        if fw is None:
            return False
        record, note = read
        self._show_assessment(self._early, record, framework=fw, note=note)
        return True

    def _list_early(self) -> bool:
        """The bin (or the list again) while the Workspace opens, read with plain sqlite3 as the
        first list is; False when only the Workspace can read it: the action waits."""
        if self._early is None:
            return False
        from egov_desktop.services.opening import listed

        rows = listed(deleted_only=self.start.showing_trash())
        if rows is None:
            return False
        self._show_rows(rows)
        return True

    def read_record(self, assessment_id: int):
        """The assessment as Workspace.get gives it; while the Workspace opens, read with plain
        sqlite3 (services.opening.first_record), else once it is open."""
        if self.workspace is None and self._early is not None:
            from egov_desktop.services.opening import first_record

            read = first_record(assessment_id)
            if read is not None:
                return read[0]
        return self._workspace_now().get(assessment_id)

    def open_assessment(self, assessment_id: int) -> None:
        ws = self._workspace_now()
        if self.screen_ is not None:
            self.screen_.flush()
        self._show_assessment(ws, ws.get(assessment_id))

    def _show_assessment(self, workspace, record, **early) -> None:
        """`early`: the framework and return note read with the record (AssessmentScreen)."""
        from .pages.assessment import AssessmentScreen

        if self.screen_ is not None:
            self.screen_.flush()
            self.stack.removeWidget(self.screen_)
            self.screen_.deleteLater()
        # made inside the stack it goes in: added to it afterwards, Qt would walk the whole new
        # screen again to give it the application's style (about 10 ms)
        self.screen_ = AssessmentScreen(workspace, record, parent=self.stack, **early)
        self.screen_.finalised.connect(lambda _: self.refresh_list())
        self.screen_.report_requested.connect(self.make_report)
        self.screen_.forms_requested.connect(self._forms_for_open)
        self.screen_.revise_requested.connect(self.revise)
        self.stack.addWidget(self.screen_)
        self.stack.setCurrentWidget(self.screen_)
        self.screen_.questionnaire.current_page() and self.screen_.questionnaire.current_page().focus_first()

    def revise(self, assessment_id: int) -> None:
        """"Sửa và gửi lại": the draft revision to correct a returned assessment in, opened."""
        if self.workspace is None and self._early is not None:
            self._revise_early("correction", assessment_id)
        else:
            self._make_revision("correction", assessment_id)

    def _revise_early(self, kind: str, assessment_id: int) -> None:
        """A new revision asked for while the Workspace opens, the finalised one shown (read with
        sqlite3): the screen becomes the revision's draft at once, its making queued as the first
        write (AssessmentScreen.start_revision), so what is typed meanwhile goes to the revision."""
        ws, screen = self._early, self.screen_
        name = "correction" if kind == "correction" else "new_revision"  # looked up on the writer: it waits
        screen.revision_made.connect(lambda made: self._revision_made(kind, made))
        self._start_opening()  # asked while the first list is being shown: not started yet
        screen.start_revision(lambda: getattr(ws, name)(assessment_id))
        self.statusBar().showMessage(tr("Đang tạo lần sửa đổi… (dữ liệu đang mở, chỉ trong giây lát)"))

    def _make_revision(self, kind: str, assessment_id: int) -> None:
        """The draft revision of a finalised assessment ("revision") or of a returned one to
        correct ("correction", with the Sở's remarks), made and opened."""
        try:
            draft = (self.workspace.correction if kind == "correction" else self.workspace.new_revision)(assessment_id)
        except UserError as e:
            qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(e))
            return
        self.refresh_list(draft.id)
        self.open_assessment(draft.id)
        self._revision_made(kind, draft)

    def _revision_made(self, kind: str, draft) -> None:
        """The new revision exists and is open for editing: say so (the list shows it once back)."""
        if kind == "correction":
            self.statusBar().showMessage(tr("Lần sửa đổi {rev} (bản nháp): sửa các câu có nhận xét của Sở, rồi hoàn "
                                            "tất và gửi lại báo cáo.", rev=draft.revision), 15000)
        else:
            self.statusBar().showMessage(tr("Lần sửa đổi {rev} (bản nháp)", rev=draft.revision), 15000)
        self.revision_opened.emit(draft.id)

    def _forms_for_open(self, key: str) -> None:
        """Paper form, workbook or import for the open assessment (its screen's «Phiếu để điền»)."""
        from .fill_in import run_action

        self.screen_.flush()
        try:
            run_action(self, key, self._workspace_now().summary(self.screen_.assessment_id))
        except UserError as e:
            qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(e))

    def import_files(self) -> None:
        paths, _ = qt.QFileDialog.getOpenFileNames(
            self, tr("Nhập tệp đánh giá hoặc mở phiếu trả lại"), ui_settings.last_folder("import"),
            tr("Tệp đánh giá, phiếu trả lại của Sở (*.egov.json *.json *.pdf);;Tệp đánh giá (*.egov.json *.json);;"
               "Phiếu trả lại của Sở (*.pdf)"))
        if not paths:
            return
        ui_settings.remember_folder("import", paths[0])
        self.open_files(paths)

    def open_files(self, paths: list[str]) -> None:
        """Assessment files are imported; a PDF is the Sở's return note: kept with the assessment it
        returns, which is then opened with each remark under its question."""
        from .tasks import run_with_progress

        if self.workspace is None and self._early is None:  # still opening (a file given at start): once it is ready
            self.workspace_ready.connect(lambda: self.open_files(paths), Qt.SingleShotConnection)
            return
        ws = self.workspace or self._early  # the worker waits for a Workspace still opening

        def work(ctx):
            done, notes, problems = [], [], []
            for i, p in enumerate(paths):
                if not ctx.progress(i, len(paths), Path(p).name):
                    break
                try:
                    if Path(p).suffix.lower() == ".pdf":
                        notes.append(ws.open_return_note(p))
                    else:
                        done.append(ws.import_file(p))
                except UserError as e:
                    problems.append(e.describe(language()))
            return done, notes, problems

        def finished(result):
            done, notes, problems = result
            last = notes[-1].open_id if notes else done[-1].assessment_id if done else None
            self.refresh_list(last)
            if notes:
                self.open_assessment(notes[-1].open_id)
                n = notes[-1]
                self.statusBar().showMessage(tr(
                    "Đã mở phiếu trả lại của {issuer}: {n} câu có nhận xét; bản lần {rev} chuyển sang «Trả lại để sửa».",
                    issuer=n.note.issuer or tr("Sở"), n=len(n.note.remarks), rev=n.returned.revision), 15000)
                self.note_opened.emit(n)
            if done or problems:
                msg = tr("Đã nhập {n} tệp.", n=sum(r.outcome == "created" for r in done))
                dup = sum(r.outcome == "duplicate" for r in done)
                if dup:
                    msg += " " + tr("{n} tệp đã có sẵn.", n=dup)
                if problems:
                    msg += "\n\n" + tr("Không nhập được:") + "\n" + "\n".join(problems)
                qt.QMessageBox.information(self, tr("Nhập tệp"), msg)
            self.files_opened.emit(len(done) + len(notes), problems)

        run_with_progress(self, tr("Đang nhập tệp…"), work, finished, self._task_failed)

    def export_file(self, assessment_id: int, a=None) -> None:
        a = a or self._workspace_now().summary(assessment_id)
        from egov_desktop.reports.names import report_file_name

        name = report_file_name(a.agency_name, a.period, a.framework_id, ".egov.json")
        path, _ = qt.QFileDialog.getSaveFileName(self, tr("Xuất tệp đánh giá"),
                                                 str(Path(ui_settings.last_folder("export")) / name),
                                                 tr("Tệp đánh giá (*.egov.json)"))
        if path:
            ui_settings.remember_folder("export", path)
            self._workspace_now().export_file(assessment_id, path)
            self.statusBar().showMessage(tr("Đã xuất {path}", path=path), 8000)

    def make_report(self, kind: str) -> None:
        from .reports import make_report

        if self.screen_ is not None:
            self.screen_.flush()
        make_report(self, self._workspace_now(), self.screen_, kind)

    def show_province(self) -> None:
        """The province mode (ui/province), made and connected to its store the first time."""
        if self.province is None:
            from .province.page import ProvincePage

            self.province = ProvincePage()
            self.stack.addWidget(self.province)
            self.province.open()
        if self.screen_ is not None:
            self.screen_.flush()
        self.stack.setCurrentWidget(self.province)

    def _task_failed(self, error: BaseException) -> None:
        qt.QMessageBox.warning(self, tr("Không thực hiện được"), describe_error(error))

    # ------------------------------------------------------------ settings, language, help
    def show_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        ws = self.workspace
        dialog = SettingsDialog(ws.backups() if ws else [], self)
        dialog.language_chosen.connect(self.switch_language)
        dialog.language_chosen.connect(lambda _: dialog.accept())

        def backup():
            try:
                ws.backup("manual")
                dialog.fill_backups(ws.backups())
            except UserError as e:
                qt.QMessageBox.warning(dialog, tr("Không sao lưu được"), describe_error(e))

        def restore(path: str) -> None:
            info = next((b for b in dialog.backup_infos if str(b.path) == path), None)
            when = f"{fmt_date(info.created)} {info.created[11:16]}" if info else Path(path).name
            if qt.QMessageBox.question(dialog, tr("Khôi phục bản sao lưu này"), tr(
                    "Thay dữ liệu hiện tại bằng bản sao lưu lúc {when}? Dữ liệu hiện tại được giữ lại thành "
                    "một bản sao lưu, có thể khôi phục lại.", when=when)) != qt.QMessageBox.Yes:
                return
            self.restore(path, dialog)

        def check() -> None:
            from egov_desktop.services.backups import check_database
            from .tasks import run_with_progress

            def done(problems) -> None:
                if problems:
                    qt.QMessageBox.warning(dialog, tr("Dữ liệu bị hỏng"), "\n".join(problems[:10]) + "\n\n" + tr(
                        "Chọn một bản sao lưu làm trước khi hỏng rồi bấm «Khôi phục bản sao lưu này»."))
                else:
                    qt.QMessageBox.information(dialog, tr("Kiểm tra dữ liệu"), tr("Dữ liệu toàn vẹn."))
                self.check_finished.emit(problems)

            def failed(e: BaseException) -> None:   # in use, disk full...: not damage
                qt.QMessageBox.warning(dialog, tr("Không kiểm tra được"), describe_error(e))
                self.check_finished.emit(None)

            run_with_progress(self, tr("Đang kiểm tra dữ liệu…"), lambda ctx: check_database(None), done, failed)

        dialog.check_requested.connect(check)
        dialog.frameworks_requested.connect(lambda: self.show_frameworks(dialog))
        dialog.backup_requested.connect(backup)
        dialog.restore_requested.connect(restore)
        dialog.exec()

    def show_frameworks(self, parent=None) -> None:
        """Settings → Bộ tiêu chí (ui/dialogs/frameworks_dialog.py)."""
        from .dialogs.frameworks_dialog import FrameworksDialog

        self.frameworks_dialog = FrameworksDialog(self._assessments_using, parent or self)
        self.frameworks_dialog.exec()

    def _assessments_using(self, framework_id: str, version: str) -> int:
        ws = self.workspace
        if ws is None:
            return 0
        return sum(1 for a in ws.list_assessments(include_deleted=True)
                   if a.framework_id == framework_id and a.framework_version == version)

    def install_framework_file(self, path: str) -> None:
        """A framework file opened with the program (`egov-desktop FILE.yaml`): installed once the
        officer agrees, after its check; every problem is shown otherwise."""
        from .dialogs.frameworks_dialog import install_file

        if qt.QMessageBox.question(self, tr("Cài bộ tiêu chí"), tr(
                "Cài bộ tiêu chí trong tệp {file} vào chương trình? Tệp được kiểm tra trước khi cài.",
                file=Path(path).name)) != qt.QMessageBox.Yes:
            return

        def done(result) -> None:
            fw = result.framework
            done_text = (tr("Đã có sẵn (cùng nội dung): {ref}", ref=f"{fw.id}@{fw.version}")
                         if result.outcome == "already" else tr("Đã cài {ref}", ref=f"{fw.id}@{fw.version}"))
            qt.QMessageBox.information(self, tr("Cài bộ tiêu chí"), done_text + "\n\n" + result.issuer.describe())
            self.framework_installed.emit(f"{fw.id}@{fw.version}")

        def failed(e: BaseException) -> None:
            qt.QMessageBox.warning(self, tr("Không cài được bộ tiêu chí"), describe_error(e))
            self.framework_installed.emit("")

        install_file(self, path, done, failed)

    def restore(self, path: str, dialog=None) -> None:
        """Restore a backup off the GUI thread (storage.backup.restore), then reopen the data.
        The database is closed first here (the Workspace, the province page): a restore is
        refused while any program, this one included, has it open."""
        from .tasks import run_with_progress

        self.close_assessment()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None   # actions asked for meanwhile wait for the reopened Workspace
        province_open = self.province is not None and self.province.store is not None
        if province_open:
            self.province.close_store()

        def work(ctx):
            from egov_desktop.services.workspace import Workspace, restore_backup
            error = None
            try:
                restore_backup(None, path)
            except UserError as e:   # refused or failed: the data stays as it was
                error = e
            ws = Workspace(daily_backup=False)
            return ws, ws.list_assessments(), error

        def done(result) -> None:
            self.workspace, rows, error = result
            self._show_rows(rows)
            self.list_refreshed.emit()
            if province_open:
                self.province.open()
            if dialog is not None:
                dialog.fill_backups(self.workspace.backups())
            if error is not None:
                qt.QMessageBox.warning(dialog or self, tr("Không khôi phục được"), describe_error(error))
            else:
                self.statusBar().showMessage(tr("Đã khôi phục bản sao lưu; dữ liệu trước đó được giữ lại thành "
                                                "một bản sao lưu."), 15000)
            self.restore_finished.emit(error is None)

        def failed(e: BaseException) -> None:
            qt.QMessageBox.critical(self, tr("Không mở được dữ liệu"), describe_error(e))
            self.restore_finished.emit(False)

        run_with_progress(self, tr("Đang khôi phục bản sao lưu…"), work, done, failed)

    def close_assessment(self) -> None:
        if self.screen_ is not None:
            self.screen_.flush()
            self.stack.setCurrentWidget(self.start)
            self.stack.removeWidget(self.screen_)
            self.screen_.deleteLater()
            self.screen_ = None

    def switch_language(self, lang: str) -> None:
        """Rebuild every screen in the new language; the user stays where they were: the open
        assessment on its tab and pillar, the province page with its framework, period and tab."""
        if lang == language():
            return
        set_language(lang)
        apply_qt_language(lang)
        ui_settings.save_language(lang)
        where = self._where()
        if self.screen_ is not None:
            self.screen_.flush()
        self.screen_ = None
        self._build()
        self.refresh_list(where.get("assessment"))
        if "assessment" in where:
            self.open_assessment(where["assessment"])
            if where["pillar"]:
                self.screen_.questionnaire.open_pillar(where["pillar"])
            self.screen_.tabs.setCurrentIndex(where["tab"])
            if where["page"] != "assessment":
                self.stack.setCurrentWidget(self.start)
        if where["page"] == "province":
            self.show_province()
            self.province.keep_choice(where["framework"], where["period"], where["province_tab"])
        self.language_changed.emit(lang)

    def _where(self) -> dict:
        """The page on screen and what is chosen on it (kept across a language switch)."""
        current = self.stack.currentWidget()
        where: dict = {"page": "province" if current is self.province and current is not None
                       else "assessment" if current is self.screen_ and current is not None else "start"}
        if self.screen_ is not None:
            page = self.screen_.questionnaire.current_page()
            where.update(assessment=self.screen_.assessment_id, tab=self.screen_.tabs.currentIndex(),
                         pillar=page.pillar.id if page is not None else None)
        if self.province is not None:
            where.update(framework=self.province.framework_id(), period=self.province.period_id(),
                         province_tab=self.province.tabs.currentIndex())
        return where

    def context_help(self) -> None:
        """F1: the help of the question being answered, else the guide."""
        screen = self.screen_ if self.screen_ is not None and self.stack.currentWidget() is self.screen_ else None
        if screen is None or screen.questionnaire.show_question_help() is None:
            self.show_help()

    def show_help(self) -> None:
        from .help import show_help

        show_help(self)

    def _quit(self) -> None:  # a slot returns None (ui/tasks.py): not connect(self.close)
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802
        ui_settings.save_state("window/geometry", self.saveGeometry())
        if self.screen_ is not None:
            self.screen_.flush()
        from .tasks import wait_for_all
        wait_for_all(10000)
        ws = self.workspace or (self._early.opened() if self._early is not None else None)
        if ws is not None:  # also one that opened while the window closed
            ws.close()
        if self.province is not None:
            self.province.close_store()
        super().closeEvent(event)


def _next_period(period: str) -> str:
    return str(int(period) + 1) if period.isdigit() else period


def _nothing() -> None:
    """No Workspace to start opening (one was given, or it is open)."""
