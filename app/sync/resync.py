"""A full resync: forget what the server will send again, keep every pending local edit."""
# A full resync is needed when the server's tombstones no longer reach back to this client's cursor.
#
# Called by engine.pull_changes inside the transaction that puts the cursor back to 0, so a crash
# leaves either the old state or a store that is a first sync in progress; never a half-forgotten one.

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import OutboxMutation, SyncConflict, Ticket


def pending_ticket_ids(session: Session) -> set[str]:
    """Tickets that pending outbox rows create, change, or append to, and tickets with refused work
    nobody has decided on (a refused create exists only here; a refused edit is shown on top)."""
    ids: set[str] = set(session.scalars(select(SyncConflict.ticket_id).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open", SyncConflict.ticket_id.is_not(None))))
    for entity, entity_id, payload in session.execute(
            select(OutboxMutation.entity, OutboxMutation.entity_id, OutboxMutation.payload)):
        if entity == "ticket":
            ids.add(entity_id)
        else:
            row = json.loads(payload).get("row") or {}
            ids.update(v for v in (row.get("ticket_id"), row.get("source_id"), row.get("target_id")) if v)
    return ids


def forget_unpending(session: Session) -> set[str]:
    """Delete every local ticket (children go by cascade) without pending edits; returns the kept ids.
    The pull from 0 that follows brings back everything the server still has for this user."""
    kept = pending_ticket_ids(session)
    all_ids = set(session.scalars(select(Ticket.id)))
    doomed = sorted(all_ids - kept)
    for start in range(0, len(doomed), 500):
        session.execute(delete(Ticket).where(Ticket.id.in_(doomed[start:start + 500])))
    return kept & all_ids


def sweep_leftovers(session: Session, ticket_ids: set[str]) -> None:
    """After the pull from 0: tickets kept only for their pending edits, which the server did not send
    and which no longer have pending edits or open refusals, go."""
    doomed = sorted(ticket_ids - pending_ticket_ids(session))
    for start in range(0, len(doomed), 500):
        session.execute(delete(Ticket).where(Ticket.id.in_(doomed[start:start + 500])))
