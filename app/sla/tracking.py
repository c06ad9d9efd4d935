"""SLA figures kept in the store: ticket_sla computed per ticket and kept current, and read back live."""
# Every edit that can move a clock (state, priority, service, first response, undo) calls
# `recompute_ticket_sla` in its own transaction; `recompute_all` refills the table in bulk (demo load,
# migration backfill). Time alone never needs a write: a running clock's due_at is fixed, so readers
# derive "breached" and the warning level from due_at / warn_at and the current time (`live_state`).

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Ticket, TicketSla
from app.sla.live import WARN_PERCENT
from app.sla.live import live_state as live_state  # re-exported: its readers know it from here
from app.sla.policies import LoadedPolicy, PolicyInfo, choose_policy, load_policies, store_policy
from core.feed import note
from core.schema import utcnow
from core.sla.business_time import add_business_time
from core.sla.clocks import ClockStatus, SlaStatus, sla_status, timeline_from_events

log = logging.getLogger(__name__)
# Fields whose change can move a clock; other edits leave ticket_sla alone.
SLA_FIELDS = frozenset({"state", "priority", "service_id", "first_response_at", "resolved_at"})


class _Row(NamedTuple):  # what timeline_from_events reads from an audit row
    field: str
    old_value: str | None
    new_value: str | None
    at: datetime


def _utc(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def status_for(policy: LoadedPolicy, *, ticket_type: str, priority: int, service_id: str | None, created_at,
               first_response_at, resolved_at, state_rows: Iterable[tuple], now: datetime,
               state: str | None = None, closed_at=None) -> SlaStatus:
    """Both clocks of one ticket from its columns and its audited state changes [(at, old, new)].

    A ticket without a state history (imported, or from before the audit trail) is taken to have been in
    its current `state` since creation, except that a known resolution or closing time stops the clock."""
    events = [_Row("state", old, new, _utc(at)) for at, old, new in state_rows]
    initial = None
    if not events and state is not None:
        resolved_at = resolved_at or closed_at
        if resolved_at is None:
            initial = state
    timeline = timeline_from_events(events, ticket_type=ticket_type, priority=priority, service_id=service_id,
                                    created_at=_utc(created_at), first_response_at=_utc(first_response_at),
                                    resolved_at=_utc(resolved_at))
    if initial is not None:
        timeline = replace(timeline, initial_state=initial)
    return sla_status(policy.policy, timeline, now)


def _is_running(clock: ClockStatus | None) -> bool:
    return clock is not None and (clock.state == "running" or (clock.state == "breached" and clock.stopped_at is None))


def row_values(policy: LoadedPolicy, status: SlaStatus, now: datetime) -> dict:
    """The ticket_sla columns (but ticket_id) for a computed status."""
    values: dict = {"policy_id": policy.id, "computed_at": now}
    clocks = [c for c in (status.response, status.resolution) if c is not None]
    for name, clock in (("response", status.response), ("resolution", status.resolution)):
        values.update({f"{name}_target_s": clock and clock.target_seconds, f"{name}_due_at": clock and clock.due_at,
                       f"{name}_met_at": clock and clock.stopped_at, f"{name}_state": clock and clock.state,
                       f"{name}_elapsed_s": clock and clock.elapsed_seconds,
                       f"{name}_paused_s": clock and clock.paused_seconds})
    running = [c for c in clocks if _is_running(c)]
    first = min(running, key=lambda c: c.due_at, default=None)
    warn_at = None
    if first is not None:
        if first.state == "breached":
            state, warn_at = "breached", first.due_at
        else:
            state = "running"
            to_warn = first.target_seconds * WARN_PERCENT / 100 - first.elapsed_seconds
            warn_at = add_business_time(policy.policy.calendar, now, timedelta(seconds=to_warn)) if to_warn > 0 else now
    elif any(c.state == "paused" for c in clocks):
        state = "paused"
    elif any(c.state == "breached" for c in clocks):
        state = "breached"
    elif any(c.state == "met" for c in clocks):
        state = "met"
    elif clocks:
        state = "canceled"
    else:
        state = "none"
    values.update(state=state, due_at=first.due_at if first else None, warn_at=warn_at,
                  warning=max((c.warning for c in clocks if c.is_live), default=0))
    return values


def _statuses(session: Session, ids: list[str], now: datetime):
    """(ticket id, policy or None, status or None) per existing ticket of `ids`."""
    policies = load_policies(session)
    tickets = session.execute(select(Ticket.id, Ticket.type, Ticket.priority, Ticket.service_id, Ticket.created_at,
                                     Ticket.first_response_at, Ticket.resolved_at, Ticket.state, Ticket.closed_at)
                             .where(Ticket.id.in_(ids))).all()
    history: dict[str, list[tuple]] = {}
    for tid, at, old, new in session.execute(
            select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.old_value, AuditEvent.new_value)
            .where(AuditEvent.entity_id.in_(ids), AuditEvent.field == "state")):
        history.setdefault(tid, []).append((at, old, new))
    for t in tickets:
        policy = choose_policy(policies, t.type, t.service_id)
        if policy is None:
            yield t.id, None, None
            continue
        try:
            status = status_for(policy, ticket_type=t.type, priority=t.priority, service_id=t.service_id,
                                created_at=t.created_at, first_response_at=t.first_response_at,
                                resolved_at=t.resolved_at, state_rows=history.get(t.id, ()), now=now,
                                state=t.state, closed_at=t.closed_at)
        except ValueError:  # a calendar with no business time left: no figures rather than a failed edit
            log.warning("SLA of ticket %s cannot be measured with policy %s", t.id, policy.id, exc_info=True)
            yield t.id, None, None
            continue
        yield t.id, policy, status


