"""The change editor as a user drives it: edit and save, workflow moves with clear refusals, CAB
approvals, risk override, stale edits, conflicts with the next free slot, and closing with an outcome."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.changes import writes as changes
from app.models import Change, OutboxMutation
from app.ui.changes.editor_ui import CloseDialog
from tests.ui.changes.conftest import T0, move_button, to_review
from tests.ui.conftest import publish_change


def _row(store, change_id):
    with store.session() as s:
        c = s.get(Change, change_id)
        return {"title": c.title, "state": c.state, "risk": c.risk, "overridden": c.risk_overridden,
                "reason": c.risk_reason, "start": c.planned_start, "outcome": c.outcome}


def test_edit_title_and_save(qtbot, open_editor, world, store, cctx):
    editor = open_editor(world["a"])
    assert editor.ui.heading.text().startswith(world["a_number"])
    assert not editor.ui.save_button.isEnabled()
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Patch mail relay to 10.2")
    assert editor.ui.save_button.isEnabled() and editor.title_text().endswith("*")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    assert _row(store, world["a"])["title"] == "Patch mail relay to 10.2"
    assert not editor.has_unsaved_changes() and not editor.title_text().endswith("*")
    with store.session() as s:
        assert s.query(OutboxMutation).filter_by(entity_id=world["a"], op="update").count() == 1


def test_empty_title_is_refused_inline(qtbot, open_editor, world, store):
    editor = open_editor(world["a"])
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "   ")
    editor.save()
    qtbot.waitUntil(lambda: editor.ui.form.errors["title"].isVisible(), timeout=10_000)
    assert "required" in editor.ui.form.errors["title"].text()
    assert _row(store, world["a"])["title"] == "Patch mail relay"


def test_workflow_refusal_then_approval_then_schedule(qtbot, open_editor, world, store):
    editor = open_editor(world["a"])
    for step in ("assess", "authorize"):
        with qtbot.waitSignal(editor.saved, timeout=10_000):
            qtbot.mouseClick(move_button(editor, step), Qt.MouseButton.LeftButton)
    assert editor.ui.state_badge.text() == "Authorize"
    qtbot.mouseClick(move_button(editor, "scheduled"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.ui.state_error.isVisible(), timeout=10_000)
    assert "needs CAB approval" in editor.ui.state_error.text()
    assert _row(store, world["a"])["state"] == "authorize"

    approvals = editor.ui.approvals
    approvals.decision.setCurrentIndex(approvals.decision.findData("approved"))
    qtbot.keyClicks(approvals.comment, "Fine with me")
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        qtbot.mouseClick(approvals.add_button, Qt.MouseButton.LeftButton)
    assert approvals.tree.topLevelItemCount() == 1
    assert approvals.tree.topLevelItem(0).text(2) == "Approved"
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(move_button(editor, "scheduled"), Qt.MouseButton.LeftButton)
    assert _row(store, world["a"])["state"] == "scheduled"


def test_risk_override_needs_a_reason(qtbot, open_editor, world, store):
    editor = open_editor(world["a"])
    form = editor.ui.form
    assert "Lead time" in form.risk_reasons.text()
    form.risk_override.setCurrentIndex(form.risk_override.findData("high"))
    editor.save()
    qtbot.waitUntil(lambda: form.errors["risk_reason"].isVisible(), timeout=10_000)
    assert "reason" in form.errors["risk_reason"].text()
    qtbot.keyClicks(form.risk_reason, "Relay vendor changed")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    row = _row(store, world["a"])
    assert (row["risk"], row["overridden"], row["reason"]) == ("high", True, "Relay vendor changed")
    assert editor.ui.risk_badge.text() == "High *"


def test_stale_edit_shows_a_banner_and_keeps_the_input(qtbot, open_editor, world, store, seeded):
    editor = open_editor(world["a"])
    with store.session() as s:
        changes.update_change(s, change_id=world["a"], changes={"title": "Changed elsewhere"},
                              actor_id=seeded["bob"])
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Mine")
    editor.save()
    qtbot.waitUntil(lambda: editor.ui.banner.isVisible(), timeout=10_000)
    assert "changed since you opened it" in editor.ui.banner.message()
    assert editor.ui.form.title.text() == "Mine"
    assert _row(store, world["a"])["title"] == "Changed elsewhere"


def test_a_refresh_arriving_after_typing_keeps_the_input(qtbot, open_editor, world, store, seeded, cctx):
    """A sync page that touched the change refreshes the editor; when the user has typed meanwhile, what
    arrives never overwrites the input: a banner says the change moved, the save is checked as usual."""
    editor = open_editor(world["a"])
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Mine, typed first")
    with store.session() as s:
        changes.update_change(s, change_id=world["a"], changes={"description": "Edited on another desk"},
                              actor_id=seeded["bob"])
    publish_change(cctx, "change", world["a"])
    qtbot.waitUntil(lambda: editor.ui.banner.isVisible(), timeout=10_000)
    assert "changed elsewhere" in editor.ui.banner.message()
    assert editor.ui.form.title.text() == "Mine, typed first"
    assert editor.has_unsaved_changes()


def test_a_refresh_without_input_shows_what_arrived(qtbot, open_editor, world, store, seeded, cctx):
    editor = open_editor(world["a"])
    with store.session() as s:
        changes.update_change(s, change_id=world["a"], changes={"title": "Renamed on another desk"},
                              actor_id=seeded["bob"])
    publish_change(cctx, "change", world["a"])
    qtbot.waitUntil(lambda: editor.ui.form.title.text() == "Renamed on another desk", timeout=10_000)
    assert not editor.ui.banner.isVisible() and not editor.has_unsaved_changes()


def test_conflicts_and_move_to_next_free_slot(qtbot, open_editor, world, store):
    editor = open_editor(world["a"])
    view = editor.ui.conflicts
    qtbot.waitUntil(lambda: view.list.count() > 0, timeout=10_000)
    texts = [view.list.item(i).text() for i in range(view.list.count())]
    assert any("mx-01 is also changed by " + world["b_number"] in t for t in texts)
    assert editor.ui.tabs.tabText(editor.ui.tabs.indexOf(view)).startswith("Conflicts (")
    assert view.move_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(view.move_button, Qt.MouseButton.LeftButton)
    assert _row(store, world["a"])["start"] >= T0 + timedelta(hours=3)
    qtbot.waitUntil(lambda: view.status.text() == "No conflicts at these times.", timeout=10_000)


def test_a_change_or_its_conflicts_that_cannot_be_read_say_nothing_was_changed(qtbot, open_editor, world, store,
                                                                                monkeypatch):
    from app.ui.changes import conflicts_view
    from app.ui.changes import editor as editor_module

    editor = open_editor(world["a"])

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(conflicts_view, "change_conflicts", broken)
    view = editor.ui.conflicts
    view.check(world["a"], T0, T0 + timedelta(hours=2), (), None, True)
    qtbot.waitUntil(lambda: "could not be read" in view.status.text(), timeout=10_000)
    assert "not saved" not in view.status.text()

    monkeypatch.setattr(editor_module, "change_detail", broken)
    editor.reload()
    banner = editor.ui.banner
    qtbot.waitUntil(lambda: "could not be loaded" in banner.accessibleName(), timeout=10_000)
    assert "could not be read" in banner.accessibleName() and "not saved" not in banner.accessibleName()


def test_close_with_an_outcome(qtbot, open_editor, world, store, seeded):
    me = seeded["me"]
    to_review(store, world["e"], me)
    editor = open_editor(world["e"])

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CloseDialog)
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("backed_out"))
        dialog.notes.setPlainText("Backed out: replication lag")
        dialog.accept()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(move_button(editor, "closed"), Qt.MouseButton.LeftButton)
    row = _row(store, world["e"])
    assert (row["state"], row["outcome"]) == ("closed", "backed_out")
    assert editor.ui.outcome_badge.text() == "Backed out"
    assert not editor.ui.form.title.isEnabled()  # a closed change is read-only
    assert editor.ui.final_label.isVisible() and not move_button(editor, "canceled").isVisible()


def test_link_a_ticket_by_number(qtbot, open_editor, world, store, seeded):
    from app.tickets import writes as tickets

    with store.session() as s:
        inc = tickets.create_ticket(s, ticket_type="incident", title="Mail down", actor_id=seeded["me"]).number
    editor = open_editor(world["a"])
    links = editor.ui.links
    qtbot.keyClicks(links.number, "INC404")
    qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No ticket is numbered INC404" in links.error.text(), timeout=10_000)
    assert not links.error.isHidden()
    links.number.clear()
    qtbot.keyClicks(links.number, inc)
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        qtbot.mouseClick(links.add_button, Qt.MouseButton.LeftButton)
    assert links.list.count() == 1 and inc in links.list.item(0).text()


def test_a_change_timed_to_the_second_opens_saved_and_keeps_its_precision(qtbot, open_editor, world, store):
    # Times written by a sync pull or another client may carry seconds and microseconds (the row is
    # stored as pulled); the editor shows minutes only, and opening such a change must not count as an edit.
    start = T0 + timedelta(seconds=17, microseconds=250_000)
    with store.session() as s:
        row = s.get(Change, world["a"])
        row.planned_start, row.planned_end = start, start + timedelta(hours=2, seconds=9)
    editor = open_editor(world["a"])
    assert not editor.has_unsaved_changes()
    assert not editor.ui.save_button.isEnabled() and not editor.title_text().endswith("*")
    assert editor.maybe_close()  # closes without asking to save (a question would block here)

    # An edit of another field saves that field and leaves the stored times as they were.
    qtbot.keyClicks(editor.ui.form.title, " now")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    assert _row(store, world["a"])["start"] == start

    # Editing the time itself saves what the field shows: whole minutes.
    field = editor.ui.form.times["planned_start"]
    field.setFocus()
    field.setCurrentSection(field.Section.MinuteSection)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    assert _row(store, world["a"])["start"] == T0 + timedelta(minutes=1)
    assert not editor.has_unsaved_changes()
