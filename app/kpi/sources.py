"""The KPI figures' reads: sums from kpi_daily, kpi_rollup and kpi_mix; the backlog at the period's end."""
# The direct read: the backlog at the end of the period (its count, age and agents), from the backlog's index.

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, String, and_, func, literal_column, select
from sqlalchemy.orm import Session

from app.kpi.filters import KpiFilter, day_range_utc
from app.kpi.measures import backlog_at, dims_clause
from app.kpi.periods import periods
from app.models import Change, KpiDaily, KpiMix, KpiRollup, Ticket
from app.models.kpi import KPI_MEASURES
from core.schema import UtcDateTime, utcnow

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
    parts = []
    for column, values in ((table.c.type, flt.types), (table.c.priority, flt.priorities),
                           (table.c.group_id, flt.group_ids), (table.c.service_id, flt.service_ids)):
        if values:
            parts.append(column.in_(values))
    return parts


def _by_kind(units: list[tuple[str, date]]) -> dict[str, list[date]]:
    out: dict[str, list[date]] = {}
    for kind, day in units:
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
    """One grouped read per kind of unit, on their primary keys: rows in, units × priorities × groups out."""
    by_day: dict[date, list[int]] = {}
    by_priority: dict[int, int] = {}
    by_group: dict[str, int] = {}
    for kind, days in _by_kind(cover(flt, grain)).items():
        table = KpiDaily.__table__ if kind == "d" else KpiRollup.__table__
        where = [table.c.day.in_(days), *_dims(table, flt)]
        if kind != "d":
            where.append(table.c.kind == kind)
        stmt = (select(table.c.day, table.c.priority, table.c.group_id,
                       *[func.sum(table.c[m]) for m in KPI_MEASURES])
                .where(*where).group_by(table.c.day, table.c.priority, table.c.group_id))
        for day, priority, group, *sums in session.execute(stmt):
            acc = by_day.get(day)
            if acc is None:
                acc = by_day[day] = [0] * len(KPI_MEASURES)
            for i, v in enumerate(sums):
                acc[i] += v or 0
            if sums[0]:
                by_priority[priority] = by_priority.get(priority, 0) + sums[0]
                by_group[group] = by_group.get(group, 0) + sums[0]
    return DailyFigures({d: dict(zip(KPI_MEASURES, v, strict=True)) for d, v in by_day.items()},
                        {k: int(n) for k, n in by_priority.items() if n},
                        {k: int(n) for k, n in by_group.items() if n})


def created_by_facet(session: Session, flt: KpiFilter, grain: str) -> dict[str, dict[str, int]]:
    """facet ("category", "channel") -> value (a category id or "", a channel) -> tickets created in the
    period, from kpi_mix's units of the cover."""
    table = KpiMix.__table__
    out: dict[str, dict[str, int]] = {"category": {}, "channel": {}}
    for kind, days in _by_kind(cover(flt, grain)).items():
        stmt = (select(table.c.facet, table.c.value, func.sum(table.c.created))
                .where(table.c.kind == kind, table.c.day.in_(days), *_dims(table, flt))
                .group_by(table.c.facet, table.c.value))
        for facet, value, n in session.execute(stmt):
            if n:
                out[facet][value] = out[facet].get(value, 0) + int(n)
    return out


RECENT_END_DAYS = 60


def open_at_end(session: Session, flt: KpiFilter) -> tuple[datetime, list[tuple[datetime, str | None]]]:
    """The end of the period and (created_at, assignee) of every ticket in the backlog at that moment
    (kpi_measures.backlog_at)."""
    _, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    created = Ticket.created_at
    if end >= utcnow() - timedelta(days=RECENT_END_DAYS):
        # SQLite is steered away from the creation index (every ticket created before `end`) to the
        # backlog's partial index and the resolution index (few resolved after a recent end).
        created = literal_column("+ticket.created_at", type_=UtcDateTime)
    rows = []
    # backlog_at split in its two disjoint halves, so each is answered by one index; the first restates
    # "not canceled" in the words of ix_ticket_unresolved's condition, as SQLite needs to use it
    # (a literal, not a bound parameter: SQLite matches a partial index's condition by its text).
    for half in (and_(Ticket.resolved_at.is_(None), Ticket.state != literal_column("'canceled'")),
                 Ticket.resolved_at >= end):
        stmt = select(Ticket.created_at, Ticket.assignee_id).where(dims_clause(flt, UNINDEXED),
                                                                   backlog_at(end, created), half)
        rows.extend((c, a) for c, a in session.execute(stmt))
    return end, rows


def change_outcomes(session: Session, flt: KpiFilter) -> list[tuple[datetime, datetime | None, str, str | None]]:
    """(created_at, closed_at, change_type, outcome) of changes created or closed in the period, for the
    groups filtered on (changes have no service, priority or ticket type)."""
    start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    stmt = select(Change.created_at, Change.closed_at, Change.change_type, Change.outcome).where(
        (and_(Change.created_at >= start, Change.created_at < end))
        | (and_(Change.closed_at >= start, Change.closed_at < end)))
    if flt.group_ids:
        stmt = stmt.where(Change.group_id.in_(flt.group_ids))
    return [tuple(r) for r in session.execute(stmt)]
