"""The audit trail: one row per changed field, who changed it, when, from what to what.

Stored in the order it is read, by entity and time (a WITHOUT ROWID table keyed by entity id, time and the
event's own number; migration 0033): every read asks for one entity's events, or a list of entities', so the
rows themselves are the index, and there is neither a rowid nor a second copy of (entity, time) to keep. The
trail is never synced, so an event needs no UUID: its number only tells apart events of one entity written in
the same microsecond. About 650 bytes a ticket less on the demo desks (docs/PERFORMANCE.md, store size)."""

import itertools
import time
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from core.schema import UtcDateTime, utcnow

_numbers = itertools.count(time.time_ns() // 1000)  # from this start's microsecond: a later start begins higher


def new_event_id() -> int:
    """A number for a new audit event, increasing within this process (thread-safe: itertools.count)."""
    return next(_numbers)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, primary_key=True, default=utcnow)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=lambda: new_event_id())
    entity: Mapped[str] = mapped_column(String(30))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    # Edits made together (a bulk action, one save) share a batch id so they can be undone together.
    batch_id: Mapped[str | None] = mapped_column(String(36))

    # The batch index holds only the events that have one (migration 0029): most have none.
    __table_args__ = (Index("ix_audit_event_batch_id", "batch_id", sqlite_where=text("batch_id IS NOT NULL")),
                      {"sqlite_with_rowid": False})
