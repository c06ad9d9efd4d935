"""Where the GUI thread's time goes when a ticket opens: per opening, its longest CPU stretch and the turns in it."""
# A 1 ms QTimer on the GUI thread reads time.thread_time() at each tick: the CPU the GUI thread spent between two
# ticks is one stretch the user waited through. Named turns (the request, the fill, the paint, the late parts, the
# pool's idle steps) note their own CPU as they run, so the longest stretch of each opening says which turns it
# held. Never asserts; prints one line per opening. Example:
#   python -m bench.editor_probe --store demo.sqlite3 --repeats 10 --keep 5

from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.measure import load_average, load_text, pump, wait_until
from bench.worst_bench import Session, editor_painted, working_copy

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class CpuProbe:
    """The 1 ms timer and the named turns: `turn(name, fn)` wraps fn so its CPU is noted under `name`."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> tuple[float, float, list[tuple[str, float]]]:
        """(longest CPU stretch ms, its wall ms, the turns in it with their CPU ms) since the last reset."""
        out = getattr(self, "worst", (0.0, 0.0, []))
        self.worst_wall = getattr(self, "longest_wall", (0.0, 0.0, []))  # the same, for the longest wall-clock gap
        self.worst: tuple[float, float, list[tuple[str, float]]] = (0.0, 0.0, [])
        self.longest_wall: tuple[float, float, list[tuple[str, float]]] = (0.0, 0.0, [])
        self._turns: list[tuple[str, float]] = []
        self.gc_started = 0.0
        self._cpu, self._wall = time.thread_time(), time.perf_counter()
        return out

    def _tick(self) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        stretch = (cpu - self._cpu) * 1000
        gap = (wall - self._wall) * 1000
        if stretch > self.worst[0]:
            self.worst = (stretch, gap, self._turns)
        if gap > self.longest_wall[1]:
            self.longest_wall = (stretch, gap, self._turns)
        self._turns = []
        self._cpu, self._wall = cpu, wall

    def turn(self, name: str, fn):
        def wrapped(*args, **kwargs):
            start = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._turns.append((name, (time.thread_time() - start) * 1000))
        return wrapped

    def start(self) -> None:
        self.reset()
        self._timer.start()


def watch_paints(probe: CpuProbe, window) -> None:
    """Notes each backing-store flush of the window (the paint of whatever changed) as the turn "paint" (a Python
    override of the window's event(): it costs a call). The children's layout requests are theirs, not named."""
    from PySide6.QtCore import QEvent

    cls = type(window)
    original = cls.event
    names = {QEvent.Type.UpdateRequest: "paint"}

    def event(self, e) -> bool:
        name = names.get(e.type())
        if name is None:
            return original(self, e)
        return probe.turn(name, original)(self, e)

    cls.event = event


def instrument(probe: CpuProbe, s: Session) -> None:
    from app.ui.editor_pool import EditorPool
    from app.ui.ticket.editor import TicketEditor
    from app.ui.ticket.editor_ui import TicketEditorUi

    pool = s.window.editor_pool
    original_step = EditorPool._on_timer_timeout

    def step(self) -> None:
        name = getattr(self._steps[0], "__name__", "step") if self._steps else "step"
        probe.turn(f"pool.{name}", original_step)(self)

    pool._timer.timeout.disconnect()
    pool._timer.timeout.connect(lambda: step(pool))
    TicketEditor._on_loaded = probe.turn("fill", TicketEditor._on_loaded)
    TicketEditorUi._show_late = probe.turn("late", TicketEditorUi._show_late)
    if hasattr(TicketEditorUi, "_fill"):  # a fill in parts, each on a turn of its own: each part is named
        fill = TicketEditorUi._fill

        def parts(*args, **kwargs):
            it = fill(*args, **kwargs)
            step = probe.turn("fill part", lambda: next(it, parts) is not parts)
            while step():
                yield

        TicketEditorUi._fill = parts
    s.window.open_ticket = probe.turn("request", s.window.open_ticket)
    runner_cls = type(s.runner)
    delivered = runner_cls._on_delivered

    def answer(self, task_id, result, error):  # each answer is named by its task's label
        entry = self._pending.get(task_id)
        return probe.turn(f"answer {entry.task.label if entry else '?'}", delivered)(self, task_id, result, error)

    runner_cls._on_delivered = answer
    gui_thread = threading.get_ident()

    def collection(phase: str, info: dict) -> None:  # a collection on the GUI thread is a turn of its own
        if threading.get_ident() != gui_thread:
            return
        if phase == "start":
            probe.gc_started = time.thread_time()
        else:
            probe._turns.append((f"gc{info.get('generation', '')}", (time.thread_time() - probe.gc_started) * 1000))

    gc.callbacks.append(collection)


def describe(worst: tuple[float, float, list[tuple[str, float]]]) -> str:
    cpu, wall, turns = worst
    named = ", ".join(f"{name} {ms:.1f}" if ms else name for name, ms in turns) or "unnamed"
    return f"longest CPU stretch {cpu:5.1f} ms (wall {wall:5.1f}) in: {named}"


@contextmanager
def probe_session(store: Path) -> Iterator[Session]:
    """The window on a working copy of `store`, in a temporary folder (settings included) removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="deskside-probe-"))
    os.environ["DESKSIDE_CONFIG_DIR"] = str(work / "config")
    try:
        s = Session(working_copy(store, work), work / "config")
        yield s
        s.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def quiet(s: Session) -> None:
    """Let the window finish what came before: the editor pool's refill (400 ms after a take) has its turns
    before the next opening, not inside it."""
    s.idle()
    pump(0.6)


