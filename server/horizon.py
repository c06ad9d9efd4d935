"""The tombstone horizon: deletes older than it are pruned from the change log."""
# A client whose cursor is older than the newest pruned change must sync again from zero (410 resync_required).
#
# Pruning removes a deleted row's tombstones together with every older log entry of the same row, so
# the log stays a list of rows that exist plus recent deletes. Change numbers are never reused: the
# next number also counts past `pruned_through` (changelog.next_seq).

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from server.db import Database
from server.models import ChangeLog, ServerState, utcnow

PRUNED_THROUGH = "pruned_through"


class ResyncRequired(Exception):
    """The cursor is older than the tombstone horizon."""


def pruned_through(session: Session) -> int:
    state = session.get(ServerState, PRUNED_THROUGH)
    return state.value if state is not None else 0


def check_cursor(session: Session, cursor: int) -> None:
    """Raise ResyncRequired when deletes after `cursor` may have been pruned. Cursor 0 never needs them."""
    if 0 < cursor < pruned_through(session):
        raise ResyncRequired()


def prune(db: Database, older_than: timedelta) -> tuple[int, int]:
    """Prune tombstones (and the older entries of the same rows) written before now - older_than.
    Returns (log entries removed, pruned_through). Runs in one write transaction."""
    cutoff = utcnow() - older_than
    with db.write() as session:
        doomed = session.execute(select(ChangeLog.entity, ChangeLog.entity_id, func.max(ChangeLog.seq))
                                 .where(ChangeLog.op == "delete", ChangeLog.at < cutoff)
                                 .group_by(ChangeLog.entity, ChangeLog.entity_id)).all()
        removed, newest = 0, pruned_through(session)
        for entity, entity_id, seq in doomed:
            result = cast(CursorResult[Any], session.execute(delete(ChangeLog).where(
                ChangeLog.entity_id == entity_id, ChangeLog.entity == entity, ChangeLog.seq <= seq)))
            removed += result.rowcount or 0
            newest = max(newest, seq)
        if doomed:
            state = session.get(ServerState, PRUNED_THROUGH)
            if state is None:
                session.add(ServerState(key=PRUNED_THROUGH, value=newest))
            else:
                state.value = newest
        return removed, newest
