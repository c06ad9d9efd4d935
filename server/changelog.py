"""The change log: every committed change gets the next number of one gap-free sequence."""
# Why not a database sequence: sequence values are taken at insert time but become visible at commit,
# and transactions commit out of order, so a reader could see 7 before 6 and skip 6 forever. Here the
# number is max(seq)+1 read inside a write transaction that holds the writer lock (db.Database.write),
# so numbers are handed out in the same order transactions commit, and a reader never sees a hole.

from __future__ import annotations

from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.models import ChangeLog, ServerState, Ticket


class LogEntry(Protocol):
    """What a pull reads of a change log entry: a ChangeLog, or a Core row of its columns (pull.py reads
    rows, not ORM objects, for speed)."""

    @property
    def seq(self) -> int: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_id(self) -> str: ...
    @property
    def op(self) -> str: ...
    @property
    def ticket_id(self) -> str | None: ...
    @property
    def old_group_id(self) -> str | None: ...
    @property
    def old_assignee_id(self) -> str | None: ...
    @property
    def new_group_id(self) -> str | None: ...
    @property
    def new_assignee_id(self) -> str | None: ...
    @property
    def account_id(self) -> str | None: ...


def next_seq(session: Session) -> int:
    """Next change number; only valid inside Database.write() (the writer lock is held)."""
    current = session.info.get("next_seq")
    if current is None:
        current = latest_seq(session) + 1
    session.info["next_seq"] = current + 1
    return current


def record(session: Session, *, entity: str, entity_id: str, op: str = "upsert", ticket_id: str | None = None,
           account_id: str | None = None) -> int:
    seq = next_seq(session)
    session.add(ChangeLog(seq=seq, entity=entity, entity_id=entity_id, op=op, ticket_id=ticket_id,
                          account_id=account_id))
    session.info["last_seq"] = seq
    return seq


def record_ticket(session: Session, ticket: Ticket, *, old_group_id: str | None, old_assignee_id: str | None,
                  op: str = "upsert") -> int:
    """Log a ticket change with its scope before and after, so pulls can send evictions."""
    seq = next_seq(session)
    session.add(ChangeLog(seq=seq, entity="ticket", entity_id=ticket.id, op=op, ticket_id=ticket.id,
                          old_group_id=old_group_id, old_assignee_id=old_assignee_id,
                          new_group_id=ticket.group_id, new_assignee_id=ticket.assignee_id))
    session.info["last_seq"] = seq
    return seq


def latest_seq(session: Session) -> int:
    """The newest change number handed out, counting pruned ones (they are never reused)."""
    pruned = session.get(ServerState, "pruned_through")
    return max(session.scalar(select(func.max(ChangeLog.seq))) or 0, pruned.value if pruned is not None else 0)
