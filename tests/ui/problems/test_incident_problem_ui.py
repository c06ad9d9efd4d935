"""Problem management in the incident editor (known-error banner, problem line, Similar tab) and in the
queue (Link selected to problem…, undone by Ctrl+Z), through the real widgets and window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select

from app.models import ConfigurationItem, Ticket
from app.tickets import writes as tickets
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def known(store, seeded):
    me = seeded["me"]
    with store.session() as s:
        ci = ConfigurationItem(name="vpn-gw-02")
        s.add(ci)
        s.flush()
        problem = tickets.create_ticket(s, ticket_type="problem", title="VPN gateway drops sessions", actor_id=me,
                                        ci_id=ci.id)
        tickets.update_ticket(s, ticket_id=problem.id, actor_id=me, changes={
            "workaround": "Reconnect with the backup gateway.", "known_error": True})
        hit = tickets.create_ticket(s, ticket_type="incident", title="VPN keeps disconnecting", actor_id=me,
                                    ci_id=ci.id, group_id=seeded["group"], assignee_id=me)
        other = tickets.create_ticket(s, ticket_type="incident", title="VPN disconnecting every hour", actor_id=me,
                                      ci_id=ci.id, group_id=seeded["group"], assignee_id=me)
        return {"problem": problem.id, "number": problem.number, "hit": hit.id, "other": other.id}


def ticket(store, ticket_id) -> Ticket:
    with store.session() as s:
        return s.scalar(select(Ticket).where(Ticket.id == ticket_id))


def test_known_error_banner_shows_the_workaround_and_links_in_one_click(qtbot, ctx, known, store, open_editor):
    editor = open_editor(known["hit"])
    strip = editor.ui.problem_strip
    qtbot.waitUntil(lambda: strip.known_error.isVisible())
    text = strip.known_error.message()
    assert known["number"] in text and "Reconnect with the backup gateway." in text and "same CI" in text
    assert strip.label.text() == "No problem linked."
    link = next(b for b in strip.known_error.buttons() if b.text().startswith("Link to"))
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket(store, known["hit"]).problem_id == known["problem"])
    qtbot.waitUntil(lambda: strip.label.text().startswith("Problem: " + known["number"]))
    assert strip.unlink_button.isVisible()
    qtbot.mouseClick(strip.unlink_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket(store, known["hit"]).problem_id is None)


def test_similar_tab_links_the_selected_incident_to_this_incident_problem(qtbot, ctx, known, store, open_editor):
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=known["hit"], actor_id=None, changes={"problem_id": known["problem"]})
    editor = open_editor(known["hit"])
    tabs = editor.ui.tabs
    tabs.setCurrentWidget(editor.ui.similar)
    similar = editor.ui.similar.list
    qtbot.waitUntil(lambda: similar.tree.topLevelItemCount() > 0)
    assert similar.tree.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == known["other"]
    # The button's text comes with the incident's problem, a read of its own that may answer after the list's.
    qtbot.waitUntil(lambda: similar.link_button.text() == "Link to " + known["number"])
    similar.tree.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(similar.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ticket(store, known["other"]).problem_id == known["problem"])


def test_queue_links_the_selection_to_a_problem_and_ctrl_z_undoes(qtbot, known, store, tmp_path, monkeypatch):
    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path, size=(1280, 720))
    try:
        queue = window.queue
        ids = {queue.model.row_id_at(r): queue.model.index(r, 0) for r in range(queue.model.rowCount())}
        wanted = {ticket(st, known["hit"]).row_id, ticket(st, known["other"]).row_id}
        view = queue.view
        for row_id, index in ids.items():
            if row_id in wanted:
                view.selectionModel().select(index, view.selectionModel().SelectionFlag.Select
                                             | view.selectionModel().SelectionFlag.Rows)
        qtbot.waitUntil(lambda: window.problem_actions.link_action.isEnabled())
        assert window.problem_actions.link_action in view.actions()  # the table's context menu
        window.problem_actions.link_action.trigger()
        picker = window.problem_actions.picker
        qtbot.waitUntil(lambda: picker.results.count() == 1)
        picker.accept()
        qtbot.waitUntil(lambda: {ticket(st, known["hit"]).problem_id, ticket(st, known["other"]).problem_id}
                        == {known["problem"]})
        wait_idle(qtbot, runner)
        assert window.bulk_edit.undo_label() == "Link to " + known["number"]
        window.undo()
        qtbot.waitUntil(lambda: ticket(st, known["hit"]).problem_id is None and ticket(st, known["other"]).problem_id
                        is None)

        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("VPN sessions drop", True))
        window.problem_actions.create_action.trigger()
        qtbot.waitUntil(lambda: ticket(st, known["hit"]).problem_id not in (None, known["problem"]))
        created = ticket(st, ticket(st, known["hit"]).problem_id)
        assert (created.type, created.title, created.ci_id) == ("problem", "VPN sessions drop",
                                                                  ticket(st, known["hit"]).ci_id)
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.pages["problems"])
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)


def test_queue_shows_open_major_incidents_first(qtbot, ctx, known, store):
    from tests.ui.conftest import shown_queue_page

    page = shown_queue_page(qtbot, ctx)
    assert not page.major_strip.isVisible()
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=known["hit"], actor_id=None, changes={"is_major": True})
        number = s.scalar(select(Ticket.number).where(Ticket.id == known["hit"]))
    page.major_strip.refresh()
    qtbot.waitUntil(page.major_strip.isVisible)
    assert f"Major incident {number}: VPN keeps disconnecting" in page.major_strip.message()
    with qtbot.waitSignal(ctx.events.open_ticket_requested) as opened:
        qtbot.mouseClick(page.major_strip.buttons()[0], Qt.MouseButton.LeftButton)
    assert opened.args == [known["hit"]]
    wait_idle(qtbot, ctx.runner)


def test_the_palette_offers_the_problems_page_and_the_queue_problem_actions(qtbot, known, store, tmp_path):
    from app.ui.dialogs.command_palette import SHORTCUT_ROLE, CommandPalette

    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        palette = window.findChild(CommandPalette)
        assert palette is not None and palette.isVisible()
        entries = {palette.list.item(i).text().replace("&", ""): palette.list.item(i).data(SHORTCUT_ROLE)
                   for i in range(palette.list.count())}
        assert entries["Go to problems"] == "Ctrl+6"
        assert entries["Link selected to problem…"] == "Ctrl+Shift+K"
        assert "Create problem from selected incidents…" in entries
        palette.reject()
        qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.pages["problems"])
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)
