"""Python's cyclic garbage collection on the GUI thread only, so Qt objects are never destroyed on a worker thread."""
# With automatic collection, a pass starts in whichever thread allocates past the threshold: often a
# read thread building SQLAlchemy rows. Garbage cycles holding Qt wrappers (a closed window's menus,
# a dialog) are then destroyed on that thread while the GUI thread deletes other Qt objects: each
# waits for what the other holds (Qt's object mutex, the interpreter lock), and the desk hangs. Seen
# in the UI tests: a read thread's collection in QObject::~QObject, the GUI thread in QMenu's.
# Reference counting still frees everything not in a cycle at once, on any thread; only cycles wait.

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QObject, QTimer

# How often the GUI thread looks at the collector's counts. A young pass costs in proportion to the objects
# that survived since the last one (a read or sync thread may leave many): checked often, each pass is short.
CHECK_MS = 100
# The interpreter lock's switch interval while the desk runs (Python's default is 5 ms). Every Qt callback
# into Python (a timer, a painted cell, a delivered result) must take the lock, and so does every return from a Qt
# call that let it go; while a read or sync thread runs a Python loop, each take waits up to one interval, and a
# paint or an event-loop turn takes it many times. At 1 ms, 1.8 ms of Qt calls beside a Python loop took 4-7 ms;
# at 0.2 ms, 2.7-4.6 ms; and in two alternated runs of 12 ticket openings on the 1M store the longest GUI gap
# was 36 and 25 ms against 105 and 41 (bench.editor_probe's kind of loop). Threads alone never switch.
SWITCH_INTERVAL_S = 0.0002
# A pass the counts ask for waits while the user's last request is being answered (a query or an edit submitted or
# delivered within QUIET_S), so that it does not land between a ticket's read and its paint: a young pass after an
# editor was filled cost 3-27 ms of the GUI thread. It waits at most DEFER_MAX_S (the first sync delivers all along).
QUIET_S = 0.15
DEFER_MAX_S = 1.0
_last_activity = 0.0


def _count_objects(*generations: int) -> int:
    """How many objects the collector tracks in `generations`, counted inside one C call (sum over map). A list from
    gc.get_objects in Python code may still be alive when the interpreter lock passes to a read thread, and it holds
    the tuples that thread is still filling: the thread's next resize of one fails with a SystemError, and its read
    with it (seen with such a list kept by a debugging hook on the 1M store)."""
    return sum(map(len, map(gc.get_objects, generations)))


def hold() -> None:
    """A request is under way or its answer is being shown (GUI thread): the next pass waits a little."""
    global _last_activity
    _last_activity = time.monotonic()


class GuiThreadCollector(QObject):
    """Turns automatic collection off and runs the same generational passes from a timer on the GUI
    thread, when the counts pass the interpreter's thresholds. `stop` turns automatic collection back
    on (after one last pass on this thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        # CPython's own rule for full passes (gcmodule.c, long_lived_pending / long_lived_total): the oldest
        # generation is collected only once the objects that reached it since the last full pass are a
        # quarter of what it held then. Without it a full pass ran after every ten middle ones, however few
        # objects had aged: every few seconds during a first sync, each walking every unfrozen long-lived
        # object on the GUI thread (measured: 33-36 ms of CPU over 56,000 objects, 46-116 ms at load 6-8).
        self.long_lived_total = _count_objects(2)  # objects in the oldest generation after the last full pass
        self.long_lived_pending = 0  # objects that reached it since (counted at each middle pass)
        self.full_passes = 0  # how many full passes this collector ran
        self.deferred = 0  # checks that wanted a pass and waited (hold)
        self._wanted_since: float | None = None  # when a check first wanted a pass that still waits
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """One pass of the youngest generation whose count passed its threshold (and the younger ones);
        how many objects it found unreachable."""
        first, second, third = gc.get_count()
        if first <= self._thresholds[0]:
            return 0
        now = time.monotonic()
        if self._wanted_since is None:
            self._wanted_since = now
        if now - _last_activity < QUIET_S and now - self._wanted_since < DEFER_MAX_S:
            self.deferred += 1
            return 0
        self._wanted_since = None
        if third > self._thresholds[2] and self.long_lived_pending >= self.long_lived_total // 4:
            found = gc.collect(2)
            self.full_passes += 1
            self.long_lived_total, self.long_lived_pending = _count_objects(2), 0
            return found
        if second <= self._thresholds[1]:
            return gc.collect(0)
        # What survives a middle pass moves to the oldest generation: counted for the rule above (a list of the
        # young objects costs far less than the pass over them).
        young = _count_objects(0, 1)
        found = gc.collect(1)
        self.long_lived_pending += max(0, young - found)
        return found

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


_installed: GuiThreadCollector | None = None
_switch_before = sys.getswitchinterval()


def install(app: QObject) -> GuiThreadCollector:
    """The application's collector, made on first call (GUI thread), and the shorter lock switch interval."""
    global _installed, _switch_before
    if _installed is None:
        _installed = GuiThreadCollector(app)
        _switch_before = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    return _installed


def uninstall() -> None:
    """Automatic collection and the switch interval back as before `install` (tests, between windows)."""
    global _installed
    if _installed is not None:
        sys.setswitchinterval(_switch_before)
        _installed.stop()
        _installed.deleteLater()
        _installed = None
