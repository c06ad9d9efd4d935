"""A reply's delivery state on its worklog row (pulled by desks) and the response clock it stops."""

from __future__ import annotations

from datetime import datetime

import requests

from server.db import Database
from server.mail.queue import NO_ADDRESS, mark_bounced
from tests.server.mail.conftest import add_requesters, mail_config, outbox
from tests.server.mail.test_delivery import wait_sent
from tests.server.mail.test_durability import wait_until
from tests.server.wire import new_id, now_iso, worklog_row


def pulled(client, entity: str, entity_id: str) -> dict | None:
    """The row as a desk pulling from 0 gets it (the last page that carries it)."""
    found = None
    for page in client.pull_all()[0]:
        for row in page["rows"].get(entity, []):
            if row["id"] == entity_id:
                found = row
    return found


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def given(client, ticket_id: str, body: str, via: str | None, kind: str = "reply", created_at: str | None = None):
    """(entry id, append mutation) of a reply: given through `via`, or mailed by the server when None."""
    entry_id = new_id()
    row = {**worklog_row(entry_id, ticket_id, body, kind=kind), "sent_via": via}
    if created_at:
        row["created_at"] = created_at
    return entry_id, client.mutation("worklog_entry", entry_id, "append", {"row": row})


def started(desk, mail_servers, tmp_path, requester: str, **config):
    """The desk's server started with mail (reply events unless `config` says), alice signed in, and a
    ticket of `requester`'s: (alice, ticket id)."""
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, **{"events": ["reply"], **config})))
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=desk.requesters[requester]))
    return alice, tid


def test_reply_state_reaches_the_desk_and_stops_the_clock_when_sent(mail_desk, mail_servers, tmp_path):
    """SMTP down: the reply is queued and the clock runs; SMTP back: sent, mail_at, first response."""
    desk = mail_desk
    alice, tid = started(desk, mail_servers, tmp_path, "dave")
    assert requests.get(desk.url + "/v1/info", timeout=10).json()["mail"] is True
    mail_servers.stop_smtp()
    try:
        entry_id, pushed = given(alice, tid, "On it", None)
        assert alice.push(pushed)[0]["status"] == "applied"
        row = pulled(alice, "worklog_entry", entry_id)
        assert row["mail_state"] == "queued" and row["mail_at"] is None and row["sent_via"] is None
        assert alice.ticket(tid)["first_response_at"] is None  # queued is not answered
        retried = wait_until(lambda: (r := pulled(alice, "worklog_entry", entry_id))["mail_error"] and r)
        assert retried["mail_state"] == "queued" and "Cannot reach the mail server" in retried["mail_error"]
    finally:
        mail_servers.start_smtp()
    (sent,) = wait_sent(desk, tid, 1)
    assert sent["state"] == "sent"
    row = wait_until(lambda: (r := pulled(alice, "worklog_entry", entry_id))["mail_state"] == "sent" and r)
    assert row["mail_error"] is None and row["mail_at"] is not None
    ticket = alice.ticket(tid)
    assert when(ticket["first_response_at"]) == when(row["mail_at"]) > when(row["created_at"])
    # Another desk of the same group pulls the same state.
    other = desk.sign_in("alice")
    assert pulled(other, "worklog_entry", entry_id)["mail_state"] == "sent"


