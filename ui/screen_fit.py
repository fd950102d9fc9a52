"""Windows and dialogs sized to the screen they open on: never larger than its available area
(the screen minus the taskbar), never off it. Old office PCs have 1366×768 or 1024×768 screens."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

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
