"""The queue's SLA conditions and sort: counts equal a brute-force count over each ticket's clocks, the
"Breaching soon" view lists exactly the open tickets due within the horizon or overdue, due first first,
and the plans read ticket_sla through its due-time index."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import and_, func, select, text
from sqlalchemy.dialects import sqlite

from app.models import Ticket, TicketSla
from app.outbox import journal
from app.sla import queue as sla_queue
from app.sla import tracking as sla_store
from app.tickets import queue, worklog
from app.tickets import writes as tickets
from app.tickets.queue import BUILTIN_VIEWS, QueueFilter, QueueSort
from core.errors import ValidationError

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULT_SORT = QueueSort()
START = datetime(2026, 11, 2, 7, tzinfo=BERLIN).astimezone(UTC)  # Monday 07:00 Berlin
NOW = datetime(2026, 11, 4, 11, 20, tzinfo=BERLIN).astimezone(UTC)  # Wednesday 11:20 Berlin
RESOLVE = {"resolution_code": "solved_permanently", "resolution_notes": "Fixed."}


class Clock:
    now = START

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """60 tickets created over two and a half days, each moved at random: replies, holds, resumes,
    resolutions, reopens, cancels. Edits run at chosen instants; the queue is asked at NOW."""
    from app.people import reference
    from app.store import open_store

    clock = Clock()
    patch = pytest.MonkeyPatch()
    for module in (tickets, journal, worklog, sla_store, sla_queue):
        patch.setattr(module, "utcnow", clock)
    store = open_store(tmp_path_factory.mktemp("slaq") / "store.sqlite3")
    rng = random.Random(5)
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Ada")
    events = []
    for i in range(60):
        created = START + timedelta(minutes=rng.randrange(0, 52 * 60))
        kind = "service_request" if i % 7 == 0 else "problem" if i % 13 == 0 else "incident"
        moves = sorted(created + timedelta(minutes=rng.randrange(5, 30 * 60)) for _ in range(rng.randrange(0, 5)))
        events.append((created, i, kind, moves))
    ids = {}
    timeline = []
    for created, i, kind, moves in events:
        timeline.append((created, "create", i, kind))
        timeline.extend((at, "move", i, kind) for at in moves if at < NOW)
    for at, action, i, kind in sorted(timeline, key=lambda e: (e[0], e[2])):
        clock.now = at
        with store.session() as s:
            if action == "create":
                ids[i] = tickets.create_ticket(s, ticket_type=kind, title=f"T{i}", actor_id=me,
                                               priority=1 + i % 5, assignee_id=me).id
                continue
            t = tickets.get_ticket(s, ids[i])
            choice = rng.random()
            if choice < 0.2 and t.type != "problem":
                worklog.add_worklog(s, ticket_id=t.id, kind="reply", body="Hello", actor_id=me,
                                    sent_via="phone")  # stops the response clock now
            moves = {"new": ["in_progress", "on_hold"], "in_progress": ["on_hold", "resolved", "canceled"],
                     "on_hold": ["in_progress", "resolved"], "resolved": ["in_progress", "closed"]}
            options = [m for m in moves.get(t.state, []) if t.type == "incident"]
            if options:
                new = rng.choice(options)
                extra = ({"on_hold_reason": "awaiting_caller"} if new == "on_hold"
                         else RESOLVE if new == "resolved" else {})
                tickets.update_ticket(s, ticket_id=t.id, actor_id=me, changes={"state": new, **extra})
    clock.now = NOW
    yield store, me
    patch.undo()
    store.close()


def brute_force(store, minutes: int) -> set[str]:
    """Open tickets with a clock that is running (or overdue and not stopped) and due by NOW + minutes,
    straight from each ticket's clocks, not from the stored summary."""
    out = set()
    with store.session() as s:
        for tid, is_open in s.execute(select(Ticket.id, Ticket.is_open)).all():
            status = sla_store.ticket_status(s, tid, now=NOW)
            if not is_open or status is None:
                continue
            for c in (status.response, status.resolution):
                if c is not None and c.is_live and c.state != "paused" and c.due_at <= NOW + timedelta(minutes=minutes):
                    out.add(tid)
    return out


