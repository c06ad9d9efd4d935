"""One sync round: push the outbox, then pull until the server has nothing newer."""
# `sync_once` runs on a thread of the caller's (a runner job in the app, the caller's own thread when
# headless) and makes blocking HTTP calls there. Every transaction goes through the store's Writer
# (app.sync.writer): in the app that is the runner's single writer thread, so the sync is never a second
# writer; it never holds a transaction during a network call. Local edits committed between its
# transactions are safe (they get higher outbox seqs and are re-shown on top of pulled rows), but only
# one sync may run per store at a time. It is safe to run again after a crash at any point: a push
# repeated after a lost reply gets the server's stored receipts, and the cursor only moves in the
# transaction that applied its rows.

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.models import OutboxMutation, SyncCursor
from app.outbox.journal import OUTBOX
from app.people.account import mark_synced
from app.store import Store
from app.sync import fts_pause
from app.sync.apply import SLA_CLOCKS, apply_page
from app.sync.apply_changes import CHANGED_CHANGES
from app.sync.attachments import DOWNLOAD_BUDGET, TransferTally, download_missing, upload_for_push, upload_pending
from app.sync.backends import refs as backend_refs
from app.sync.backends.base import bind_store, capabilities_of
from app.sync.client import SyncClient
from app.sync.conflicts import handle_receipt, ticket_of
from app.sync.derived import refresh_derived
from app.sync.errors import CursorAhead, ProtocolError, ResyncRequired
from app.sync.resync import forget_unpending, sweep_leftovers
from app.sync.sla_clocks import PageClocks
from app.sync.writer import Published, SyncDb, sync_db
from core.feed import note
from core.schema import utcnow

log = logging.getLogger(__name__)
PUSH_BATCH = 500  # the server takes at most 500 per push
PUSH_BYTES = 4 * 1024 * 1024  # ...and bodies up to 8 MiB: a batch of long texts stops earlier
PULL_LIMIT = 1000  # rows of a page; the server allows up to 1000
MAX_PAGES = 100_000  # pages in one round (100 million changes): a server saying "more" forever is refused
CRASH_ENV = "DESKSIDE_SYNC_CRASH_AT"


