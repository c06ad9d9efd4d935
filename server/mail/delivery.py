"""A reply's delivery on its worklog row, and the response clock it stops: first reply actually sent."""
# The response SLA stops at the earliest of: a reply given through another channel (sent_via: phone, in
# person...) at its created_at, and the first reply whose mail the SMTP server accepted, at that moment.
# A reply queued but not sent does not stop it; a failed one never does. Both writers call `responded`
# inside Database.write() (the change log needs the writer lock).

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from server import changelog
from server.models import Ticket, WorklogEntry, utcnow


def responded(session: Session, ticket: Ticket, at: datetime) -> None:
    """The ticket was answered at `at`: its first response is the earlier of that and what it had."""
    if ticket.first_response_at is not None and ticket.first_response_at <= at:
        return
    ticket.first_response_at = at
    ticket.updated_at = utcnow()
    session.flush()
    changelog.record_ticket(session, ticket, old_group_id=ticket.group_id, old_assignee_id=ticket.assignee_id)


def settle_replies(session: Session, outcomes: Iterable[dict[str, Any]]) -> None:
    """Copy the settled outcomes of replies' messages (the sender's batch: b_worklog, b_state, b_error,
    b_sent_at) onto their worklog rows, one statement for the batch, each with its change record so
    desks pull it; a sent one may stop its ticket's response clock. Inside the sender's settle transaction."""
    outcomes = [o for o in outcomes if o.get("b_worklog")]
    if not outcomes:
        return
    w = cast(Table, WorklogEntry.__table__)
    session.connection().execute(
        update(w).where(w.c.id == bindparam("b_worklog"))
        .values(mail_state=bindparam("b_state"), mail_error=bindparam("b_error"), mail_at=bindparam("b_sent_at")),
        [{"b_worklog": o["b_worklog"], "b_state": o["b_state"], "b_error": o["b_error"],
          "b_sent_at": o["b_sent_at"]} for o in outcomes])
    rows = session.execute(select(WorklogEntry.id, WorklogEntry.ticket_id)
                           .where(WorklogEntry.id.in_([o["b_worklog"] for o in outcomes]))).tuples()
    tickets = {entry_id: ticket_id for entry_id, ticket_id in rows}
    for o in outcomes:
        ticket_id = tickets.get(o["b_worklog"])
        if ticket_id is None:  # the ticket (and its worklog) was deleted since: nothing to show it on
            continue
        changelog.record(session, entity="worklog_entry", entity_id=o["b_worklog"], ticket_id=ticket_id)
        if o["b_state"] == "sent" and (ticket := session.get(Ticket, ticket_id)) is not None:
            responded(session, ticket, o["b_sent_at"])
