"""SLA storage: business-hours calendars, SLA policies, and the per-ticket SLA figures kept current locally."""
# ticket_sla (one row per ticket that an SLA policy applies to; tickets without a row have no SLA, e.g. problems
# under the default policy). Times are UTC datetimes (stored as SQLAlchemy writes them on SQLite), durations
# whole business seconds:
#
#     ticket_id              ticket.id (primary key; the row goes with the ticket)
#     policy_id              sla_policy.id that measured it
#     computed_at            UTC instant the row was computed (every edit that can change the SLA, and the bulk
#                            recompute, rewrite it in the edit's own transaction)
#     response_target_s      response target in business seconds; NULL: the clock is not measured
#     response_due_at        UTC instant the target is (was) used up. Fixed while the clock runs, so time left is
#                            due_at - now without recomputing; for a paused clock it is where it stood at
#                            computed_at (it moves while paused); for a stopped clock where it stood then
#     response_met_at        UTC instant the clock stopped (first reply, resolution or cancel), in time or not
#                            (see response_state); NULL while live
#     response_state         running | paused | met | breached | canceled as of computed_at (NULL: no target).
#                            A running clock whose due_at < now is breached: read it so, nothing writes it
#     response_elapsed_s     business seconds the clock ran, as of computed_at (or until it stopped)
#     response_paused_s      business seconds it spent paused, as of computed_at
#     resolution_*           the same six for the resolution clock (met_at: resolved; a reopen restarts it)
#     state                  the ticket's SLA at a glance, as of computed_at: the state of the live clock due first
#                            (running | paused | breached), else breached when any clock breached, met when all
#                            measured clocks were met, canceled, or none
#     due_at                 due time of the running (or breached and still open) clock due first; NULL when no
#                            clock runs (all stopped or paused). Indexed: "breaching soon" and the sort by due
#     warn_at                UTC instant that same clock reaches 75 % of its target (amber in the queue)
#     warning                highest warning level reached by a live clock as of computed_at: 0, 50, 75 or 100.
#                            Current level of a running clock: 100 when due_at <= now, else >= 75 when
#                            warn_at <= now, else the stored value
#
# Compliance (the dashboard's "SLA compliance"): a clock counts as met when its state is 'met' and as missed when
# 'breached' with met_at set (stopped late) or with due_at < now (running late); index (resolution_met_at,
# resolution_state) serves "resolved in a period, in time or not".

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.schema import UtcDateTime, utcnow


class BusinessCalendarRow(IdMixin, Base):
    """A business-hours calendar. `week` is JSON: 7 lists (Monday first) of ["HH:MM", "HH:MM"] intervals;
    holidays are the Holiday rows whose calendar is `holiday_calendar` (none when NULL)."""

    __tablename__ = "business_calendar"
    name: Mapped[str] = mapped_column(String(100), unique=True)
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    week: Mapped[str] = mapped_column(Text, default="[[], [], [], [], [], [], []]")
    holiday_calendar: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SlaPolicyRow(IdMixin, Base):
    """An SLA policy. The first active policy (by `position`) whose `match` fits a ticket measures it.

    match: JSON {"types": [...], "service_ids": [...]}; an empty or missing list means any.
    targets: JSON list of {"priority": 1..5, "service_id": id or null, "response_s": int or null,
    "resolution_s": int or null}. pause_states: JSON list of state keys; null means every state of kind
    "hold" in the ticket's workflow (On Hold, Awaiting Approval)."""

    __tablename__ = "sla_policy"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    calendar_id: Mapped[str] = mapped_column(ForeignKey("business_calendar.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    match: Mapped[str] = mapped_column(Text, default="{}")
    targets: Mapped[str] = mapped_column(Text, default="[]")
    pause_states: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TicketSla(Base):
    """One ticket's SLA clocks as last computed; see the module docstring for every column."""

    __tablename__ = "ticket_sla"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True)
    policy_id: Mapped[str | None] = mapped_column(ForeignKey("sla_policy.id", ondelete="SET NULL"))
    computed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    response_target_s: Mapped[int | None] = mapped_column(Integer)
    response_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    response_met_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    response_state: Mapped[str | None] = mapped_column(String(10))
    response_elapsed_s: Mapped[int | None] = mapped_column(Integer)
    response_paused_s: Mapped[int | None] = mapped_column(Integer)
    resolution_target_s: Mapped[int | None] = mapped_column(Integer)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_met_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolution_state: Mapped[str | None] = mapped_column(String(10))
    resolution_elapsed_s: Mapped[int | None] = mapped_column(Integer)
    resolution_paused_s: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="none")
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    warn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    warning: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_ticket_sla_due", "due_at"),
        Index("ix_ticket_sla_resolution_met", "resolution_met_at", "resolution_state"),
        # (ix_ticket_sla_resolution_due went in migration 0029: no read filtered or sorted by it.)
        {"sqlite_with_rowid": False},
    )
