"""The GUI thread answers in short stretches: an answer that comes right after one that held the GUI thread waits
for a later event-loop turn (the timers and input that came meanwhile run first), a filled widget paints on a later
turn than its fill, and the parts of a ticket nobody waits for are read on the background thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QLabel, QListView, QMainWindow, QVBoxLayout, QWidget

from app.tickets import writes as tickets
from app.ui.tasks import ANSWER_HEAVY_S, TaskRunner
from app.ui.widgets.after_paint import PAINT_HELD_MS, paint_on_a_later_turn, settle_layouts
from tests.ui.conftest import Paints, wait_idle

WAIT = 10_000


@pytest.fixture
def runner(qapp, store, seeded):
    r = TaskRunner(store)
    yield r
    r.shutdown()


def hold_gui_thread(seconds: float) -> None:
    """Work on the GUI thread without a turn of the event loop (as filling an editor does)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


class Ticker:
    """A 1 ms timer noting its ticks in `events`, as the stall probe of the benches does."""

    def __init__(self, events: list[str]) -> None:
        self.timer = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: events.append("tick"))


def answered_together(runner: TaskRunner, *callbacks) -> None:
    """Queries whose answers are all posted before the GUI thread takes the first (each read done at once)."""
    ran: list[int] = []
    deadline = time.perf_counter() + WAIT / 1000
    for n, callback in enumerate(callbacks, 1):
        runner.query(lambda _s: ran.append(1), on_done=callback)
        while len(ran) < n and time.perf_counter() < deadline:
            time.sleep(0.001)  # the GUI thread takes no turn: the answers wait, posted, in this order
        time.sleep(0.02)  # its answer posted (just after the read returns) before the next read starts
    assert len(ran) == len(callbacks)


def test_an_answer_after_one_that_held_the_gui_thread_waits_for_the_timers_that_came_meanwhile(qtbot, runner):
    events: list[str] = []
    ticker = Ticker(events)

    def heavy(_result) -> None:
        events.append("heavy")
        hold_gui_thread(ANSWER_HEAVY_S * 3)

    answered_together(runner, heavy, lambda _r: events.append("next"), lambda _r: events.append("last"))
    ticker.timer.start()
    qtbot.waitUntil(lambda: "last" in events, timeout=WAIT)
    ticker.timer.stop()
    answers = [e for e in events if e != "tick"]
    assert answers == ["heavy", "next", "last"]  # in the order they came
    between = events[events.index("heavy") + 1:events.index("next")]
    assert "tick" in between  # the timer that came due during the heavy answer ran before the next answer


def test_light_answers_come_in_one_turn(qtbot, runner):
    events: list[str] = []
    answered_together(runner, lambda _r: events.append("first"), lambda _r: events.append("second"))
    qtbot.waitUntil(lambda: "second" in events, timeout=WAIT)
    assert events == ["first", "second"]
    assert runner.is_idle()


def test_after_a_long_request_the_next_answer_waits_for_a_later_turn(qtbot, runner):
    events: list[str] = []
    ticker = Ticker(events)
    answered_together(runner, lambda _r: events.append("answer"))
    ticker.timer.start()
    hold_gui_thread(0.003)  # the request's own work (a ticket's tab opened), its answer already posted
    runner.space_answers()
    qtbot.waitUntil(lambda: "answer" in events, timeout=WAIT)
    ticker.timer.stop()
    assert events.index("tick") < events.index("answer")


def test_a_spaced_answer_counts_as_under_way_until_delivered_and_is_dropped_at_shutdown(qtbot, store, seeded):
    runner = TaskRunner(store)
    events: list[str] = []
    answered_together(runner, lambda _r: hold_gui_thread(ANSWER_HEAVY_S * 3), lambda _r: events.append("next"))
    QCoreApplication.processEvents()  # one turn: the heavy answer; the next one waits for a timer
    assert events == [] and not runner.is_idle()
    runner.shutdown()
    qtbot.wait(30)
    assert events == []  # never delivered after shutdown


def shown_label(qtbot) -> tuple[QMainWindow, QLabel]:
    """A label saying "before" as a shown window's central widget."""
    window = QMainWindow()
    label = QLabel("before")
    window.setCentralWidget(label)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):  # a context manager: called alone it waits for nothing
        window.show()
    return window, label


def test_a_filled_widget_paints_on_a_later_turn_and_a_second_hold_adds_none(qtbot):
    _window, label = shown_label(qtbot)
    paint_on_a_later_turn(label)
    label.setText("after")
    paint_on_a_later_turn(label)
    assert not label.updatesEnabled()
    qtbot.waitUntil(label.updatesEnabled, timeout=WAIT)
    assert label.text() == "after"


def test_a_held_window_paints_again_though_its_paint_request_came_while_held(qtbot):
    # The caller's card held the whole main window. Qt keeps a window's dirty widgets when their paint request comes
    # while the window's updates are off, and asks for no paint when they are turned on again: the window never
    # painted again (the bench's editor openings waited for a paint that never came).
    window, label = shown_label(qtbot)
    paints = Paints(label)
    label.update()
    qtbot.waitUntil(lambda: paints.count > 0, timeout=WAIT)  # shown and painted: no expose to come and rescue it
    label.update()  # a paint asked for, its request posted
    paint_on_a_later_turn(window)
    QCoreApplication.sendPostedEvents()  # the request comes while the hold is on
    qtbot.waitUntil(label.updatesEnabled, timeout=WAIT)
    assert window.updatesEnabled()
    qtbot.wait(20)
    before = paints.count
    label.setText("after")
    qtbot.waitUntil(lambda: paints.count > before, timeout=WAIT)


