"""Windows and dialogs sized to the screen they open on: never larger than its available area
(the screen minus the taskbar), never off it; tables whose numbers stay on screen. Old office
PCs have 1366×768 or 1024×768 screens."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QWidget

# Room for the window frame and title bar the window manager adds around the client area
# (Windows 10: about 8 px each side and a 31 px title bar).
FRAME = QSize(16, 40)


def available(widget: QWidget | None = None) -> QRect:
    """The available geometry (minus taskbar) of the screen the widget is on, else the primary."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(width: int, height: int, area: QRect) -> QSize:
    """The size wished for, shrunk to fit the area with its frame."""
    return QSize(min(width, area.width() - FRAME.width()), min(height, area.height() - FRAME.height()))


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Resize a dialog to the size wished for, or less where the screen is smaller."""
    dialog.resize(fitted(width, height, available(dialog.parentWidget() or dialog)))


def fit_window(window: QWidget, width: int, height: int, state: QByteArray | None = None,
               area: QRect | None = None) -> None:
    """Give the main window its remembered geometry or the size wished for, within the available
    area; on a screen smaller than that it opens maximised."""
    area = area or available(window)
    if state is not None and window.restoreGeometry(state):
        if window.isMaximized() or window.isFullScreen():
            return
        keep_inside(window, area)
        return
    size = fitted(width, height, area)
    window.resize(size)  # the normal geometry, also when maximised
    window.move(area.x() + (area.width() - size.width() - FRAME.width()) // 2,
                area.y() + (area.height() - size.height() - FRAME.height()) // 2)
    if size != QSize(width, height):
        window.setWindowState(window.windowState() | Qt.WindowMaximized)


def keep_inside(window: QWidget, area: QRect) -> None:
    """Shrink and move a window (frame included) into the area: a geometry remembered on a larger
    screen, or a second monitor since unplugged, must not leave it off-screen."""
    frame = window.frameGeometry()
    inner = window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    if extra.width() <= 0 and extra.height() <= 0:  # not shown yet: the frame is not known
        extra = FRAME
    size = QSize(min(inner.width(), area.width() - extra.width()), min(inner.height(), area.height() - extra.height()))
    x = min(max(frame.x(), area.x()), area.right() + 1 - size.width() - extra.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - size.height() - extra.height())
    window.resize(size)
    window.move(x, y)


def fit_columns(view, numbers: Callable[[int], bool]) -> None:
    """Number columns take the width of their contents first; the text columns share what is
    left (elided, with the whole text in their tooltip), so no number is ever off-screen."""
    header = view.horizontalHeader()
    if not isinstance(header, CompactHeader):
        header = CompactHeader.replace(view)
    header.setMinimumSectionSize(40)
    for c in range(header.count()):
        header.setSectionResizeMode(c, QHeaderView.ResizeToContents if numbers(c) else QHeaderView.Stretch)


def header_lines(text: str, lines: int = 3) -> str:
    """A long column heading over up to `lines` lines, so a number column is no wider than its
    numbers need: "Tứ phân vị dưới" → "Tứ phân\nvị dưới"."""
    import math
    import textwrap

    width = max([math.ceil(len(text) / lines), 8, *(len(w) for w in text.split())])
    while len(textwrap.wrap(text, width)) > lines:
        width += 1
    return "\n".join(textwrap.wrap(text, width)) or text


class CompactHeader(QHeaderView):
    """A table heading whose sections are as wide as their text and the sort arrow: Qt reserves
    the section's height beside the text for the arrow, so a heading over two or three lines
    would be wider by its height."""

    @staticmethod
    def replace(view) -> CompactHeader:
        old = view.horizontalHeader()
        section, order, sorting = old.sortIndicatorSection(), old.sortIndicatorOrder(), view.isSortingEnabled()
        header = CompactHeader(Qt.Horizontal, view)
        header.setSectionsClickable(True)
        header.setHighlightSections(old.highlightSections())
        view.setHorizontalHeader(header)
        header.setSortIndicator(section, order)
        view.setSortingEnabled(False)
        view.setSortingEnabled(sorting)  # sorted again, by the same column
        return header

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802
        size = super().sectionSizeFromContents(logical)
        if self.isSortIndicatorShown() and self.orientation() == Qt.Horizontal:
            from PySide6.QtWidgets import QStyle  # here: its many enums cost ~5 ms to build at start

            arrow = self.style().pixelMetric(QStyle.PM_HeaderMarkSize, None, self)
            size.setWidth(size.width() - size.height() + min(arrow, size.height()))
        return size
