"""One sync round: push the outbox, then pull until the server has nothing newer.

`sync_once` runs on one worker thread of the caller's (the task runner's database worker, or a sync
worker of its own): it opens short transactions on the store and makes blocking HTTP calls between
them, never holding a transaction during a network call. Local edits committed by other tasks between
those transactions are safe (they get higher outbox seqs and are re-shown on top of pulled rows), but
only one sync may run per store at a time. It is safe to run again after a crash at any point: a
push repeated after a lost reply gets the server's stored receipts, and the cursor only moves in the
transaction that applied its rows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import func, select

from app.models import OutboxMutation, SyncCursor
from app.models.base import utcnow
from app.store import Store
from app.sync.apply import apply_page
from app.sync.client import SyncClient
from app.sync.conflicts import handle_receipt
from app.sync.errors import CursorAhead, ServerError

PUSH_BATCH = 200  # the server takes at most 500 per push
PULL_LIMIT = 200
CRASH_ENV = "DESKSIDE_SYNC_CRASH_AT"


def crash_point(name: str) -> None:
    """Test-only fault injection: the process dies (as kill -9 would) at the point named by the
    DESKSIDE_SYNC_CRASH_AT environment variable. Inert when it is unset (the normal case)."""
    if os.environ.get(CRASH_ENV) == name:
        os._exit(137)


@dataclass(frozen=True)
class SyncReport:
    """What one round did; plain data, safe to hand to the GUI thread."""

    pushed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)  # applied / merged / conflict / rejected counts
    pulled_pages: int = 0
    pulled_changes: int = 0
    cursor: int = 0
    changed_ticket_ids: frozenset[str] = frozenset()
    numbers: dict[str, str] = field(default_factory=dict)  # ticket id -> number the server gave


@dataclass
class _Tally:
    pushed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    changes: int = 0
    touched: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)


Progress = Callable[[str, int, int], None]  # (phase "push" | "pull", done, total or 0 when unknown)
Cancelled = Callable[[], bool]


def _wire(m: OutboxMutation) -> dict:
    return {"seq": m.seq, "mutation_id": m.mutation_id, "entity": m.entity, "entity_id": m.entity_id,
            "op": m.op, "payload": json.loads(m.payload)}


def push_outbox(store: Store, client: SyncClient, *, batch_size: int = PUSH_BATCH, progress: Progress | None = None,
                cancelled: Cancelled | None = None, tally: _Tally | None = None) -> _Tally:
    """Push pending outbox rows in seq order, batch by batch; each batch's receipts are handled and its
    rows deleted in one transaction. Edits made meanwhile get higher seqs and wait for the next batch."""
    tally = tally or _Tally()
    last = 0
    while not (cancelled and cancelled()):
        with store.session() as s:
            batch = [_wire(m) for m in s.scalars(select(OutboxMutation).where(OutboxMutation.seq > last)
                                                 .order_by(OutboxMutation.seq).limit(batch_size))]
            total = s.scalar(select(func.count()).select_from(OutboxMutation))
        if not batch:
            break
        answer = client.push(store.client_id, batch)
        crash_point("after_push_sent")
        receipts = {r["seq"]: r for r in answer["receipts"]}
        with store.session() as s:
            for wire in batch:
                receipt = receipts.get(wire["seq"])
                mutation = s.get(OutboxMutation, wire["seq"])
                if receipt is None or mutation is None or receipt["mutation_id"] != wire["mutation_id"]:
                    raise ServerError("The server's receipts do not match the pushed changes.")
                status = handle_receipt(s, mutation, receipt)
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
                if wire["entity"] == "ticket":
                    tally.touched.add(wire["entity_id"])
                    if wire["op"] == "create" and receipt.get("number") and status != "rejected":
                        tally.numbers[wire["entity_id"]] = receipt["number"]
        crash_point("after_receipts")
        tally.pushed += len(batch)
        last = batch[-1]["seq"]
        if progress:
            progress("push", tally.pushed, tally.pushed + total - len(batch))
    return tally


def saved_cursor(store: Store, server_key: str) -> int:
    with store.session() as s:
        row = s.get(SyncCursor, server_key)
        return row.cursor if row else 0


def _save_cursor(session, server_key: str, cursor: int) -> None:
    row = session.get(SyncCursor, server_key)
    if row is None:
        session.add(SyncCursor(server_key=server_key, cursor=cursor, updated_at=utcnow()))
    else:
        row.cursor, row.updated_at = cursor, utcnow()


def pull_changes(store: Store, client: SyncClient, *, limit: int = PULL_LIMIT, wait: float = 0,
                 priority_first: bool = False, progress: Progress | None = None, cancelled: Cancelled | None = None,
                 tally: _Tally | None = None) -> _Tally:
    """Pull from the saved cursor until has_more is false; each page and its cursor commit together.

    `wait` long-polls the first request only (a caller's idle loop). With `priority_first` and a
    cursor of 0 the user's own open tickets are applied first (the cursor stays 0). A 409
    cursor_ahead (the server was restored) starts again from 0; the outbox is kept either way.
    """
    tally = tally or _Tally()
    key = client.server_key
    cursor = saved_cursor(store, key)
    if priority_first and cursor == 0:
        page = client.pull(0, limit, priority_first=True)
        with store.session() as s:
            tally.touched |= apply_page(s, page)
    restarted = False
    while not (cancelled and cancelled()):
        try:
            page = client.pull(cursor, limit, wait=wait)
        except CursorAhead:
            if restarted:
                raise
            restarted, cursor = True, 0
            continue
        wait = 0
        with store.session() as s:
            tally.touched |= apply_page(s, page)
            crash_point("after_pull_applied")
            _save_cursor(s, key, page["next_cursor"])
        tally.pages += 1
        tally.changes += len(page.get("changes", []))
        cursor = page["next_cursor"]
        if progress:
            progress("pull", tally.changes, 0)
        if not page["has_more"]:
            break
    return tally


def sync_once(store: Store, client: SyncClient, *, batch_size: int = PUSH_BATCH, limit: int = PULL_LIMIT,
              priority_first: bool = False, progress: Progress | None = None,
              cancelled: Cancelled | None = None) -> SyncReport:
    """Push the whole outbox, then pull everything newer than the saved cursor.

    Raises the client's typed errors (Offline, AuthExpired, RateLimited, UpgradeRequired, ServerError);
    whatever committed before the error stays committed and the next call carries on from there.
    `cancelled` is polled between batches and pages (cancellation never splits a transaction).
    """
    tally = push_outbox(store, client, batch_size=batch_size, progress=progress, cancelled=cancelled)
    pull_changes(store, client, limit=limit, priority_first=priority_first, progress=progress,
                 cancelled=cancelled, tally=tally)
    return SyncReport(pushed=tally.pushed, statuses=dict(tally.statuses), pulled_pages=tally.pages,
                      pulled_changes=tally.changes, cursor=saved_cursor(store, client.server_key),
                      changed_ticket_ids=frozenset(tally.touched), numbers=dict(tally.numbers))
