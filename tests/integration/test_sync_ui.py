"""The sync UI against a real server: sign-in through the dialog, live updates by long-poll, pending
count, work offline, a revoked sign-in, a restart's silent resume, no keyring, a server outage healed by
backoff alone, and the conflict inbox settling same-field conflicts."""

from __future__ import annotations

import itertools
import subprocess
import sys

import keyring.backends.fail
import requests
import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.credentials import MemoryTokenStore, TokenStore
from app.models import OutboxMutation, SyncConflict, Ticket
from app.tickets import writes as tickets
from app.ui.sync import controller as states
from app.ui.sync.sign_in_dialog import SignInDialog
from tests.server.conftest import PASSWORD, ROOT, _env, free_port, make_desk

WAIT = 60_000  # generous: the machine may be busy; a wait ends as soon as its condition holds
_names = itertools.count(1)


def new_user(desk, group: str = "A") -> str:
    """A user of its own per test, so that revoking or rate limiting one never touches another test."""
    name = f"ui{next(_names)}"
    desk.add_user(name, "agent", (group,))
    return name


def sign_in(qtbot, window, url: str, user: str, password: str = PASSWORD):
    dialog = window.sync.show_sign_in()
    dialog.url_edit.setText(url)
    dialog.user_edit.setText(user)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def signed_in_window(qtbot, windows, desk, user: str):
    window = windows(user)
    dialog = sign_in(qtbot, window, desk.url, user)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.sync.controller.status.state == states.ONLINE, timeout=WAIT)
    account = window.sync.controller.client.account
    qtbot.waitUntil(lambda: window.ctx.me == account.person_id, timeout=WAIT)
    return window


def store_of(desk_or_node):
    """The store of a window (its runner's) or of a headless node."""
    return desk_or_node.store if hasattr(desk_or_node, "client") else desk_or_node.ctx.runner.store


def ticket_in(window, ticket_id):
    with store_of(window).session() as s:
        return s.scalar(select(Ticket).where(Ticket.id == ticket_id))


def outbox(window) -> int:
    with store_of(window).session() as s:
        return s.scalar(select(func.count()).select_from(OutboxMutation))


def run_edit(window, fn) -> None:
    """A local edit as the app makes it: an operation committed by the window's task runner, whose
    committed outbox rows start the push-after-edit (once the event loop runs again)."""
    assert window.ctx.runner.op(fn).done.wait(WAIT / 1000)


def edit_locally(window, ticket_id, **changes) -> None:
    """An edit as the editor makes it: through the service on the runner, which publishes its change."""
    me = window.ctx.me
    run_edit(window, lambda s: tickets.update_ticket(s, ticket_id=ticket_id, changes=changes, actor_id=me))


def create_on(node, title: str) -> str:
    with node.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=node.me,
                                    group_id=node.group).id
    node.sync()
    return tid


def edit_on(node, ticket_id, **changes) -> None:
    with node.store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes=changes, actor_id=node.me)
    node.sync()


def test_sign_in_then_another_agents_edit_shows_in_the_open_editor(qtbot, desk, nodes, windows, tmp_path):
    user = new_user(desk)
    ben = nodes(desk, "ben")
    tid = create_on(ben, "Printer jams")
    window = signed_in_window(qtbot, windows, desk, user)
    settings = window.ctx.settings
    assert (settings.get("server_url"), settings.get("sync_user")) == (desk.url, user)
    qtbot.waitUntil(lambda: ticket_in(window, tid) is not None, timeout=WAIT)
    window.open_ticket(tid)
    editor = window.current_editor()
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=WAIT)
    edit_on(ben, tid, title="Printer jams on every page")  # the long-poll brings it without a timer
    qtbot.waitUntil(lambda: editor.detail().title == "Printer jams on every page", timeout=WAIT)
    assert "Online" in window.sync.status_widget.state_label.text()
    # An edit saved in the editor reaches the other desk without anyone pressing Sync.
    title = editor.ui.form.input_widget("title")
    title.clear()
    qtbot.keyClicks(title, "Printer jams on every page, tray 2")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        editor.save()
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)
    ben.sync()
    assert ticket_in(ben, tid).title == "Printer jams on every page, tray 2"
    # The refresh token is in the token store only: not in settings, store or logs.
    token = window.sync.controller.tokens.load(desk.url, user)
    assert token
    settings.save()
    assert token not in settings.path.read_text()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            assert token.encode() not in path.read_bytes(), path


