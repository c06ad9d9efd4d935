"""The inbox shows a refused change with the server's reason and discards it; a missing CA bundle is said."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import OutboxMutation, Ticket
from app.sync.conflicts import handle_receipt
from app.tickets import writes as tickets
from tests.ui.conftest import wait_idle


def _refused_group_edit(store, seeded) -> tuple[str, str]:
    """A ticket whose group edit the server refused: the ticket shows the refused group."""
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Badge reader broken",
                                    actor_id=seeded["me"]).id
        s.query(OutboxMutation).delete()  # as if the create had been applied long ago
        tickets.update_ticket(s, ticket_id=tid, changes={"group_id": seeded["group"]}, actor_id=seeded["me"])
        [mutation] = s.query(OutboxMutation).all()
        handle_receipt(s, mutation, {"mutation_id": mutation.mutation_id, "seq": mutation.seq, "status": "rejected",
                                     "reason": "not in your scope: group Service Desk"})
    return tid, seeded["group"]


def _open_inbox(qtbot, window, tid):
    window.sync.refresh_summary()
    qtbot.waitUntil(lambda: window.sync.summary.conflicts == 1, timeout=10_000)
    inbox = window.sync.show_inbox(tid)
    qtbot.waitUntil(lambda: inbox.current_entry() is not None, timeout=10_000)
    return inbox


def _group_of(store, tid):
    with store.session() as s:
        return s.scalar(select(Ticket.group_id).where(Ticket.id == tid))


def test_a_refused_change_shows_the_servers_reason_and_can_be_discarded(qtbot, window, store, seeded, monkeypatch):
    tid, group = _refused_group_edit(store, seeded)
    inbox = _open_inbox(qtbot, window, tid)
    text = inbox.reason_label.text()
    assert "not in your scope: group Service Desk" in text and "Assignment group: Service Desk" in text
    assert inbox.send_again_button.isVisible() and inbox.discard_button.isVisible()
    assert not inbox.mine_button.isVisible()
    assert _group_of(store, tid) == group  # the refused value is still what the ticket shows
    answers = [False, True]
    monkeypatch.setattr(inbox, "_confirm_discard", lambda e: answers.pop(0))
    qtbot.mouseClick(inbox.discard_button, Qt.MouseButton.LeftButton)  # cancelled: nothing happens
    wait_idle(qtbot, window.ctx.runner)
    assert inbox.entries and _group_of(store, tid) == group
    qtbot.mouseClick(inbox.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not inbox.entries and inbox.empty_label.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: window.sync.summary.conflicts == 0, timeout=10_000)
    assert _group_of(store, tid) is None  # the server's value again
    inbox.close()


def test_send_again_from_the_inbox_queues_the_refused_values(qtbot, window, store, seeded):
    tid, group = _refused_group_edit(store, seeded)
    inbox = _open_inbox(qtbot, window, tid)
    qtbot.mouseClick(inbox.send_again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not inbox.entries, timeout=10_000)
    with store.session() as s:
        [mutation] = s.query(OutboxMutation).all()
    assert json.loads(mutation.payload) == {"fields": {"group_id": {"base": None, "new": group}}}
    assert _group_of(store, tid) == group
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
