"""Changes (standard / normal / emergency), their CIs, CAB approvals and links, templates, and the
maintenance / blackout windows and holidays the change calendar checks against."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow

change_ci = Table(
    "change_ci",
    Base.metadata,
    Column("change_id", ForeignKey("change.id", ondelete="CASCADE"), primary_key=True),
    Column("ci_id", ForeignKey("configuration_item.id"), primary_key=True, index=True),
)


class ChangeTemplate(IdMixin, Base):
    """A pre-approved standard change from the catalogue: its plans, risk and usual duration."""

    __tablename__ = "change_template"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    implementation_plan: Mapped[str] = mapped_column(Text, default="")
    backout_plan: Mapped[str] = mapped_column(Text, default="")
    test_plan: Mapped[str] = mapped_column(Text, default="")
    risk: Mapped[str] = mapped_column(String(10), default="low")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Change(IdMixin, Base):
    """One change request. `risk` is what applies: the calculator's proposal (`risk_proposed`) unless
    overridden (`risk_overridden`, with the reason audited). Times are aware UTC."""

    __tablename__ = "change"
    number: Mapped[Optional[str]] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    change_type: Mapped[str] = mapped_column(String(20))  # standard | normal | emergency
    template_id: Mapped[Optional[str]] = mapped_column(ForeignKey("change_template.id"))
    state: Mapped[str] = mapped_column(String(20), default="new")
    risk: Mapped[str] = mapped_column(String(10), default="low")  # low | moderate | high
    risk_proposed: Mapped[Optional[str]] = mapped_column(String(10))
    risk_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_reason: Mapped[Optional[str]] = mapped_column(Text)
    planned_start: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    planned_end: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    actual_start: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    actual_end: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    requester_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"))
    assignee_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    implementation_plan: Mapped[str] = mapped_column(Text, default="")
    backout_plan: Mapped[str] = mapped_column(Text, default="")
    test_plan: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[Optional[str]] = mapped_column(String(20))  # successful | failed | backed_out
    close_notes: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[Optional[datetime]] = mapped_column(UtcDateTime)
    cis = relationship("ConfigurationItem", secondary=change_ci, lazy="selectin")

    __table_args__ = (
        Index("ix_change_planned", "planned_start", "planned_end"),
        Index("ix_change_state", "state", "planned_start"),
        Index("ix_change_assignee", "assignee_id", "planned_start"),
        Index("ix_change_updated", "updated_at"),
    )


class CabApproval(IdMixin, Base):
    """One CAB member's decision on a change; append-only like a worklog entry."""

    __tablename__ = "cab_approval"
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    approver_id: Mapped[Optional[str]] = mapped_column(ForeignKey("person.id"))
    decision: Mapped[str] = mapped_column(String(10))  # approved | rejected
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ChangeLink(IdMixin, Base):
    """A change linked to an incident or problem (kind: caused_by | fixes | related)."""

    __tablename__ = "change_link"
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="related")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ScheduleWindowRow(IdMixin, Base):
    """A maintenance or blackout window as stored; app.changes.schedules expands it.

    `start_local` is naive wall time in `tz`; `rrule` (RFC 5545, without DTSTART) makes it recurring.
    Scope: `everything`, or the CIs / services listed in `ci_ids` / `service_ids` (JSON arrays of ids).
    """

    __tablename__ = "schedule_window"
    kind: Mapped[str] = mapped_column(String(12))  # maintenance | blackout
    name: Mapped[str] = mapped_column(String(200))
    start_local: Mapped[datetime] = mapped_column()  # naive wall time in tz
    duration_minutes: Mapped[int] = mapped_column(Integer)
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    rrule: Mapped[Optional[str]] = mapped_column(String(500))
    everything: Mapped[bool] = mapped_column(Boolean, default=False)
    ci_ids: Mapped[str] = mapped_column(Text, default="[]")
    service_ids: Mapped[str] = mapped_column(Text, default="[]")
    blocking: Mapped[bool] = mapped_column(Boolean, default=True)  # blackouts only
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Holiday(IdMixin, Base):
    """A day off in a named holiday calendar (imported from .ics or entered); SLA business calendars
    and the change calendar read the same table."""

    __tablename__ = "holiday"
    calendar: Mapped[str] = mapped_column(String(100), default="default")
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200), default="")
    source_uid: Mapped[Optional[str]] = mapped_column(String(300))  # the .ics UID, so a re-import updates

    __table_args__ = (Index("ix_holiday_calendar_day", "calendar", "day", unique=True),)
