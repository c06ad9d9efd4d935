"""What each KPI counts, stated twice side by side: as a SQL condition and as one ticket's daily contribution."""
# The SQL condition is on the ticket table (the queue's drill-down); the other is one ticket's contribution to the
# daily figures. Keep the two in step: the drill-down tests compare them on every chart.
#
# A ticket counts on two local days: the day it was created, and the day it was resolved. Its
# resolution instant is `resolved_at`, or `created_at` when bad data puts resolved_at before creation
# (so a ticket never leaves the backlog before it entered it).

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, false, or_, select, true

from app.kpi.filters import KpiFilter, LocalDays
from app.kpi.problem_measures import RECUR_DAYS
from app.models import AuditEvent, Ticket, TicketSla
from core.sla.business_time import BusinessCalendar
from core.tickets.rules import CHANNELS

# Moves from one group or agent to another; a ticket with none was resolved by its first assignment.
REASSIGN_FIELDS = ("group_id", "assignee_id")
CREATED_MEASURES = ("created", "canceled", "responded", "sla_resp_met", "sla_resp_breached")
RESOLVED_MEASURES = ("resolved", "first_fix", "reopened", "csat", "sla_res_met", "sla_res_breached")
# Satisfaction counts the requester's own survey answers only: an answer an agent recorded (by phone,
# mail...) stays on the ticket but is no measurement of the desk (the agent chose whom to ask).
SURVEY = "survey"
COUNT_COLUMN = {"csat": "csat_n"}  # measure -> kpi_daily column holding its ticket count
CHANNEL_MEASURES = {c: f"ch_{c}" for c in CHANNELS}  # tickets created per channel (the rest: "ch_other")


def dims_clause(flt: KpiFilter, columns=None):
    """The filter's dimension conditions on Ticket (the period is the measures' business). `columns`
    may give the same four columns wrapped so that SQLite does not pick their indexes."""
    ttype, priority, group, service = columns or (Ticket.type, Ticket.priority, Ticket.group_id, Ticket.service_id)
    parts = []
    if flt.types:
        parts.append(ttype.in_(flt.types))
    if flt.priorities:
        parts.append(priority.in_(flt.priorities))
    if flt.group_ids:
        parts.append(_in_or_none(group, flt.group_ids))
    if flt.service_ids:
        parts.append(_in_or_none(service, flt.service_ids))
    return and_(true(), *parts)


def _in_or_none(column, values):
    """'' in a filter means 'none' (tickets without a group or service)."""
    real = [v for v in values if v]
    parts = [column.in_(real)] if real else []
    if "" in values:
        parts.append(column.is_(None))
    return or_(false(), *parts)


def equals_or_none(column, value: str | None):
    return column.is_(None) if value in (None, "") else column == value


def created_in(start: datetime, end: datetime):
    return and_(Ticket.created_at >= start, Ticket.created_at < end)


def resolved_in(start: datetime, end: datetime):
    """Resolved within [start, end), a resolution before creation counting at creation."""
    return or_(and_(Ticket.resolved_at >= Ticket.created_at, Ticket.resolved_at >= start, Ticket.resolved_at < end),
               and_(Ticket.resolved_at < Ticket.created_at, Ticket.created_at >= start, Ticket.created_at < end))


def canceled_unresolved():
    """Canceled without a resolution: such a ticket never counts in the backlog (cancelling records no
    time to leave it at)."""
    return and_(Ticket.state == "canceled", Ticket.resolved_at.is_(None))


def backlog_at(end: datetime, created=Ticket.created_at):
    """In the backlog at `end`: created before it, not resolved before it, not canceled. (`created` may
    be the same column wrapped to steer SQLite's choice of index.)"""
    return and_(created < end, or_(Ticket.resolved_at.is_(None), Ticket.resolved_at >= end),
                ~canceled_unresolved())


def reassigned():
    return exists(select(AuditEvent.id).where(
        AuditEvent.entity_id == Ticket.id, AuditEvent.entity == "ticket",
        AuditEvent.field.in_(REASSIGN_FIELDS), AuditEvent.old_value.is_not(None)))


