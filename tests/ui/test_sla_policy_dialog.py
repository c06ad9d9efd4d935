"""The SLA policy dialog: edit targets and hours, save, and the open tickets are measured again; bad input
is refused with a message and saves nothing."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.models import SlaPolicyRow, TicketSla
from app.tickets import writes as tickets
from app.ui.dialogs.sla_policy_dialog import SlaPolicyDialog, parse_hours, parse_span
from tests.ui.conftest import wait_idle


def test_edit_and_save_recomputes_open_tickets(qtbot, ctx, store, seeded):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Slow VPN", actor_id=seeded["me"], priority=3).id
    dialog = SlaPolicyDialog(ctx)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx.runner)
    assert dialog.name.text() == "Standard support" and dialog.resolution[2].text() == "24 h"
    dialog.resolution[2].setText("2 h 30 m")
    dialog.hours[5].setText("09:00-13:00")
    with qtbot.waitSignal(dialog.policies_saved, timeout=10_000) as saved:
        dialog._on_save_clicked()
    assert saved.args == [1]
    with store.session() as s:
        policy = s.scalar(select(SlaPolicyRow))
        row = s.get(TicketSla, tid)
    assert {"priority": 3, "service_id": None, "response_s": 4 * 3600, "resolution_s": 9000} \
        in json.loads(policy.targets)
    assert row.resolution_target_s == 9000


def test_bad_input_is_refused_and_saves_nothing(qtbot, ctx, store, seeded):
    dialog = SlaPolicyDialog(ctx)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        before = s.scalar(select(SlaPolicyRow.targets))
    dialog.response[0].setText("soon")
    dialog._on_save_clicked()
    assert "soon" in dialog.error.text()
    dialog.response[0].setText("30 m")
    dialog.hours[0].setText("18:00-08:00")
    dialog._on_save_clicked()
    wait_idle(qtbot, ctx.runner)
    assert "Monday" in dialog.error.text()
    with store.session() as s:
        assert s.scalar(select(SlaPolicyRow.targets)) == before


def test_parsers():
    assert parse_span("1 h 30 m") == 5400 and parse_span("2d") == 172800 and parse_span(" ") is None
    assert parse_hours("08:00-12:00, 13:00-17:00") == (("08:00", "12:00"), ("13:00", "17:00"))
    assert parse_hours("") == ()
