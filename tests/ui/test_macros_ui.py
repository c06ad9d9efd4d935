"""Templates and macros through the real widgets: the composer's picker, the palette, a key, a run and its undo."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox
from sqlalchemy import select

from app.macros import ops, queries
from app.models import OutboxMutation, Ticket, WorklogEntry
from app.store import open_store
from app.tickets import writes as tickets
from app.ui.dialogs.command_palette import CommandPalette
from app.ui.macros.macros_page import MacrosPage
from app.ui.ticket.template_picker import TemplatePicker
from tests.ui.conftest import close_window, open_window, wait_idle

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_t_in_the_composer_opens_the_picker_and_inserts_the_expanded_text(qtbot, ctx, store, seeded,
                                                                                      open_editor):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Printer offline", actor_id=seeded["me"],
                                    requester_id=seeded["requester"], number="INC0000321").id
        for name, body in (("Greeting", "Hello {{requester.first_name}}, about {{ticket.number}}."),
                           ("Deadline", "Due {{sla.due}}; filed under {{ticket.category}}. {{agent.first_name}}")):
            ops.save_template(s, template_id=None, values={"name": name, "body": body}, shared=True,
                              actor_id=seeded["me"])
    editor = open_editor(tid)
    view = editor.ui.worklog
    editor.ui.tabs.setCurrentWidget(view)
    assert "Ctrl+Shift+T" in view.body.placeholderText() and "Ctrl+Shift+T" in view.templates.button.toolTip()
    view.body.setFocus()
    qtbot.keyClicks(view.body, "Hi. ")
    qtbot.keyClick(view.body, Qt.Key.Key_T, CTRL_SHIFT)
    picker = view.templates.picker
    assert isinstance(picker, TemplatePicker) and picker.isVisible()
    qtbot.waitUntil(lambda: picker.list.count() == 2)
    with qtbot.waitSignal(picker.listed, timeout=5000):
        qtbot.keyClicks(picker.search, "greet")
    assert picker.list.count() == 1 and "{{requester.first_name}}" in picker.preview.toPlainText()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.templates.picker is None)
    assert view.body.toPlainText() == "Hi. Hello Rita, about INC0000321."
    assert not view.templates.note.isVisible()

    # The SLA's due time is filled in; a variable without a value here (no category) is left blank, and the
    # composer says so.
    view.templates.open_picker()
    picker = view.templates.picker
    qtbot.waitUntil(lambda: picker.list.count() == 2)
    picker.search.setText("deadline")
    qtbot.waitUntil(lambda: picker.list.count() == 1)
    picker.choose()
    qtbot.waitUntil(lambda: view.templates.picker is None)
    assert re.search(r"Due \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d; filed under \. Ada$", view.body.toPlainText())
    assert view.templates.note.isVisible() and "{{ticket.category}}" in view.templates.note.text()
    wait_idle(qtbot, ctx.runner)


def _desk_with_macros(store, seeded):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"Laptop {i}", actor_id=seeded["me"],
                                     group_id=seeded["group"]).id for i in range(3)]
        macro = ops.save_macro(s, macro_id=None, shared=True, actor_id=seeded["me"], values={
            "name": "Take it", "changes": {"assignee_id": "@me", "urgency": 1},
            "entry_kind": "note", "entry_body": "Taken by {{agent.name}}."}).id
    path = store.path
    store.close()
    return path, ids, macro


def _state(path, ids):
    st = open_store(path)
    try:
        with st.session() as s:
            rows = {t.id: (t.assignee_id, t.urgency) for t in s.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
            notes = len(s.scalars(select(WorklogEntry.id).where(WorklogEntry.ticket_id.in_(ids))).all())
        return rows, notes
    finally:
        st.close()


def test_the_palette_lists_macros_and_runs_one_on_the_selection_with_one_undo(qtbot, store, seeded, tmp_path):
    path, ids, _macro = _desk_with_macros(store, seeded)
    before = _state(path, ids)
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        qtbot.waitUntil(lambda: len(window.macros.actions) == 1)
        window.queue.views_panel.select_key("all")
        qtbot.waitUntil(lambda: window.queue.model.count == 3, timeout=10_000)
        wait_idle(qtbot, runner)
        window.queue.view.selectAll()
        qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        palette = window.findChild(CommandPalette)
        qtbot.keyClicks(palette.input, "take it")
        assert palette.list.count() == 1 and palette.list.item(0).text() == "Macro: Take it"
        with qtbot.waitSignal(window.macros.applied, timeout=10_000) as applied:
            qtbot.keyClick(palette.input, Qt.Key.Key_Return)
        assert len(applied.args[0].changed) == 3 and applied.args[0].entries == 3
        wait_idle(qtbot, runner)
        rows, notes = _state(path, ids)
        assert set(rows.values()) == {(seeded["me"], 1)} and notes == 3
        assert window.actions_by_id["edit.undo"].text() == "&Undo macro “Take it”"
        with qtbot.waitSignal(window.macros.undone, timeout=10_000):
            window.actions_by_id["macro.undo"].trigger()
        wait_idle(qtbot, runner)
        assert _state(path, ids) == before
    finally:
        close_window(qtbot, window, runner, st)


def test_a_macro_bound_to_a_key_runs_on_the_open_ticket_and_a_taken_key_is_refused(qtbot, store, seeded, tmp_path):
    path, ids, macro = _desk_with_macros(store, seeded)
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        page = window.show_page("macros")
        page.activate("macros")
        tab = page.macros
        qtbot.waitUntil(lambda: tab.list.count() == 1)
        tab.select(macro)
        tab.keys.setKeySequence(QKeySequence("Ctrl+K"))  # the command palette's
        tab.save()
        qtbot.waitUntil(lambda: tab.error.isVisible())
        assert "already a shortcut of Deskside" in tab.error.text()
        tab.keys.setKeySequence(QKeySequence("Alt+Shift+1"))
        with qtbot.waitSignal(tab.saved, timeout=10_000):
            tab.save()
        qtbot.waitUntil(lambda: window.macros.actions.get(macro) is not None
                        and window.macros.actions[macro].shortcut().toString() == "Alt+Shift+1")
        window.open_ticket(ids[1])
        qtbot.waitUntil(lambda: window.current_editor() is not None and window.current_editor().detail() is not None)
        with qtbot.waitSignal(window.macros.applied, timeout=10_000) as applied:
            qtbot.keyClick(window.current_editor(), Qt.Key.Key_1,
                           Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
        assert len(applied.args[0].changed) == 1
        wait_idle(qtbot, runner)
        rows, _notes = _state(path, ids)
        assert rows[ids[1]] == (seeded["me"], 1) and rows[ids[0]][0] is None
    finally:
        close_window(qtbot, window, runner, st)


def test_the_editors_macro_button_lists_macros_and_applies_one_to_its_ticket(qtbot, store, seeded, tmp_path):
    path, ids, _macro = _desk_with_macros(store, seeded)
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        window.open_ticket(ids[2])
        qtbot.waitUntil(lambda: window.current_editor() is not None and window.current_editor().detail() is not None)
        button = window.current_editor().ui.macro_button
        button.menu().aboutToShow.emit()
        qtbot.waitUntil(lambda: [a.text() for a in button.menu().actions()] == ["Take it"])
        with qtbot.waitSignal(window.macros.applied, timeout=10_000):
            button.menu().actions()[0].trigger()
        wait_idle(qtbot, runner)
        rows, notes = _state(path, ids)
        assert rows[ids[2]] == (seeded["me"], 1) and notes == 1
        assert window.actions_by_id["macro.undo"].isEnabled()
    finally:
        close_window(qtbot, window, runner, st)


def test_undo_after_the_reply_was_pushed_says_a_sent_reply_cannot_be_unsent(qtbot, store, seeded, tmp_path):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Mouse", actor_id=seeded["me"],
                                    group_id=seeded["group"], requester_id=seeded["requester"],
                                    number="INC0000777").id
        ops.save_macro(s, macro_id=None, shared=True, actor_id=seeded["me"], values={
            "name": "Ack", "changes": {"urgency": 2}, "entry_kind": "reply",
            "entry_body": "On it, {{requester.name}}."})
    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        qtbot.waitUntil(lambda: len(window.macros.actions) == 1)
        window.open_ticket(tid)
        qtbot.waitUntil(lambda: window.current_editor() is not None and window.current_editor().detail() is not None)
        with qtbot.waitSignal(window.macros.applied, timeout=10_000):
            next(iter(window.macros.actions.values())).trigger()
        wait_idle(qtbot, runner)
        with st.session() as s:  # the sync pushed everything meanwhile (its receipts empty the outbox)
            s.execute(OutboxMutation.__table__.delete())
        with qtbot.waitSignal(window.macros.undone, timeout=10_000) as undone:
            window.actions_by_id["macro.undo"].trigger()
        assert undone.args[0].kept_sent == (("INC0000777", "reply"),)
        box = window.findChild(QMessageBox, "MacroReport")
        qtbot.waitUntil(lambda: box is not None and box.isVisible())
        assert "A sent reply cannot be unsent" in box.text()
        assert "INC0000777: its public reply was already sent to the team server, so it stays" in box.informativeText()
        box.accept()
        with st.session() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.id == tid))
            replies = s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == tid)).all()
        assert ticket.urgency == 3 and replies == ["On it, Rita Requester."]
    finally:
        close_window(qtbot, window, runner, st)


def test_the_manager_saves_a_template_and_a_macro_and_shows_a_refusal_inline(qtbot, ctx, store, seeded):
    page = MacrosPage(ctx)
    qtbot.addWidget(page)
    page.show()
    tab = page.templates
    qtbot.waitUntil(lambda: tab.heading.text() == "New")
    tab.name.setText("Apology")
    tab.body.setPlainText("Sorry {{requester.frist_name}}")
    tab.save()
    qtbot.waitUntil(tab.error.isVisible)
    assert "Unknown variable {{requester.frist_name}}" in tab.error.text()
    assert tab.body.toPlainText() == "Sorry {{requester.frist_name}}"  # the refused text stays to be fixed
    tab.body.setPlainText("Sorry, ")
    tab.shared.setChecked(False)
    with qtbot.waitSignal(tab.saved, timeout=5000):
        tab.save()
    qtbot.waitUntil(lambda: tab.list.count() == 1)
    assert tab.list.item(0).text() == "Apology  ·  mine"

    page.activate("macros")
    macros = page.macros
    macros.name.setText("Hold for vendor")
    macros.set_boxes["state"].setChecked(True)
    macros.editors["state"].setCurrentIndex(macros.editors["state"].findData("on_hold"))
    macros.save()
    qtbot.waitUntil(macros.error.isVisible)
    assert "sets the on-hold reason too" in macros.error.text()
    macros.set_boxes["on_hold_reason"].setChecked(True)
    macros.editors["on_hold_reason"].setCurrentIndex(macros.editors["on_hold_reason"].findData("awaiting_vendor"))
    with qtbot.waitSignal(macros.saved, timeout=5000):
        macros.save()
    with store.session() as s:
        saved = queries.list_macros(s, me=seeded["me"])
    assert [(m.name, m.changes, m.shared) for m in saved] == [
        ("Hold for vendor", {"on_hold_reason": "awaiting_vendor", "state": "on_hold"}, True)]
    wait_idle(qtbot, ctx.runner)


def test_the_queues_context_menu_offers_the_bulk_actions_and_the_macros(qtbot, store, seeded, tmp_path):
    path, _ids, _macro = _desk_with_macros(store, seeded)
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        qtbot.waitUntil(lambda: len(window.macros.actions) == 1)
        view = window.queue.view
        assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        view.customContextMenuRequested.emit(view.viewport().rect().center())
        menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
        texts = [a.text() for a in menu.actions()]
        assert "&Assign selected…" in texts and "Apply &macro" in texts
        submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
        assert [a.text() for a in submenu.actions() if a.text()][:1] == ["Macro: Take it"]
        menu.close()
    finally:
        close_window(qtbot, window, runner, st)


def test_a_template_that_cannot_be_read_keeps_the_picker_and_says_nothing_was_changed(qtbot, ctx, store, seeded,
                                                                                       open_editor, monkeypatch):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Printer offline", actor_id=seeded["me"]).id
        ops.save_template(s, template_id=None, values={"name": "Greeting", "body": "Hello."}, shared=True,
                          actor_id=seeded["me"])
    editor = open_editor(tid)
    view = editor.ui.worklog
    editor.ui.tabs.setCurrentWidget(view)
    view.body.setPlainText("Typed first. ")

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(queries, "expand_template", broken)
    view.templates.open_picker()
    picker = view.templates.picker
    qtbot.waitUntil(lambda: picker.list.count() == 1)
    picker.list.setCurrentRow(0)
    picker.choose()
    qtbot.waitUntil(lambda: bool(picker.status.text()), timeout=5000)
    told = picker.status.text()
    assert "could not be read" in told and "not saved" not in told
    assert picker.insert_button.isEnabled() and view.body.toPlainText() == "Typed first. "
    picker.reject()
