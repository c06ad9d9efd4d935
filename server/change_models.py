"""Server-side ORM of changes: the change rows, their affected CIs, CAB approvals and ticket links.

The same columns as the client's app.models.change, so a wire row maps one to one. `template_id`
has no foreign key here: change templates are each desk's catalogue and never reach the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime, utcnow
from server.models import Base

change_ci = Table(
    "change_ci", Base.metadata,
    Column("change_id", ForeignKey("change.id", ondelete="CASCADE"), primary_key=True),
    Column("ci_id", ForeignKey("configuration_item.id"), primary_key=True, index=True),
)


class Change(Base):
    __tablename__ = "change"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    change_type: Mapped[str] = mapped_column(String(20))
    template_id: Mapped[Optional[str]] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(20), default="new")
    risk: Mapped[str] = mapped_column(String(10), default="low")
    risk_proposed: Mapped[Optional[str]] = mapped_column(String(10))
    risk_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_reason: Mapped[Optional[str]] = mapped_column(Text)
    planned_start: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    planned_end: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    actual_start: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    actual_end: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    requester_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"), index=True)
    assignee_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    implementation_plan: Mapped[str] = mapped_column(Text, default="")
    backout_plan: Mapped[str] = mapped_column(Text, default="")
    test_plan: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[Optional[str]] = mapped_column(String(20))
    close_notes: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_change_planned", "planned_start", "planned_end"),)


class CabApproval(Base):
    __tablename__ = "cab_approval"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    approver_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    decision: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ChangeLink(Base):
    __tablename__ = "change_link"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    # A ticket deleted on the server takes its links along; clients cascade the same way.
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="related")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
