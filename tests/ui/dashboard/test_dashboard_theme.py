"""Switching to dark (or back to light) at run time recolours every dashboard plot: background, axes,
legend text; no plot stays white on a dark window."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QColor

from app.ui.theme import apply_theme
from tests.ui.dashboard.test_dashboard_page import open_page


@pytest.fixture(autouse=True)
def light_again(qapp):
    apply_theme(qapp, "light")
    yield
    apply_theme(qapp, "light")


def plot_colours(plot):
    legend = plot.plotItem.legend
    labels = [QColor(label.opts["color"]) if not isinstance(label.opts["color"], QColor) else label.opts["color"]
              for _sample, label in legend.items] if legend is not None else []
    # The colour a legend label is drawn with is in its rendered HTML, not only in its options.
    drawn = [label.item.toHtml() for _sample, label in legend.items
             if shiboken6.isValid(label.item)] if legend is not None else []
    return (plot.backgroundBrush().color(), plot.plotItem.getAxis("bottom").textPen().color(), labels, drawn)


def test_switching_theme_at_run_time_recolours_the_plots(qtbot, qapp, ctx, history):
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: all(card.chart is not None for card in page.cards.values()), timeout=30_000)
    plots = [card.plot for card in page.cards.values()]
    assert any(plot.plotItem.legend is not None for plot in plots)
    assert any(plot_colours(plot)[3] for plot in plots)  # legends drawn
    for plot in plots:
        background, text, _labels, _drawn = plot_colours(plot)
        assert background.lightness() > 200 and text.lightness() < 100

    apply_theme(qapp, "dark")
    # Qt hands the new palette to the widgets from the event loop.
    qtbot.waitUntil(lambda: page.palette().color(page.palette().ColorRole.Base).lightness() < 60)
    for plot in plots:
        background, text, labels, drawn = plot_colours(plot)
        assert background.lightness() < 60, f"{plot.chart.key} kept a light background"
        assert text.lightness() > 180
        assert all(c.lightness() > 180 for c in labels)
        light_text = plot.palette().color(plot.palette().ColorRole.Text).name()
        assert all(light_text in html for html in drawn), "a legend is still drawn in dark text"

    apply_theme(qapp, "light")
    qtbot.waitUntil(lambda: page.palette().color(page.palette().ColorRole.Base).lightness() > 200)
    for plot in plots:
        assert plot.backgroundBrush().color().lightness() > 200
