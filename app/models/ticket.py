"""Tickets (incidents, service requests, problems) and their append-only children."""


from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.ids import new_id
from core.tickets.schema import AttachmentColumns, TicketColumns, TicketLinkColumns, WorklogColumns


class Ticket(TicketColumns, Base):
    """One ticket. `is_open` is derived from the state by the services and indexed for the queue.

    The shared columns are core.tickets.schema.TicketColumns; here only what the desk does differently.
    """

    __tablename__ = "ticket"
    # A stable local integer key (an INTEGER PRIMARY KEY survives VACUUM, an implicit rowid does not):
    # the full-text index and the queue's id array use it. The server has no such key.
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # The UUIDv7 that sync and every foreign key use: made here, unique rather than the primary key.
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    # Empty until the server numbers a create the desk pushed (the server's is never empty).
    number: Mapped[str | None] = mapped_column(String(20), unique=True)

    # The queue's sorts and filters, each served by an index (docs/PERFORMANCE.md); the server's are
    # for its scope checks and differ.
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


class WorklogEntry(IdMixin, WorklogColumns, Base):
    """A public reply (seen by the requester) or an internal note; never edited once written."""

    __tablename__ = "worklog_entry"
    # Local only: the entry's rowid in the full-text index (ticket.row_id << 32 | piece), set by the
    # index's trigger (migration 0011); the trigger that deletes the entry from the index needs it.
    fts_rowid: Mapped[int | None] = mapped_column(Integer)


class Attachment(IdMixin, AttachmentColumns, Base):
    """Metadata of a file attached to a ticket; the bytes live in the blob store by content hash."""

    __tablename__ = "attachment"
    # SQLite's INTEGER holds 64 bits already; the server says BigInteger for PostgreSQL.
    size: Mapped[int] = mapped_column(Integer)


class TicketLink(IdMixin, TicketLinkColumns, Base):
    """A typed link: source is child_of / duplicate_of / caused_by the target."""

    __tablename__ = "ticket_link"
