"""The ticket editor, driven through its widgets against a real store and task runner."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from sqlalchemy import select

from app.models import Group, Person, Ticket, TicketLink, WorklogEntry
from app.people import reference
from app.tickets import drafts
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from app.ui.ticket.fields_form import FIELDS
from tests.ui.conftest import publish_change, wait_idle


def make_ticket(store, seeded, **fields):
    values = {"title": "Printer on fire", "requester_id": seeded["requester"], "group_id": seeded["group"],
              "assignee_id": seeded["me"], "description": "It smokes.\nSee https://wiki.example.com/p"}
    values.update(fields)
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type=values.pop("type", "incident"), actor_id=seeded["me"],
                                     **values).id


def stored(store, ticket_id):
    with store.session() as s:
        return ticket_detail(s, ticket_id=ticket_id)


@pytest.fixture
def announced(ctx):
    seen = []
    ctx.events.changed.connect(seen.append)
    return seen


def choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def retype(qtbot, line_edit, text):
    line_edit.clear()
    qtbot.keyClicks(line_edit, text)


def test_edit_title_and_impact_then_save_with_ctrl_s(qtbot, ctx, store, seeded, open_editor, announced):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    titles = []
    editor.title_changed.connect(titles.append)
    priority = editor.ui.form.input_widget("priority")
    assert priority.combo.current_id() == 5 and not priority.combo.isEnabled()

    with qtbot.waitSignal(editor.dirty_changed) as dirty:
        retype(qtbot, editor.ui.form.input_widget("title"), "Printer on fire again")
    assert dirty.args == [True]
    assert titles[-1] == "INC0000001 • Printer on fire *"
    choose(editor.ui.form.input_widget("impact"), 1)
    assert priority.combo.current_id() == 3  # the matrix, live
    choose(editor.ui.form.input_widget("urgency"), 1)
    assert priority.combo.current_id() == 1 and priority.value() is None

    # A window-wide Save action on the same keys (as a main window has) must not make Ctrl+S ambiguous.
    window_save = QAction("Save ticket", editor)
    window_save.setShortcut(QKeySequence.StandardKey.Save)
    editor.addAction(window_save)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(editor.ui.form.input_widget("title"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [ticket_id]
    wait_idle(qtbot, ctx.runner)

    detail = stored(store, ticket_id)
    assert (detail.title, detail.impact, detail.urgency, detail.priority) == ("Printer on fire again", 1, 1, 1)
    assert not detail.priority_overridden
    assert not editor.has_unsaved_changes() and titles[-1] == "INC0000001 • Printer on fire again"
    assert editor.ui.header.priority.text() == "P1 Critical"
    assert any(r.names("ticket", ticket_id) and r.change_of("ticket").fields >= {"title", "impact"} for r in announced)


def test_priority_override_must_be_chosen_and_can_be_dropped(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded, impact=2, urgency=2)
    editor = open_editor(ticket_id)
    priority = editor.ui.form.input_widget("priority")

    qtbot.mouseClick(priority.override, Qt.MouseButton.LeftButton)
    assert priority.combo.isEnabled()
    choose(priority.combo, 1)
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    assert (stored(store, ticket_id).priority, stored(store, ticket_id).priority_overridden) == (1, True)
    assert priority.override.isChecked()

    qtbot.mouseClick(priority.override, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    assert (stored(store, ticket_id).priority, stored(store, ticket_id).priority_overridden) == (3, False)


def test_empty_title_is_refused_inline(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)

    editor.ui.form.input_widget("title").clear()
    qtbot.keyClicks(editor.ui.form.input_widget("title"), " ")
    qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    assert editor.ui.form.error_text("title") == "The title is required."
    assert stored(store, ticket_id).title == "Printer on fire"


def test_resolving_without_notes_shows_the_error_and_saves_nothing(qtbot, ctx, store, seeded, open_editor,
                                                                    monkeypatch):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    monkeypatch.setattr(editor, "_ask_transition_fields",
                        lambda needs, label: {"resolution_code": "solved_permanently", "resolution_notes": ""})
    retype(qtbot, editor.ui.form.input_widget("title"), "Kept title")

    qtbot.mouseClick(editor.ui.state_bar.button_for("resolved"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    assert editor.ui.form.error_text("resolution_notes") == "Write resolution notes to resolve the ticket."
    assert editor.ui.form.is_row_shown("resolution_notes")
    detail = stored(store, ticket_id)
    assert (detail.state, detail.title, detail.resolution_code) == ("new", "Printer on fire", None)
    values = editor.ui.form.values()
    assert (values["title"], values["resolution_code"]) == ("Kept title", "solved_permanently")


def test_on_hold_with_a_reason_and_back(qtbot, ctx, store, seeded, open_editor, monkeypatch):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    assert [key for key, _ in editor.detail().allowed_states] == ["in_progress", "on_hold", "resolved", "canceled"]
    monkeypatch.setattr(editor, "_ask_transition_fields", lambda needs, label: {"on_hold_reason": "awaiting_caller"})

    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.state_bar.button_for("on_hold"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    detail = stored(store, ticket_id)
    assert (detail.state, detail.on_hold_reason) == ("on_hold", "awaiting_caller")
    assert editor.ui.header.state.text() == "On Hold" and editor.ui.form.is_row_shown("on_hold_reason")
    assert editor.ui.state_bar.button_for("on_hold") is None

    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.state_bar.button_for("in_progress"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    detail = stored(store, ticket_id)
    assert (detail.state, detail.on_hold_reason) == ("in_progress", None)
    assert not editor.ui.form.is_row_shown("on_hold_reason") and not editor.has_unsaved_changes()


def test_resolve_with_code_and_notes(qtbot, ctx, store, seeded, open_editor, monkeypatch):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    monkeypatch.setattr(editor, "_ask_transition_fields", lambda needs, label: {
        "resolution_code": "solved_workaround", "resolution_notes": "Replaced the fuser."})

    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.state_bar.button_for("resolved"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    detail = stored(store, ticket_id)
    assert (detail.state, detail.resolution_code, detail.resolution_notes) == (
        "resolved", "solved_workaround", "Replaced the fuser.")
    assert detail.resolved_at is not None
    assert [key for key, _ in editor.detail().allowed_states] == ["closed", "in_progress"]
    assert editor.ui.form.is_row_shown("resolution_notes") and editor.ui.form.is_row_shown("csat_score")
    changes = [(row[2], row[3]) for row in editor.ui.history.row_texts()]
    assert ("State", "New → Resolved") in changes
    assert ("Resolution code", "(none) → Solved (workaround)") in changes


def test_closing_asks_for_confirmation(qtbot, ctx, store, seeded, open_editor, monkeypatch):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    monkeypatch.setattr(editor, "_confirm_final_move", lambda label: False)

    qtbot.mouseClick(editor.ui.state_bar.button_for("canceled"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert stored(store, ticket_id).state == "new"


def test_reply_and_note_are_added_and_told_apart(qtbot, ctx, store, seeded, open_editor, announced):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    worklog = editor.ui.worklog
    assert worklog.note.isChecked()  # the safe default

    qtbot.keyClicks(worklog.body, "Checked the logs.")
    worklog.minutes.setValue(15)
    with qtbot.waitSignal(worklog.entry_added):
        qtbot.keyClick(worklog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.runner)
    assert stored(store, ticket_id).first_response_at is None

    qtbot.mouseClick(worklog.reply, Qt.MouseButton.LeftButton)
    # A desk without a team server mails nothing: the reply is recorded as given by phone (the old
    # "Send reply" with first_response_at set on any reply was the old rule; see docs/MAIL.md).
    assert worklog.add_button.text() == "Record reply"
    worklog.given_by.setCurrentIndex(worklog.given_by.findData("phone"))
    qtbot.keyClicks(worklog.body, "Hi Rita, <b>we</b> are on it.")
    with qtbot.waitSignal(worklog.entry_added):
        qtbot.mouseClick(worklog.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    with store.session() as s:
        entries = [(e.kind, e.body, e.time_spent_minutes) for e in s.query(WorklogEntry).order_by(WorklogEntry.id)]
    assert entries == [("note", "Checked the logs.", 15), ("reply", "Hi Rita, <b>we</b> are on it.", 0)]
    assert stored(store, ticket_id).first_response_at is not None
    thread = worklog.thread.plain_text()
    assert thread.index("Original request") < thread.index("Internal note") < thread.index("Public reply")
    assert "Hi Rita, <b>we</b> are on it." in thread and "15 min spent" in thread
    assert worklog.body.toPlainText() == "" and editor.ui.tabs.tabText(0) == "&Worklog (2)"
    assert any(r.names("ticket", ticket_id) and r.touches("worklog_entry") for r in announced)


def _attach(qtbot, ctx, view, monkeypatch, source, data: bytes):
    """`source` written with `data` and attached through the Add button (its file dialog answered)."""
    source.write_bytes(data)
    monkeypatch.setattr(view, "_choose_files", lambda: [source])
    with qtbot.waitSignal(view.attachment_added):
        qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    return source


def test_attachment_added_opened_and_saved_as(qtbot, ctx, store, seeded, open_editor, monkeypatch, tmp_path):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    view = editor.ui.attachments
    source = _attach(qtbot, ctx, view, monkeypatch, tmp_path / "screen shot.png", b"\x89PNG fake image bytes")
    assert view.list.topLevelItemCount() == 1
    item = view.list.topLevelItem(0)
    assert (item.text(0), item.text(2)) == ("screen shot.png", "Ada Agent")

    view.list.setCurrentItem(item)
    target = tmp_path / "out" / "copy.png"
    target.parent.mkdir()
    monkeypatch.setattr(view, "_choose_save_target", lambda name: target)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert target.read_bytes() == source.read_bytes()

    opened = []
    monkeypatch.setattr(view, "_open_url", opened.append)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "screen shot.png" and copy.read_bytes() == source.read_bytes()
    assert not os.access(copy, os.W_OK) or os.geteuid() == 0


def test_an_attachment_whose_store_read_fails_says_nothing_was_changed(qtbot, ctx, store, seeded, open_editor,
                                                                       monkeypatch, tmp_path):
    from app.ui.ticket import attachments_view

    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    view = editor.ui.attachments
    _attach(qtbot, ctx, view, monkeypatch, tmp_path / "log.txt", b"a log")

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")  # the store's error: no strerror of a file

    monkeypatch.setattr(attachments_view, "export_attachment", broken)
    view.list.setCurrentItem(view.list.topLevelItem(0))
    monkeypatch.setattr(view, "_choose_save_target", lambda name: tmp_path / "copy.txt")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(view.error.text()), timeout=5000)
    assert "could not be read" in view.error.text() and "not saved" not in view.error.text()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PySide6 flags QDragEnterEvent's only constructor
def test_dropping_files_on_the_editor_attaches_them(qtbot, ctx, store, seeded, open_editor, tmp_path):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    files = [tmp_path / "a.txt", tmp_path / "b.log"]
    for f in files:
        f.write_text("log line\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(editor, enter)
    assert enter.isAccepted()

    with qtbot.waitSignal(editor.ui.attachments.attachment_added):
        QApplication.sendEvent(editor, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    wait_idle(qtbot, ctx.runner)
    assert sorted(a.file_name for a in stored(store, ticket_id).attachments) == ["a.txt", "b.log"]
    assert editor.ui.tabs.currentWidget() is editor.ui.attachments


def test_links_are_added_by_number_open_on_double_click_and_are_removed(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    problem_id = make_ticket(store, seeded, type="problem", title="Fusers overheat")
    editor = open_editor(ticket_id)
    links = editor.ui.links

    qtbot.keyClicks(links.number, "INC9999999")
    qtbot.keyClick(links.number, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx.runner)
    assert "INC9999999" in links.error.text() and links.list.topLevelItemCount() == 0

    links.number.clear()
    choose(links.kind, "caused_by")
    qtbot.keyClicks(links.number, "prb0000001")
    with qtbot.waitSignal(links.link_added):
        qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    item = links.list.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == ["Caused by", "PRB0000001", "Fusers overheat", "New"]

    editor.ui.tabs.setCurrentWidget(links)
    with qtbot.waitSignal(ctx.events.open_ticket_requested) as requested:
        point = links.list.visualItemRect(item).center()
        qtbot.mouseClick(links.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseDClick(links.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert requested.args == [problem_id]

    # Removed again (Delete on the selected row): the row goes, and the other ticket stays.
    assert links.remove_button.isEnabled()  # the row is selected
    links.list.setFocus()
    with qtbot.waitSignal(links.link_removed) as removed:
        qtbot.keyClick(links.list, Qt.Key.Key_Delete)
    assert removed.args == [problem_id]
    wait_idle(qtbot, ctx.runner)
    assert links.list.topLevelItemCount() == 0 and not links.remove_button.isEnabled()
    with store.session() as s:
        assert s.scalar(select(TicketLink)) is None
        assert s.scalar(select(Ticket.id).where(Ticket.id == problem_id)) == problem_id


def test_history_lists_changes_in_words(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    choose(editor.ui.form.input_widget("assignee_id"), seeded["bob"])
    choose(editor.ui.form.input_widget("channel"), "email")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    rows = editor.ui.history.row_texts()
    changes = {(r[1], r[2], r[3]) for r in rows}
    assert ("Ada Agent", "Assignee", "Ada Agent → Bob Builder") in changes
    assert ("Ada Agent", "Channel", "Portal → Email") in changes
    assert ("Ada Agent", "Created", "INC0000001") in changes
    assert all(r[0] for r in rows)


def test_dirty_guard_cancel_discard_and_save(qtbot, ctx, store, seeded, open_editor, monkeypatch):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    assert editor.maybe_close()

    retype(qtbot, editor.ui.form.input_widget("title"), "Unsaved title")
    answers = []
    monkeypatch.setattr(editor, "_ask_save_choice", lambda: answers.pop(0))

    answers.append(QMessageBox.StandardButton.Cancel)
    assert not editor.maybe_close() and editor.has_unsaved_changes()

    answers.append(QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(editor.close_requested):
        assert not editor.maybe_close()
    assert stored(store, ticket_id).title == "Unsaved title" and editor.maybe_close()

    retype(qtbot, editor.ui.form.input_widget("title"), "Thrown away")
    answers.append(QMessageBox.StandardButton.Discard)
    assert editor.maybe_close()
    assert editor.ui.form.values()["title"] == "Unsaved title" and not editor.has_unsaved_changes()
    wait_idle(qtbot, ctx.runner)
    assert stored(store, ticket_id).title == "Unsaved title"


def test_draft_is_autosaved_and_offered_back(qtbot, ctx, store, seeded, open_editor):
    ctx.settings.set("draft_autosave_seconds", 1)
    ticket_id = make_ticket(store, seeded)
    first = open_editor(ticket_id)
    retype(qtbot, first.ui.form.input_widget("title"), "Half-typed title")
    choose(first.ui.form.input_widget("urgency"), 1)
    qtbot.keyClicks(first.ui.worklog.body, "Unsent note")

    def draft():
        with store.session() as s:
            return drafts.get_draft(s, key=ticket_id)

    qtbot.waitUntil(lambda: draft() is not None and "worklog" in draft().payload, timeout=5000)
    assert draft().payload["fields"] == {"title": "Half-typed title", "urgency": 1}
    first.close()  # as if the app had crashed: nothing asked, nothing saved

    second = open_editor(ticket_id)
    assert "were recovered" in second.ui.draft_banner.message()
    assert second.ui.form.values()["title"] == "Printer on fire"
    restore = next(b for b in second.ui.draft_banner.buttons() if b.text() == "Restore")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert second.ui.form.values()["title"] == "Half-typed title" and second.ui.form.values()["urgency"] == 1
    assert second.ui.worklog.body.toPlainText() == "Unsent note"
    assert second.has_unsaved_changes() and not second.ui.draft_banner.isVisible()

    with qtbot.waitSignal(second.saved):
        qtbot.mouseClick(second.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert draft().payload == {"worklog": {"body": "Unsent note", "kind": "note", "minutes": 0}}
    second.ui.worklog.body.clear()
    assert second.maybe_close()
    wait_idle(qtbot, ctx.runner)
    assert draft() is None


def test_change_elsewhere_reloads_or_warns(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)

    def change_elsewhere(**changes):
        with store.session() as s:
            tickets.update_ticket(s, ticket_id=ticket_id, changes=changes, actor_id=seeded["bob"])
        publish_change(ctx, "ticket", ticket_id)

    change_elsewhere(title="Renamed by bulk edit")
    qtbot.waitUntil(lambda: editor.ui.header.title.text() == "Renamed by bulk edit")
    assert editor.ui.form.values()["title"] == "Renamed by bulk edit"

    choose(editor.ui.form.input_widget("impact"), 1)
    change_elsewhere(urgency=1)
    qtbot.waitUntil(lambda: "changed elsewhere" in editor.ui.changed_banner.message())
    assert editor.detail().urgency == 3 and editor.ui.form.values()["impact"] == 1
    reload_button = editor.ui.changed_banner.buttons()[0]
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.detail().urgency == 1)
    values = editor.ui.form.values()
    assert (values["impact"], values["urgency"]) == (1, 1) and editor.has_unsaved_changes()


def test_a_stale_save_is_refused_and_reload_keeps_the_edits(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    retype(qtbot, editor.ui.form.input_widget("title"), "My better title")
    with store.session() as s:  # another desk's change arrives by sync, with no event to this editor
        tickets.update_ticket(s, ticket_id=ticket_id, changes={"urgency": 1}, actor_id=seeded["bob"])

    qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert "changed elsewhere" in editor.ui.changed_banner.message()
    assert stored(store, ticket_id).title == "Printer on fire"

    qtbot.mouseClick(editor.ui.changed_banner.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.detail().urgency == 1)
    assert editor.ui.form.values()["title"] == "My better title"
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    detail = stored(store, ticket_id)
    assert (detail.title, detail.urgency) == ("My better title", 1)


def test_assignees_are_limited_to_the_group(qtbot, ctx, store, seeded, open_editor):
    with store.session() as s:
        network = Group(name="Network")
        network.members.append(s.get(Person, seeded["bob"]))
        s.add(network)
        s.flush()
        network_id = network.id
    with store.session() as s:
        ctx.reference = reference.reference_data(s)
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    assignee = editor.ui.form.input_widget("assignee_id")
    assert [assignee.itemText(i) for i in range(assignee.count())] == ["(Unassigned)", "Ada Agent", "Bob Builder"]

    choose(editor.ui.form.input_widget("group_id"), network_id)
    assert [assignee.itemText(i) for i in range(assignee.count())] == ["(Unassigned)", "Bob Builder"]
    assert assignee.current_id() is None
    choose(assignee, seeded["bob"])
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        row = s.query(Ticket).filter_by(id=ticket_id).one()
        assert (row.group_id, row.assignee_id) == (network_id, seeded["bob"])


def test_inputs_have_accessible_names_and_mnemonic_labels(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(make_ticket(store, seeded))
    buddies = {label.buddy() for label in editor.ui.form.findChildren(QLabel) if label.buddy() is not None}
    for field in FIELDS:
        widget = editor.ui.form.input_widget(field)
        assert widget.accessibleName(), field
        assert widget in buddies, field
    assert editor.ui.worklog.body.accessibleName() and editor.ui.links.number.accessibleName()


def test_tab_order_runs_moves_then_save_then_the_form(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(make_ticket(store, seeded))
    retype(qtbot, editor.ui.form.input_widget("title"), "Changed")  # enables Revert and Save
    first = editor.ui.state_bar.buttons()[0]
    first.setFocus()
    order = [first]
    for _ in range(len(editor.ui.state_bar.buttons()) + 2):
        order.append(order[-1].nextInFocusChain())
        while order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus:
            order[-1] = order[-1].nextInFocusChain()
    assert order == [*editor.ui.state_bar.buttons(), editor.ui.revert_button, editor.ui.save_button,
                     editor.ui.form.input_widget("title")]


def test_reference_changes_refresh_names_and_keep_edits(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(make_ticket(store, seeded))
    retype(qtbot, editor.ui.form.input_widget("title"), "Still typing")
    with store.session() as s:
        s.get(Person, seeded["requester"]).name = "Rita Renamed"
    with store.session() as s:
        ctx.reference = reference.reference_data(s)

    ctx.events.reference_reloaded()

    qtbot.waitUntil(lambda: "Requested by Rita Renamed" in editor.ui.header.times.text())
    assert editor.ui.form.input_widget("requester_id").search.text() == "Rita Renamed"
    assert editor.ui.form.values()["title"] == "Still typing" and editor.has_unsaved_changes()
