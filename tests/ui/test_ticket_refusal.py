"""A ticket the server refused to create: the editor keeps it with a banner giving the server's reason,
*Send again* queues a create of it as it stands now, *Discard* (confirmed) deletes it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import OutboxMutation, Ticket
from app.sync.conflicts import handle_receipt
from app.tickets import writes as tickets
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import wait_idle

REASON = "not in your scope: a ticket you create must be for one of your groups or assigned to you."


def _refused_ticket(store, seeded) -> str:
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Projector dead", description="Room 4, no image.",
                                    actor_id=seeded["me"], group_id=seeded["group"]).id
        [mutation] = s.scalars(select(OutboxMutation)).all()
        handle_receipt(s, mutation, {"mutation_id": mutation.mutation_id, "seq": mutation.seq, "status": "rejected",
                                     "reason": REASON})
    return tid


@pytest.fixture
def editor(qtbot, ctx, store, seeded):
    tid = _refused_ticket(store, seeded)
    e = TicketEditor(ctx, tid)
    qtbot.addWidget(e)
    e.show()
    qtbot.waitUntil(lambda: e.refusal_banner.isVisible(), timeout=10_000)
    yield e
    wait_idle(qtbot, ctx.runner)


def _button(banner, text):
    return next(b for b in banner.buttons() if b.text() == text)


def test_the_banner_gives_the_reason_and_send_again_queues_the_ticket_as_it_is_now(qtbot, ctx, store, editor):
    assert REASON in editor.refusal_banner.message()
    assert editor.ui.form.values()["description"] == "Room 4, no image."  # every field still here
    title = editor.ui.form.input_widget("title")
    title.clear()
    qtbot.keyClicks(title, "Projector dead in room 4")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        assert s.scalars(select(OutboxMutation)).all() == []  # the edit waits for Send again
    qtbot.waitUntil(lambda: editor.refusal_banner.isVisible(), timeout=10_000)
    qtbot.mouseClick(_button(editor.refusal_banner, "Send again"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.refusal_banner.isVisible(), timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        [mutation] = s.scalars(select(OutboxMutation)).all()
    assert (mutation.entity_id, mutation.op) == (editor.ticket_id, "create")
    assert json.loads(mutation.payload)["row"]["title"] == "Projector dead in room 4"
    assert not editor.refusal_banner.isVisible()


def test_discard_asks_first_then_deletes_the_ticket_and_closes(qtbot, ctx, store, editor, monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(editor.refusal_banner, "confirm_discard", lambda refusal: answers.pop(0))
    qtbot.mouseClick(_button(editor.refusal_banner, "Discard…"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert editor.refusal_banner.isVisible()  # cancelled: still there
    with qtbot.waitSignal(editor.close_requested, timeout=10_000):
        qtbot.mouseClick(_button(editor.refusal_banner, "Discard…"), Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert s.scalar(select(Ticket.id).where(Ticket.id == editor.ticket_id)) is None