def test_a_tickets_late_parts_are_read_on_the_background_thread(qtbot, ctx, store, seeded, open_editor, monkeypatch):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", title="VPN drops", actor_id=seeded["me"],
                                          requester_id=seeded["requester"], description="Every hour.").id
    asked: dict[str, bool] = {}
    threads: dict[str, str] = {}
    query = ctx.runner.query

    def noted(fn, *, label: str = "", background: bool = False, **kwargs):
        asked[label] = background

        def where(session, **kw):
            threads[label] = threading.current_thread().name
            return fn(session, **kw)

        return query(where, label=label, background=background, **kwargs)

    monkeypatch.setattr(ctx.runner, "query", noted)
    editor = open_editor(ticket_id)
    wait_idle(qtbot, ctx.runner)
    assert editor.detail() is not None
    assert asked["load ticket"] is False and threads["load ticket"].startswith("deskside-read")
    for label in ("ticket conflicts", "knowledge suggestions", "incident problem"):
        assert asked[label] is True, label
        assert threads[label].startswith("deskside-bulk"), label
    # Typed text asks for suggestions at once, beside the other reads (the agent waits for them).
    editor.ui.knowledge.refresh()
    editor.ui.form.input_widget("title").setText("VPN drops every hour on the train")
    editor.ui.knowledge.refresh()
    wait_idle(qtbot, ctx.runner)
    assert asked["knowledge suggestions"] is False



def test_a_held_widget_is_laid_out_on_a_turn_of_its_own_before_the_turn_that_lets_it_paint(qtbot):
    """Let go on a timer that was due by the time the layout requests came up, the held widget was laid out in the
    stretch of its paint, and the requests that layout posted waited behind the paint: laid out and painted twice
    in one stretch (bench.stall_split). Now the hold's first turn handles every layout request and holds on; the
    paint comes on a turn after it."""
    window = QMainWindow()
    holder = QWidget()
    label = QLabel("before")
    QVBoxLayout(holder).addWidget(label)
    window.setCentralWidget(holder)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    seen: list[tuple[bool, int]] = []
    paint_on_a_later_turn(holder)
    label.setMinimumHeight(200)  # the fill changes what the label needs: its layout asks again
    # Started after the hold's own timer with the same interval: runs on the turn right after the hold's first.
    QTimer.singleShot(PAINT_HELD_MS, lambda: seen.append((holder.updatesEnabled(), label.height())))
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    held, height = seen[0]
    assert not held and height >= 200  # laid out, and still held
    qtbot.waitUntil(holder.updatesEnabled, timeout=WAIT)



def test_a_held_list_resized_by_the_layout_lays_its_rows_out_before_its_paint(qtbot):
    """A list that adjusts its rows to its size lays them out again at its next paint once resized, and that asked
    for a second paint of the list in the same stretch (the worklog, when a strip above it came or went). The hold's
    layout turn lays them out, so the list is painted once."""
    window = QMainWindow()
    holder = QWidget()
    strip = QLabel("A strip above the list")
    view = QListView()
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setModel(QStringListModel([f"Row {i}" for i in range(40)], view))
    column = QVBoxLayout(holder)
    column.addWidget(strip)
    column.addWidget(view, 1)
    window.setCentralWidget(holder)
    window.resize(300, 400)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.wait(50)
    paints = Paints(view.viewport())
    paint_on_a_later_turn(holder)
    strip.setMinimumHeight(120)  # the list below gets shorter in the layout
    view.scrollToBottom()
    qtbot.waitUntil(holder.updatesEnabled, timeout=WAIT)
    qtbot.waitUntil(lambda: paints.count > 0, timeout=WAIT)
    qtbot.wait(50)
    assert paints.count == 1




class Relay(QWidget):
    """Handling its layout request, asks `then` for one (as a layout that changed what it needs asks the one around
    it); notes in `got` that it had its own."""

    def __init__(self, got: list[str], name: str, then: QWidget | None = None) -> None:
        super().__init__()
        self.got, self.name, self.then = got, name, then

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.got.append(self.name)
            if self.then is not None:
                QCoreApplication.postEvent(self.then, QEvent(QEvent.Type.LayoutRequest))
        return super().event(event)



def test_the_layouts_a_layout_asks_for_are_settled_in_the_same_call(qtbot):
    """Qt's sendPostedEvents() handles only the events posted before it began: the requests that layouts post while
    they are laid out waited for the paint's turn, and the window was laid out and painted again there."""
    got: list[str] = []
    outer = Relay(got, "outer")
    inner = Relay(got, "inner", then=outer)
    qtbot.addWidget(outer)
    qtbot.addWidget(inner)
    QCoreApplication.postEvent(inner, QEvent(QEvent.Type.LayoutRequest))
    settle_layouts(inner)
    assert got == ["inner", "outer"]
