"""The change feed in the views: an edit saved in one view refreshes another once when it is visible,
and not while it is hidden (then once when shown); no view announces anything by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.tickets import writes as tickets
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import shown_queue_page, wait_idle


def _ticket(store, seeded, title):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=seeded["me"],
                                     group_id=seeded["group"]).id


def _save_title(qtbot, editor, title):
    field = editor.ui.form.input_widget("title")
    field.clear()
    qtbot.keyClicks(field, title)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _settled(qtbot, ctx, refresher):
    qtbot.waitUntil(lambda: not refresher.pending and ctx.runner.is_idle(), timeout=10_000)


def _titles(qtbot, page):
    """The queue's titles once every row's values are in (pages load on the read pool, after the count)."""
    model = page.model
    qtbot.waitUntil(lambda: all(model.row_at(r) is not None for r in range(model.count)), timeout=10_000)
    return [model.row_at(r).title for r in range(model.count)]


def test_an_edit_in_the_editor_refreshes_the_queue_once_when_visible_and_not_while_hidden(qtbot, ctx, store,
                                                                                           seeded):
    ticket_id = _ticket(store, seeded, "Printer on fire")
    _ticket(store, seeded, "Badge reader")
    page = shown_queue_page(qtbot, ctx, size=(1000, 600))
    refreshes: list[int] = []
    page.first_page_shown.connect(refreshes.append)
    editor = TicketEditor(ctx, ticket_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.settled(), timeout=10_000)
    wait_idle(qtbot, ctx.runner)

    _save_title(qtbot, editor, "Printer on fire again")
    qtbot.waitUntil(lambda: len(refreshes) == 1, timeout=10_000)
    _settled(qtbot, ctx, page.stale_rows)
    titles = _titles(qtbot, page)
    assert "Printer on fire again" in titles and len(refreshes) == 1

    page.hide()
    _save_title(qtbot, editor, "Printer fixed")
    wait_idle(qtbot, ctx.runner)
    assert page.stale_rows.stale and len(refreshes) == 1  # hidden: nothing read for it
    _save_title(qtbot, editor, "Printer fixed for good")  # a second edit while hidden: still one refresh owed
    wait_idle(qtbot, ctx.runner)
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        page.show()
    _settled(qtbot, ctx, page.stale_rows)
    assert len(refreshes) == 2
    assert "Printer fixed for good" in _titles(qtbot, page)


def test_a_burst_of_edits_makes_one_refresh(qtbot, ctx, store, seeded):
    ids = [_ticket(store, seeded, f"Ticket {i}") for i in range(5)]
    page = shown_queue_page(qtbot, ctx)
    refreshes: list[int] = []
    page.first_page_shown.connect(refreshes.append)
    me = ctx.me
    tasks = [ctx.runner.op(lambda s, tid=tid, i=i: tickets.update_ticket(
        s, ticket_id=tid, changes={"title": f"Renamed {i}"}, actor_id=me)) for i, tid in enumerate(ids)]
    for task in tasks:  # all five commit before the GUI thread hears of any: their records come in a burst
        assert task.done.wait(10)
    wait_idle(qtbot, ctx.runner)
    qtbot.waitUntil(lambda: len(refreshes) == 1, timeout=10_000)
    _settled(qtbot, ctx, page.stale_rows)
    assert len(refreshes) == 1
