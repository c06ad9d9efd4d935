"""The values of the template variables for one ticket and one agent, read in the caller's session."""
# core.macros.variables defines the names and the syntax; this module knows where each value lives on the desk.
# Times are shown in the desk's local time zone, as the agent sees them everywhere else.

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Category, Group, Person, Ticket, TicketSla
from core.macros.variables import first_name
from core.tickets.workflow import state_label


def when(moment: datetime | None) -> str | None:
    """A moment as the desk shows it: local time, weekday, date and minutes ("Thu 3 Dec 2026, 14:30")."""
    if moment is None:
        return None
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone()
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def _name(session: Session, model, row_id: str | None) -> str | None:
    return session.scalar(select(model.name).where(model.id == row_id)) if row_id else None


def agent_values(session: Session, agent_id: str | None) -> dict[str, str | None]:
    """The values that do not depend on a ticket: who writes, and today."""
    name = _name(session, Person, agent_id)
    today = datetime.now().astimezone()
    return {"agent.name": name, "agent.first_name": first_name(name), "today": f"{today.day} {today:%B %Y}"}


def ticket_values(session: Session, ticket: Ticket, agent: dict[str, str | None]) -> dict[str, str | None]:
    """Every variable's value for `ticket` (None where it has none: no requester, no SLA)."""
    requester = session.execute(select(Person.name, Person.email).where(Person.id == ticket.requester_id)).first() \
        if ticket.requester_id else None
    sla = session.get(TicketSla, ticket.id)
    return {
        **agent,
        "requester.name": requester.name if requester else None,
        "requester.first_name": first_name(requester.name) if requester else None,
        "requester.email": requester.email if requester else None,
        "ticket.number": ticket.number or None,
        "ticket.title": ticket.title,
        "ticket.state": state_label(ticket.type, ticket.state),
        "ticket.priority": f"P{ticket.priority}" if ticket.priority else None,
        "ticket.group": _name(session, Group, ticket.group_id),
        "ticket.assignee": _name(session, Person, ticket.assignee_id),
        "ticket.category": _name(session, Category, ticket.category_id),
        "sla.due": when(sla.resolution_due_at) if sla is not None else None,
        "sla.response_due": when(sla.response_due_at) if sla is not None else None,
    }
