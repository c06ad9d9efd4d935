"""Garbage cycles are collected on the GUI thread only: never by a read thread, and still collected."""

import gc
import sys
import threading
import weakref

import pytest
from PySide6.QtWidgets import QMenu

from app.ui import gui_gc


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.menu = QMenu()  # a Qt object that only a collection would free


def test_a_worker_thread_never_collects_and_the_gui_thread_does(qtbot):
    collector = gui_gc.install(None)  # already installed by the autouse fixture: the same one
    assert not gc.isenabled()
    gc.collect()
    held = _Cycle()
    gone = weakref.ref(held)
    del held

    kept: list = []

    def churn() -> None:  # allocates far past the first threshold, as a read building rows does
        kept.extend([i] for i in range(20_000))

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert gone() is not None  # the worker's allocations started no collection
    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)  # the GUI thread's timer did
    assert collector is gui_gc.install(None)


def test_uninstall_puts_automatic_collection_back(qtbot):
    gui_gc.uninstall()
    assert gc.isenabled()
    collector = gui_gc.install(None)
    assert not gc.isenabled() and gui_gc.install(None) is collector


def test_the_desk_runs_with_a_short_lock_switch_interval_and_gives_it_back(qtbot):
    """A Qt callback waits for the interpreter lock at most one switch interval per take while another
    thread runs Python: the desk shortens it, and uninstall puts the previous one back."""
    gui_gc.uninstall()
    sys.setswitchinterval(0.005)
    gui_gc.install(None)
    assert sys.getswitchinterval() == pytest.approx(gui_gc.SWITCH_INTERVAL_S)
    gui_gc.uninstall()
    assert sys.getswitchinterval() == pytest.approx(0.005)
    gui_gc.install(None)


def test_a_refresher_collected_while_qt_holds_it_does_nothing(qtbot, ctx):
    """The collector may clear a Qt object's Python side while its widget still lives and filters events
    through it: it must do nothing then, not raise inside Qt's event loop."""
    from PySide6.QtWidgets import QWidget

    from app.ui.widgets.stale_refresher import StaleRefresher

    widget = QWidget()
    qtbot.addWidget(widget)
    calls = []
    refresher = StaleRefresher(widget, ctx.events, ("ticket",), lambda: calls.append(1), delay_ms=0)
    refresher.__dict__.clear()  # what tp_clear of a garbage cycle does
    widget.show()
    widget.hide()
    refresher.mark_stale()
    refresher._on_timer_timeout()
    assert calls == []


def test_a_full_pass_waits_until_the_oldest_generation_grew_by_a_quarter(qtbot):
    """As CPython decides: middle passes alone do not start a full one (it walks every long-lived object on
    the GUI thread); a quarter more long-lived objects does, and frees an old garbage cycle."""
    settled = [[] for _ in range(200_000)]  # a desk's long-lived objects (the test run froze its own)
    gc.collect()
    collector = gui_gc.GuiThreadCollector(None, interval_ms=3_600_000)  # checked by hand here
    try:
        old = _Cycle()
        gone = weakref.ref(old)
        gc.collect(1)  # the cycle is in the oldest generation now...
        del old  # ...and garbage there: only a full pass frees it
        passes = 0
        while gc.get_count()[2] <= gc.get_threshold()[2] + 2:  # past the point where a full pass was due
            batch = [[] for _ in range(gc.get_threshold()[0] + 100)]
            collector.check()
            del batch
            passes += 1
            assert passes < 10_000
        assert collector.long_lived_pending < collector.long_lived_total // 4  # the test's own precondition
        assert collector.full_passes == 0 and gone() is not None
        kept = [[] for _ in range(collector.long_lived_total // 4 + 1)]  # a quarter more that live on
        while collector.full_passes == 0:
            batch = [[] for _ in range(gc.get_threshold()[0] + 100)]
            collector.check()
            del batch
            passes += 1
            assert passes < 20_000
        assert gone() is None and len(kept) > 0 and len(settled) > 0
        assert collector.long_lived_pending == 0
    finally:
        collector.stop()
        collector.deleteLater()


def _garbage_past_the_threshold() -> tuple[weakref.ref, list]:
    held = _Cycle()
    gone = weakref.ref(held)
    del held
    kept = [[i] for i in range(gc.get_threshold()[0] * 3)]  # young objects, past the first threshold
    return gone, kept


def test_a_pass_waits_while_a_request_is_answered_but_not_for_long(qtbot, monkeypatch):
    """A pass the counts ask for does not land between a request and its answer shown (gui_gc.hold, which the
    runner calls on submitting and delivering), but waits at most DEFER_MAX_S."""
    collector = gui_gc.install(None)
    gc.collect()
    monkeypatch.setattr(gui_gc, "QUIET_S", 60.0)
    monkeypatch.setattr(gui_gc, "DEFER_MAX_S", 60.0)
    gone, _kept = _garbage_past_the_threshold()
    deferred = collector.deferred
    gui_gc.hold()
    assert collector.check() == 0
    assert gone() is not None and collector.deferred == deferred + 1
    monkeypatch.setattr(gui_gc, "DEFER_MAX_S", 0.0)  # waited long enough
    assert collector.check() > 0
    assert gone() is None

    # With no request under way, the pass runs at the first check.
    monkeypatch.setattr(gui_gc, "DEFER_MAX_S", 60.0)
    monkeypatch.setattr(gui_gc, "_last_activity", 0.0)
    gone, _kept_too = _garbage_past_the_threshold()  # (the first list kept: its freeing would lower the count)
    assert collector.check() > 0
    assert gone() is None


def test_the_runner_holds_the_collector_when_it_submits_and_delivers(qtbot, ctx, monkeypatch):
    runner = ctx.runner
    monkeypatch.setattr(gui_gc, "_last_activity", 0.0)
    runner.query(lambda _session: 1, label="one")
    assert gui_gc._last_activity > 0
    monkeypatch.setattr(gui_gc, "_last_activity", 0.0)
    qtbot.waitUntil(lambda: gui_gc._last_activity > 0 and runner.is_idle(), timeout=5_000)


def test_objects_are_counted_inside_one_call_with_no_list_left_in_python(qtbot):
    """A list from gc.get_objects held in Python code also held the tuples a read thread was filling, and that thread's
    next resize of one failed (a SystemError, its read with it): the collector counts inside one C call."""
    gc.collect()
    young = [[] for _ in range(5_000)]
    assert gui_gc._count_objects(0, 1) >= 5_000 and len(young) == 5_000
    assert gui_gc._count_objects(2) == len(gc.get_objects(2))
