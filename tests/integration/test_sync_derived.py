"""Pulled tickets get their SLA clocks and daily KPI figures, as local edits do."""

from __future__ import annotations

from sqlalchemy import select

from app.kpi import daily as kpi_daily
from app.models import TicketSla
from app.sync import derived
from app.tickets import writes as tickets


def _sla(node, ticket_id):
    with node.store.session() as s:
        return s.scalar(select(TicketSla).where(TicketSla.ticket_id == ticket_id))


def test_a_pulled_ticket_gets_its_sla_row_and_follows_a_pulled_priority_change(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Mail down", actor_id=ann.me,
                                    group_id=ann.group, impact=3, urgency=3).id
    ann.sync()
    ben.sync()
    row = _sla(ben, tid)
    assert row is not None and row.resolution_due_at is not None
    due_before = row.resolution_due_at
    with ann.store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"impact": 1, "urgency": 1}, actor_id=ann.me)
    ann.sync()
    ben.sync()
    assert _sla(ben, tid).resolution_due_at < due_before  # priority 1 has the shorter target


def test_many_pulled_tickets_are_measured_in_one_pass_and_built_kpi_tables_follow(desk, nodes, monkeypatch):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ben.store.session() as s:
        kpi_daily.rebuild(s)  # the dashboard was shown on this desk before
    monkeypatch.setattr(derived, "BULK_FROM", 3)
    ids = []
    with ann.store.session() as s:
        for i in range(4):
            ids.append(tickets.create_ticket(s, ticket_type="incident", title=f"Printer {i}",
                                             actor_id=ann.me, group_id=ann.group).id)
    ann.sync()
    ben.sync()
    assert all(_sla(ben, t) is not None for t in ids)
    with ben.store.session() as s:
        assert kpi_daily.is_built(s) and kpi_daily._meta(s)["tickets"] >= 4
