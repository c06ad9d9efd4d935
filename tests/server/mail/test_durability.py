"""Durable delivery against the real mail servers: SMTP down, then back; the server killed mid-send."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text

from tests.server.mail.conftest import add_requesters, mail_config, outbox
from tests.server.mail.test_delivery import reply, wait_sent
from tests.server.wire import new_id


def copies(mail_servers, user: str, message_id: str) -> int:
    return sum(1 for m in mail_servers.messages(user) if m["Message-ID"] == message_id)


def wait_until(predicate, timeout: float = 60, every: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def test_smtp_down_is_retried_with_backoff_and_delivered_once(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters["dave"]))
    mail_servers.stop_smtp()
    try:
        alice.push(reply(alice, tid, "Sent while the mail server is down"))
        rows = wait_until(lambda: [r for r in outbox(desk, tid) if r["attempts"] >= 3 and r["state"] == "queued"])
        assert rows, outbox(desk, tid)
        assert "Cannot reach the mail server" in rows[0]["last_error"]
        # Backoff: later attempts wait longer (0.5 s, 1 s, then 2 s at most here).
        assert rows[0]["next_attempt_at"] > rows[0]["created_at"]
    finally:
        mail_servers.start_smtp()
    (row,) = wait_sent(desk, tid, 1)
    assert row["state"] == "sent" and row["attempts"] >= 3
    assert wait_until(lambda: copies(mail_servers, "dave", row["message_id"]), timeout=30) == 1
    time.sleep(1)  # nothing more arrives
    assert copies(mail_servers, "dave", row["message_id"]) == 1


def test_killed_while_sending_delivers_once_after_restart(mail_desk, mail_servers, tarpit, tmp_path):
    """kill -9 after the claim committed and before the SMTP server took the message (here: it never
    answers): the restarted server sends it again once its lease ran out, with the same Message-ID."""
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, port=tarpit.port, events=["reply"])))
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters["erin"]))
    alice.push(reply(alice, tid, "Sent across a crash"))
    in_flight = wait_until(lambda: [r for r in outbox(desk, tid) if r["state"] == "sending"])
    assert in_flight, outbox(desk, tid)
    desk.kill()
    (row,) = outbox(desk, tid)
    assert row["state"] == "sending" and row["attempts"] == 1  # the claim survived the kill

    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
    (row,) = wait_sent(desk, tid, 1)
    assert row["state"] == "sent" and row["attempts"] == 2
    assert row["message_id"] == in_flight[0]["message_id"]
    assert wait_until(lambda: copies(mail_servers, "erin", row["message_id"]), timeout=30) == 1
    time.sleep(1)
    assert copies(mail_servers, "erin", row["message_id"]) == 1


def test_killed_after_the_server_took_it_gives_the_same_message_id(mail_desk, mail_servers, tmp_path):
    """The one window SMTP leaves open: the mail server answered 250 and the process died before it
    recorded `sent`. That state is made here directly (row back to `sending`, lease run out): the
    message goes out a second time, byte for byte, with the same Message-ID, so it is one message to
    any client that threads or de-duplicates by Message-ID. Never a third time."""
    desk = mail_desk
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters["carol"]))
    alice.push(reply(alice, tid, "Sent, then the server died"))
    (row,) = wait_sent(desk, tid, 1)
    assert wait_until(lambda: copies(mail_servers, "carol", row["message_id"]), timeout=30) == 1
    desk.kill()
    engine = create_engine(desk.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE mail_outbox SET state = 'sending', sent_at = NULL, lease_owner = 'dead', "
                              "lease_until = :past WHERE id = :id"), {"past": row["created_at"], "id": row["id"]})
    finally:
        engine.dispose()
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
    (again,) = wait_sent(desk, tid, 1)
    assert again["state"] == "sent" and again["attempts"] == 2
    assert wait_until(lambda: copies(mail_servers, "carol", row["message_id"]) == 2, timeout=30)
    same = [m for m in mail_servers.messages("carol") if m["Message-ID"] == row["message_id"]]
    assert same[0].as_bytes().split(b"\n\n", 1)[1] == same[1].as_bytes().split(b"\n\n", 1)[1]
    time.sleep(1)
    assert copies(mail_servers, "carol", row["message_id"]) == 2


def test_two_server_processes_send_each_message_once(mail_desk, mail_servers, tmp_path):
    """Every process runs a sender on the shared queue; a message goes out under one lease only."""
    desk = mail_desk
    config = str(mail_config(tmp_path, mail_servers, events=["reply"], batch=2))
    desk.start("--mail-config", config)
    desk.start("--mail-config", config)
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters["dave"]))
    alice.push(*[reply(alice, tid, f"Reply {n}") for n in range(8)])
    rows = wait_sent(desk, tid, 8)
    assert [(r["state"], r["attempts"]) for r in rows] == [("sent", 1)] * 8
    ours = {r["message_id"] for r in rows}
    assert wait_until(lambda: sum(m["Message-ID"] in ours for m in mail_servers.messages("dave")) >= 8, timeout=30)
    time.sleep(1)
    arrived = [m["Message-ID"] for m in mail_servers.messages("dave") if m["Message-ID"] in ours]
    assert sorted(arrived) == sorted(ours)


def test_refused_recipients_fail_with_the_servers_reason(mail_desk, mail_servers, tmp_path):
    """A 5xx for the recipient fails the message at once; a 4xx is retried, then given up after
    max_attempts; both keep the mail server's answer."""
    desk = mail_desk
    ids = add_requesters(desk, {"rejected": "Ray", "later": "Lara"})
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["received"], max_attempts=3)))
    alice = desk.sign_in("alice")
    gone, busy = new_id(), new_id()
    alice.push(alice.create(gone, requester_id=ids["rejected"]), alice.create(busy, requester_id=ids["later"]))
    (refused,) = wait_sent(desk, gone, 1)
    assert refused["state"] == "failed" and refused["attempts"] == 1
    assert "550" in refused["last_error"] and "no such mailbox" in refused["last_error"]
    (deferred,) = wait_sent(desk, busy, 1)
    assert deferred["state"] == "failed" and deferred["attempts"] == 3
    assert deferred["last_error"].startswith("Gave up after 3 attempts") and "450" in deferred["last_error"]
