"""Server-side change writes for the push: create, per-field merged update, state moves."""
# Create with a server-given CHG number, per-field merged update (the same three-way merge and conflict records as
# tickets), state moves checked against the change workflow of core.changes.workflow.
#
# Scope (docs/SYNC_PROTOCOL.md, "Changes"): every account reads every change; any account creates
# one; updates, approvals and links are for members of the change's assignment group, its assignee,
# and managers and admins (a change without a group is open to every account).

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.changes import workflow as cw
from core.changes.risk import RISK_LEVELS
from core.changes.rules import CREATE_COLUMNS, TEXT_FIELDS, TEXT_MAX, TIME_FIELDS, TITLE_MAX
from core.errors import ValidationError
from core.sync.merge import three_way
from server import changelog
from server.change_models import CabApproval, Change, change_ci
from server.models import ConfigurationItem, Conflict, Group, Person, utcnow
from server.numbers import assign_number
from server.receipts import update_receipt
from server.scope import Scope
from server.tickets import _check_assignment, to_wire, was_deleted
from server.validate import Rejected, choice, clean_text, ident, reference, row_shape, timestamp

ENTITIES = ("change", "cab_approval", "change_link")
REFERENCES = {"requester_id": Person, "group_id": Group, "assignee_id": Person}  # checked by validate.reference
TIMES = (*TIME_FIELDS, "closed_at")
# Every field an update may carry: what people edit, and what a state move or the risk calculator sets.
FIELDS = frozenset({"title", *TEXT_FIELDS, *TIMES, *REFERENCES, "ci_ids", "risk", "risk_proposed",
                    "risk_overridden", "risk_reason", "state", "outcome"})
# Set by a state move along with it: they do not stand on their own when the move does not.
MOVE_FIELDS = ("actual_start", "actual_end", "closed_at", "outcome")


def can_write(scope: Scope, change: Change) -> bool:
    return scope.sees_all or change.group_id is None or change.group_id in scope.group_ids \
        or (change.assignee_id is not None and change.assignee_id == scope.person_id)


def load(session: Session, scope: Scope, change_id: Any, *, write: bool = True) -> Change:
    """The change a mutation targets, or Rejected: unknown, or not the user's to change."""
    ident(change_id, "Change id")
    change = session.get(Change, change_id)
    if change is None:
        raise Rejected("Unknown change.")
    if write and not can_write(scope, change):
        raise Rejected(f"Not in your scope: only the assignment group of {change.number}, its assignee and "
                       "managers may change it.")
    return change


def value(session: Session, field: str, raw: Any) -> Any:
    """Validate one field's wire value; returns the value to store (datetimes, a tuple of CI ids)."""
    if field == "title":
        return clean_text(raw, "Title", required=True, limit=TITLE_MAX).strip()
    if field in TEXT_FIELDS or field == "risk_reason":
        if raw is None and field in ("close_notes", "risk_reason"):
            return None
        return clean_text(raw, field.replace("_", " ").capitalize(), required=False, limit=TEXT_MAX)
    if field in TIMES:
        return timestamp(raw, field.replace("_", " ").capitalize())
    if field in REFERENCES:
        return reference(session, field, raw)
    if field == "ci_ids":
        ids = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else None
        if ids is None:
            raise Rejected("ci_ids must be CI ids joined by commas.")
        chosen = tuple(sorted({ident(i, "CI id") for i in ids if i != ""}))
        found = set(session.scalars(select(ConfigurationItem.id).where(ConfigurationItem.id.in_(chosen))))
        if len(found) != len(chosen):
            raise Rejected(f"{len(chosen) - len(found)} of the chosen CIs do not exist on the server.")
        return chosen
    if field in ("risk", "risk_proposed"):
        return choice(raw, RISK_LEVELS, field.replace("_", " ").capitalize(), nullable=field == "risk_proposed")
    if field == "risk_overridden":
        if not isinstance(raw, bool):
            raise Rejected("risk_overridden must be true or false.")
        return raw
    if field == "outcome":
        return choice(raw, cw.OUTCOMES, "Outcome", nullable=True)
    if field == "state":
        return choice(raw, [s.key for s in cw.CHANGE_STATES], "State", nullable=False)
    raise Rejected(f"Unknown or read-only change field {str(field)[:60]}.")


def canon(field: str, raw: Any) -> Any:
    """A comparable wire form: one spelling per instant, CI ids sorted and joined. Bad input stays as is
    (it never equals a good value, and the new value is validated on its own)."""
    try:
        when = timestamp(raw, field) if field in TIMES else None
        if when is not None:
            return when.isoformat()
        if field == "ci_ids":
            ids = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, (list, tuple)) else None
            return ",".join(sorted({i for i in ids if i})) if ids is not None else raw
    except (Rejected, TypeError):
        return raw
    return raw


