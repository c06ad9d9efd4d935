"""Validated change writes the operations build on: create, edit, move through the change workflow, close."""
# Create (from a template for standard changes), edit with risk re-proposal and override, move through the change
# workflow (freeze check on Scheduled), close with an outcome.
#
# Like tickets: every call validates first and changes nothing on error, and writes audit rows and one
# outbox mutation (entity "change") in the caller's transaction.

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    CabApproval,
    Change,
    ChangeTemplate,
    ConfigurationItem,
    Group,
    Person,
    change_ci,
    group_member,
)
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload
from app.outbox.numbers import next_local_number
from app.records.fields import check_reference
from core.changes import workflow as cw
from core.changes.risk import RISK_LEVELS, RiskAssessment, assess_risk
from core.changes.rules import CREATE_COLUMNS, TEXT_FIELDS, TEXT_MAX, TIME_FIELDS, TITLE_MAX
from core.errors import NotFoundError, StaleEditError, TransitionError, ValidationError
from core.ids import new_id
from core.schema import utcnow

# The same cleaning as ticket text: controls stripped, a required title, a length limit.
from core.tickets.rules import clean_text as _text

REFERENCES = {"requester_id": Person, "group_id": Group, "assignee_id": Person}
# Fields a person edits directly. State goes through transition_change; risk/risk_reason set an
# override (risk None clears it); ci_ids is the affected CI list.
EDITABLE = ("title", *TEXT_FIELDS, *TIME_FIELDS, *REFERENCES, "ci_ids", "risk", "risk_reason")
_NO_START = timedelta(days=3650)


def get_change(session: Session, change_id: str) -> Change:
    change = session.get(Change, change_id)
    if change is None:
        raise NotFoundError("The change no longer exists.")
    return change


def find_change(session: Session, number: str) -> Change:
    change = session.scalar(select(Change).where(Change.number == (number or "").strip().upper()))
    if change is None:
        raise NotFoundError(f"No change is numbered {(number or '').strip() or '(empty)'}.")
    return change


def next_change_number(session: Session) -> str:
    return next_local_number(session, cw.CHANGE_PREFIX, Change.number)


def _validate(session: Session, field: str, value: Any) -> Any:
    if field == "title":
        return _text(value, field, required=True, limit=TITLE_MAX)
    if field in TEXT_FIELDS or field == "risk_reason":
        return _text(value, field, required=False, limit=TEXT_MAX)
    if field in TIME_FIELDS:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValidationError(f"{field.replace('_', ' ').capitalize()} needs a date, time and time zone.",
                                  field=field)
        return value.astimezone(utcnow().tzinfo).replace(microsecond=0)
    if field in REFERENCES:
        return check_reference(session, REFERENCES, field, value)
    if field == "ci_ids":
        ids = tuple(sorted(set(value or ())))
        if any(not isinstance(i, str) for i in ids):
            raise ValidationError("Affected CIs must be CI ids.", field="ci_ids")
        found = set(session.scalars(select(ConfigurationItem.id).where(ConfigurationItem.id.in_(ids)))) \
            if ids else set()
        if len(found) != len(ids):
            raise ValidationError(f"{len(ids) - len(found)} of the chosen CIs no longer exist.", field="ci_ids")
        return ids
    if field == "risk":
        if value is not None and value not in RISK_LEVELS:
            raise ValidationError("Risk must be low, moderate or high.", field="risk")
        return value
    raise ValidationError(f"Unknown field {field}.")


def _check_times(values: dict[str, Any]) -> None:
    for a, b, what in (("planned_start", "planned_end", "planned"), ("actual_start", "actual_end", "actual")):
        s, e = values.get(a), values.get(b)
        if s is not None and e is not None and e <= s:
            raise ValidationError(f"The {what} end must be after the {what} start.", field=b)


def _check_assignment(session: Session, assignee_id: str | None, group_id: str | None) -> None:
    if assignee_id is None or group_id is None:
        return
    member = session.execute(select(group_member.c.person_id).where(
        group_member.c.person_id == assignee_id, group_member.c.group_id == group_id)).first()
    if member is None:
        raise ValidationError("The assignee is not a member of the assignment group.", field="assignee_id")


