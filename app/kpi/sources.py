"""The KPI figures' reads: sums from kpi_daily, kpi_rollup and kpi_category; the backlog at the period's end."""
# The direct reads, counted in SQL: the backlog at the end of the period (by age and agent) from the
# backlog's index and the tickets kpi_backlog finds open at that end, and changes per local day.

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, String, and_, case, false, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session

from app.kpi.filters import KpiFilter, day_range_utc
from app.kpi.measures import dims_clause
from app.kpi.periods import periods
from app.models import Change, KpiCategory, KpiDaily, KpiProblemLink, KpiProblemRun, KpiRollup, Ticket
from app.models.kpi import FAR, KPI_BACKLOG, KPI_MEASURES, OPEN_FOREVER, ROLLED_UP, RUN_REACHES
from core.schema import UtcDateTime

# The filter's columns behind SQLite's unary "+": the same values, but no index of theirs is chosen
# (a group's or a type's index would walk years of tickets; the period's index is the narrow one).
UNINDEXED = (literal_column("+ticket.type", type_=String), literal_column("+ticket.priority", type_=Integer),
             literal_column("+ticket.group_id", type_=String), literal_column("+ticket.service_id", type_=String))


def cover(flt: KpiFilter, grain: str) -> list[tuple[str, date]]:
    """The period as units of the aggregates, (kind, first day): whole months ("m") where a chart bucket
    is one, whole ISO weeks ("w") inside a bucket, single days ("d") for the rest; each unit lies inside
    one bucket of `grain`, so a chart is a sum of units (two years by month: 24 months and a few days)."""
    out: list[tuple[str, date]] = []
    for first, last, _ in periods(flt, grain):
        if first.day == 1 and (last + timedelta(days=1)).day == 1:
            out.append(("m", first))
            continue
        day = first
        while day <= last:
            if day.weekday() == 0 and day + timedelta(days=6) <= last:
                out.append(("w", day))
                day += timedelta(days=7)
            else:
                out.append(("d", day))
                day += timedelta(days=1)
    return out


def _dims(table, flt: KpiFilter) -> list:
    """The filter on an aggregate's dimensions; without a type or service filter, its rows that sum every
    type and service (ROLLED_UP), far fewer than one per combination."""
    parts = []
    if not (flt.types or flt.service_ids):
        parts += [table.c.type == ROLLED_UP, table.c.service_id == ROLLED_UP]
    for column, values in ((table.c.type, flt.types), (table.c.priority, flt.priorities),
                           (table.c.group_id, flt.group_ids), (table.c.service_id, flt.service_ids)):
        if values:
            parts.append(column.in_(values))
    return parts


def _units(flt: KpiFilter, grain: str) -> dict[str, list[date]]:
    """The first days of the cover's units, by kind."""
    out: dict[str, list[date]] = {}
    for kind, day in cover(flt, grain):
        out.setdefault(kind, []).append(day)
    return out


@dataclass(frozen=True)
class DailyFigures:
    """The period's figures: every measure per unit of the cover (keyed by its first day, which lies in
    the chart bucket the unit belongs to), and tickets created per priority and per group."""

    by_day: dict[date, dict[str, int]]
    created_by_priority: dict[int, int]
    created_by_group: dict[str, int]


