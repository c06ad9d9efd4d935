"""Ctrl+W closes the current ticket or change tab (never a pinned page), and closing a tab returns to the
page the user came from, the queue by default."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.changes import writes as changes
from app.tickets import writes as tickets
from app.ui.changes.editor import ChangeEditor
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def desk(store, seeded):
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Mail bounce", actor_id=seeded["me"],
                                      group_id=seeded["group"], assignee_id=seeded["me"]).id
        second = tickets.create_ticket(s, ticket_type="incident", title="Laptop fan", actor_id=seeded["me"]).id
        start = datetime(2031, 5, 6, 20, 0, tzinfo=UTC)
        change = changes.create_change(s, change_type="normal", title="Patch mail relay", actor_id=seeded["me"],
                                       planned_start=start, planned_end=start + timedelta(hours=2)).id
    path = store.path
    store.close()
    return path, first, second, change


@pytest.fixture
def window(qtbot, desk, tmp_path):
    window, runner, st = open_window(qtbot, desk[0], tmp_path)
    yield window
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def ctrl_w(qtbot, window):
    target = window.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)


def open_ticket(qtbot, window, ticket_id):
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        window.open_ticket(ticket_id)
    window.current_editor().setFocus()


def test_ctrl_w_closes_a_ticket_tab_and_returns_to_the_queue(qtbot, window, desk):
    _path, first, _second, _change = desk
    pinned = window.tabs.count()
    open_ticket(qtbot, window, first)
    assert window.tabs.count() == pinned + 1
    ctrl_w(qtbot, window)
    assert window.tabs.count() == pinned
    assert window.tabs.currentWidget() is window.queue  # not the Dashboard, the tab next to it

    # Pinned pages stay open whatever Ctrl+W is pressed on.
    window.show_page("calendar")
    ctrl_w(qtbot, window)
    assert window.tabs.count() == pinned
    assert window.tabs.currentWidget() is window.pages["calendar"]


def test_closing_returns_to_the_page_the_tab_was_opened_from(qtbot, window, desk):
    _path, first, second, change = desk
    pinned = window.tabs.count()
    # Calendar -> a change: closing it goes back to the calendar.
    window.show_page("calendar")
    window.open_change(change)
    editor = window.tabs.currentWidget()
    assert isinstance(editor, ChangeEditor)
    qtbot.waitUntil(lambda: editor.title_text() != "", timeout=10_000)
    wait_idle(qtbot, window.ctx.runner)
    editor.setFocus()
    ctrl_w(qtbot, window)
    assert window.tabs.count() == pinned
    assert window.tabs.currentWidget() is window.pages["calendar"]

    # Queue -> ticket A -> ticket B: closing B shows A, closing A shows the queue.
    window.show_queue()
    open_ticket(qtbot, window, first)
    open_ticket(qtbot, window, second)
    ctrl_w(qtbot, window)
    shown = window.tabs.currentWidget()
    assert isinstance(shown, TicketEditor) and shown.ticket_id == first
    shown.setFocus()
    ctrl_w(qtbot, window)
    assert window.tabs.currentWidget() is window.queue
    # The close button of a tab in the background does not move the user.
    open_ticket(qtbot, window, first)
    window.show_page("dashboard")
    window.tabs.tabCloseRequested.emit(window.tabs.indexOf(window.editors()[0]))
    assert window.tabs.currentWidget() is window.pages["dashboard"] and window.tabs.count() == pinned
