"""The look without an application style sheet (ui/style.py): a style sheet makes Qt polish every
widget through QStyleSheetStyle (about 30 ms of opening an assessment), so the program has none,
and the titles, colours, boxes and the focus mark of the form's choices are still there."""
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QListWidget, QWidget

from egov_desktop.domain import Agency, Respondent
from ui import style


def _open(qtbot, window):
    ws = window.workspace
    a = ws.create_assessment("mini-test", None, Agency("Phường Đồng Hới", "commune", "19190", "Tỉnh Quảng Trị", "19"),
                             "2025", Respondent("Nguyễn Thị Hoa"))
    window.resize(1024, 700)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.open_assessment(a.id)
    return window.screen_


def _count(image, colour: str) -> int:
    c = QColor(colour)
    return sum(image.pixelColor(x, y) == c for y in range(image.height()) for x in range(image.width()))


def _text_colour(label: QLabel) -> str:
    return label.palette().color(QPalette.WindowText).name()


def test_no_application_style_sheet_and_none_on_the_opened_assessment(qtbot, window):
    assert QApplication.instance().styleSheet() == ""
    screen = _open(qtbot, window)
    styled = [w for w in screen.findChildren(QWidget) if w.style().metaObject().className() == "QStyleSheetStyle"]
    assert styled == []


def test_titles_colours_and_boxes_are_set_on_the_widgets(qtbot, window):
    screen = _open(qtbot, window)
    q = screen.questionnaire
    normal = QApplication.font().pointSizeF()
    title = q.current_page().findChild(QLabel, "pageTitle")
    assert title.font().bold() and title.font().pointSizeF() == 15 > normal
    assert title.font().family() == QApplication.font().family()
    panel_title = screen.findChild(QLabel, "panelTitle")
    assert panel_title.font().bold() and panel_title.font().pointSizeF() == 11
    total = screen.findChild(QLabel, "bigTotal")
    assert total.font().pointSizeF() == 20 and _text_colour(total) == style.BLUE
    calculated = q.current_page().rows["pc_ratio"].editor.label
    assert calculated.objectName() == "calculated" and calculated.font().bold() and _text_colour(calculated) == style.BLUE
    hint = q.current_page().rows["staff"].editor.findChild(QLabel, "hint")
    assert hint.text() == "(1 – 10.000)" and _text_colour(hint) == style.HINT
    # the score panel: its light background inside a border
    panel = screen.findChild(QFrame, "scorePanel")
    image = panel.grab().toImage()
    x = image.width() // 2
    assert image.pixelColor(x, image.height() - 3) == QColor("#f5f8fb")
    assert image.pixelColor(x, image.height() - 1) == QColor("#dde4ea")
    # the groups' list: 6 px above and below each group's name, as a plain list would not have
    nav = q.nav
    plain = QListWidget()
    plain.setWordWrap(True)
    plain.resize(nav.size())
    plain.addItem(nav.item(0).text())
    assert nav.visualItemRect(nav.item(0)).height() == plain.sizeHintForRow(0) + 12


def test_a_remark_band_is_a_yellow_band_with_a_bar_on_its_left(qtbot):
    band = QLabel("Nhận xét của Sở: số máy tính không khớp")
    style.remark_band(band)
    qtbot.addWidget(band)
    band.resize(300, 30)
    image = band.grab().toImage()
    assert image.pixelColor(1, 15) == QColor("#c98a00")
    assert image.pixelColor(298, 15) == QColor("#fff4d6")
    assert _text_colour(band) == "#3d2b00" and band.contentsMargins().left() == 10


def test_the_focused_choice_shows_a_background(qtbot, window):
    screen = _open(qtbot, window)
    page = screen.questionnaire.open_pillar("dich_vu")
    radio = page.rows["dvc_level"].editor.group.buttons()[0]
    box = page.rows["channels"].editor.boxes[0][1]
    for choice, row in ((radio, page.rows["dvc_level"]), (box, page.rows["channels"])):
        screen.questionnaire.filter.setFocus()
        assert _count(choice.grab().toImage(), style.FOCUS) == 0
        row.focus_editor()
        assert QApplication.focusWidget() is choice
        assert _count(choice.grab().toImage(), style.FOCUS) > choice.width() * choice.height() // 3
