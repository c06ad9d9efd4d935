"""The KPI figures' reads: sums from kpi_daily, and the few direct ticket counts the daily table does not carry."""
# The direct counts: backlog by age and by agent, volume by category and channel.

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Integer, String, and_, func, literal_column, select
from sqlalchemy.orm import Session

from app.kpi.filters import KpiFilter, day_range_utc
from app.kpi.measures import backlog_at, created_in, dims_clause
from app.models import Change, KpiDaily, KpiDailyMix, Ticket
from app.models.kpi import KPI_MEASURES
from core.schema import UtcDateTime, utcnow

# The filter's columns behind SQLite's unary "+": the same values, but no index of theirs is chosen
# (a group's or a type's index would walk years of tickets; the period's index is the narrow one).
UNINDEXED = (literal_column("+ticket.type", type_=String), literal_column("+ticket.priority", type_=Integer),
             literal_column("+ticket.group_id", type_=String), literal_column("+ticket.service_id", type_=String))


def _daily_where(flt: KpiFilter):
    parts = [KpiDaily.day >= flt.date_from, KpiDaily.day <= flt.date_to]
    for column, values in ((KpiDaily.type, flt.types), (KpiDaily.priority, flt.priorities),
                           (KpiDaily.group_id, flt.group_ids), (KpiDaily.service_id, flt.service_ids)):
        if values:
            parts.append(column.in_(values))
    return parts


@dataclass(frozen=True)
class DailyFigures:
    """The period's figures from kpi_daily: every measure per day, and tickets created per priority and
    per group."""

    by_day: dict[date, dict[str, int]]
    created_by_priority: dict[int, int]
    created_by_group: dict[str, int]


def daily_figures(session: Session, flt: KpiFilter) -> DailyFigures:
    """Three light sweeps of the period's rows (one wide GROUP BY would sort them in a temporary tree)."""
    where = _daily_where(flt)
    cols = [func.sum(getattr(KpiDaily, m)) for m in KPI_MEASURES]
    by_day = {row[0]: dict(zip(KPI_MEASURES, (int(v or 0) for v in row[1:]), strict=True))
              for row in session.execute(select(KpiDaily.day, *cols).where(*where).group_by(KpiDaily.day))}

    def created_by(column) -> dict:
        stmt = select(column, func.sum(KpiDaily.created)).where(*where).group_by(column)
        return {k: int(n) for k, n in session.execute(stmt) if n}

    return DailyFigures(by_day, created_by(KpiDaily.priority), created_by(KpiDaily.group_id))


def created_by_category_channel(session: Session, flt: KpiFilter) -> dict[tuple, int]:
    """(category id, channel) -> tickets created in the period: from kpi_daily_mix when no dimension is
    filtered, else counted from ix_ticket_kpi_created alone."""
    if not (flt.types or flt.priorities or flt.group_ids or flt.service_ids):
        stmt = (select(KpiDailyMix.category_id, KpiDailyMix.channel, func.sum(KpiDailyMix.created))
                .where(KpiDailyMix.day >= flt.date_from, KpiDailyMix.day <= flt.date_to)
                .group_by(KpiDailyMix.category_id, KpiDailyMix.channel))
        return {(c or None, ch): int(n) for c, ch, n in session.execute(stmt) if n}
    start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    stmt = (select(Ticket.category_id, Ticket.channel, func.count()).where(created_in(start, end),
                                                                          dims_clause(flt, UNINDEXED))
            .group_by(Ticket.category_id, Ticket.channel))
    return {(c, ch): n for c, ch, n in session.execute(stmt)}


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


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
