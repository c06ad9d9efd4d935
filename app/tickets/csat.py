"""Customer satisfaction: the requester's answer, recorded by an agent with where it came from (audited)."""
# The requester's own survey answers (source "survey") are recorded by the team server from the survey link
# (server/mail/survey) and arrive with pulls; an agent records answers that came by another channel.

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kpi import daily as kpi_daily
from app.models import AuditEvent, Ticket
from app.outbox.journal import queue_mutation, record_event
from app.tickets.writes import get_ticket
from core.errors import ValidationError
from core.ids import new_id
from core.schema import utcnow
from core.tickets.csat import CSAT_SOURCES, check_csat, check_rated_state

SURVEY = "survey"  # only the server records it, from the requester's signed survey link
AGENT_SOURCES = {key: label for key, label in CSAT_SOURCES.items() if key != SURVEY}


def record_csat(session: Session, *, ticket_id: str, score: int, source: str, actor: str | None,
                comment: str | None = None) -> dict[str, tuple[Any, Any]]:
    """Record the requester's satisfaction answer on a resolved or closed ticket (closed tickets are
    final for field edits, but this is the requester's answer, not an agent's edit). Audited as one
    batch (the score, its source, the comment) and synced as the csat action, which the server accepts
    where it refuses a plain csat_score edit. The source is how the answer came (phone, mail, ...): a
    survey answer comes from the requester's survey link only. Returns {"csat_score": (old, new)}."""
    if source == SURVEY:
        raise ValidationError("Survey answers come from the requester's survey link only. Say how this answer "
                              "came: " + ", ".join(AGENT_SOURCES.values()).lower() + ".", field="source")
    comment = check_csat(score, source, comment)
    ticket = get_ticket(session, ticket_id)
    check_rated_state(ticket.type, ticket.state, ticket.number)
    if ticket.csat_source == SURVEY:  # the server refuses it too: the requester's own word stands
        raise ValidationError("The requester answered the satisfaction survey themselves; their answer stands.",
                              field="source")
    old = ticket.csat_score
    now = utcnow()
    batch = new_id()
    record_event(session, entity="ticket", entity_id=ticket.id, field="csat_score", old=old, new=score,
                 actor_id=actor, batch_id=batch)
    record_event(session, entity="ticket", entity_id=ticket.id, field="csat_source", new=source, actor_id=actor,
                 batch_id=batch)
    if comment:
        record_event(session, entity="ticket", entity_id=ticket.id, field="csat_comment", new=comment,
                     actor_id=actor, batch_id=batch)
    queue_mutation(session, entity="ticket", entity_id=ticket.id, op="update",
                   payload={"fields": {"csat_score": {"base": old, "new": score}},
                            "csat": {"source": source, "comment": comment}})
    ticket.csat_score, ticket.csat_source, ticket.csat_comment, ticket.csat_at = score, source, comment, now
    ticket.updated_at = now
    changes = {"csat_score": (old, score)}
    kpi_daily.on_tickets_changed(session, [ticket.id], changes)
    return changes


def csat_source(session: Session, ticket_id: str) -> tuple[str, str | None, datetime | None] | None:
    """(source, comment, when) of the ticket's answer: its columns (written here, or pulled from the server
    with a survey answer or another desk's); else this desk's audit of an answer recorded before the
    columns were kept; None when neither knows."""
    row = session.execute(select(Ticket.csat_source, Ticket.csat_comment, Ticket.csat_at)
                          .where(Ticket.id == ticket_id)).first()
    if row is not None and row.csat_source:
        return row.csat_source, row.csat_comment, row.csat_at
    latest = session.scalar(select(AuditEvent.batch_id).where(
        AuditEvent.entity_id == ticket_id, AuditEvent.field == "csat_source")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1))
    if latest is None:
        return None
    rows = dict(session.execute(select(AuditEvent.field, AuditEvent.new_value).where(
        AuditEvent.entity_id == ticket_id, AuditEvent.batch_id == latest)).all())
    return rows.get("csat_source") or "", rows.get("csat_comment"), None