def recompute_ticket_sla(session: Session, ticket_ids: Iterable[str], *, now: datetime | None = None) -> None:
    """Recompute ticket_sla for these tickets in the caller's transaction (after the edit is applied).
    Costs a few small reads plus O(state changes) business-time steps per ticket (well under a millisecond)."""
    ids = list(dict.fromkeys(ticket_ids))
    if not ids:
        return
    now = now or utcnow()
    gone = set(ids)
    rows = []
    for tid, policy, status in _statuses(session, ids, now):
        if policy is None:
            continue
        gone.discard(tid)
        values = row_values(policy, status, now)
        values["ticket_id"] = tid
        rows.append(tuple(map(_db_time, map(values.__getitem__, _COLUMNS))))
    if rows:  # one prepared statement for the lot: a pull's thousand tickets cost one round, not a thousand
        session.connection().exec_driver_sql(_UPSERT, rows)
    if gone:
        session.execute(delete(TicketSla).where(TicketSla.ticket_id.in_(gone)))


def ticket_status(session: Session, ticket_id: str, *, now: datetime | None = None) -> SlaStatus | None:
    """Both clocks of one ticket exactly at `now` (for the editor); None when no policy applies."""
    for _, _policy, status in _statuses(session, [ticket_id], now or utcnow()):
        return status
    return None


_COLUMNS = ("ticket_id", "policy_id", "computed_at", "response_target_s", "response_due_at", "response_met_at",
            "response_state", "response_elapsed_s", "response_paused_s", "resolution_target_s", "resolution_due_at",
            "resolution_met_at", "resolution_state", "resolution_elapsed_s", "resolution_paused_s", "state", "due_at",
            "warn_at", "warning")
_UPSERT = f"INSERT OR REPLACE INTO ticket_sla ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
INSERT_SLA = f"INSERT INTO ticket_sla ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


def _db_time(value):
    """The text SQLAlchemy stores for a UTC datetime on SQLite (raw writes must match it exactly)."""
    if isinstance(value, datetime):
        if value.tzinfo is not UTC:  # the clocks' own times are UTC already: no conversion per value
            value = value.astimezone(UTC)
        return value.isoformat(" ", "microseconds")[:26]  # without the "+00:00"
    return value


def recompute_all(session: Session, *, now: datetime | None = None, chunk: int = 20_000,
                  progress=None) -> int:
    """Refill ticket_sla for every ticket, in the caller's transaction; returns the rows written.
    See fill_ticket_sla for the cost."""
    policies = load_policies(session)
    cursor = session.connection().connection.dbapi_connection.cursor()
    return fill_ticket_sla(cursor, policies, now=now or utcnow(), chunk=chunk, progress=progress)


def fill_ticket_sla(cur, policies: tuple[LoadedPolicy, ...], *, now: datetime, chunk: int = 20_000,
                    progress=None) -> int:
    """Replace every ticket_sla row through a raw sqlite3 cursor (the demo loader has no Session).

    Walks the tickets in row_id chunks: per chunk one read of the tickets and one of their state
    changes (read in the audit trail's own key order, entity then time), then a bulk insert; memory stays
    bounded by the chunk.
    `progress(done, total)` is called after each chunk. Figures: bench/sla_bench.py.
    """
    # A bulk load: drop the indexes, refill, build them again from their own SQL (the delete and the
    # inserts otherwise maintain three B-trees row by row: several times slower on a large table).
    indexes = cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket_sla' "
                          "AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    cur.execute("DELETE FROM ticket_sla")
    written = _fill(cur, policies, now=now, chunk=chunk, progress=progress) if policies else 0
    for _, sql in indexes:
        cur.execute(sql)
    return written


