"""The desk's declarative base and the id column every local ORM class shares."""

from sqlalchemy import MetaData, String, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from app.models.configure_retry import install as install_configure_retry
from core.ids import new_id
from core.schema import NAMING

install_configure_retry()  # before any class is mapped: see app.models.configure_retry


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IdMixin:
    """A client-made UUIDv7 primary key (docs/SYNC_PROTOCOL.md: creates can be retried safely).

    The server takes ids from the wire, so the shared column mixins (core.*.schema) declare `id` without
    a default; a desk class lists IdMixin before them, so this `id`, with its default, is the one mapped.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


@event.listens_for(Session, "before_flush")
def _every_table_known(_session: Session, _flush_context, _instances) -> None:
    """The model modules load on first use (app.models); a flush sorts its tables by their foreign keys,
    which must all name known tables, so the first one loads every module (once: later calls are no-ops).
    A read never flushes anything, so the first queue page does not pay for this."""
    from app.models import load_all

    load_all()
