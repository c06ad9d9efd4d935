"""The GUI thread's longest stretch when a pinned page's tab is chosen: its first show (the page built) and later
shows, per page, with the turns in it (bench.editor_probe's probe). Never asserts. Example:
    python -m bench.page_switch --store demo.sqlite3 --rounds 3
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench.editor_probe import CpuProbe, probe_session, start_probe
from bench.measure import load_average, load_text, pump, wait_until
from bench.stall_split import SchedProbe, split_text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def name_page_turns(probe: CpuProbe) -> None:
    """A page's build and its held layout as turns of their own for `probe` (class attributes: every slot's)."""
    from app.ui.page_slot import PageSlot
    from app.ui.widgets import after_paint

    PageSlot._build_now = probe.turn("build", PageSlot._build_now)  # type: ignore[method-assign]
    PageSlot._build_part = probe.turn("build part", PageSlot._build_part)  # type: ignore[method-assign]
    after_paint._lay_out = probe.turn("lay out", after_paint._lay_out)


def drop_file_caches() -> None:
    """The kernel's clean page cache dropped: it skips pages mapped into a process (the libraries' code), so what goes
    is what processes read with read(): the zone files, the store's pages."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("1\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a demo store (a working copy is used)")
    parser.add_argument("--rounds", type=int, default=3, help="every page shown in turn, this many times")
    parser.add_argument("--sched", action="store_true",
                        help="split each longest gap into on a core / waiting for one / blocked, with the other "
                             "threads' time on a core in it (bench.stall_split's probe, Linux)")
    parser.add_argument("--drop-caches", action="store_true",
                        help="once warmed up, drop the system's cache of files not mapped into a process, as this "
                             "kind of VM's proactive reclaim does with files unread for a minute (Linux, root: "
                             "/proc/sys/vm/drop_caches): the first shows of a desk left idle for a few minutes")
    args = parser.parse_args(argv)
    before = load_average()
    with probe_session(args.store) as s:
        probe = SchedProbe() if args.sched else CpuProbe()
        start_probe(probe, s)
        s.window.go_to_page = probe.turn("go_to_page", s.window.go_to_page)
        name_page_turns(probe)
        pump(3.0)  # the first page's warm-up, and what the window imports ahead after it (MainWindow._import_ahead)
        wait_until(lambda: s.window.warmed_up, 60)
        pump(1.0)
        if args.drop_caches:
            drop_file_caches()
        worst: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            for key in [*s.window.pages.keys(), "queue"]:
                probe.reset()
                s.window.go_to_page(key)  # what the tab's action does
                pump(2.5 if round_ == 0 else 1.0)  # a first show reads and builds more
                probe.reset()  # ends the window: its longest wall-clock gap is now `worst_wall`
                cpu, wall, turns = probe.worst_wall
                worst.setdefault(key, []).append(wall)
                named = ", ".join(f"{name} {ms:.1f}" for name, ms in turns) or "unnamed"
                print(f"round {round_} {key:10s}: longest gap {wall:5.1f} ms (GUI CPU {cpu:5.1f}) in: {named[:160]}",
                      flush=True)
                if isinstance(probe, SchedProbe):
                    print("    " + split_text(probe.last_gap), flush=True)
        print("longest gap per page, first show / later shows: " + "; ".join(
            f"{key} {walls[0]:.0f} / {max(walls[1:], default=0):.0f}" for key, walls in worst.items()))
        print(f"Load average before {load_text(before)}; after {load_text(load_average())}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
