"""Server-side ORM of reply templates and macros (the shared columns are core.macros.schema's mixins)."""

from __future__ import annotations

from core.macros.schema import MacroColumns, ReplyTemplateColumns
from server.models import Base


class ReplyTemplate(ReplyTemplateColumns, Base):
    __tablename__ = "reply_template"


class Macro(MacroColumns, Base):
    __tablename__ = "macro"
