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

from PySide6.QtCore import QObject, QTimer

# How often the GUI thread looks at the collector's counts. A young pass costs in proportion to the objects
# that survived since the last one (a read or sync thread may leave many): checked often, each pass is short.
CHECK_MS = 100
# The interpreter lock's switch interval while the desk runs (Python's default is 5 ms). Every Qt callback
# into Python (a timer, a painted cell, a delivered result) must take the lock; while a read or sync thread
# runs a Python loop, each take waits up to one interval, and a paint or an event-loop turn takes it many
# times. At 1 ms a callback waits at most about 1 ms; the threads' throughput barely changes.
SWITCH_INTERVAL_S = 0.001


class GuiThreadCollector(QObject):
    """Turns automatic collection off and runs the same generational passes from a timer on the GUI
    thread, when the counts pass the interpreter's thresholds. `stop` turns automatic collection back
    on (after one last pass on this thread)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
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
        if second <= self._thresholds[1]:
            return gc.collect(0)
        if third <= self._thresholds[2]:
            return gc.collect(1)
        return gc.collect(2)

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
