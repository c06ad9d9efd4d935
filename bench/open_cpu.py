"""GUI-thread CPU per ticket opening: from the request to the editor painted, and to its late parts settled.

Less sensitive than wall times to what else the machine does (a store copy's disk writes): compare two trees by
running each in turn, e.g. `PYTHONPATH=. python -m bench.open_cpu --store demo.sqlite3 --openings 12`. The painted
figure includes the bench's own wait loop (it spins the event loop), the same for every tree. Never asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.editor_probe import open_painted, probe_session, queue_tickets, settle
from bench.measure import load_average, load_text, pump
from bench.worst_bench import editor_painted

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a demo store (a working copy is used)")
    parser.add_argument("--openings", type=int, default=12, help="tickets opened and closed, the queue's first 12")
    args = parser.parse_args(argv)
    before = load_average()
    with probe_session(args.store) as s:
        spy = editor_painted()
        painted_cpu: list[float] = []
        painted_wall: list[float] = []
        settled_cpu: list[float] = []
        for _i, ticket_id in queue_tickets(s, args.openings, cycle=12):
            cpu, wall = time.thread_time(), time.perf_counter()
            open_painted(s, spy, ticket_id)
            painted_cpu.append((time.thread_time() - cpu) * 1000)
            painted_wall.append((time.perf_counter() - wall) * 1000)
            settle(s)
            settled_cpu.append((time.thread_time() - cpu) * 1000)
            s.window.close_current_tab()
            pump(0.6)
        median = statistics.median
        print(f"{len(painted_cpu)} openings: painted wall p50 {median(painted_wall):.1f} ms, GUI-thread CPU p50 "
              f"{median(painted_cpu):.1f} ms; to settled, GUI-thread CPU p50 {median(settled_cpu):.1f} ms. Load "
              f"average before {load_text(before)}; after {load_text(load_average())}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
