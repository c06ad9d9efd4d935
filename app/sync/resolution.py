"""Settling the sync's conflict inbox: keep the server's value, keep mine, or write an edited value."""
# Qt-free; each function runs in the caller's transaction (the UI's task runner). Keeping mine or an
# edited value is an ordinary ticket edit (audit rows and one outbox mutation, made on top of the
# server's value), which the server takes as settling its own record of the conflict (SYNC_PROTOCOL.md).

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.changes import writes as change_service
from app.models import Article, Change, SyncConflict, Ticket
from app.people import refusals as people_refusals
from app.sync.apply import wire_value
from app.tickets.writes import EDITABLE, update_ticket
from core.errors import NotFoundError, ValidationError
from core.feed import note
from core.tickets.priority import DEFAULT_MATRIX


@dataclass(frozen=True)
class InboxEntry:
    """One open entry of the inbox, values decoded from JSON (wire form: datetimes as ISO text).

    kind "conflict": `field` kept the server's value `theirs`; `mine` is what this desk wanted and
    `base` what both started from. kind "rejected": the server refused a whole change; `mine` holds
    its payload and `reason` the server's words.
    """

    id: str
    kind: str
    ticket_id: str | None
    ticket_number: str
    ticket_title: str
    ticket_type: str
    ticket_exists: bool
    entity: str
    op: str
    field: str
    base: Any
    theirs: Any
    mine: Any
    reason: str
    created_at: datetime
    entity_id: str = ""  # the ticket's, the change's or the child row's id


def _decode(text: str | None) -> Any:
    return json.loads(text) if text else None


def inbox(session: Session) -> tuple[InboxEntry, ...]:
    """The open entries, grouped by ticket or change (oldest first) and oldest first within one.
    A change's entries carry its CHG number and title in the ticket_* fields and type "change"."""
    rows = session.execute(
        select(SyncConflict, Ticket.id, Ticket.number, Ticket.title, Ticket.type)
        .outerjoin(Ticket, Ticket.id == SyncConflict.ticket_id)
        .where(SyncConflict.status == "open")
        .order_by(SyncConflict.created_at, SyncConflict.id)).all()
    change_ids = {c.entity_id for c, *_ in rows if c.entity == "change"}
    changes = {r.id: r for r in session.execute(select(Change.id, Change.number, Change.title)
                                                .where(Change.id.in_(change_ids)))} if change_ids else {}
    article_ids = {c.entity_id for c, *_ in rows if c.entity == "article"}
    articles = {r.id: r for r in session.execute(select(Article.id, Article.number, Article.title)
                                                 .where(Article.id.in_(article_ids)))} if article_ids else {}
    entries = []
    for c, found, number, title, ticket_type in rows:
        mine = _decode(c.mine)
        if c.entity == "change":
            row = changes.get(c.entity_id)
            found, number, title, ticket_type = (row.id, row.number, row.title, "change") if row else \
                (None, "", (mine.get("row") or {}).get("title") if isinstance(mine, dict) else "", "change")
        label = people_refusals.inbox_label(session, c)  # a person, service, group, membership...: its name
        if label is not None:
            number, title = label
        if c.entity == "article":  # the KB number and title in the ticket_* fields, type "article"
            art = articles.get(c.entity_id)
            found, number, title, ticket_type = cast(Any, (art.id, art.number, art.title, "article") if art else (
                None, "", (mine.get("row") or {}).get("title") if isinstance(mine, dict) else "", "article"))
        if title is None and c.kind == "rejected" and isinstance(mine, dict):
            row = mine.get("row") or {}  # the ticket is no longer here (evicted, discarded): its payload is
            title, ticket_type = row.get("title"), row.get("type")
        entries.append(InboxEntry(
            id=c.id, kind=c.kind, ticket_id=c.ticket_id, ticket_number=number or "", ticket_title=title or "",
            ticket_type=ticket_type or "incident", ticket_exists=found is not None, entity=c.entity, op=c.op,
            field=c.field, base=_decode(c.base), theirs=_decode(c.theirs), mine=mine,
            reason=c.reason or "", created_at=c.created_at, entity_id=c.entity_id))
    first_seen: dict[str | None, int] = {}
    for i, e in enumerate(entries):
        first_seen.setdefault(_owner(e), i)
    return tuple(sorted(entries, key=lambda e: first_seen[_owner(e)]))


def _owner(entry: InboxEntry) -> str | None:
    return entry.entity_id if entry.entity in ("change", "article") else entry.ticket_id


