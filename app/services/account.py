"""The sync account on this store: who "me" is after a sign-in, and the sync figures the status bar shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models import (
    Category, ConfigurationItem, Group, OutboxMutation, Person, Service, SyncConflict, SyncCursor, group_member,
)
from app.services.reference import set_current_user


@dataclass(frozen=True)
class SyncSummary:
    """Plain figures for the status bar: edits waiting to be pushed, open inbox entries, last sync."""

    pending: int
    conflicts: int
    last_synced: datetime | None


def adopt_account(session: Session, *, person_id: str, name: str, groups: tuple[tuple[str, str], ...] = (),
                  group_ids: tuple[str, ...] = ()) -> None:
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


def pending_count(session: Session) -> int:
    """Edits saved locally that the server has not acknowledged yet (outbox rows)."""
    return session.scalar(select(func.count()).select_from(OutboxMutation)) or 0


def sync_summary(session: Session, *, server_key: str | None) -> SyncSummary:
    """The figures for one server and user (`server_key` as SyncClient.server_key; None: never synced)."""
    conflicts = session.scalar(select(func.count()).select_from(SyncConflict)
                               .where(SyncConflict.status == "open")) or 0
    last = session.scalar(select(SyncCursor.updated_at).where(SyncCursor.server_key == server_key)) \
        if server_key else None
    return SyncSummary(pending=pending_count(session), conflicts=conflicts, last_synced=last)


def reference_fingerprint(session: Session) -> tuple:
    """A cheap summary of the reference lists (rows and name lengths per table, memberships): a pull
    that changes it calls for reloading the pickers; one that only brought tickets and notes does not."""
    out: list = []
    for model in (Person, Group, Category, Service, ConfigurationItem):
        out.extend(session.execute(select(func.count(), func.sum(func.length(model.name)))).one())
    out.append(session.scalar(select(func.count()).select_from(group_member)))
    return tuple(out)
