"""Draws the application icon (egov_desktop/resources/icons/app-*.png): a blue tile with three
rising bars and a tick — an assessment that scores. Run once when the design changes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m ui.make_icon
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

from egov_desktop.paths import resource_path

SIZES = (16, 32, 48, 256)


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format_ARGB32)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    s = size / 256
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.fillPath(tile, QColor("#1f6fb2"))
    for i, h in enumerate((70, 110, 150)):
        p.fillRect(QRectF((48 + i * 52) * s, (200 - h) * s, 36 * s, h * s), QColor("#ffffff" if i == 2 else "#cfe3f5"))
    pen = QPen(QColor("#ffd23f"), max(1.5, 22 * s), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
    p.setPen(pen)
    p.drawPolyline([QPointF(60 * s, 92 * s), QPointF(100 * s, 128 * s), QPointF(196 * s, 44 * s)])
    p.end()
    return img


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage text/paint needs it
    for size in SIZES:
        out = resource_path("icons", f"app-{size}.png")
        out.parent.mkdir(parents=True, exist_ok=True)
        draw(size).save(str(out))
        print(out)


if __name__ == "__main__":
    main()