def ci_ids_of(session: Session, change_id: str) -> tuple[str, ...]:
    return tuple(sorted(session.scalars(select(change_ci.c.ci_id).where(change_ci.c.change_id == change_id))))


def propose_risk(session: Session, *, change_type: str, planned_start: datetime | None,
                 ci_ids: tuple[str, ...], exclude_id: str | None = None, now: datetime | None = None,
                 ) -> RiskAssessment:
    """The calculator's risk for these facts: criticality of the CIs and outcomes of earlier closed
    changes on them (this one excluded). Two small queries."""
    now = now or utcnow()
    crits = list(session.scalars(select(ConfigurationItem.criticality).where(ConfigurationItem.id.in_(ci_ids)))) \
        if ci_ids else []
    past: list[str] = []
    if ci_ids:
        stmt = (select(Change.outcome).where(Change.outcome.is_not(None), Change.id.in_(
            select(change_ci.c.change_id).where(change_ci.c.ci_id.in_(ci_ids)))))
        if exclude_id is not None:
            stmt = stmt.where(Change.id != exclude_id)
        past = list(session.scalars(stmt))
    start = planned_start if planned_start is not None else now + _NO_START
    found = assess_risk(change_type=change_type, planned_start=start, now=now, ci_criticalities=crits,
                        past_outcomes=past)
    if planned_start is None:
        # Without a start the lead time is unknown: say so instead of "3650 days".
        found = RiskAssessment(level=found.level, score=found.score, calculated_level=found.calculated_level,
                               reasons=("No planned start yet: lead time not counted (+0)",) + found.reasons[1:])
    return found


def create_change(session: Session, *, change_type: str, title: str, actor_id: str | None,
                  template_id: str | None = None, number: str | None = None, **fields: Any) -> Change:
    """Create a change in New. A standard change comes from an active template, whose plans fill the
    ones not given; a planned start without an end gets the template's usual duration."""
    if change_type not in cw.CHANGE_TYPES:
        raise ValidationError("A change is standard, normal or emergency.", field="change_type")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Cannot set {', '.join(sorted(unknown))} on create.")
    template = None
    if change_type == "standard":
        template = session.get(ChangeTemplate, template_id) if template_id else None
        if template is None or not template.active:
            raise ValidationError("A standard change is made from an active template of the catalogue.",
                                  field="template_id")
        for f in ("implementation_plan", "backout_plan", "test_plan"):
            if not (fields.get(f) or "").strip():
                fields[f] = getattr(template, f)
        fields.setdefault("description", template.description)
    elif template_id is not None:
        raise ValidationError("Only standard changes come from a template.", field="template_id")
    clean = {f: _validate(session, f, v) for f, v in fields.items()}
    clean["title"] = _validate(session, "title", title)
    if template is not None and clean.get("planned_start") and not clean.get("planned_end"):
        clean["planned_end"] = clean["planned_start"] + timedelta(minutes=template.duration_minutes)
    _check_times(clean)
    _check_assignment(session, clean.get("assignee_id"), clean.get("group_id"))
    ci_ids = clean.pop("ci_ids", ())
    wanted_risk, reason = clean.pop("risk", None), clean.pop("risk_reason", None)
    proposal = propose_risk(session, change_type=change_type, planned_start=clean.get("planned_start"),
                            ci_ids=ci_ids)
    risk_fields = _risk_fields(proposal.level, wanted_risk, reason, False)
    now = utcnow()
    change = Change(id=new_id(), number=number or next_change_number(session), change_type=change_type,
                    template_id=template.id if template else None, state="new", created_at=now, updated_at=now,
                    **{**{f: "" for f in ("description", "implementation_plan", "backout_plan", "test_plan")},
                       **clean, **risk_fields})
    session.add(change)
    session.flush()
    _set_cis(session, change, (), ci_ids)
    record_event(session, entity="change", entity_id=change.id, field="created", new=change.number,
                 actor_id=actor_id)
    payload = row_payload(change, CREATE_COLUMNS)
    payload["ci_ids"] = ",".join(ci_ids)
    queue_mutation(session, entity="change", entity_id=change.id, op="create", payload={"row": payload})
    return change


