"""The PDF report prints every chart dark on white with legends and axes readable at print size (8 pt or
more), beside the data, whether the app runs light or dark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageSize

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
    return printed_width / plot.width()


def font_px(font, plot) -> float:
    """The font's size in the plot's pixels: points are drawn at the screen's logical DPI."""
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * plot.logicalDpiY() / 72


def ink(image, rect, dark: bool = True) -> tuple[int, int]:
    """(height, width) in pixels of the ink inside `rect` of `image`: dark pixels on a light image, or light ones."""
    xs = range(max(0, int(rect.left())), min(image.width(), int(rect.right())))
    ys = range(max(0, int(rect.top())), min(image.height(), int(rect.bottom())))
    hits = [(x, y) for y in ys for x in xs if (image.pixelColor(x, y).lightness() < 128) == dark]
    if not hits:
        return 0, 0
    xs_hit, ys_hit = [x for x, _y in hits], [y for _x, y in hits]
    return max(ys_hit) - min(ys_hit) + 1, max(xs_hit) - min(xs_hit) + 1


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
            scale = image.width() / plot.width()
            pt_per_px = printed_pt_per_px(plot, image)
            assert image.pixelColor(1, 1).lightness() > 245, f"{key} prints on a dark background"
            assert plot.text_colour().lightness() < 80, key
            assert font_px(plot.text_font(), plot) * pt_per_px >= MIN_PT, f"{key} axis and legend text"
            # The axes' texts are on the image as dark ink, left of and under the data.
            data = plot.data_rect()
            below = QRectF(0, (data.bottom() + 1) * scale, image.width(), image.height() - (data.bottom() + 1) * scale)
            assert ink(image, below)[0] > 0, f"{key}: no axis text under the data"

            for box in plot.legend_rects():
                legends += 1
                assert not box.intersects(data), f"{key}: the legend covers the data"
                # On the printed image the text is dark ink as tall as a capital at that size (about 0.7 em).
                height, _width = ink(image, QRectF(box.x() * scale, box.y() * scale,
                                                   box.width() * scale, box.height() * scale))
                ink_pt = height * pt_per_px / scale
                assert ink_pt >= 0.65 * MIN_PT, f"{key}: legend ink {ink_pt:.1f} pt tall"
        finally:
            plot.deleteLater()
    assert legends >= 3
