"""The look: application icon, colours, fonts and the few painted touches (all in one place).

There is no application style sheet: with one, Qt wraps the style in QStyleSheetStyle and polishes
every widget through it (about 12 ms of each opened assessment, more the first time). A widget
gets its look from a helper here, called where it is made; the helper also gives it the object
name tests look for:

    style.page_title(label)    15 pt bold              style.hint(label)            grey text
    style.panel_title(label)   11 pt bold              style.calculated(label)      blue bold
    style.section_title(label) 11 pt bold              style.pillar_summary(label)  dark grey
    style.big_total(label)     20 pt bold, blue        style.coloured(label, ...)   a status line
    style.strong_button(b)     bold, padded            style.pillar_nav(list)       padded items
    style.score_panel(frame) + paint_score_panel in its paintEvent, style.note_panel(frame),
    style.remark_band(label): painted boxes
    style.transparent(text_browser)                    RadioButton, CheckBox: the focus mark

Fonts are QFonts that set only size and weight (the family follows the application), colours are
the widget's palette, backgrounds and borders are painted by `_Box` before the widget's own paint.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QCheckBox, QLabel, QRadioButton, QStyledItemDelegate, QWidget

from egov_desktop.paths import resource_path

BLUE = "#1f4e79"         # totals and calculated values
HINT = "#666666"         # hints beside a field, notes under a table
SUMMARY = "#444444"      # the summary at the end of a group
FOCUS = "#dbe8f7"        # behind the radio button or check box that has the keyboard
RED = "#b00020"          # errors
GREEN = "#1b7a3a"        # nothing left to fix


def app_icon():
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (16, 32, 48, 256):
        p = resource_path("icons", f"app-{size}.png")
        if p.is_file():
            icon.addFile(str(p))
    return icon


def apply_style(app) -> None:
    app.setWindowIcon(app_icon())


# -- text -------------------------------------------------------------------------------------

def page_title(label: QLabel) -> None:
    _named(label, "pageTitle")
    _font(label, 15, bold=True)
    _padded(label, 0, 4, 0, 6)


def panel_title(label: QLabel, name: str = "panelTitle") -> None:
    _named(label, name)
    _font(label, 11, bold=True)
    _padded(label, 0, 6, 0, 0)


def section_title(label: QLabel) -> None:
    panel_title(label, "sectionTitle")


def big_total(label: QLabel) -> None:
    _named(label, "bigTotal")
    _font(label, 20, bold=True)
    _colour(label, BLUE)


def hint(label: QLabel) -> None:
    _named(label, "hint")
    _colour(label, HINT)


def calculated(label: QLabel) -> None:
    _named(label, "calculated")
    _font(label, bold=True)
    _colour(label, BLUE)


def pillar_summary(label: QLabel) -> None:
    _named(label, "pillarSummary")
    _colour(label, SUMMARY)


def coloured(label: QLabel, colour: str | None, bold: bool = False) -> None:
    """A status line in `colour` (None: the normal text colour), bold or not; set again freely
    (unlike a style sheet, it does not re-style the label)."""
    if colour:
        _colour(label, colour)
    else:
        label.setPalette(QPalette())  # nothing set: the inherited colours
    if label.font().bold() != bold:
        _font(label, bold=bold)


def strong_button(button) -> None:
    """The main step of a page: bold, with 6 px above and below its text and 16 px beside (its
    text is set first)."""
    _named(button, "finaliseButton")
    _font(button, bold=True)
    metrics = button.fontMetrics()
    button.setMinimumSize(metrics.horizontalAdvance(button.text()) + 2 * 16 + 3, metrics.height() + 2 * 6 + 2)


def _padded(label: QLabel, left: int, top: int, right: int, bottom: int) -> None:
    """Room around a label's text, and its text indented by half an "x" of its font (the font
    set first), as a style sheet's padding did: Qt indents so the text of a label with a frame."""
    label.setContentsMargins(left, top, right, bottom)
    label.setIndent(label.fontMetrics().horizontalAdvance("x") // 2)


def _named(widget: QWidget, name: str) -> None:
    widget.setObjectName(name)


def _font(widget: QWidget, points: float | None = None, bold: bool | None = None) -> None:
    font = QFont()  # sets only what is given: the rest (the family) follows the application
    if points is not None:
        font.setPointSizeF(points)
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)


def _colour(widget: QWidget, colour: str) -> None:
    palette = _palettes.get(colour)
    if palette is None:  # only the text colours: the rest is inherited from the parent
        palette = _palettes[colour] = QPalette()
        for role in (QPalette.WindowText, QPalette.Text):
            palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


