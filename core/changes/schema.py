"""The change tables' columns the desk and the server share: one definition, mixed into both sides' classes."""

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, MetaData, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime, utcnow


def change_ci_table(metadata: MetaData) -> Table:
    """The change's affected CIs on `metadata` (a Table belongs to one MetaData, so each side builds its own)."""
    return Table(
        "change_ci", metadata,
        Column("change_id", ForeignKey("change.id", ondelete="CASCADE"), primary_key=True),
        Column("ci_id", ForeignKey("configuration_item.id"), primary_key=True, index=True),
    )


def change_indexes() -> tuple[Index, ...]:
    """The indexes both sides keep on `change`; new objects each call, since an Index belongs to one Table."""
    return (Index("ix_change_planned", "planned_start", "planned_end"),)


class ChangeColumns:
    """One change request's shared columns. `risk` is what applies: the calculator's proposal
    (`risk_proposed`) unless overridden (`risk_overridden`, with the reason audited). Times are aware UTC.
    `number` and `template_id` are not here: they differ by side."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    change_type: Mapped[str] = mapped_column(String(20))  # standard | normal | emergency
    state: Mapped[str] = mapped_column(String(20), default="new")
    risk: Mapped[str] = mapped_column(String(10), default="low")  # low | moderate | high
    risk_proposed: Mapped[str | None] = mapped_column(String(10))
    risk_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_reason: Mapped[str | None] = mapped_column(Text)
    planned_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    planned_end: Mapped[datetime | None] = mapped_column(UtcDateTime)
    actual_start: Mapped[datetime | None] = mapped_column(UtcDateTime)
    actual_end: Mapped[datetime | None] = mapped_column(UtcDateTime)
    requester_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    group_id: Mapped[str | None] = mapped_column(ForeignKey("group.id"))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    implementation_plan: Mapped[str] = mapped_column(Text, default="")
    backout_plan: Mapped[str] = mapped_column(Text, default="")
    test_plan: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(20))  # successful | failed | backed_out
    close_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CabApprovalColumns:
    """One CAB member's decision on a change; append-only like a worklog entry."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    decision: Mapped[str] = mapped_column(String(10))  # approved | rejected
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ChangeLinkColumns:
    """A change linked to an incident or problem (kind: caused_by | fixes | related)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change.id", ondelete="CASCADE"), index=True)
    # A ticket deleted on the server takes its links along; the desk cascades the same way.
    ticket_id: Mapped[str] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="related")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
