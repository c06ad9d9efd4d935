"""Client-side bookkeeping: the sync outbox, store metadata, number sequences, saved views, drafts."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow


class OutboxMutation(Base):
    """A local edit waiting to be pushed. `seq` is the per-client increasing mutation number.

    `payload` is JSON: for updates {"fields": {name: {"base": old, "new": new}}}, for creates the
    full row, for appends the child row. It is written in the same transaction as the edit.
    """

    __tablename__ = "outbox_mutation"
    # AUTOINCREMENT: a drained outbox must never hand out a mutation number again (migration 0003).
    __table_args__ = {"sqlite_autoincrement": True}
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(10))  # create | update | append | delete
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class StoreMeta(Base):
    """Key/value facts about this store: client id, current user, schema notes."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NumberSequence(Base):
    """The next human number per prefix (INC, REQ, PRB) for tickets created on this desk."""

    __tablename__ = "number_sequence"
    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer, default=1)


class SavedView(IdMixin, Base):
    """A named queue view: filters and sort as JSON, saved by a user."""

    __tablename__ = "saved_view"
    name: Mapped[str] = mapped_column(String(120))
    owner_id: Mapped[str | None] = mapped_column(String(36))
    definition: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """Unsaved editor input, autosaved so it can be offered back after a crash."""

    __tablename__ = "draft"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)  # ticket id or "new:<uuid>"
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