_CRASH_PASSES: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Test-only fault injection: the process dies (as kill -9 would) at the point named by the
    DESKSIDE_SYNC_CRASH_AT environment variable ("name", or "name:N" for its Nth pass, e.g. the third
    page of a pull). Inert when it is unset (the normal case)."""
    wanted = os.environ.get(CRASH_ENV)
    if not wanted or not wanted.startswith(name):
        return
    point, _, nth = wanted.partition(":")
    if point == name:
        _CRASH_PASSES[name] = passes = _CRASH_PASSES.get(name, 0) + 1
        if passes >= int(nth or 1):
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
    uploaded: int = 0      # attachment files sent
    downloaded: int = 0    # attachment files fetched
    transfer_failed: dict[str, str] = field(default_factory=dict)  # sha256 -> why it did not move yet
    full_resync: bool = False  # the server asked for a sync from zero (cursor past its tombstone horizon)
    changed_change_ids: frozenset[str] = frozenset()  # changes pushed or pulled (rows, approvals, links)


@dataclass
class _Tally:
    pushed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    changes: int = 0
    touched: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)
    resynced: bool = False
    touched_changes: set[str] = field(default_factory=set)


Progress = Callable[[str, int, int], None]  # (phase "upload" | "push" | "pull" | "download", done, total or 0)
Cancelled = Callable[[], bool]


def _wire(m: OutboxMutation) -> dict:
    return {"seq": m.seq, "mutation_id": m.mutation_id, "entity": m.entity, "entity_id": m.entity_id,
            "op": m.op, "payload": json.loads(m.payload)}


def _next_batch(db: SyncDb, after: int, batch_size: int) -> tuple[list[dict], int]:
    return db.read(_read_batch, after=after, batch_size=batch_size)


def _read_batch(s, *, after: int, batch_size: int) -> tuple[list[dict], int]:
    batch, size = [], 0
    for m in s.scalars(select(OutboxMutation).where(OutboxMutation.seq > after).order_by(OutboxMutation.seq)
                       .limit(batch_size)):
        size += len(m.payload)
        if batch and size > PUSH_BYTES:
            break
        batch.append(_wire(m))
    total = s.scalar(select(func.count()).select_from(OutboxMutation)) if batch else 0
    return batch, total


def _settle_batch(session, *, batch: list[dict], receipts: dict[int, dict], tally: _Tally) -> None:
    """Handle one batch's receipts in the caller's transaction. Plain successes (the most of any
    drain) are written together at the end; the others, in order, by conflicts.handle_receipt, which
    still sees the later outbox rows of the same ticket (their values must stay shown), and which
    records a receipt it cannot read instead of taking it as done. A mutation without a receipt of
    its own stays queued (logged) and is pushed again next round."""
    plain: list[tuple] = []
    for wire in batch:
        receipt = receipts.get(wire["seq"])
        if receipt is None or receipt.get("mutation_id") != wire["mutation_id"]:
            log.warning("No receipt for mutation %s (seq %s) in the server's answer; it stays queued",
                        wire["mutation_id"], wire["seq"])
            continue
        status = receipt.get("status")
        if status in ("applied", "merged") and not (wire["entity"] in ("ticket", "change") and wire["op"] == "create"):
            plain.append((wire["seq"], wire["mutation_id"], wire["entity"], wire["entity_id"], wire["op"], status,
                          receipt.get("reason"), receipt.get("number"), utcnow().replace(tzinfo=None)
                          .isoformat(sep=" ", timespec="microseconds")))
        else:
            mutation = session.get(OutboxMutation, wire["seq"])
            if mutation is None:  # settled on this desk meanwhile (sent again or discarded): nothing left
                continue
            status = handle_receipt(session, mutation, receipt)
            if wire["entity"] == "ticket" and wire["op"] == "create" and receipt.get("number") \
                    and status != "rejected":
                tally.numbers[wire["entity_id"]] = receipt["number"]
            owner = ticket_of(mutation)
            if status in ("conflict", "rejected"):
                note(session, "conflict")
                if owner:
                    note(session, "ticket", [owner])  # its banner and its row's marker
            if status == "rejected" and owner and wire["entity"] in ("worklog_entry", "attachment", "ticket_link"):
                tally.touched.add(owner)  # a refused note or attachment marks its ticket in the queue
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        note(session, OUTBOX, [wire["entity_id"]])
        if wire["entity"] == "ticket":
            tally.touched.add(wire["entity_id"])
            note(session, "ticket", [wire["entity_id"]])  # the number the server gave, a refused marker
        elif wire["entity"] == "change":
            tally.touched_changes.add(wire["entity_id"])
            note(session, "change", [wire["entity_id"]])
    if plain:
        conn = session.connection()
        conn.exec_driver_sql("INSERT OR IGNORE INTO sync_receipt (seq, mutation_id, entity, entity_id, op, status, "
                             "reason, number, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", plain)
        conn.exec_driver_sql("DELETE FROM outbox_mutation WHERE seq = ?", [(row[0],) for row in plain])


def _by_seq(answer: dict) -> dict[int, dict]:
    """The answer's receipts by seq; entries that are not receipts with a seq are left out (their
    mutations stay queued)."""
    receipts = answer.get("receipts") if isinstance(answer, dict) else None
    if not isinstance(receipts, list):
        raise ProtocolError("The server's answer to a push has no receipts.")
    return {r["seq"]: r for r in receipts if isinstance(r, dict) and isinstance(r.get("seq"), int)}


def push_outbox(store: Store | SyncDb, client: SyncClient, *, batch_size: int = PUSH_BATCH,
                progress: Progress | None = None, cancelled: Cancelled | None = None, tally: _Tally | None = None,
                files: TransferTally | None = None, send_files: bool = True) -> _Tally:
    """Push pending outbox rows in seq order, batch by batch; each batch's receipts are handled and its
    rows deleted in one transaction. Edits made meanwhile get higher seqs and wait for the next batch.

    The next batch is sent (on a helper thread) while this batch's receipts are written, so client and
    server work at the same time; the server applied this batch before answering, so order holds.
    Each batch's attachment files go right before it (app.sync.attachments.upload_for_push), read with
    the batch: a file attached after the round's upload phase is not pushed as metadata alone."""
    db = sync_db(store)
    tally = tally or _Tally()
    files = files if files is not None else TransferTally()
    uploader = client if send_files else None
    batch, total = _next_batch(db, 0, batch_size)
    upload_for_push(db, uploader, batch, cancelled=cancelled, tally=files)
    ahead: Future | None = None
    pool: ThreadPoolExecutor | None = None
    try:
        while batch and not (cancelled and cancelled()):
            answer = ahead.result() if ahead is not None else client.push(db.client_id, batch)
            ahead = None
            crash_point("after_push_sent")
            following, total_after = _next_batch(db, batch[-1]["seq"], batch_size)
            if following and not (cancelled and cancelled()):
                upload_for_push(db, uploader, following, cancelled=cancelled, tally=files)
                pool = pool or ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskside-push")
                ahead = pool.submit(client.push, db.client_id, following)
            db.write(_settle_batch, batch=batch, receipts=_by_seq(answer), tally=tally)
            crash_point("after_receipts")
            tally.pushed += len(batch)
            if progress:
                progress("push", tally.pushed, tally.pushed + total - len(batch))
            batch, total = following, total_after
    finally:
        if ahead is not None:  # never leave the client busy on another thread; its receipts come next round
            with contextlib.suppress(Exception):  # the round is already failing; the push is repeated safely
                ahead.result()
        if pool is not None:
            pool.shutdown(wait=True)
    return tally


