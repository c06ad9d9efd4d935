"""Replies and events pushed through the real API reach the requester's Dovecot mailbox over real SMTP."""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.utils import make_msgid

from server.db import Database
from server.mail.queue import mark_bounced
from tests.server.mail.conftest import mail_config, outbox
from tests.server.wire import new_id, worklog_row


def reply(client, ticket_id: str, body: str) -> dict:
    entry_id = new_id()
    return client.mutation("worklog_entry", entry_id, "append",
                           {"row": worklog_row(entry_id, ticket_id, body, kind="reply")})


def wait_sent(desk, ticket_id: str, count: int, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        rows = outbox(desk, ticket_id)
        if (len(rows) >= count and all(r["state"] in ("sent", "failed") for r in rows)) or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)


def test_reply_and_events_are_mailed_threaded(mail_desk, mail_servers, tmp_path):
    mail_servers.clear("carol")
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, groups={"A": {
        "address": "service-a@example.test", "name": "Service Desk A"}})))
    alice = desk.sign_in("alice")
    tid = new_id()
    number = alice.push(alice.create(tid, title="Printer <b>jams</b> & smokes",
                                     requester_id=desk.requesters["carol"]))[0]["number"]
    assert alice.push(reply(alice, tid, "Please switch it off.\n\n<script>alert(1)</script>"))[0]["status"] == "applied"
    alice.push(alice.update(tid, state=("new", "in_progress")))
    alice.push(alice.update(tid, state=("in_progress", "resolved"), resolution_code=(None, "user_error"),
                            resolution_notes=(None, "Paper was wet.")))
    rows = wait_sent(desk, tid, 3)
    assert [(r["event"], r["state"], r["attempts"]) for r in rows] == [
        ("received", "sent", 1), ("reply", "sent", 1), ("resolved", "sent", 1)]

    got = mail_servers.wait_for("carol", 3)
    assert len(got) == 3
    received, answer, resolved = sorted(got, key=lambda m: [r["message_id"] for r in rows].index(m["Message-ID"]))
    for msg in got:
        assert f"[{number}]" in msg["Subject"]
        assert msg["From"].addresses[0].addr_spec == "service-a@example.test"
        assert msg["From"].addresses[0].display_name == "Service Desk A"
        assert msg["To"].addresses[0].addr_spec == "carol@example.test"
        assert msg["To"].addresses[0].display_name == "Carol Requester"
        assert msg.get_content_type() == "multipart/alternative"
    assert received["Subject"] == f"[{number}] Received: Printer <b>jams</b> & smokes"
    assert received["Auto-Submitted"] == "auto-generated"
    assert answer["Subject"] == f"Re: [{number}] Printer <b>jams</b> & smokes"
    assert answer["Auto-Submitted"] is None  # a person's reply: an auto-responder may answer it

    # Threading: the first message is the conversation's root; each later one answers the one before.
    root = received["Message-ID"]
    assert received["In-Reply-To"] is None
    assert answer["In-Reply-To"] == root and answer["References"].split() == [root]
    assert resolved["In-Reply-To"] == answer["Message-ID"]
    assert resolved["References"].split() == [root, answer["Message-ID"]]

    # Both parts: the text as typed; the HTML escaped, nothing active in it.
    plain = answer.get_body(("plain",)).get_content()
    html = answer.get_body(("html",)).get_content()
    assert "Please switch it off." in plain and "<script>alert(1)</script>" in plain
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "Alice" in plain or "alice" in plain
    assert "Paper was wet." in resolved.get_body(("plain",)).get_content()

    # A delivery report for one of them (mail in will read these) marks it bounced; a stranger's id is no match.
    db = Database(desk.database_url)
    try:
        with db.write() as session:
            assert mark_bounced(session, answer["Message-ID"], "550 5.1.1 mailbox unknown")
            assert not mark_bounced(session, "<someone.else@example.test>", "550")
    finally:
        db.dispose()
    assert [r["state"] for r in outbox(desk, tid)] == ["sent", "bounced", "sent"]


def test_a_note_or_a_ticket_without_requester_sends_nothing(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers)))
    alice = desk.sign_in("alice")
    quiet, noted = new_id(), new_id()
    alice.push(alice.create(quiet))  # no requester
    alice.push(reply(alice, quiet, "To nobody"))
    alice.push(alice.create(noted, requester_id=desk.requesters["dave"]), alice.worklog(noted, body="internal"))
    assert outbox(desk, quiet) == []
    assert [r["event"] for r in outbox(desk, noted)] == ["received"]


def test_implicit_tls(mail_desk, mail_servers, tmp_path):
    mail_servers.clear("erin")
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, tls="tls", language="de")))
    alice = desk.sign_in("alice")
    tid = new_id()
    number = alice.push(alice.create(tid, title="Drucker", requester_id=desk.requesters["erin"]))[0]["number"]
    assert [r["state"] for r in wait_sent(desk, tid, 1)] == ["sent"]
    (msg,) = mail_servers.wait_for("erin", 1)
    assert msg["Subject"] == f"[{number}] Eingegangen: Drucker"
    assert msg["From"].addresses[0].addr_spec == "help@example.test"


def test_waiting_for_the_requester_is_mailed_other_holds_are_not(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["waiting", "resolved"])))
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters["dave"]))
    alice.push(alice.update(tid, state=("new", "on_hold"), on_hold_reason=(None, "awaiting_vendor")))
    alice.push(alice.update(tid, on_hold_reason=("awaiting_vendor", "awaiting_caller")))
    alice.push(alice.update(tid, state=("on_hold", "in_progress"), on_hold_reason=("awaiting_caller", None)))
    refused = alice.push(alice.update(tid, state=("in_progress", "resolved")))[0]  # no resolution code
    assert refused["status"] == "rejected"
    rows = wait_sent(desk, tid, 1)
    assert [(r["event"], r["state"]) for r in rows] == [("waiting", "sent")]  # the refused move queued nothing
    (msg,) = mail_servers.wait_for_id("dave", rows[0]["message_id"])
    assert "Waiting for your answer" in msg["Subject"]


def test_the_fixture_delivers_submitted_mail_for_mail_in(mail_servers):
    """What mail-in tests will build on: a message submitted over SMTP is read back over IMAP."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "someone@example.test", "erin@example.test", "Printer broken"
    msg["Message-ID"] = make_msgid(domain="example.test")
    msg.set_content("It smokes.")
    mail_servers.submit(msg, ["erin@example.test"])
    (got,) = mail_servers.wait_for_id("erin", msg["Message-ID"])
    assert got["Subject"] == "Printer broken" and got.get_content().strip() == "It smokes."
