"""Server-side ORM of changes: the change rows, their affected CIs, CAB approvals and ticket links."""

from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.changes.schema import CabApprovalColumns, ChangeColumns, ChangeLinkColumns, change_ci_table, change_indexes
from server.models import Base

# The shared columns are core.changes.schema's mixins, so a wire row maps one to one with the desk's
# app.models.change; a class here declares only what the server does differently.

change_ci = change_ci_table(Base.metadata)


class Change(ChangeColumns, Base):
    __tablename__ = "change"
    # Given by the server when it applies a create, so never empty here (the desk's is until then).
    number: Mapped[str] = mapped_column(String(20), unique=True)
    # No foreign key: change templates are each desk's catalogue and never reach the server.
    template_id: Mapped[str | None] = mapped_column(String(36))

    # The scope filter picks changes by group.
    __table_args__ = (*change_indexes(), Index("ix_change_group_id", "group_id"))


class CabApproval(CabApprovalColumns, Base):
    __tablename__ = "cab_approval"


class ChangeLink(ChangeLinkColumns, Base):
    __tablename__ = "change_link"
