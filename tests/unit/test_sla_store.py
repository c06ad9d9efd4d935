"""ticket_sla through the storage path: real edits (create, state moves, replies, undo) at chosen times on the
default policy (Mon-Fri 08:00-18:00 Europe/Berlin, holidays from the "default" holiday calendar), checked
against due times, elapsed and paused seconds computed by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.models import BusinessCalendarRow, Holiday, SlaPolicyRow, TicketSla
from app.outbox import journal
from app.sla import tracking as sla_store
from app.sla.tracking import live_state
from app.tickets import worklog
from app.tickets import writes as tickets

BERLIN = ZoneInfo("Europe/Berlin")
H = 3600
RESOLVE = {"resolution_code": "solved_permanently", "resolution_notes": "Fixed."}


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


class Clock:
    """Stands in for utcnow in the services, so each edit happens at a chosen instant."""

    def __init__(self) -> None:
        self.now = utc(2026, 1, 1)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    for module in (tickets, journal, worklog, sla_store):
        monkeypatch.setattr(module, "utcnow", c)
    return c


@pytest.fixture
def desk(store, me, clock):
    with store.session() as s:
        s.add_all([Holiday(calendar="default", day=date(2026, 12, 25), name="Christmas Day")])
    return store


def sla_row(store, ticket_id) -> TicketSla:
    with store.session() as s:
        return s.scalar(select(TicketSla).where(TicketSla.ticket_id == ticket_id))


def at(clock, moment, fn, *args, **kw):
    clock.now = moment
    return fn(*args, **kw)


def test_the_default_policy_and_calendar_come_with_every_store(store):
    with store.session() as s:
        policy = s.scalar(select(SlaPolicyRow))
        cal = s.get(BusinessCalendarRow, policy.calendar_id)
    assert (policy.name, cal.tz, json.loads(cal.week)[0], json.loads(cal.week)[5]) == \
        ("Standard support", "Europe/Berlin", [["08:00", "18:00"]], [])
    assert json.loads(policy.targets)[0] == {"priority": 1, "service_id": None, "response_s": 1800,
                                             "resolution_s": 4 * H}


def test_holiday_and_weekend_push_the_resolution_due_time(desk, me, clock):
    # P2: response 1 h, resolution 8 h. Thursday 24 Dec 17:00: one hour that day, Friday is a holiday,
    # then the weekend; seven hours on Monday 28 Dec: due 15:00 Berlin.
    with desk.session() as s:
        tid = at(clock, berlin(2026, 12, 24, 17), tickets.create_ticket, s, ticket_type="incident", title="VPN",
                 actor_id=me, priority=2).id
    row = sla_row(desk, tid)
    assert (row.response_due_at, row.resolution_due_at) == (berlin(2026, 12, 24, 18), berlin(2026, 12, 28, 15))
    assert (row.state, row.due_at, row.warning) == ("running", berlin(2026, 12, 24, 18), 0)
    # 75 % of the response hour: 17:45.
    assert row.warn_at == berlin(2026, 12, 24, 17, 45)
    # Monday 10:00 Berlin the first reply comes, late: the response clock stops breached.
    with desk.session() as s:
        at(clock, berlin(2026, 12, 28, 10), worklog.add_worklog, s, ticket_id=tid, kind="reply", body="On it",
           actor_id=me, sent_via="phone")  # a mailed reply would stop it only once sent (the server's pull)
    row = sla_row(desk, tid)
    assert (row.response_state, row.response_met_at, row.response_elapsed_s) == \
        ("breached", berlin(2026, 12, 28, 10), 3 * H)  # 17-18 Thursday, 08-10 Monday
    assert (row.resolution_state, row.resolution_elapsed_s, row.resolution_paused_s) == ("running", 3 * H, 0)
    # The live clock due first is now the resolution: 75 % of 8 h is 6 h, three to go from 10:00.
    assert (row.state, row.due_at, row.warn_at) == ("running", berlin(2026, 12, 28, 15), berlin(2026, 12, 28, 13))
    assert live_state(row.state, row.due_at, row.warn_at, row.warning, berlin(2026, 12, 28, 12)) == ("running", 0)
    assert live_state(row.state, row.due_at, row.warn_at, row.warning, berlin(2026, 12, 28, 13)) == ("running", 75)
    assert live_state(row.state, row.due_at, row.warn_at, row.warning, berlin(2026, 12, 28, 15, 1)) == ("breached", 100)


def test_office_hours_across_the_october_change(desk, me, clock):
    # P1 (30 min / 4 h) on Friday 23 Oct 17:00 CEST: one hour on Friday; the clocks go back on Sunday;
    # three hours on Monday from 08:00 CET: due 11:00 CET, which is 10:00 UTC (not 09:00).
    with desk.session() as s:
        tid = at(clock, berlin(2026, 10, 23, 17), tickets.create_ticket, s, ticket_type="incident",
                 title="Mail down", actor_id=me, priority=1).id
    row = sla_row(desk, tid)
    assert row.response_due_at == utc(2026, 10, 23, 15, 30)
    assert row.resolution_due_at == utc(2026, 10, 26, 10)


def test_24x7_service_policy_counts_the_25_hour_day(desk, me, clock):
    with desk.session() as s:
        cal = BusinessCalendarRow(name="Always (Berlin)", tz="Europe/Berlin",
                                  week=json.dumps([[["00:00", "24:00"]]] * 7))
        s.add(cal)
        s.flush()
        from app.models import Service
        svc = Service(name="Payments")
        s.add(svc)
        s.flush()
        s.add(SlaPolicyRow(name="Payments 24x7", calendar_id=cal.id, position=-1,
                           match=json.dumps({"service_ids": [svc.id]}),
                           targets=json.dumps([{"priority": 1, "service_id": None, "response_s": None,
                                                "resolution_s": 24 * H}])))
        svc_id = svc.id
    with desk.session() as s:
        # Saturday 24 Oct 12:00 CEST; 24 real hours later is Sunday 11:00 CET (the day has 25 hours).
        tid = at(clock, berlin(2026, 10, 24, 12), tickets.create_ticket, s, ticket_type="incident",
                 title="Card payments fail", actor_id=me, priority=1, service_id=svc_id).id
        other = tickets.create_ticket(s, ticket_type="incident", title="No service", actor_id=me, priority=1).id
    row = sla_row(desk, tid)
    assert (row.response_state, row.resolution_due_at) == (None, berlin(2026, 10, 25, 11))
    assert sla_row(desk, other).resolution_due_at == berlin(2026, 10, 26, 12)  # the office-hours policy


def test_on_hold_pauses_and_resumes(desk, me, clock):
    # P3: response 4 h, resolution 24 h. Monday 2 Nov 09:00 Berlin.
    with desk.session() as s:
        tid = at(clock, berlin(2026, 11, 2, 9), tickets.create_ticket, s, ticket_type="incident", title="Printer",
                 actor_id=me, priority=3).id
    with desk.session() as s:
        at(clock, berlin(2026, 11, 2, 10), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "in_progress"})
        worklog.add_worklog(s, ticket_id=tid, kind="reply", body="Looking", actor_id=me, sent_via="phone")
    with desk.session() as s:
        at(clock, berlin(2026, 11, 2, 12), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "on_hold", "on_hold_reason": "awaiting_vendor"})
    row = sla_row(desk, tid)
    assert (row.response_state, row.response_elapsed_s, row.response_met_at) == ("met", H, berlin(2026, 11, 2, 10))
    assert (row.resolution_state, row.resolution_elapsed_s, row.state, row.due_at) == ("paused", 3 * H, "paused", None)
    # Resumed Tuesday 10:00: paused Monday 12-18 and Tuesday 08-10, 8 h; 21 h left.
    with desk.session() as s:
        at(clock, berlin(2026, 11, 3, 10), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "in_progress"})
    row = sla_row(desk, tid)
    assert (row.resolution_state, row.resolution_elapsed_s, row.resolution_paused_s) == ("running", 3 * H, 8 * H)
    # 21 h from Tuesday 10:00: 8 on Tuesday, 10 on Wednesday, 3 on Thursday -> Thursday 11:00.
    assert row.due_at == row.resolution_due_at == berlin(2026, 11, 5, 11)
    # 75 % is 18 h: 15 to go from Tuesday 10:00 -> Wednesday 15:00.
    assert row.warn_at == berlin(2026, 11, 4, 15)


def test_reopen_restarts_the_resolution_clock_where_it_stopped(desk, me, clock):
    # P2: response 1 h, resolution 8 h; Tuesday 3 Nov 08:00 Berlin.
    with desk.session() as s:
        tid = at(clock, berlin(2026, 11, 3, 8), tickets.create_ticket, s, ticket_type="incident", title="Laptop",
                 actor_id=me, priority=2).id
    with desk.session() as s:
        at(clock, berlin(2026, 11, 3, 8, 30), worklog.add_worklog, s, ticket_id=tid, kind="reply", body="Hi",
           actor_id=me, sent_via="chat")
        tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"state": "in_progress"})
    with desk.session() as s:
        at(clock, berlin(2026, 11, 3, 11), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "resolved", **RESOLVE})
    row = sla_row(desk, tid)
    assert (row.state, row.resolution_state, row.resolution_met_at, row.resolution_elapsed_s) == \
        ("met", "met", berlin(2026, 11, 3, 11), 3 * H)
    assert (row.response_state, row.response_elapsed_s, row.due_at) == ("met", 1800, None)
    # Reopened Wednesday 09:00: the clock goes on from 3 h; 5 h left -> due 14:00.
    with desk.session() as s:
        at(clock, berlin(2026, 11, 4, 9), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "in_progress"})
    row = sla_row(desk, tid)
    assert (row.state, row.resolution_state, row.resolution_met_at, row.due_at) == \
        ("running", "running", None, berlin(2026, 11, 4, 14))
    # Resolved again at 15:00, an hour late.
    with desk.session() as s:
        at(clock, berlin(2026, 11, 4, 15), tickets.update_ticket, s, ticket_id=tid, actor_id=me,
           changes={"state": "resolved", **RESOLVE})
    row = sla_row(desk, tid)
    assert (row.state, row.resolution_state, row.resolution_elapsed_s, row.resolution_met_at) == \
        ("breached", "breached", 9 * H, berlin(2026, 11, 4, 15))


def test_priority_change_and_undo_recompute(desk, me, clock):
    with desk.session() as s:
        tid = at(clock, berlin(2026, 11, 2, 9), tickets.create_ticket, s, ticket_type="incident", title="Wi-Fi",
                 actor_id=me, priority=4).id
    assert sla_row(desk, tid).resolution_due_at == berlin(2026, 11, 6, 9)  # 40 h: Mon 9 h, Tue-Thu 30 h, Fri 1 h
    with desk.session() as s:
        result = at(clock, berlin(2026, 11, 2, 10), tickets.bulk_update, s, ticket_ids=[tid], actor_id=me,
                    changes={"priority": 1})
    assert sla_row(desk, tid).resolution_due_at == berlin(2026, 11, 2, 13)
    with desk.session() as s:
        at(clock, berlin(2026, 11, 2, 10, 5), tickets.undo_batch, s, batch_id=result.batch_id, actor_id=me)
    assert sla_row(desk, tid).resolution_due_at == berlin(2026, 11, 6, 9)


def test_problems_have_no_sla_and_canceled_tickets_stop(desk, me, clock):
    with desk.session() as s:
        problem = at(clock, berlin(2026, 11, 2, 9), tickets.create_ticket, s, ticket_type="problem", title="Root",
                     actor_id=me).id
        inc = tickets.create_ticket(s, ticket_type="incident", title="Dup", actor_id=me)
        at(clock, berlin(2026, 11, 2, 9, 10), tickets.update_ticket, s, ticket_id=inc.id, actor_id=me,
           changes={"state": "canceled"})
    assert sla_row(desk, problem) is None
    row = sla_row(desk, inc.id)
    assert (row.state, row.response_state, row.resolution_state, row.due_at) == (
        "canceled", "canceled", "canceled", None)


def test_recompute_all_gives_the_rows_the_edits_gave(desk, me, clock):
    with desk.session() as s:
        ids = []
        for hour, prio in ((9, 1), (11, 3), (16, 5)):
            ids.append(at(clock, berlin(2026, 11, 2, hour), tickets.create_ticket, s, ticket_type="incident",
                          title="T", actor_id=me, priority=prio).id)
        at(clock, berlin(2026, 11, 2, 17), tickets.update_ticket, s, ticket_id=ids[1], actor_id=me,
           changes={"state": "on_hold", "on_hold_reason": "awaiting_caller"})
    clock.now = berlin(2026, 11, 2, 17, 30)
    with desk.session() as s:
        sla_store.recompute_ticket_sla(s, ids)
    before = [_values(sla_row(desk, t)) for t in ids]
    with desk.session() as s:
        assert sla_store.recompute_all(s, now=clock.now) == 3
    assert [_values(sla_row(desk, t)) for t in ids] == before


def _values(row: TicketSla) -> dict:
    return {c: getattr(row, c) for c in sla_store._COLUMNS}


def test_the_migration_fills_ticket_sla_for_an_existing_store(tmp_path):
    import uuid

    from sqlalchemy import text

    from app.store import make_engine, upgrade
    from tests.unit.test_migrations import TICKET_SQL

    engine = make_engine(tmp_path / "old.sqlite3")
    upgrade(engine, "0005")
    ids = {}
    with engine.begin() as conn:
        for row_id, kind, state, is_open in ((1, "incident", "in_progress", 1), (2, "problem", "new", 1),
                                             (3, "incident", "closed", 0)):
            ids[row_id] = str(uuid.uuid4())
            conn.execute(TICKET_SQL, {"row_id": row_id, "id": ids[row_id], "type": kind, "number": f"X{row_id}",
                                      "title": "Old", "description": "", "state": state, "is_open": is_open,
                                      "group_id": None, "assignee_id": None,
                                      "created_at": "2025-03-03 08:00:00.000000",
                                      "updated_at": "2025-03-03 08:00:00.000000"})
    upgrade(engine, "0007")
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT ticket_id, state FROM ticket_sla")).all())
        policies = conn.execute(text("SELECT name FROM sla_policy")).scalars().all()
    engine.dispose()
    # P3 from Monday 3 March 2025 09:00 Berlin, long overdue; the problem has no SLA; without a state history
    # the closed ticket's clocks stop when it was created (nothing else is known): its resolution in time,
    # its response missed (closed with no answer recorded: a resolution is no answer, issue 15).
    assert policies == ["Standard support"]
    assert rows == {ids[1]: "breached", ids[3]: "breached"}
