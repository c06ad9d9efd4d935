"""The sync status bar never contradicts itself: "Synced …" names the last round that completed (not a
page of a round that then failed), and a first sync with the user editing during it ends Online with
the edit kept and sent."""

from __future__ import annotations

import os

import pytest
import shiboken6
from sqlalchemy import select

from app.models import Ticket
from app.tickets import attachments
from app.tickets import writes as tickets
from app.ui.sync import controller as states
from app.ui.sync.sign_in_dialog import SignInDialog
from tests.integration.proxy import Proxy
from tests.integration.test_sync_concurrent_edits import EditDuringSync
from tests.integration.test_sync_ui import WAIT, edit_locally, new_user, outbox, sign_in, ticket_in


class NoBlobsProxy(Proxy):
    """Forwards everything but attachment bytes: a download is cut, so the round fails after its pull."""

    def take_mode(self, method: str, path: str) -> str:
        return "down" if path.startswith("/v1/blobs") else super().take_mode(method, path)


@pytest.fixture
def no_blobs(desk):
    proxy = NoBlobsProxy(desk.url)
    yield proxy
    proxy.close()


def _states(window) -> list[str]:
    seen: list[str] = []
    window.sync.controller.status_changed.connect(lambda status: seen.append(status.state))
    return seen


def test_a_round_that_fails_after_its_pull_never_says_synced(qtbot, desk, nodes, windows, no_blobs, tmp_path):
    user = new_user(desk)
    ben = nodes(desk, "ben")
    source = tmp_path / "trace.bin"
    source.write_bytes(os.urandom(5000))
    with ben.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Crash dump", actor_id=ben.me,
                                    group_id=ben.group).id
        attachments.add_attachment(s, blob_dir=ben.store.blob_dir, ticket_id=tid, source=source, actor_id=ben.me)
    ben.sync()
    window = windows(user)
    dialog = sign_in(qtbot, window, no_blobs.url, user)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    sync, widget = window.sync, window.sync.status_widget
    qtbot.waitUntil(lambda: sync.controller.status.state == states.OFFLINE, timeout=WAIT)
    qtbot.waitUntil(lambda: ticket_in(window, tid) is not None, timeout=WAIT)
    sync.actions["sync.offline"].trigger()  # the user stops trying and works on
    edit_locally(window, tid, urgency=1)
    qtbot.waitUntil(lambda: widget.pending_label.text() == "1 pending" and widget.pending_label.isVisible(),
                    timeout=WAIT)
    # Tickets arrived, but no round completed: the status bar does not say "Synced just now".
    assert widget.state_label.text() == "Working offline"
    assert widget.last_label.isHidden(), widget.last_label.text()


def test_an_edit_during_the_first_sync_ends_online_with_the_edit_sent(qtbot, desk, nodes, windows):
    user = new_user(desk)
    ben = nodes(desk, "ben")
    with ben.store.session() as s:
        for i in range(3):
            tickets.create_ticket(s, ticket_type="incident", title=f"Queue {i}", actor_id=ben.me, group_id=ben.group)
    ben.sync()
    window = windows(user)
    seen = _states(window)
    store = window.ctx.runner.store

    def edit(s):  # what the new-ticket dialog's Create runs, on the runner, while the first sync runs
        return tickets.create_ticket(s, ticket_type="incident", title="Typed during the first sync",
                                     actor_id=window.ctx.me,
                                     group_id=window.sync.controller.client.account.group_ids[0]).id

    def created(ticket_id):  # ...the runner publishes its change record; nothing to announce by hand
        pass

    # Right when the first sync puts the search triggers back (its groups are pulled by then).
    hook = EditDuringSync(store, window.ctx.runner, "CREATE", edit,
                          on_done=created)
    dialog = sign_in(qtbot, window, desk.url, user)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: hook.fired and hook.saved(), timeout=WAIT)
    # The sync thread sets `fired` before it hands the edit to the runner: wait for the task itself too.
    qtbot.waitUntil(lambda: hook.task is not None and hook.task.done.is_set(), timeout=WAIT)
    sync, widget = window.sync, window.sync.status_widget
    qtbot.waitUntil(lambda: outbox(window) == 0 and sync.controller.status.state == states.ONLINE
                    and not sync.controller.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: widget.pending_label.isHidden(), timeout=WAIT)
    assert hook.errors == []
    assert states.ERROR not in seen and states.OFFLINE not in seen, seen
    assert widget.state_label.text() == "Online" and widget.last_label.text() == "Synced just now"
    assert not [d for d in window.findChildren(SignInDialog) if d.isVisible()]
    with store.session() as s:  # kept, sent, and numbered by the server
        assert s.scalar(select(Ticket.number).where(Ticket.title == "Typed during the first sync")) is not None