def test_a_reply_given_by_phone_stops_the_clock_when_written_and_is_not_mailed(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    alice, tid = started(desk, mail_servers, tmp_path, "carol", events=["received", "reply"])
    earlier = now_iso()
    phoned, m = given(alice, tid, "Told her on the phone", "phone", created_at=earlier)
    assert alice.push(m)[0]["status"] == "applied"
    assert [r["event"] for r in outbox(desk, tid)] == ["received"]  # nothing mailed for it
    assert when(alice.ticket(tid)["first_response_at"]) == when(earlier)
    row = pulled(alice, "worklog_entry", phoned)
    assert row["sent_via"] == "phone" and row["mail_state"] is None
    # A mailed reply sent later does not move the first response.
    mailed, m = given(alice, tid, "And by mail", None)
    alice.push(m)
    wait_until(lambda: pulled(alice, "worklog_entry", mailed)["mail_state"] == "sent")
    assert when(alice.ticket(tid)["first_response_at"]) == when(earlier)


def test_desks_cannot_write_what_only_the_server_writes(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    alice, tid = started(desk, mail_servers, tmp_path, "carol")
    _, bad_via = given(alice, tid, "by pigeon", "pigeon")
    _, noted = given(alice, tid, "a note by phone?", "phone", kind="note")
    _, from_requester = given(alice, tid, "I am the requester", None, kind="requester")
    forged_id = new_id()
    forged = alice.mutation("worklog_entry", forged_id, "append", {"row": {
        **worklog_row(forged_id, tid, "Sent, honest", "reply"), "mail_state": "sent", "mail_at": now_iso()}})
    client_first = alice.update(tid, first_response_at=(None, now_iso()))
    receipts = alice.push(bad_via, noted, from_requester, forged, client_first)
    assert [r["status"] for r in receipts[:4]] == ["rejected"] * 4
    assert "'pigeon' is not an allowed value" in receipts[0]["reason"]
    assert "internal note" in receipts[1]["reason"]
    assert "mail in" in receipts[2]["reason"]
    assert "mail_at" in receipts[3]["reason"] and "mail_state" in receipts[3]["reason"]
    assert alice.ticket(tid)["first_response_at"] is None  # the desk's own value is not taken
    assert outbox(desk, tid) == [] or all(r["event"] != "reply" for r in outbox(desk, tid))


def test_refused_recipient_and_missing_address_fail_with_the_reason(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    ids = add_requesters(desk, {"rejected": "Ray", "blank": "Nobody"}, emails={"blank": ""})
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
    alice = desk.sign_in("alice")
    refused_ticket, blank_ticket = new_id(), new_id()
    alice.push(alice.create(refused_ticket, requester_id=ids["rejected"]),
               alice.create(blank_ticket, requester_id=ids["blank"]))
    refused, to_refused = given(alice, refused_ticket, "Hi", None)
    blank, to_blank = given(alice, blank_ticket, "Hi", None)
    alice.push(to_refused, to_blank)
    row = wait_until(lambda: (r := pulled(alice, "worklog_entry", refused))["mail_state"] == "failed" and r)
    assert "550" in row["mail_error"] and "no such mailbox" in row["mail_error"] and row["mail_at"] is None
    row = pulled(alice, "worklog_entry", blank)
    assert (row["mail_state"], row["mail_error"]) == ("failed", NO_ADDRESS)
    assert alice.ticket(refused_ticket)["first_response_at"] is None  # a failed reply never answers
    assert alice.ticket(blank_ticket)["first_response_at"] is None


def test_a_bounce_marks_the_reply_and_reaches_the_desk(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    alice, tid = started(desk, mail_servers, tmp_path, "erin")
    entry_id, m = given(alice, tid, "Hi", None)
    alice.push(m)
    (sent,) = wait_sent(desk, tid, 1)
    _, cursor = alice.pull_all()
    db = Database(desk.database_url)
    try:
        with db.write() as session:
            assert mark_bounced(session, sent["message_id"], "550 5.1.1 mailbox unknown")
    finally:
        db.dispose()
    page = alice.pull(cursor)  # the change comes as a new change, not only on a pull from 0
    (row,) = [r for r in page["rows"]["worklog_entry"] if r["id"] == entry_id]
    assert (row["mail_state"], row["mail_error"]) == ("bounced", "550 5.1.1 mailbox unknown")


def test_without_mail_a_reply_is_not_delivered_and_does_not_answer(desk):
    """A server without --mail-config says so in /v1/info; a reply without sent_via stops nothing."""
    assert requests.get(desk.url + "/v1/info", timeout=10).json()["mail"] is False
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid))
    entry_id, m = given(alice, tid, "Hi", None)
    alice.push(m)
    row = pulled(alice, "worklog_entry", entry_id)
    assert row["mail_state"] is None and row["sent_via"] is None
    assert alice.ticket(tid)["first_response_at"] is None
    _, m = given(alice, tid, "Came by the desk", "in_person")
    alice.push(m)
    assert alice.ticket(tid)["first_response_at"] is not None
