"""Sync bookkeeping of the local store: the pull cursor per server, push receipts, and the conflict inbox."""

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow


class SyncCursor(Base):
    """How far this store has applied a server's change log, per server URL and user.

    Written in the same transaction as the rows it covers (docs/SYNC_PROTOCOL.md: the cursor only moves with them).
    """

    __tablename__ = "sync_cursor"
    server_key: Mapped[str] = mapped_column(String(400), primary_key=True)  # "<url>|<user name>"
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SyncReceipt(Base):
    """The server's answer to one pushed mutation, kept after its outbox row is gone."""

    __tablename__ = "sync_receipt"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mutation_id: Mapped[str] = mapped_column(String(64), unique=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))  # applied | merged | conflict | rejected
    reason: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SyncConflict(IdMixin, Base):
    """An entry of the conflict inbox: a field the server kept (kind "conflict", one row per field, with
    base / theirs / mine as JSON) or a whole mutation it refused (kind "rejected", field "", the
    mutation's payload as `mine`). Never deleted by the sync; a person settles it."""

    __tablename__ = "sync_conflict"
    kind: Mapped[str] = mapped_column(String(10))
    ticket_id: Mapped[str | None] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(60), default="")
    base: Mapped[str | None] = mapped_column(Text)
    theirs: Mapped[str | None] = mapped_column(Text)
    mine: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    mutation_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int | None] = mapped_column(Integer)
    server_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | settled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("mutation_id", "field"),)
