"""The knowledge tables' columns the desk and the server share: one definition, mixed into both sides' classes."""
# An article's `id` and `number` differ by side (the desk keys its full-text index on an integer row id and
# has no number until the server gives one), so they are declared by each side's class.

from datetime import date, datetime

from sqlalchemy import Column, Date, ForeignKey, Integer, MetaData, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime, utcnow


def article_service_table(metadata: MetaData) -> Table:
    """The services an article applies to, on `metadata` (each side builds its own)."""
    return Table(
        "article_service", metadata,
        Column("article_id", ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
        Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


def article_ci_table(metadata: MetaData) -> Table:
    """The configuration items an article applies to, on `metadata`."""
    return Table(
        "article_ci", metadata,
        Column("article_id", ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
        Column("ci_id", ForeignKey("configuration_item.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


class ArticleColumns:
    """One knowledge article. `confidence` is its KCS state (core.knowledge.workflow); `version` counts its
    saved texts (article_version). `use_count`, `last_used_at` and `open_flags` are evidence kept by both
    sides when a use or a flag is appended; only a settle of the flags (open_flags back to 0) is an edit."""

    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(String(500), default="")
    category_id: Mapped[str | None] = mapped_column(ForeignKey("category.id"))
    audience: Mapped[str] = mapped_column(String(12), default="agents")  # agents | requesters
    confidence: Mapped[str] = mapped_column(String(20), default="wip")
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    review_date: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    open_flags: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ArticleVersionColumns:
    """One saved text of an article (title and body), append-only: who saved it, when, with what note."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    changed_by: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ArticleUseColumns:
    """"This solved it": an article used on a ticket (KCS reuse evidence), append-only. The ticket is an id
    without a foreign key: the evidence counts on every desk, also where the ticket is out of scope."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    ticket_id: Mapped[str] = mapped_column(String(36), index=True)
    used_by: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    used_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ArticleFlagColumns:
    """An article flagged as wrong (or outdated, unclear, incomplete) with a comment, often from a ticket;
    append-only. The article's `open_flags` counts those not yet settled."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    ticket_id: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(20), default="wrong")
    comment: Mapped[str] = mapped_column(Text, default="")
    flagged_by: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    flagged_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
