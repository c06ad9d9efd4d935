"""Reply templates and macros (shared with the server), and the desk's own records of them: runs and keys."""

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.macros.schema import MacroColumns, ReplyTemplateColumns


class ReplyTemplate(IdMixin, ReplyTemplateColumns, Base):
    __tablename__ = "reply_template"
    # The picker lists the user's own and the shared ones by name (migration 0022).
    __table_args__ = (Index("ix_reply_template_owner_name", "owner_id", "name"),)


class Macro(IdMixin, MacroColumns, Base):
    __tablename__ = "macro"
    __table_args__ = (Index("ix_macro_owner_name", "owner_id", "name"),)


class MacroRunEntry(Base):
    """A reply or note a macro run added (desk only): what its undo may take back while it is unsent.

    Kept apart from the audit trail because undo_batch puts back audited *fields*; an entry is a row."""

    __tablename__ = "macro_run_entry"
    entry_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    ticket_id: Mapped[str] = mapped_column(String(36))
    macro_id: Mapped[str] = mapped_column(String(36))


class MacroShortcut(Base):
    """A key a user bound to a macro (desk only, per person: a shared macro is bound by each as they like)."""

    __tablename__ = "macro_shortcut"
    __table_args__ = (UniqueConstraint("person_id", "keys", name="uq_macro_shortcut_keys"),)
    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    macro_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    keys: Mapped[str] = mapped_column(String(40))
