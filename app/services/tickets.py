"""Ticket use-cases: create, edit, move through the workflow, bulk edit and undo a batch.

Every change validates first and changes nothing on error; every change writes audit rows and one
outbox mutation in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ids import new_id
from app.models import (
    AuditEvent, Category, ConfigurationItem, Group, NumberSequence, Person, Service, Ticket, group_member,
)
from app.models.base import utcnow
from app.services.errors import NotFoundError, StaleEditError, ValidationError
from app.services import kpi_daily
from app.services.journal import queue_mutation, record_changes, record_event, row_payload, to_text
from app.services.priority import DEFAULT_MATRIX, compute_priority
from app.services.records import BulkResult
from app.services.sla_store import after_edit as sla_after_edit
from app.services.workflow import (
    ON_HOLD_REASONS, RESOLUTION_CODES, TICKET_TYPES, TYPE_PREFIX, check_not_final, check_transition, is_final,
    workflow_for,
)

CHANNELS = {"portal": "Portal", "email": "Email", "phone": "Phone", "chat": "Chat", "walk_in": "Walk-in",
            "monitoring": "Monitoring"}
TITLE_MAX = 300
TEXT_MAX = 100_000

# Fields a person edits directly; state goes through the workflow, priority through the matrix.
# Satisfaction (csat_score) is not one of them: it is the requester's answer, recorded with its source by
# app.services.csat.record_csat.
EDITABLE = ("title", "description", "impact", "urgency", "priority", "category_id", "service_id", "ci_id",
            "requester_id", "group_id", "assignee_id", "channel", "state", "on_hold_reason",
            "resolution_code", "resolution_notes")
REFERENCES = {"category_id": Category, "service_id": Service, "ci_id": ConfigurationItem,
              "requester_id": Person, "group_id": Group, "assignee_id": Person}
CREATE_COLUMNS = ["id", "type", "number", "title", "description", "state", "on_hold_reason", "impact",
                  "urgency", "priority", "priority_overridden", "category_id", "service_id", "ci_id",
                  "requester_id", "group_id", "assignee_id", "channel", "created_at", "updated_at"]


def get_ticket(session: Session, ticket_id: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if ticket is None:
        raise NotFoundError("The ticket no longer exists.")
    return ticket


def next_number(session: Session, ticket_type: str) -> str:
    prefix = TYPE_PREFIX[ticket_type]
    seq = session.get(NumberSequence, prefix)
    if seq is None:
        highest = session.scalar(
            select(Ticket.number).where(Ticket.number.like(prefix + "%")).order_by(Ticket.number.desc()).limit(1)
        )
        start = int(highest[len(prefix):]) + 1 if highest and highest[len(prefix):].isdigit() else 1
        seq = NumberSequence(prefix=prefix, next_value=start)
        session.add(seq)
    value = seq.next_value
    # A number may be held already (a server number mapped by a push whose pull never came): skip it,
    # so a local create never fails on the unique index. The index makes each probe a lookup.
    while session.scalar(select(Ticket.id).where(Ticket.number == f"{prefix}{value:07d}")) is not None:
        value += 1
    seq.next_value = value + 1
    return f"{prefix}{value:07d}"


def _clean_text(value: Any, field: str, *, required: bool, limit: int) -> str:
    if value is None:
        value = ""
    label = field.replace("_", " ").capitalize()
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field=field)
    # NUL, DEL and other C0 controls (but tab and newlines) have no place in ticket text.
    value = "".join(ch for ch in value if ch in "\t\n\r" or 32 <= ord(ch) != 127)
    if required and not value.strip():
        raise ValidationError(f"{label} is required.", field=field)
    if len(value) > limit:
        raise ValidationError(f"{label} is longer than {limit} characters.", field=field)
    return value.strip() if field == "title" else value


def _refuse_csat(fields: set[str]) -> None:
    if "csat_score" in fields:
        raise ValidationError("Satisfaction is the requester's answer: record it with Record satisfaction…, "
                              "which notes where it came from.", field="csat_score")


def _validate_value(session: Session, field: str, value: Any) -> Any:
    if field == "title":
        return _clean_text(value, "title", required=True, limit=TITLE_MAX)
    if field in ("description", "resolution_notes"):
        return _clean_text(value, field, required=False, limit=TEXT_MAX)
    if field in ("impact", "urgency"):
        if isinstance(value, bool) or value not in (1, 2, 3):
            raise ValidationError(f"{field.capitalize()} must be High, Medium or Low.", field=field)
        return value
    if field == "priority":
        if isinstance(value, bool) or value is not None and value not in (1, 2, 3, 4, 5):
            raise ValidationError("Priority must be P1 to P5.", field=field)
        return value
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
        if value is None:
            return None
        if not isinstance(value, str) or session.get(REFERENCES[field], value) is None:
            raise ValidationError(f"The chosen {field[:-3].replace('_', ' ')} does not exist.", field=field)
        return value
    return value


def create_ticket(session: Session, *, ticket_type: str, title: str, actor_id: str | None,
                  matrix=DEFAULT_MATRIX, number: str | None = None, **fields: Any) -> Ticket:
    """Create a ticket in the workflow's initial state; returns the new ORM row (caller's session)."""
    if ticket_type not in TICKET_TYPES:
        raise ValidationError("Unknown ticket type.", field="type")
    unknown = set(fields) - set(EDITABLE)
    _refuse_csat(unknown)
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
    applied = plan_changes(ticket, target, now=now, matrix=matrix)
    changes_done = {f: (getattr(ticket, f), v) for f, v in applied.items() if getattr(ticket, f) != v}
    if not changes_done:
        return {}
    for f, (_, v) in changes_done.items():
        setattr(ticket, f, v)
    ticket.updated_at = now
    record_changes(session, entity="ticket", entity_id=ticket.id, changes=changes_done, actor_id=actor_id,
                   batch_id=batch_id, at=now)
    sla_after_edit(session, [ticket.id], changes_done)
    kpi_daily.on_tickets_changed(session, [ticket.id], changes_done)
    return changes_done


def plan_changes(ticket: Ticket, target: dict[str, Any], *, now: datetime, matrix=DEFAULT_MATRIX) -> dict[str, Any]:
    """Every column that the wanted values set on this ticket: a state move's side effects (timestamps,
    reasons, reopen count), the priority from the matrix, and the plain fields. Changes nothing;
    raises ValidationError or TransitionError. The desk's own edits and the sync server's merge both
    plan through here, so a change lands the same way on either side (a final ticket refuses both)."""
    if target and "state" not in target:  # a move out of a final state is the workflow's to refuse
        check_not_final(ticket.type, ticket.state, ticket.number)
    applied: dict[str, Any] = {}
    if "state" in target:
        applied.update(_state_effects(ticket, target, now))
    else:
        _check_state_fields(ticket, target)
    for f in ("impact", "urgency"):
        if f in target:
            applied[f] = target[f]
    applied.update(_priority_effects(ticket, target, applied, matrix))
    for f, v in target.items():
        if f not in applied and f not in ("state", "priority"):
            applied[f] = v
    return applied


def _check_assignment(session: Session, assignee_id: str | None, group_id: str | None) -> None:
    if assignee_id is not None and group_id is not None and not _is_member(session, assignee_id, group_id):
        raise ValidationError("The assignee is not a member of the assignment group.", field="assignee_id")


def _is_member(session: Session, person_id: str, group_id: str) -> bool:
    return session.execute(
        select(group_member.c.person_id).where(group_member.c.person_id == person_id,
                                               group_member.c.group_id == group_id)
    ).first() is not None


def _state_effects(ticket: Ticket, target: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Check the move and return every field it sets (timestamps, reasons, reopen count)."""
    new_state = target["state"]
    reason = target.get("on_hold_reason", ticket.on_hold_reason)
    code = target.get("resolution_code", ticket.resolution_code)
    notes = target.get("resolution_notes", ticket.resolution_notes)
    state_def = check_transition(ticket.type, ticket.state, new_state, on_hold_reason=reason,
                                 resolution_code=code, resolution_notes=notes)
    old_def = workflow_for(ticket.type).state(ticket.state)
    out: dict[str, Any] = {"state": new_state, "is_open": state_def.is_open}
    out["on_hold_reason"] = reason if new_state == "on_hold" else None
    if state_def.kind == "resolved":
        out.update(resolution_code=code, resolution_notes=notes, resolved_at=now)
    elif state_def.kind == "closed":
        out["closed_at"] = now
        if ticket.resolved_at is None:
            out["resolved_at"] = now
    if old_def.kind == "resolved" and state_def.is_open:
        out.update(resolved_at=None, reopen_count=ticket.reopen_count + 1)
    return out


