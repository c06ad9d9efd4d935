"""The main window with a sync panel that keeps its token in memory, for the sync UI tests."""

from __future__ import annotations

import pytest

from app.credentials import MemoryTokenStore
from app.main import build_window
from tests.ui.conftest import wait_idle


@pytest.fixture
def window(qtbot, ctx):
    w = build_window(ctx)
    w.sync.use_token_store(MemoryTokenStore())
    qtbot.addWidget(w)
    w.show()
    wait_idle(qtbot, ctx.runner)
    yield w
    w.sync.shutdown()