def ci_ids_of(session: Session, change_id: str) -> tuple[str, ...]:
    return tuple(sorted(session.scalars(select(change_ci.c.ci_id).where(change_ci.c.change_id == change_id))))


def _set_cis(session: Session, change_id: str, ids: tuple[str, ...]) -> None:
    session.execute(delete(change_ci).where(change_ci.c.change_id == change_id))
    if ids:
        session.execute(change_ci.insert(), [{"change_id": change_id, "ci_id": i} for i in ids])


def wire(session: Session, change: Change) -> dict[str, Any]:
    return {**to_wire(change), "ci_ids": list(ci_ids_of(session, change.id))}


def _check_times(values: dict[str, Any]) -> None:
    for a, b, what in (("planned_start", "planned_end", "planned"), ("actual_start", "actual_end", "actual")):
        if values.get(a) is not None and values.get(b) is not None and values[b] <= values[a]:
            raise Rejected(f"The {what} end must be after the {what} start.")


def create(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, [*CREATE_COLUMNS, "ci_ids"], entity_id, "change")
    ident(entity_id, "Change id")
    if session.get(Change, entity_id) is not None or was_deleted(session, "change", entity_id):
        raise Rejected("A change with this id already exists.")
    change_type = row.get("change_type")
    if change_type not in cw.CHANGE_TYPES:
        raise Rejected("A change is standard, normal or emergency.")
    if row.get("state", "new") not in (None, cw.change_workflow_for(change_type).initial):
        raise Rejected("A change is created in New; move it afterwards.")
    template_id = row.get("template_id")
    if template_id is not None and (change_type != "standard" or not isinstance(template_id, str)):
        raise Rejected("Only standard changes come from a template.")
    fields = {f: value(session, f, row[f]) for f in row
              if f in FIELDS and f not in ("state",) and not (f == "risk_overridden" and row[f] is None)}
    fields["title"] = value(session, "title", row.get("title"))
    fields.setdefault("risk", "low")
    if fields.get("risk_overridden") and not (fields.get("risk_reason") or "").strip():
        raise Rejected("Give a reason for overriding the calculated risk.")
    _check_times(fields)
    _check_assignment(session, fields.get("assignee_id"), fields.get("group_id"))
    ci_ids = fields.pop("ci_ids", ())
    now = utcnow()
    number = assign_number(session, cw.CHANGE_PREFIX, Change.number, row.get("number"))
    change = Change(id=entity_id, number=number, change_type=change_type,
                    template_id=ident(template_id, "Template id") if template_id else None, state="new",
                    created_at=timestamp(row.get("created_at"), "created_at") or now, updated_at=now,
                    **{**{f: "" for f in ("description", "implementation_plan", "backout_plan", "test_plan")},
                       "risk_overridden": False, **fields})
    session.add(change)
    session.flush()
    _set_cis(session, change.id, ci_ids)
    changelog.record(session, entity="change", entity_id=change.id)
    return {"status": "applied", "number": change.number}


def _fields_of(payload: dict) -> dict[str, tuple[Any, Any]]:
    if set(payload) != {"fields"} or not isinstance(payload["fields"], dict) or not payload["fields"]:
        raise Rejected('An update carries {"fields": {name: {"base": old, "new": new}}}.')
    out = {}
    for name, change in payload["fields"].items():
        if name not in FIELDS:
            raise Rejected(f"Unknown or read-only change field {str(name)[:60]}.")
        if not isinstance(change, dict) or set(change) != {"base", "new"}:
            raise Rejected(f'Field {name} must carry exactly "base" and "new".')
        out[name] = (change["base"], change["new"])
    return out


def _approvals(session: Session, change_id: str) -> list[cw.CabApproval]:
    """The latest decision of each approver, counted by the workflow's rule as the desk counts them."""
    return cw.latest_approvals(session.execute(select(CabApproval.approver_id, CabApproval.decision)
                                               .where(CabApproval.change_id == change_id)
                                               .order_by(CabApproval.decided_at, CabApproval.id)))


def _check_move(session: Session, change: Change, target: str, after: dict[str, Any]) -> None:
    cw.check_change_transition(change.change_type, change.state, target, planned_start=after["planned_start"],
                               planned_end=after["planned_end"], approvals=_approvals(session, change.id),
                               outcome=after["outcome"], close_notes=after["close_notes"])


