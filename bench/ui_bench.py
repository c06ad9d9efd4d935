"""Queue and editor figures on a large store: start-up to first painted page, filter/sort/search to
first page, scroll-step repaint, ticket open, peak memory. Prints a table; never asserts."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.measure import pct
from bench.report import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def startup_probe(store: str) -> None:
    """Child process: build the real window and report the wall time of the first painted queue page."""
    # In the order `deskside` imports them: the app's modules first, PySide6 from build_app on.
    from app.config import Settings
    from app.main import build_app

    settings = Settings(Path(os.environ["DESKSIDE_CONFIG_DIR"]) / "settings.json")
    app, window, runner, st = build_app(settings, Path(store), sync_after_first_page=True)  # as `deskside` does
    from PySide6.QtCore import QEvent, QObject, QTimer
    view = window.queue.view
    model = window.queue.model

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and model.count and model.row_at(0) is not None:
                # The process's CPU time so far (every thread: the GUI's and the reads'): unlike the wall
                # time it does not grow with the wait for a core on a loaded machine.
                usage = resource.getrusage(resource.RUSAGE_SELF)
                print(json.dumps({"painted": time.time(), "cpu": usage.ru_utime + usage.ru_stime,
                                  "modules": len(sys.modules)}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    probe = Painted()
    view.viewport().installEventFilter(probe)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    runner.shutdown()
    st.close()


def compile_sources() -> None:
    """Byte-compile the desk's own packages once, as an installed desk has them: with PYTHONDONTWRITEBYTECODE
    set (it is on some machines) every timed start would otherwise compile ~200 modules from source."""
    import compileall

    root = Path(__file__).resolve().parent.parent
    for package in ("app", "core", "bench"):
        compileall.compile_dir(str(root / package), quiet=1)


def measure_startup(store: Path, runs: int, cpu_ms: list[float] | None = None) -> list[float]:
    """Wall ms from starting a new process to its first painted queue page, per run; each run's CPU ms to
    that paint (all threads, the interpreter's own start included) goes to `cpu_ms` when given."""
    compile_sources()
    out = []
    for _ in range(runs):
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-m", "bench.ui_bench", "--probe", str(store)],
                              capture_output=True, text=True, timeout=120, env=os.environ.copy())
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if not lines:
            print(proc.stderr, file=sys.stderr)
            continue
        probe = json.loads(lines[-1])
        out.append((probe["painted"] - t0) * 1000)
        if cpu_ms is not None:
            cpu_ms.append(probe["cpu"] * 1000)
    return out


