"""Mail in against the real Postfix + Dovecot: mail to the desk's mailbox becomes a ticket (or an entry on
the ticket it answers), pulled by a desk like any change; the acknowledgement goes out, loops do not."""

from __future__ import annotations

import time
import uuid
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.mailservers import DOMAIN, MailServers
from tests.server.mail.conftest import _toml, add_requesters, mail_config, outbox
from tests.server.mail.test_delivery import reply, wait_sent
from tests.server.wire import new_id

DESK = f"help@{DOMAIN}"


def inbound_config(folder: Path, servers: MailServers, *, box: dict | None = None, **smtp: object) -> Path:
    """A --mail-config with the [smtp] of the mail-out tests and one [[imap]] table: the help@ mailbox
    (plain IMAP on loopback), new tickets to group A, processed mail moved to "Processed"."""
    path = mail_config(folder, servers, **smtp)
    (folder / "imap-password").write_text("pw-help\n")
    values: dict[str, object] = {"host": "127.0.0.1", "port": servers.imap_port, "tls": "none", "user": DESK,
                                 "password_file": str(folder / "imap-password"), "group": "A",
                                 "move_to": "Processed", "poll_s": 5.0, "timeout_s": 30.0}
    values.update(box or {})
    with open(path, "a") as out:
        out.write("[[imap]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in values.items()))
    return path


def mail(sender: str, subject: str, body: str = "It smokes.", **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, DESK, subject
    msg["Message-ID"] = make_msgid(domain="example.test")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg


def query(desk, sql: str, **params) -> list[dict]:
    engine = create_engine(desk.database_url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def wait_until(predicate, timeout: float = 60, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)


def collected(desk, message_id: str, timeout: float = 60) -> dict | None:
    """The mail_inbound row of a message once the server has collected it."""
    rows = wait_until(lambda: query(desk, "SELECT * FROM mail_inbound WHERE message_key = :k", k=message_id), timeout)
    return rows[0] if rows else None


def entries(desk, ticket_id: str) -> list[dict]:
    return query(desk, "SELECT * FROM worklog_entry WHERE ticket_id = :t ORDER BY created_at", t=ticket_id)


def start(desk, mail_servers, tmp_path, **kwargs) -> None:
    mail_servers.clear("help", "Processed")
    desk.start("--mail-config", str(inbound_config(tmp_path, mail_servers, **kwargs)))


def test_mail_in_makes_a_ticket_the_desk_pulls(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    cursor = alice.pull_all()[1]
    msg = mail(f"Zoe Newcomer <Zoe@{DOMAIN}>", "Printer on floor 3 smokes", "Hello,\n\nthe printer smokes.\n")
    msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="../../photo report.pdf")
    mail_servers.submit(msg, [DESK])
    row = collected(desk, msg["Message-ID"])
    assert row is not None and row["outcome"] == "ticket" and not row["automatic"]

    (ticket,) = query(desk, "SELECT * FROM ticket WHERE id = :t", t=row["ticket_id"])
    assert ticket["number"].startswith("INC") and ticket["title"] == "Printer on floor 3 smokes"
    assert ticket["channel"] == "email" and ticket["state"] == "new" and ticket["type"] == "incident"
    (group,) = query(desk, "SELECT id FROM \"group\" WHERE name = 'A'")
    assert ticket["group_id"] == group["id"]
    # The unknown sender became a requester (not an agent), found by address.
    (person,) = query(desk, "SELECT * FROM person WHERE id = :p", p=ticket["requester_id"])
    assert person["name"] == "Zoe Newcomer" and person["email"] == f"zoe@{DOMAIN}" and not person["is_agent"]

    (entry,) = entries(desk, ticket["id"])
    assert entry["kind"] == "requester" and entry["author_id"] == person["id"]
    assert entry["mail_state"] == "received" and entry["mail_at"] is not None
    # The mail's text is the description; the entry does not repeat it.
    assert ticket["description"] == "Hello,\n\nthe printer smokes." and "printer smokes" not in entry["body"]
    files = {a["id"]: a for a in query(desk, "SELECT * FROM attachment WHERE ticket_id = :t", t=ticket["id"])}
    original = files[entry["original_id"]]
    assert original["mime_type"] == "message/rfc822" and original["file_name"].endswith(".eml")
    (pdf,) = [a for a in files.values() if a["id"] != original["id"]]
    assert pdf["file_name"] == "photo report.pdf" and pdf["mime_type"] == "application/pdf" and pdf["size"] == 13

    # Another desk pulls the ticket, the entry and both attachments, and downloads the original by hash.
    pulled = wait_until(lambda: alice.pull(cursor)["rows"])
    page = alice.pull(cursor)["rows"]
    assert pulled and [t["number"] for t in page["ticket"]] == [ticket["number"]]
    assert [e["id"] for e in page["worklog_entry"]] == [entry["id"]]
    assert page["worklog_entry"][0]["mail_state"] == "received"
    assert {a["id"] for a in page["attachment"]} == set(files)
    eml = alice.http.get(f"{desk.url}/v1/blobs/{original['content_hash']}", timeout=30)
    assert eml.status_code == 200 and msg["Message-ID"].encode() in eml.content
    bob = desk.sign_in("bob")  # group B: not his ticket, not his file
    assert bob.http.get(f"{desk.url}/v1/blobs/{original['content_hash']}", timeout=30).status_code == 404

    # The mail was flagged and moved only after that; the acknowledgement went to the sender.
    assert wait_until(lambda: len(mail_servers.folder("help", "Processed")) == 1)
    assert mail_servers.messages("help") == []
    (ack,) = wait_sent(desk, ticket["id"], 1)
    assert ack["event"] == "received" and ack["state"] == "sent" and ack["recipients"] == [f"zoe@{DOMAIN}"]


def test_replies_by_mail_land_on_the_same_ticket(mail_desk, mail_servers, tmp_path):
    """By In-Reply-To (the acknowledgement's id), by the number in the subject; an answer to a ticket
    waiting for the requester moves it back to work; a known requester is found again (any case)."""
    desk = mail_desk
    mail_servers.clear("carol")
    start(desk, mail_servers, tmp_path)
    first = mail(f"CAROL@{DOMAIN}", "VPN drops")
    mail_servers.submit(first, [DESK])
    row = collected(desk, first["Message-ID"])
    tid = row["ticket_id"]
    (ticket,) = query(desk, "SELECT * FROM ticket WHERE id = :t", t=tid)
    assert ticket["requester_id"] == desk.requesters["carol"]
    (ack,) = wait_sent(desk, tid, 1)
    (received,) = mail_servers.wait_for_id("carol", ack["message_id"])

    alice = desk.sign_in("alice")
    alice.push(alice.update(tid, state=("new", "on_hold"), on_hold_reason=(None, "awaiting_caller")))
    answer = mail(f"carol@{DOMAIN}", "Re: " + received["Subject"], "It drops every hour.\n\n"
                  "On Tue, 1 Dec 2026 at 10:00, Help desk wrote:\n> We received your request.\n",
                  In_Reply_To=received["Message-ID"], References=received["Message-ID"])
    mail_servers.submit(answer, [DESK])
    assert collected(desk, answer["Message-ID"])["outcome"] == "entry"
    (ticket,) = query(desk, "SELECT * FROM ticket WHERE id = :t", t=tid)
    assert ticket["state"] == "in_progress" and ticket["on_hold_reason"] is None
    body = entries(desk, tid)[-1]["body"]
    assert body.startswith("It drops every hour.") and "We received your request" not in body

    by_number = mail(f"carol@{DOMAIN}", f"AW: [{ticket['number']}] one more thing", "Also on Wi-Fi.")
    mail_servers.submit(by_number, [DESK])
    assert collected(desk, by_number["Message-ID"])["ticket_id"] == tid
    assert [e["body"] for e in entries(desk, tid)][-1] == "Also on Wi-Fi."
    assert len(query(desk, "SELECT id FROM ticket")) == 1
    assert [r["event"] for r in outbox(desk, tid)] == ["received", "waiting"]  # mail answers queue nothing


def test_answer_to_resolved_reopens_and_to_closed_makes_a_linked_ticket(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path, events=["reply"])
    alice = desk.sign_in("alice")
    resolved, closed = new_id(), new_id()
    alice.push(alice.create(resolved, requester_id=desk.requesters["dave"]),
               alice.create(closed, requester_id=desk.requesters["dave"]))
    for tid in (resolved, closed):
        alice.push(alice.update(tid, state=("new", "resolved"), resolution_code=(None, "user_error"),
                                resolution_notes=(None, "Done.")))
    alice.push(alice.update(closed, state=("resolved", "closed")))
    numbers = {t["id"]: t["number"] for t in query(desk, "SELECT id, number FROM ticket")}
    again = mail(f"dave@{DOMAIN}", f"Re: [{numbers[resolved]}] still broken", "Still broken.")
    late = mail(f"dave@{DOMAIN}", f"Re: [{numbers[closed]}] broken again", "Broken again.")
    mail_servers.submit(again, [DESK])
    assert collected(desk, again["Message-ID"])["ticket_id"] == resolved
    (ticket,) = query(desk, "SELECT * FROM ticket WHERE id = :t", t=resolved)
    assert ticket["state"] == "in_progress" and ticket["reopen_count"] == 1
    mail_servers.submit(late, [DESK])
    row = collected(desk, late["Message-ID"])
    assert row["outcome"] == "ticket" and row["ticket_id"] not in (resolved, closed)
    (link,) = query(desk, "SELECT * FROM ticket_link WHERE source_id = :s", s=row["ticket_id"])
    assert link["target_id"] == closed and link["kind"] == "child_of"
    assert numbers[closed] in entries(desk, row["ticket_id"])[0]["body"]


def test_auto_replies_and_list_mail_are_recorded_never_answered(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path)
    normal = mail(f"erin@{DOMAIN}", "A person asks")
    away = mail(f"erin@{DOMAIN}", "Out of office", "I am away.", Auto_Submitted="auto-replied")
    listed = mail(f"zoe@{DOMAIN}", "Newsletter", "News.", List_Id="<news.example.test>", Precedence="list")
    vendor = mail(f"zoe@{DOMAIN}", "Automatic reply", "Away.", X_Autoreply="yes")
    for msg in (away, listed, vendor, normal):
        mail_servers.submit(msg, [DESK])
    null_sender = mail(f"zoe@{DOMAIN}", "Null sender")
    mail_servers.submit(null_sender, [DESK], sender="")
    ours = mail(DESK, "Our own mail come back")  # e.g. a requester whose address is the desk's own
    mail_servers.submit(ours, [DESK])
    assert collected(desk, ours["Message-ID"])["outcome"] == "ignored"
    rows = {m["Subject"]: collected(desk, m["Message-ID"]) for m in (away, listed, vendor, normal, null_sender)}
    assert {s: (r["outcome"], bool(r["automatic"])) for s, r in rows.items()} == {
        "Out of office": ("ticket", True), "Newsletter": ("ticket", True), "Automatic reply": ("ticket", True),
        "A person asks": ("ticket", False), "Null sender": ("ticket", True)}
    assert [r["event"] for r in outbox(desk, rows["A person asks"]["ticket_id"])] == ["received"]
    for subject in ("Out of office", "Newsletter", "Automatic reply", "Null sender"):
        assert outbox(desk, rows[subject]["ticket_id"]) == [], subject
    assert len(query(desk, "SELECT id FROM ticket")) == 5


def test_a_bounce_of_our_reply_marks_it_bounced(mail_desk, mail_servers, tmp_path):
    """A real DSN: Postfix takes the reply for a mailbox Dovecot does not have, its delivery fails
    (LMTP 550), and Postfix's report comes back to the group's sender (help@); the collector reads it,
    the message is bounced, and no ticket is made."""
    desk = mail_desk
    ids = add_requesters(desk, {"far": "Far Away"}, {"far": f"ghost@{DOMAIN}"})
    start(desk, mail_servers, tmp_path, events=["reply"])
    alice = desk.sign_in("alice")
    tid = new_id()
    alice.push(alice.create(tid, requester_id=ids["far"]))
    alice.push(reply(alice, tid, "We are on it."))
    (sent,) = wait_sent(desk, tid, 1)
    assert sent["state"] == "sent", sent["last_error"]
    bounced = wait_until(lambda: [r for r in outbox(desk, tid) if r["state"] == "bounced"], timeout=90)
    assert bounced and bounced[0]["message_id"] == sent["message_id"]
    assert f"ghost@{DOMAIN}" in bounced[0]["last_error"] and "5.1.1" in bounced[0]["last_error"]
    (report,) = query(desk, "SELECT * FROM mail_inbound WHERE outcome = 'bounce'")
    assert report["automatic"] and report["ticket_id"] is None
    assert len(query(desk, "SELECT id FROM ticket")) == 1


def test_rate_limit_per_sender(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path, box={"rate_per_hour": 2})
    sent = [mail(f"zoe@{DOMAIN}", f"Flood {n}", f"Mail {n} {uuid.uuid4()}") for n in range(3)]
    for msg in sent:
        mail_servers.submit(msg, [DESK])
    rows = [collected(desk, m["Message-ID"]) for m in sent]
    assert sorted(r["outcome"] for r in rows) == ["error", "ticket", "ticket"]
    (error,) = query(desk, "SELECT * FROM mail_error")
    assert error["reason"].startswith("Rate limit") and error["state"] == "open" and error["sender"] == f"zoe@{DOMAIN}"
    assert len(query(desk, "SELECT id FROM ticket")) == 2


def test_a_requester_known_by_address_alone_takes_the_name_a_later_mail_brings(mail_desk, mail_servers, tmp_path):
    """Mails are not collected in the order they were sent: the display name is kept whichever comes first,
    and a name the person already has is never replaced by what a mail claims."""
    desk = mail_desk
    start(desk, mail_servers, tmp_path)

    def requester(sender: str) -> dict:
        msg = mail(sender, f"Question {uuid.uuid4()}")
        mail_servers.submit(msg, [DESK])
        row = collected(desk, msg["Message-ID"])
        assert row is not None and row["outcome"] == "ticket", row and row["note"]
        (person,) = query(desk, "SELECT p.* FROM person p JOIN ticket t ON t.requester_id = p.id WHERE t.id = :t",
                          t=row["ticket_id"])
        return person

    bare = requester(f"yves@{DOMAIN}")
    assert bare["name"] == f"yves@{DOMAIN}"
    named = requester(f"Yves Martin <Yves@{DOMAIN}>")
    assert named["id"] == bare["id"] and named["name"] == "Yves Martin"
    assert requester(f"The CEO <yves@{DOMAIN}>")["name"] == "Yves Martin"
    assert requester(f"yves@{DOMAIN}")["name"] == "Yves Martin"
    changes = query(desk, "SELECT seq FROM change_log WHERE entity = 'person' AND entity_id = :p", p=bare["id"])
    assert len(changes) == 2  # created, then named: the desks pull the name


def test_polling_without_idle_and_flagging_without_moving(mail_desk, mail_servers, tmp_path):
    """idle = false polls every poll_s; move_to = "" leaves collected mail in the folder, flagged \\Seen,
    and a later round does not collect it again."""
    desk = mail_desk
    start(desk, mail_servers, tmp_path, box={"idle": False, "poll_s": 0.3, "move_to": ""})
    first, second = mail(f"zoe@{DOMAIN}", "Polled one"), mail(f"zoe@{DOMAIN}", "Polled two")
    mail_servers.submit(first, [DESK])
    assert collected(desk, first["Message-ID"])["outcome"] == "ticket"
    mail_servers.submit(second, [DESK])
    assert collected(desk, second["Message-ID"])["outcome"] == "ticket"
    assert wait_until(lambda: mail_servers.unseen("help") == 0)
    assert len(mail_servers.messages("help")) == 2 and mail_servers.folder("help", "Processed") == []
    assert len(query(desk, "SELECT id FROM mail_inbound")) == 2
