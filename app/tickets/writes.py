"""Validated ticket writes the operations build on: create, edit, move through the workflow, bulk edit, undo."""
# Every change validates first and changes nothing on error; every change writes audit rows and one
# outbox mutation in the caller's transaction.

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kpi import daily as kpi_daily
from app.models import (
    AuditEvent,
    Category,
    ConfigurationItem,
    Group,
    Person,
    Service,
    Ticket,
    group_member,
)
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload, to_text
from app.outbox.numbers import next_local_number
from app.problems.fields import check_field as check_problem_field
from app.records.fields import check_reference
from app.sla.tracking import after_edit as sla_after_edit
from app.tickets.backend_moves import moves_from
from app.tickets.records import BulkResult
from core.errors import NotFoundError, StaleEditError, ValidationError
from core.ids import new_id
from core.problems.rules import ALL_FIELDS as PROBLEM_FIELDS
from core.schema import utcnow
from core.tickets.cc import clean_cc
from core.tickets.priority import DEFAULT_MATRIX, compute_priority
from core.tickets.rules import (
    CHANNELS,
    CREATE_COLUMNS,
    EDITABLE,
    TEXT_MAX,
    TITLE_MAX,
    clean_text,
    plan_changes,
)
from core.tickets.workflow import (
    ON_HOLD_REASONS,
    RESOLUTION_CODES,
    TICKET_TYPES,
    TYPE_PREFIX,
    check_not_final,
    is_final,
    workflow_for,
)

REFERENCES = {"category_id": Category, "service_id": Service, "ci_id": ConfigurationItem,
              "requester_id": Person, "group_id": Group, "assignee_id": Person}


