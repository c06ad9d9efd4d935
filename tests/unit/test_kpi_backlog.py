"""The backlog, aging and workload at any end, read through kpi_backlog, equal counts straight from the tickets."""
# Ends on the store's last day and long before it, every grain and filters of one to three dimensions; after
# edits of every kind (create, resolve, reopen, reassign, cancel, sync pull, delete) kpi_backlog equals its
# rebuild from the tickets; the reads are the backlog's partial index (unresolved now) and the R*Tree's stabbing
# query (resolved since), then each of those tickets by its row id.

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from app.demo.generator import generate
from app.kpi import daily as kpi_daily
from app.kpi import dashboard as kpi
from app.kpi import sources as src
from app.kpi.daily import reporting_calendar
from app.kpi.filters import KpiFilter, day_range_utc
from app.models import Group, Ticket
from app.models.kpi import KPI_BACKLOG
from app.store import open_store
from app.sync.apply import drop_ticket, upsert_ticket
from app.tickets import writes as tickets
from core.tickets.workflow import workflow_for
from tests.unit.factories import make_desk, required_fields

UNTIL = date(2026, 11, 1)
AGES = tuple((lo, hi) for _, lo, hi in kpi.AGE_BUCKETS)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("backlog") / "demo.sqlite3"
    generate(path, tickets=3000, seed=11, until=UNTIL)
    store = open_store(path)
    yield store
    store.close()


def from_tickets(s, flt: KpiFilter, end_day: date) -> tuple[int, tuple[int, ...], dict[str, int]]:
    """The backlog at the end of `end_day` for the filter's dimensions, ticket by ticket in Python."""
    _, end = day_range_utc(end_day, end_day, flt.tz)
    by_age = [0] * len(AGES)
    by_assignee: dict[str, int] = {}
    rows = s.execute(select(Ticket.created_at, Ticket.resolved_at, Ticket.state, Ticket.type, Ticket.priority,
                            Ticket.group_id, Ticket.service_id, Ticket.assignee_id))
    for created, resolved, state, ttype, priority, group, service, assignee in rows:
        if state == "canceled" and resolved is None:
            continue
        if not (created < end and (resolved is None or resolved >= end)):
            continue
        if ((flt.types and ttype not in flt.types) or (flt.priorities and priority not in flt.priorities)
                or (flt.group_ids and (group or "") not in flt.group_ids)
                or (flt.service_ids and (service or "") not in flt.service_ids)):
            continue
        age = (end - created).total_seconds()
        window = next(i for i, (lo, hi) in enumerate(AGES) if hi is None or age < hi)
        by_age[window] += 1
        by_assignee[assignee or ""] = by_assignee.get(assignee or "", 0) + 1
    return sum(by_age), tuple(by_age), by_assignee


def filters(s) -> list[KpiFilter]:
    tz = reporting_calendar(s).tz
    group = s.scalar(select(Group.id).order_by(Group.name))
    service = s.scalar(select(Ticket.service_id).where(Ticket.service_id.is_not(None))
                       .group_by(Ticket.service_id).order_by(func.count().desc()))
    return [
        KpiFilter(date(2024, 11, 2), date(2026, 11, 1), tz),  # two years to the last day
        KpiFilter(date(2024, 10, 1), date(2025, 9, 30), tz, priorities=(2, 3)),  # a year, ending 13 months ago
        KpiFilter(date(2025, 3, 7), date(2025, 8, 19), tz, group_ids=(group, ""), types=("incident",)),  # weeks
        KpiFilter(date(2025, 12, 3), date(2026, 1, 1), tz, service_ids=(service,), priorities=(1, 2, 3, 4),
                  types=("incident", "service_request")),  # 30 days over New Year, three filters
        KpiFilter(date(2026, 3, 23), date(2026, 3, 29), tz),  # 7 days ending on the night the clocks go forward
        KpiFilter(date(2025, 10, 20), date(2025, 10, 26), tz, priorities=(1, 2, 3)),  # ... and go back
    ]


def test_backlog_aging_and_workload_at_any_end_equal_the_tickets(demo):
    with demo.session() as s:
        for flt in filters(s):
            d = kpi.dashboard(s, flt, refresh=False)
            total, by_age, by_assignee = from_tickets(s, flt, flt.date_to)
            assert total > 0, flt
            assert [b.count for b in d.chart("aging").series[0].buckets] == list(by_age), flt
            assert {b.key: b.count for b in d.chart("workload").series[0].buckets} == by_assignee, flt
            buckets = d.chart("backlog").series[0].buckets
            assert buckets[-1].count == total == d.chart("backlog").headline_count, flt
            for b, (_, last, _) in zip(buckets, kpi.periods(flt, d.granularity), strict=True):
                assert b.count == from_tickets(s, flt, last)[0], (flt, b.label)


def test_ends_a_day_apart_across_two_years(demo):
    with demo.session() as s:
        tz = reporting_calendar(s).tz
        rng = random.Random(3)
        for day in sorted(rng.sample(range(730), 40)):
            end_day = UNTIL - timedelta(days=day)
            flt = KpiFilter(end_day - timedelta(days=6), end_day, tz)
            stock = src.backlog_at_end(s, flt, AGES)
            assert (stock.total, stock.by_age, stock.by_assignee) == from_tickets(s, flt, end_day), end_day