def _fill(cur, policies: tuple[LoadedPolicy, ...], *, now: datetime, chunk: int, progress) -> int:
    total = cur.execute("SELECT count(*) FROM ticket").fetchone()[0]
    last, written, done = 0, 0, 0
    while True:
        tickets = cur.execute("SELECT row_id, id, type, priority, service_id, created_at, first_response_at, "
                              "resolved_at, state, closed_at FROM ticket WHERE row_id > ? ORDER BY row_id LIMIT ?",
                              (last, chunk)).fetchall()
        if not tickets:
            break
        first_row, last = tickets[0][0], tickets[-1][0]
        history: dict[str, list[tuple]] = {}
        for tid, at, old, new in cur.execute(
                "SELECT entity_id, at, old_value, new_value FROM audit_event WHERE field = 'state' AND entity_id IN "
                "(SELECT id FROM ticket WHERE row_id BETWEEN ? AND ?)", (first_row, last)).fetchall():
            history.setdefault(tid, []).append((at, old, new))
        rows = sla_rows(policies, tickets, history, now=now)
        cur.executemany(INSERT_SLA, rows)
        written += len(rows)
        done += len(tickets)
        if progress is not None:
            progress(done, total)
    return written


def sla_rows(policies: tuple[LoadedPolicy, ...], tickets: Iterable[tuple], history: dict[str, list[tuple]], *,
             now: datetime) -> list[tuple]:
    """ticket_sla rows (the columns of INSERT_SLA, as the database stores them) for `tickets`, each
    (row_id, id, type, priority, service_id, created_at, first_response_at, resolved_at, state, closed_at) as
    stored, with `history` {ticket id: [(at, old state, new state)]}. Pure: no database, any thread or process
    (the demo generator measures its chunks in a second process this way)."""
    rows = []
    for _, tid, ttype, priority, service_id, created, responded, resolved, state, closed in tickets:
        policy = choose_policy(policies, ttype, service_id)
        if policy is None:
            continue
        try:
            status = status_for(policy, ticket_type=ttype, priority=priority, service_id=service_id,
                                created_at=created, first_response_at=responded, resolved_at=resolved,
                                state_rows=history.get(tid, ()), now=now, state=state, closed_at=closed)
        except ValueError:
            log.warning("SLA of ticket %s cannot be measured with policy %s", tid, policy.id, exc_info=True)
            continue
        values = row_values(policy, status, now)
        values["ticket_id"] = tid
        rows.append(tuple(_db_time(values[c]) for c in _COLUMNS))
    return rows


def after_edit(session: Session, ticket_ids: Iterable[str], fields: Iterable[str] | None = None) -> None:
    """The hook every ticket edit calls in its transaction: recompute when `fields` (None: a new ticket)
    include one that can move a clock."""
    if fields is None or SLA_FIELDS.intersection(fields):
        recompute_ticket_sla(session, ticket_ids)


@dataclass(frozen=True)
class SlaWatch:
    """One of a person's open tickets whose clock due first has reached 75 % (warn_at passed)."""

    ticket_id: str
    number: str
    title: str
    due_at: datetime
    level: int  # 75 or 100 (breached) at the time asked


def watched_tickets(session: Session, *, assignee_id: str | None, now: datetime | None = None
                    ) -> tuple[SlaWatch, ...]:
    """The assignee's open tickets at 75 % or more of a running clock, due first first. Reads through
    ix_ticket_assignee_open and ticket_sla's primary key: a person's open tickets, not the whole table."""
    if assignee_id is None:
        return ()
    now = now or utcnow()
    rows = session.execute(
        select(Ticket.id, Ticket.number, Ticket.title, TicketSla.due_at)
        .join(TicketSla, TicketSla.ticket_id == Ticket.id)
        .where(Ticket.assignee_id == assignee_id, Ticket.is_open.is_(True), TicketSla.warn_at <= now,
               TicketSla.due_at.is_not(None))
        .order_by(TicketSla.due_at)).all()
    return tuple(SlaWatch(ticket_id=r[0], number=r[1] or "", title=r[2], due_at=r[3],
                          level=100 if r[3] <= now else WARN_PERCENT) for r in rows)


RECOMPUTE_CHUNK = 500


def save_policy(session: Session, *, info: PolicyInfo) -> int:
    """Store a policy (sla_policies.store_policy) and measure the open tickets again in the same transaction;
    returns how many. Closed tickets keep the figures they were measured with."""
    store_policy(session, info)
    ids = list(session.scalars(select(Ticket.id).where(Ticket.is_open.is_(True))))
    note(session, "sla_policy", [info.id])
    note(session, "ticket", everything=True)  # every open ticket's figures may have moved
    for start in range(0, len(ids), RECOMPUTE_CHUNK):
        recompute_ticket_sla(session, ids[start:start + RECOMPUTE_CHUNK])
    return len(ids)