def get_ticket(session: Session, ticket_id: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if ticket is None:
        raise NotFoundError("The ticket no longer exists.")
    return ticket


def next_number(session: Session, ticket_type: str) -> str:
    return next_local_number(session, TYPE_PREFIX[ticket_type], Ticket.number)


def _refuse_csat(fields: set[str]) -> None:
    if "csat_score" in fields:
        raise ValidationError("Satisfaction is the requester's answer: record it with Record satisfaction…, "
                              "which notes where it came from.", field="csat_score")


def _validate_value(session: Session, field: str, value: Any) -> Any:
    if field == "title":
        return clean_text(value, "title", required=True, limit=TITLE_MAX)
    if field in ("description", "resolution_notes"):
        return clean_text(value, field, required=False, limit=TEXT_MAX)
    if field in ("impact", "urgency"):
        if isinstance(value, bool) or value not in (1, 2, 3):
            raise ValidationError(f"{field.capitalize()} must be High, Medium or Low.", field=field)
        return value
    if field == "priority":
        if isinstance(value, bool) or value is not None and value not in (1, 2, 3, 4, 5):
            raise ValidationError("Priority must be P1 to P5.", field=field)
        return value
    if field == "cc":
        return clean_cc(value)
    if field == "channel":
        if not isinstance(value, str) or value not in CHANNELS:
            raise ValidationError("Unknown channel.", field=field)
        return value
    if field == "resolution_code":
        if value is not None and (not isinstance(value, str) or value not in RESOLUTION_CODES):
            raise ValidationError("Unknown resolution code.", field=field)
        return value
    if field == "on_hold_reason":
        if value is not None and (not isinstance(value, str) or value not in ON_HOLD_REASONS):
            raise ValidationError("Unknown on-hold reason.", field=field)
        return value
    if field in REFERENCES:
        return check_reference(session, REFERENCES, field, value)
    if field in PROBLEM_FIELDS:
        return check_problem_field(session, field, value)
    return value


def create_ticket(session: Session, *, ticket_type: str, title: str, actor_id: str | None,
                  matrix=DEFAULT_MATRIX, number: str | None = None, **fields: Any) -> Ticket:
    """Create a ticket in the workflow's initial state; returns the new ORM row (caller's session)."""
    if ticket_type not in TICKET_TYPES:
        raise ValidationError("Unknown ticket type.", field="type")
    unknown = set(fields) - set(EDITABLE)
    _refuse_csat(unknown)
    unknown |= set(fields) & set(PROBLEM_FIELDS)  # not in the create's payload: an edit after the create sets them
    if unknown or "state" in fields:
        raise ValidationError(f"Cannot set {', '.join(sorted(unknown | ({'state'} & set(fields))))} on create.")
    values = {"impact": 3, "urgency": 3, "channel": "portal", "description": ""}
    values.update(fields)
    clean = {f: _validate_value(session, f, v) for f, v in values.items()}
    clean["title"] = _validate_value(session, "title", title)
    _check_assignment(session, clean.get("assignee_id"), clean.get("group_id"))
    computed = compute_priority(clean["impact"], clean["urgency"], matrix)
    overridden = clean.get("priority") is not None and clean["priority"] != computed
    clean["priority"] = clean.get("priority") or computed
    now = utcnow()
    ticket = Ticket(id=new_id(), type=ticket_type, number=number or next_number(session, ticket_type),
                    state=workflow_for(ticket_type).initial, is_open=True, priority_overridden=overridden,
                    created_at=now, updated_at=now, **clean)
    session.add(ticket)
    session.flush()
    record_event(session, entity="ticket", entity_id=ticket.id, field="created", new=ticket.number,
                 actor_id=actor_id)
    queue_mutation(session, entity="ticket", entity_id=ticket.id, op="create",
                   payload={"row": row_payload(ticket, CREATE_COLUMNS)})
    sla_after_edit(session, [ticket.id])
    kpi_daily.on_tickets_changed(session, [ticket.id])
    return ticket


def update_ticket(session: Session, *, ticket_id: str, changes: dict[str, Any], actor_id: str | None,
                  matrix=DEFAULT_MATRIX, batch_id: str | None = None,
                  expected_updated_at: datetime | None = None) -> dict[str, tuple[Any, Any]]:
    """Apply field changes (state included) to one ticket. Returns {field: (old, new)} as applied.

    Raises ValidationError/TransitionError and changes nothing when any change is not allowed.
    """
    ticket = get_ticket(session, ticket_id)
    if expected_updated_at is not None and ticket.updated_at != expected_updated_at:
        raise StaleEditError("This ticket was changed since you opened it. Reload it to see the changes, "
                             "then make yours again.")
    unknown = set(changes) - set(EDITABLE)
    _refuse_csat(unknown)
    if unknown:
        raise ValidationError(f"Unknown field {', '.join(sorted(unknown))}.")
    clean = {f: _validate_value(session, f, v) for f, v in changes.items()}
    target: dict[str, Any] = {}
    for f, v in clean.items():
        if getattr(ticket, f) != v or f == "priority":
            target[f] = v
    if target and "state" not in target:  # a move out of a final state is the workflow's to refuse
        check_not_final(ticket.type, ticket.state, ticket.number)

    if "assignee_id" in target or "group_id" in target:
        # A group change alone must not leave the ticket with an assignee outside the new group either.
        _check_assignment(session, target.get("assignee_id", ticket.assignee_id),
                          target.get("group_id", ticket.group_id))

    now = utcnow()
    extra = moves_from(session, ticket=ticket) if "state" in target else None  # a backend's own moves (RT)
    applied = plan_changes(ticket, target, now=now, matrix=matrix, extra_moves=extra)
    changes_done = {f: (getattr(ticket, f), v) for f, v in applied.items() if getattr(ticket, f) != v}
    if not changes_done:
        return {}
    for f, (_, v) in changes_done.items():
        setattr(ticket, f, v)
    ticket.updated_at = now
    record_ticket_edit(session, ticket.id, changes_done, actor_id=actor_id, batch_id=batch_id, at=now)
    return changes_done


def record_ticket_edit(session: Session, ticket_id: str, changes: dict[str, tuple[Any, Any]], *,
                       actor_id: str | None, batch_id: str | None, at: datetime | None = None) -> None:
    """The consequences of changing a ticket's fields, in the edit's transaction: audit and outbox rows,
    its SLA clocks and its daily KPI figures."""
    record_changes(session, entity="ticket", entity_id=ticket_id, changes=changes, actor_id=actor_id,
                   batch_id=batch_id, at=at)
    sla_after_edit(session, [ticket_id], changes)
    kpi_daily.on_tickets_changed(session, [ticket_id], changes)


def _check_assignment(session: Session, assignee_id: str | None, group_id: str | None) -> None:
    if assignee_id is not None and group_id is not None and not _is_member(session, assignee_id, group_id):
        raise ValidationError("The assignee is not a member of the assignment group.", field="assignee_id")


def _is_member(session: Session, person_id: str, group_id: str) -> bool:
    return session.execute(
        select(group_member.c.person_id).where(group_member.c.person_id == person_id,
                                               group_member.c.group_id == group_id)
    ).first() is not None


def bulk_update(session: Session, *, ticket_ids: list[str], changes: dict[str, Any], actor_id: str | None,
                matrix=DEFAULT_MATRIX, each: Callable[[Session, Ticket, str], bool] | None = None) -> BulkResult:
    """Apply the same changes to many tickets under one batch id; tickets that refuse are skipped
    and reported, the others change. The whole batch undoes with `undo_batch`.

    `each(session, ticket, batch_id)`, when given, runs first for every ticket inside that ticket's
    savepoint (a macro's reply or note); it returns whether it changed something, and a ValidationError
    it raises skips the ticket with its field changes, like a refused change."""
    batch_id = new_id()
    changed: list[int] = []
    skipped: list[tuple[str, str]] = []
    for tid in ticket_ids:
        try:
            ticket = get_ticket(session, tid)
        except NotFoundError as exc:  # gone since the selection was made (a sync pull deleted it)
            skipped.append((tid, str(exc)))
            continue
        try:
            with session.begin_nested():
                did = each(session, ticket, batch_id) if each is not None else False
                if update_ticket(session, ticket_id=tid, changes=changes, actor_id=actor_id, matrix=matrix,
                                 batch_id=batch_id) or did:
                    changed.append(ticket.row_id)
        except ValidationError as exc:
            skipped.append((ticket.number or ticket.id, str(exc)))
    return BulkResult(batch_id=batch_id, changed=tuple(changed), skipped=tuple(skipped))


def undo_batch(session: Session, *, batch_id: str, actor_id: str | None) -> BulkResult:
    """Put back every field a batch changed, where the field still holds the batch's value.

    A field someone changed since is left alone and reported. The undo is itself audited and synced.
    """
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.batch_id == batch_id).order_by(AuditEvent.at.desc())
    ).all()
    by_ticket: dict[str, list[AuditEvent]] = {}
    for ev in events:
        by_ticket.setdefault(ev.entity_id, []).append(ev)
    undo_id = new_id()
    changed: list[int] = []
    skipped: list[tuple[str, str]] = []
    for tid, evs in by_ticket.items():
        ticket = session.scalar(select(Ticket).where(Ticket.id == tid))
        if ticket is None:
            continue
        if is_final(ticket.type, ticket.state):  # Ctrl+Z does not reopen what is closed: that is final too
            skipped.append((ticket.number or tid, "the ticket is closed now, and final"))
            continue
        restore: dict[str, tuple[Any, Any]] = {}
        for ev in evs:
            current = getattr(ticket, ev.field)
            if to_text(current) != ev.new_value:
                skipped.append((ticket.number or tid, f"{ev.field} was changed again since"))
                restore = {}
                break
            restore[ev.field] = (current, _from_text(ev.field, ev.old_value))
        if not restore:
            continue
        for f, (_, v) in restore.items():
            setattr(ticket, f, v)
        ticket.updated_at = utcnow()
        record_ticket_edit(session, tid, restore, actor_id=actor_id, batch_id=undo_id)
        changed.append(ticket.row_id)
    return BulkResult(batch_id=undo_id, changed=tuple(changed), skipped=tuple(skipped))


_INT_FIELDS = {"impact", "urgency", "priority", "csat_score", "reopen_count"}
_BOOL_FIELDS = {"is_open", "priority_overridden", "known_error", "is_major"}
_TIME_FIELDS = {"resolved_at", "closed_at", "first_response_at", "known_error_at"}


def _from_text(field: str, text: str | None) -> Any:
    """Turn an audited text value back into the column's type (for undo)."""
    if text is None:
        return None
    if field in _INT_FIELDS:
        return int(text)
    if field in _BOOL_FIELDS:
        return text == "true"
    if field in _TIME_FIELDS:
        return datetime.fromisoformat(text)
    return text
