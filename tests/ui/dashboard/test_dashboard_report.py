"""The PDF report prints every chart dark on white with legends and axes readable at print size (8 pt or
more), beside the data, whether the app runs light or dark."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPageSize

from app.ui.dashboard import exports
from app.ui.theme import apply_theme
from tests.ui.dashboard.test_dashboard_page import open_page

MIN_PT = 8.0


@pytest.fixture(autouse=True)
def light_again(qapp):
    yield
    apply_theme(qapp, "light")


def printed_pt_per_px(plot, image) -> float:
    """Printed points per pixel of `plot`: the report draws a chart image scaled to the text width, or
    to 0.4 of the text height when that is smaller (_Report.image)."""
    page = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
    text_w = exports.TEXT_WIDTH_MM / 25.4 * 72
    text_h = (page.height() - 2 * exports.PAGE_MARGIN_MM) / 25.4 * 72
    printed_width = min(text_w, 0.4 * text_h * image.width() / image.height())
    return printed_width / plot.plotItem.sceneBoundingRect().width()


def font_px(font, plot) -> float:
    """The font's size in the plot's pixels: points are drawn at the screen's logical DPI."""
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * plot.logicalDpiY() / 72


def label_fonts(label_item):
    """The fonts of the text runs of a pyqtgraph LabelItem (its size is in its rich text)."""
    block = label_item.item.document().begin()
    fonts = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().text().strip():
                fonts.append(it.fragment().charFormat().font())
            it += 1
        block = block.next()
    return fonts


def ink_height(image, rect) -> int:
    """Pixel rows from the top to the bottom of the dark ink inside `rect` of `image`."""
    xs = range(max(0, int(rect.left())), min(image.width(), int(rect.right())))
    rows = [y for y in range(max(0, int(rect.top())), min(image.height(), int(rect.bottom())))
            if any(image.pixelColor(x, y).lightness() < 128 for x in xs)]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_report_charts_print_dark_on_white_with_readable_legends(qtbot, qapp, ctx, history, tmp_path, theme):
    apply_theme(qapp, theme)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: all(card.chart is not None for card in page.cards.values()), timeout=30_000)
    assert (page.palette().color(page.palette().ColorRole.Base).lightness() < 60) == (theme == "dark")
    assert page.write_report(str(tmp_path / "report.pdf")) >= len(page.cards)

    legends = 0
    for key, card in page.cards.items():
        image = exports.report_image(card.plot)  # what the report draws for this chart
        plot = exports.report_plot(card.plot)  # the plot that image is drawn from, to read its geometry
        try:
            exports.settle(plot)
            scale = image.width() / plot.plotItem.sceneBoundingRect().width()
            pt_per_px = printed_pt_per_px(plot, image)
            assert image.pixelColor(1, 1).lightness() > 245, f"{key} prints on a dark background"

            for name in ("left", "bottom"):
                axis = plot.plotItem.getAxis(name)
                assert axis.textPen().color().lightness() < 80, key
                assert font_px(axis.style["tickFont"], plot) * pt_per_px >= MIN_PT, f"{key} {name} axis"

            legend = plot.plotItem.legend
            if legend is None:
                continue
            legends += 1
            data = plot.plotItem.vb.sceneBoundingRect()
            for _sample, label in legend.items:
                colour = re.search(r"color:\s*(#[0-9a-fA-F]{6})", label.item.toHtml()).group(1)
                assert QColor(colour).lightness() < 80, f"{key}: legend text {colour} on white"
                fonts = label_fonts(label)
                assert fonts and all(font_px(f, plot) * pt_per_px >= MIN_PT for f in fonts), \
                    f"{key}: legend at {min(font_px(f, plot) for f in fonts) * pt_per_px:.1f} pt"
                box = label.sceneBoundingRect()
                assert not box.intersects(data), f"{key}: the legend covers the data"
                # On the printed image itself the text is dark ink as tall as a capital at that size
                # (about 0.7 em in common fonts): a legend drawn unscaled would be smaller.
                ink = ink_height(image, QRectF(box.x() * scale, box.y() * scale,
                                               box.width() * scale, box.height() * scale))
                ink_pt = ink * pt_per_px / scale
                assert ink_pt >= 0.65 * MIN_PT, f"{key}: legend ink {ink_pt:.1f} pt tall"
        finally:
            plot.hide()
            plot.deleteLater()
    assert legends >= 3