def _risk_fields(proposed: str, wanted: str | None, reason: str | None, was_overridden: bool) -> dict[str, Any]:
    """risk/risk_proposed/risk_overridden/risk_reason for a proposal and a wanted level (None: keep an
    existing override, or follow the proposal; the proposal itself is no override)."""
    if wanted is None and was_overridden:
        return {"risk_proposed": proposed}
    if wanted is None or wanted == proposed:
        return {"risk": proposed, "risk_proposed": proposed, "risk_overridden": False, "risk_reason": None}
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Give a reason for overriding the calculated risk.", field="risk_reason")
    return {"risk": wanted, "risk_proposed": proposed, "risk_overridden": True, "risk_reason": reason}


def _set_cis(session: Session, change: Change, old: tuple[str, ...], new: tuple[str, ...]) -> None:
    gone, added = set(old) - set(new), set(new) - set(old)
    if not gone and not added:
        return
    session.flush()
    if gone:
        session.execute(change_ci.delete().where(change_ci.c.change_id == change.id, change_ci.c.ci_id.in_(gone)))
    if added:
        session.execute(change_ci.insert(), [{"change_id": change.id, "ci_id": c} for c in sorted(added)])
    # The rows went in through the table, behind the relationship's back: reload it on next use.
    session.expire(change, ["cis"])


def _check_stale(change: Change, expected_updated_at: datetime | None) -> None:
    if expected_updated_at is not None and change.updated_at != expected_updated_at:
        raise StaleEditError(f"{change.number} was changed since you opened it. Reload it to see the changes, "
                             "then make yours again.")


def update_change(session: Session, *, change_id: str, changes: dict[str, Any], actor_id: str | None,
                  expected_updated_at: datetime | None = None, clear_override: bool = False,
                  ) -> dict[str, tuple[Any, Any]]:
    """Apply field edits; returns {field: (old, new)} as applied (ci_ids as comma-joined ids).

    `risk` with `risk_reason` overrides the calculated risk; `clear_override` goes back to the proposal.
    The proposal is recalculated when the planned start or the CIs change. A Scheduled change cannot be
    moved into a blocking freeze. Raises and changes nothing on any error.
    """
    change = get_change(session, change_id)
    _check_stale(change, expected_updated_at)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Unknown field {', '.join(sorted(unknown))}.")
    if change.state in cw.INACTIVE_STATES:
        raise ValidationError(f"{change.number} is {cw.change_state_label(change.state).lower()}; it can no "
                              "longer be edited.")
    clean = {f: _validate(session, f, v) for f, v in changes.items()}
    old_cis = ci_ids_of(session, change.id)
    new_cis = clean.pop("ci_ids", old_cis)
    wanted_risk = clean.pop("risk", None)
    reason = clean.pop("risk_reason", None)
    merged = {f: clean.get(f, getattr(change, f)) for f in TIME_FIELDS}
    _check_times(merged)
    _check_assignment(session, clean.get("assignee_id", change.assignee_id), clean.get("group_id", change.group_id))
    target = {f: v for f, v in clean.items() if getattr(change, f) != v}
    moved = {"planned_start", "planned_end"} & target.keys() or new_cis != old_cis
    if moved and change.state == "scheduled":
        check_freeze(session, change=change, start=merged["planned_start"], end=merged["planned_end"],
                     ci_ids=new_cis)
    if moved or wanted_risk is not None or clear_override:
        proposed = propose_risk(session, change_type=change.change_type, planned_start=merged["planned_start"],
                                ci_ids=new_cis, exclude_id=change.id).level
        keep = change.risk_overridden and not clear_override
        target.update(_risk_fields(proposed, wanted_risk, reason, wanted_risk is None and keep))
    done = {f: (getattr(change, f), v) for f, v in target.items() if getattr(change, f) != v}
    if new_cis != old_cis:
        done["ci_ids"] = (",".join(old_cis), ",".join(new_cis))
    if not done:
        return {}
    now = utcnow()
    for f, (_, v) in done.items():
        if f != "ci_ids":
            setattr(change, f, v)
    _set_cis(session, change, old_cis, new_cis)
    change.updated_at = now
    record_changes(session, entity="change", entity_id=change.id, changes=done, actor_id=actor_id,
                   batch_id=None, at=now)
    return done


