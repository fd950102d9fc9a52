"""Old office screens (1366×768 with a taskbar, 1024×768): the window and every dialog fit the
available screen, a remembered geometry never leaves it, and nothing needs horizontal scrolling."""
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication

# 1024×768 minus a 40 px taskbar and the window frame (ui/screen_fit.FRAME)
SMALLEST = QSize(1024 - 16, 768 - 40 - 40)


def _available() -> QRect:
    return QApplication.primaryScreen().availableGeometry()


def _open_window(qtbot):
    from ui.app import create_window

    w = create_window(QApplication.instance())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.list_refreshed, timeout=10000):
        w.show()
    return w


def test_the_first_window_fits_the_available_screen(qtbot, mini_framework, vi):
    w = _open_window(qtbot)
    area = _available()  # the offscreen screen is 800 px wide: smaller than the 1280 px wished for
    assert area.contains(w.frameGeometry()), (w.frameGeometry(), area)
    assert w.width() <= area.width()
    w.close()


def test_a_remembered_geometry_never_restores_larger_than_or_off_the_screen(qtbot, mini_framework, vi):
    w = _open_window(qtbot)
    w.showNormal()
    w.resize(2400, 1600)  # e.g. saved on a large monitor since unplugged
    w.move(5000, 4000)
    w.close()
    w2 = _open_window(qtbot)
    area = _available()
    assert area.contains(w2.frameGeometry()), (w2.frameGeometry(), area)
    w2.close()


def _dialogs(workspace_data):
    from ui.dialogs.evidence import EvidenceDialog
    from ui.dialogs.new_assessment import NewAssessmentDialog
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.help import GuideDialog, guide_path
    from ui.province.answers_dialog import AnswersDialog
    from ui.province.submissions_tab import ReturnDialog

    sub = SimpleNamespace(agency_name="Phường Đồng Hới", period="2025", source_name="2025-A.pdf", revision=1,
                          status="received", signature="unsigned")
    return [NewAssessmentDialog(), EvidenceDialog("Số máy tính", ()), SettingsDialog([]),
            GuideDialog(guide_path("vi")), AnswersDialog(sub, workspace_data), ReturnDialog(sub)]


def test_every_dialog_fits_the_screen_and_a_1024x768_one(qtbot, mini_framework, vi, _isolated_data_dir):
    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.services.workspace import Workspace

    with Workspace(_isolated_data_dir) as ws:
        a = ws.create_assessment("mini-test", None, Agency("Phường Đồng Hới", "commune"), "2025", Respondent("A"))
        data = ws.get(a.id).data
    area = _available()
    for d in _dialogs(data):
        qtbot.addWidget(d)
        d.show()
        name = type(d).__name__
        assert d.width() <= area.width() - 16 and d.height() <= area.height() - 40, (name, d.size())
        need = d.minimumSizeHint()
        assert need.width() <= SMALLEST.width() and need.height() <= SMALLEST.height(), (name, need)
        d.close()


@pytest.mark.parametrize("area, maximised", [(QRect(0, 0, 1024, 768), True), (QRect(0, 0, 1366, 728), True),
                                             (QRect(0, 0, 1920, 1040), False)])
def test_the_window_is_maximised_on_a_screen_smaller_than_it(qtbot, area, maximised):
    from PySide6.QtWidgets import QMainWindow

    from ui.screen_fit import fit_window

    w = QMainWindow()
    qtbot.addWidget(w)
    fit_window(w, 1280, 800, None, area)
    assert w.isMaximized() == maximised
    assert area.contains(QRect(w.pos(), w.size() + QSize(16, 40)))
