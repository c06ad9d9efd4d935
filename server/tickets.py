"""Server-side ticket writes for the push: create with a server-given number, merged update, delete."""
# Workflow side effects (timestamps, reopen count, hold reason) and priority derivation reuse the
# client's own rules from core.tickets, so a move means the same thing on both sides.

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.sync.merge import three_way
from core.tickets.csat import check_csat, check_rated_state
from core.tickets.priority import DEFAULT_MATRIX, compute_priority
from core.tickets.rules import CREATE_COLUMNS, EDITABLE, plan_changes
from core.tickets.workflow import TICKET_TYPES, TYPE_PREFIX, check_transition, workflow_for
from server import changelog, problem_cis
from server.models import (
    Attachment,
    ChangeLog,
    Conflict,
    Ticket,
    TicketLink,
    WorklogEntry,
    group_member,
    utcnow,
)
from server.numbers import assign_number
from server.receipts import update_receipt
from server.scope import NOT_IN_SCOPE, Scope
from server.validate import Rejected, ident, row_shape, ticket_field, timestamp

# Fields the client sends as consequences of an edit; the server derives them itself.
DERIVED = frozenset({"is_open", "priority_overridden", "resolved_at", "closed_at", "reopen_count",
                     "first_response_at", "known_error_at"})
WIRE_COLUMNS = [c.name for c in Ticket.__table__.columns]


