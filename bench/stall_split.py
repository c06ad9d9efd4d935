"""Per ticket opening: the GUI thread's longest wall-clock gap, split into its time on a core, its wait for a core
(ready to run, none free) and the rest (blocked: the interpreter lock, a mutex, the event loop's own sleep), from
the thread's /proc schedstat (Linux). Never asserts. Example:
    python -m bench.stall_split --store demo.sqlite3 --openings 10
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

from bench.editor_probe import CpuProbe, open_painted, probe_session, queue_tickets, settle, start_probe
from bench.measure import load_average, load_text, pump, wait_until
from bench.worst_bench import editor_painted

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def schedstat(tid: int) -> tuple[float, float]:
    """(ms on a core, ms waiting for one) of thread `tid` since it started (0, 0 once it has ended)."""
    try:
        with open(f"/proc/self/task/{tid}/schedstat") as f:
            run, wait, _slices = f.read().split()
    except OSError:
        return 0.0, 0.0
    return int(run) / 1e6, int(wait) / 1e6


def others_run(skip: int) -> dict[str, float]:
    """ms on a core since they started of the process's other threads, by name (Python's, else the kernel's)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    out: dict[str, float] = {}
    for entry in os.listdir("/proc/self/task"):
        tid = int(entry)
        if tid == skip:
            continue
        name = names.get(tid)
        if name is None:
            try:
                name = Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            except OSError:
                continue
        out[f"{name}:{tid}"] = schedstat(tid)[0]
    return out


def steal_ms() -> float:
    """The time the host gave the machine's cores to others since boot (/proc/stat's steal, all cores; 10 ms steps),
    in ms: while it grows, every thread here waits, whatever its state says."""
    try:
        with open("/proc/stat") as f:
            fields = f.readline().split()
    except OSError:
        return 0.0
    return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK") if len(fields) > 8 else 0.0


class SchedProbe(CpuProbe):
    """CpuProbe that also keeps its longest wall gap as (wall ms, on a core, waiting for a core, named turns, the
    other threads' ms on a core in it by name, and the machine's steal as "steal (host)" when it grew)."""

    def __init__(self) -> None:
        self._tid = threading.get_native_id()  # made on the GUI thread, which it measures
        super().__init__()

    def reset(self):  # noqa: ANN201 - CpuProbe's answer
        out = super().reset()
        self.last_gap = getattr(self, "gap", (0.0, 0.0, 0.0, [], {}))  # the window's that ended here
        self.gap: tuple[float, float, float, list[tuple[str, float]], dict[str, float]] = (0.0, 0.0, 0.0, [], {})
        self._sched = schedstat(self._tid)
        self._others = others_run(self._tid)
        self._steal = steal_ms()
        return out

    def _tick(self) -> None:
        turns, began = self._turns, self._wall
        run, wait = schedstat(self._tid)
        others = others_run(self._tid)
        steal = steal_ms()
        super()._tick()
        gap = (time.perf_counter() - began) * 1000
        if gap > self.gap[0]:
            ran = {name: ms - self._others.get(name, 0.0) for name, ms in others.items()}
            ran["steal (host)"] = steal - self._steal
            self.gap = (gap, run - self._sched[0], wait - self._sched[1], turns,
                        {name: ms for name, ms in ran.items() if ms >= 0.1})
        self._sched, self._others, self._steal = (run, wait), others, steal


def split_text(gap: tuple[float, float, float, list[tuple[str, float]], dict[str, float]]) -> str:
    """A SchedProbe's longest gap as a line: its parts, its named turns, the other threads' time on a core."""
    wall, run, wait, turns, others = gap
    named = ", ".join(f"{name} {ms:.1f}" for name, ms in turns) or "unnamed"
    beside = ", ".join(f"{name} {ms:.1f}" for name, ms in sorted(others.items(), key=lambda o: -o[1]))
    return (f"longest wall gap {wall:5.1f} ms = on a core {run:5.1f} + waiting for a core {wait:4.1f} + blocked "
            f"{wall - run - wait:4.1f}; in: {named}; other threads on a core: {beside or 'none'}")


def all_tickets_held(s) -> None:  # noqa: ANN001 - a worst_bench Session
    """The queue on All tickets by last update, its end shown once (every id read) and its top again."""
    from app.tickets.queue import QueueFilter, QueueSort

    s.model.set_query(QueueFilter(), QueueSort())
    wait_until(s.painted, 120)
    bar = s.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    wait_until(s.painted, 120)
    bar.setValue(0)
    wait_until(s.painted, 120)
    s.idle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a demo store (a working copy is used)")
    parser.add_argument("--openings", type=int, default=10, help="the queue's first tickets, opened and closed")
    parser.add_argument("--all-tickets", action="store_true",
                        help="first show All tickets and jump to its end and back (its million ids held, as in "
                             "worst_bench's editor part), then open its first tickets")
    args = parser.parse_args(argv)
    before = load_average()
    with probe_session(args.store) as s:
        if args.all_tickets:
            all_tickets_held(s)
        probe = SchedProbe()
        start_probe(probe, s)
        spy = editor_painted()
        for i, ticket_id in queue_tickets(s, args.openings):
            probe.reset()
            open_painted(s, spy, ticket_id)
            settle(s)
            print(f"open {i + 1:2d}: {split_text(probe.gap)}", flush=True)
            probe.reset()
            s.window.close_current_tab()
            pump(0.6)
        print(f"Load average before {load_text(before)}; after {load_text(load_average())}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
