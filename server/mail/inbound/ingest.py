"""Turn one collected mail into a ticket or a requester entry, in ONE write transaction (docs/MAIL.md).

Order of the work for a mail:
1. parse it (parse.py); a mail that cannot be read goes to the errors list with its bytes;
2. write its files (the .eml and the attachments) into the blob store;
3. one Database.write(): dedupe by Message-ID (mail_inbound), a delivery report marks our message
   bounced, the rate limit per sender, find or make the requester, find the ticket it answers (threading
   ids, then the number in the subject) or make one, the requester's entry with its attachments, the
   workflow move of a waiting or resolved ticket, the "received" acknowledgement (not for automatic
   mail), and the change-log record of every row written;
4. only then may the collector flag and move the mail on the IMAP server.
A failure in 3 rolls everything back and lands the mail in the errors list instead."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.ids import new_id
from core.tickets.cc import SEPARATOR
from core.tickets.children import REQUESTER_KIND, sanitize_file_name
from core.tickets.priority import DEFAULT_MATRIX, compute_priority
from core.tickets.rules import plan_changes
from core.tickets.workflow import TYPE_PREFIX, workflow_for
from server import changelog
from server.config import Settings
from server.db import Database
from server.mail import queue as mail_queue
from server.mail.inbound import store
from server.mail.inbound.parse import Parsed, bytes_key, parse
from server.models import (
    Attachment,
    Group,
    MailError,
    MailInbound,
    MailOutbox,
    Person,
    Ticket,
    TicketLink,
    WorklogEntry,
    utcnow,
)
from server.numbers import assign_number

if TYPE_CHECKING:
    from server.mail.inbound.settings import Mailbox
    from server.notify import Notifier

log = logging.getLogger(__name__)
_NUMBER = re.compile(r"\[((?:INC|REQ|PRB)\d{7})\]")
_ROOT = re.compile(r"^<ticket\.([A-Za-z0-9.-]{1,64})@")
_PREFIXES = re.compile(r"^\s*((re|fwd?|aw|wg|sv|vs|antw|tr|r)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
TITLE_MAX = 300
LINK_KIND = "child_of"   # a mail answering a closed ticket makes a new ticket, a child of the old one


class Refused(Exception):
    """The mail is readable but is not turned into a ticket or entry; the reason goes to the errors list."""


@dataclass(frozen=True)
class Outcome:
    kind: str                      # ticket | entry | bounce | ignored | duplicate | error
    ticket_id: str | None = None
    number: str | None = None
    error_id: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class _File:
    name: str
    mime_type: str
    sha: str
    size: int


def clean_title(subject: str) -> str:
    """The ticket title from a subject: reply prefixes and our ticket number taken off."""
    title = _NUMBER.sub(" ", subject)
    title = _PREFIXES.sub("", title)
    title = " ".join(title.split()).strip(" -:")
    return title[:TITLE_MAX] or "(no subject)"


class Ingest:
    """Applies collected mail to one database. Thread-safe: each call is its own transaction."""

    def __init__(self, db: Database, settings: Settings, notifier: Notifier | None = None) -> None:
        self.db = db
        self.settings = settings
        self.notifier = notifier

    # --- the entry point ------------------------------------------------------------------------------

    def collect(self, box: Mailbox, raw: bytes, *, retry_of: int | None = None) -> Outcome:
        """Apply one mail. Never raises for the mail's sake: a mail that cannot be applied (a value the
        database refuses among them) is kept in the errors list. Raises only when the database or the
        disk cannot be reached (the collector leaves the mail on the IMAP server and tries again)."""
        try:
            parsed = parse(raw)
        except Exception as exc:  # noqa: BLE001 - any parser failure is this mail's problem, not the server's
            return self._error(box, raw, bytes_key(raw), None, None, f"The mail cannot be read: {exc}"[:2000],
                               retry_of)
        if retry_of is None and self._seen(parsed.key):
            return Outcome("duplicate", note="already collected")
        try:
            files = self._store_files(raw, parsed)
            with self.db.write() as session:
                outcome = self._apply(session, box, raw, parsed, files, retry_of)
                seq = session.info.get("last_seq")
                if seq is not None and self.notifier is not None:
                    self.notifier.send(session, seq)
        except Refused as exc:
            return self._error(box, raw, parsed.key, parsed.sender, parsed.subject, str(exc), retry_of)
        except (OperationalError, InterfaceError, OSError):
            raise  # the database or the disk is down: not this mail's fault; it stays on the IMAP server
        except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen mail: kept, never lost
            log.exception("mail %s could not be processed", parsed.key)
            return self._error(box, raw, parsed.key, parsed.sender, parsed.subject,
                               f"The mail could not be processed: {type(exc).__name__}: {exc}"[:2000], retry_of)
        if self.notifier is not None:
            self.notifier.wake()
        return outcome

    def _seen(self, key: str) -> bool:
        with self.db.read() as session:
            return session.scalar(select(MailInbound.id).where(MailInbound.message_key == key)) is not None

    def _store_files(self, raw: bytes, parsed: Parsed) -> list[_File]:
        """The original first, then the attachments within the size limit."""
        root = self.settings.blob_dir
        files = [_File(_eml_name(parsed), "message/rfc822", store.put(root, raw), len(raw))]
        limit = self.settings.max_blob_bytes
        for part in parsed.attachments:
            name = sanitize_file_name(part.name)
            if len(part.data) > limit:
                parsed.notes.append(f"The attachment {name} ({len(part.data) // (1024 * 1024)} MiB) is over the "
                                    f"limit of {limit // (1024 * 1024)} MiB: not attached; it is in the original mail.")
                continue
            files.append(_File(name, _mime(part.mime_type), store.put(root, part.data), len(part.data)))
        return files

    # --- the transaction ----------------------------------------------------------------------------

    def _apply(self, session: Session, box: Mailbox, raw: bytes, p: Parsed, files: list[_File],
               retry_of: int | None) -> Outcome:
        row = session.scalar(select(MailInbound).where(MailInbound.message_key == p.key))
        if row is not None and (retry_of is None or row.outcome != "error"):
            return Outcome("duplicate", row.ticket_id, note="already collected")
        now = utcnow()
        if row is None:
            row = MailInbound(message_key=p.key, mailbox=box.label[:200], sender=p.sender, outcome="ignored",
                              automatic=p.automatic is not None, received_at=now)
            session.add(row)
        row.received_at = now
        if p.report is not None:
            return self._report(session, row, p)
        if p.sender is None:
            raise Refused("The mail has no usable sender address (From): it cannot become a requester's entry.")
        if p.sender in self._own_addresses(box):  # our own mail come back (a requester address that is ours)
            row.note = f"from our own address {p.sender}: not applied (a mail loop)"
            return Outcome("ignored", note=row.note)
        if retry_of is None:
            self._check_rate(session, box, p.sender, now)
        group = self._group(session, box)
        person = self._requester(session, p)
        ticket = self._answered(session, p)
        created = moved_from = None
        if ticket is not None and workflow_for(ticket.type).state(ticket.state).kind in ("closed", "canceled"):
            moved_from, created = ticket, self._new_ticket(session, box, p, group, person)
            link = TicketLink(id=new_id(), source_id=created.id, target_id=ticket.id, kind=LINK_KIND, created_at=now)
            session.add(link)
            session.flush()
            changelog.record(session, entity="ticket_link", entity_id=link.id, ticket_id=created.id)
            ticket = created
        elif ticket is None:
            ticket = created = self._new_ticket(session, box, p, group, person)
        attachments = []
        for f in files:
            store.blob_row(session, f.sha, f.size)
            att = Attachment(id=new_id(), ticket_id=ticket.id, file_name=f.name, content_hash=f.sha, size=f.size,
                             mime_type=f.mime_type, author_id=person.id, created_at=now)
            session.add(att)
            attachments.append(att)
        session.flush()
        for att in attachments:
            changelog.record(session, entity="attachment", entity_id=att.id, ticket_id=ticket.id)
        # A mail that opens a ticket is its description; the entry then says so rather than repeat it
        # (the editor shows the description as the original request, right above).
        body = (p.text.strip() or "(The mail has no text.)") if created is None else \
            "Opened this ticket by mail; the mail's text is the description above."
        if p.notes:
            body += "\n\n" + "\n".join(f"[{n}]" for n in dict.fromkeys(p.notes))
        if created is not None and moved_from is not None:
            body += f"\n\n[An answer to {moved_from.number}, which is {moved_from.state}: a new ticket was made.]"
        entry = WorklogEntry(id=new_id(), ticket_id=ticket.id, kind=REQUESTER_KIND, author_id=person.id, body=body,
                             time_spent_minutes=0, created_at=now, mail_state="received", mail_at=now,
                             original_id=attachments[0].id)
        session.add(entry)
        session.flush()
        changelog.record(session, entity="worklog_entry", entity_id=entry.id, ticket_id=ticket.id)
        if created is None:
            self._answer_moves(session, ticket, p, now)
        elif p.automatic is None and self.settings.mail is not None:
            mail_queue.queue(session, self.settings.mail, ticket, "received")
        row.outcome = "ticket" if created is not None else "entry"
        row.ticket_id, row.worklog_id, row.sender = ticket.id, entry.id, p.sender
        row.note = p.automatic and f"automatic: {p.automatic}"
        return Outcome(row.outcome, ticket.id, ticket.number)

    def _report(self, session: Session, row: MailInbound, p: Parsed) -> Outcome:
        """A delivery report: our message bounced (when it failed); no ticket, no answer."""
        assert p.report is not None
        matched = []
        if p.report.failed:
            matched = [i for i in p.report.original_ids if mail_queue.mark_bounced(session, i, p.report.reason)]
        row.outcome = "bounce" if matched else "ignored"
        originals = ", ".join(p.report.original_ids) or "no original"
        row.note = (f"bounced: {', '.join(matched)}: {p.report.reason}" if matched else
                    f"a delivery report not about a message of ours that was sent ({originals})")[:2000]
        return Outcome(row.outcome, note=row.note)

    def _own_addresses(self, box: Mailbox) -> set[str]:
        mail = self.settings.mail
        own = {box.user.lower()}
        if mail is not None:
            own |= {mail.from_address.lower(), *(g.address.lower() for g in mail.groups.values())}
        return own

    def _check_rate(self, session: Session, box: Mailbox, sender: str, now) -> None:
        count = session.scalar(select(func.count(MailInbound.id)).where(
            MailInbound.sender == sender, MailInbound.received_at > now - timedelta(hours=1),
            MailInbound.outcome.in_(("ticket", "entry"))))
        if (count or 0) >= box.rate_per_hour:
            raise Refused(f"Rate limit: {sender} sent more than {box.rate_per_hour} mails within an hour; this one "
                          "was not turned into a ticket (retry it to apply it anyway).")

    def _group(self, session: Session, box: Mailbox) -> Group:
        group = session.get(Group, box.group) or session.scalar(select(Group).where(Group.name == box.group))
        if group is None:
            raise Refused(f"The mailbox {box.label} sends new tickets to the group {box.group!r}, which does not "
                          "exist on the server (mail configuration).")
        return group

    def _requester(self, session: Session, p: Parsed) -> Person:
        assert p.sender is not None
        person = session.scalar(select(Person).where(func.lower(Person.email) == p.sender)
                                .order_by(Person.is_agent, Person.id).limit(1))
        if person is None:
            person = Person(id=new_id(), name=p.sender_name or p.sender, email=p.sender, is_agent=False, active=True)
            session.add(person)
            session.flush()
            changelog.record(session, entity="person", entity_id=person.id)
        elif p.sender_name and not person.is_agent and (person.name or "").strip().lower() in ("", p.sender):
            # Known only by the address (its first mail had no display name): the name this mail brings is
            # kept, whatever order the mails arrive in. A name someone gave the person is never overwritten.
            person.name = p.sender_name
            session.flush()
            changelog.record(session, entity="person", entity_id=person.id)
        return person

    def _answered(self, session: Session, p: Parsed) -> Ticket | None:
        """The ticket the mail answers: by its threading ids (our root ids, our sent messages, mail
        collected before), then by a ticket number in the subject."""
        for mid in p.thread_ids:
            root = _ROOT.match(mid)
            ticket_id = (root.group(1) if root else None) \
                or session.scalar(select(MailOutbox.ticket_id).where(MailOutbox.message_id == mid)) \
                or session.scalar(select(MailInbound.ticket_id).where(MailInbound.message_key == mid))
            ticket = session.get(Ticket, ticket_id) if ticket_id else None
            if ticket is not None:
                return ticket
        for number in _NUMBER.findall(p.subject):
            ticket = session.scalar(select(Ticket).where(Ticket.number == number))
            if ticket is not None:
                return ticket
        return None

    def _new_ticket(self, session: Session, box: Mailbox, p: Parsed, group: Group, person: Person) -> Ticket:
        wf = workflow_for(box.ticket_type)
        now = utcnow()
        ticket = Ticket(id=new_id(), type=box.ticket_type,
                        number=assign_number(session, TYPE_PREFIX[box.ticket_type], Ticket.number, None),
                        title=clean_title(p.subject), description=p.text[:20000], state=wf.initial,
                        is_open=wf.state(wf.initial).is_open, impact=3, urgency=3, priority=compute_priority(3, 3),
                        priority_overridden=False, requester_id=person.id, group_id=group.id, channel="email",
                        cc=self._copied(box, p), created_at=now, updated_at=now)
        session.add(ticket)
        session.flush()
        changelog.record_ticket(session, ticket, old_group_id=None, old_assignee_id=None, op="create")
        return ticket

    def _copied(self, box: Mailbox, p: Parsed) -> str | None:
        """The new ticket's CC: the mail's Cc addresses but ours (a mailbox of ours copied would loop) and
        the requester's own; usable ones only (parse.py), at most CC_MAX."""
        skip = self._own_addresses(box) | {p.sender or ""}
        return SEPARATOR.join(a for a in p.cc if a.lower() not in skip) or None

    def _answer_moves(self, session: Session, ticket: Ticket, p: Parsed, now) -> None:
        """A person's answer to a ticket waiting for them, or resolved, moves it back to work (where the
        workflow allows); an automatic mail moves nothing. The ticket's change is logged either way."""
        target = None
        kind = workflow_for(ticket.type).state(ticket.state).kind
        waiting = kind == "hold" and ticket.on_hold_reason == "awaiting_caller"
        if p.automatic is None and (kind == "resolved" or waiting):
            wf = workflow_for(ticket.type)
            back = [s for s in wf.allowed(ticket.state) if wf.state(s).kind == "open"]
            if back:
                target = {"state": "in_progress" if "in_progress" in back else back[0]}
        changes = {}
        if target is not None:
            try:
                changes = plan_changes(ticket, target, now=now, matrix=DEFAULT_MATRIX)
            except ValidationError as exc:  # the workflow refuses: the entry stays, the state too
                log.info("mail answer to %s does not move it: %s", ticket.number, exc)
        old_group, old_assignee = ticket.group_id, ticket.assignee_id
        for f, v in changes.items():
            setattr(ticket, f, v)
        ticket.updated_at = now
        session.flush()
        changelog.record_ticket(session, ticket, old_group_id=old_group, old_assignee_id=old_assignee)

    # --- the errors list ------------------------------------------------------------------------------

    def _error(self, box: Mailbox, raw: bytes, key: str, sender: str | None, subject: str | None, reason: str,
               retry_of: int | None) -> Outcome:
        """Keep the mail in the errors list (or update the one being retried), and remember its key so a
        second collection of it adds nothing."""
        with self.db.write() as session:
            known = session.scalar(select(MailInbound).where(MailInbound.message_key == key[:250]))
            if retry_of is None and known is not None:  # collected again (a kill before the flag): kept once
                return Outcome("duplicate", error_id=known.error_id, note="already collected")
            log.warning("mail %s from %s kept in the errors list: %s", key, sender, reason)
            error = session.get(MailError, retry_of) if retry_of is not None else None
            if error is None:
                error = MailError(mailbox=box.label[:200], message_key=key[:250], sender=sender, subject=subject,
                                  reason=reason, raw=raw, size=len(raw), state="open", created_at=utcnow())
                session.add(error)
            else:
                error.reason, error.state, error.settled_at = reason, "open", None
            session.flush()
            row = known
            if row is None:
                session.add(MailInbound(message_key=key[:250], mailbox=box.label[:200], sender=sender,
                                        outcome="error", automatic=False, error_id=error.id, note=reason[:2000],
                                        received_at=utcnow()))
            else:
                row.outcome, row.error_id, row.note = "error", error.id, reason[:2000]
            return Outcome("error", error_id=error.id, note=reason)


def _eml_name(p: Parsed) -> str:
    subject = clean_title(p.subject) if p.subject else "mail"
    return sanitize_file_name(f"{subject[:80]}.eml")


def _mime(value: str) -> str:
    value = value.strip().lower()
    return value if re.fullmatch(r"[a-z0-9.+-]{1,50}/[a-z0-9.+-]{1,60}", value) else "application/octet-stream"