def check_freeze(session: Session, *, change: Change, start: datetime | None, end: datetime | None,
                 ci_ids: tuple[str, ...]) -> None:
    """TransitionError naming the window when [start, end) falls in a blocking freeze for these CIs."""
    from app.changes.conflicts import PlannedChange, blocking_freeze
    from app.changes.planning import build_conflict_index, planning_data

    if start is None or end is None:
        return
    data = planning_data(session, start=start, end=end, related_to=((), None))  # windows only
    probe = PlannedChange(change.id, start, end, ci_ids, None, "scheduled")
    try:
        blocking_freeze(probe, build_conflict_index(data, search_days=1))
    except TransitionError as exc:
        raise TransitionError(str(exc).replace(change.id, change.number or "The change"), field=exc.field) from None


def approvals_of(session: Session, change_id: str) -> list[cw.CabApproval]:
    """The latest decision of each approver (a later vote replaces an earlier one)."""
    return cw.latest_approvals(session.execute(select(CabApproval.approver_id, CabApproval.decision)
                                               .where(CabApproval.change_id == change_id)
                                               .order_by(CabApproval.decided_at, CabApproval.id)))


def transition_change(session: Session, *, change_id: str, target: str, actor_id: str | None,
                      expected_updated_at: datetime | None = None, outcome: str | None = None,
                      close_notes: str | None = None) -> dict[str, tuple[Any, Any]]:
    """Move a change to `target` through the change workflow. Implement stamps the actual start,
    Review the actual end, Closed needs an outcome. Scheduled needs planned times, CAB approval (normal
    changes) and no blocking freeze. Raises TransitionError with a clear message and changes nothing."""
    change = get_change(session, change_id)
    _check_stale(change, expected_updated_at)
    ci_ids = ci_ids_of(session, change.id)
    cw.check_change_transition(change.change_type, change.state, target, planned_start=change.planned_start,
                               planned_end=change.planned_end, approvals=approvals_of(session, change.id),
                               outcome=outcome,
                               close_notes=change.close_notes if close_notes is None else close_notes)
    if target == "scheduled":
        check_freeze(session, change=change, start=change.planned_start, end=change.planned_end, ci_ids=ci_ids)
    now = utcnow().replace(microsecond=0)
    target_fields: dict[str, Any] = {"state": target}
    if target == "implement" and change.actual_start is None:
        target_fields["actual_start"] = now
    if target == "review" and change.actual_end is None:
        target_fields["actual_end"] = max(now, (change.actual_start or now) + timedelta(minutes=1))
    if target in ("closed", "canceled"):
        target_fields["closed_at"] = now
    if target == "closed":
        target_fields["outcome"] = outcome
        if close_notes is not None:
            target_fields["close_notes"] = _text(close_notes, "close_notes", required=False, limit=TEXT_MAX)
    done = {f: (getattr(change, f), v) for f, v in target_fields.items() if getattr(change, f) != v}
    for f, (_, v) in done.items():
        setattr(change, f, v)
    change.updated_at = utcnow()
    record_changes(session, entity="change", entity_id=change.id, changes=done, actor_id=actor_id, batch_id=None,
                   at=change.updated_at)
    return done


def close_change(session: Session, *, change_id: str, outcome: str, actor_id: str | None,
                 close_notes: str | None = None, expected_updated_at: datetime | None = None,
                 ) -> dict[str, tuple[Any, Any]]:
    """Close a change in Review with its outcome (successful, failed, backed_out) and closure notes."""
    return transition_change(session, change_id=change_id, target="closed", actor_id=actor_id, outcome=outcome,
                             close_notes=close_notes, expected_updated_at=expected_updated_at)