def daily_figures(session: Session, flt: KpiFilter, grain: str) -> DailyFigures:
    """Two grouped reads per kind of unit, on the primary keys, summed by SQLite: every measure per unit, and
    tickets created per priority and group (a few dozen rows out, not one per unit x priority x group)."""
    by_day: dict[date, list[int]] = {}
    by_priority: dict[int, int] = {}
    by_group: dict[str, int] = {}
    for kind, days in _units(flt, grain).items():
        if kind == "d" and (flt.types or flt.service_ids):  # a day's full detail is kpi_daily's
            table, where = KpiDaily.__table__, []
        else:
            table = KpiRollup.__table__
            where = [table.c.kind == kind]
        where += [table.c.day.in_(days), *_dims(table, flt)]
        stmt = select(table.c.day, *[func.sum(table.c[m]) for m in KPI_MEASURES]).where(*where)
        for day, *sums in session.execute(stmt.group_by(table.c.day)):
            acc = by_day.get(day)
            if acc is None:
                by_day[day] = [v or 0 for v in sums]
            else:
                for i, v in enumerate(sums):
                    acc[i] += v or 0
        created = func.sum(table.c.created)
        for priority, group, n in session.execute(
                select(table.c.priority, table.c.group_id, created).where(*where)
                .group_by(table.c.priority, table.c.group_id).having(created != 0)):
            by_priority[priority] = by_priority.get(priority, 0) + n
            by_group[group] = by_group.get(group, 0) + n
    return DailyFigures({d: dict(zip(KPI_MEASURES, v, strict=True)) for d, v in by_day.items()},
                        {k: int(n) for k, n in by_priority.items() if n},
                        {k: int(n) for k, n in by_group.items() if n})


def created_by_category(session: Session, flt: KpiFilter, grain: str) -> dict[str, int]:
    """Category id ("" for none) -> tickets created in the period, from kpi_category's units of the cover."""
    out: dict[str, int] = {}
    table = KpiCategory.__table__
    for kind, days in _units(flt, grain).items():
        stmt = (select(table.c.category_id, func.sum(table.c.created))
                .where(table.c.kind == kind, table.c.day.in_(days), *_dims(table, flt))
                .group_by(table.c.category_id))
        for category, n in session.execute(stmt):
            if n:
                out[category] = out.get(category, 0) + int(n)
    return out


def linked_problems(session: Session, flt: KpiFilter, grain: str) -> int:
    """Distinct problems that the incidents created in the period link to, from kpi_problem_link's units of the
    cover (one read: a problem linked from two units counts once). It reads a row per unit, dimensions and
    problem: on 1M tickets two years are 90,000 rows, the dashboard's largest read."""
    if flt.types and "incident" not in flt.types:
        return 0  # only incidents link to problems
    # Every link is an incident's: a type filter that keeps incidents keeps every link, so without a service
    # filter the rows summed over every type and service (ROLLED_UP) answer, far fewer than the full detail.
    flt = replace(flt, types=())
    if not (flt.priorities or flt.group_ids or flt.service_ids):
        return _problems_linked_between(session, flt.date_from, flt.date_to)
    # A dimension filter narrows the links: the previous link of a problem within the filter is not kept, so
    # these distinct problems come from the filter's own rows (a fraction of the period's).
    table = KpiProblemLink.__table__
    units = or_(false(), *[and_(table.c.kind == kind, table.c.day.in_(days))
                           for kind, days in _units(flt, grain).items()])
    # Grouped rather than count(DISTINCT): SQLite sorts the ids instead of inserting each into a temporary
    # index, a third less time over the 90,000 rows of two years on 1M tickets.
    problems = (select(table.c.problem_id).where(units, table.c.created > 0, *_dims(table, flt))
                .group_by(table.c.problem_id).subquery())
    return session.scalar(select(func.count()).select_from(problems)) or 0


def _problems_linked_between(session: Session, first: date, last: date) -> int:
    """Problems with a link on a day of [first, last], from kpi_problem_run: its rows there that are a problem's
    first linked day, and those whose previous linked day lies before `first` (one per problem linked before
    and again in the period). Each reach of the gaps is one narrow range of its index: the previous day lies
    within `reach` days before `first` (FAR: any day before)."""
    run = KpiProblemRun.__table__
    in_period = run.c.day.between(first, last)
    parts = [select(func.count()).where(run.c.reach == 0, run.c.prev.is_(None), in_period)]
    for reach in (*RUN_REACHES, FAR):
        since = run.c.prev < first
        if reach != FAR:
            since = and_(run.c.prev >= first - timedelta(days=reach), since)
        parts.append(select(func.count()).where(run.c.reach == reach, since, in_period))
    return sum(session.execute(union_all(*parts)).scalars())


