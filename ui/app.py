"""GUI entry point: `egov-desktop` with no arguments."""
from __future__ import annotations

import gc
import os
import sys

# Set by installer/smoke_test.sh: quit as soon as the first window is on screen, after saying so.
QUIT_AFTER_SHOW = "EGOV_DESKTOP_QUIT_AFTER_SHOW"


def run(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from egov_desktop.paths import data_dir

    from .single_instance import SingleInstance, bring_forward

    guard = SingleInstance(data_dir())
    if not guard.acquire():  # a copy runs on this data folder: bring it forward instead
        return _already_running(guard, data_dir(), argv)
    window = create_window(app, argv)
    guard.show_requested.connect(lambda: bring_forward(window))
    window.show()
    offer_to_install(window, argv)
    if os.environ.get(QUIT_AFTER_SHOW):
        quit_once_shown(app, window)
    code = app.exec()
    from .tasks import wait_for_all
    wait_for_all()  # no worker may outlive the interpreter (e.g. the database still opening)
    guard.release()
    return code


def _already_running(guard, folder, argv: list[str] | None) -> int:
    """Another copy holds this data folder: ask it to come forward, and say so."""
    from egov_desktop.i18n import tr

    apply_language(argv)
    if guard.ask_first_to_show():
        print(tr("Chương trình đã đang chạy với thư mục dữ liệu {folder}: cửa sổ đó được đưa lên trước.",
                 folder=folder), flush=True)
        return 0
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(None, "egov-desktop", tr(
        "Chương trình đang mở với thư mục dữ liệu {folder} nhưng chưa trả lời. Hãy tìm cửa sổ của nó trên "
        "thanh tác vụ, hoặc đợi một lát rồi mở lại.", folder=folder))
    return 1


def apply_language(argv: list[str] | None = None) -> None:
    """The saved language, unless --lang or EGOV_DESKTOP_LANG chose one; Qt's own texts with it."""
    from egov_desktop.i18n import language, set_language

    from .qt_language import apply_qt_language
    from .settings import saved_language

    lang_given = argv is not None and "--lang" in argv
    lang = saved_language()
    if lang and not lang_given and not os.environ.get("EGOV_DESKTOP_LANG"):
        set_language(lang)
    apply_qt_language(language())


def skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it, to find whether it asks for
    one of PySide's optional features (`from __feature__ import snake_case`, PYSIDE-2029). This
    program asks for none, and reading the ~120 modules on the way to an open assessment took
    13 ms of each start from source (less in the frozen build, which has no sources to read);
    a module it does not scan is one it leaves out of feature switching, as it should."""
    try:
        from PySide6.support import feature
    except ImportError:  # another PySide6 layout: nothing to skip
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False


def create_window(app, argv: list[str] | None = None, **kw):
    """Set up the application (name, icon, language, style) and make the main window."""
    resume_collection = pause_collection()  # first: the imports below make most of what it spares
    skip_feature_scan()
    from .main_window import MainWindow
    from .style import apply_style

    from PySide6.QtCore import Qt, QTimer

    app.setApplicationName("egov-desktop")
    app.setOrganizationName("egov-desktop")
    apply_language(argv)
    window = MainWindow(**kw)

    def started() -> None:
        apply_style(app)
        resume_collection()

    # Once the first list is on screen, posted behind what that turn does (an Open at once): the
    # icon (its classes and image files, 4-5 ms) and the garbage collector.
    window.list_shown.connect(lambda: QTimer.singleShot(0, started), Qt.SingleShotConnection)
    QTimer.singleShot(int(START_SECONDS * 1000), resume_collection)  # a start that shows no list (a damaged database)
    return window


START_SECONDS = 5  # the collector is paused at most this long at start


def pause_collection():
    """Pause the cyclic garbage collector while the program starts; returns what resumes it.

    A start makes some 30,000 objects that live as long as the program (modules, classes, the Qt
    enums PySide6 builds in Python), and every collection of the older generation walks them
    again: about 60 collections and 11-17 ms of each start until an assessment opened at once is
    on screen (docs/performance.md, GUI). Objects are still freed as soon as nothing refers to
    them; only reference cycles wait, and are collected once the collector resumes. A collector
    already paused by whoever runs the program stays as they left it."""
    if not gc.isenabled():
        return lambda: None  # nothing to resume
    gc.disable()
    return gc.enable


def offer_to_install(window, argv: list[str] | None) -> None:
    """Opened with a file the province sent (a double-click): a framework is offered for
    installing, a return note (PDF) is opened in its assessment."""
    from PySide6.QtCore import QTimer

    from egov_desktop.cli import opened_file

    path = opened_file(argv or [])
    if path and path.lower().endswith(".pdf"):
        QTimer.singleShot(0, lambda: window.open_files([path]))
    elif path:
        QTimer.singleShot(0, lambda: window.install_framework_file(path))


def quit_once_shown(app, window) -> None:
    """Once the event loop runs (the window is mapped), report the window and quit cleanly."""
    from PySide6.QtCore import QTimer

    def report_and_quit() -> None:
        print(f"window shown: {window.windowTitle()} visible={window.isVisible()}", flush=True)
        app.quit()

    QTimer.singleShot(0, report_and_quit)
