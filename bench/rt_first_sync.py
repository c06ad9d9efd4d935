"""A first sync of a desk from a cached, loaded RT (bench/rt_load.py): its rate, the HTTP requests it made by kind
(and per ticket), and optionally a cProfile of the desk side.

    .venv/bin/python -m bench.rt_first_sync --tickets 2000 [--seed 7] [--profile out.prof]

The counts come from a wrapper around requests' transport adapter (every request any RtHttp connection sends).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests.adapters

from app.credentials import MemoryTokenStore
from app.store import open_store
from app.sync.backends.rt.backend import RtBackend
from app.sync.engine import SyncReport, sync_once
from bench.mail_bench import loadavg
from bench.rt_load import loaded_rt

_KINDS = ((re.compile(r"/REST/2\.0/transactions\b"), "transaction search"),
          (re.compile(r"/REST/2\.0/tickets\b"), "ticket search"),
          (re.compile(r"/REST/2\.0/attachments\b"), "attachment search"),
          (re.compile(r"/REST/2\.0/ticket/\d+/history"), "ticket history"),
          (re.compile(r"/REST/2\.0/ticket/\d+"), "ticket read"),
          (re.compile(r"/REST/2\.0/transaction/\d+/attachments"), "transaction attachments"),
          (re.compile(r"/REST/2\.0/attachment/\d+"), "attachment read"),
          (re.compile(r"/REST/2\.0/user/"), "user read"),
          (re.compile(r"/REST/2\.0/queue/"), "queue read"))


class RequestCounter:
    """Counts the HTTP requests sent through requests' HTTPAdapter while active, by kind (thread-safe)."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._send: Any = None

    def __enter__(self) -> RequestCounter:
        self._send = original = requests.adapters.HTTPAdapter.send
        counter = self

        def send(adapter: requests.adapters.HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
            kind = next((name for pattern, name in _KINDS if pattern.search(request.url or "")), "other")
            started = time.perf_counter()
            try:
                return original(adapter, request, *args, **kwargs)
            finally:
                with counter._lock:
                    counter.counts[kind] += 1
                    counter.seconds[kind] += time.perf_counter() - started

        requests.adapters.HTTPAdapter.send = send  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        requests.adapters.HTTPAdapter.send = self._send  # type: ignore[method-assign]


def first_sync(rt_url: str, token: str, desk: Path, profile: Path | None = None
               ) -> tuple[float, SyncReport, RequestCounter, str]:
    """Signs a new desk (`desk`, a fresh store) in to RT and runs one sync round from cursor 0.
    Returns (seconds, report, requests by kind, the profile's top lines or "")."""
    store = open_store(desk)
    backend = RtBackend(rt_url, tokens=MemoryTokenStore())
    backend.sign_in("", token)
    profiler = cProfile.Profile() if profile else None
    try:
        with RequestCounter() as counter:
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            report = sync_once(store, backend, priority_first=True)
            if profiler:
                profiler.disable()
            seconds = time.perf_counter() - started
    finally:
        backend.close()
        store.close()
    top = ""
    if profiler and profile:
        profiler.dump_stats(profile)
        out = io.StringIO()
        pstats.Stats(str(profile), stream=out).sort_stats("cumulative").print_stats(40)
        top = out.getvalue()
    return seconds, report, counter, top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the sync here (and print its top)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rt-first-sync-"))
    try:
        rt, _meta = loaded_rt(root, args.tickets, args.seed)
        rt.start()
        try:
            before = loadavg()
            seconds, report, counts, top = first_sync(rt.url, rt.token, root / "desk.sqlite3", args.profile)
        finally:
            rt.stop()
        if top:
            print(top)
        total = sum(counts.counts.values())
        print(f"load average {before} -> {loadavg()}")
        print(f"first sync of {args.tickets} tickets: {seconds:.1f} s = {args.tickets / seconds:.1f} tickets/s, "
              f"{report.pulled_pages} pages, {total} requests ({total / args.tickets:.2f} a ticket)")
        for kind, n in counts.counts.most_common():
            print(f"  {kind}: {n} ({n / args.tickets:.2f} a ticket), {counts.seconds[kind]:.1f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
