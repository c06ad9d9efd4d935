"""app.ui.widgets.banner: a banner keeps its colours whatever a view names it, and its buttons hide it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from app.ui.widgets.banner import Banner

COLOURS = {"info": QColor("#e8f0fe"), "warning": QColor("#fef7e0")}


@pytest.mark.parametrize("kind", ["info", "warning"])
@pytest.mark.parametrize("name", [None, "KnownErrorBanner"])
def test_a_named_banner_keeps_its_background(qtbot, kind, name):
    banner = Banner(kind)
    qtbot.addWidget(banner)
    if name is not None:
        banner.setObjectName(name)  # as the ticket's problem strip names its known-error banner
    banner.resize(400, 40)
    banner.show_message("Known error PRB0000910: restart the application.", [])
    qtbot.waitExposed(banner)
    image = banner.grab().toImage()
    assert image.pixelColor(200, 20) == COLOURS[kind]  # inside the frame, beside the text


def test_an_action_hides_the_banner_and_runs(qtbot):
    banner = Banner("info")
    qtbot.addWidget(banner)
    ran = []
    banner.show_message("Saved elsewhere meanwhile.", [("Reload", lambda: ran.append(True))])
    assert banner.message() == "Saved elsewhere meanwhile."
    banner.buttons()[0].click()
    assert ran == [True] and not banner.isVisible() and banner.message() == ""