def ids_of(store, me, flt, sort=DEFAULT_SORT):
    with store.session() as s:
        rows = queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=store.has_fts)
        return [queue.ids_for_rows(s, row_ids=[r])[r] for r in rows]


@pytest.mark.parametrize("minutes", [0, 60, 240, 24 * 60, 7 * 24 * 60])
def test_breaching_counts_match_a_brute_force_count(desk, minutes):
    store, me = desk
    flt = QueueFilter(conditions=(("sla", f"breaching:{minutes}"),))
    expected = brute_force(store, minutes)
    with store.session() as s:
        assert queue.count_tickets(s, flt=flt, me=me, has_fts=store.has_fts) == len(expected)
    assert set(ids_of(store, me, flt)) == expected
    if minutes == 7 * 24 * 60:
        assert len(expected) >= 10  # the data set really exercises the condition


def test_breached_is_the_zero_horizon(desk):
    store, me = desk
    assert set(ids_of(store, me, QueueFilter(conditions=(("sla", "breached"),)))) == brute_force(store, 0)


def test_breaching_soon_view_sorts_due_first_and_leaves_stopped_clocks_out(desk):
    store, me = desk
    view = next(v for v in BUILTIN_VIEWS if v.key == "breaching_soon")
    assert view.filter.conditions == (("sla", "breaching:240"),) and view.sort.key == queue.SLA_DUE_SORT
    got = ids_of(store, me, view.filter, view.sort)
    assert set(got) == brute_force(store, 240) and got
    with store.session() as s:
        due = dict(s.execute(select(TicketSla.ticket_id, TicketSla.due_at)).all())
        states = dict(s.execute(select(Ticket.id, Ticket.state)).all())
    assert [due[t] for t in got] == sorted(due[t] for t in got)
    assert not {states[t] for t in got} & {"resolved", "closed", "canceled"}
    # A ticket on hold is listed only when its clock ran out before the hold: overdue, not paused.
    assert all(due[t] <= NOW for t in got if states[t] == "on_hold")


def test_sorting_all_tickets_by_due_puts_tickets_without_a_running_clock_last(desk):
    store, me = desk
    got = ids_of(store, me, QueueFilter(), QueueSort(queue.SLA_DUE_SORT, False))
    with store.session() as s:
        due = dict(s.execute(select(TicketSla.ticket_id, TicketSla.due_at)).all())
        total = s.scalar(select(func.count()).select_from(Ticket))
    keys = [due.get(t) for t in got]
    assert len(got) == total
    running = [k for k in keys if k is not None]
    assert keys[:len(running)] == sorted(running) and all(k is None for k in keys[len(running):])


def test_the_condition_reads_the_due_index(desk):
    store, me = desk
    with store.session() as s:
        clauses = queue.where_clauses(s, QueueFilter(conditions=(("sla", "breaching:240"),)), me=me,
                                      has_fts=store.has_fts)
        stmt = select(func.count()).select_from(Ticket).where(and_(True, *clauses))
        sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[3]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert "ix_ticket_sla_due" in plan


@pytest.mark.parametrize("value", ["", "breaching", "breaching:x", "breaching:-5", "breaching:999999999",
                                   "breached:1", "overdue"])
def test_bad_condition_values_are_refused_clearly(value):
    with pytest.raises(ValidationError):
        sla_queue.parse(value)


def test_descriptions():
    assert sla_queue.describe("breaching:240") == "Due within 4 h or overdue"
    assert sla_queue.describe("breaching:90") == "Due within 90 min or overdue"
    assert sla_queue.describe("breached") == "SLA overdue"
    assert sla_queue.breaching_value(4) == "breaching:240"
