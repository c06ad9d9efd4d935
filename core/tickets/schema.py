"""The ticket tables' columns the desk and the server share: one definition, mixed into both sides' classes."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime, utcnow


class TicketColumns:
    """One ticket's shared columns. The keys are not here: `id` and `number` differ by side."""

    type: Mapped[str] = mapped_column(String(20))  # incident | service_request | problem
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(30))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    on_hold_reason: Mapped[str | None] = mapped_column(String(30))
    impact: Mapped[int] = mapped_column(Integer, default=3)
    urgency: Mapped[int] = mapped_column(Integer, default=3)
    priority: Mapped[int] = mapped_column(Integer, default=5)
    priority_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("category.id"))
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"))
    ci_id: Mapped[str | None] = mapped_column(ForeignKey("configuration_item.id"))
    requester_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("group.id"))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[str] = mapped_column(String(20), default="portal")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_code: Mapped[str | None] = mapped_column(String(40))
    resolution_notes: Mapped[str | None] = mapped_column(Text)
    csat_score: Mapped[int | None] = mapped_column(Integer)
    # Where the answer came from (core.tickets.csat.CSAT_SOURCES), its comment and when it was given: a
    # survey answer is recorded by the server from the requester's own click (issue 15).
    csat_source: Mapped[str | None] = mapped_column(String(20))
    csat_comment: Mapped[str | None] = mapped_column(Text)
    csat_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    # The mail addresses copied on the ticket's mail (core.tickets.cc: plain addr-specs joined by ", ").
    cc: Mapped[str | None] = mapped_column(Text)
    # Problem management (issue 13, core.problems.rules). An incident's problem and major incident: plain
    # ids, not foreign keys, because a pull page may bring an incident before the problem it points at, and
    # the problem may lie outside the user's scope (the link is kept; the desk shows it as unknown).
    problem_id: Mapped[str | None] = mapped_column(String(36))
    is_major: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    major_id: Mapped[str | None] = mapped_column(String(36))
    # A problem's root-cause analysis, workaround and fix (the change that implements it: an id, as above),
    # and whether it is a known error, since when (set by the rules, never typed).
    root_cause: Mapped[str | None] = mapped_column(Text)
    cause_code: Mapped[str | None] = mapped_column(String(40))
    workaround: Mapped[str | None] = mapped_column(Text)
    fix_notes: Mapped[str | None] = mapped_column(Text)
    fix_change_id: Mapped[str | None] = mapped_column(String(36))
    known_error: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    known_error_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class WorklogColumns:
    """A public reply (seen by the requester) or an internal note; never edited once written."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # reply | note | requester (core.tickets.children.KINDS)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    time_spent_minutes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A reply the agent gave through another channel (core.tickets.children.SENT_VIA: phone, in person...);
    # None: the team server mails it. Set by the desk with the entry, never changed.
    sent_via: Mapped[str | None] = mapped_column(String(20))
    # The server's alone (never pushed): the mail of this entry (MAIL_STATES: queued, sent, failed,
    # bounced for a reply; received for the requester's mail), the reason of a failure or bounce, when it
    # was sent or received, and the attachment holding the original message (.eml) of a received mail.
    mail_state: Mapped[str | None] = mapped_column(String(10))
    mail_error: Mapped[str | None] = mapped_column(Text)
    mail_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    original_id: Mapped[str | None] = mapped_column(String(36))


class AttachmentColumns:
    """A file attached to a ticket, by content hash. `size` is not here: its type differs by side."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_hash: Mapped[str] = mapped_column(String(64))
    mime_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    author_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TicketLinkColumns:
    """A typed link: source is child_of / duplicate_of / caused_by the target."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
