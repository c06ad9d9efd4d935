"""Switching to dark (or back to light) at run time recolours every dashboard plot: background, axes,
legend text; no plot stays white on a dark window."""

from __future__ import annotations

import pytest

from app.ui.dashboard import exports
from app.ui.theme import apply_theme
from tests.ui.dashboard.test_dashboard_page import open_page
from tests.ui.dashboard.test_dashboard_report import ink


@pytest.fixture(autouse=True)
def light_again(qapp):
    apply_theme(qapp, "light")
    yield
    apply_theme(qapp, "light")


def drawn(plot, dark: bool):
    """What the plot paints: its background's lightness, and whether each legend text is ink of the theme's text
    (light on dark, dark on light)."""
    image = exports.chart_image(plot)
    legends = [ink(image, box, dark=not dark)[0] > 0 for box in plot.legend_rects()]
    return image.pixelColor(2, 2).lightness(), legends


def test_switching_theme_at_run_time_recolours_the_plots(qtbot, qapp, ctx, history):
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: all(card.chart is not None for card in page.cards.values()), timeout=30_000)
    plots = [card.plot for card in page.cards.values()]
    assert sum(bool(plot.legend_rects()) for plot in plots) >= 3
    for plot in plots:
        background, legends = drawn(plot, dark=False)
        assert background > 200 and plot.text_colour().lightness() < 100
        assert all(legends)

    apply_theme(qapp, "dark")
    # Qt hands the new palette to the widgets from the event loop.
    qtbot.waitUntil(lambda: page.palette().color(page.palette().ColorRole.Base).lightness() < 60)
    for plot in plots:
        background, legends = drawn(plot, dark=True)
        assert background < 60, f"{plot.chart.key} kept a light background"
        assert plot.text_colour().lightness() > 180
        assert all(legends), f"{plot.chart.key}: a legend is still drawn in dark text"

    apply_theme(qapp, "light")
    qtbot.waitUntil(lambda: page.palette().color(page.palette().ColorRole.Base).lightness() > 200)
    for plot in plots:
        assert drawn(plot, dark=False)[0] > 200
