"""The dashboard read from the rollups equals the same charts computed from the tickets, on a demo store."""
# Periods of every grain (days, ISO weeks, months with partial months at both ends) and filters of one to
# three dimensions; the reads must be primary-key lookups of the aggregates, never a scan. (The backlog at
# the period's end, by age and assignee: tests/unit/test_kpi_backlog.py.)

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event, func, select, text

from app.demo.generator import generate
from app.kpi import dashboard as kpi
from app.kpi import sources as src
from app.kpi.daily import reporting_calendar
from app.kpi.drill import decode, drill_clause
from app.kpi.filters import KpiFilter, LocalDays, day_range_utc
from app.kpi.measures import FACT_SQL, REASSIGNED_SQL, BusinessSeconds, contribution, created_in, dims_clause
from app.kpi.periods import Period, coarser, granularity, periods
from app.kpi.problem_measures import problem_measure_clause
from app.models import Change, Group, Ticket
from app.store import open_store
from app.tickets.queue import QueueFilter, count_tickets

UNTIL = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("rollups") / "demo.sqlite3"
    generate(path, tickets=3000, seed=5, until=UNTIL)  # builds the KPI tables, as the CLI does
    store = open_store(path)
    yield store
    store.close()


def filters(s) -> list[KpiFilter]:
    tz = reporting_calendar(s).tz
    group = s.scalar(select(Group.id).order_by(Group.name))
    service = s.scalar(select(Ticket.service_id).where(Ticket.service_id.is_not(None))
                       .group_by(Ticket.service_id).order_by(func.count().desc()))
    return [
        KpiFilter(date(2024, 11, 2), date(2026, 11, 1), tz),  # two years by month, partial months at both ends
        KpiFilter(date(2025, 10, 14), date(2026, 10, 20), tz, priorities=(2, 3)),  # a year
        KpiFilter(date(2026, 5, 7), date(2026, 8, 19), tz, group_ids=(group, ""), types=("incident",)),  # weeks
        KpiFilter(date(2026, 10, 3), date(2026, 11, 1), tz, service_ids=(service,), priorities=(1, 2, 3, 4),
                  types=("incident", "service_request")),  # 30 days, three filters
        KpiFilter(date(2026, 10, 26), date(2026, 11, 1), tz),  # 7 days
        KpiFilter(date(2025, 11, 2), date(2026, 11, 1), tz, types=("service_request",)),  # no incident: no link
        KpiFilter(date(2025, 3, 9), date(2026, 6, 30), tz, types=("incident",)),  # every link, from the runs
    ]


def _matches(dims: tuple, flt: KpiFilter) -> bool:
    ttype, priority, group, service = dims
    return ((not flt.types or ttype in flt.types) and (not flt.priorities or priority in flt.priorities)
            and (not flt.group_ids or group in flt.group_ids) and (not flt.service_ids or service in flt.service_ids))


def from_tickets(s, flt: KpiFilter) -> dict:
    """Every measure per local day of the period, each ticket's contribution summed straight from the tickets."""
    cal = reporting_calendar(s)
    days = LocalDays(cal.tz)
    business = BusinessSeconds(cal.calendar, days)
    reassigned = set(s.execute(text(REASSIGNED_SQL)).scalars())
    out: dict = {}
    for row in s.execute(text(FACT_SQL)):
        c = contribution(row, days=days, business=business, reassigned_ids=reassigned)
        for key, deltas in ((c.created_key, c.created), (c.resolved_key, c.resolved)):
            if key is None or not flt.date_from <= key[0] <= flt.date_to or not _matches(key[1:], flt):
                continue
            acc = out.setdefault(key[0], {})
            for m, v in deltas.items():
                acc[m] = acc.get(m, 0) + v
    return out


def test_every_time_chart_equals_its_computation_from_the_tickets(demo):
    with demo.session() as s:
        for flt in filters(s):
            grain = granularity(flt)
            d = kpi.dashboard(s, flt, refresh=False)
            p = Period(flt, from_tickets(s, flt), grain)
            assert p.total.get("created", 0) > 0, flt
            expected = (kpi.created_vs_resolved(p), kpi.mttr(p), kpi.first_response(p), kpi.sla_compliance(p),
                        kpi.first_assignment(p), kpi.reopen_rate(p), kpi.csat(p))
            for chart in expected:
                assert d.chart(chart.key) == chart, (flt, chart.key)


def test_volume_shares_equal_counts_of_the_tickets(demo):
    with demo.session() as s:
        for flt in filters(s):
            d = kpi.dashboard(s, flt, refresh=False)
            start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
            for key, column in (("by_priority", Ticket.priority), ("by_group", Ticket.group_id),
                                ("by_category", Ticket.category_id), ("by_channel", Ticket.channel)):
                stmt = (select(column, func.count()).where(created_in(start, end), dims_clause(flt))
                        .group_by(column))
                expected = {str(v or ""): n for v, n in s.execute(stmt)}
                got = {b.key: b.count for b in d.chart(key).series[0].buckets}
                assert got == expected, (flt, key)


def test_backlog_points_open_exactly_their_tickets(demo):
    with demo.session() as s:
        flt = filters(s)[1]
        d = kpi.dashboard(s, flt, refresh=False)
        buckets = d.chart("backlog").series[0].buckets
        assert len(buckets) == 13 and d.granularity == "month"  # one point per month, not per day
        for b in buckets:
            n = count_tickets(s, flt=QueueFilter(conditions=(("kpi", b.drill),)), me=None, has_fts=False)
            assert n == b.count, b.label


