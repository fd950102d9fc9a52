"""A layout that puts its items side by side when the width allows and one under another when it
does not, so that a question never needs horizontal scrolling on a 1024×768 screen: the choices
of a question stack, the "not applicable" box and the flag, comment and evidence buttons go under
the answer. Its minimum width is that of the widest item, not of the whole line."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem


class FitLayout(QLayout):
    def __init__(self, parent=None, stretch_first: bool = False, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.stretch_first = stretch_first  # side by side, the first item takes the spare width
        self._gap = spacing
        self._heights: dict[int, int] = {}  # heightForWidth by width, until invalidated (as Qt's own layouts do)
        self.setContentsMargins(0, 0, 0, 0)

    # ------------------------------------------------------------ QLayout
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        # asked many times per layout pass (each row of a page, at each width tried): kept
        h = self._heights.get(width)
        if h is None:
            h = self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return h

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def sizeHint(self) -> QSize:  # noqa: N802
        items = self._shown()
        m = self.contentsMargins()
        width = self._line_width(items)
        height = max((i.sizeHint().height() for i in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        items = self._shown()
        m = self.contentsMargins()
        # the narrowest (stacked) width; the height follows the width (heightForWidth), so the
        # least is that of one line: a larger one would push every row apart
        width = max((i.minimumSize().width() for i in items), default=0)
        height = max((i.minimumSize().height() for i in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    # ------------------------------------------------------------ arranging
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _line_width(self, items: list[QLayoutItem]) -> int:
        return sum(i.sizeHint().width() for i in items) + self._gap * max(len(items) - 1, 0)

    def fits(self, width: int) -> bool:
        """Whether the items go side by side in this width (margins included)."""
        m = self.contentsMargins()
        return self._line_width(self._shown()) <= width - m.left() - m.right()

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in rect (if apply) and return the height they take."""
        m = self.contentsMargins()
        r = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        items = self._shown()
        if self.fits(rect.width()):
            spare = r.width() - self._line_width(items)
            height = max((i.sizeHint().height() for i in items), default=0)
            x = r.x()
            for k, item in enumerate(items):
                w = item.sizeHint().width() + (spare if k == 0 and self.stretch_first else 0)
                if apply:
                    item.setGeometry(QRect(x, r.y(), w, height))
                x += w + self._gap
            return height + m.top() + m.bottom()
        y = r.y()
        for k, item in enumerate(items):
            whole = (k == 0 and self.stretch_first) or bool(item.expandingDirections() & Qt.Horizontal)
            w = r.width() if whole else min(item.sizeHint().width(), r.width())
            h = item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
            if apply:
                item.setGeometry(QRect(r.x(), y, w, h))
            y += h + self._gap
        return max(y - self._gap - r.y(), 0) + m.top() + m.bottom()
