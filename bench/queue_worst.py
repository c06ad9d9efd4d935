"""Queue worst cases: first page and count per sort x filter x search text, app path vs the same SQL in sqlite3."""
# Usage: python -m bench.queue_worst STORE [--repeats 3] [--sorts title,requester] [--filters all,open]
#                                          [--texts ",the,printer,1234"] [--directions asc,desc]
#                                          [--no-count] [--no-raw] [--over 100]
# The store is opened read-only (a 1M store is never copied nor migrated). The app path is what the queue
# runs: ticket_ids(limit=100, the first page) plus queue_rows for the first page, count_tickets for the count. Its SQL
# statements are caught on their way to the driver and run again, with the same parameters, on a plain
# sqlite3 connection: the ratio app / raw is the app's own overhead. Prints p50/p95/max per case and over
# all cases, with the load average before and after (marked when it exceeds the core count), and the
# first page's CPU time on the reading thread (SQLite runs on it): on a machine loaded many times over,
# the wall time mostly measures the wait for a core. Never asserts. For sweeps of hundreds of cases, --no-count skips
# the exact count and --no-raw the plain sqlite3 twin (a walk's twin reads to its row cap, seconds on 1M); the end
# lists the cases whose first page's p95 (and, apart, its CPU p50) exceeds --over ms.

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import Session

from app.tickets import queue, title_places
from app.tickets.queue import SORTS, QueueFilter, QueueSort
from bench.measure import pct

LIMIT = 100  # the queue's first page (app.ui.queue.table_model.FIRST_PAGE)


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def busy(load: str) -> bool:
    try:
        return float(load.split()[0]) > (os.cpu_count() or 1)
    except ValueError:
        return False


@dataclass
class Case:
    name: str
    flt: QueueFilter
    sort: QueueSort


def _filters(session: Session, me: str | None) -> dict[str, QueueFilter]:
    """Named filters: none, the open queue, the closed tickets (most of the store), the user's open tickets,
    and group + open + two priorities (the biggest group)."""
    biggest = session.execute(text("SELECT group_id FROM ticket WHERE group_id IS NOT NULL "
                                   "GROUP BY group_id ORDER BY count(*) DESC LIMIT 1")).scalar()
    return {
        "all": QueueFilter(), "open": QueueFilter(open_only=True), "closed": QueueFilter(open_only=False),
        "mine": QueueFilter(assignee_ids=(queue.ME,), open_only=True),
        "group+open+prio": QueueFilter(group_ids=(biggest,) if biggest else (), open_only=True, priorities=(1, 2)),
    }


