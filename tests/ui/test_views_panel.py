"""The views panel: a name too long for it is shortened in the middle, its count stays in sight, the tooltip
has it whole, and widening the panel shows it whole again."""

from __future__ import annotations

from app.tickets.queue import QueueFilter, QueueSort
from app.tickets.views import ViewInfo
from app.ui.queue.views_panel import ViewsPanel

LONG = "Offene Störungen meiner Gruppen mit verletztem SLA, nach Priorität"


def test_a_long_view_name_is_shortened_with_its_count_kept(qtbot):
    panel = ViewsPanel()
    qtbot.addWidget(panel)
    panel.resize(200, 300)
    panel.show()
    panel.set_views([ViewInfo("all", "All tickets", QueueFilter(), QueueSort(), True),
                     ViewInfo("v1", LONG, QueueFilter(), QueueSort(), False)], "all")
    panel.set_counts({"all": 1234, "v1": 56})
    item = next(panel.item(i) for i in range(panel.count()) if LONG in panel.item(i).toolTip())
    text = item.text()
    assert text.endswith("(56)") and "…" in text and text != LONG
    assert panel.fontMetrics().horizontalAdvance(text) < panel.viewport().width()
    assert LONG in item.toolTip() and "(56)" in item.toolTip()
    panel.setMaximumWidth(2000)
    panel.resize(1200, 300)
    assert item.text() == f"{LONG}  (56)"
