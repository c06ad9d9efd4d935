"""Desktop notifications after a sync pull: a requester's mail on my ticket, a new ticket in my group; coalesced
when many; never for my own edits; off by the setting."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.sync.apply import apply_page
from app.tickets import writes as tickets
from app.ui.notifications.arrival_notifier import ArrivalNotifier
from app.ui.notifications.desktop import DesktopNotice
from core.feed import LOCAL
from tests.ui.conftest import publish_change, wait_idle
from tests.ui.test_delivery_view import entry_row, iso, pull
from tests.ui.test_ticket_editor import make_ticket


@pytest.fixture
def notifier(qtbot, ctx):
    ctx.settings.set("notified_through", iso(datetime.now(UTC) - timedelta(minutes=5)))
    made = ArrivalNotifier(ctx)
    shown: list[tuple[str, str]] = []
    made.notified.connect(lambda title, text: shown.append((title, text)))
    made.shown = shown
    yield made
    wait_idle(qtbot, ctx.runner)


def settle(qtbot, ctx, notifier) -> None:
    """Let the coalescing timer fire and the query come back (no fixed wait: until nothing is pending)."""
    qtbot.waitUntil(lambda: not notifier._timer.isActive() and not notifier._asking)
    wait_idle(qtbot, ctx.runner)


def pulled_ticket(ctx, store, seeded, title: str, *, group: bool = True) -> str:
    """A ticket another desk created, applied from a pull page (no local audit row), and its record published."""
    tid = str(uuid.uuid4())
    now = iso(datetime.now(UTC))
    row = {"id": tid, "type": "incident", "number": f"INC{uuid.uuid4().int % 10**7:07d}", "title": title,
           "description": "", "state": "new", "is_open": True, "impact": 3, "urgency": 3, "priority": 5,
           "priority_overridden": False, "requester_id": seeded["requester"],
           "group_id": seeded["group"] if group else None, "assignee_id": None, "channel": "email",
           "created_at": now, "updated_at": now, "reopen_count": 0}
    with store.session() as s:
        apply_page(s, {"changes": [{"entity": "ticket", "entity_id": tid, "op": "upsert"}], "rows": {"ticket": [row]},
                       "tombstones": [], "evictions": [], "conflicts": []})
    publish_change(ctx, "ticket", tid)
    return tid


def test_the_first_pull_after_start_is_one_coalesced_notice(qtbot, ctx, store, seeded, notifier):
    tid = make_ticket(store, seeded)  # assigned to me
    pull(ctx, store, *(entry_row(tid, f"mail {i}", kind="requester", mail_state="received") for i in range(12)))
    settle(qtbot, ctx, notifier)
    assert notifier.shown == [("Deskside", "12 new mails on your tickets")]
    assert notifier.shown_on_desktop == (1 if DesktopNotice.available() else 0)  # the tray where there is one


def test_one_mail_and_one_ticket_are_told_one_by_one_and_never_twice(qtbot, ctx, store, seeded, notifier):
    tid = make_ticket(store, seeded, title="Printer on fire")
    pull(ctx, store, entry_row(tid, "warm up", kind="requester"))  # the first pull after the start
    settle(qtbot, ctx, notifier)
    notifier.shown.clear()
    with store.session() as s:
        number = tickets.get_ticket(s, tid).number
    mail = entry_row(tid, "It smokes again", kind="requester", author_id=seeded["requester"])
    pull(ctx, store, mail)
    settle(qtbot, ctx, notifier)
    assert notifier.shown == [(f"Rita Requester wrote on {number}", "Printer on fire")]
    pull(ctx, store, mail)  # the same row again (a re-pull): not told twice
    settle(qtbot, ctx, notifier)
    assert len(notifier.shown) == 1

    other = pulled_ticket(ctx, store, seeded, "VPN\u202e down\nnow")
    settle(qtbot, ctx, notifier)
    with store.session() as s:
        other_number = tickets.get_ticket(s, other).number
    # A requester's text on one line, controls (here a bidi override) dropped.
    assert notifier.shown[-1] == (f"New ticket {other_number} in your group", "VPN down now")
    assert notifier.shown_on_desktop == (len(notifier.shown) if DesktopNotice.available() else 0)


def test_nothing_for_my_own_edits_other_groups_notes_or_with_the_setting_off(qtbot, ctx, store, seeded, notifier):
    tid = make_ticket(store, seeded)
    pull(ctx, store, entry_row(tid, "warm up", kind="requester"))
    settle(qtbot, ctx, notifier)
    notifier.shown.clear()
    # My ticket, created here, comes back from the server (a sync record): not news.
    mine = make_ticket(store, seeded, title="Mine")
    publish_change(ctx, "ticket", mine)
    # A local edit's record (not the sync's) is never told.
    pull_row = entry_row(tid, "local?", kind="requester")
    with store.session() as s:
        apply_page(s, {"changes": [{"entity": "worklog_entry", "entity_id": pull_row["id"], "op": "upsert"}],
                       "rows": {"worklog_entry": [pull_row]}, "tombstones": [], "evictions": [], "conflicts": []})
    publish_change(ctx, "worklog_entry", pull_row["id"], initiator=LOCAL)
    # A reply or note pulled from a colleague, a ticket outside my groups, a mail on a colleague's ticket.
    pull(ctx, store, entry_row(tid, "a colleague's reply"), entry_row(tid, "a note", kind="note"))
    pulled_ticket(ctx, store, seeded, "Not my group", group=False)
    theirs = make_ticket(store, seeded, assignee_id=seeded["bob"])
    pull(ctx, store, entry_row(theirs, "to bob", kind="requester"))
    settle(qtbot, ctx, notifier)
    assert notifier.shown == []

    ctx.settings.set("mail_notify", False)
    pull(ctx, store, entry_row(tid, "while off", kind="requester"))
    settle(qtbot, ctx, notifier)
    assert notifier.shown == []


def test_old_mail_of_a_first_sync_is_not_news(qtbot, ctx, store, seeded):
    """A desk's first start remembers when it began listening: the history its first sync brings is older."""
    assert ctx.settings.get("notified_through") == ""
    notifier = ArrivalNotifier(ctx)
    shown: list = []
    notifier.notified.connect(lambda *a: shown.append(a))
    tid = make_ticket(store, seeded)
    old = iso(datetime.now(UTC) - timedelta(days=3))
    pull(ctx, store, *(entry_row(tid, f"old {i}", kind="requester", created_at=old) for i in range(5)))
    settle(qtbot, ctx, notifier)
    assert shown == []
    assert ctx.settings.get("notified_through") != ""
