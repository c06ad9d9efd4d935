"""Tickets (incidents, service requests, problems) and their append-only children."""

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.ids import new_id
from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow


class Ticket(Base):
    """One ticket. `is_open` is derived from the state by the services and indexed for the queue.

    `row_id` is a stable local integer key (an INTEGER PRIMARY KEY survives VACUUM, an implicit
    rowid does not): the full-text index and the queue's id array use it. `id` is the UUIDv7
    that sync and every foreign key use.
    """

    __tablename__ = "ticket"
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    type: Mapped[str] = mapped_column(String(20))  # incident | service_request | problem
    number: Mapped[Optional[str]] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(30))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    on_hold_reason: Mapped[Optional[str]] = mapped_column(String(30))
    impact: Mapped[int] = mapped_column(Integer, default=3)
    urgency: Mapped[int] = mapped_column(Integer, default=3)
    priority: Mapped[int] = mapped_column(Integer, default=5)
    priority_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    category_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))
    service_id: Mapped[Optional[str]] = mapped_column(ForeignKey("service.id"))
    ci_id: Mapped[Optional[str]] = mapped_column(ForeignKey("configuration_item.id"))
    requester_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"))
    assignee_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    channel: Mapped[str] = mapped_column(String(20), default="portal")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    first_response_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    resolved_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    closed_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    resolution_code: Mapped[Optional[str]] = mapped_column(String(40))
    resolution_notes: Mapped[Optional[str]] = mapped_column(Text)
    csat_score: Mapped[Optional[int]] = mapped_column(Integer)
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_ticket_open_updated", "is_open", "updated_at"),
        Index("ix_ticket_updated", "updated_at"),
        Index("ix_ticket_created", "created_at"),
        Index("ix_ticket_assignee_open", "assignee_id", "is_open", "updated_at"),
        Index("ix_ticket_group_open", "group_id", "is_open", "assignee_id"),
        Index("ix_ticket_priority", "priority", "updated_at"),
        Index("ix_ticket_state", "state", "updated_at"),
        Index("ix_ticket_type", "type", "updated_at"),
        # Open queue sorted by priority / by creation without a temporary B-tree (migration 0003).
        Index("ix_ticket_open_priority", "is_open", "priority"),
        Index("ix_ticket_open_created", "is_open", "created_at"),
    )


class WorklogEntry(IdMixin, Base):
    """A public reply (seen by the requester) or an internal note; never edited once written."""

    __tablename__ = "worklog_entry"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # reply | note
    author_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    time_spent_minutes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Attachment(IdMixin, Base):
    """Metadata of a file attached to a ticket; the bytes live in the blob store by content hash."""

    __tablename__ = "attachment"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    author_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TicketLink(IdMixin, Base):
    """A typed link: source is child_of / duplicate_of / caused_by the target."""

    __tablename__ = "ticket_link"
    source_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
