"""Server-side SQLAlchemy ORM: accounts and tokens, the synced rows, the change log, receipts, conflicts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.cmdb.schema import CiCmdbColumns
from core.people.schema import (
    CategoryColumns,
    ConfigurationItemColumns,
    GroupColumns,
    PersonColumns,
    ServiceColumns,
    SiteColumns,
    group_member_table,
)

# The client's column conventions (constraint names, aware UTC datetimes on SQLite and PostgreSQL),
# so both schemas read alike; the server keeps its own metadata and migrations.
from core.schema import NAMING, UtcDateTime, utcnow
from core.tickets.schema import AttachmentColumns, TicketColumns, TicketLinkColumns, WorklogColumns


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- reference data (synced to every signed-in user) -------------------------------------------------
# The synced tables' shared columns are core.*.schema's mixins; a class here declares only what the server
# does differently. `id` comes from the wire (the desk makes it), so no mixin gives it a default.

group_member = group_member_table(Base.metadata)


class Person(PersonColumns, Base):
    __tablename__ = "person"


class Group(GroupColumns, Base):
    __tablename__ = "group"


class Category(CategoryColumns, Base):
    __tablename__ = "category"


class Service(ServiceColumns, Base):
    __tablename__ = "service"


class Site(SiteColumns, Base):
    __tablename__ = "site"


class ConfigurationItem(ConfigurationItemColumns, CiCmdbColumns, Base):
    __tablename__ = "configuration_item"


# --- tickets and their append-only children ------------------------------------------------------------

class Ticket(TicketColumns, Base):
    """A ticket as the server keeps it: no local row_id; `id` is the client-made UUIDv7 and the key."""

    __tablename__ = "ticket"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Given by the server when it applies a create, so never empty here (the desk's is until then).
    number: Mapped[str] = mapped_column(String(20), unique=True)

    # The scope filter (server/scope.py) picks tickets by group and by assignee.
    __table_args__ = (
        Index("ix_ticket_group_id", "group_id"),
        Index("ix_ticket_assignee_id", "assignee_id"),
    )


class WorklogEntry(WorklogColumns, Base):
    __tablename__ = "worklog_entry"


class Attachment(AttachmentColumns, Base):
    __tablename__ = "attachment"
    # PostgreSQL's INTEGER stops at 2 GiB; the desk's SQLite INTEGER is 64 bits already.
    size: Mapped[int] = mapped_column(BigInteger)

    # Blob reads check that the hash is attached to a ticket the account may see (server/blobs.py).
    __table_args__ = (Index("ix_attachment_content_hash", "content_hash"),)


class TicketLink(TicketLinkColumns, Base):
    __tablename__ = "ticket_link"


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
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The refresh token whose rotation minted this one (None: minted by a sign-in).
    parent_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # Refresh tokens: when presented again within the grace after rotation (allowed once).
    grace_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Revoked because a grace retry replaced the pair; presenting it later means two holders.
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


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
    ticket_id: Mapped[str | None] = mapped_column(String(36), index=True)
    old_group_id: Mapped[str | None] = mapped_column(String(36))
    old_assignee_id: Mapped[str | None] = mapped_column(String(36))
    new_group_id: Mapped[str | None] = mapped_column(String(36))
    new_assignee_id: Mapped[str | None] = mapped_column(String(36))
    account_id: Mapped[str | None] = mapped_column(String(36))
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
    base: Mapped[dict | None] = mapped_column(JSON)  # {"v": value}: JSON null and SQL NULL differ
    theirs: Mapped[dict | None] = mapped_column(JSON)
    mine: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
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
    uploaded_by: Mapped[str | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
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


class MailOutbox(Base):
    """One outgoing mail, queued in the transaction of the reply or event that causes it (server/mail).

    `message` is the whole rendered message (RFC 5322 bytes, Message-ID and Date included), so a retry
    sends exactly the same bytes. state: queued -> sending (claimed: `lease_owner` until `lease_until`)
    -> sent | failed (`last_error` says why) | bounced (a delivery report came back)."""

    __tablename__ = "mail_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)  # no foreign key: the record outlives a delete
    worklog_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the public reply, if one caused it
    event: Mapped[str] = mapped_column(String(20))  # reply | received | resolved | waiting
    state: Mapped[str] = mapped_column(String(10), default="queued")
    message_id: Mapped[str] = mapped_column(String(250), unique=True)  # with its angle brackets
    sender: Mapped[str] = mapped_column(String(320))  # the envelope sender (MAIL FROM)
    recipients: Mapped[list] = mapped_column(JSON)  # envelope recipients (RCPT TO)
    message: Mapped[bytes] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(36))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # The sender asks "what is due?" every poll: by state, then time.
    __table_args__ = (Index("ix_mail_outbox_due", "state", "next_attempt_at"),)


class MailInbound(Base):
    """One collected mail (server/mail/inbound), by its Message-ID (or "sha256:" and a hash of its bytes
    when it has none): a mail collected again (a kill -9 between the commit and the IMAP flag) is found
    here and not applied twice. outcome: ticket | entry | bounce | ignored | error."""

    __tablename__ = "mail_inbound"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_key: Mapped[str] = mapped_column(String(250), unique=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str | None] = mapped_column(String(320))  # lower case
    outcome: Mapped[str] = mapped_column(String(10))
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)  # an auto-reply, list mail, report
    ticket_id: Mapped[str | None] = mapped_column(String(36), index=True)  # no foreign key: outlives a delete
    worklog_id: Mapped[str | None] = mapped_column(String(36))
    error_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    # The rate limit counts a sender's mails of the last hour.
    __table_args__ = (Index("ix_mail_inbound_sender", "sender", "received_at"),)


class MailError(Base):
    """A mail that could not be turned into a ticket or entry (unparsable, refused, over the rate limit):
    the reason and the whole raw message, for an admin to retry or discard. state: open | retried |
    discarded."""

    __tablename__ = "mail_error"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mailbox: Mapped[str] = mapped_column(String(200))
    message_key: Mapped[str] = mapped_column(String(250), index=True)
    sender: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    settled_note: Mapped[str | None] = mapped_column(Text)


# The change, CMDB, knowledge, template and macro tables live in their own modules; importing them registers
# them on Base.metadata.
from server import change_models, cmdb_models, knowledge_models, macro_models, problem_models  # noqa: E402,F401
