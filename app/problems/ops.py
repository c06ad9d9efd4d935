"""Named operations of problem management: link incidents, create a problem from incidents, publish a
workaround to the linked incidents (and take it back), resolve them with the problem, major incidents and
their communication log. One user intent = one function = one transaction (the runner's).

Links are the incidents' own `problem_id` / `major_id` fields, so a link is an audited, synced,
three-way-merged ticket edit like any other, and a bulk link undoes with app.tickets.writes.undo_batch
(its batch id is in the BulkResult). The feed's entities are those of the ticket writes: `ticket`,
`worklog_entry`."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxMutation, Ticket, WorklogEntry
from app.outbox.journal import record_event
from app.problems.cis import FIELD as CI_FIELD
from app.problems.cis import set_problem_cis
from app.problems.queries import already_sent, open_linked, problem_detail, workaround_body
from app.problems.records import CreatedProblem, ProblemDetail, PublishResult
from app.tickets.queue import ids_for_rows
from app.tickets.records import BulkResult
from app.tickets.worklog import add_worklog
from app.tickets.writes import bulk_update, create_ticket, get_ticket, undo_batch, update_ticket
from core.errors import StaleEditError, ValidationError
from core.ids import new_id
from core.problems.rules import MAX_CIS
from core.tickets.children import COMMS_KIND
from core.tickets.priority import DEFAULT_MATRIX

__all__ = ["link_incidents", "link_rows", "unlink_incidents", "create_from_incidents", "publish_workaround",
           "undo_publish", "resolve_linked", "link_children", "add_comms", "save_problem", "undo_batch",
           "set_major"]

SENT_FIELD = "workaround_sent"  # the audit row of a published workaround: new_value is the reply's id


def link_incidents(session: Session, *, problem_id: str, incident_ids: list[str], actor_id: str | None) -> BulkResult:
    """Link incidents to a problem as one batch (undo_batch takes it back); a ticket that refuses (not an
    incident, closed) is skipped and reported."""
    problem = get_ticket(session, problem_id)
    if problem.type != "problem":
        raise ValidationError("Incidents link to a problem.", field="problem_id")
    return bulk_update(session, ticket_ids=incident_ids, changes={"problem_id": problem_id}, actor_id=actor_id)


def link_rows(session: Session, *, problem_id: str, row_ids: list[int], actor_id: str | None) -> BulkResult:
    """Link the queue's selected rows to a problem (link_incidents by queue row ids)."""
    ids = ids_for_rows(session, row_ids=row_ids)
    return link_incidents(session, problem_id=problem_id, incident_ids=[ids[r] for r in row_ids if r in ids],
                          actor_id=actor_id)


def unlink_incidents(session: Session, *, incident_ids: list[str], actor_id: str | None,
                     from_major: bool = False) -> BulkResult:
    """Take incidents off their problem (or, `from_major`, off their major incident), as one undoable batch."""
    field = "major_id" if from_major else "problem_id"
    return bulk_update(session, ticket_ids=incident_ids, changes={field: None}, actor_id=actor_id)


def create_from_incidents(session: Session, *, row_ids: list[int], title: str, actor_id: str | None,
                          matrix=DEFAULT_MATRIX) -> CreatedProblem:
    """Create a problem from the queue's selected incidents and link them to it. The problem takes the
    incidents' most common service and CI (their other CIs become its other affected CIs), their highest
    impact and urgency, and lists them in its description; undo_batch(batch_id) takes the links back (the
    problem stays, as a record)."""
    ids = ids_for_rows(session, row_ids=row_ids)
    incidents = [t for t in (session.scalar(select(Ticket).where(Ticket.id == ids[r])) for r in row_ids if r in ids)
                 if t is not None and t.type == "incident"]
    if not incidents:
        raise ValidationError("Select one or more incidents to create a problem from.")
    lines = "\n".join(f"- {t.number or 'Draft'}: {t.title}" for t in incidents)
    fields: dict[str, Any] = {
        "description": f"Created from {len(incidents)} incident(s):\n{lines}",
        "impact": min(t.impact for t in incidents), "urgency": min(t.urgency for t in incidents),
        "service_id": _most_common(t.service_id for t in incidents),
        "ci_id": _most_common(t.ci_id for t in incidents),
        "category_id": _most_common(t.category_id for t in incidents),
        "group_id": _most_common(t.group_id for t in incidents),
    }
    problem = create_ticket(session, ticket_type="problem", title=title, actor_id=actor_id, matrix=matrix,
                            **{k: v for k, v in fields.items() if v is not None})
    others = [c for c in dict.fromkeys(t.ci_id for t in incidents) if c is not None and c != fields["ci_id"]]
    if others:  # the incidents' other CIs: the problem affects them too
        set_problem_cis(session, ticket_id=problem.id, ci_ids=others[:MAX_CIS], actor_id=actor_id)
    result = bulk_update(session, ticket_ids=[t.id for t in incidents], changes={"problem_id": problem.id},
                         actor_id=actor_id)
    return CreatedProblem(id=problem.id, number=problem.number or "Draft", batch_id=result.batch_id,
                          linked=result.changed, skipped=result.skipped)