def _sla(*conditions):
    return exists(select(TicketSla.ticket_id).where(TicketSla.ticket_id == Ticket.id, *conditions))


def measure_clause(measure: str, start: datetime, end: datetime):
    """Tickets that `measure` counts in the UTC range [start, end)."""
    if measure in CREATED_MEASURES:
        base = created_in(start, end)
        extra = {
            "created": true(),
            "canceled": canceled_unresolved(),
            "responded": Ticket.first_response_at.is_not(None),
            "sla_resp_met": _sla(TicketSla.response_state == "met"),
            "sla_resp_breached": _sla(TicketSla.response_state == "breached", TicketSla.response_met_at.is_not(None)),
        }[measure]
    else:
        base = and_(Ticket.resolved_at.is_not(None), resolved_in(start, end))
        extra = {
            "resolved": true(),
            "first_fix": ~reassigned(),
            "reopened": Ticket.reopen_count > 0,
            "csat": and_(Ticket.csat_score.is_not(None), Ticket.csat_source == SURVEY),
            "sla_res_met": _sla(TicketSla.resolution_state == "met"),
            "sla_res_breached": _sla(TicketSla.resolution_state == "breached",
                                     TicketSla.resolution_met_at.is_not(None)),
        }[measure]
    return and_(base, extra)


# ---- the same, one ticket at a time ------------------------------------------------------------

# What the daily figures read of a ticket, instants as whole epoch seconds (floored, like the day
# boundaries, which are whole seconds): SQLite converts them far faster than Python parses them.
FACT_SQL = (
    "SELECT CAST(strftime('%s', t.created_at) AS INTEGER), CAST(strftime('%s', t.first_response_at) AS INTEGER), "
    "CAST(strftime('%s', t.resolved_at) AS INTEGER), t.reopen_count, "
    "CASE WHEN t.csat_source = 'survey' THEN t.csat_score END, t.type, t.priority, "
    "t.group_id, t.service_id, t.id, t.state, s.response_state, s.response_met_at IS NOT NULL, "
    "s.resolution_state, s.resolution_met_at IS NOT NULL, t.category_id, t.channel, t.problem_id, "
    "t.known_error, CAST(strftime('%s', t.known_error_at) AS INTEGER) "
    "FROM ticket t LEFT JOIN ticket_sla s ON s.ticket_id = t.id")
REASSIGNED_SQL = ("SELECT DISTINCT entity_id FROM audit_event WHERE entity = 'ticket' AND field IN "
                  "('group_id', 'assignee_id') AND old_value IS NOT NULL")
# The incidents app.kpi.problem_measures.recurring() counts, in the same words (a seek in ix_ticket_ci_created
# per incident: about a second per 100k tickets); `extra` narrows it (refresh_days: the tickets of some days).
# `{incident}` is INCIDENT for the rebuild, ONLY_LISTED when `extra` lists the tickets: without the unary plus
# SQLite walked every incident by ix_ticket_type_open (a seek per incident) instead of the ~1,000 listed ids,
# which made resolving one ticket take ~28 s on the 1M demo desk (the edit hook, app.kpi.daily.refresh_days).
INCIDENT, ONLY_LISTED = "t.type = 'incident'", "+t.type = 'incident'"
RECURRING_SQL = (
    "SELECT t.id FROM ticket t WHERE {incident} AND t.ci_id IS NOT NULL AND t.category_id IS NOT NULL "
    "AND EXISTS (SELECT e.row_id FROM ticket e WHERE e.ci_id = t.ci_id AND e.created_at < t.created_at "
    f"AND e.created_at >= datetime(t.created_at, '-{RECUR_DAYS} days') AND e.category_id = t.category_id "
    "AND e.type = 'incident' AND e.row_id != t.row_id){extra}")


