"""The relation map as a file: PNG (rendered at twice the scene's size) and SVG (vector, with text)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

MARGIN = 24.0
PNG_SCALE = 2.0  # sharp on high-density screens and in printed reports
MAX_PNG_SIDE = 12000  # a huge map is scaled down rather than failing to allocate


def _source_rect(scene: QGraphicsScene) -> QRectF:
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_image(scene: QGraphicsScene, scale: float = PNG_SCALE) -> QImage:
    """The whole map on its background colour, `scale` pixels per scene unit (capped at MAX_PNG_SIDE)."""
    source = _source_rect(scene)
    scale = min(scale, MAX_PNG_SIDE / max(source.width(), source.height(), 1.0))
    image = QImage(max(int(source.width() * scale), 1), max(int(source.height() * scale), 1),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def export_png(scene: QGraphicsScene, path: str) -> bool:
    """Write the map as PNG; False when the file could not be written."""
    return QImageWriter(path, QByteArray(b"png")).write(render_image(scene))


def export_svg(scene: QGraphicsScene, path: str, title: str) -> bool:
    """Write the map as SVG; False when the file could not be written (QSvgGenerator reports nothing, so
    the file is checked afterwards)."""
    source = _source_rect(scene)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setTitle(title)
    generator.setDescription("Deskside relation map")
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    painter = QPainter()
    if not painter.begin(generator):
        return False
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), scene.backgroundBrush())
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    ok = painter.end()
    try:
        with open(path, "rb") as handle:
            return ok and b"<svg" in handle.read(4096)
    except OSError:
        return False
