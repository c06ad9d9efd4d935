"""Who the desk acts as after a sign-in, at once: the new-ticket dialog's group, the status bar, sign-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.changes import writes as changes
from app.changes.planning import reschedule_change
from app.models import Change, SyncConflict
from app.ui.sync import controller as states
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from tests.integration.test_sync_ui import WAIT, new_user, outbox, sign_in, ticket_in


def test_after_sign_in_the_desk_acts_as_the_signed_in_user_at_once(qtbot, desk, nodes, windows):
    user = new_user(desk, "A")
    window = windows("identity")
    dialog = sign_in(qtbot, window, desk.url, user)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    account = window.sync.controller.client.account
    # At once: no waiting for the first pull, no restart.
    assert window.ctx.me == account.person_id
    window.actions_by_id["ticket.new"].trigger()
    new = next(d for d in window.findChildren(NewTicketDialog) if d.isVisible())
    assert new.form.values()["group_id"] == account.group_ids[0]
    assert new.form.input_widget("group_id").currentText() == "A"
    assert user in window.user_label.text() and desk.url in window.user_label.text()
    assert f"({account.role})" in window.user_label.text()  # and with which role: what the server lets it change
    page = window.show_page("reference")  # the Reference data page says it too, with what that role may change
    assert f"{user} ({account.role})" in page.acting.text() and "administrator" in page.acting.text()
    window.tabs.setCurrentIndex(0)
    qtbot.keyClicks(new.form.input_widget("title"), "Printer on fire")
    with qtbot.waitSignal(new.created, timeout=WAIT) as created:
        qtbot.mouseClick(new.create_button, Qt.MouseButton.LeftButton)
    tid = created.args[0]
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)
    with window.ctx.runner.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0  # applied, not refused
    ben = nodes(desk, "ben")  # the same group sees it on the server
    assert ticket_in(ben, tid).title == "Printer on fire"
    # Signing out says what the desk acts as from now on.
    window.sync.actions["sync.sign_out"].trigger()
    assert window.sync.controller.status.state == states.SIGNED_OUT
    qtbot.waitUntil(lambda: "not signed in" in window.user_label.text().lower(), timeout=WAIT)
    assert desk.url not in window.user_label.text()


def _change_on(node, title: str, start) -> str:
    with node.store.session() as s:
        cid = changes.create_change(s, change_type="normal", title=title, actor_id=node.me, group_id=node.group,
                                    planned_start=start, planned_end=start + timedelta(hours=2)).id
    node.sync()
    return cid


def _change_in(node, change_id):
    node.sync()
    with node.store.session() as s:
        return s.get(Change, change_id)


def test_saving_or_rescheduling_a_change_pushes_it_without_pressing_sync(qtbot, desk, nodes, windows):
    user = new_user(desk, "A")
    ben = nodes(desk, "ben")
    start = datetime(2031, 5, 6, 20, 0, tzinfo=UTC)
    cid = _change_on(ben, "Patch the mail relay", start)
    window = windows("push-after-edit")
    window.ctx.settings.set("sync_interval_seconds", 3600)  # only the edit itself may start the push
    dialog = sign_in(qtbot, window, desk.url, user)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.sync.controller.status.state == states.ONLINE, timeout=WAIT)
    with window.ctx.runner.store.session() as s:
        qtbot.waitUntil(lambda: s.get(Change, cid) is not None, timeout=WAIT)
    window.open_change(cid)
    editor = window.current_editor() or window.tabs.currentWidget()
    qtbot.waitUntil(lambda: editor.ui.heading.text() != "", timeout=WAIT)
    qtbot.waitUntil(lambda: window.ctx.runner.is_idle(), timeout=WAIT)
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Patch the mail relay to 10.2")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)  # no F9: the save itself started the push
    assert _change_in(ben, cid).title == "Patch the mail relay to 10.2"
    # The calendar's way: its reschedule operation through the runner, then nothing else.
    later = start + timedelta(days=1)
    me = window.ctx.me
    moved: list = []
    window.ctx.runner.op(lambda s: reschedule_change(s, change_id=cid, start=later, end=later + timedelta(hours=2),
                                                      actor_id=me, expected_updated_at=None), on_done=moved.append)
    qtbot.waitUntil(lambda: bool(moved), timeout=WAIT)
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)
    assert _change_in(ben, cid).planned_start == later
