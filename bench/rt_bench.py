"""Request Tracker 5 side by side with a desk synced from it, on the same tickets, in one run: the first sync's
rate, then interleaved the queue's first page (two sorts), word searches, opening a ticket with its history and an
update with a conflict check, each done on the desk and through RT's REST2 with the session cookie.

    .venv/bin/python -m bench.rt_bench [--tickets 20000] [--seed 7] [--runs 7] [--record]

RT is loaded once per (tickets, seed) and kept in bench/.cache (bench/rt_load.py); each run starts a fresh RT on
a copy, checks its counts through REST2, signs a new desk in and syncs it from nothing. Each desk figure carries
its raw-SQL twin (the same SELECTs through plain sqlite3 on the desk's file). Needs Debian's request-tracker5,
rt5-db-sqlite and rt5-standalone. Figures taken while the load average exceeds the core count are marked `*`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from app.models import Ticket
from app.store import open_store
from app.tickets.detail import ticket_detail
from app.tickets.ops import save_edit
from app.tickets.queue import QueueFilter, QueueSort, first_page
from bench.measure import Figure, RawSql, SqlRecorder, busy, load_average, load_text, pct
from bench.report import record
from bench.rt_first_sync import first_sync
from bench.rt_load import loaded_rt, verify
from tests.rt.rtserver import rt_installed

LIST_FIELDS = "Subject,Status,Priority,Owner,Queue,LastUpdated,Requestor"
HISTORY_FIELDS = "Type,Creator,Created,TimeTaken,Field,OldValue,NewValue"


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


class Side:
    """The same operation on the desk (with its raw-SQL twin) and through RT's REST2."""

    def __init__(self, name: str) -> None:
        self.desk = Figure(name)
        self.rt: list[float] = []

    def row(self) -> str:
        d = self.desk
        star = " *" if d.busy else ""
        raw = f"{d.raw_p50:.2f}" if d.raw_p50 is not None else "–"
        ratio = f"{d.ratio:.0f}×" if d.ratio is not None else "–"
        rt50 = statistics.median(self.rt)
        return (f"| {d.name}{star} | {d.p50:.1f} | {d.p95:.1f} | {d.max:.1f} | {raw} | {ratio} | {rt50:.0f} | "
                f"{pct(self.rt, 0.95):.0f} | {max(self.rt):.0f} | **{rt50 / d.p50:.0f}×** | {len(d.samples)} |")


