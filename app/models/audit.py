"""The audit trail: one row per changed field, who changed it, when, from what to what."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow


class AuditEvent(IdMixin, Base):
    __tablename__ = "audit_event"
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Edits made together (a bulk action, one save) share a batch id so they can be undone together.
    batch_id: Mapped[str | None] = mapped_column(String(36))

    # The batch index holds only the events that have one (migration 0029): most have none.
    __table_args__ = (Index("ix_audit_event_entity", "entity_id", "at"),
                      Index("ix_audit_event_batch_id", "batch_id", sqlite_where=text("batch_id IS NOT NULL")))
