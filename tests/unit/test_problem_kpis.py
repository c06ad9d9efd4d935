"""Problem KPIs on a real store: linked share, recurring incidents, incidents per problem, time to known
error and to fix; every point's count is what its drill-down shows in the queue."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select, update

from app.kpi.dashboard import dashboard
from app.kpi.drill import decode, drill_clause
from app.kpi.filters import KpiFilter
from app.models import Category, ConfigurationItem, Ticket
from app.tickets import writes as tickets

FLT = KpiFilter(date(2026, 3, 1), date(2026, 4, 30), tz="UTC")


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_problem_kpis_and_their_drill_downs(store, me):
    with store.session() as s:
        ci = ConfigurationItem(name="db-01")
        cat = Category(name="Database")
        s.add_all([ci, cat])
        s.flush()

        def incident(title, when, **fields):
            t = tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me, **fields)
            s.execute(update(Ticket).where(Ticket.id == t.id).values(created_at=when))
            return t

        problem = tickets.create_ticket(s, ticket_type="problem", title="DB locks", actor_id=me)
        first = incident("Slow queries", at(3, 2), ci_id=ci.id, category_id=cat.id)
        again = incident("Slow queries again", at(3, 20), ci_id=ci.id, category_id=cat.id)  # recurs (18 days)
        late = incident("Slow once more", at(4, 28), ci_id=ci.id, category_id=cat.id)  # 39 days later: no
        incident("Printer", at(4, 2))
        for t in (first, again):
            tickets.update_ticket(s, ticket_id=t.id, actor_id=me, changes={"problem_id": problem.id})
        tickets.update_ticket(s, ticket_id=problem.id, actor_id=me, changes={"workaround": "Kill the blocker.",
                                                                              "known_error": True})
        s.execute(update(Ticket).where(Ticket.id == problem.id).values(
            created_at=at(3, 1), known_error_at=at(3, 11), resolved_at=at(4, 10), state="resolved"))
        assert late.problem_id is None
    with store.session() as s:  # the figures are built from the tickets (written around the services above)
        board = dashboard(s, FLT)
        linked, times = board.chart("problems"), board.chart("problem_times")
        share, recurring = linked.series
        assert [b.count for b in share.buckets] == [2, 0]
        assert [b.value for b in share.buckets] == [100.0, 0.0]
        assert [b.count for b in recurring.buckets] == [1, 0]
        assert linked.headline == "50.0 % linked" and linked.note == "Incidents per problem: 2.0"
        to_ke, to_fix = times.series
        assert [b.value for b in to_ke.buckets] == [10.0, None]
        assert [b.value for b in to_fix.buckets] == [None, 40.0]
        for series in (*linked.series, *times.series):
            for bucket in series.buckets:
                shown = s.scalar(select(func.count()).select_from(Ticket).where(drill_clause(decode(bucket.drill))))
                assert shown == bucket.count, (series.name, bucket.label)
