"""The CMDB page in the app's window: Ctrl+8 shows it, and a CI named elsewhere (the incident hint's Show impact)
opens the page at that CI's impact."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui.cmdb.ci_detail_pane import IMPACT
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def window(qtbot, store, cmdb, tmp_path):
    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path, size=(1280, 720))
    yield window
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def test_ctrl_8_shows_the_cmdb_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages["cmdb"].page is not None and window.pages["cmdb"].page.isVisible(),
                    timeout=5000)


def test_a_ci_asked_for_elsewhere_opens_at_its_impact(qtbot, window, cmdb):
    window.ctx.events.open_ci_requested.emit(cmdb["db"])
    page = window.pages["cmdb"].page
    impact = page.detail.impact
    qtbot.waitUntil(lambda: impact.impact is not None and impact.impact.ci_id == cmdb["db"], timeout=10_000)
    assert page.isVisible() and page.detail.tabs.currentIndex() == IMPACT
    assert page.detail.heading.text() == "payroll-db"