def open_count(session: Session, *, ticket_id: str | None = None, kind: str | None = None) -> int:
    """Open entries (of one kind: "conflict" or "rejected"), of one ticket or of the whole store."""
    stmt = select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
    if kind is not None:
        stmt = stmt.where(SyncConflict.kind == kind)
    if ticket_id is not None:
        stmt = stmt.where(SyncConflict.ticket_id == ticket_id)
    return session.scalar(stmt) or 0


def _open(session: Session, conflict_id: str) -> SyncConflict:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.status != "open":
        raise NotFoundError("This conflict was settled meanwhile.")
    note(session, "conflict", [conflict.id])
    if conflict.ticket_id:
        note(session, "ticket", [conflict.ticket_id])
    elif conflict.entity == "change":
        note(session, "change", [conflict.entity_id])
    elif conflict.entity.startswith("article"):
        note(session, "article", [conflict.entity_id])
    else:  # an approval or a link: which change it belongs to is in its payload
        note(session, "change")
    return conflict


def keep_theirs(session: Session, *, conflict_id: str) -> None:
    """Accept the server's value (the ticket already shows it). Refused work is settled by
    app.sync.refused_work (send again or discard), which also puts the local rows right."""
    _open(session, conflict_id).status = "settled"


def keep_mine(session: Session, *, conflict_id: str, actor_id: str | None, matrix=DEFAULT_MATRIX) -> dict[str, Any]:
    """Write this desk's value again, as a new edit on top of the server's; returns the changes made."""
    conflict = _open(session, conflict_id)
    return _write(session, conflict, _decode(conflict.mine), actor_id=actor_id, matrix=matrix)


def use_value(session: Session, *, conflict_id: str, value: Any, actor_id: str | None,
              matrix=DEFAULT_MATRIX) -> dict[str, Any]:
    """Write a value the user made from both sides (validated as any edit); returns the changes made."""
    return _write(session, _open(session, conflict_id), value, actor_id=actor_id, matrix=matrix)


def _write(session: Session, conflict: SyncConflict, value: Any, *, actor_id: str | None, matrix) -> dict[str, Any]:
    if conflict.kind == "conflict" and conflict.entity == "change":
        return _write_change(session, conflict, value, actor_id=actor_id)
    if conflict.kind == "conflict" and conflict.entity == "article":
        # An article's field written again as an ordinary edit (KCS moves checked, audited, queued).
        from app.knowledge.writes import update_article

        changes = update_article(session, article_id=conflict.entity_id, changes={conflict.field: value},
                                 actor_id=actor_id)
        conflict.status = "settled"
        return changes
    if conflict.kind != "conflict" or conflict.entity != "ticket" or conflict.field not in EDITABLE:
        raise ValidationError("Only a conflicting ticket field can be written again; dismiss this entry instead.")
    if conflict.ticket_id is None:
        raise NotFoundError("The ticket no longer exists.")
    local = wire_value(Ticket.__table__.columns[conflict.field], value)
    # Validation and workflow errors leave the entry open and the ticket unchanged (one transaction).
    changes = update_ticket(session, ticket_id=conflict.ticket_id, changes={conflict.field: local},
                            actor_id=actor_id, matrix=matrix)
    conflict.status = "settled"
    return changes


def _write_change(session: Session, conflict: SyncConflict, value: Any, *, actor_id: str | None) -> dict[str, Any]:
    """A change's field written again: state through the change workflow, the CI list as ids, other
    fields as an ordinary change edit (audited, one outbox mutation)."""
    if session.get(Change, conflict.entity_id) is None:
        raise NotFoundError("The change no longer exists.")
    field = conflict.field
    if field == "state":
        if not isinstance(value, str):
            raise ValidationError("A state is written as its name.")
        changes = change_service.transition_change(session, change_id=conflict.entity_id, target=value,
                                                   actor_id=actor_id)
    elif field in change_service.EDITABLE:
        if field == "ci_ids":
            local = tuple(v for v in (value.split(",") if isinstance(value, str) else value or ()) if v)
        elif field in Change.__table__.columns:
            local = wire_value(Change.__table__.columns[field], value)
        else:
            local = value
        changes = change_service.update_change(session, change_id=conflict.entity_id, changes={field: local},
                                               actor_id=actor_id)
    else:
        raise ValidationError("This change field is set by Deskside itself; dismiss this entry instead.")
    conflict.status = "settled"
    return changes