def test_the_reads_are_key_lookups_of_the_aggregates(demo):
    with demo.session() as s:
        plans: list[str] = []

        def explain(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("SELECT") and ("kpi_" in statement or "FROM change" in statement):
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                plans.append(" / ".join(r[-1] for r in rows))

        conn = s.connection()
        event.listen(conn, "before_cursor_execute", explain)
        try:
            for flt in filters(s)[::2]:  # rolled-up rows (no filter), full detail (a type filter)
                src.daily_figures(s, flt, granularity(flt))
                src.created_by_category(s, flt, granularity(flt))
                src.linked_problems(s, flt, granularity(flt))
                src.change_counts(s, flt, [first for first, _, _ in periods(flt, granularity(flt))])
        finally:
            event.remove(conn, "before_cursor_execute", explain)
        assert len(plans) >= 15
        for plan in plans:
            # (A scan of the grouped subquery of distinct problems reads its own rows, not a table.)
            scans = [step for step in plan.split(" / ")
                     if step.startswith("SCAN") and not step.startswith("SCAN anon_")]
            # The change counts and the problems linked without a dimension filter read an index alone
            # (migration 0032): no change row is read, and no link of the period.
            assert ("USING PRIMARY KEY" in plan or "USING COVERING INDEX ix_change_c" in plan
                    or "USING COVERING INDEX ix_kpi_problem_run_reach" in plan) and not scans, plan


@pytest.mark.parametrize("tz", [None, "America/New_York"])
def test_changes_per_bucket_equal_a_count_by_local_day(demo, tz):
    """The change chart's counts per bucket, found in SQL by the buckets' UTC starts, equal each change's local
    day put into its bucket in Python, across daylight-saving changes (the reporting zone's and New York's)."""
    with demo.session() as s:
        rows = s.execute(select(Change.created_at, Change.change_type, Change.closed_at, Change.outcome,
                                Change.group_id)).all()
        for flt in filters(s):
            if tz is not None:
                flt = replace(flt, tz=tz)
            for grain in {granularity(flt), coarser(granularity(flt))}:
                parts = periods(flt, grain)
                firsts = [first for first, _, _ in parts]
                got = src.change_counts(s, flt, firsts)
                days = LocalDays(flt.tz)
                want: tuple[dict, dict] = ({}, {})
                for created, kind, closed, outcome, group in rows:
                    if flt.group_ids and group not in flt.group_ids:
                        continue
                    for at, value, out in ((created, kind, want[0]), (closed, outcome, want[1])):
                        if at is None or (out is want[1] and not value):
                            continue
                        day = days.day(at)
                        if flt.date_from <= day <= flt.date_to:
                            key = (bisect_right(firsts, day) - 1, value)
                            out[key] = out.get(key, 0) + 1
                assert (got.created, got.closed) == want, (flt, grain)
                assert sum(got.created.values()) > 0 or flt.group_ids


def test_the_cover_is_whole_months_weeks_and_days_inside_the_buckets():
    flt = KpiFilter(date(2024, 11, 2), date(2026, 11, 1))
    units = src.cover(flt, "month")
    assert [u for u in units if u[0] == "m"][0] == ("m", date(2024, 12, 1))
    assert sum(1 for u in units if u[0] == "m") == 23
    assert len(units) < 40  # 23 months, 3 weeks and 8 days, not 731 days
    covered = set()
    for kind, first in units:
        span = {"d": 1, "w": 7}.get(kind) or (date(first.year + first.month // 12, first.month % 12 + 1, 1)
                                              - first).days
        covered.update(first.toordinal() + i for i in range(span))
    assert covered == set(range(flt.date_from.toordinal(), flt.date_to.toordinal() + 1))


def test_problem_charts_equal_counts_of_the_tickets(demo):
    """Every point of the two problem charts (read from the pre-aggregates) is the count its drill-down
    matches in the ticket table, its mean the tickets' own; incidents per problem counts distinct problems."""
    with demo.session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.problem_id.is_not(None))) > 0
        seen = 0
        for flt in filters(s):
            d = kpi.dashboard(s, flt, refresh=False)
            linked, times = d.chart("problems"), d.chart("problem_times")
            for series in (*linked.series, *times.series):
                for b in series.buckets:
                    clause = drill_clause(decode(b.drill))
                    assert s.scalar(select(func.count()).select_from(Ticket).where(clause)) == b.count, (flt, b)
                    seen += b.count
            share = linked.series[0]
            for b in share.buckets:  # the share's denominator: incidents created in the bucket
                incidents = dict(b.parts)["incidents"]
                drill = decode(b.drill)
                start, end = day_range_utc(date.fromisoformat(drill.first), date.fromisoformat(drill.last), flt.tz)
                assert incidents == s.scalar(select(func.count()).select_from(Ticket).where(
                    dims_clause(flt), problem_measure_clause("incidents", start, end))), (flt, b.label)
            for series, column in zip(times.series, (Ticket.known_error_at, Ticket.resolved_at), strict=True):
                for b in series.buckets:
                    days = s.scalar(select(func.sum(func.julianday(column) - func.julianday(Ticket.created_at)))
                                    .where(drill_clause(decode(b.drill))))
                    assert (b.value is None) == (not b.count)
                    if b.count:
                        assert abs(b.value - days / b.count) < 1e-3, (flt, series.name, b.label)
            start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
            problems = s.scalar(select(func.count(Ticket.problem_id.distinct())).where(
                dims_clause(flt), problem_measure_clause("linked", start, end)))
            assert src.linked_problems(s, flt, coarser(granularity(flt))) == problems, flt
        assert seen > 0