def _raw(con: sqlite3.Connection, statements: list[tuple[str, tuple | dict]]) -> float:
    t0 = time.perf_counter()
    for sql, params in statements:
        con.execute(sql, params).fetchall()
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sorts", default=",".join(SORTS))
    parser.add_argument("--filters", default="all,open,closed,mine,group+open+prio")
    parser.add_argument("--texts", default=",the,printer,1234", help="comma separated; empty means no search")
    parser.add_argument("--directions", default="asc,desc")
    parser.add_argument("--no-count", action="store_true", help="skip the exact count (fast sweeps)")
    parser.add_argument("--no-raw", action="store_true", help="skip the plain sqlite3 twin of the first page")
    parser.add_argument("--over", type=float, default=100.0, help="list the cases whose first page p95 exceeds this")
    args = parser.parse_args(argv)

    uri = f"{args.store.resolve().as_uri()}?mode=ro"
    engine = create_engine("sqlite+pysqlite:///" + uri.replace("file://", "file:", 1) + "&uri=true",
                           hide_parameters=True)
    raw = sqlite3.connect(uri, uri=True)
    for con_pragma in ("PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY"):
        raw.execute(con_pragma)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # the app's read connections: the same cache, temp in memory
        dbapi_conn.execute("PRAGMA cache_size=-65536")
        dbapi_conn.execute("PRAGMA temp_store=MEMORY")

    caught: list[tuple[str, tuple | dict]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _catch(conn, cursor, statement, parameters, context, executemany) -> None:
        caught.append((statement, parameters if isinstance(parameters, dict) else tuple(parameters)))

    load_before = loadavg()
    with Session(engine) as s:
        me = s.execute(text("SELECT value FROM store_meta WHERE key = 'current_user'")).scalar()
        has_fts = s.execute(text("SELECT value FROM store_meta WHERE key = 'fts'")).scalar() == "1"
        tickets = s.execute(text("SELECT max(row_id) FROM ticket")).scalar()
        filters = _filters(s, me)
        cases = [Case(f"{fname:15} {key:10} {d:4} {t!r:10}", filters[fname].with_text(t), QueueSort(key, d == "desc"))
                 for fname in args.filters.split(",") for key in args.sorts.split(",")
                 for d in args.directions.split(",") for t in args.texts.split(",")]
        print(f"store {args.store} ({tickets} tickets, fts={has_fts}); load before: {load_before}"
              + (" (BUSY: above the core count)" if busy(load_before) else ""))
        if any(key == queue.TITLE_SORT for key in args.sorts.split(",")):
            # As the queue does once it is sorted by title (app.ui.queue.table_model), before its searches.
            t0 = time.perf_counter()
            read = title_places.prepare(s)
            print(f"title places read for the title sorts: {(time.perf_counter() - t0) * 1000:.0f} ms"
                  + ("" if read else " (already read)"))
        print(f"{'filter':15} {'sort':10} {'dir':4} {'text':10} | first page ms p50/p95/max (raw p50, ratio) | "
              "its CPU ms p50/max | count ms p50/max (raw p50) | matches")
        all_first, all_count = [], []
        over: list[tuple[float, float, str]] = []  # (p95, CPU p50, case) of the cases over --over ms
        for case in cases:
            first, first_raw, counts, counts_raw, first_cpu = [], [], [], [], []
            n: int | None = None
            for _ in range(args.repeats):
                caught.clear()
                t0, c0 = time.perf_counter(), time.thread_time()
                ids = queue.ticket_ids(s, flt=case.flt, sort=case.sort, me=me, has_fts=has_fts, limit=LIMIT)
                queue.queue_rows(s, row_ids=ids)
                first.append((time.perf_counter() - t0) * 1000)
                first_cpu.append((time.thread_time() - c0) * 1000)
                first_raw.append(0.0 if args.no_raw else _raw(raw, list(caught)))
                caught.clear()
                if not args.no_count:
                    t0 = time.perf_counter()
                    n = queue.count_tickets(s, flt=case.flt, me=me, has_fts=has_fts)
                    counts.append((time.perf_counter() - t0) * 1000)
                    counts_raw.append(_raw(raw, list(caught)))
                s.rollback()
            all_first.extend(first)
            all_count.extend(counts)
            raw_p50 = statistics.median(first_raw)
            p95, cpu = pct(first, 0.95), statistics.median(first_cpu)
            if p95 > args.over or cpu > args.over:
                over.append((p95, cpu, case.name))
            ratio = statistics.median(first) / max(raw_p50, 0.01)
            raw_part = "" if args.no_raw else f" ({raw_p50:7.1f}, x{ratio:4.2f})"
            count_part = " | no count" if args.no_count else (
                f" | {statistics.median(counts):7.1f} {max(counts):7.1f} ({statistics.median(counts_raw):7.1f}) | {n}")
            print(f"{case.name} | {statistics.median(first):7.1f} {p95:7.1f} {max(first):7.1f}{raw_part} | "
                  f"{cpu:6.1f} {max(first_cpu):6.1f}{count_part}", flush=True)
    load_after = loadavg()
    counted = (f"count p50 {statistics.median(all_count):.1f} p95 {pct(all_count, 0.95):.1f} "
               f"max {max(all_count):.1f} ms" if all_count else "no count")
    print(f"ALL {len(cases)} cases x {args.repeats}: first page p50 {statistics.median(all_first):.1f} "
          f"p95 {pct(all_first, 0.95):.1f} max {max(all_first):.1f} ms; {counted}; load after: {load_after}"
          + (" (BUSY)" if busy(load_after) else ""))
    print(f"OVER {args.over:g} ms: {sum(p95 > args.over for p95, _, _ in over)} cases by first page p95, "
          f"{sum(cpu > args.over for _, cpu, _ in over)} by its CPU p50")
    for p95, cpu, name in sorted(over, reverse=True):
        print(f"  {name} | p95 {p95:7.1f} | CPU p50 {cpu:6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
