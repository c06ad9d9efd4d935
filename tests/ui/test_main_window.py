"""The whole window, as a user drives it: new ticket, bulk assign with undo, search, palette, and a
restart that finds everything still there."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.models import Ticket
from app.ui.dialogs.command_palette import SHORTCUT_ROLE, CommandPalette
from app.ui.ticket.editor import TicketEditor
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from tests.ui.conftest import close_window, open_window, wait_idle


def test_new_ticket_bulk_assign_undo_search_and_restart(qtbot, desk_path, seeded, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    window.queue.views_panel.select_key("all")
    qtbot.waitUntil(lambda: window.queue.model.count == 3, timeout=10_000)

    # Ctrl+N opens the new-ticket dialog; type a title, create; the ticket opens in a tab.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewTicketDialog)
    assert dialog is not None and dialog.isVisible()
    title = next(w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "Title")
    qtbot.keyClicks(title, "Projector in boardroom shows no signal")
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), TicketEditor), timeout=10_000)
    wait_idle(qtbot, runner)
    window.show_queue()  # the queue, hidden behind the new ticket's tab, catches up when shown
    qtbot.waitUntil(lambda: window.queue.model.count == 4, timeout=10_000)

    # Bulk-assign everything to Bob, then undo the whole batch with one Ctrl+Z.
    window.show_queue()
    window.queue.view.selectAll()
    rows = window.queue.selected_row_ids()
    assert len(rows) == 4
    window.bulk_edit.apply(rows, {"assignee_id": seeded["bob"]}, "Assign")
    wait_idle(qtbot, runner)
    with st.session() as s:
        assert {t.assignee_id for t in s.query(Ticket)} == {seeded["bob"]}
    assert window.actions_by_id["edit.undo"].isEnabled()
    window.queue.view.setFocus()
    window.actions_by_id["edit.undo"].trigger()
    wait_idle(qtbot, runner)
    with st.session() as s:
        assignees = sorted((t.title, t.assignee_id or "") for t in s.query(Ticket))
    assert dict(assignees)["Mail bounce for finance"] == seeded["me"]
    assert dict(assignees)["Wi-Fi slow in room 4"] == ""

    # Search narrows the queue.
    qtbot.keyClicks(window.queue.filter_bar.search, "projector")
    qtbot.waitUntil(lambda: window.queue.model.count == 1, timeout=10_000)
    close_window(qtbot, window, runner, st)

    # Start again on the same store: the new ticket is there and searchable.
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    window.queue.views_panel.select_key("all")
    qtbot.waitUntil(lambda: window.queue.model.count == 4, timeout=10_000)
    qtbot.keyClicks(window.queue.filter_bar.search, "boardroom")
    qtbot.waitUntil(lambda: window.queue.model.count == 1, timeout=10_000)
    close_window(qtbot, window, runner, st)


def test_command_palette_lists_actions_and_opens_numbers(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.findChild(CommandPalette)
    assert palette is not None and palette.isVisible()
    texts = [(palette.list.item(i).text(), palette.list.item(i).data(SHORTCUT_ROLE))
             for i in range(palette.list.count())]
    assert ("New ticket…", "Ctrl+N") in texts
    assert ("Refresh", "F5") in texts
    qtbot.keyClicks(palette.input, "INC0000002")
    assert palette.list.item(0).text() == "Open ticket INC0000002"
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        qtbot.keyClick(palette.input, Qt.Key.Key_Return)
    assert window.current_editor() is not None
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def test_f5_and_keyboard_navigation(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    window.queue.views_panel.select_key("all")
    qtbot.waitUntil(lambda: window.queue.model.count == 3, timeout=10_000)
    wait_idle(qtbot, runner)
    window.show_queue()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_J)
    assert window.queue.view.currentIndex().row() == 1
    with qtbot.waitSignal(window.queue.first_page_shown, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_idle(qtbot, runner)
    assert window.queue.view.currentIndex().row() == 1  # kept across the refresh
    bar, page = window.tabs.tabBar().height(), window.queue.size()
    with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
        qtbot.keyClick(window.queue.view, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    # The first ticket tab (the first with a close button) leaves the tab bar's height, so every page's size, as it was.
    assert window.tabs.count() == window.pinned + 1 and window.tabs.tabBar().height() == bar
    assert window.queue.size() == page
    window.close_current_tab()
    qtbot.waitUntil(lambda: window.tabs.count() == window.pinned, timeout=10_000)
    assert window.tabs.tabBar().height() == bar
    close_window(qtbot, window, runner, st)


def test_pages_build_on_first_show_and_every_action_reaches_the_palette(qtbot, desk_path, tmp_path):
    from app.ui.dialogs.sla_policy_dialog import SlaPolicyDialog

    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        assert all(slot.page is None for slot in window.pages.values())  # start-up pays for the queue only
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        # The tab comes to the front at once; its page is built on the turns after (app.ui.page_slot).
        assert window.tabs.currentWidget() is window.pages["calendar"] and window.pages["calendar"].page is None
        qtbot.waitUntil(lambda: window.pages["calendar"].page is not None, timeout=10_000)
        assert window.pages["dashboard"].page is None
        assert not window.actions_by_id["tab.close"].isEnabled()  # a pinned page does not close
        window.show_page("changes")
        assert window.tabs.currentWidget() is window.pages["changes"]

        window.actions_by_id["app.sla_policies"].trigger()
        dialog = window.findChild(SlaPolicyDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.reject()

        window.actions_by_id["app.palette"].trigger()
        palette = window.findChild(CommandPalette)
        names = {palette.list.item(i).text() for i in range(palette.list.count())}
        palette.reject()
        assert any("Sync now" in n for n in names) and any("calendar" in n.lower() for n in names)
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def test_find_ticket_by_number_opens_it_or_says_none_is(qtbot, desk_path, tmp_path, monkeypatch):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    with st.session() as s:
        ticket = s.query(Ticket).filter(Ticket.title == "Wi-Fi slow in room 4").one()
        tid, number = ticket.id, ticket.number
    window.open_ticket_number(f" {number.lower()} ")
    qtbot.waitUntil(lambda: isinstance(window.tabs.currentWidget(), TicketEditor)
                    and window.tabs.currentWidget().ticket_id == tid, timeout=10_000)
    errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    window.open_ticket_number("INC404")
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "No ticket is numbered INC404" in errors[0]
    assert window.tabs.currentWidget().ticket_id == tid
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def test_the_busy_indicator_shows_only_for_work_that_lasts(qtbot, desk_path, tmp_path):
    import threading

    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    layout_before = window.statusBar().sizeHint()
    release = threading.Event()
    runner.query(lambda s: release.wait(10))
    assert not window.busy.isVisible()  # not at once: most reads answer within milliseconds
    qtbot.waitUntil(window.busy.isVisible, timeout=5_000)  # ... but a lasting one shows
    release.set()
    qtbot.waitUntil(lambda: not window.busy.isVisible(), timeout=5_000)
    runner.query(lambda s: None)  # a quick one: done before the indicator's delay
    wait_idle(qtbot, runner)
    qtbot.wait(2 * window._busy_later.interval())
    assert not window.busy.isVisible() and window.statusBar().sizeHint() == layout_before
    close_window(qtbot, window, runner, st)