def test_sign_in_errors_are_said_plainly_and_keep_the_dialog_open(qtbot, desk, windows):
    user = new_user(desk)
    window = windows("errors")
    dialog = sign_in(qtbot, window, desk.url, user, password="wrong password")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT)
    assert "user name or password is wrong" in dialog.error.text()
    assert dialog.isVisible() and dialog.password_edit.isEnabled()
    dialog.url_edit.setText("ftp://example.com")
    dialog.password_edit.setText(PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "https://" in dialog.error.text()  # refused before any request
    dialog.url_edit.setText(f"http://127.0.0.1:{free_port()}")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "connection was refused" in dialog.error.text(), timeout=WAIT)
    assert window.sync.controller.client is None and window.ctx.settings.get("server_url") == ""
    dialog.reject()


def test_pending_count_work_offline_and_a_revoked_sign_in_keep_every_edit(qtbot, desk, nodes, windows):
    user = new_user(desk)
    ben = nodes(desk, "ben")
    tid = create_on(ben, "VPN drops")
    window = signed_in_window(qtbot, windows, desk, user)
    qtbot.waitUntil(lambda: ticket_in(window, tid) is not None, timeout=WAIT)
    sync, widget = window.sync, window.sync.status_widget
    sync.actions["sync.offline"].trigger()
    assert sync.controller.status.state == states.WORK_OFFLINE and window.ctx.settings.get("work_offline")
    edit_locally(window, tid, urgency=1)
    qtbot.waitUntil(lambda: widget.pending_label.isVisible(), timeout=WAIT)
    assert widget.pending_label.text() == "1 pending"
    sync.actions["sync.now"].trigger()  # F9 while working offline sends nothing
    assert not sync.controller.busy and outbox(window) == 1
    ben.sync()
    assert ticket_in(ben, tid).urgency == 3  # the server never saw it
    # Back online: the edit goes, the count drops.
    sync.actions["sync.offline"].trigger()
    qtbot.waitUntil(lambda: outbox(window) == 0 and not widget.pending_label.isVisible(), timeout=WAIT)
    ben.sync()
    assert ticket_in(ben, tid).urgency == 1
    # The administrator revokes the sign-in: a banner asks for a new one, and edits stay queued.
    desk.admin("user", "revoke", user)
    edit_locally(window, tid, impact=1)
    qtbot.waitUntil(lambda: sync.banner.isVisible(), timeout=WAIT)
    assert "sign in again" in sync.banner.message().lower() and "edits are kept" in sync.banner.message()
    assert sync.controller.status.state == states.AUTH_EXPIRED and outbox(window) == 1
    # Signing in again from the banner sends it.
    button = sync.banner.buttons()[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(SignInDialog) if d.isVisible())
    assert dialog.user_edit.text() == user
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outbox(window) == 0 and not sync.banner.isVisible(), timeout=WAIT)
    ben.sync()
    assert ticket_in(ben, tid).impact == 1


