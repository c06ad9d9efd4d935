"""What the problem-management KPIs count, as SQL conditions on the ticket table (the charts' figures and
their queue drill-downs both come from here, so a point's count is what its queue shows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import aliased

from app.models import Ticket

RECUR_DAYS = 30  # an incident recurs when one of the same CI and category came in the 30 days before it
# Incidents created in the range: all, linked to a problem, recurring. Problems: became a known error in
# the range, resolved (fixed) in the range.
PROBLEM_MEASURES = ("incidents", "linked", "recurring", "known_error", "fixed")


def _created(start: datetime, end: datetime):
    return and_(Ticket.type == "incident", Ticket.created_at >= start, Ticket.created_at < end)


def recurring():
    """An earlier incident of the same CI and category within RECUR_DAYS (a seek in ix_ticket_ci_created
    per incident)."""
    earlier = aliased(Ticket)
    return exists(select(earlier.row_id).where(
        earlier.ci_id == Ticket.ci_id, earlier.created_at < Ticket.created_at,
        earlier.created_at >= func.datetime(Ticket.created_at, f"-{RECUR_DAYS} days"),
        earlier.category_id == Ticket.category_id, earlier.type == "incident", earlier.row_id != Ticket.row_id))


def problem_measure_clause(measure: str, start: datetime, end: datetime):
    """Tickets that a problem `measure` counts in the UTC range [start, end)."""
    if measure == "incidents":
        return _created(start, end)
    if measure == "linked":
        return and_(_created(start, end), Ticket.problem_id.is_not(None))
    if measure == "recurring":
        return and_(_created(start, end), Ticket.ci_id.is_not(None), Ticket.category_id.is_not(None), recurring())
    if measure == "known_error":
        return and_(Ticket.type == "problem", Ticket.known_error, Ticket.known_error_at >= start,
                    Ticket.known_error_at < end)
    if measure == "fixed":
        return and_(Ticket.type == "problem", Ticket.resolved_at >= start, Ticket.resolved_at < end)
    raise ValueError(f"unknown problem measure {measure!r}")
