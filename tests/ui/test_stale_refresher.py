"""A view named by the change feed refreshes once while shown, or when it is shown next; its events are watched only
while it waits for that (every event of a watched widget, paints included, was a call into Python)."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.events import AppEvents
from app.ui.widgets.stale_refresher import StaleRefresher
from core.feed import Change, ChangeRecord


def record(entity: str) -> ChangeRecord:
    return ChangeRecord((Change(entity),))


def watched(view: QWidget, delay_ms: int) -> tuple[AppEvents, StaleRefresher, list[int]]:
    """A refresher of `view` for tickets: (its events, the refresher, one entry per refresh run)."""
    events = AppEvents()
    refreshed: list[int] = []
    return events, StaleRefresher(view, events, ("ticket",), lambda: refreshed.append(1), delay_ms=delay_ms), refreshed


def shown_view(qtbot) -> QLabel:
    view = QLabel("tickets")
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_shown_view_refreshes_once_for_a_burst_and_is_never_watched(qtbot):
    events, refresher, refreshed = watched(shown_view(qtbot), 10)
    for _ in range(3):
        events.changed.emit(record("ticket"))
    events.changed.emit(record("article"))  # not its entity
    qtbot.waitUntil(lambda: refreshed == [1])
    qtbot.wait(30)
    assert refreshed == [1] and not refresher.stale and not refresher._watching


def test_a_hidden_view_is_watched_while_stale_and_refreshes_when_shown(qtbot):
    page = QWidget()
    view = QLabel("tickets", page)
    QVBoxLayout(page).addWidget(view)
    qtbot.addWidget(page)
    events, refresher, refreshed = watched(view, 10)
    assert not refresher._watching  # nothing owed: its events do not go through Python
    events.changed.emit(record("ticket"))
    assert refresher.stale and refresher._watching
    qtbot.wait(30)
    assert refreshed == []  # hidden (its page is): nothing read for it
    page.show()
    qtbot.waitUntil(lambda: refreshed == [1])
    assert not refresher.stale and not refresher._watching


def test_a_view_hidden_before_its_timer_refreshes_when_shown_again(qtbot):
    view = shown_view(qtbot)
    events, refresher, refreshed = watched(view, 20)
    events.changed.emit(record("ticket"))
    view.hide()
    qtbot.wait(60)
    assert refreshed == [] and refresher.stale and refresher._watching
    view.show()
    qtbot.waitUntil(lambda: refreshed == [1])
    assert not refresher._watching
