"""The change feed against a real server: saving a change in its editor pushes it (push-after-edit
listens to the feed), and the pull that brings another agent's edit refreshes the open change list."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.changes import writes as changes
from app.models import Change
from app.ui.changes.changes_page import ChangesPage
from app.ui.changes.editor import ChangeEditor
from tests.integration.test_sync_ui import WAIT, new_user, outbox, run_edit, signed_in_window


def test_saving_a_change_in_its_editor_pushes_it_to_the_server(qtbot, desk, nodes, windows):
    user = new_user(desk)
    window = signed_in_window(qtbot, windows, desk, user)
    me, group = window.ctx.me, window.sync.controller.client.account.group_ids[0]
    made: list[str] = []
    run_edit(window, lambda s: made.append(changes.create_change(
        s, change_type="normal", title="Patch billing DB", actor_id=me, group_id=group).id))
    change_id = made[0]
    # The create went out by itself; the round then pulls it back (its server number and stamp).
    qtbot.waitUntil(lambda: outbox(window) == 0 and not window.sync.controller.busy, timeout=WAIT)

    editor = ChangeEditor(window.ctx, change_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=WAIT)
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Patch billing DB to 15.4")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        qtbot.mouseClick(editor.ui.save_button, Qt.MouseButton.LeftButton)
    # Nobody presses "Sync now": the saved change's record on the feed starts the push.
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        assert s.scalar(select(Change.title).where(Change.id == change_id)) == "Patch billing DB to 15.4"

    # ...and another agent's edit, pulled, refreshes the open change list through the feed.
    page = ChangesPage(window.ctx, window)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    with ann.store.session() as s:
        changes.update_change(s, change_id=change_id, changes={"title": "Renamed by Ann"}, actor_id=ann.me)
    ann.sync()
    window.sync.sync_now()
    qtbot.waitUntil(lambda: shiboken6.isValid(page) and "Renamed by Ann" in [
        page.model.index(r, 1).data() for r in range(page.model.rowCount())], timeout=WAIT)