class BusinessSeconds:
    """Business seconds between epoch-second instants for one calendar, about ten times faster than
    business_seconds_between on datetimes for the millions of pairs of a rebuild. It reads the
    calendar's per-year tables (built and cached by BusinessCalendar itself), so the two agree."""

    def __init__(self, calendar: BusinessCalendar, days: LocalDays) -> None:
        self.calendar, self.days = calendar, days
        self._year_totals: dict[int, int] = {}

    def _position(self, seconds: int) -> tuple[int, int]:
        day = self.days.day_of_seconds(seconds)
        table = self.calendar._year(day.year)  # noqa: SLF001 - the calendar's own cache, read-only
        i = day.toordinal() - table.first_ordinal
        us = seconds * 1_000_000
        acc = table.prefix[i]
        for s, e in table.days[i]:
            if us <= s:
                break
            acc += min(us, e) - s
        return day.year, acc

    def between(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        year_a, pos_a = self._position(start)
        year_b, pos_b = self._position(end)
        total = pos_b - pos_a
        for year in range(year_a, year_b):
            total += self.calendar._year(year).prefix[-1]  # noqa: SLF001
        return total // 1_000_000


@dataclass
class Contribution:
    """One ticket's share of the daily figures: keyed rows (day + dimensions) and measure deltas."""

    created_key: tuple
    created: dict
    resolved_key: tuple | None
    resolved: dict
    category_key: tuple  # (created day, *dimensions, category id or ""): one ticket created
    # A problem's figures on the days it became a known error and was resolved: ((day, *dimensions), deltas).
    extra: tuple = ()
    link_key: tuple | None = None  # (created day, *dimensions, problem id): an incident linked to a problem


def contribution(row, *, days: LocalDays, business: BusinessSeconds, reassigned_ids,
                 recurring_ids=frozenset()) -> Contribution:
    """`row` as FACT_SQL selects it; `recurring_ids` as RECURRING_SQL finds them."""
    (created, response, resolved, reopen_count, csat, ttype, priority, group_id, service_id, tid, state,
     resp_state, resp_stopped, res_state, res_stopped, category_id, channel, problem_id, known_error,
     known_error_at) = row
    dims = (ttype, int(priority), group_id or "", service_id or "")
    c = {"created": 1, CHANNEL_MEASURES.get(channel, "ch_other"): 1}
    extra: list[tuple[tuple, dict]] = []
    link_key = None
    if ttype == "incident":
        c["inc"] = 1
        if problem_id:
            c["inc_linked"] = 1
            link_key = (days.day_of_seconds(created),) + dims + (problem_id,)
        if tid in recurring_ids:
            c["inc_recurring"] = 1
    elif ttype == "problem":
        if known_error and known_error_at is not None:
            extra.append(((days.day_of_seconds(known_error_at),) + dims,
                          {"ke_n": 1, "ke_secs": known_error_at - created}))
        if resolved is not None:  # problem_measure_clause("fixed"): resolved_at itself, not the effective end
            extra.append(((days.day_of_seconds(resolved),) + dims, {"fix_n": 1, "fix_secs": resolved - created}))
    if response is not None:
        c["responded"] = 1
        c["resp_wall"] = max(0, response - created)
        c["resp_biz"] = business.between(created, response)
    if resp_state == "met":
        c["sla_resp_met"] = 1
    elif resp_state == "breached" and resp_stopped:
        c["sla_resp_breached"] = 1
    created_day = days.day_of_seconds(created)
    created_key = (created_day,) + dims
    category_key = created_key + (category_id or "",)
    if resolved is None:
        if state == "canceled":
            c["canceled"] = 1
        return Contribution(created_key, c, None, {}, category_key, tuple(extra), link_key)
    effective = max(resolved, created)
    r = {"resolved": 1, "res_wall": effective - created, "res_biz": business.between(created, effective)}
    if tid not in reassigned_ids:
        r["first_fix"] = 1
    if reopen_count:
        r["reopened"] = 1
    if csat is not None:
        r["csat_n"] = 1
        r["csat_sum"] = int(csat)
    if res_state == "met":
        r["sla_res_met"] = 1
    elif res_state == "breached" and res_stopped:
        r["sla_res_breached"] = 1
    return Contribution(created_key, c, (days.day_of_seconds(effective),) + dims, r, category_key, tuple(extra),
                        link_key)
