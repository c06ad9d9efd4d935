"""Queue page figures as the user sees them: real rows painted, the count, the next filter, jump to end, stalls, RSS."""
# In-process and offscreen, on a store opened read-only (immutable), so the 1M demo store is never written:
#   python -m bench.queue_ui_bench [--store PATH] [--repeats N]
# Prints p50/p95/max per figure and the load average before and after; never asserts.

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.measure import current_rss_mib, load_average, load_text
from bench.ui_bench import pct

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MILLION = Path(__file__).resolve().parent / ".cache" / "demo-1000000-7.sqlite3"
FALLBACK = Path("/work/stores/demo-100k.sqlite3")


def read_only_store(path: Path, cache_mib: int = 64):
    """A Store whose every connection is `mode=ro&immutable=1`: nothing is written next to the file."""
    from sqlalchemy import create_engine, event, select
    from sqlalchemy.orm import Session, sessionmaker
    from sqlalchemy.pool import QueuePool

    from app.models import StoreMeta
    from app.store import READ_CONNECTIONS, Store

    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"

    def connect():
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        con.isolation_level = None
        con.execute(f"PRAGMA cache_size=-{cache_mib * 1024}")  # the app's connections: 64 MiB each
        con.execute("PRAGMA temp_store=MEMORY")
        con.execute("PRAGMA query_only=1")
        return con

    def engine(pool_size: int):
        eng = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool, pool_size=pool_size,
                            max_overflow=0)
        event.listen(eng, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return eng

    writer = engine(1)
    with Session(writer) as s:
        has_fts = s.scalar(select(StoreMeta.value).where(StoreMeta.key == "fts")) == "1"
    store = Store(path=path, engine=writer, session_factory=sessionmaker(writer), client_id="bench", has_fts=has_fts)
    store.read_engine.dispose()
    store.read_engine = engine(READ_CONNECTIONS)
    return store


class Probe:
    """GUI-thread stalls (a 1 ms precise timer: the longest gap between its ticks) and paints of real rows."""

    def __init__(self, view) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        self.view, self.model = view, view.model()
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.painted_at = 0.0  # when a paint that showed only real rows ended
        self.armed = False  # paints count once the query under test has shown its first page
        self.epoch = 0  # a paint seen before the last reset never counts
        self.model.first_page_loaded.connect(lambda: setattr(self, "armed", True))
        probe = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint and probe.armed and probe.all_real():
                    epoch = probe.epoch
                    QTimer.singleShot(0, lambda: probe._painted(epoch))  # runs once this paint is done
                return False

        self._filter = Filter()
        view.viewport().installEventFilter(self._filter)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def _painted(self, epoch: int) -> None:
        if epoch == self.epoch and not self.painted_at:
            self.painted_at = time.perf_counter()

    def all_real(self) -> bool:
        if not self.model.rowCount():
            return True
        top = self.view.rowAt(0)
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        return top >= 0 and all(self.model.row_at(r) is not None for r in range(top, bottom + 1))

    def reset(self, *, armed: bool = False) -> None:
        self.worst, self.last, self.painted_at, self.armed = 0.0, time.perf_counter(), 0.0, armed
        self.epoch += 1


def wait_until(predicate: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    end = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > end:
            import traceback

            print("timed out waiting at", traceback.extract_stack(limit=2)[0].lineno)
            return False
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    return True


def measure(store_path: Path, repeats: int, cache_mib: int = 64) -> dict[str, list[float]]:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from app.config import Settings
    from app.people import reference
    from app.tickets.queue import ME, QueueFilter, QueueSort
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.queue.queue_page import QueuePage
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    store = read_only_store(store_path, cache_mib)
    runner = TaskRunner(store)
    with store.read_session() as s:
        ref = reference.reference_data(s)
    settings = Settings(Path(tempfile.mkdtemp(prefix="queueui-bench-")) / "settings.json")
    ctx = UiContext(runner=runner, events=AppEvents(), settings=settings, reference=ref)
    page = QueuePage(ctx)
    page.resize(1400, 900)
    page.show()
    model, view = page.model, page.view
    probe = Probe(view)
    counted = {"at": 0.0}
    model.query_loaded.connect(lambda _n: counted.__setitem__("at", time.perf_counter()))
    idle = runner.is_idle
    out: dict[str, list[float]] = {k: [] for k in (
        "filter: rows painted", "filter: count", "filter: stall", "all: rows painted", "all: count",
        "all: id list", "all: stall", "after all, next filter: rows painted", "after all, next filter: count",
        "after all, next filter: stall", "jump to end once counted: rows painted", "jump to end: stall",
        "jump to end (ids in): rows painted", "drag through the list, 200 steps: stall", "repaint CPU per page",
        "repaint wall per page")}

    def run(flt, sort=None, *, then_idle: bool = True) -> tuple[float, float, float]:
        counted["at"] = 0.0
        probe.reset()
        t0 = time.perf_counter()
        model.set_query(flt, sort or QueueSort())
        wait_until(lambda: probe.painted_at and model.rowCount() and model.row_at(0) is not None)
        painted = (probe.painted_at - t0) * 1000
        wait_until(lambda: counted["at"] > 0)
        count = (counted["at"] - t0) * 1000
        if then_idle:
            wait_until(idle)
        return painted, count, probe.worst * 1000

    filters = [QueueFilter(open_only=True), QueueFilter(assignee_ids=(ME,), open_only=True),
               QueueFilter(priorities=(1, 2)), QueueFilter(types=("problem",)), QueueFilter(states=("on_hold",)),
               QueueFilter(open_only=False)]
    run(QueueFilter(open_only=True))  # warm the page cache of SQLite and the glyph cache
    for i in range(repeats):
        painted, count, stall = run(filters[i % len(filters)], QueueSort("updated_at", i % 2 == 0))
        out["filter: rows painted"].append(painted)
        out["filter: count"].append(count)
        out["filter: stall"].append(stall)

    for i in range(repeats):
        probe.reset()
        ids_at = {"t": 0.0}

        def on_ids(ids_at=ids_at):
            ids_at["t"] = time.perf_counter()

        model.ids_loaded.connect(on_ids)
        t0 = time.perf_counter()
        painted, count, _stall = run(QueueFilter(), then_idle=False)
        wait_until(lambda ids_at=ids_at: ids_at["t"] > 0)
        wait_until(idle)
        model.ids_loaded.disconnect(on_ids)
        out["all: rows painted"].append(painted)
        out["all: count"].append(count)
        out["all: id list"].append((ids_at["t"] - t0) * 1000)
        out["all: stall"].append(probe.worst * 1000)

        # "All tickets", then at once the next filter: it must not wait for the id list of the first.
        probe.reset()
        model.set_query(QueueFilter(), QueueSort())
        wait_until(lambda: probe.armed)
        painted, count, stall = run(filters[i % len(filters)])
        out["after all, next filter: rows painted"].append(painted)
        out["after all, next filter: count"].append(count)
        out["after all, next filter: stall"].append(stall)

        # "All tickets", then Ctrl+End as soon as the count is in (the id list may still be loading).
        probe.reset()
        model.set_query(QueueFilter(), QueueSort())
        wait_until(lambda: probe.armed and model.counted)
        probe.reset(armed=True)
        t0 = time.perf_counter()
        view.scrollToBottom()
        wait_until(lambda: model.row_at(model.rowCount() - 1) is not None and probe.painted_at > 0
                   and probe.all_real())
        out["jump to end once counted: rows painted"].append((probe.painted_at - t0) * 1000)
        out["jump to end: stall"].append(probe.worst * 1000)
        wait_until(idle)

        view.scrollToTop()
        wait_until(lambda: probe.all_real())
        probe.reset(armed=True)
        t0 = time.perf_counter()
        view.scrollToBottom()
        wait_until(lambda: probe.painted_at > 0 and probe.all_real())
        out["jump to end (ids in): rows painted"].append((probe.painted_at - t0) * 1000)
        wait_until(idle)

    # Dragging the scroll bar through the list: the newest position wins, the GUI never waits.
    bar = view.verticalScrollBar()
    probe.reset(armed=True)
    for step in range(200):
        bar.setValue(bar.maximum() * step // 200)
        app.processEvents()
    wait_until(lambda: probe.all_real())
    wait_until(idle)
    out["drag through the list, 200 steps: stall"].append(probe.worst * 1000)

    # Repaint of one screen of loaded rows, as the view does it (the delegate asks the model per cell).
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    for top in range(0, min(model.rowCount(), 4000), 400):
        view.scrollTo(model.index(top, 0), view.ScrollHint.PositionAtTop)
        wait_until(lambda: probe.all_real())
        wait_until(idle)
        view.viewport().render(image)
        for _ in range(20):
            c0, w0 = time.process_time(), time.perf_counter()
            view.viewport().render(image)
            out["repaint CPU per page"].append((time.process_time() - c0) * 1000)
            out["repaint wall per page"].append((time.perf_counter() - w0) * 1000)

    runner.shutdown()
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, default=MILLION if MILLION.exists() else FALLBACK)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--cache-mib", type=int, default=64, help="SQLite page cache per connection")
    args = parser.parse_args(argv)
    before = load_text(load_average())
    t0 = time.time()
    figures = measure(args.store, args.repeats, args.cache_mib)
    after = load_text(load_average())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Queue UI on {args.store.name} (page cache {args.cache_mib} MiB a connection); {os.cpu_count()} cores; "
          f"load average before {before}, after {after}"
          f"; {time.time() - t0:.0f} s")
    print(f"{'figure':44} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, values in figures.items():
        print(f"{name:44} {len(values):>4} {pct(values, 0.5):>9.1f} {pct(values, 0.95):>9.1f} "
              f"{max(values, default=float('nan')):>9.1f}")
    print(f"RSS now {current_rss_mib():.0f} MiB, peak {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
