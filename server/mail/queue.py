"""Queue outgoing mail in the transaction of the reply or event that causes it; mark bounces."""
# Called from the push (server/push.py) inside the mutation's savepoint: a refused mutation queues
# nothing, and a queued message commits with its reply or not at all.

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from core.tickets.cc import cc_addresses
from core.tickets.workflow import TransitionError, workflow_for
from server import changelog
from server.config import MailSettings
from server.mail.compose import compose, new_message_id, ticket_root_id, valid_address
from server.mail.survey.links import rating_links
from server.models import Group, MailOutbox, Person, Ticket, WorklogEntry, utcnow
from server.protocol import Mutation

REFERENCES_KEPT = 10   # the root and the latest messages; enough for every client to thread


@dataclass(frozen=True)
class Before:
    """What a ticket update's events are judged against: the ticket as it was."""

    state: str
    on_hold_reason: str | None


def before(session: Session, m: Mutation) -> Before | None:
    if m.entity != "ticket" or m.op != "update" or not isinstance(m.entity_id, str):
        return None
    ticket = session.get(Ticket, m.entity_id)
    return Before(ticket.state, ticket.on_hold_reason) if ticket is not None else None


def _kind(ticket: Ticket, state: str) -> str | None:
    try:
        return workflow_for(ticket.type).state(state).kind
    except (KeyError, TransitionError):
        return None


def after(session: Session, m: Mutation, seen: Before | None, outcome: dict[str, Any],
          mail: MailSettings | None) -> None:
    """Queue what an applied mutation causes: a public reply, a new ticket, a move to resolved or to
    waiting for the requester. A repeated append ("already present") causes nothing again."""
    if mail is None or outcome.get("status") == "rejected":
        return
    if m.entity == "worklog_entry" and m.op == "append" and not outcome.get("reason"):
        entry = session.get(WorklogEntry, m.entity_id)
        # A reply given by phone, in person... (sent_via) was delivered already: mailing it would repeat it.
        if entry is not None and entry.kind == "reply" and entry.sent_via is None:
            row = queue(session, mail, session.get(Ticket, entry.ticket_id), "reply", entry=entry)
            _mark_reply(entry, row, mail)
    elif m.entity == "ticket" and m.op == "create":
        queue(session, mail, session.get(Ticket, m.entity_id), "received")
    elif m.entity == "ticket" and m.op == "update" and seen is not None:
        ticket = session.get(Ticket, m.entity_id)
        if ticket is None or (ticket.state, ticket.on_hold_reason) == (seen.state, seen.on_hold_reason):
            return
        if _kind(ticket, ticket.state) == "resolved" and _kind(ticket, seen.state) != "resolved":
            queue(session, mail, ticket, "resolved")
            if mail.survey is not None:  # its own message: the rating links, signed for this requester
                queue(session, mail, ticket, "survey")
        elif ticket.on_hold_reason == "awaiting_caller" and _kind(ticket, ticket.state) == "hold":
            queue(session, mail, ticket, "waiting")


NO_ADDRESS = "The ticket has no requester with a mail address: the reply was not mailed."


def _mark_reply(entry: WorklogEntry, row: MailOutbox | None, mail: MailSettings) -> None:
    """The reply's delivery state on its worklog row, for the desk. No change record of its own: the
    append's record is in this same transaction, and a pull sends the row as committed."""
    if row is not None:
        entry.mail_state, entry.mail_error = row.state, row.last_error
    elif "reply" in mail.events:  # mailed replies are on, but this ticket has nobody to mail
        entry.mail_state, entry.mail_error = "failed", NO_ADDRESS


def queue(session: Session, mail: MailSettings, ticket: Ticket | None, event: str, *,
          entry: WorklogEntry | None = None) -> MailOutbox | None:
    """Render and queue the event's message to the ticket's requester, copied to the ticket's CC addresses
    (but the survey: only the requester rates); None when it has no requester (or the event is not sent).
    An unusable requester address is queued as failed, with the reason, for the desk to show; an unusable
    CC address is left out and never blocks the requester's mail."""
    if ticket is None or event not in mail.events or ticket.requester_id is None:
        return None
    requester = session.get(Person, ticket.requester_id)
    if requester is None or not requester.email:
        return None
    group = session.get(Group, ticket.group_id) if ticket.group_id else None
    sender = mail.sender_for(ticket.group_id, group.name if group else None)
    domain = mail.id_domain
    root = ticket_root_id(ticket.id, domain)
    previous = list(session.scalars(select(MailOutbox.message_id).where(MailOutbox.ticket_id == ticket.id)
                                    .order_by(MailOutbox.id.desc()).limit(REFERENCES_KEPT - 1)))
    message_id = root if event == "received" and root not in previous else new_message_id(domain)
    references = [] if message_id == root else [root, *(i for i in reversed(previous) if i != root)]
    author = session.get(Person, entry.author_id) if entry is not None and entry.author_id else None
    now = utcnow()
    row = MailOutbox(ticket_id=ticket.id, worklog_id=entry.id if entry is not None else None, event=event,
                     message_id=message_id, sender=sender.address, recipients=[], message=b"", attempts=0,
                     next_attempt_at=now, created_at=now)
    recipient, from_address = valid_address(requester.email), valid_address(sender.address)
    if recipient is None or from_address is None:
        row.state = "failed"
        row.last_error = ("The requester's mail address is not usable." if recipient is None
                          else "The group's sender address is not usable (server mail configuration).")
    else:
        row.state = "queued"
        copied = copies(ticket, recipient) if event != "survey" else []
        row.recipients = [recipient, *copied]
        text = entry.body if entry is not None else ""
        if event == "resolved":
            text = ticket.resolution_notes or ""
        language = sender.language or mail.language
        links = rating_links(mail.survey, ticket_id=ticket.id, requester_id=requester.id, language=language,
                             now=now) if event == "survey" and mail.survey is not None else ()
        row.message = compose(event=event, language=language, number=ticket.number,
                              title=ticket.title, text=text, recipient_name=requester.name, recipient=recipient,
                              agent=author.name if author is not None else "", group=sender.name or
                              (group.name if group else mail.from_name), sender_name=sender.name or
                              (group.name if group else mail.from_name), sender=from_address,
                              message_id=message_id, in_reply_to=references[-1] if references else None,
                              references=references, now=now, links=links, cc=copied)
    session.add(row)
    session.flush()
    return row


def copies(ticket: Ticket, recipient: str) -> list[str]:
    """The ticket's usable CC addresses, without the requester's own."""
    return [a for a in cc_addresses(ticket.cc) if a.lower() != recipient.lower()]


def mark_bounced(session: Session, message_id: str, reason: str) -> bool:
    """Record a delivery report for one of our messages (mail in reads them); False if it is not ours.
    A reply's worklog row is marked bounced too, with a change record so desks pull it. Only inside
    Database.write() (the change log needs the writer lock)."""
    reason = reason[:2000]
    done = cast(CursorResult[Any], session.execute(update(MailOutbox).where(MailOutbox.message_id == message_id,
                                                    MailOutbox.state.in_(("sent", "sending")))
                           .values(state="bounced", last_error=reason)))
    if not done.rowcount:
        return False
    worklog_id = session.scalar(select(MailOutbox.worklog_id).where(MailOutbox.message_id == message_id))
    entry = session.get(WorklogEntry, worklog_id) if worklog_id else None
    if entry is not None:
        entry.mail_state, entry.mail_error = "bounced", reason
        changelog.record(session, entity="worklog_entry", entity_id=entry.id, ticket_id=entry.ticket_id)
    return True
