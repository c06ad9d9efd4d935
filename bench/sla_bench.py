"""SLA figures on a large store: SLA state for a visible queue page (the page read with its ticket_sla LEFT JOIN
plus the live state of each row), the "Breaching soon" view's first page, the recompute an edit pays, and the
bulk recompute of every ticket. Prints a table and records it in docs/PERFORMANCE.md; never asserts."""

from __future__ import annotations

import argparse
import random
import statistics
import time
from functools import partial

from sqlalchemy import select

from app.models import Ticket
from app.sla import tracking as sla_store
from app.sla.queue import breaching_value
from app.store import open_store
from app.tickets import queue as queue_service
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort
from bench.report import record
from core.schema import utcnow

PAGE = 50
# The queue's page statement without the SLA columns (SQLite then leaves out the unused LEFT JOIN on a
# primary key): the join's own cost is the difference.
_PLAIN_PAGE = queue_service._PAGE.with_only_columns(
    *[c for c in queue_service._PAGE.selected_columns if c.table.name != "ticket_sla"])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def page_with_state(session, row_ids) -> None:
    """What the queue does for one visible page: read the rows (LEFT JOIN ticket_sla), derive each live state."""
    now = utcnow()
    for row in queue_service.queue_rows(session, row_ids=row_ids).values():
        sla_store.live_state(row.sla_state, row.sla_due_at, row.sla_warn_at, row.sla_warning, now)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--skip-bulk", action="store_true", help="leave out the bulk recompute of every ticket")
    args = parser.parse_args(argv)
    from bench.cache import cached_store

    path = cached_store(tickets=args.tickets, seed=args.seed)
    store = open_store(path)
    rng = random.Random(1)
    figures: list[tuple[str, list[float], float]] = []
    with store.session() as s:
        top = s.scalar(select(Ticket.row_id).order_by(Ticket.row_id.desc()).limit(1))
        open_ids = queue_service.ticket_ids(s, flt=QueueFilter(open_only=True), sort=QueueSort(), me=None,
                                            has_fts=store.has_fts)
        pages = []
        for _ in range(args.repeats):
            start = rng.randrange(0, top - PAGE)
            pages.append(list(range(start + 1, start + PAGE + 1)))  # a page of "All tickets" by number
            at = rng.randrange(0, max(1, len(open_ids) - PAGE))
            pages.append(list(open_ids[at:at + PAGE]))  # a page of "All open"
        figures.append(("queue page incl. SLA, first read of a random page (50 rows)",
                        [timed(lambda p=p: page_with_state(s, p)) for p in pages], 5))
        # The view repaints a page it has read before (scrolling back, the minute tick, a refresh).
        figures.append(("queue page incl. SLA, page read before (50 rows)",
                        [timed(lambda p=p: page_with_state(s, p)) for p in pages], 5))
        no_sla = [timed(lambda p=p: s.execute(_PLAIN_PAGE, {"row_ids": p}).all()) for p in pages]
        with_sla = [timed(lambda p=p: s.execute(queue_service._PAGE, {"row_ids": p}).all()) for p in pages]
        figures.append(("  its SQL without the ticket_sla join", no_sla, 5))
        figures.append(("  its SQL with the ticket_sla join", with_sla, 5))

        flt = QueueFilter(open_only=True, conditions=(("sla", breaching_value(4)),))
        sort = QueueSort(queue_service.SLA_DUE_SORT, False)

        def breaching_first_page() -> None:
            queue_service.count_tickets(s, flt=flt, me=None, has_fts=store.has_fts)
            ids = queue_service.ticket_ids(s, flt=flt, sort=sort, me=None, has_fts=store.has_fts, limit=200)
            page_with_state(s, ids[:PAGE])

        breaching = queue_service.count_tickets(s, flt=flt, me=None, has_fts=store.has_fts)
        figures.append(("Breaching soon: count + first page", [timed(breaching_first_page)
                                                             for _ in range(args.repeats)], 100))
        sorted_open = QueueFilter(open_only=True)
        figures.append(("All open sorted by due time: first 200 ids", [timed(
            lambda: queue_service.ticket_ids(s, flt=sorted_open, sort=sort, me=None, has_fts=store.has_fts,
                                             limit=200)) for _ in range(10)], 100))
    edits, recomputes = [], []
    candidates = list(open_ids[:args.repeats])
    for tid_row in candidates:
        session = store.session_factory()
        try:
            ticket = session.scalar(select(Ticket).where(Ticket.row_id == tid_row))
            if ticket.type == "incident" and ticket.state == "in_progress":
                changes = {"state": "on_hold", "on_hold_reason": "awaiting_caller"}
            elif ticket.type == "incident" and ticket.state == "on_hold":
                changes = {"state": "in_progress"}
            else:
                changes = {"priority": 1 if ticket.priority != 1 else 2}
            edits.append(timed(partial(tickets.update_ticket, session, ticket_id=ticket.id, changes=changes,
                                       actor_id=None)))
            recomputes.append(timed(partial(sla_store.recompute_ticket_sla, session, [ticket.id])))
        finally:
            session.rollback()  # the cached store stays as generated
            session.close()
    figures.append(("one ticket edit, recompute included", edits, 50))
    figures.append(("recompute_ticket_sla for one ticket", recomputes, 10))
    bulk = None
    if not args.skip_bulk:
        session = store.session_factory()
        try:
            t0 = time.perf_counter()
            written = sla_store.recompute_all(session)
            bulk = (time.perf_counter() - t0, written)
        finally:
            session.rollback()
            session.close()
    store.close()

    print(f"SLA benchmark on {args.tickets:,} tickets ({path.name}); Breaching soon matches {breaching:,}")
    table = ["| figure | p50 ms | p95 ms | goal | runs | met |", "| --- | ---: | ---: | ---: | ---: | :---: |"]
    for name, values, goal in figures:
        p50, p95 = statistics.median(values), pct(values, 0.95)
        print(f"{name:55} {p50:8.2f} {p95:8.2f}  goal {goal} ms")
        table.append(f"| {name} | {p50:.2f} | {p95:.2f} | ≤ {goal} ms | {len(values)} | "
                     f"{'yes' if p95 <= goal else 'no'} |")
    if bulk:
        seconds, written = bulk
        print(f"recompute_all: {written:,} rows in {seconds:.1f} s ({seconds / max(1, written) * 1e6:.0f} µs a ticket)")
        table.append(f"| recompute_all (every ticket, bulk) | {seconds:.1f} s | | | 1 | |")
    record("sla", f"SLA on {args.tickets:,} tickets (`python -m bench.sla_bench`)", table,
           f"The Breaching soon view (due within 4 h or overdue, open) matched {breaching:,} tickets. Pages are "
           "random 50-row pages of All tickets and All open; edits run in a transaction rolled back after each.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
