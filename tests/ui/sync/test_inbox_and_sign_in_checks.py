"""The inbox shows a refused change with the server's reason and dismisses it; a missing CA bundle is said."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.credentials import MemoryTokenStore
from app.models import SyncConflict
from app.services import tickets
from app.ui.main_window import MainWindow
from tests.ui.conftest import wait_idle


@pytest.fixture
def window(qtbot, ctx):
    w = MainWindow(ctx)
    w.sync.use_token_store(MemoryTokenStore())
    qtbot.addWidget(w)
    w.show()
    wait_idle(qtbot, ctx.runner)
    yield w
    w.sync.shutdown()


def test_a_refused_change_shows_the_servers_reason_and_can_be_dismissed(qtbot, window, store, seeded):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Badge reader broken",
                                    actor_id=seeded["me"]).id
        payload = {"fields": {"group_id": {"base": None, "new": seeded["group"]}}}
        s.add(SyncConflict(kind="rejected", ticket_id=tid, entity="ticket", entity_id=tid, op="update", field="",
                           mine=json.dumps(payload), reason="not in your scope: group Service Desk",
                           mutation_id="m-1"))
    window.ctx.events.conflicts_changed.emit()
    qtbot.waitUntil(lambda: window.sync.summary.conflicts == 1, timeout=10_000)
    inbox = window.sync.show_inbox(tid)
    qtbot.waitUntil(lambda: inbox.current_entry() is not None, timeout=10_000)
    text = inbox.reason_label.text()
    assert "not in your scope: group Service Desk" in text and "Assignment group: Service Desk" in text
    assert inbox.dismiss_button.isVisible() and not inbox.mine_button.isVisible()
    qtbot.mouseClick(inbox.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not inbox.entries and inbox.empty_label.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: window.sync.summary.conflicts == 0, timeout=10_000)
    inbox.close()


def test_a_missing_ca_bundle_is_said_before_anything_is_sent(qtbot, window, tmp_path):
    window.ctx.settings.set("ca_bundle", str(tmp_path / "no-such-ca.pem"))
    dialog = window.sync.show_sign_in()
    dialog.url_edit.setText("https://desk.example.com")
    dialog.user_edit.setText("ann")
    dialog.password_edit.setText("secret")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "no-such-ca.pem" in dialog.error.text() and "does not exist" in dialog.error.text()
    assert window.ctx.settings.get("server_url") == "" and dialog.isVisible()
    dialog.reject()