def test_the_conflict_inbox_keeps_mine_keeps_theirs_or_writes_an_edited_value(qtbot, desk, nodes, windows):
    user = new_user(desk)
    ben = nodes(desk, "ben")
    t_mine, t_theirs, t_edit = (create_on(ben, f"Conflict {i}") for i in range(3))
    window = signed_in_window(qtbot, windows, desk, user)
    qtbot.waitUntil(lambda: all(ticket_in(window, t) is not None for t in (t_mine, t_theirs, t_edit)),
                    timeout=WAIT)
    sync = window.sync
    sync.actions["sync.offline"].trigger()
    edit_locally(window, t_mine, title="Mine 0")
    edit_locally(window, t_theirs, urgency=1)
    edit_locally(window, t_edit, title="Mine 2")
    edit_on(ben, t_mine, title="Theirs 0")
    edit_on(ben, t_theirs, urgency=2)
    edit_on(ben, t_edit, title="Theirs 2")
    window.open_ticket(t_mine)
    editor = window.current_editor()
    sync.actions["sync.offline"].trigger()
    # Urgency moves the derived priority too, but that is one decision: one entry (the server derives
    # the priority again from the urgency it keeps).
    qtbot.waitUntil(lambda: sync.summary.conflicts == 3 and outbox(window) == 0, timeout=WAIT)
    assert sync.actions["sync.conflicts"].text().startswith("C&onflicts (3)")
    assert sync.status_widget.conflicts_button.isVisible()
    # The open editor says so, and its button opens the inbox at that ticket.
    qtbot.waitUntil(lambda: editor.conflict_banner.isVisible(), timeout=WAIT)
    qtbot.mouseClick(editor.conflict_banner.buttons()[0], Qt.MouseButton.LeftButton)
    inbox = sync.inbox
    qtbot.waitUntil(lambda: inbox.current_entry() is not None and inbox.current_entry().ticket_id == t_mine,
                    timeout=WAIT)
    entry = inbox.current_entry()
    assert (entry.field, entry.base, entry.theirs, entry.mine) == ("title", "Conflict 0", "Theirs 0", "Mine 0")
    assert inbox.theirs_box.toPlainText() == "Theirs 0" and inbox.mine_box.toPlainText() == "Mine 0"
    assert ticket_in(window, t_mine).title == "Theirs 0"  # the server's value shows until settled

    def settle(ticket_id, button, before=None):
        qtbot.waitUntil(lambda: any(e.ticket_id == ticket_id for e in inbox.entries), timeout=WAIT)
        inbox.show_ticket(ticket_id)
        qtbot.waitUntil(lambda: inbox.current_entry().ticket_id == ticket_id, timeout=WAIT)
        if before:
            before()
        count = len(inbox.entries)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(inbox.entries) == count - 1, timeout=WAIT)

    settle(t_mine, inbox.mine_button)
    settle(t_theirs, inbox.theirs_button)
    settle(t_edit, inbox.edited_button, lambda: inbox.editor.setText("Both 2"))
    assert inbox.empty_label.isVisible()
    qtbot.waitUntil(lambda: outbox(window) == 0 and sync.summary.conflicts == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not editor.conflict_banner.isVisible(), timeout=WAIT)
    ben.sync()
    assert (ticket_in(window, t_mine).title, ticket_in(ben, t_mine).title) == ("Mine 0", "Mine 0")
    assert (ticket_in(window, t_theirs).urgency, ticket_in(ben, t_theirs).urgency) == (2, 2)
    assert ticket_in(window, t_theirs).priority == ticket_in(ben, t_theirs).priority  # derived from urgency 2
    assert (ticket_in(window, t_edit).title, ticket_in(ben, t_edit).title) == ("Both 2", "Both 2")
    with store_of(window).session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")) == 0
    inbox.close()