def saved_cursor(store: Store | SyncDb, server_key: str) -> int:
    return sync_db(store).read(_read_cursor, server_key=server_key)


def _read_cursor(s, *, server_key: str) -> int:
    row = s.get(SyncCursor, server_key)
    return row.cursor if row else 0


def _forget_for_resync(s, *, key: str) -> set[str]:
    """Start a full resync: forget tickets without pending edits, cursor back to 0 (one transaction)."""
    note(s, "ticket", everything=True)
    note(s, "change", everything=True)
    kept = forget_unpending(s)
    _save_cursor(s, key, 0)
    return kept


def _sweep_after_resync(s, *, ticket_ids: set[str]) -> None:
    """End a full resync: drop what the server no longer sends."""
    note(s, "ticket", everything=True)
    sweep_leftovers(s, ticket_ids)


def _apply_pulled(s, *, page: dict, key: str, clocks: PageClocks | None = None) -> tuple[set[str], set[str]]:
    """One pulled page and the cursor after it, in one transaction: (tickets, changes) it touched. `clocks`: a
    first sync's second process measuring the page's SLA clocks (app.sync.sla_clocks)."""
    if clocks is not None:
        s.info[SLA_CLOCKS] = clocks
    try:
        touched = apply_page(s, page)
    finally:
        s.info.pop(SLA_CLOCKS, None)
    backend_refs.save_refs(s, page=page, server_key=key)  # a backend's ids and versions (RT), with the rows
    touched_changes = s.info.pop(CHANGED_CHANGES, set())
    crash_point("after_pull_applied")
    _save_cursor(s, key, page["next_cursor"])
    return touched, touched_changes


def _save_cursor(session, server_key: str, cursor: int) -> None:
    row = session.get(SyncCursor, server_key)
    if row is None:
        session.add(SyncCursor(server_key=server_key, cursor=cursor, updated_at=utcnow()))
    else:
        row.cursor, row.updated_at = cursor, utcnow()