def measure_in_process(store: Path, repeats: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QEventLoop, QTimer

    from app.config import Settings
    from app.main import build_app
    from app.tickets.queue import ME, QueueFilter, QueueSort

    settings = Settings(Path(os.environ["DESKSIDE_CONFIG_DIR"]) / "settings.json")
    app, window, runner, st = build_app(settings, store)
    window.show()
    model, view = window.queue.model, window.queue.view

    def wait(signal, timeout=60_000) -> bool:
        loop = QEventLoop()
        fired = {"ok": False}

        def done(*_a):
            fired["ok"] = True
            loop.quit()

        signal.connect(done)
        QTimer.singleShot(timeout, loop.quit)
        loop.exec()
        signal.disconnect(done)
        return fired["ok"]

    def wait_idle() -> None:
        while not runner.is_idle():
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()

    wait(window.reference_loaded)
    wait_idle()

    def first_page(flt, sort) -> float:
        t0 = time.perf_counter()
        model.set_query(flt, sort)
        wait(model.query_loaded)
        view.viewport().repaint()
        ms = (time.perf_counter() - t0) * 1000
        wait_idle()
        return ms

    figures: dict[str, list[float]] = {"filter": [], "sort": [], "search": [], "scroll": [], "open": []}
    filters = [QueueFilter(open_only=True), QueueFilter(assignee_ids=(ME,), open_only=True),
               QueueFilter(priorities=(1, 2)), QueueFilter(types=("problem",)), QueueFilter(states=("on_hold",)),
               QueueFilter()]
    sorts = [QueueSort("priority", False), QueueSort("created_at", True), QueueSort("updated_at", True),
             QueueSort("number", False), QueueSort("state", False)]
    words = ["vpn", "printer", "password reset", "outlook", "laptop", "badge", "INC0001234", "database timeout"]
    for i in range(repeats):
        figures["filter"].append(first_page(filters[i % len(filters)], QueueSort()))
        figures["sort"].append(first_page(QueueFilter(open_only=True), sorts[i % len(sorts)]))
        figures["search"].append(first_page(QueueFilter(text=words[i % len(words)]), QueueSort()))

    first_page(QueueFilter(), QueueSort())
    wait_idle()
    bar = view.verticalScrollBar()
    step = max(1, view.viewport().height() // view.verticalHeader().defaultSectionSize())
    for i in range(repeats * 5):
        bar.setValue(min(bar.maximum(), (i + 1) * step * 37))
        t0 = time.perf_counter()
        view.viewport().repaint()
        figures["scroll"].append((time.perf_counter() - t0) * 1000)
        wait_idle()

    for i in range(repeats):
        row = model.row_at(i)
        if row is None:
            continue
        t0 = time.perf_counter()
        window.open_ticket(row.id)
        if wait(window.ticket_shown, 30_000):
            figures["open"].append((time.perf_counter() - t0) * 1000)
        wait_idle()
        window.close_current_tab()
    runner.shutdown()
    st.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--probe")
    parser.add_argument("--store", help="an existing store instead of the cached demo store (the app opens it "
                                        "as a desk: use a copy)")
    args = parser.parse_args(argv)
    if args.probe:
        startup_probe(args.probe)
        return 0
    import tempfile

    from bench.cache import cached_store

    os.environ["DESKSIDE_CONFIG_DIR"] = tempfile.mkdtemp(prefix="deskside-bench-")
    store = Path(args.store) if args.store else cached_store(tickets=args.tickets, seed=args.seed)
    startup = measure_startup(store, 5)
    figures = measure_in_process(store, args.repeats)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("start to first painted queue page", startup, 1500),
            ("filter change to first page", figures["filter"], 100),
            ("sort change to first page", figures["sort"], 100), ("search to first page", figures["search"], 100),
            ("scroll-step repaint", figures["scroll"], 16), ("open a ticket in the editor", figures["open"], 100)]
    print(f"Queue benchmark on {args.tickets:,} tickets ({store.name})")
    print(f"{'figure':40} {'p50 ms':>9} {'p95 ms':>9} {'goal ms':>8}")
    result = {}
    table = ["| figure | p50 ms | p95 ms | goal | runs | met |", "| --- | ---: | ---: | ---: | ---: | :---: |"]
    for name, values, goal in rows:
        if not values:
            print(f"{name:40} {'n/a':>9}")
            table.append(f"| {name} | n/a | n/a | ≤ {goal} ms | 0 | no |")
            continue
        p50, p95 = statistics.median(values), pct(values, 0.95)
        result[name] = {"p50": round(p50, 1), "p95": round(p95, 1), "goal": goal, "n": len(values)}
        print(f"{name:40} {p50:9.1f} {p95:9.1f} {goal:8d}")
        met = "yes" if (p95 if name != "start to first painted queue page" else p50) <= goal else "no"
        table.append(f"| {name} | {p50:.1f} | {p95:.1f} | ≤ {goal} ms | {len(values)} | {met} |")
    print(f"{'peak memory (MiB, in-process run)':40} {peak:9.0f} {'':9} {400:8d}")
    table.append(f"| peak memory (max RSS of the in-process run) | {peak:.0f} MiB | | ≤ 400 MiB | | "
                 f"{'yes' if peak <= 400 else 'no'} |")
    result["peak_mib"] = round(peak)
    record("queue", f"Queue and editor on {args.tickets:,} tickets (`python -m bench.ui_bench`)", table,
           "Start-up is measured from launching the process to the first painted page with rows (5 runs); "
           "the others in one process after start-up, warm cache, offscreen.")
    out = Path(__file__).parent / ".cache" / f"ui-{args.tickets}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
