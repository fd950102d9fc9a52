"""Old office screens (1366×768 with a taskbar, 1024×768): the window and every dialog fit the
available screen, a remembered geometry never leaves it, and nothing needs horizontal scrolling."""
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

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
    # and it could be narrower still: 1024 px at Windows' 125 % text size leave 819 px
    assert w.minimumSizeHint().width() <= 819 - 16, w.minimumSizeHint()
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
                          status="received", signature="unsigned", digital_signer="")
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


# ------------------------------------------------------------ nothing needs horizontal scrolling
def _settle() -> None:
    for _ in range(6):  # layout requests post further ones (rows, then the page, then the scroll area)
        QApplication.processEvents()


def _outside(area, widgets) -> list[str]:
    """The widgets that reach beyond the scroll area's (or table's) viewport, left or right."""
    from PySide6.QtCore import QPoint

    vp = area.viewport()
    out = []
    for w in widgets:
        if w.isVisibleTo(vp) and w.width() > 0:
            left = w.mapTo(vp, QPoint(0, 0)).x()
            if left < 0 or left + w.width() > vp.width():
                out.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} at {left}+{w.width()} > {vp.width()}")
    return out


def _columns_outside(table) -> list[str]:
    header = table.horizontalHeader()
    vp = table.viewport().width()
    return [str(table.model().headerData(c, Qt.Horizontal)) for c in range(header.count())
            if not header.isSectionHidden(c) and header.sectionViewportPosition(c) + header.sectionSize(c) > vp]


def _widths(table) -> tuple:
    header = table.horizontalHeader()
    return table.viewport().width(), [(str(table.model().headerData(c, Qt.Horizontal)), header.sectionSize(c))
                                      for c in range(header.count())]


def _longest_choices(ws, aid, fw) -> None:
    """Every choice question answered with its longest choice: the widest results table."""
    from egov_desktop.i18n import pick

    for ind in fw.indicators.values():
        if ind.type == "choice" and ind.choices:
            ws.set_answer(aid, ind.id, max(ind.choices, key=lambda c: len(pick(c.label))).id)
        elif ind.type == "multiple" and ind.choices:
            ws.set_answer(aid, ind.id, [c.id for c in ind.choices])


@pytest.mark.parametrize("width", [1024, 1366])
def test_every_question_page_and_the_results_fit_without_horizontal_scrolling(qtbot, window, width):
    from egov_desktop.domain import Agency, Respondent

    ws = window.workspace
    a = ws.create_assessment("xa-2025", None, Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19"),
                             "2025", Respondent("Nguyễn Thị Hoa"))
    fw = ws.framework("xa-2025", a.framework_version)
    assert len(fw.indicators) >= 51
    _longest_choices(ws, a.id, fw)
    window.showNormal()
    window.resize(width, 768 - 40 - 30)  # maximised on the screen: minus the taskbar and the title bar
    window.open_assessment(a.id)
    screen = window.screen_
    q = screen.questionnaire
    for pillar in fw.pillars:
        page = q.open_pillar(pillar.id)
        for row in page.rows.values():  # every row built
            if row.comment_button is not None:
                row.comment_button.setChecked(True)  # the comment line open too
        _settle()
        assert not q.scroll.horizontalScrollBar().isVisible(), (pillar.id, _outside(q.scroll, [w for r in page.visible_rows() for w in [r, *r.findChildren(QWidget)]]))
        rows = page.visible_rows()
        assert rows
        widgets = [w for r in rows for w in [r, *r.findChildren(QWidget)]]
        assert _outside(q.scroll, widgets) == [], pillar.id
    screen.tabs.setCurrentWidget(screen.results)
    _settle()
    results = screen.results
    assert not results.horizontalScrollBar().isVisible()
    assert not results.table.horizontalScrollBar().isVisible()
    assert _outside(results, [results.table, results.chart, results.plan]) == []
    assert _columns_outside(results.table) == []


def _ranking(fw):
    from egov_desktop.province.ranking import RankedAgency, Ranking

    names = ["Phường Đồng Hới", "Xã Trường Sơn Đông Bắc", "Phường Nam Đông Hà", "Đặc khu Cồn Cỏ"]
    pillars = tuple(p.id for p in fw.pillars)
    rows = tuple(RankedAgency(i, f"1919{i}", n, "19", "Tỉnh Quảng Trị", 0.9 - i / 10, 900.25 - i * 100, "Khá", "Fair",
                              i + 1, i + 2, 1 if i % 2 else -1, {p: 0.876 for p in pillars},
                              {p: i + 1 for p in pillars}, "accepted") for i, n in enumerate(names))
    return Ranking(fw.id, fw.version, "2025", None, "absolute", "2024", pillars, rows)


