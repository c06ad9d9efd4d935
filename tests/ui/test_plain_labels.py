"""User-supplied text (people's and groups' names, titles, view names) shows literally in every label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.changes import writes as changes
from app.models import Group, Person
from app.people import reference
from app.tickets import views
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import close_window, open_window, wait_idle

EVE = "<b>Eve</b><img src=x>"


def test_names_and_titles_with_markup_show_literally_in_every_label(qtbot, store, tmp_path):
    with store.session() as s:
        me = reference.ensure_local_user(s, name=EVE)
        group = Group(name="<i>Net</i>work")
        group.members.append(s.get(Person, me))
        s.add(group)
        s.flush()
        tid = tickets.create_ticket(s, ticket_type="incident", title="<h1>Printer</h1> jams", actor_id=me,
                                    group_id=group.id, assignee_id=me).id
        changes.create_change(s, change_type="normal", title="<u>Patch</u> the relay", actor_id=me,
                              group_id=group.id)
        view = views.save_view(s, name="<b>Mine</b>", flt=QueueFilter(group_ids=(group.id,)), sort=QueueSort(),
                               owner_id=me)
    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        window.queue.views_panel.select_key(view.key)
        window.open_ticket(tid)
        editor = window.current_editor()
        assert isinstance(editor, TicketEditor)
        qtbot.waitUntil(lambda: editor.settled(), timeout=10_000)
        window.show_page("changes")
        wait_idle(qtbot, runner)
        shown = [label for label in window.findChildren(QLabel)
                 if any(mark in label.text() for mark in ("<b>", "<i>", "<h1>", "<u>"))]
        texts = {label.text() for label in shown}
        assert any(EVE in t for t in texts)  # the status bar's user
        assert "<b>Mine</b>" in texts  # the queue's title
        assert any("<h1>Printer</h1> jams" in t for t in texts)  # the ticket's header
        rich = [label.text() for label in shown if label.textFormat() != Qt.TextFormat.PlainText]
        assert rich == []
        # Tooltips: Qt guesses rich text there, so user text goes in escaped (the words, not the markup).
        tab_tip = window.tabs.tabToolTip(window.tabs.indexOf(editor))
        assert "<h1>" not in tab_tip and "&lt;h1&gt;Printer&lt;/h1&gt; jams" in tab_tip
        model = window.queue.model
        title_column = next(c for c, column in enumerate(model.columns) if column.key == "title")
        title_tip = model.data(model.index(0, title_column), Qt.ItemDataRole.ToolTipRole)
        assert "<h1>" not in title_tip and "&lt;h1&gt;Printer" in title_tip
        panel = window.queue.views_panel
        tips = [panel.item(i).toolTip() for i in range(panel.count())]
        assert any("&lt;b&gt;Mine&lt;/b&gt;" in t for t in tips) and not any("<b>Mine" in t for t in tips)
    finally:
        close_window(qtbot, window, runner, st)