def _check_state_fields(ticket: Ticket, target: dict[str, Any]) -> None:
    """An edit without a move keeps what the current state needs: a hold reason only while on hold,
    a resolution code and notes while resolved."""
    if "on_hold_reason" in target:
        if ticket.state == "on_hold" and target["on_hold_reason"] is None:
            raise ValidationError("A ticket on hold needs an on-hold reason.", field="on_hold_reason")
        if ticket.state != "on_hold" and target["on_hold_reason"] is not None:
            raise ValidationError("Only a ticket on hold has an on-hold reason.", field="on_hold_reason")
    if {"resolution_code", "resolution_notes"} & target.keys() and \
            workflow_for(ticket.type).state(ticket.state).kind == "resolved":
        if "resolution_code" in target and target["resolution_code"] is None:
            raise ValidationError("A resolved ticket needs a resolution code.", field="resolution_code")
        if "resolution_notes" in target and not (target["resolution_notes"] or "").strip():
            raise ValidationError("A resolved ticket needs resolution notes.", field="resolution_notes")


def _priority_effects(ticket: Ticket, target: dict[str, Any], applied: dict[str, Any], matrix) -> dict[str, Any]:
    impact = applied.get("impact", ticket.impact)
    urgency = applied.get("urgency", ticket.urgency)
    computed = compute_priority(impact, urgency, matrix)
    if "priority" in target:
        wanted = target["priority"]
        if wanted is None or wanted == computed:
            return {"priority": computed, "priority_overridden": False}
        return {"priority": wanted, "priority_overridden": True}
    # Only an impact or urgency edit re-derives priority: an unrelated edit must not move it (a matrix
    # changed in the settings would otherwise ride along as a spurious priority change in the sync).
    if ticket.priority_overridden or not ({"impact", "urgency"} & target.keys()):
        return {}
    return {"priority": computed}


def bulk_update(session: Session, *, ticket_ids: list[str], changes: dict[str, Any], actor_id: str | None,
                matrix=DEFAULT_MATRIX) -> BulkResult:
    """Apply the same changes to many tickets under one batch id; tickets that refuse are skipped
    and reported, the others change. The whole batch undoes with `undo_batch`."""
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
                if update_ticket(session, ticket_id=tid, changes=changes, actor_id=actor_id, matrix=matrix,
                                 batch_id=batch_id):
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
        record_changes(session, entity="ticket", entity_id=tid, changes=restore, actor_id=actor_id,
                       batch_id=undo_id)
        sla_after_edit(session, [tid], restore)
        kpi_daily.on_tickets_changed(session, [tid], restore)
        changed.append(ticket.row_id)
    return BulkResult(batch_id=undo_id, changed=tuple(changed), skipped=tuple(skipped))


_INT_FIELDS = {"impact", "urgency", "priority", "csat_score", "reopen_count"}
_BOOL_FIELDS = {"is_open", "priority_overridden"}
_TIME_FIELDS = {"resolved_at", "closed_at", "first_response_at"}


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
