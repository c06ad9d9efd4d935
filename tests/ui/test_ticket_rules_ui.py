"""The ticket editor keeps the desk's rules: a closed ticket is read-only, satisfaction is recorded as the
requester's answer with its source."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from app.models import AuditEvent
from app.tickets import writes as tickets
from app.ui.ticket.csat_dialog import CsatDialog
from tests.ui.conftest import wait_idle
from tests.ui.test_ticket_editor import make_ticket, stored
from tests.unit.factories import path_to, required_fields


def _walk(store, seeded, state):
    ticket_id = make_ticket(store, seeded)
    with store.session() as s:
        for step in path_to("incident", state):
            tickets.update_ticket(s, ticket_id=ticket_id, actor_id=seeded["me"],
                                  changes={"state": step, **required_fields(step, "incident")})
    return ticket_id


def test_a_closed_ticket_opens_read_only_and_says_why(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(_walk(store, seeded, "closed"))
    form = editor.ui.form
    assert form.is_read_only()
    assert form.input_widget("title").isReadOnly() and form.input_widget("description").isReadOnly()
    assert not form.input_widget("impact").isEnabled() and not form.input_widget("group_id").isEnabled()
    banner = editor.ui.final_banner
    assert banner.isVisible() and "final" in banner.message() and "Internal notes" in banner.message()
    assert editor.ui.state_bar.buttons() == []  # no move the workflow does not allow
    qtbot.keyClicks(form.input_widget("title"), " more")  # typing goes nowhere
    assert not editor.has_unsaved_changes() and not editor.ui.save_button.isEnabled()
    worklog = editor.ui.worklog
    assert not worklog.reply.isEnabled() and worklog.note.isChecked()
    qtbot.keyClicks(worklog.body, "Post-mortem filed")
    with qtbot.waitSignal(worklog.entry_added, timeout=10_000):
        qtbot.mouseClick(worklog.add_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert [w.kind for w in stored(store, editor.ticket_id).worklog] == ["note"]


def test_a_ticket_closed_elsewhere_turns_read_only_and_keeps_what_was_typed(qtbot, ctx, store, seeded, open_editor):
    ticket_id = _walk(store, seeded, "resolved")
    editor = open_editor(ticket_id)
    title = editor.ui.form.input_widget("title")
    title.setText("Printer on fire, retitled")
    title.textEdited.emit(title.text())
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes={"state": "closed"}, actor_id=seeded["bob"])
    editor.reload()
    qtbot.waitUntil(lambda: editor.detail().state == "closed", timeout=10_000)
    wait_idle(qtbot, ctx.runner)
    assert title.text() == "Printer on fire, retitled" and title.isReadOnly()  # visible, can be copied
    assert not editor.ui.save_button.isEnabled()


def test_satisfaction_is_not_an_editable_field(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(_walk(store, seeded, "resolved"))
    form = editor.ui.form
    assert "csat_score" not in form.values()
    row = form._rows["csat_score"]
    assert form.is_row_shown("csat_score")
    assert not row.findChildren(QComboBox) and not row.findChildren(QLineEdit) and not row.findChildren(QPlainTextEdit)
    assert form.csat_text.text() == "Not rated"


def test_record_satisfaction_asks_score_and_source_and_the_history_keeps_the_source(qtbot, ctx, store, seeded,
                                                                                    open_editor):
    ticket_id = _walk(store, seeded, "closed")
    editor = open_editor(ticket_id)
    form = editor.ui.form
    assert form.csat_button.isEnabled()  # the requester's answer is no field edit: final tickets take it
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CsatDialog)
        seen["ok_at_first"] = dialog.ok_button.isEnabled()
        dialog.score.setCurrentIndex(dialog.score.findData(4))
        seen["ok_with_score_only"] = dialog.ok_button.isEnabled()
        dialog.source.setCurrentIndex(dialog.source.findData("phone"))
        dialog.comment.setPlainText("Happy with the fix.")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(ctx.events.changed, timeout=10_000):
        qtbot.mouseClick(form.csat_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.detail().csat_score == 4, timeout=10_000)
    assert seen == {"ok_at_first": False, "ok_with_score_only": False}
    assert form.csat_text.text() == "4 of 5, from phone\nHappy with the fix."
    with store.session() as s:
        rows = {e.field: (e.new_value, e.actor_id) for e in s.query(AuditEvent).filter_by(entity_id=ticket_id)}
    assert rows["csat_score"] == ("4", seeded["me"]) and rows["csat_source"] == ("phone", seeded["me"])


def test_record_satisfaction_cancelled_records_nothing(qtbot, ctx, store, seeded, open_editor):
    ticket_id = _walk(store, seeded, "resolved")
    editor = open_editor(ticket_id)

    def cancel():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CsatDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    qtbot.mouseClick(editor.ui.form.csat_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert stored(store, ticket_id).csat_score is None


def test_record_satisfaction_is_offered_only_once_the_work_is_done(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(make_ticket(store, seeded))
    assert not editor.ui.form.is_row_shown("csat_score") and not editor.ui.form.csat_button.isEnabled()