@dataclass(frozen=True)
class Backlog:
    """The backlog at the end of the period (kpi_measures.backlog_at): tickets per age window (the
    `ages` given, seconds [lo, hi) before the end) and per assignee ("" for none)."""

    end: datetime
    total: int
    by_age: tuple[int, ...]
    by_assignee: dict[str, int]


def backlog_at_end(session: Session, flt: KpiFilter, ages: tuple[tuple[int, int | None], ...]) -> Backlog:
    """backlog_at in its two disjoint halves, each a narrow read whatever the end: tickets unresolved now
    from the backlog's partial index (it covers every column read), and tickets resolved at or after the
    end from kpi_backlog's spans that contain it (the R*Tree's stabbing query: a few thousand on a 1M store,
    each ticket's row then read by its row id for the exact test). Counted in SQL into a few rows."""
    _, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    span, at = KPI_BACKLOG, end.timestamp()
    # Creation and resolution behind "+": tested on the rows found, never an index of theirs to start from
    # (an end in the past cuts no narrow range of either).
    created = literal_column("+ticket.created_at", type_=UtcDateTime)
    resolved = literal_column("+ticket.resolved_at", type_=UtcDateTime)
    window = case(*[(Ticket.created_at > end - timedelta(seconds=hi), i) for i, (_, hi) in enumerate(ages)
                    if hi is not None], else_=len(ages) - 1)
    # Grouped by an expression: SQLite must not walk an assignee index for its order.
    assignee = func.coalesce(Ticket.assignee_id, "")
    base = select(assignee, window, func.count()).where(dims_clause(flt, UNINDEXED), created < end)
    # The first restates "not canceled" in the words of ix_ticket_unresolved's condition, as SQLite needs to
    # use it (a literal, not a bound parameter: SQLite matches a partial index's condition by its text).
    unresolved = base.where(Ticket.resolved_at.is_(None), Ticket.state != literal_column("'canceled'"))
    resolved_since = (base.select_from(span.join(Ticket.__table__, Ticket.row_id == span.c.id))
                      .where(span.c.opened < at, span.c.closed >= at, span.c.closed < OPEN_FOREVER, resolved >= end))
    by_age = [0] * len(ages)
    by_assignee: dict[str, int] = {}
    for stmt in (unresolved, resolved_since):
        for who, i, n in session.execute(stmt.group_by(assignee, window)):
            by_age[i] += n
            by_assignee[who] = by_assignee.get(who, 0) + n
    return Backlog(end, sum(by_age), tuple(by_age), by_assignee)


@dataclass(frozen=True)
class ChangeCounts:
    """Changes per chart bucket of the period (its index in `firsts`): created per change type, closed per
    outcome."""

    created: dict[tuple[int, str], int]
    closed: dict[tuple[int, str], int]


def change_counts(session: Session, flt: KpiFilter, firsts: list[date]) -> ChangeCounts:
    """Counted per bucket in SQL (the buckets start on the local days `firsts`, the first being the period's), for
    the groups filtered on (changes have no service, priority or ticket type); each count reads one index's range
    of the period. A bucket is found by comparing the instant with the buckets' UTC starts: per local day, the
    date() of every change was computed and grouped into some 700 days (10-15 ms each count over two years)."""
    start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    starts = [day_range_utc(first, first, flt.tz)[0] for first in firsts[1:]]
    out = []
    for moment, kind in ((Change.created_at, Change.change_type), (Change.closed_at, Change.outcome)):
        if starts:
            bucket = case(*[(moment < at, i) for i, at in enumerate(starts)], else_=len(starts))
            stmt = select(bucket, kind, func.count()).group_by(bucket, kind)
        else:  # one bucket ("GROUP BY 0" would name a result column)
            stmt = select(literal_column("0", type_=Integer), kind, func.count()).group_by(kind)
        stmt = stmt.where(moment >= start, moment < end)
        if kind is Change.outcome:  # closed with an outcome
            stmt = stmt.where(kind.is_not(None), kind != "")
        if flt.group_ids:
            stmt = stmt.where(Change.group_id.in_(flt.group_ids))
        out.append({(int(i), k): n for i, k, n in session.execute(stmt)})
    return ChangeCounts(*out)
