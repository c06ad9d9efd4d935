"""Request Tracker 5 side by side with a desk synced from it: first sync rate, and the queue and a word search
done on the desk vs through RT's REST2 (session cookie), on the same tickets, in one run.

    .venv/bin/python -m bench.rt_bench [--tickets 300] [--record]

Needs Debian's request-tracker5, rt5-db-sqlite and rt5-standalone. Tickets are loaded through RT's Perl API
in one process (with RT's scrips switched off for the load only: its autoreplies would triple the time); each
has a requester, a first message and one public reply. Prints the load average: figures on a busy machine
are not comparable.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import requests

from app.credentials import MemoryTokenStore
from app.store import open_store
from app.sync.backends.rt.backend import RtBackend
from app.sync.engine import sync_once
from app.tickets.queue import QueueFilter, QueueSort, first_page
from bench.mail_bench import loadavg
from bench.report import record
from tests.rt.rtserver import RtServer

WORDS = ("printer", "vpn", "laptop", "password", "mailbox", "monitor", "badge", "wifi", "licence", "backup")

LOAD = r"""
use RT; RT::LoadConfig(); RT::Init();
my ($count, @words) = @ARGV;
$RT::Handle->dbh->do("UPDATE Scrips SET Disabled = 1");
my $root = RT::CurrentUser->new(RT->SystemUser); $root->Load('root');
for my $i (1 .. $count) {
    my $word = $words[$i % @words];
    my $t = RT::Ticket->new($root);
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8',
                                   Data => ["The $word of caller $i fails.\n"]);
    my ($id, undef, $msg) = $t->Create(Queue => 'General', Subject => "Ticket $i: $word trouble",
        Requestor => ["caller" . ($i % 97) . "\@example.com"], Priority => ($i * 7) % 100, MIMEObj => $mime);
    die "create: $msg" unless $id;
    $t->Correspond(Content => "Looking at the $word now ($i).", TimeTaken => 5);
    $t->SetStatus('resolved') if $i % 4 == 0;
}
$RT::Handle->dbh->do("UPDATE Scrips SET Disabled = 0");
"""


def median_ms(fn, runs: int = 7) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--record", action="store_true", help="write the figures to docs/PERFORMANCE.md")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rt-bench-"))
    rt = RtServer(root)
    rt.setup()
    started = time.perf_counter()
    rt.perl(LOAD, str(args.tickets), *WORDS, timeout=3600 + args.tickets)
    load_s = time.perf_counter() - started
    rt.start()
    lines = [f"- load average at start: {loadavg()}; {args.tickets} tickets loaded through RT's Perl API in "
             f"{load_s:.0f} s ({args.tickets / load_s:.1f} tickets/s)"]
    try:
        token = requests.Session()
        by_token = median_ms(lambda: token.get(rt.url + "/REST/2.0/queues/all", timeout=60,
                                               headers={"Authorization": f"token {rt.token}"}).raise_for_status())
        cookie = rt.api
        by_cookie = median_ms(lambda: cookie.get(rt.url + "/REST/2.0/queues/all", timeout=60).raise_for_status())
        lines.append(f"- one REST2 request: {by_token:.0f} ms with the auth token, {by_cookie:.1f} ms with the "
                     f"session cookie the connector opens with it")
        store = open_store(root / "desk.sqlite3")
        backend = RtBackend(rt.url, tokens=MemoryTokenStore())
        backend.sign_in("", rt.token)
        started = time.perf_counter()
        report = sync_once(store, backend)
        sync_s = time.perf_counter() - started
        lines.append(f"- first sync: {args.tickets} tickets with their history in {sync_s:.1f} s = "
                     f"**{args.tickets / sync_s:.1f} tickets/s** ({report.pulled_pages} pages)")

        def desk_page(flt: QueueFilter):
            with store.session() as s:
                first_page(s, flt=flt, sort=QueueSort(), me=None, has_fts=store.has_fts, limit=50)

        def rt_page(query: str):
            cookie.get(rt.url + "/REST/2.0/tickets", timeout=120, params={
                "query": query, "orderby": "LastUpdated", "order": "DESC", "per_page": 50,
                "fields": "Subject,Status,Priority,Owner,Queue,LastUpdated,Requestor"}).raise_for_status()

        for label, flt, query in (
                ("open queue, first page of 50", QueueFilter(open_only=True), "Status = '__Active__'"),
                ("word search ('printer')", QueueFilter(text="printer"),
                 "Subject LIKE 'printer' OR Content LIKE 'printer'")):
            desk = median_ms(lambda flt=flt: desk_page(flt))
            remote = median_ms(lambda query=query: rt_page(query), runs=5)
            lines.append(f"- {label}: desk {desk:.1f} ms, RT REST2 {remote:.1f} ms: **{remote / desk:.0f}×** faster "
                         "on the desk")
        import sqlite3
        plain = sqlite3.connect(root / "desk.sqlite3")
        raw = median_ms(lambda: plain.execute("SELECT row_id FROM ticket WHERE is_open ORDER BY updated_at DESC, "
                                              "row_id DESC LIMIT 50").fetchall())
        lines.append(f"- the open queue's first ids through plain sqlite3 on the same file: {raw:.2f} ms")
        plain.close()
        backend.close()
        store.close()
    finally:
        rt.stop()
    lines.append(f"- load average at end: {loadavg()}")
    print("\n".join(lines))
    if args.record:
        record("rt", "Request Tracker 5 connector (bench/rt_bench.py)", lines)


if __name__ == "__main__":
    main()
