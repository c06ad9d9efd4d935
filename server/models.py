"""Server-side SQLAlchemy ORM: accounts and tokens, the synced rows, the change log, receipts, conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, BigInteger, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The client's column conventions (constraint names, aware UTC datetimes on SQLite and PostgreSQL),
# so both schemas read alike; the server keeps its own metadata and migrations.
from core.schema import NAMING, UtcDateTime, utcnow

class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- reference data (synced to every signed-in user) -------------------------------------------------

group_member = Table(
    "group_member", Base.metadata,
    Column("group_id", ForeignKey("group.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[Optional[str]] = mapped_column(String(320))
    is_agent: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[Optional[str]] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Group(Base):
    __tablename__ = "group"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(String(1000))


class Category(Base):
    __tablename__ = "category"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))


class Service(Base):
    __tablename__ = "service"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(String(1000))
    owner_group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"))


class ConfigurationItem(Base):
    __tablename__ = "configuration_item"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ci_class: Mapped[str] = mapped_column(String(60), default="server")
    parent_id: Mapped[Optional[str]] = mapped_column(ForeignKey("configuration_item.id"))
    service_id: Mapped[Optional[str]] = mapped_column(ForeignKey("service.id"))
    criticality: Mapped[int] = mapped_column(Integer, default=3)


# --- tickets and their append-only children ------------------------------------------------------------

class Ticket(Base):
    """The same columns as the client's ticket minus its local row_id; `id` is the client-made UUIDv7."""

    __tablename__ = "ticket"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(20), unique=True)
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
    group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"), index=True)
    assignee_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"), index=True)
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


class WorklogEntry(Base):
    __tablename__ = "worklog_entry"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    time_spent_minutes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Attachment(Base):
    __tablename__ = "attachment"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    author_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TicketLink(Base):
    __tablename__ = "ticket_link"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class NumberCounter(Base):
    """The next server-given human number per prefix (INC, REQ, PRB)."""

    __tablename__ = "number_counter"
    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger, default=1)


# --- accounts and tokens ----------------------------------------------------------------------------------

class Account(Base):
    """A person who signs in. Scope comes from the linked person's group memberships and the role."""

    __tablename__ = "account"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # agent | technician | manager | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AuthToken(Base):
    """An access or refresh token, kept only as a SHA-256 hash. A family is one sign-in's rotation chain."""

    __tablename__ = "auth_token"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Refresh tokens: when rotated. Access tokens minted by a rotation: first use (ends the grace).
    used_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    revoked_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    # The refresh token whose rotation minted this one (None: minted by a sign-in).
    parent_hash: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    # Refresh tokens: when presented again within the grace after rotation (allowed once).
    grace_used_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    # Revoked because a grace retry replaced the pair; presenting it later means two holders.
    superseded_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)


class SignInFailure(Base):
    """One failed sign-in, counted per user name and per client address for rate limiting."""

    __tablename__ = "sign_in_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(260), index=True)  # "user:<name>" or "addr:<ip>"
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# --- sync bookkeeping ------------------------------------------------------------------------------------

class ChangeLog(Base):
    """One committed change. `seq` is assigned under the writer lock, so it is gap-free in commit order.

    For tickets the scope before and after the change is kept so a pull can tell who lost the row
    (an eviction). `account_id` limits a row to one user (conflict records).
    """

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(80))
    op: Mapped[str] = mapped_column(String(10))  # create (tickets) | upsert | delete
    ticket_id: Mapped[Optional[str]] = mapped_column(String(36), index=True)
    old_group_id: Mapped[Optional[str]] = mapped_column(String(36))
    old_assignee_id: Mapped[Optional[str]] = mapped_column(String(36))
    new_group_id: Mapped[Optional[str]] = mapped_column(String(36))
    new_assignee_id: Mapped[Optional[str]] = mapped_column(String(36))
    account_id: Mapped[Optional[str]] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    # "Was this row ever deleted?" is asked for every create and every unknown id.
    __table_args__ = (Index("ix_change_log_entity", "entity_id", "op"),)


class SyncClient(Base):
    """A desktop install: its owner and the last mutation number applied from it."""

    __tablename__ = "sync_client"
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MutationReceipt(Base):
    """The answer given for one mutation, written in the transaction that applied it."""

    __tablename__ = "mutation_receipt"
    client_id: Mapped[str] = mapped_column(ForeignKey("sync_client.client_id", ondelete="CASCADE"),
                                           primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    mutation_id: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[dict] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (Index("ix_mutation_receipt_mutation", "client_id", "mutation_id", unique=True),)


class Conflict(Base):
    """A field both sides changed to different values; the server value stayed. Open until settled."""

    __tablename__ = "conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)  # the ticket's or the change's id
    entity: Mapped[str] = mapped_column(String(30), default="ticket", server_default="ticket")  # ticket | change
    field: Mapped[str] = mapped_column(String(60))
    base: Mapped[Optional[dict]] = mapped_column(JSON)  # {"v": value}: JSON null and SQL NULL differ
    theirs: Mapped[Optional[dict]] = mapped_column(JSON)
    mine: Mapped[Optional[dict]] = mapped_column(JSON)
    reason: Mapped[Optional[str]] = mapped_column(Text)
    client_id: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    mutation_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | settled
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Blob(Base):
    """A verified file by SHA-256; the bytes live in the blob folder. `uploaded_by`: the first uploader.
    Who may read or attach it is decided per account (BlobUpload, and the tickets holding it)."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_by: Mapped[Optional[str]] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BlobUpload(Base):
    """One account's upload of a file. Once `complete` (the bytes it sent hashed to `sha256`) it proves
    the account holds those bytes: it may attach that hash, and read it until it is attached. A hash
    alone proves nothing (server/blobs.py)."""

    __tablename__ = "blob_upload"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ServerState(Base):
    """Named server-wide numbers. `pruned_through`: the newest change number whose tombstones were
    pruned (a pull from an older cursor must start again from 0)."""

    __tablename__ = "server_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# The change tables live in their own module; importing it registers them on Base.metadata.
from server import change_models  # noqa: E402,F401
