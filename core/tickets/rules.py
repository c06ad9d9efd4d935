"""Ticket rules both sides apply: field limits, what a person may edit, and how a wanted edit lands."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from core.errors import ValidationError
from core.problems.rules import problem_effects
from core.tickets.priority import DEFAULT_MATRIX, compute_priority
from core.tickets.workflow import StateDef, check_not_final, check_transition, state_or_external, workflow_for


class TicketLike(Protocol):
    """What the rules read of a ticket: the desk's and the server's Ticket rows both have these."""

    type: str
    number: str
    state: str
    on_hold_reason: str | None
    resolution_code: str | None
    resolution_notes: str | None
    resolved_at: datetime | None
    reopen_count: int
    impact: int
    urgency: int
    priority_overridden: bool
    id: str
    workaround: str | None
    known_error: bool
    is_major: bool
    major_id: str | None


CHANNELS = {"portal": "Portal", "email": "Email", "phone": "Phone", "chat": "Chat", "walk_in": "Walk-in",
            "monitoring": "Monitoring"}
TITLE_MAX = 300
TEXT_MAX = 100_000

# Fields a person edits directly; state goes through the workflow, priority through the matrix.
# Satisfaction (csat_score) is not one of them: it is the requester's answer, recorded with its source by
# app.tickets.csat.record_csat.
EDITABLE = ("title", "description", "impact", "urgency", "priority", "category_id", "service_id", "ci_id",
            "requester_id", "group_id", "assignee_id", "channel", "state", "on_hold_reason",
            "resolution_code", "resolution_notes", "cc",
            # problem management (core.problems.rules says which type carries which)
            "problem_id", "is_major", "major_id", "root_cause", "cause_code", "workaround", "fix_notes",
            "fix_change_id", "known_error")
CREATE_COLUMNS = ["id", "type", "number", "title", "description", "state", "on_hold_reason", "impact",
                  "urgency", "priority", "priority_overridden", "category_id", "service_id", "ci_id",
                  "requester_id", "group_id", "assignee_id", "channel", "cc", "created_at", "updated_at"]
# Problem-management fields are set by edits after the create (their rules need the stored ticket).


def clean_text(value: Any, field: str, *, required: bool, limit: int) -> str:
    """Text as stored: control characters dropped, required and length checked, a title stripped."""
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


def plan_changes(ticket: TicketLike, target: dict[str, Any], *, now: datetime, matrix=DEFAULT_MATRIX,
                 extra_moves: Mapping[str, StateDef] | None = None) -> dict[str, Any]:
    """Every column that the wanted values set on this ticket: a state move's side effects (timestamps,
    reasons, reopen count), the priority from the matrix, and the plain fields. Changes nothing;
    raises ValidationError or TransitionError. The desk's own edits and the sync server's merge both
    plan through here, so a change lands the same way on either side (a final ticket refuses both).
    `extra_moves`: the moves a backend's server allows from the ticket's state beyond the workflow's."""
    if target and "state" not in target:  # a move out of a final state is the workflow's to refuse
        check_not_final(ticket.type, ticket.state, ticket.number)
    applied: dict[str, Any] = {}
    if "state" in target:
        applied.update(_state_effects(ticket, target, now, extra_moves))
    else:
        _check_state_fields(ticket, target)
    for f in ("impact", "urgency"):
        if f in target:
            applied[f] = target[f]
    applied.update(_priority_effects(ticket, target, applied, matrix))
    applied.update(problem_effects(ticket, target, now))
    for f, v in target.items():
        if f not in applied and f not in ("state", "priority"):
            applied[f] = v
    return applied


def _state_effects(ticket: TicketLike, target: dict[str, Any], now: datetime,
                  extra_moves: Mapping[str, StateDef] | None = None) -> dict[str, Any]:
    """Check the move and return every field it sets (timestamps, reasons, reopen count)."""
    new_state = target["state"]
    reason = target.get("on_hold_reason", ticket.on_hold_reason)
    code = target.get("resolution_code", ticket.resolution_code)
    notes = target.get("resolution_notes", ticket.resolution_notes)
    state_def = check_transition(ticket.type, ticket.state, new_state, on_hold_reason=reason,
                                 resolution_code=code, resolution_notes=notes, extra=extra_moves)
    # a state only the backend knows (RT: its queue's own lifecycle) is open or not as the ticket is
    old_def = state_or_external(ticket.type, ticket.state, is_open=bool(getattr(ticket, "is_open", True)))
    out: dict[str, Any] = {"state": new_state, "is_open": state_def.is_open}
    out["on_hold_reason"] = reason if new_state == "on_hold" else None
    if state_def.kind == "resolved":
        out.update(resolution_code=code, resolution_notes=notes, resolved_at=now)
    elif state_def.kind == "closed":
        out["closed_at"] = now
        if ticket.resolved_at is None:
            out["resolved_at"] = now
    elif state_def.kind == "done":  # a backend's own done status (RT: inactive in its lifecycle)
        out["resolved_at"] = ticket.resolved_at or now
    if old_def.kind in ("resolved", "done") and state_def.is_open:
        out.update(resolved_at=None, reopen_count=ticket.reopen_count + 1)
    return out


def _check_state_fields(ticket: TicketLike, target: dict[str, Any]) -> None:
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


def _priority_effects(ticket: TicketLike, target: dict[str, Any], applied: dict[str, Any], matrix) -> dict[str, Any]:
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