def _most_common(values) -> Any:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def publish_workaround(session: Session, *, problem_id: str, actor_id: str | None) -> PublishResult:
    """Send the problem's workaround as a public reply to every open linked incident (those that had it
    already are skipped), as one batch that undo_publish takes back. Raises ValidationError when the
    problem has no workaround."""
    problem = get_ticket(session, problem_id)
    if not (problem.workaround or "").strip():
        raise ValidationError("Write the workaround first: it is what the replies say.", field="workaround")
    body = workaround_body(problem)
    batch_id = new_id()
    posted: list[str] = []
    skipped: list[tuple[str, str]] = []
    for incident in open_linked(session, problem_id):
        number = incident.number or "Draft"
        if already_sent(session, incident.id, body):
            skipped.append((number, "this workaround was sent already"))
            continue
        try:
            with session.begin_nested():
                entry = add_worklog(session, ticket_id=incident.id, kind="reply", body=body, actor_id=actor_id)
                record_event(session, entity="ticket", entity_id=incident.id, field=SENT_FIELD, new=entry.id,
                             actor_id=actor_id, batch_id=batch_id)
        except ValidationError as exc:
            skipped.append((number, str(exc)))
            continue
        posted.append(number)
    if posted:
        record_event(session, entity="ticket", entity_id=problem.id, field="workaround_published",
                     new=", ".join(posted), actor_id=actor_id, batch_id=batch_id)
    return PublishResult(batch_id=batch_id, posted=tuple(posted), skipped=tuple(skipped))


def undo_publish(session: Session, *, batch_id: str, actor_id: str | None) -> PublishResult:
    """Take back the replies of a publish: a reply still waiting in the outbox (not sent to the team
    server yet) is removed with its mutation, so it never leaves the desk; a reply the server has (and
    may have mailed) cannot be unsent and is reported instead."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.batch_id == batch_id,
                                                      AuditEvent.field == SENT_FIELD)).all()
    undo_id = new_id()
    removed: list[str] = []
    skipped: list[tuple[str, str]] = []
    for ev in events:
        entry = session.scalar(select(WorklogEntry).where(WorklogEntry.id == ev.new_value))
        number = session.scalar(select(Ticket.number).where(Ticket.id == ev.entity_id)) or "Draft"
        if entry is None:
            continue
        pending = session.scalar(select(OutboxMutation.seq).where(
            OutboxMutation.entity == "worklog_entry", OutboxMutation.entity_id == entry.id,
            OutboxMutation.op == "append"))
        if pending is None:
            skipped.append((number, "the reply reached the team server already and may have been mailed"))
            continue
        session.execute(delete(OutboxMutation).where(OutboxMutation.seq == pending))
        session.delete(entry)
        record_event(session, entity="ticket", entity_id=ev.entity_id, field="workaround_withdrawn",
                     new=entry.id, actor_id=actor_id, batch_id=undo_id)
        record_event(session, entity="worklog_entry", entity_id=entry.id, field="deleted", new=None,
                     actor_id=actor_id, batch_id=undo_id)
        removed.append(number)
    session.flush()
    return PublishResult(batch_id=undo_id, posted=tuple(removed), skipped=tuple(skipped))


def resolve_linked(session: Session, *, problem_id: str, actor_id: str | None) -> BulkResult:
    """Resolve every open linked incident with the problem's resolution (code and notes), as one batch
    that undo_batch takes back. Raises ValidationError unless the problem is resolved."""
    problem = get_ticket(session, problem_id)
    if problem.state != "resolved" or not problem.resolution_code:
        raise ValidationError("Resolve the problem first: its resolution is what the incidents get.")
    notes = f"Resolved with problem {problem.number or ''}: {problem.resolution_notes or ''}".strip()
    return bulk_update(session, ticket_ids=[t.id for t in open_linked(session, problem_id)],
                       changes={"state": "resolved", "resolution_code": problem.resolution_code,
                                "resolution_notes": notes}, actor_id=actor_id)


def link_children(session: Session, *, major_id: str, incident_ids: list[str], actor_id: str | None) -> BulkResult:
    """Make incidents children of a major incident, as one undoable batch."""
    major = get_ticket(session, major_id)
    if not major.is_major:
        raise ValidationError("Child incidents link to a major incident.", field="major_id")
    return bulk_update(session, ticket_ids=incident_ids, changes={"major_id": major_id}, actor_id=actor_id)


def add_comms(session: Session, *, major_id: str, body: str, actor_id: str | None) -> str:
    """Add a timestamped entry to a major incident's communication log; returns its id."""
    major = get_ticket(session, major_id)
    if not major.is_major:
        raise ValidationError("Only a major incident has a communication log.", field="kind")
    return add_worklog(session, ticket_id=major_id, kind=COMMS_KIND, body=body, actor_id=actor_id).id


def save_problem(session: Session, *, ticket_id: str, changes: dict[str, Any], actor_id: str | None,
                 expected_updated_at: datetime | None = None, matrix=DEFAULT_MATRIX) -> ProblemDetail:
    """Save the problem editor's field edits (a workflow move included) and its affected CIs (`ci_ids`,
    those beyond the primary ci_id); returns the problem as stored."""
    changes = dict(changes)
    ci_ids = changes.pop(CI_FIELD, None)
    if ci_ids is not None:  # first: a move to Closed in the same save would leave them final
        if expected_updated_at is not None and get_ticket(session, ticket_id).updated_at != expected_updated_at:
            raise StaleEditError("This ticket was changed since you opened it. Reload it to see the changes, "
                                 "then make yours again.")
        expected_updated_at = None
        set_problem_cis(session, ticket_id=ticket_id, ci_ids=ci_ids, actor_id=actor_id)
    update_ticket(session, ticket_id=ticket_id, changes=changes, actor_id=actor_id, matrix=matrix,
                  expected_updated_at=expected_updated_at)
    return problem_detail(session, ticket_id=ticket_id)


def set_major(session: Session, *, ticket_id: str, is_major: bool, actor_id: str | None) -> bool:
    """Declare an incident a major incident (or take the flag off); returns the flag as stored."""
    update_ticket(session, ticket_id=ticket_id, changes={"is_major": is_major}, actor_id=actor_id)
    return get_ticket(session, ticket_id).is_major