def to_wire(ticket: Any, columns: list[str] | None = None) -> dict[str, Any]:
    out = {}
    for name in columns or [c.name for c in ticket.__table__.columns]:
        value = getattr(ticket, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _is_member(session: Session, person_id: str, group_id: str) -> bool:
    return session.execute(select(group_member.c.person_id).where(
        group_member.c.person_id == person_id, group_member.c.group_id == group_id)).first() is not None


def _check_assignment(session: Session, assignee_id: str | None, group_id: str | None) -> None:
    if assignee_id is not None and group_id is not None and not _is_member(session, assignee_id, group_id):
        raise Rejected("The assignee is not a member of the assignment group.")


def was_deleted(session: Session, entity: str, entity_id: str) -> bool:
    return session.scalar(select(ChangeLog.seq).where(
        ChangeLog.entity == entity, ChangeLog.entity_id == entity_id, ChangeLog.op == "delete").limit(1)) is not None


def load(session: Session, scope: Scope, ticket_id: Any) -> Ticket:
    """The ticket a mutation targets, or Rejected: unknown, deleted, or outside the user's scope."""
    ident(ticket_id, "Ticket id")
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise Rejected("The ticket was deleted on the server." if was_deleted(session, "ticket", ticket_id)
                       else "Unknown ticket.")
    if not scope.allows_ticket(ticket):
        raise Rejected(NOT_IN_SCOPE)
    return ticket


def create(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, CREATE_COLUMNS, entity_id, "ticket")
    ident(entity_id, "Ticket id")
    if session.get(Ticket, entity_id) is not None or was_deleted(session, "ticket", entity_id):
        raise Rejected("A ticket with this id already exists.")
    ticket_type = row.get("type")
    if ticket_type not in TICKET_TYPES:
        raise Rejected("Unknown ticket type.")
    wf = workflow_for(ticket_type)
    state = row.get("state") or wf.initial
    if state not in {s.key for s in wf.states}:
        raise Rejected(f"Unknown state {str(state)[:40]!r} for this ticket type.")
    values = {"impact": 3, "urgency": 3, "channel": "portal", "description": ""}
    values.update({k: v for k, v in row.items() if k in EDITABLE and k != "state"})
    clean = {f: ticket_field(session, f, v) for f, v in values.items()}
    if not scope.allows(clean.get("group_id"), clean.get("assignee_id")):
        raise Rejected(NOT_IN_SCOPE + ": a ticket you create must be for one of your groups or assigned to you.")
    _check_assignment(session, clean.get("assignee_id"), clean.get("group_id"))
    computed = compute_priority(clean["impact"], clean["urgency"])
    clean["priority"] = clean.get("priority") or computed
    now = utcnow()
    number = assign_number(session, TYPE_PREFIX[ticket_type], Ticket.number, row.get("number"))
    ticket = Ticket(id=entity_id, type=ticket_type, number=number,
                    state=state, is_open=wf.state(state).is_open, priority_overridden=clean["priority"] != computed,
                    created_at=timestamp(row.get("created_at"), "created_at") or now, updated_at=now, **clean)
    session.add(ticket)
    session.flush()
    changelog.record_ticket(session, ticket, old_group_id=None, old_assignee_id=None, op="create")
    return {"status": "applied", "number": ticket.number}


def _fields_of(payload: dict) -> dict[str, tuple[Any, Any]]:
    if set(payload) - {"csat"} != {"fields"} or not isinstance(payload["fields"], dict) or not payload["fields"]:
        raise Rejected('An update carries {"fields": {name: {"base": old, "new": new}}}.')
    out = {}
    for name, change in payload["fields"].items():
        if name == "csat_score" and "csat" not in payload:
            raise Rejected("Satisfaction is the requester's answer: it is recorded only with its source "
                           "(Record satisfaction…), not edited as a field.")
        if name not in EDITABLE and name not in DERIVED and name not in ("csat_score", problem_cis.FIELD):
            raise Rejected(f"Unknown or read-only field {str(name)[:60]}.")
        if not isinstance(change, dict) or set(change) != {"base", "new"}:
            raise Rejected(f'Field {name} must carry exactly "base" and "new".')
        out[name] = (change["base"], change["new"])
    return out


def update(session: Session, scope: Scope, *, client_id: str, mutation_id: str, entity_id: str,
           payload: dict) -> dict[str, Any]:
    fields = _fields_of(payload)
    ticket = load(session, scope, entity_id)
    cis = fields.pop(problem_cis.FIELD, None)  # a problem's CI set: merged as a set, never a conflict
    if "csat" in payload:
        return _record_csat(session, ticket, fields, payload["csat"])
    if _derived_priority(ticket, fields):
        # The client's priority only followed its impact/urgency edit: it is derived here again from the
        # merged values (plan_changes), so one contested impact or urgency is one conflict, not two.
        del fields["priority"]
    editable = {f: (base, ticket_field(session, f, mine)) for f, (base, mine) in fields.items() if f in EDITABLE}
    result = three_way(editable, to_wire(ticket, list(editable)))
    target = dict(result.apply)
    conflicts = [{"field": f, "base": b, "theirs": t, "mine": m} for f, b, t, m in result.conflicts]
    merged = bool(result.merged)
    now = utcnow()
    try:
        if result.contested_state is not None:
            base, theirs, mine = result.contested_state
            try:  # both moved the ticket: the client's move still stands if the workflow allows it from here
                check_transition(ticket.type, ticket.state, mine,
                                 on_hold_reason=target.get("on_hold_reason", ticket.on_hold_reason),
                                 resolution_code=target.get("resolution_code", ticket.resolution_code),
                                 resolution_notes=target.get("resolution_notes", ticket.resolution_notes))
                target["state"], merged = mine, True
            except ValidationError as exc:
                conflicts.append({"field": "state", "base": base, "theirs": theirs, "mine": mine,
                                  "reason": f"Moved to {theirs} on the server meanwhile. {exc}"})
        for c in conflicts:  # a conflicting field must not ride along through a state move either
            target.pop(c["field"], None)
        applied = plan_changes(ticket, target, now=now, matrix=DEFAULT_MATRIX)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    # first_response_at is the server's (DERIVED): set by a reply given through another channel
    # (server/children.py) or by the sending of a mailed one (server/mail/delivery.py), never by a desk.
    # A desk still sends the value it set for a reply given by phone...: checked (a time the database
    # cannot hold is refused, as anywhere), then left to the server's own.
    first = fields.get("first_response_at")
    if first is not None and first[1] is not None:
        timestamp(first[1], "first_response_at")
    _check_assignment(session, applied.get("assignee_id", ticket.assignee_id),
                      applied.get("group_id", ticket.group_id))
    changed = {f: v for f, v in applied.items() if getattr(ticket, f) != v}
    old_group, old_assignee = ticket.group_id, ticket.assignee_id
    if (cis is not None and problem_cis.merge(session, ticket, *cis)) or changed:
        for f, v in changed.items():
            setattr(ticket, f, v)
        ticket.updated_at = now
        session.flush()
        changelog.record_ticket(session, ticket, old_group_id=old_group, old_assignee_id=old_assignee)
    _settle_conflicts(session, scope, ticket.id, set(target))
    for c in conflicts:
        _open_conflict(session, scope, ticket.id, c, client_id=client_id, mutation_id=mutation_id)
    return update_receipt(conflicts, merged=merged)


def _record_csat(session: Session, ticket: Ticket, fields: dict[str, tuple[Any, Any]], csat: Any) -> dict[str, Any]:
    """The audited csat action (app.tickets.csat.record_csat): the requester's latest answer stands,
    on a resolved or closed ticket; it carries the score and nothing else."""
    if set(fields) != {"csat_score"} or not isinstance(csat, dict) or not set(csat) <= {"source", "comment"}:
        raise Rejected('A satisfaction answer carries {"fields": {"csat_score": ...}, "csat": {"source", "comment"}}.')
    score, source = fields["csat_score"][1], csat.get("source")
    if source == "survey":  # only the requester's own answer, through the survey link, is a survey answer
        raise Rejected("A survey answer comes from the requester's survey link only; record the answer with "
                       "the channel it came by (phone, mail, portal, in person).")
    if ticket.csat_source == "survey":  # the requester's own answer is not overwritten by a desk's
        raise Rejected("The requester answered the satisfaction survey themselves; their answer stands.")
    try:
        comment = check_csat(score, source, csat.get("comment"))
        check_rated_state(ticket.type, ticket.state, ticket.number)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    if (ticket.csat_score, ticket.csat_source, ticket.csat_comment) != (score, source, comment):
        ticket.csat_score, ticket.csat_source, ticket.csat_comment = score, source, comment
        ticket.updated_at = ticket.csat_at = utcnow()
        session.flush()
        changelog.record_ticket(session, ticket, old_group_id=ticket.group_id, old_assignee_id=ticket.assignee_id)
    return {"status": "applied"}


def _derived_priority(ticket: Ticket, fields: dict[str, tuple[Any, Any]]) -> bool:
    """True when the update's priority is the matrix's value for the client's impact and urgency (its
    own new values, else the ticket's) and neither side holds an overridden priority."""
    if "priority" not in fields or ticket.priority_overridden or not {"impact", "urgency"} & fields.keys():
        return False
    if fields.get("priority_overridden", (None, False))[1]:
        return False
    impact = fields["impact"][1] if "impact" in fields else ticket.impact
    urgency = fields["urgency"][1] if "urgency" in fields else ticket.urgency
    try:
        return fields["priority"][1] == compute_priority(impact, urgency)
    except (ValidationError, TypeError):  # not a matrix value: validated (and refused) as a plain field
        return False


def _open_conflict(session: Session, scope: Scope, ticket_id: str, c: dict, *, client_id: str,
                   mutation_id: str) -> None:
    conflict = Conflict(id=str(uuid.uuid4()), ticket_id=ticket_id, field=c["field"], base={"v": c["base"]},
                        theirs={"v": c["theirs"]}, mine={"v": c["mine"]}, reason=c.get("reason"),
                        client_id=client_id, account_id=scope.account_id, mutation_id=mutation_id)
    session.add(conflict)
    session.flush()
    if "open_conflict_tickets" in session.info:  # else it is read (with this one) when first needed
        session.info["open_conflict_tickets"].add(ticket_id)
    changelog.record(session, entity="conflict", entity_id=conflict.id, ticket_id=ticket_id,
                     account_id=scope.account_id)


def _settle_conflicts(session: Session, scope: Scope, ticket_id: str, fields: set[str]) -> None:
    """A later edit of the same field by the same user, made on top of the server value, settles it."""
    if not fields:
        return
    # Most pushes settle nothing: the tickets with open conflicts of this user are read once per push.
    open_on = session.info.get("open_conflict_tickets")
    if open_on is None:
        open_on = session.info["open_conflict_tickets"] = set(session.scalars(select(Conflict.ticket_id).where(
            Conflict.account_id == scope.account_id, Conflict.status == "open")))
    if ticket_id not in open_on:
        return
    for conflict in session.scalars(select(Conflict).where(
            Conflict.ticket_id == ticket_id, Conflict.account_id == scope.account_id,
            Conflict.status == "open", Conflict.field.in_(sorted(fields)))):
        conflict.status = "settled"
        changelog.record(session, entity="conflict", entity_id=conflict.id, ticket_id=ticket_id,
                         account_id=scope.account_id)


def remove(session: Session, scope: Scope, entity_id: str) -> dict[str, Any]:
    """Delete a ticket and its children; each leaves a tombstone in the change log."""
    ticket = session.get(Ticket, entity_id)
    if ticket is None:
        if was_deleted(session, "ticket", entity_id):
            return {"status": "applied", "reason": "already deleted"}
        raise Rejected("Unknown ticket.")
    if not scope.allows_ticket(ticket):
        raise Rejected(NOT_IN_SCOPE)
    if not scope.sees_all:
        raise Rejected("Only managers and admins may delete tickets.")
    for model, column in ((WorklogEntry, WorklogEntry.ticket_id), (Attachment, Attachment.ticket_id),
                          (TicketLink, TicketLink.source_id), (TicketLink, TicketLink.target_id)):
        for child_id in session.scalars(select(model.id).where(column == ticket.id)):
            changelog.record(session, entity=model.__tablename__, entity_id=child_id, op="delete",
                             ticket_id=ticket.id)
            session.execute(delete(model).where(model.id == child_id))
    changelog.record_ticket(session, ticket, old_group_id=ticket.group_id, old_assignee_id=ticket.assignee_id,
                            op="delete")
    session.delete(ticket)
    return {"status": "applied"}
