"""Pre-aggregated KPI figures per local day, ISO week and month and filter dimensions, derived from tickets."""

from datetime import date

from sqlalchemy import Column, Date, Float, Index, Integer, MetaData, String, Table, and_
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.change import Change
from app.models.ticket import Ticket
from core.tickets.rules import CHANNELS

# Dimension columns of kpi_daily; None is stored as "" so the composite key stays a plain key.
KPI_DIMENSIONS = ("type", "priority", "group_id", "service_id")
# Measure columns: counts of tickets (see app/kpi/measures.py for the exact conditions)
# and sums of seconds over those tickets.
KPI_MEASURES = ("created", "canceled", "responded", "resp_wall", "resp_biz", "sla_resp_met", "sla_resp_breached",
                "resolved", "res_wall", "res_biz", "first_fix", "reopened", "csat_n", "csat_sum",
                "sla_res_met", "sla_res_breached") + tuple(f"ch_{c}" for c in CHANNELS) + ("ch_other",)
# Problem management (migration 0030): incidents created, those linked to a problem, those recurring (on the
# creation day); problems that became known errors (on that day) and problems resolved (on the day of
# resolved_at), each with the sum of whole seconds from creation. See app/kpi/problem_measures.py.
PROBLEM_FIGURES = ("inc", "inc_linked", "inc_recurring", "ke_n", "ke_secs", "fix_n", "fix_secs")
KPI_MEASURES += PROBLEM_FIGURES
# Tickets created per channel are measures too (a closed set of six): volume by channel for any filter comes
# with the other figures. "ch_other" counts a channel outside the set (a store written by another tool).
# Rows of kpi_rollup and kpi_category whose type and service are ROLLED_UP sum every type and service: the
# figures of a filter on neither (no filter, priorities, groups) in a few rows per day, week or month.
ROLLED_UP = "*"


class KpiDaily(Base):
    """Daily figures per (day, type, priority, group, service), kept equal to a recomputation from the
    ticket table by app.kpi.daily. Days are local dates in the reporting time zone; tickets
    count on the day they were created (created, responded, response sums, response SLA) or on the day
    they were resolved (the other measures). Derived data: dropping it loses nothing."""

    __tablename__ = "kpi_daily"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "" for none
    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "" for none
    created: Mapped[int] = mapped_column(Integer, default=0)
    canceled: Mapped[int] = mapped_column(Integer, default=0)  # created, then canceled unresolved
    responded: Mapped[int] = mapped_column(Integer, default=0)
    resp_wall: Mapped[int] = mapped_column(Integer, default=0)
    resp_biz: Mapped[int] = mapped_column(Integer, default=0)
    sla_resp_met: Mapped[int] = mapped_column(Integer, default=0)
    sla_resp_breached: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    res_wall: Mapped[int] = mapped_column(Integer, default=0)
    res_biz: Mapped[int] = mapped_column(Integer, default=0)
    first_fix: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    csat_n: Mapped[int] = mapped_column(Integer, default=0)
    csat_sum: Mapped[int] = mapped_column(Integer, default=0)
    sla_res_met: Mapped[int] = mapped_column(Integer, default=0)
    sla_res_breached: Mapped[int] = mapped_column(Integer, default=0)

    # Clustered by (day, ...): a period's rows are read in one sweep instead of a lookup per row.
    __table_args__ = {"sqlite_with_rowid": False}


for _measure in KPI_MEASURES:
    if _measure.startswith("ch_") or _measure in PROBLEM_FIGURES:
        setattr(KpiDaily, _measure, mapped_column(_measure, Integer, default=0, nullable=False))


class KpiRollup(Base):
    """kpi_daily summed per ISO week (kind "w", day = its Monday) and per calendar month (kind "m", day =
    its first day), and per day, week and month over every type and service (type and service ROLLED_UP):
    any period is a few months, weeks and days, and a filter on neither reads a few rows of each. Kept
    equal to kpi_daily by app.kpi.daily (the rows of changed days taken away and added again)."""

    __tablename__ = "kpi_rollup"
    kind: Mapped[str] = mapped_column(String(1), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


for _measure in KPI_MEASURES:
    setattr(KpiRollup, _measure, mapped_column(_measure, Integer, default=0, nullable=False))


class _CreatedPerUnit:
    """The key of kpi_category and kpi_problem_link up to their own last column: a day (kind "d"), ISO week
    ("w") or month ("m") and the filter dimensions (or type and service ROLLED_UP); `created` counts tickets."""

    kind: Mapped[str] = mapped_column(String(1), primary_key=True, sort_order=-6)
    day: Mapped[date] = mapped_column(Date, primary_key=True, sort_order=-5)
    type: Mapped[str] = mapped_column(String(20), primary_key=True, sort_order=-4)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-3)
    group_id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=-2)
    service_id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=-1)
    created: Mapped[int] = mapped_column(Integer, default=0, sort_order=1)

    __table_args__ = {"sqlite_with_rowid": False}