def test_a_restart_resumes_the_remembered_sign_in_without_asking(qtbot, desk, windows):
    user = new_user(desk)
    first = signed_in_window(qtbot, windows, desk, user)
    tokens = first.sync.controller.tokens
    first.ctx.settings.save()
    first.sync.shutdown()
    again = windows(user, tokens)  # the same store, settings and keyring: as after a restart
    qtbot.waitUntil(lambda: again.sync.controller.status.state == states.ONLINE, timeout=WAIT)
    assert not [d for d in again.findChildren(SignInDialog) if d.isVisible()]
    assert user in again.sync.status_widget.state_label.toolTip()
    # Without a remembered token (another computer's keyring): a banner, never a surprise dialog.
    lost = windows(user, MemoryTokenStore())
    qtbot.waitUntil(lambda: lost.sync.banner.isVisible(), timeout=WAIT)
    assert lost.sync.controller.status.state == states.AUTH_EXPIRED
    assert not [d for d in lost.findChildren(SignInDialog) if d.isVisible()]
    lost.sync.shutdown()
    # Signing out forgets the refresh token; the next start asks nobody and stays signed out.
    again.sync.actions["sync.sign_out"].trigger()
    assert again.sync.controller.status.state == states.SIGNED_OUT and again.ctx.settings.get("sync_user") == ""
    qtbot.waitUntil(lambda: tokens.load(desk.url, user) is None, timeout=WAIT)
    again.sync.shutdown()
    later = windows(user, tokens)
    qtbot.waitUntil(lambda: not later.sync._start.isActive(), timeout=WAIT)
    assert later.sync.controller.status.state == states.SIGNED_OUT and not later.sync.banner.isVisible()
    assert later.ctx.settings.get("server_url") == desk.url  # kept to fill in the next sign-in


def test_without_a_keyring_the_session_stays_in_memory_and_the_user_is_told(qtbot, desk, windows):
    user = new_user(desk)
    window = windows(user, TokenStore(keyring.backends.fail.Keyring()))
    dialog = sign_in(qtbot, window, desk.url, user)
    qtbot.waitUntil(lambda: window.sync.controller.status.state == states.ONLINE, timeout=WAIT)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    qtbot.waitUntil(lambda: window.sync.keyring_banner.isVisible(), timeout=WAIT)
    assert "No system keyring is available" in window.sync.keyring_banner.message()
    assert window.sync.controller.tokens.load(desk.url, user)  # this run keeps syncing from memory


def _serve_on(desk, port: int) -> None:
    """Start the desk's server again on the same address, as a restarted server would come back."""
    proc = subprocess.Popen([sys.executable, "-m", "server.main", *desk.db_args, "--port", str(port)], cwd=ROOT,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desk.processes.append(proc)


def test_a_server_outage_shows_offline_and_pending_edits_drain_by_themselves(qtbot, windows, tmp_path):
    for own in make_desk("sqlite", tmp_path / "own-desk"):
        _outage_then_drain(qtbot, windows, own)


def _outage_then_drain(qtbot, windows, own) -> None:
    own.admin("group", "add", "A")
    own.add_user("olga", "agent", ("A",))
    url = own.start()
    window = signed_in_window(qtbot, windows, own, "olga")
    sync = window.sync
    made: list[str] = []
    me, group = window.ctx.me, sync.controller.client.account.group_ids[0]
    run_edit(window, lambda s: made.append(tickets.create_ticket(
        s, ticket_type="incident", title="Made before the outage", actor_id=me, group_id=group).id))
    tid = made[0]
    qtbot.waitUntil(lambda: outbox(window) == 0, timeout=WAIT)
    own.kill()
    edit_locally(window, tid, title="Made during the outage")
    qtbot.waitUntil(lambda: sync.controller.status.state == states.OFFLINE, timeout=WAIT)
    assert sync.status_widget.state_label.text().startswith("Offline, retrying in")
    assert outbox(window) == 1 and ticket_in(window, tid).title == "Made during the outage"
    _serve_on(own, int(url.rsplit(":", 1)[1]))
    # Nobody presses anything: the capped backoff retries until the server answers.
    qtbot.waitUntil(lambda: outbox(window) == 0 and sync.controller.status.state == states.ONLINE,
                    timeout=120_000)
    with requests.Session() as http:  # what the server now holds, as another client would read it
        token = http.post(url + "/v1/auth/sign-in", json={"name": "olga", "password": PASSWORD},
                          timeout=30).json()["access_token"]
        page = http.get(url + "/v1/sync/pull", params={"schema_version": 1, "cursor": 0, "limit": 500},
                        headers={"Authorization": "Bearer " + token}, timeout=30).json()
    assert [t["title"] for t in page["rows"]["ticket"] if t["id"] == tid] == ["Made during the outage"]
