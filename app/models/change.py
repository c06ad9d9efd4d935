"""Changes, their CIs, CAB approvals, links and templates, and the windows and holidays of the change calendar."""
# Changes are standard / normal / emergency; the windows are the maintenance / blackout windows and holidays the
# change calendar checks against.

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models import reference as _reference  # noqa: F401 - the CI relationship names its class
from app.models.base import Base, IdMixin
from core.changes.schema import CabApprovalColumns, ChangeColumns, ChangeLinkColumns, change_ci_table, change_indexes
from core.schema import UtcDateTime, utcnow

change_ci = change_ci_table(Base.metadata)


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


class Change(IdMixin, ChangeColumns, Base):
    """One change request; the shared columns are core.changes.schema.ChangeColumns, here only what the
    desk does differently."""

    __tablename__ = "change"
    # Empty until the server numbers a create the desk pushed (the server's is never empty).
    number: Mapped[str | None] = mapped_column(String(20), unique=True)
    # Templates are the desk's own catalogue (change_template), so only the desk can hold the key.
    template_id: Mapped[str | None] = mapped_column(ForeignKey("change_template.id"))
    cis = relationship("ConfigurationItem", secondary=change_ci, lazy="selectin")

    # The change list sorts by state, assignee and update time; the server indexes only what its scope asks.
    __table_args__ = (
        *change_indexes(),
        Index("ix_change_state", "state", "planned_start"),
        Index("ix_change_assignee", "assignee_id", "planned_start"),
        Index("ix_change_updated", "updated_at"),
    )


class CabApproval(IdMixin, CabApprovalColumns, Base):
    """One CAB member's decision on a change; append-only like a worklog entry."""

    __tablename__ = "cab_approval"


class ChangeLink(IdMixin, ChangeLinkColumns, Base):
    """A change linked to an incident or problem (kind: caused_by | fixes | related)."""

    __tablename__ = "change_link"


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
    rrule: Mapped[str | None] = mapped_column(String(500))
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
    source_uid: Mapped[str | None] = mapped_column(String(300))  # the .ics UID, so a re-import updates

    __table_args__ = (Index("ix_holiday_calendar_day", "calendar", "day", unique=True),)