_palettes: dict[str, QPalette] = {}


# -- boxes --------------------------------------------------------------------------------------

def fill(p: QPainter, rect: QRectF, color: QColor) -> None:
    """p.fillRect, without PySide6 building the Python classes of QGradient's enums (its overload
    check does: about 2 ms on the first paint of the program)."""
    p.save()
    p.setPen(Qt.NoPen)
    p.setBrush(color)
    p.drawRect(rect)
    p.restore()


def paint_box(widget: QWidget, background: QColor, border: QColor, radius: float = 0, left: int = 0) -> None:
    """A background and border painted on `widget`, under what it paints itself: `left` is a
    wider border on the left side only."""
    p = QPainter(widget)
    rect = QRectF(widget.rect())
    if left:
        fill(p, rect, background)
        fill(p, rect.adjusted(0, 0, left - rect.width(), 0), border)
    else:
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(border)
        p.setBrush(background)
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
    p.end()


class _Box(QObject):
    """Paints a box under a widget's own paint (paint_box), as an event filter, so that any widget
    can have one without a subclass. Not on the way to an Open: the first event a Python event
    filter receives makes PySide6 build the classes of all 52 kinds of QEvent (the score panel
    paints its own, in paintEvent)."""

    def __init__(self, widget: QWidget, background: str, border: str, radius: float = 0, left: int = 0):
        super().__init__(widget)
        self.background, self.border = QColor(background), QColor(border)
        self.radius, self.left = radius, left
        widget.installEventFilter(self)

    def eventFilter(self, widget, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint:
            paint_box(widget, self.background, self.border, self.radius, self.left)
        return False


_SCORE_PANEL = (QColor("#f5f8fb"), QColor("#dde4ea"), 3.5)


def score_panel(frame) -> None:
    """The live score's panel; it paints its box in its paintEvent with paint_score_panel."""
    _named(frame, "scorePanel")
    frame.setContentsMargins(1, 1, 1, 1)  # inside the border


def paint_score_panel(frame) -> None:
    paint_box(frame, *_SCORE_PANEL)


def note_panel(frame) -> None:
    """The Sở's return note over the questionnaire."""
    _named(frame, "returnNotePanel")
    _Box(frame, "#fff8e6", "#e6c77a", radius=3.5)
    frame.setContentsMargins(1, 1, 1, 1)


def remark_band(label: QLabel) -> None:
    """The Sở's remark under a question: a yellow band with a darker bar on its left."""
    _named(label, "remarkBand")
    _Box(label, "#fff4d6", "#c98a00", left=4)
    _colour(label, "#3d2b00")
    _padded(label, 4 + 6, 4, 6, 4)


def transparent(browser) -> None:
    """A text browser showing what is behind it (the panel's colour) instead of white."""
    # its viewport fills with Base (set here, not through browser.viewport(): about 7 ms at its
    # first call); a long note's scroll bar handle shows the panel's colour (the style sheet's
    # transparent background made it black)
    clear = QPalette()
    clear.setColor(QPalette.Base, QColor(0, 0, 0, 0))
    browser.setPalette(clear)


# -- lists and choices ----------------------------------------------------------------------------

class _PaddedItems(QStyledItemDelegate):
    """Items `padding` px taller above and below their text (drawn centred, as usual)."""

    def __init__(self, parent, padding: int):
        super().__init__(parent)
        self.padding = padding

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return super().sizeHint(option, index) + QSize(0, 2 * self.padding)


def pillar_nav(view) -> None:
    """The list of groups beside the questionnaire: 6 px above and below each group."""
    _named(view, "pillarNav")
    view.setItemDelegate(_PaddedItems(view, 6))


def _paint_focus(button: QWidget) -> None:
    if button.hasFocus():
        p = QPainter(button)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(Qt.NoPen)
        p.setBrush(_FOCUS)
        p.drawRoundedRect(QRectF(button.rect()), 3, 3)
        p.end()


_FOCUS = QColor(FOCUS)


class RadioButton(QRadioButton):
    """A radio button with a light blue background while it has the keyboard: the officer sees
    which choice the arrow keys and Space act on."""

    def paintEvent(self, event) -> None:  # noqa: N802
        _paint_focus(self)
        super().paintEvent(event)


class CheckBox(QCheckBox):
    """A check box with the same focus mark as RadioButton."""

    def paintEvent(self, event) -> None:  # noqa: N802
        _paint_focus(self)
        super().paintEvent(event)
