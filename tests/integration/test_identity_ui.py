"""Who the desk acts as after a sign-in, at once: the new-ticket dialog's group, the status bar, sign-out."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import SyncConflict
from app.ui.sync import controller as states
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from tests.integration.test_sync_ui import WAIT, new_user, outbox, sign_in, ticket_in, windows  # noqa: F401


def test_after_sign_in_the_desk_acts_as_the_signed_in_user_at_once(qtbot, desk, nodes, windows):  # noqa: F811
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