def test_the_reads_are_the_backlog_index_and_a_stabbing_query_then_row_ids(demo):
    with demo.session() as s:
        plans: list[str] = []
        todo = filters(s)

        def explain(conn, cursor, statement, parameters, context, executemany):
            if ("FROM ticket" in statement or "FROM kpi_backlog" in statement) and not statement.startswith("EXPLAIN"):
                rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                plans.append(" / ".join(r[-1] for r in rows))

        conn = s.connection()
        event.listen(conn, "before_cursor_execute", explain)
        try:
            for flt in todo:
                src.backlog_at_end(s, flt, AGES)
        finally:
            event.remove(conn, "before_cursor_execute", explain)
        assert len(plans) == 2 * len(todo)
        for unresolved, resolved_since in zip(plans[::2], plans[1::2], strict=True):
            # The whole partial index is the backlog of now: small, and it covers every column read.
            assert "ticket USING COVERING INDEX ix_ticket_unresolved" in unresolved.split(" / ")[0], unresolved
            steps = resolved_since.split(" / ")
            assert steps[0].startswith("SCAN kpi_backlog VIRTUAL TABLE INDEX"), resolved_since
            assert steps[1] == "SEARCH ticket USING INTEGER PRIMARY KEY (rowid=?)", resolved_since
        assert not any("assignee" in p for p in plans), plans  # never an assignee index walked for its order


def spans(s) -> set[tuple]:
    return set(s.execute(select(KPI_BACKLOG.c.id, KPI_BACKLOG.c.opened, KPI_BACKLOG.c.closed)).all())


def move(s, tid: str, me: str, state: str) -> None:
    t = s.scalar(select(Ticket).where(Ticket.id == tid))
    tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"state": state, **required_fields(state, t.type)})


def state_of_kind(ticket_type: str, kind: str) -> str:
    wf = workflow_for(ticket_type)
    return next(st.key for st in wf.states if st.kind == kind)


def wire_row(t: Ticket, **changes) -> dict:
    """A pulled ticket row as the server sends it (ISO times), changed on the server just now."""
    row = {c.name: getattr(t, c.name) for c in Ticket.__table__.columns if c.name != "row_id"}
    row.update(changes, updated_at=datetime.now(UTC))
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


def test_every_kind_of_edit_keeps_kpi_backlog_equal_to_its_rebuild(store, me):
    now = datetime.now(UTC)
    with store.session() as s:
        desk = make_desk(s, me)
        for i in range(12):
            created = now - timedelta(days=3 * i + 1, hours=i)
            resolved = created + timedelta(days=i % 4, hours=5) if i % 3 else None
            s.add(Ticket(type="incident", number=f"OLD{i:04d}", title="old", state="closed" if resolved else "new",
                         is_open=resolved is None, priority=1 + i % 5, group_id=desk.desk, created_at=created,
                         updated_at=created, resolved_at=resolved, closed_at=resolved))
        s.flush()
        kpi_daily.rebuild(s)
        s.commit()
        made = [tickets.create_ticket(s, ticket_type="incident", title=f"new {i}", actor_id=me,
                                      group_id=desk.desk, impact=2).id for i in range(4)]
        s.commit()
    tz = "UTC"
    with store.session() as s:
        tz = reporting_calendar(s).tz
        resolved_state = state_of_kind("incident", "resolved")
        move(s, made[0], me, "in_progress")
        move(s, made[0], me, resolved_state)  # resolve
        s.commit()
        move(s, made[0], me, "in_progress")  # reopen
        tickets.update_ticket(s, ticket_id=made[1], actor_id=me, changes={"assignee_id": desk.alice})  # assign
        s.commit()
        tickets.update_ticket(s, ticket_id=made[1], actor_id=me,  # reassign to another group
                              changes={"group_id": desk.network, "assignee_id": desk.bob})
        move(s, made[2], me, "canceled")  # canceled unresolved: leaves the backlog for good
        s.commit()
        old = s.scalars(select(Ticket).where(Ticket.number.like("OLD%")).order_by(Ticket.number)).all()
        # A sync pull: a ticket changed on the server (resolved long ago), one new, one dropped (evicted).
        upsert_ticket(s, wire_row(old[0], resolved_at=old[0].created_at + timedelta(hours=3), state="closed"))
        upsert_ticket(s, wire_row(old[1], resolved_at=None, state="in_progress", is_open=True))
        upsert_ticket(s, wire_row(old[2], id="11111111-2222-3333-4444-555555555555", number="INC9999999",
                                  created_at=now - timedelta(days=50), resolved_at=None, state="new"))
        drop_ticket(s, old[3].id)
        tickets.bulk_update(s, ticket_ids=[o.id for o in old[4:8]], actor_id=me, changes={"priority": 1})
        s.commit()
    with store.session() as s:
        kept = spans(s)
        assert len(kept) == s.scalar(select(func.count()).select_from(Ticket))
        kpi_daily.ensure_current(s)
        for back in range(0, 45, 3):
            end_day = (now - timedelta(days=back)).date()
            flt = KpiFilter(end_day - timedelta(days=29), end_day, tz)
            stock = src.backlog_at_end(s, flt, AGES)
            assert (stock.total, stock.by_age, stock.by_assignee) == from_tickets(s, flt, end_day), end_day
            d = kpi.dashboard(s, flt, refresh=False)
            for b, (_, last, _) in zip(d.chart("backlog").series[0].buckets, kpi.periods(flt, d.granularity),
                                       strict=True):
                assert b.count == from_tickets(s, flt, last)[0], (end_day, b.label)
        kpi_daily.rebuild_backlog(s)
        assert spans(s) == kept


def test_a_demo_load_fills_it_through_its_triggers(demo):
    with demo.session() as s:
        loaded = spans(s)
        assert len(loaded) == s.scalar(select(func.count()).select_from(Ticket))
        kpi_daily.rebuild_backlog(s)
        assert spans(s) == loaded
        s.rollback()
