"""The queue's SLA conditions ("sla" kind of QueueFilter.conditions), resolved on ticket_sla's indexes."""
# Values:
#     breaching:MINUTES   open tickets with a clock running late or due within MINUTES (the "Breaching soon" view)
#     breached            open tickets with a clock past its due time and not yet met

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.models import Ticket, TicketSla
from core.errors import ValidationError
from core.schema import utcnow

MAX_MINUTES = 60 * 24 * 365


def parse(value: str) -> tuple[str, int]:
    """(kind, minutes) of a condition value; ValidationError when it is not one this module knows."""
    kind, _, arg = (value or "").partition(":")
    if kind == "breaching":
        try:
            minutes = int(arg)
        except ValueError:
            minutes = -1
        if not 0 <= minutes <= MAX_MINUTES:
            raise ValidationError(f"SLA condition {value!r} needs minutes from 0 to {MAX_MINUTES}.")
        return kind, minutes
    if kind == "breached" and not arg:
        return kind, 0
    raise ValidationError(f"Unknown SLA condition {value!r}.")


def clause(session: Session, value: str, *, me: str | None):
    """A boolean expression on Ticket: the matching set comes from a range of ix_ticket_sla_due, so it is
    found without a scan of the tickets."""
    kind, minutes = parse(value)
    now = utcnow()
    limit = now + timedelta(minutes=minutes) if kind == "breaching" else now
    # Stopped and paused clocks have no due_at; a clock running late keeps its (past) due_at.
    inner = select(TicketSla.ticket_id).where(TicketSla.due_at <= limit)
    return and_(Ticket.is_open.is_(True), Ticket.id.in_(inner))


def describe(value: str) -> str:
    kind, minutes = parse(value)
    if kind == "breached":
        return "SLA overdue"
    if minutes % 60 == 0:
        return f"Due within {minutes // 60} h or overdue"
    return f"Due within {minutes} min or overdue"


def breaching_value(hours: int | float) -> str:
    """The condition value for "due within `hours`" (the sla_warning_hours setting)."""
    return f"breaching:{max(0, min(MAX_MINUTES, int(round(hours * 60))))}"

