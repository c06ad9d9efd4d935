"""What a sync pull brought the user: requesters' mail on my tickets, new tickets in my groups."""
# Read after the sync's page committed, for the desktop notifications (app/ui/notifications). Only the
# rows the change feed named are looked at, by primary key; nothing here scans a table.

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Person, Ticket, WorklogEntry, group_member
from core.tickets.children import REQUESTER_KIND


@dataclass(frozen=True)
class Arrival:
    """One thing to tell: a requester's mail (kind "mail") or a new ticket (kind "ticket")."""

    kind: str
    id: str  # the worklog entry's or the ticket's id (never told twice)
    ticket_id: str
    number: str
    title: str
    who: str  # the requester's name ("" when unknown)
    at: datetime


def arrivals(session: Session, *, entry_ids: Iterable[str], ticket_ids: Iterable[str], me: str | None,
             since: datetime) -> tuple[Arrival, ...]:
    """Of the named rows: the requesters' mails (worklog kind "requester") on tickets assigned to me, and
    the tickets in my groups that were not created on this desk (a local create has its audit row; a
    pulled one has none), both newer than `since`. Oldest first. Costs two reads by primary key."""
    if me is None:
        return ()
    entry_ids, ticket_ids = list(entry_ids), list(ticket_ids)
    found: list[Arrival] = []
    if entry_ids:
        rows = session.execute(
            select(WorklogEntry.id, Ticket.id, Ticket.number, Ticket.title, Person.name, WorklogEntry.created_at)
            .join(Ticket, Ticket.id == WorklogEntry.ticket_id).outerjoin(Person, Person.id == Ticket.requester_id)
            .where(WorklogEntry.id.in_(entry_ids), WorklogEntry.kind == REQUESTER_KIND,
                   Ticket.assignee_id == me, WorklogEntry.created_at > since))
        found += [Arrival("mail", i, t, n or "", title, who or "", at) for i, t, n, title, who, at in rows]
    if ticket_ids:
        mine = select(group_member.c.group_id).where(group_member.c.person_id == me)
        local = select(AuditEvent.entity_id).where(AuditEvent.entity_id.in_(ticket_ids))
        made = session.execute(
            select(Ticket.id, Ticket.number, Ticket.title, Person.name, Ticket.created_at)
            .outerjoin(Person, Person.id == Ticket.requester_id)
            .where(Ticket.id.in_(ticket_ids), Ticket.group_id.in_(mine), Ticket.created_at > since,
                   Ticket.id.not_in(local)))
        found += [Arrival("ticket", t, t, n or "", title, who or "", at) for t, n, title, who, at in made]
    return tuple(sorted(found, key=lambda a: a.at))
