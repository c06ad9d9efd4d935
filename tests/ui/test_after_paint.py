"""AfterPaint: work that waits for a widget's paint, then for the event loop's timers and input to have had a turn."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from app.ui.widgets.after_paint import AfterPaint, hold_while_hidden, paint_on_a_later_turn, paint_shown_on_a_later_turn

WAIT = 5_000


class SlowPaint(QWidget):
    """Notes each of its paints in `events`; each takes 3 ms of the GUI thread (as a filled editor's does more)."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        end = time.perf_counter() + 0.003
        while time.perf_counter() < end:
            pass
        self.events.append("paint")


def shown(qtbot, widget: QWidget) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_the_work_runs_after_the_paint_and_after_the_timers_that_came_meanwhile(qtbot):
    events: list[str] = []
    widget = SlowPaint(events)
    _window = shown(qtbot, widget)
    qtbot.waitUntil(lambda: "paint" in events, timeout=WAIT)
    ticker = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: events.append("tick"))
    ticker.start()
    owner = QObject()
    events.clear()
    AfterPaint(widget, lambda: events.append("work"), owner)
    widget.update()
    qtbot.waitUntil(lambda: "work" in events, timeout=WAIT)
    ticker.stop()
    painted, worked = events.index("paint"), events.index("work")
    assert painted < worked
    assert "tick" in events[painted + 1:worked]  # the 1 ms timer, due during the paint, had its turn first


def test_the_work_runs_at_once_for_a_hidden_widget_and_at_the_latest_for_one_that_never_paints(qtbot):
    events: list[str] = []
    hidden = SlowPaint(events)
    owner = QObject()
    AfterPaint(hidden, lambda: events.append("hidden"), owner)
    qtbot.waitUntil(lambda: "hidden" in events, timeout=WAIT)
    widget = SlowPaint(events)
    _window = shown(qtbot, widget)
    widget.setUpdatesEnabled(False)  # shown, but it will not paint
    started = time.perf_counter()
    AfterPaint(widget, lambda: events.append("latest"), owner, latest_ms=100)
    qtbot.waitUntil(lambda: "latest" in events, timeout=WAIT)
    assert time.perf_counter() - started >= 0.09
    widget.setUpdatesEnabled(True)


class Named(SlowPaint):
    def __init__(self, events: list[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(events)
        self.name = name
        if parent is not None:
            self.setParent(parent)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.events[-1] = self.name


def page_of_two(qtbot, events: list[str]) -> tuple[Named, Named, QMainWindow]:
    """A shown page holding a form and a side part side by side, each painted once already."""
    page = Named(events, "page")
    form, side = Named(events, "form", page), Named(events, "side", page)
    form.setGeometry(0, 0, 100, 100)
    side.setGeometry(100, 0, 100, 100)
    window = shown(qtbot, page)
    qtbot.waitUntil(lambda: "side" in events, timeout=WAIT)
    return page, side, window


def test_a_held_paint_comes_in_two_turns_the_named_part_last(qtbot):
    """paint_on_a_later_turn(widget, then=[part]): the fill's turn paints nothing, then the rest of `widget`
    paints, the 1 ms timer has a turn, and only then `part`."""
    events: list[str] = []
    page, side, _window = page_of_two(qtbot, events)
    ticker = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: events.append("tick"))
    ticker.start()
    events.clear()
    paint_on_a_later_turn(page, then=[side])
    page.update()
    side.update()
    assert events == []
    qtbot.waitUntil(lambda: "side" in events and page.updatesEnabled() and side.updatesEnabled(), timeout=WAIT)
    ticker.stop()
    assert events.index("form") < events.index("side")
    between = events[events.index("form") + 1:events.index("side")]
    assert "tick" in between  # two stretches of the GUI thread, not one
    assert "side" not in events[:events.index("form")]


def test_a_page_shown_again_paints_its_named_part_on_a_later_turn(qtbot):
    """hold_while_hidden, then paint_shown_on_a_later_turn(then=[part]): the page's tab chosen again."""
    events: list[str] = []
    page, side, _window = page_of_two(qtbot, events)
    hold_while_hidden(page)
    events.clear()
    paint_shown_on_a_later_turn(page, then=[side])
    page.update()
    qtbot.waitUntil(lambda: "side" in events and side.updatesEnabled(), timeout=WAIT)
    assert "form" in events and events.index("form") < events.index("side")
    assert not side.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled)  # let go, not left held


def test_named_parts_paint_one_per_turn_in_order_a_part_inside_another_last(qtbot):
    """then=[side, inner]: the rest of the page, then `side`, then `inner` (inside `side`), each on a turn of its own
    with a tick of the 1 ms timer between; a part deleted before its turn does not hold the ones after it."""
    events: list[str] = []
    page, side, _window = page_of_two(qtbot, events)
    inner = Named(events, "inner", side)
    inner.setGeometry(10, 10, 50, 50)
    gone = Named(events, "gone", page)
    gone.setGeometry(0, 0, 10, 10)
    inner.show()
    gone.show()
    qtbot.waitUntil(lambda: "inner" in events and "gone" in events, timeout=WAIT)
    ticker = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: events.append("tick"))
    ticker.start()
    events.clear()
    paint_on_a_later_turn(page, then=[side, gone, inner])
    page.update()
    gone.deleteLater()
    qtbot.waitUntil(lambda: "inner" in events and inner.updatesEnabled(), timeout=WAIT)
    ticker.stop()
    order = [e for e in events if e != "tick"]
    assert order.index("form") < order.index("side") < order.index("inner")
    assert "tick" in events[events.index("form"):events.index("side")]
    assert "tick" in events[events.index("side"):events.index("inner")]
    assert "inner" not in events[:events.index("side")]


def test_a_part_filled_while_its_page_is_held_paints_on_a_turn_of_its_own(qtbot):
    """paint_on_a_later_turn(side) while `page` is held (a page being shown): `side` is held itself, so letting the
    page go paints the rest of it, and `side` paints on a later turn (it painted with the page, on its fill's turn)."""
    events: list[str] = []
    page, side, _window = page_of_two(qtbot, events)
    page.setUpdatesEnabled(False)  # held by a caller of its own
    paint_on_a_later_turn(side)
    assert side.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled)
    ticker = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: events.append("tick"))
    events.clear()
    page.setUpdatesEnabled(True)  # the page let go (its side is still held: painted on its own turn)
    page.update()
    side.update()
    ticker.start()
    qtbot.waitUntil(lambda: "side" in events and side.updatesEnabled(), timeout=WAIT)
    ticker.stop()
    assert "form" in events and events.index("form") < events.index("side")
    assert "tick" in events[events.index("form"):events.index("side")]
