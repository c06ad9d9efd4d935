"""The CC line of the ticket editor: shown, edited, saved normalised, a bad address refused inline with the
text kept, and the change in the history in words."""

from PySide6.QtCore import Qt

from app.ui.ticket.fields_form import NEW_TICKET_FIELDS
from tests.ui.conftest import wait_idle
from tests.ui.test_ticket_editor import make_ticket, retype, stored


def test_the_editor_shows_edits_and_saves_the_cc(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded, cc="ann@example.org")
    editor = open_editor(ticket_id)
    cc = editor.ui.form.input_widget("cc")
    assert cc.text() == "ann@example.org" and editor.ui.form.is_row_shown("cc")
    assert "CC" in cc.accessibleName() and "cc" in NEW_TICKET_FIELDS

    retype(qtbot, cc, '"Smith, Ann" <ann@example.org>; Bob <BOB@Example.ORG>')
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert stored(store, ticket_id).cc == "ann@example.org, BOB@example.org"
    qtbot.waitUntil(lambda: cc.text() == "ann@example.org, BOB@example.org")   # reloaded as stored

    rows = {(r[2], r[3]) for r in editor.ui.history.row_texts()}
    assert ("CC", "ann@example.org → ann@example.org, BOB@example.org") in rows


def test_a_bad_address_is_refused_inline_and_the_text_stays(qtbot, ctx, store, seeded, open_editor):
    ticket_id = make_ticket(store, seeded)
    editor = open_editor(ticket_id)
    cc = editor.ui.form.input_widget("cc")
    assert cc.text() == ""
    retype(qtbot, cc, "ann@example.org, carl at example.org")
    qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    qtbot.waitUntil(lambda: bool(editor.ui.form.error_text("cc")))
    assert "\u201ccarl at example.org\u201d is not a usable mail address" in editor.ui.form.error_text("cc")
    assert cc.text() == "ann@example.org, carl at example.org"
    assert stored(store, ticket_id).cc is None
