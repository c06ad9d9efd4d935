"""Python's cyclic garbage collection on the GUI thread only, so Qt objects are never destroyed on a worker thread."""
# With automatic collection, a pass starts in whichever thread allocates past the threshold: often a
# read thread building SQLAlchemy rows. Garbage cycles holding Qt wrappers (a closed window's menus,
# a dialog) are then destroyed on that thread while the GUI thread deletes other Qt objects: each
# waits for what the other holds (Qt's object mutex, the interpreter lock), and the desk hangs. Seen
# in the UI tests: a read thread's collection in QObject::~QObject, the GUI thread in QMenu's.
# Reference counting still frees everything not in a cycle at once, on any thread; only cycles wait.

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 250  # how often the GUI thread looks at the collector's counts


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


def install(app: QObject) -> GuiThreadCollector:
    """The application's collector, made on first call (GUI thread)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
    return _installed


def uninstall() -> None:
    """Automatic collection back on, as before `install` (tests, between one window and the next)."""
    global _installed
    if _installed is not None:
        _installed.stop()
        _installed.deleteLater()
        _installed = None