def update(session: Session, scope: Scope, *, client_id: str, mutation_id: str, entity_id: str,
           payload: dict) -> dict[str, Any]:
    fields = _fields_of(payload)
    change = load(session, scope, entity_id)
    mine = {f: value(session, f, new) for f, (_, new) in fields.items()}
    current = {**to_wire(change, [f for f in fields if f != "ci_ids"]), "ci_ids": ci_ids_of(session, change.id)}
    result = three_way({f: (canon(f, base), canon(f, to_wire_value(mine[f]))) for f, (base, _) in fields.items()},
                       {f: canon(f, current[f]) for f in fields})
    target = {f: mine[f] if f not in result.merged else result.apply[f] for f in result.apply}
    conflicts = []
    for f, b, t, m in result.conflicts:
        if f == "risk_proposed":  # the calculator's output, not a person's choice: the newest stands
            target[f] = mine[f]
        else:
            conflicts.append({"field": f, "base": b, "theirs": t, "mine": m})
    merged = bool(result.merged)
    after = {f: target.get(f, getattr(change, f)) for f in ("planned_start", "planned_end", "outcome", "close_notes")}
    try:
        if result.contested_state is not None:
            base, theirs, wanted = result.contested_state
            try:  # both moved it: this move still stands if the workflow allows it from where it is now
                _check_move(session, change, wanted, after)
                target["state"], merged = wanted, True
            except ValidationError as exc:
                conflicts.append({"field": "state", "base": base, "theirs": theirs, "mine": wanted,
                                  "reason": f"Moved to {theirs} on the server meanwhile. {exc}"})
                for f in MOVE_FIELDS:  # the move's own stamps do not stand without it
                    target.pop(f, None)
        elif "state" in target:
            _check_move(session, change, target["state"], after)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    for c in conflicts:
        target.pop(c["field"], None)
    if change.state in cw.INACTIVE_STATES and target:
        raise Rejected(f"{change.number} is {cw.change_state_label(change.state).lower()} on the server; it can "
                       "no longer be edited.")
    _check_times({f: target.get(f, getattr(change, f)) for f in TIME_FIELDS})
    _check_assignment(session, target.get("assignee_id", change.assignee_id), target.get("group_id", change.group_id))
    if target.get("risk_overridden", change.risk_overridden) and \
            not (target.get("risk_reason", change.risk_reason) or "").strip():
        raise Rejected("Give a reason for overriding the calculated risk.")
    new_cis = target.pop("ci_ids", None)
    changed = {f: v for f, v in target.items() if getattr(change, f) != v}
    if changed or (new_cis is not None and new_cis != current["ci_ids"]):
        for f, v in changed.items():
            setattr(change, f, v)
        if new_cis is not None:
            _set_cis(session, change.id, new_cis)
        change.updated_at = utcnow()
        session.flush()
        changelog.record(session, entity="change", entity_id=change.id)
    _settle_conflicts(session, scope, change.id, set(target) | ({"ci_ids"} if new_cis is not None else set()))
    for c in conflicts:
        _open_conflict(session, scope, change.id, c, client_id=client_id, mutation_id=mutation_id)
    return update_receipt(conflicts, merged=merged)


def to_wire_value(v: Any) -> Any:
    if isinstance(v, tuple):
        return ",".join(v)
    return v.isoformat() if hasattr(v, "isoformat") else v


def _open_conflict(session: Session, scope: Scope, change_id: str, c: dict, *, client_id: str,
                   mutation_id: str) -> None:
    conflict = Conflict(id=str(uuid.uuid4()), ticket_id=change_id, entity="change", field=c["field"],
                        base={"v": c["base"]}, theirs={"v": c["theirs"]}, mine={"v": c["mine"]},
                        reason=c.get("reason"), client_id=client_id, account_id=scope.account_id,
                        mutation_id=mutation_id)
    session.add(conflict)
    session.flush()
    changelog.record(session, entity="conflict", entity_id=conflict.id, account_id=scope.account_id)


def _settle_conflicts(session: Session, scope: Scope, change_id: str, fields: set[str]) -> None:
    """A later edit of the same field by the same user, made on top of the server value, settles it."""
    if not fields:
        return
    for conflict in session.scalars(select(Conflict).where(
            Conflict.entity == "change", Conflict.ticket_id == change_id, Conflict.account_id == scope.account_id,
            Conflict.status == "open", Conflict.field.in_(sorted(fields)))):
        conflict.status = "settled"
        changelog.record(session, entity="conflict", entity_id=conflict.id, account_id=scope.account_id)
