"""Bookkeeping of sync backends other than the reference server (issue 16: Request Tracker 5)."""

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from core.schema import UtcDateTime, utcnow


class BackendRef(Base):
    """A remote record's local id: an RT ticket, user or queue, keyed by server and remote id. Tickets also
    keep the version the desk last pulled (RT's ETag), the base of the next update's If-Match. Written in the
    transaction that applies the pulled rows, or the one that records a create's answer."""

    __tablename__ = "backend_ref"
    server_key: Mapped[str] = mapped_column(String(400), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # ticket | user | queue | txn
    remote_id: Mapped[str] = mapped_column(String(400), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (Index("ix_backend_ref_local", "server_key", "kind", "local_id"),)


class BackendSent(Base):
    """The ledger of writes a backend without idempotency keys (RT) was asked to make: recorded as
    "sending" (with the ticket's newest transaction before it) before the request goes, "done" with the
    remote id once it is known. A "sending" row after a crash or a lost answer is checked against the
    ticket's history before anything is sent again, so a reply or a ticket is never made twice."""

    __tablename__ = "backend_sent"
    mutation_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    server_key: Mapped[str] = mapped_column(String(400))
    action: Mapped[str] = mapped_column(String(20))  # correspond | comment | create
    remote_ticket: Mapped[str | None] = mapped_column(String(40))
    after_version: Mapped[str | None] = mapped_column(String(64))
    body_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))  # sending | done
    remote_id: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BackendMove(Base):
    """A status move the backend's server allows for tickets of an assignment group in `from_state` (RT: the
    lifecycle of the group's queue, read from the server), offered by the desk's workflow beside its own
    moves. `to_state` is a Deskside state where the status maps to one, else the server's own status name;
    `to_open` says whether that status is open (None: not known yet). Replaced whenever a pull reads them."""

    __tablename__ = "backend_move"
    group_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    from_state: Mapped[str] = mapped_column(String(64), primary_key=True)
    to_state: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    to_open: Mapped[bool | None] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)