def start_probe(probe: CpuProbe, s: Session) -> None:
    """Name the window's turns for `probe` (instrument, watch_paints) and start its 1 ms timer."""
    instrument(probe, s)
    watch_paints(probe, s.window)
    probe.start()


def queue_tickets(s: Session, count: int, *, cycle: int | None = None) -> Iterator[tuple[int, str]]:
    """(index, ticket id) of the queue's first `count` tickets (its first `cycle` over and over), each handed out
    once the window went quiet (`quiet`)."""
    for i in range(count):
        row = s.model.row_at(i % cycle if cycle else i)
        if row is None:
            continue
        quiet(s)
        yield i, row.id


def open_painted(s: Session, spy, ticket_id: str) -> None:
    """Open `ticket_id` and wait until its editor is painted with its data (bench.worst_bench.editor_painted)."""
    spy.painted = ""
    s.window.open_ticket(ticket_id)
    spy.watch(s.window.current_editor())
    wait_until(lambda: spy.painted == ticket_id, 30)


def settle(s: Session) -> None:
    """Wait until the opened editor's late parts (CI hint, problem strip, suggestions) have asked and answered."""
    s.idle()
    pump(0.3)
    s.idle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="a demo store (a working copy is used)")
    parser.add_argument("--repeats", type=int, default=10, help="tickets opened and closed one after another")
    parser.add_argument("--keep", type=int, default=5, help="then tickets opened and kept open (new spares)")
    args = parser.parse_args(argv)
    before = load_average()
    with probe_session(args.store) as s:
        probe = CpuProbe()
        start_probe(probe, s)
        spy = editor_painted()
        worst = 0.0
        for i, ticket_id in queue_tickets(s, args.repeats + args.keep):
            probe.reset()
            open_painted(s, spy, ticket_id)
            settle(s)
            opening = probe.reset()
            worst = max(worst, opening[0])
            kind = "kept" if i >= args.repeats else "closed"
            print(f"open {i + 1:2d} ({kind}): {describe(opening)}", flush=True)
            print(f"   its longest wall-clock gap: {describe(probe.worst_wall)}", flush=True)
            if i < args.repeats:
                s.window.close_current_tab()
            pump(0.6)
            print(f"   after it (idle work): {describe(probe.reset())}", flush=True)
        print(f"worst opening: {worst:.1f} ms of GUI CPU in one stretch. Load average before {load_text(before)}; "
              f"after {load_text(load_average())}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