class _Prefetch:
    """Fetches the next page on a helper thread while the current one is applied (client and server
    then work at the same time). The client is used by one thread at a time: the fetch is always
    collected (or waited for) before the caller uses it again."""

    def __init__(self, client: SyncClient, limit: int) -> None:
        self._client, self._limit = client, limit
        self._pool: ThreadPoolExecutor | None = None
        self._pending: tuple[int, Future] | None = None

    def start(self, cursor: int) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskside-prefetch")
        self._pending = (cursor, self._pool.submit(self._client.pull, cursor, self._limit))

    def take(self, cursor: int) -> dict | None:
        """The fetched page for `cursor` (raising what the fetch raised), or None when none was started."""
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        started, future = pending
        page = future.result()
        return page if started == cursor else None

    def close(self) -> None:
        if self._pending is not None:
            # Never leave the client busy on another thread; the caller is already failing or done, so the
            # page is dropped.
            with contextlib.suppress(Exception):
                self._pending[1].result()
            self._pending = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def pull_changes(store: Store | SyncDb, client: SyncClient, *, limit: int = PULL_LIMIT, wait: float = 0,
                 priority_first: bool = False, progress: Progress | None = None, cancelled: Cancelled | None = None,
                 tally: _Tally | None = None, max_pages: int = MAX_PAGES) -> _Tally:
    """Pull from the saved cursor until has_more is false; each page and its cursor commit together.

    `wait` long-polls the first request only (a caller's idle loop). With `priority_first` and a
    cursor of 0 the user's own open tickets are applied first (the cursor stays 0). A 409
    cursor_ahead (the server was restored) or a 410 resync_required (the cursor is older than the
    server's tombstone horizon) starts a full resync: tickets without pending edits are forgotten in
    the transaction that puts the cursor back to 0, then everything is pulled again; the outbox is
    kept either way, and tickets kept for their pending edits that the server no longer sends are
    dropped at the end.

    Pages are checked by the client (app.sync.replies) before they are applied; a page whose rows still
    do not fit the store (a reference to a row the server never sent) raises ProtocolError, its
    transaction rolled back. More than `max_pages` pages in one round raise ProtocolError too.
    """
    db = sync_db(store)
    tally = tally or _Tally()
    key = client.server_key
    cursor = saved_cursor(db, key)
    # Into an empty store, full-text indexing waits for the end (app.sync.fts_pause): one build
    # instead of a trigger per row. Resumed however the pull ends, so search never misses rows.
    paused = cursor == 0 and fts_pause.pause_for_first_sync(db)
    clocks = PageClocks() if paused else None  # into an empty store: SLA clocks measured beside the writer
    kept: set[str] | None = None
    ahead = _Prefetch(client, limit)
    try:
        if priority_first and cursor == 0:
            page = client.pull(0, limit, priority_first=True)
            tally.touched |= db.write_redoable(apply_page, page=page)
        while not (cancelled and cancelled()):
            try:
                page = ahead.take(cursor) or client.pull(cursor, limit, wait=wait)
            except (CursorAhead, ResyncRequired):
                if kept is not None or cursor == 0:
                    raise
                kept = db.write(_forget_for_resync, key=key)
                cursor, tally.resynced = 0, True
                continue
            wait = 0
            if page["has_more"]:
                ahead.start(page["next_cursor"])  # the server builds the next page while this one is applied
            if tally.pages >= max_pages:
                raise ProtocolError(f"The server kept saying more changes follow ({tally.pages} pages in one round). "
                                    "Nothing more was applied; the sync tries again later.")
            try:
                touched, touched_changes = db.write_redoable(_apply_pulled, page=page, key=key, clocks=clocks)
                tally.touched |= touched
                tally.touched_changes |= touched_changes
            except IntegrityError as exc:
                raise ProtocolError("The server sent rows that do not fit this desk's data (a reference to "
                                    "something it never sent). Nothing of that page was applied; your edits "
                                    "are kept.") from exc
            crash_point("after_pull_committed")
            tally.pages += 1
            tally.changes += len(page.get("changes", []))
            cursor = page["next_cursor"]
            if progress:
                progress("pull", tally.changes, 0)
            if not page["has_more"]:
                if kept:
                    db.write(_sweep_after_resync, ticket_ids=kept - tally.touched)
                break
    finally:
        ahead.close()
        if clocks is not None:
            clocks.close()
        if paused:
            fts_pause.resume(db)
    return tally


def sync_once(store: Store | SyncDb, client: SyncClient, *, batch_size: int = PUSH_BATCH, limit: int = PULL_LIMIT,
              priority_first: bool = False, progress: Progress | None = None,
              cancelled: Cancelled | None = None, attachments: bool = True,
              download_budget: int = DOWNLOAD_BUDGET, published: Published | None = None) -> SyncReport:
    """Upload the files of pending attachments, push the whole outbox, pull everything newer than the
    saved cursor, then fetch missing attachment files up to `download_budget` bytes (the rest next
    round; `fetch_attachment` gets one at once when the user opens it).

    Files go before their metadata, so the server never lists an attachment whose bytes it lacks.
    Raises the client's typed errors (Offline, AuthExpired, RateLimited, UpgradeRequired, ServerError);
    whatever committed before the error stays committed and the next call carries on from there.
    `cancelled` is polled between batches, pages and file chunks (never splitting a transaction).
    `attachments=False` skips both file phases. Headless, `published` gets the change record (core.feed)
    of each write transaction once it committed (in the app, the runner publishes them).
    """
    db = sync_db(store, published)
    bind_store(client, db)
    attachments = attachments and capabilities_of(client).attachments
    files = TransferTally()
    if attachments:
        upload_pending(db, client, progress=progress, cancelled=cancelled, tally=files)
    tally = push_outbox(db, client, batch_size=batch_size, progress=progress, cancelled=cancelled, files=files,
                        send_files=attachments)
    pull_changes(db, client, limit=limit, priority_first=priority_first, progress=progress,
                 cancelled=cancelled, tally=tally)
    refresh_derived(db, tally.touched, progress=progress)
    if attachments and download_budget > 0:
        download_missing(db, client, budget=download_budget, progress=progress, cancelled=cancelled, tally=files)
    if not (cancelled and cancelled()):  # the status bar's "Synced …": only a round that got to its end
        db.write(mark_synced, server_key=client.server_key)
    return SyncReport(pushed=tally.pushed, statuses=dict(tally.statuses), pulled_pages=tally.pages,
                      pulled_changes=tally.changes, cursor=saved_cursor(db, client.server_key),
                      changed_ticket_ids=frozenset(tally.touched), numbers=dict(tally.numbers),
                      uploaded=files.uploaded, downloaded=files.downloaded, transfer_failed=dict(files.failed),
                      full_resync=tally.resynced, changed_change_ids=frozenset(tally.touched_changes))
