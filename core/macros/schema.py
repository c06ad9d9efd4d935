"""The columns of reply templates and macros that the desk and the server share (one definition, both sides)."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime, utcnow


class ReplyTemplateColumns:
    """A text module for replies and notes, with `{{variables}}` (core.macros.variables).

    `owner_id` None: shared with the team; a person's id: that person's own, which the server sends to that
    person only. The owner is fixed at creation (a copy is how a personal template becomes shared)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), default="any")  # any | reply | note
    body: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MacroColumns:
    """A named set of ticket field changes plus an optional reply or note, applied in one operation.

    `changes` is JSON {field: value} over core.macros.rules.MACRO_FIELDS; `entry_kind`/`entry_body` the
    reply or note added to each ticket, its variables expanded per ticket. Owner as for templates."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(500))
    changes: Mapped[str] = mapped_column(Text, default="{}")
    entry_kind: Mapped[str | None] = mapped_column(String(10))
    entry_body: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
