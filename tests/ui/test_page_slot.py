"""A pinned page chosen by the user: built on turns after the tab switch, and painted on a turn after its layout, so
the switch, the build and the paint are never one stretch of the GUI thread (bench/page_switch.py)."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView

from app.ui import page_slot
from tests.ui.conftest import Paints, close_window, open_window, wait_idle


def test_a_page_is_built_after_the_switch_and_painted_after_its_layout(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        slot = window.pages["people"]
        asked = []  # the reads asked meanwhile; the page's first is held until it has painted (TaskRunner.hold_reads)
        query, make, end_hold = runner.query, slot._make, runner.end_hold
        runner.query = lambda *a, **k: asked.append(query(*a, **k)) or asked[-1]
        seen = {}

        def spy_make(*, later):
            make(later=later)
            seen["held when built"] = not slot.updatesEnabled()

        def spy_end_hold():
            seen["first reads at the build's end"] = [(t.gate is not None and not t.gate.is_set())
                                                      for t in asked if t.label == "list people"]
            end_hold()

        slot._make, runner.end_hold = spy_make, spy_end_hold
        paints = Paints(slot)
        window.go_to_page("people")
        assert window.tabs.currentWidget() is slot and slot.page is None  # the switch alone in its turn
        QCoreApplication.sendPostedEvents()
        assert slot.page is None  # not on a posted call either: on a timer's turn, after input and paints
        qtbot.waitUntil(lambda: "first reads at the build's end" in seen, timeout=10_000)
        painted = paints.count
        qtbot.waitUntil(lambda: paints.count > painted, timeout=10_000)  # the page built
        assert seen["held when built"]  # laid out on the next turn, painted on the one after
        assert seen["first reads at the build's end"] == [True]  # asked, held until the page's paint
        assert runner._reads_gate is None  # reads asked after the build are not held
        held = [t for t in asked if t.label == "list people"]
        qtbot.waitUntil(lambda: held[0].gate.is_set(), timeout=10_000)
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def test_a_page_shown_again_paints_on_a_later_turn_than_the_switch(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        page = window.show_page("people")  # built now: a caller that needs it
        table = page.findChild(QAbstractItemView, "PeopleTable")
        qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10_000)
        wait_idle(qtbot, runner)
        qtbot.wait(50)
        window.go_to_page("queue")
        qtbot.wait(50)
        assert not window.pages["people"].updatesEnabled()  # held from the moment it was left
        paints = Paints(table.viewport())
        window.go_to_page("people")
        # Without the hold, showing the page listed its table's viewport to paint with the switch's own turn (the
        # posted paint request runs before the event loop's timers and input).
        QCoreApplication.sendPostedEvents()
        assert paints.count == 0
        qtbot.waitUntil(lambda: paints.count >= 1, timeout=10_000)
        assert window.pages["people"].updatesEnabled()
        assert window.queue.updatesEnabled() is False  # the page left is held in its turn
    finally:
        close_window(qtbot, window, runner, st)


def test_the_imports_start_after_the_switch_painted(qtbot, desk_path, tmp_path, monkeypatch):
    """A thread importing beside the tab switch's paint took the interpreter lock in turns with it: the paint's few
    milliseconds of CPU took 18-22 ms (bench.page_switch)."""
    started: list[tuple[str, int]] = []
    real = page_slot.ImportsAhead

    def recording(modules, then, parent):
        started.append((parent.spec.key, paints.count))
        return real(modules, then, parent)

    monkeypatch.setattr(page_slot, "ImportsAhead", recording)
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        slot = window.pages["macros"]
        paints = Paints(slot)
        window.go_to_page("macros")
        QCoreApplication.sendPostedEvents()
        assert started == []  # not on the switch's turn
        qtbot.waitUntil(lambda: slot.page is not None, timeout=10_000)
        assert len(started) == 1 and started[0][1] >= 1  # once the slot had painted
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def test_a_page_needed_before_the_switch_painted_is_built_once(qtbot, desk_path, tmp_path, monkeypatch):
    started: list[str] = []
    real = page_slot.ImportsAhead

    def recording(modules, then, parent):
        started.append(parent.spec.key)
        return real(modules, then, parent)

    monkeypatch.setattr(page_slot, "ImportsAhead", recording)
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        slot = window.pages["people"]
        window.go_to_page("people")
        page = slot.ensure()  # a caller that needs the page now (show_page), on the switch's turn
        qtbot.waitUntil(lambda: slot._importing is None, timeout=10_000)  # the switch painted, nothing to import
        assert slot.page is page and started == []
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)
