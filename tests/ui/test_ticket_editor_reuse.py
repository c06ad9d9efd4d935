"""A ticket editor built once and reused for the next ticket: nothing of the previous ticket stays or arrives late."""

import pytest
from PySide6.QtCore import Qt

from app.tickets import drafts
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from app.tickets.worklog import add_worklog
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def two(store, seeded):
    with store.session() as s:
        first = tickets.create_ticket(s, ticket_type="incident", title="Printer on fire", actor_id=seeded["me"],
                                      requester_id=seeded["requester"], description="It smokes.").id
        add_worklog(s, ticket_id=first, kind="note", body="A note about the printer", actor_id=seeded["me"])
        second = tickets.create_ticket(s, ticket_type="incident", title="Mail bounce", actor_id=seeded["me"],
                                       description="Mails come back.").id
    return first, second


def stored(store, ticket_id):
    with store.session() as s:
        return ticket_detail(s, ticket_id=ticket_id)


def draft_of(store, ticket_id):
    with store.session() as s:
        return drafts.get_draft(s, key=ticket_id)


def move(qtbot, ctx, editor: TicketEditor, ticket_id: str) -> None:
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(ticket_id)
    wait_idle(qtbot, ctx.runner)


def test_the_next_ticket_shows_nothing_of_the_last(qtbot, ctx, store, two, open_editor):
    first, second = two
    editor = open_editor(first)
    ui = editor.ui
    qtbot.keyClicks(ui.form.input_widget("title"), " and smoking")
    qtbot.keyClicks(ui.form.input_widget("description"), " Loudly.")
    qtbot.keyClicks(ui.worklog.body, "Half a reply")
    ui.worklog.reply.setChecked(True)
    ui.worklog.minutes.setValue(20)
    qtbot.keyClicks(ui.links.number, "INC0000001")
    ui.form.show_error("impact", "Not that one")
    ui.error.show_message("Something went wrong")
    editor._show_changed_banner("Changed elsewhere")
    ui.tabs.setCurrentWidget(ui.history)
    assert editor.has_unsaved_changes()

    move(qtbot, ctx, editor, second)

    assert editor.ticket_id == second and editor.detail().id == second
    assert ui.form.values()["title"] == "Mail bounce" and not editor.has_unsaved_changes()
    assert ui.form.values()["description"] == "Mails come back."
    assert not ui.form.input_widget("description").document().isUndoAvailable()
    assert ui.form.error_text("impact") == "" and ui.error.isHidden()
    assert ui.changed_banner.isHidden() and ui.draft_banner.isHidden() and editor.conflict_banner.isHidden()
    assert ui.worklog.body.toPlainText() == "" and ui.worklog.note.isChecked() and ui.worklog.minutes.value() == 0
    assert not ui.worklog.body.document().isUndoAvailable()
    assert "printer" not in ui.worklog.thread.plain_text() and "Mails come back." in ui.worklog.thread.plain_text()
    assert ui.links.number.text() == "" and ui.attachments.list.topLevelItemCount() == 0
    assert ui.tabs.currentWidget() is ui.worklog and ui.tabs.tabText(0) == "&Worklog (0)"
    assert editor.title_text().endswith("Mail bounce") and ui.save_button.isEnabled() is False
    assert stored(store, first).title == "Printer on fire"  # nothing of the typing was saved anywhere


def test_answers_about_the_last_ticket_are_dropped(qtbot, ctx, store, seeded, two, open_editor):
    first, second = two
    editor = open_editor(first)
    qtbot.keyClicks(editor.ui.worklog.body, "Note for the printer")
    editor.ui.worklog.add_entry()  # under way on the writer
    editor.reload()  # and a read of the first ticket
    editor.show_ticket(second)
    qtbot.keyClicks(editor.ui.worklog.body, "Typing for the mail")
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    assert editor.detail().id == second and editor.ui.form.values()["title"] == "Mail bounce"
    assert editor.ui.worklog.body.toPlainText() == "Typing for the mail"  # not cleared by the first's answer
    assert editor.ui.worklog.add_button.isEnabled()
    assert [w.body for w in stored(store, first).worklog][-1] == "Note for the printer"
    assert stored(store, second).worklog == ()


def test_a_draft_stays_with_its_ticket(qtbot, ctx, store, two, open_editor):
    first, second = two
    editor = open_editor(first)
    qtbot.keyClicks(editor.ui.worklog.body, "Unsent note")
    assert editor.maybe_close()  # nothing to ask: the composer's text is kept as a draft
    editor.park()
    wait_idle(qtbot, ctx.runner)
    assert draft_of(store, first).payload["worklog"]["body"] == "Unsent note"

    move(qtbot, ctx, editor, second)
    assert editor.ui.draft_banner.isHidden() and editor.ui.worklog.body.toPlainText() == ""
    qtbot.keyClicks(editor.ui.worklog.body, "x")
    editor.save_draft_now()
    wait_idle(qtbot, ctx.runner)
    assert draft_of(store, second).payload["worklog"]["body"] == "x"
    assert draft_of(store, first).payload["worklog"]["body"] == "Unsent note"

    editor.ui.worklog.body.clear()
    assert editor.maybe_close()
    move(qtbot, ctx, editor, first)
    assert "were recovered" in editor.ui.draft_banner.message()
    restore = next(b for b in editor.ui.draft_banner.buttons() if b.text() == "Restore")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert editor.ui.worklog.body.toPlainText() == "Unsent note"
    wait_idle(qtbot, ctx.runner)
    assert draft_of(store, second) is None


def test_a_parked_editor_ignores_the_change_feed_of_its_last_ticket(qtbot, ctx, store, seeded, two, open_editor):
    first, second = two
    editor = open_editor(first)
    editor.park()
    ctx.runner.op(add_worklog, ticket_id=first, kind="note", body="later", actor_id=None)
    wait_idle(qtbot, ctx.runner)
    qtbot.wait(250)  # past the refresher's coalescing delay
    assert editor.detail() is None and editor.ticket_id == ""
    move(qtbot, ctx, editor, second)
    assert "later" not in editor.ui.worklog.thread.plain_text()


def test_the_window_reuses_a_closed_tabs_editor(qtbot, store, two, tmp_path):
    first, second = two
    path = store.path
    store.close()
    window, runner, st = open_window(qtbot, path, tmp_path)
    try:
        with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
            window.open_ticket(first)
        editor = window.current_editor()
        wait_idle(qtbot, runner)
        window.close_current_tab()
        assert window.current_editor() is None
        with qtbot.waitSignal(window.ticket_shown, timeout=10_000) as shown:
            window.open_ticket(second)
        assert shown.args == [second]
        assert window.current_editor() is editor and editor.detail().id == second
        assert window.tabs.tabText(window.tabs.indexOf(editor)).endswith("Mail bounce")
        wait_idle(qtbot, runner)
    finally:
        close_window(qtbot, window, runner, st)
