"""Sync UI without a server: the status bar part, the sign-in dialog's checks, work offline, F9."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt

from app.people.account import SyncSummary
from app.ui.sync import controller as states
from app.ui.sync.controller import SyncStatus
from app.ui.sync.messages import check_server_url, relative_time
from app.ui.sync.sign_in_dialog import SignInDialog


def test_a_local_desk_is_signed_out_and_starts_no_thread(window):
    sync = window.sync
    assert sync.controller.status.state == states.SIGNED_OUT
    assert sync.status_widget.state_label.text() == "Not signed in"
    assert sync.controller._jobs == [] and sync.ctx.runner.is_idle()  # no network work, no sync job
    menu_titles = [a.text() for a in window.menuBar().actions()]
    assert menu_titles.index("S&ync") == len(menu_titles) - 2  # just before Help


def test_the_status_widget_says_state_progress_pending_and_last_sync(window):
    widget = window.sync.status_widget
    widget.show_status(SyncStatus(states.SYNCING))
    assert not widget.cancel_button.isHidden()
    widget.show_progress("pull", 1200, 0)
    # the count in the locale's digits ("1,200" in English, "1.200" in German, "1200" in the C locale)
    received = f"Syncing… {QLocale().toString(1200)} changes received"
    assert widget.state_label.text() == received and not widget.progress.isHidden()
    widget.show_progress("push", 3, 10)
    assert widget.progress.text() == "Sending 3 of 10"
    widget.show_status(SyncStatus(states.OFFLINE, "The server cannot be reached.", "ann on https://x", 29.6))
    assert widget.state_label.text() == "Offline, retrying in 30 s" and widget.progress.isHidden()
    assert widget.state_label.toolTip() == "ann on https://x\nThe server cannot be reached."
    when = datetime.now(UTC) - timedelta(minutes=5)
    widget.show_summary(SyncSummary(pending=2, conflicts=1, last_synced=when))
    assert widget.pending_label.text() == "2 pending" and not widget.conflicts_button.isHidden()
    assert widget.last_label.text() == "Synced 5 min ago" and when.astimezone().strftime("%H:%M") in \
        widget.last_label.toolTip()
    widget.show_summary(SyncSummary(pending=0, conflicts=0, last_synced=None))
    assert widget.pending_label.isHidden() and widget.conflicts_button.isHidden() and widget.last_label.isHidden()


def test_f9_while_signed_out_asks_for_a_sign_in(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F9)
    dialogs = [d for d in window.findChildren(SignInDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert not dialog.sign_in_button.isEnabled()  # nothing typed yet
    assert "memory only" in dialog.keyring_note.text() and not dialog.keyring_note.isHidden()
    dialog.url_edit.setText("ftp://desk.example.com")
    dialog.user_edit.setText("ann")
    dialog.password_edit.setText("secret")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "https://" in dialog.error.text() and window.sync.controller._jobs == []  # refused before any request
    dialog.reject()
    assert dialog.password_edit.text() == ""


def test_work_offline_is_remembered_in_the_settings(window, ctx):
    action = window.sync.actions["sync.offline"]
    action.trigger()
    assert action.isChecked() and ctx.settings.get("work_offline") is True
    assert '"work_offline": true' in ctx.settings.path.read_text()
    action.trigger()
    assert ctx.settings.get("work_offline") is False


@pytest.mark.parametrize("typed, url", [
    ("desk.example.com", "https://desk.example.com"),
    (" https://desk.example.com:8443/ ", "https://desk.example.com:8443"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("ftp://desk.example.com", ""), ("https://", ""), ("https://desk:99999", ""), ("https://a b", ""),
    ("https://desk/?x=1", ""), ("", ""),
])
def test_server_addresses_are_checked_before_any_request(qapp, typed, url):
    got, problem = check_server_url(typed)
    assert got == url and bool(problem) == (url == "")


def test_relative_times(qapp):
    now = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)
    assert [relative_time(now - timedelta(seconds=s), now) for s in (5, 120, 7200, 200000)] == \
        ["just now", "2 min ago", "2 h ago", "2 days ago"]
    assert relative_time(None) == "never"