def _comparison(fw):
    from egov_desktop.province.ranking import Comparison, IndicatorComparison, PillarDistribution

    names = ("Phường Đồng Hới", "Xã Trường Sơn Đông Bắc", "Phường Nam Đông Hà", "Đặc khu Cồn Cỏ")
    inds = tuple(IndicatorComparison(i.id, names, names[1:], 1.0, 0.125, 3, 4)
                 for i in fw.indicators.values() if i.scoring is not None)
    pillars = tuple(PillarDistribution(p.id, 4, 0.1234, 0.25, 0.5, 0.75, 0.9876, 0.5555) for p in fw.pillars)
    return Comparison(inds, inds[:10], pillars)


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_ranking_and_the_comparison_show_their_numbers_at_1024_and_1366(qtbot, vi, width, monkeypatch):
    from egov_desktop.frameworks import registry
    from tests.ui.province_samples import opened_province_page
    from ui.tasks import wait_for_all

    fw = registry.get("xa-2025")
    page = opened_province_page(qtbot, width, 768 - 40 - 30 - 60)  # the window less its toolbar and status bar
    monkeypatch.setattr(page, "framework_id", lambda: fw.id)
    monkeypatch.setattr(page, "period_id", lambda: "2025")
    page.tabs.setCurrentWidget(page.ranking)
    import dataclasses
    for r in (_ranking(fw), dataclasses.replace(_ranking(fw), include_pending=True)):  # with the status column
        page.ranking.show_ranking(r)
        _settle()
        table = page.ranking.table
        assert not table.horizontalScrollBar().isVisible(), repr(_widths(table))
        assert _columns_outside(table) == []
    page.tabs.setCurrentWidget(page.compare)
    page.compare.show_comparison(_comparison(fw))
    _settle()
    for table in (page.compare.indicator_table, page.compare.missed_table, page.compare.pillar_table):
        assert not table.horizontalScrollBar().isVisible(), repr(_widths(table))
        assert _columns_outside(table) == []
    wait_for_all()
    page.close_store()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_assessment_screen_s_header_row_fits_1024_even_at_125_percent(qtbot, window, lang):
    """The header beside its buttons (issuing details, PDF, Excel, send, forms) fits a maximised
    1024 px window and would fit the 819 px that 1024 px leave at Windows' 125 % text size."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPushButton

    from egov_desktop.domain import Agency, Respondent
    from egov_desktop.i18n import set_language, tr

    set_language(lang)
    ws = window.workspace
    a = ws.create_assessment("xa-2025", None, Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19"),
                             "2025", Respondent("Nguyễn Thị Hoa"))
    window.showNormal()
    window.resize(SMALLEST.width(), 768 - 40 - 30)
    window.open_assessment(a.id)
    _settle()
    screen = window.screen_
    assert window.width() == SMALLEST.width()
    assert screen.minimumSizeHint().width() <= 819 - 16, screen.minimumSizeHint()
    row = [screen.profile_button, screen.send_button, screen.forms]
    row += [b for b in screen.findChildren(QPushButton) if b.text() in (tr("Báo cáo PDF…"), tr("Bảng tính Excel…"))]
    assert len(row) == 5
    for b in row:
        left = b.mapTo(screen, QPoint(0, 0)).x()
        assert 0 <= left and left + b.width() <= screen.width(), (b.text(), left, b.width(), screen.width())
        assert b.width() >= b.sizeHint().width(), b.text()   # no button squeezed below its text
    assert screen.header.width() >= 300


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_province_page_fits_1024_with_every_tab(qtbot, lang, _isolated_data_dir):
    """The reviewer's page, every tab included (the ranking tab's choices and publishing buttons
    sit on two rows), is narrower than a maximised 1024 px window."""
    from egov_desktop.i18n import language, set_language
    from ui.province.page import ProvincePage

    before = language()
    set_language(lang)
    try:
        page = ProvincePage()
        qtbot.addWidget(page)
        page.show()
        _settle()
        assert page.minimumSizeHint().width() <= SMALLEST.width() - 16, page.minimumSizeHint()
        for tab in (page.importing, page.submissions, page.roster, page.ranking, page.compare, page.trend):
            assert tab.minimumSizeHint().width() <= SMALLEST.width() - 40, (type(tab).__name__, tab.minimumSizeHint())
    finally:
        set_language(before)