HEAD = ["| operation | desk p50 ms | p95 | max | raw SQL p50 ms | desk / raw | RT REST2 p50 ms | p95 | max | "
        "RT / desk (p50) | runs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]


def side_by_side(rt_url: str, cookie: requests.Session, desk: Path, runs: int, words: list[str],
                 numbers: list[int]) -> list[Side]:
    """Interleaved: each run does every operation once on the desk, then through RT, in turn."""
    store = open_store(desk)
    raw = RawSql(desk)
    recorder = SqlRecorder()
    recorder.install()
    api = rt_url + "/REST/2.0"

    def rt_get(path: str, **params: Any) -> requests.Response:
        response = cookie.get(api + path, params=params or None, timeout=600)
        response.raise_for_status()
        return response

    def desk_page(flt: QueueFilter, sort: QueueSort) -> Callable[[], Any]:
        def run() -> None:
            with store.session() as s:
                first_page(s, flt=flt, sort=sort, me=None, has_fts=store.has_fts, limit=50)
        return run

    def rt_page(query: str, order_by: str) -> Callable[[], Any]:
        return lambda: rt_get("/tickets", query=query, orderby=order_by, order="DESC", per_page=50,
                              fields=LIST_FIELDS)

    ops: list[tuple[Side, Callable[[int], Callable[[], Any]], Callable[[int], Callable[[], Any]]]] = [
        (Side("open queue, first page of 50, newest first"),
         lambda _r: desk_page(QueueFilter(open_only=True), QueueSort()),
         lambda _r: rt_page("Status = '__Active__'", "LastUpdated")),
        (Side("open queue, first page of 50, by priority"),
         lambda _r: desk_page(QueueFilter(open_only=True), QueueSort("priority", descending=False)),
         lambda _r: rt_page("Status = '__Active__'", "Priority")),
    ]
    for word in words:
        with store.session() as s:
            desk_hits = first_page(s, flt=QueueFilter(text=word), sort=QueueSort(), me=None, has_fts=store.has_fts,
                                   limit=50).count
        rt_hits = rt_get("/tickets", query=f"Subject LIKE '{word}' OR Content LIKE '{word}'", per_page=1).json()
        ops.append((Side(f"word search '{word}' (tickets found: desk {desk_hits}, RT {rt_hits.get('total')}), "
                         "first page of 50"),
                    lambda _r, w=word: desk_page(QueueFilter(text=w), QueueSort()),
                    lambda _r, w=word: rt_page(f"Subject LIKE '{w}' OR Content LIKE '{w}'", "LastUpdated")))

    def desk_open(r: int) -> Callable[[], Any]:
        def run() -> None:
            with store.session() as s:
                ticket_detail(s, number=f"RT{numbers[r]}")
        return run

    def rt_open(r: int) -> Callable[[], Any]:
        def run() -> None:
            rt_get(f"/ticket/{numbers[r]}")
            history = rt_get(f"/ticket/{numbers[r]}/history", fields=HISTORY_FIELDS, per_page=100).json()
            texts = [{"field": "TransactionId", "value": int(t["id"])} for t in history["items"]
                     if t.get("Type") in ("Create", "Correspond", "Comment")]
            cookie.post(api + "/attachments?fields=TransactionId,ContentType,Content&per_page=100", json=texts,
                        timeout=600).raise_for_status()
        return run

    ops.append((Side("open a ticket with its history (texts included)"), desk_open, rt_open))

    def desk_update(r: int) -> Callable[[], Any]:
        with store.session() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.number == f"RT{numbers[r]}"))
            ticket_id, seen = ticket.id, ticket.updated_at  # when the editor opened it
            priority = 2 if ticket.priority != 2 else 3

        def run() -> None:
            with store.session() as s:
                save_edit(s, ticket_id=ticket_id, changes={"priority": priority}, actor_id=None,
                          expected_updated_at=seen)
        return run

    def rt_update(r: int) -> Callable[[], Any]:
        seen = rt_get(f"/ticket/{numbers[r]}").headers["ETag"]  # when the ticket was opened
        priority = 70 if r % 2 else 30

        def run() -> None:
            response = cookie.put(api + f"/ticket/{numbers[r]}", json={"Priority": priority},
                                  headers={"If-Match": seen}, timeout=600)
            if response.status_code != 200:
                raise RuntimeError(f"RT refused the update: {response.status_code} {response.text[:200]}")
        return run

    ops.append((Side("update a ticket with a conflict check (If-Match / expected version)"), desk_update,
                rt_update))
    try:
        for r in range(-1, runs):  # run -1 warms both sides and is not counted
            index = runs if r < 0 else r  # numbers[runs] is the warm-up's ticket
            for side, desk_op, rt_op in ops:
                run = desk_op(index)
                with recorder.recording() as statements:
                    desk_ms = timed(run)
                raw_ms = raw.time_ms(list(statements))
                rt_ms = timed(rt_op(index))
                if r >= 0:
                    side.desk.add(desk_ms, raw_ms)
                    side.rt.append(rt_ms)
    finally:
        raw.close()
        store.close()
    return [side for side, _, _ in ops]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--record", action="store_true", help="write the figures to docs/PERFORMANCE.md")
    args = parser.parse_args()
    if not rt_installed():  # make bench is not CI: RT stays optional there
        print("bench.rt_bench skipped: Request Tracker 5 is not installed (apt-get install request-tracker5 "
              "rt5-db-sqlite rt5-standalone).", file=sys.stderr)
        return
    before = load_average()
    root = Path(tempfile.mkdtemp(prefix="rt-bench-"))
    lines: list[str] = []
    try:
        rt, meta = loaded_rt(root, args.tickets, args.seed)
        rt.start()
        try:
            verify(rt, meta["counts"])  # RT answers the planned counts before anything is measured
            token = requests.Session()
            by_token = [timed(lambda: token.get(rt.url + "/REST/2.0/queues/all", timeout=60,
                                                headers={"Authorization": f"token {rt.token}"}).raise_for_status())
                        for _ in range(5)]
            by_cookie = [timed(lambda: rt.api.get(rt.url + "/REST/2.0/queues/all", timeout=60).raise_for_status())
                         for _ in range(5)]
            seconds, report, counter, _ = first_sync(rt.url, rt.token, root / "desk.sqlite3")
            sync_load = load_average()
            requests_made = sum(counter.counts.values())
            # A rare word: an asset tag from a ticket's first message (bench/rt_plan.py).
            store = open_store(root / "desk.sqlite3")
            with store.session() as s:
                body = s.scalar(select(Ticket.description).where(Ticket.number == f"RT{args.tickets // 3}")) or ""
            rare = body.split("asset ")[1].split(".")[0] if "asset " in body else "nothing"
            # Open tickets only: the update must be allowed on the desk (a resolved or canceled ticket is final).
            with store.session() as s:
                open_numbers = [int(n.removeprefix("RT")) for n in s.scalars(
                    select(Ticket.number).where(Ticket.is_open).order_by(Ticket.created_at))]
            store.close()
            step = max(1, len(open_numbers) // (args.runs + 2))
            numbers = [open_numbers[(i * step + 7) % len(open_numbers)] for i in range(args.runs + 1)]
            sides = side_by_side(rt.url, rt.api, root / "desk.sqlite3", args.runs, ["error", "printer", rare],
                                 numbers)
        finally:
            rt.stop()
        after = load_average()
        star = " *" if busy(before) or busy(sync_load) else ""
        lines += [
            f"Command: `.venv/bin/python -m bench.rt_bench --tickets {args.tickets} --seed {args.seed} --runs "
            f"{args.runs}{' --record' if args.record else ''}`. Load average before: {load_text(before)}; after the "
            f"first sync: {load_text(sync_load)}; at the end: {load_text(after)}.",
            "",
            f"- RT: {meta['tickets']} tickets ({meta['counts']['Correspond']} replies, {meta['counts']['Comment']} "
            f"notes, {len(meta['counts']['queue'])} queues, {len(meta['counts']['owner'])} owners, 300 callers), "
            f"checked through REST2 before use; loaded once into bench/.cache in {meta['load_s']:.0f} s "
            f"({meta['templates']} tickets through RT's Perl API in {meta['api_s']:.0f} s, the others copied "
            "from their rows: bench/rt_load.py)",
            f"- one REST2 request: {statistics.median(by_token):.0f} ms with the auth token, "
            f"{statistics.median(by_cookie):.0f} ms with the session cookie the connector opens with it",
            f"- first sync{star}: {args.tickets} tickets with their history in {seconds:.0f} s = "
            f"**{args.tickets / seconds:.1f} tickets/s** ({report.pulled_pages} pages, {requests_made} requests = "
            f"{requests_made / args.tickets:.2f} a ticket: "
            + ", ".join(f"{kind} {n}" for kind, n in counter.counts.most_common()) + ")",
            "",
            *HEAD,
            *(side.row() for side in sides),
        ]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\n".join(lines))
    if args.record:
        record("rt", "Request Tracker 5 connector (bench/rt_bench.py)", lines)


if __name__ == "__main__":
    main()
