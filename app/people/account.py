"""The sync account on this store: who "me" is after a sign-in, and the sync figures the status bar shows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models import (
    Category,
    ConfigurationItem,
    Group,
    OutboxMutation,
    Person,
    Service,
    Site,
    StoreMeta,
    SyncConflict,
    group_member,
)
from app.people.reference import ROLE, set_current_user
from core.schema import utcnow


@dataclass(frozen=True)
class SyncSummary:
    """Plain figures for the status bar: edits waiting to be pushed, open inbox entries, last sync."""

    pending: int
    conflicts: int
    last_synced: datetime | None


def adopt_account(session: Session, *, person_id: str, name: str, groups: tuple[tuple[str, str], ...] = (),
                  group_ids: tuple[str, ...] = (), role: str | None = None) -> None:
    """Make the signed-in account's person the store's current user ("me"), with their groups.

    The person, group and membership rows normally arrive with the first pull; until then stand-in
    rows (the server's ids and names from the sign-in reply) let the desk act as the user at once:
    "My tickets", the new ticket's group, the status bar. The pull overwrites them by id. A group
    whose name a different local row already holds is left to the pull.
    """
    if session.get(Person, person_id) is None:
        session.add(Person(id=person_id, name=name, is_agent=True))
        session.flush()
    conn = session.connection()
    for group_id, group_name in groups:
        conn.execute(sqlite_insert(Group.__table__).values(id=group_id, name=group_name).prefix_with("OR IGNORE"))
    for group_id in dict.fromkeys((*group_ids, *(g for g, _ in groups))):
        if session.get(Group, group_id) is not None:
            conn.execute(sqlite_insert(group_member).values(group_id=group_id, person_id=person_id)
                         .on_conflict_do_nothing())
    set_current_user(session, person_id=person_id)
    if role is not None:  # what the desk may change on the server (the Reference data page says it)
        row = session.get(StoreMeta, ROLE)
        if row is None:
            session.add(StoreMeta(key=ROLE, value=role))
        else:
            row.value = role


def pending_count(session: Session) -> int:
    """Edits saved locally that the server has not acknowledged yet (outbox rows)."""
    return session.scalar(select(func.count()).select_from(OutboxMutation)) or 0


SYNCED_AT = "sync_completed_at"  # store_meta: JSON {server_key: ISO time of the last round that completed}


def mark_synced(session: Session, *, server_key: str) -> None:
    """Note that a sync round with this server and user completed now. The cursor's own time moves with
    every page, also in a round that fails later, so it cannot say "synced"."""
    row = session.get(StoreMeta, SYNCED_AT)
    times = json.loads(row.value) if row is not None else {}
    times[server_key] = utcnow().isoformat()
    if row is None:
        session.add(StoreMeta(key=SYNCED_AT, value=json.dumps(times)))
    else:
        row.value = json.dumps(times)


def sync_summary(session: Session, *, server_key: str | None) -> SyncSummary:
    """The figures for one server and user (`server_key` as SyncClient.server_key; None: never synced).
    `last_synced` is when a round last completed, None before the first one did."""
    conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                               .where(SyncConflict.status == "open")) or 0
    row = session.get(StoreMeta, SYNCED_AT) if server_key else None
    when = json.loads(row.value).get(server_key) if row is not None else None
    last = datetime.fromisoformat(when) if when else None
    return SyncSummary(pending=pending_count(session), conflicts=conflicts, last_synced=last)


def reference_fingerprint(session: Session) -> tuple:
    """A cheap summary of the reference lists (rows and name lengths per table, memberships): a pull
    that changes it calls for reloading the pickers; one that only brought tickets and notes does not."""
    out: list = []
    for model in (Person, Group, Category, Service, ConfigurationItem, Site):
        out.extend(session.execute(select(func.count(), func.sum(func.length(model.name)))).one())
    for model in (Group, Category, Service):  # a retirement leaves the pickers; a move changes a path
        out.append(session.scalar(select(func.count()).where(model.active.is_(False))))
    out.append(session.scalar(select(func.count(Category.parent_id))))
    out.append(session.scalar(select(func.count()).select_from(group_member)))
    return tuple(out)
