"""What every benchmark needs: percentiles, the load average, a GUI stall probe, peak memory and a raw-SQL twin."""
# The raw twin: while an operation runs in the app, every SELECT the app sends to SQLite (on any thread, any
# connection) is recorded with its parameters; the same statements are then run through plain `sqlite3` on
# the same file, so each figure carries the ratio app time / raw SQL time.

from __future__ import annotations

import os
import resource
import sqlite3
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def busy(load: tuple[float, float, float]) -> bool:
    """True when the 1-minute load average exceeds the core count: figures taken then are marked."""
    return load[0] > (os.cpu_count() or 1)


def load_text(load: tuple[float, float, float]) -> str:
    mark = " (above the core count: figures marked *)" if busy(load) else ""
    return "{:.2f} / {:.2f} / {:.2f}{}".format(*load, mark)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Figure:
    """One operation's samples (ms), the raw-SQL twin's samples and the load seen while it was measured."""

    name: str
    goal_ms: float | None = None
    samples: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    busy: bool = False

    def add(self, ms: float, raw_ms: float | None = None) -> None:
        self.samples.append(ms)
        if raw_ms is not None:
            self.raw.append(raw_ms)
        self.busy = self.busy or busy(load_average())

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) if self.samples else 0.0

    @property
    def p95(self) -> float:
        return pct(self.samples, 0.95)

    @property
    def max(self) -> float:
        return max(self.samples) if self.samples else 0.0

    @property
    def raw_p50(self) -> float | None:
        return statistics.median(self.raw) if self.raw else None

    @property
    def ratio(self) -> float | None:
        raw = self.raw_p50
        return self.p50 / raw if raw else None

    def met(self) -> str:
        if self.goal_ms is None or not self.samples:
            return ""
        return "yes" if self.p95 <= self.goal_ms else "no"

    def row(self) -> str:
        """A markdown table row: name, p50, p95, max, raw p50, ratio, goal, met, runs."""
        star = " *" if self.busy else ""
        raw = f"{self.raw_p50:.1f}" if self.raw_p50 is not None else "–"
        ratio = f"{self.ratio:.1f}×" if self.ratio is not None else "–"
        goal = f"≤ {self.goal_ms:g}" if self.goal_ms is not None else ""
        if not self.samples:
            return f"| {self.name} | n/a | n/a | n/a | {raw} | {ratio} | {goal} | no | 0 |"
        return (f"| {self.name}{star} | {self.p50:.1f} | {self.p95:.1f} | {self.max:.1f} | {raw} | {ratio} | {goal} | "
                f"{self.met()} | {len(self.samples)} |")


TABLE_HEAD = ["| operation | p50 ms | p95 ms | max ms | raw SQL p50 ms | app / raw | goal ms (p95) | met | runs |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |"]


class SqlRecorder:
    """Records the reading statements every SQLAlchemy engine in the process sends, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._on = False
        self.statements: list[tuple[str, tuple]] = []

    def _hook(self, conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if not self._on or executemany:
            return
        head = statement.lstrip()[:6].upper()
        if head.startswith(("SELECT", "WITH")):
            with self._lock:
                self.statements.append((statement, tuple(parameters or ())))

    def install(self) -> None:
        event.listen(Engine, "before_cursor_execute", self._hook)

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, tuple]]]:
        with self._lock:
            self.statements = []
        self._on = True
        try:
            yield self.statements
        finally:
            self._on = False


class RawSql:
    """Plain `sqlite3` on the same file, read-only: runs recorded statements and times them."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self.con.execute("PRAGMA cache_size=-65536")

    def time_ms(self, statements: list[tuple[str, tuple]], keep: Callable[[str], bool] = lambda _sql: True) -> float:
        """Run the statements `keep` accepts, fetching every row, and return the wall time in ms."""
        t0 = time.perf_counter()
        for sql, params in statements:
            if not keep(sql):
                continue
            try:
                self.con.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                if os.environ.get("BENCH_DEBUG"):
                    print(f"raw SQL failed: {exc}: {sql[:300]} {params!r}"[:600])
                continue  # a statement of a temp table or another attached store: not comparable
        return (time.perf_counter() - t0) * 1000

    def close(self) -> None:
        self.con.close()


class StallProbe:
    """A 1 ms QTimer on the GUI thread; the longest gap between its ticks is the longest GUI stall. With it, the CPU
    the GUI thread had in that gap: the rest of the gap it waited (for a core, the disk, the host)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = self.longest_cpu = self.last_cpu = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000
        if gap > self.longest:
            self.longest, self.longest_cpu = gap, (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def reset(self) -> float:
        """The longest stall since the last reset (its GUI CPU in `last_cpu`), and start a new window."""
        longest, self.last_cpu = self.longest, self.longest_cpu
        self.longest = self.longest_cpu = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        return longest

    def stop(self) -> None:
        self._timer.stop()


def wait_until(predicate: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Spin the Qt event loop until predicate() holds (checked every millisecond) or the timeout passes."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        time.sleep(0.0005)
    return True


def pump(seconds: float) -> None:
    """Let the Qt event loop run for `seconds` (work that has no completion signal, e.g. charts painting)."""
    wait_until(lambda: False, seconds)