class KpiCategory(_CreatedPerUnit, Base):
    """Tickets created per unit, filter dimensions and category ("" for none): volume by category for any
    period and filter."""

    __tablename__ = "kpi_category"
    category_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class KpiProblemLink(_CreatedPerUnit, Base):
    """Incidents created per unit, filter dimensions and the problem they link to: the distinct problems behind
    "incidents per problem" for any period and filter (migration 0030). Kept with kpi_category by
    app.kpi.daily."""

    __tablename__ = "kpi_problem_link"
    problem_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class KpiProblemRun(Base):
    """Each local day an incident created links to a problem (one row per problem and day, any dimensions),
    with the problem's previous such day (None: its first) and `reach`, the smallest of RUN_REACHES days that
    spans the two (FAR beyond them, 0 for a first). Problems linked in [a, b] are then the rows of [a, b] that are
    a first or whose previous day lies before a: a count over a few narrow index ranges, not a distinct over
    every link of the period (migration 0032). Kept with kpi_problem_link's day rows by app.kpi.daily."""

    __tablename__ = "kpi_problem_run"
    problem_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    prev: Mapped[date | None] = mapped_column(Date, nullable=True)
    reach: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index("ix_kpi_problem_run_reach", "reach", "prev", "day"), {"sqlite_with_rowid": False})


# The gaps between a problem's linked days, by size: on the 1M demo store 98 % of them are under a day.
RUN_REACHES = (1, 7, 31, 92, 366)
FAR = 9999
# kpi_problem_run's rows from kpi_problem_link's full-detail day rows, of every problem or of some (`extra`: an
# AND condition on problem_id).
PROBLEM_RUN_SQL = (
    "INSERT INTO kpi_problem_run (problem_id, day, prev, reach) "
    "SELECT problem_id, day, prev, CASE WHEN prev IS NULL THEN 0 "
    + " ".join(f"WHEN julianday(day) - julianday(prev) <= {r} THEN {r}" for r in RUN_REACHES)
    + f" ELSE {FAR} END FROM (SELECT problem_id, day, lag(day) OVER (PARTITION BY problem_id ORDER BY day) AS prev "
    f"FROM (SELECT DISTINCT problem_id, day FROM kpi_problem_link WHERE kind = 'd' AND type != '{ROLLED_UP}' "
    "AND created > 0{extra}))")
Index("ix_kpi_problem_link_problem", KpiProblemLink.problem_id)


# Ticket indexes the KPIs need: drill-downs by resolution day and by creation day (with the dimensions
# a drill narrows to).
# Partial: "resolved_at IS NULL" must not be answered from it (ix_ticket_unresolved covers that).
Index("ix_ticket_resolved", Ticket.resolved_at, sqlite_where=Ticket.resolved_at.is_not(None))
Index("ix_ticket_kpi_created", Ticket.created_at, Ticket.type, Ticket.priority, Ticket.group_id,
      Ticket.service_id, Ticket.category_id, Ticket.channel)
# The backlog (unresolved, not canceled) with what its aging and workload read: a small partial index
# that answers "in the backlog now" without touching the table.
Index("ix_ticket_unresolved", Ticket.created_at, Ticket.assignee_id, Ticket.type, Ticket.priority, Ticket.group_id,
      Ticket.service_id, Ticket.state, Ticket.resolved_at,
      sqlite_where=and_(Ticket.resolved_at.is_(None), Ticket.state != "canceled"))
# Changes created or closed in a period (change success rate, emergency share), with the column each count
# groups by and the group it filters on: the counts read the index alone (migration 0032).
Index("ix_change_created", Change.created_at, Change.change_type, Change.group_id)
Index("ix_change_closed", Change.closed_at, Change.outcome, Change.group_id)


# Each ticket's time in the backlog, [opened, closed) in seconds since 1970 UTC, as an R*Tree (a virtual table,
# made and kept by the triggers of migration 0015, so on its own MetaData: no model creates it).
# The tickets open at an instant are one stabbing query of it; 32-bit floats rounded outwards make that a
# superset, so readers test the exact condition (app.kpi.measures.backlog_at) on the ticket row.
KPI_BACKLOG = Table("kpi_backlog", MetaData(), Column("id", Integer, primary_key=True), Column("opened", Float),
                    Column("closed", Float))
OPEN_FOREVER = 1e12  # an unresolved ticket's span ends after any period


def _seconds(column: str) -> str:
    return f"((julianday({column}) - 2440587.5) * 86400.0)"


# A ticket's span in SQL, from the ticket table's row (the rebuild; the migration's triggers say the same of
# their `new` row): empty when it never enters the backlog (canceled unresolved, resolved before creation).
BACKLOG_SPAN_SQL = (f"ticket.row_id, {_seconds('ticket.created_at')}, "
                    f"CASE WHEN ticket.resolved_at IS NULL AND ticket.state = 'canceled' "
                    f"THEN {_seconds('ticket.created_at')} WHEN ticket.resolved_at IS NULL THEN {OPEN_FOREVER:.0e} "
                    f"ELSE max({_seconds('ticket.created_at')}, {_seconds('ticket.resolved_at')}) END")
