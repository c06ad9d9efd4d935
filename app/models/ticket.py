"""Tickets (incidents, service requests, problems) and their append-only children."""


from sqlalchemy import Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.ids import new_id
from core.tickets.schema import AttachmentColumns, TicketColumns, TicketLinkColumns, WorklogColumns

# Partial indexes WHERE is_open, by sort key (migration 0012); the queue's walk names them by the bare
# `ticket.is_open` term, which SQLite matches to their WHERE.
OPEN_SORT_INDEXES = {
    "number": ("number",), "title": ("title",), "state": ("state",), "type": ("type",), "channel": ("channel",),
    "group": ("group_name",), "assignee": ("assignee_name",),
    "requester": ("requester_name",), "sla_due": ("sla_due",),
}


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
    # Sort keys copied from other tables, kept current by the triggers of migration 0012 (every write path:
    # services, sync, demo loader), so that every queue sort walks an index of this table: the group's,
    # assignee's and requester's names, and the due time of the SLA clock due first ("9999-12-31" when no
    # clock runs, which sorts after every due time). Nothing but the queue's ORDER BY reads them.
    group_name: Mapped[str | None] = mapped_column(String(200))
    assignee_name: Mapped[str | None] = mapped_column(String(200))
    requester_name: Mapped[str | None] = mapped_column(String(200))
    # Nullable only because the sync writes NULL into the columns the server lacks; a trigger then sets it.
    sla_due: Mapped[str | None] = mapped_column(String(26), server_default=text("'9999-12-31'"))

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
        # The caller lookup's card: a requester's newest tickets (migration 0018).
        Index("ix_ticket_requester", "requester_id", "is_open", "updated_at"),
        # "Is this category in use?" before it is retired, and its ticket count (migration 0024); a service's
        # count reads ix_ticket_service_open.
        Index("ix_ticket_category", "category_id"),
        # The CMDB's timeline, impact and "users of a service" (app.cmdb.queries, migration 0023).
        Index("ix_ticket_ci_open", "ci_id", "is_open", "created_at", sqlite_where=text("ci_id IS NOT NULL")),
        Index("ix_ticket_service_created", "service_id", "created_at", "requester_id"),  # and the similar incidents
        Index("ix_ticket_service_open", "service_id", "is_open", "type"),
        # Open queue sorted by priority / by creation without a temporary B-tree (migration 0003).
        Index("ix_ticket_open_priority", "is_open", "priority"),
        Index("ix_ticket_open_created", "is_open", "created_at"),
        # One per sortable column (migration 0012); the row id, the queue's tiebreak, ends every entry.
        # The triggers find a renamed person's or group's tickets by the old name on these.
        Index("ix_ticket_sort_title", "title"),
        Index("ix_ticket_sort_state", "state"),
        Index("ix_ticket_sort_type", "type"),
        Index("ix_ticket_sort_priority", "priority"),
        Index("ix_ticket_sort_channel", "channel"),
        Index("ix_ticket_sort_group", "group_name"),
        Index("ix_ticket_sort_assignee", "assignee_name"),
        Index("ix_ticket_sort_requester", "requester_name"),
        Index("ix_ticket_sort_sla_due", "sla_due"),
        # The same for the open tickets alone (partial: a few per cent of the rows), which the open views
        # walk; updated_at, created_at and priority have (is_open, key) above.
        *(Index(f"ix_ticket_open_sort_{name}", *columns, sqlite_where=text("is_open"))
          for name, columns in OPEN_SORT_INDEXES.items()),
        # Problem management (migration 0020): a problem's incidents, a major incident's children, the
        # similar-incidents search by CI (by service: ix_ticket_service_created, above), the known errors and
        # the majors. Those over mostly empty columns hold only the rows with a value (migration 0029).
        Index("ix_ticket_problem", "problem_id", "created_at", sqlite_where=text("problem_id IS NOT NULL")),
        Index("ix_ticket_major", "major_id", sqlite_where=text("major_id IS NOT NULL")),
        Index("ix_ticket_ci_created", "ci_id", "created_at", sqlite_where=text("ci_id IS NOT NULL")),
        Index("ix_ticket_known_error", "known_error_at", sqlite_where=text("known_error")),
        # The known errors still in force (the incident editor's banner reads them all, a few per cent of them).
        Index("ix_ticket_known_error_active", "known_error_at",
              sqlite_where=text("known_error AND state NOT IN ('closed', 'canceled')")),
        Index("ix_ticket_major_open", "is_open", "updated_at", sqlite_where=text("is_major")),
        Index("ix_ticket_type_open", "type", "is_open", "updated_at"),
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
