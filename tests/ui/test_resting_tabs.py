"""Ticket tabs beyond the last few shown rest (their editors back in the pool, a stand-in keeping the tab), and
come back when shown; an editor holding anything of the user's never rests."""

import pytest

from app.tickets import writes as tickets
from app.ui.resting_tabs import RestingTicket
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import close_window, open_window, wait_idle

LIVE = 3


@pytest.fixture
def desk(store, seeded):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"Printer {n} jams", actor_id=seeded["me"]).id
               for n in range(6)]
    path = store.path
    store.close()
    return path, ids


@pytest.fixture
def window(qtbot, desk, tmp_path):
    window, runner, st = open_window(qtbot, desk[0], tmp_path)
    window.tab_rest.live = LIVE
    yield window
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def open_ticket(qtbot, window, ticket_id):
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(ticket_id)
    wait_idle(qtbot, window.ctx.runner)


def ticket_tabs(window):
    return [window.tabs.widget(i) for i in range(window.pinned, window.tabs.count())]


def test_the_least_recently_shown_tickets_rest_and_come_back_when_shown(qtbot, window, desk):
    _path, ids = desk
    for ticket_id in ids[:5]:
        open_ticket(qtbot, window, ticket_id)
    qtbot.waitUntil(lambda: len(window.editors()) == LIVE, timeout=5_000)
    tabs = ticket_tabs(window)
    assert [w.ticket_id for w in tabs] == ids[:5]  # every tab kept, in its place
    assert [type(w) for w in tabs[:2]] == [RestingTicket, RestingTicket]
    assert all(isinstance(w, TicketEditor) for w in tabs[2:])
    titles = [window.tabs.tabText(window.pinned + i) for i in range(5)]
    assert all("Printer" in t for t in titles)  # the resting tabs keep the ticket's title

    # Shown again (a click on its tab): the ticket is in an editor at the same place, and the
    # least recently shown of the others rests in turn.
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000) as shown:
        window.tabs.setCurrentIndex(window.pinned)
    assert shown.args == [ids[0]]
    current = window.tabs.currentWidget()
    assert isinstance(current, TicketEditor) and current.ticket_id == ids[0]
    assert window.tabs.indexOf(current) == window.pinned
    assert current.detail() is not None and current.detail().title == "Printer 0 jams"
    qtbot.waitUntil(lambda: len(window.editors()) == LIVE, timeout=5_000)
    assert isinstance(ticket_tabs(window)[2], RestingTicket)  # ids[2]: shown longest ago

    # Opening a resting ticket from the queue finds its tab instead of opening a second one.
    window.open_ticket(ids[1])
    assert window.tabs.currentIndex() == window.pinned + 1
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), TicketEditor), timeout=5_000)
    assert len(ticket_tabs(window)) == 5

    # Closing a resting tab closes it like any other.
    resting = next(w for w in ticket_tabs(window) if isinstance(w, RestingTicket))
    window._on_tabs_close_requested(window.tabs.indexOf(resting))
    assert len(ticket_tabs(window)) == 4
    assert resting.ticket_id not in [w.ticket_id for w in ticket_tabs(window)]


def test_an_editor_with_input_never_rests(qtbot, window, desk):
    _path, ids = desk
    open_ticket(qtbot, window, ids[0])
    edited = window.current_editor()
    qtbot.keyClicks(edited.ui.form.input_widget("title"), ": toner smeared")  # typed, not saved
    open_ticket(qtbot, window, ids[1])
    typing = window.current_editor()
    qtbot.keyClicks(typing.ui.worklog.body, "Called the user back")  # an unsent worklog entry
    for ticket_id in ids[2:6]:
        open_ticket(qtbot, window, ticket_id)
    qtbot.waitUntil(lambda: len(window.editors()) == LIVE, timeout=5_000)
    tabs = ticket_tabs(window)
    # The two holding input stay built whatever the limit; the others shown longest ago rest.
    assert tabs[0] is edited and tabs[1] is typing
    assert edited.ui.form.input_widget("title").text().endswith(": toner smeared")
    assert typing.ui.worklog.body.toPlainText() == "Called the user back"
    assert [type(w) for w in tabs[2:]] == [RestingTicket, RestingTicket, RestingTicket, TicketEditor]
    # (The input is let go here, so that closing the window asks nothing.)
    edited.revert()
    typing.ui.worklog.body.clear()
