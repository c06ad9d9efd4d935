"""Frozen records the services return: safe to hand from the worker thread to the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from core.sla.clocks import SlaStatus


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


@dataclass(frozen=True)
class QueueRow:
    row_id: int
    id: str
    number: str
    type: str
    title: str
    state: str
    state_label: str
    priority: int
    group: str
    assignee: str
    requester: str
    category: str
    service: str
    channel: str
    created_at: datetime
    updated_at: datetime
    is_open: bool
    # The ticket's SLA summary from ticket_sla as last computed (None: no SLA applies); readers get the
    # current state and warning level from sla_store.live_state.
    sla_state: str | None = None
    sla_due_at: datetime | None = None
    sla_warn_at: datetime | None = None
    sla_warning: int = 0
    refused: bool = False  # the server refused work of this ticket and the user has not settled it yet


class WorklogItem(NamedTuple):
    """One worklog entry as the editor shows it. A named tuple, not a frozen dataclass: a ticket may hold thousands,
    and each was ~3 us to make (5,000 entries: 15 ms of the read that a ticket's opening waits for; 5 ms so)."""

    id: str
    kind: str  # reply | note | requester (the requester's own mail, written by the team server)
    author: str
    body: str
    time_spent_minutes: int
    created_at: datetime
    sent_via: str | None = None  # a reply given by phone, in person... (SENT_VIA); None: mailed by the server
    mail_state: str | None = None  # set by the team server: queued | sent | failed | bounced | received
    mail_error: str | None = None
    mail_at: datetime | None = None
    original_id: str | None = None  # the attachment holding a received mail's original .eml

    @property
    def delivery(self) -> tuple:
        """What the server may change on an entry after it was appended (its mail's state)."""
        return (self.mail_state, self.mail_error, self.mail_at)


@dataclass(frozen=True)
class AttachmentItem:
    id: str
    file_name: str
    size: int
    mime_type: str
    content_hash: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class LinkItem:
    id: str
    kind: str  # child_of | duplicate_of | caused_by, read from this ticket's side
    direction: str  # out: this ticket is the source; in: this ticket is the target
    other_id: str
    other_number: str
    other_title: str
    other_state: str


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    actor: str
    field: str
    old_value: str | None
    new_value: str | None
    batch_id: str | None


@dataclass(frozen=True)
class TicketDetail:
    id: str
    row_id: int
    number: str
    type: str
    title: str
    description: str
    state: str
    state_label: str
    is_open: bool
    on_hold_reason: str | None
    impact: int
    urgency: int
    priority: int
    priority_overridden: bool
    category_id: str | None
    service_id: str | None
    ci_id: str | None
    requester_id: str | None
    group_id: str | None
    assignee_id: str | None
    channel: str
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution_code: str | None
    resolution_notes: str | None
    csat_score: int | None
    reopen_count: int
    allowed_states: tuple[tuple[str, str], ...]
    worklog: tuple[WorklogItem, ...] = field(default=())
    attachments: tuple[AttachmentItem, ...] = field(default=())
    links: tuple[LinkItem, ...] = field(default=())
    history: tuple[HistoryItem, ...] = field(default=())
    sla: SlaStatus | None = None  # both SLA clocks as they stood when read; None: no policy applies
    is_final: bool = False  # closed or canceled: fields read-only, only internal notes may be added
    csat_source: str | None = None  # where the satisfaction answer came from (CSAT_SOURCES), when known here
    csat_comment: str | None = None
    csat_at: datetime | None = None  # when the answer was given (the survey's) or recorded
    requester_email: str | None = None  # where the team server mails public replies
    cc: str | None = None  # the addresses copied on the ticket's mail (core.tickets.cc)
    # The entries older than worklog[0] that this read left out (a first read of a long worklog takes the newest
    # only: app.tickets.detail.WORKLOG_TAIL), as (entries, replies, minutes logged); the first is 0 when `worklog`
    # holds them all.
    worklog_earlier: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class BulkResult:
    batch_id: str
    changed: tuple[int, ...]  # row ids changed
    skipped: tuple[tuple[str, str], ...]  # (number, reason)
