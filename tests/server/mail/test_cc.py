"""A ticket's CC (watchers), end to end with the real Postfix + Dovecot: copied on every mail but the
survey, set from a new mail's Cc, answered by a copied person, edited on a desk and synced."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from app.credentials import MemoryTokenStore
from app.sync.client import SyncClient as DeskClient
from app.sync.engine import sync_once
from app.tickets.detail import ticket_detail
from app.tickets.writes import update_ticket
from core.errors import ValidationError
from server import changelog
from server.db import Database
from tests.conftest import store_from
from tests.mailservers import DOMAIN
from tests.server.conftest import PASSWORD
from tests.server.mail.conftest import outbox
from tests.server.mail.test_delivery import reply, wait_sent
from tests.server.mail.test_inbound_tickets import DESK, collected, entries, mail, query
from tests.server.mail.test_inbound_tickets import start as start_inbound
from tests.server.mail.test_survey import RESOLVE
from tests.server.mail.test_survey import start as start_with_survey
from tests.server.wire import new_id

CAROL, DAVE, ERIN = (f"{u}@{DOMAIN}" for u in ("carol", "dave", "erin"))


def set_cc(desk, ticket_id: str, value: str) -> None:
    """Write a ticket's cc straight into the server's database (a value from before the rule)."""
    engine = create_engine(desk.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE ticket SET cc = :cc WHERE id = :t"), {"cc": value, "t": ticket_id})
    finally:
        engine.dispose()


def test_replies_and_events_are_copied_but_the_survey_is_not(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    mail_servers.clear("carol", "dave", "erin")
    start_with_survey(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = new_id()
    created = alice.push(alice.create(tid, title="Toner empty", requester_id=desk.requesters["carol"],
                                      cc=f'"Dave, the boss" <Dave@Example.TEST>, {CAROL}'))[0]
    assert created["status"] == "applied", created
    assert alice.ticket(tid)["cc"] == f"Dave@example.test, {CAROL}"   # normalised; the requester stays listed
    assert alice.push(reply(alice, tid, "New toner is on its way."))[0]["status"] == "applied"
    assert [r["status"] for r in alice.push(alice.update(tid, **{k: (None if k != "state" else v[0], v[1])
                                                                 for k, v in RESOLVE.items()}))] == ["applied"]
    links = survey_links_after_reply(desk, mail_servers, tid)
    assert len(links) == 5
    rows = outbox(desk, tid)
    assert [(r["event"], r["recipients"]) for r in rows] == [
        ("received", [CAROL, "Dave@example.test"]), ("reply", [CAROL, "Dave@example.test"]),
        ("resolved", [CAROL, "Dave@example.test"]), ("survey", [CAROL])]

    # Both mailboxes hold the reply, with the Cc header naming the copy; Dave never gets the survey.
    by_id = {r["event"]: r["message_id"] for r in rows}
    for user in ("carol", "dave"):
        (copy,) = mail_servers.wait_for_id(user, by_id["reply"])
        assert [a.addr_spec for a in copy["To"].addresses] == [CAROL]
        assert [a.addr_spec for a in copy["Cc"].addresses] == ["Dave@example.test"]
        assert "New toner is on its way." in copy.get_body(("plain",)).get_content()
    # (The mailbox is shared by the session's tests: only this ticket's messages count, by its root id.)
    root = f"<ticket.{tid}@{DOMAIN}>"
    dave_ids = {m["Message-ID"] for m in mail_servers.wait_for("dave", 3)
                if root in (m["Message-ID"], *(m["References"] or "").split())}
    assert dave_ids == {by_id["received"], by_id["reply"], by_id["resolved"]}
    survey = [m for m in mail_servers.messages("carol") if m["Message-ID"] == by_id["survey"]]
    assert len(survey) == 1 and survey[0]["Cc"] is None

    # An unusable address (written before the rule) is left out; the requester's mail goes all the same.
    set_cc(desk, tid, f"not an address\r\nBcc: evil@{DOMAIN}, {ERIN}")
    note = alice.push(reply(alice, tid, "One more thing."))[0]
    assert note["status"] == "applied"
    last = wait_sent(desk, tid, 5)[-1]
    assert (last["event"], last["state"], last["recipients"]) == ("reply", "sent", [CAROL, ERIN])
    (copy,) = mail_servers.wait_for_id("erin", last["message_id"])
    assert [a.addr_spec for a in copy["Cc"].addresses] == [ERIN] and copy["Bcc"] is None


def survey_links_after_reply(desk, mail_servers, tid: str) -> list[str]:
    """survey_links expects received, resolved, survey: here a reply sits between them."""
    rows = wait_sent(desk, tid, 4)
    assert [(r["event"], r["state"]) for r in rows] == [("received", "sent"), ("reply", "sent"),
                                                        ("resolved", "sent"), ("survey", "sent")], rows
    (msg,) = mail_servers.wait_for_id("carol", rows[3]["message_id"])
    assert "How did we do?" in msg["Subject"]
    return [line.split(": ", 1)[1] for line in msg.get_body(("plain",)).get_content().splitlines()
            if ": http" in line]


def test_a_new_mail_with_cc_sets_the_tickets_cc_and_a_copied_person_answers(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    mail_servers.clear("carol", "dave")
    start_inbound(desk, mail_servers, tmp_path)
    first = mail(f"Carol <{CAROL}>", "Laptop will not boot",
                 Cc=f'"Dave, IT" <DAVE@Example.Test>, {DESK}, carol@{DOMAIN.upper()}, broken@@address, '
                    f'=?utf-8?q?Bcc=3A_evil=40{DOMAIN}?= <{ERIN}>')
    mail_servers.submit(first, [DESK])
    row = collected(desk, first["Message-ID"])
    assert row is not None and row["outcome"] == "ticket"
    (ticket,) = query(desk, "SELECT * FROM ticket WHERE id = :t", t=row["ticket_id"])
    # Ours (help@) and the requester's own are not copies; a broken one is skipped; an encoded name is a name.
    assert ticket["cc"] == f"DAVE@example.test, {ERIN}"
    (ack,) = wait_sent(desk, ticket["id"], 1)
    assert ack["recipients"] == [CAROL, "DAVE@example.test", ERIN]
    (received,) = mail_servers.wait_for_id("dave", ack["message_id"])

    answer = mail(f"Dave <{DAVE}>", "Re: " + received["Subject"], "It is under warranty.",
                  In_Reply_To=received["Message-ID"], References=received["Message-ID"])
    mail_servers.submit(answer, [DESK])
    assert collected(desk, answer["Message-ID"])["outcome"] == "entry"
    last = entries(desk, ticket["id"])[-1]
    assert (last["kind"], last["author_id"], last["body"]) == ("requester", desk.requesters["dave"],
                                                              "It is under warranty.")
    changes = query(desk, "SELECT entity FROM change_log WHERE ticket_id = :t OR entity_id = :t", t=ticket["id"])
    assert {"ticket", "worklog_entry"} <= {c["entity"] for c in changes}


def test_a_desk_pulls_edits_and_syncs_the_cc(mail_desk, mail_servers, tmp_path, store_template):
    desk = mail_desk
    db = Database(desk.database_url)
    try:  # the fixture wrote the requesters with plain SQL: log them, as the server does its people
        with db.write() as session:
            for person_id in desk.requesters.values():
                changelog.record(session, entity="person", entity_id=person_id)
    finally:
        db.dispose()
    start_inbound(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = new_id()
    assert alice.push(alice.create(tid, title="Share is full", requester_id=desk.requesters["carol"],
                                   cc=DAVE))[0]["status"] == "applied"
    # A bad address is refused with a message naming it, on create and on update; nothing changes.
    bad = alice.push(alice.create(new_id(), title="x", cc=f"{DAVE}\r\nBcc: evil@{DOMAIN}"),
                     alice.update(tid, cc=(DAVE, f"{DAVE}, Erin <erin@exa mple.test>")))
    assert [r["status"] for r in bad] == ["rejected", "rejected"]
    assert f"\u201cBcc: evil@{DOMAIN}\u201d is not a usable mail address" in bad[0]["reason"]
    assert "\u201cErin <erin@exa mple.test>\u201d is not a usable mail address" in bad[1]["reason"]
    assert alice.ticket(tid)["cc"] == DAVE

    client = DeskClient(desk.url, tokens=MemoryTokenStore())
    client.sign_in("alice", PASSWORD)
    store = store_from(store_template, tmp_path / "alice.sqlite3")
    try:
        sync_once(store, client)
        with store.session() as s:
            assert ticket_detail(s, ticket_id=tid).cc == DAVE
            try:
                update_ticket(s, ticket_id=tid, changes={"cc": "x@y.test\nBcc: z@y.test"}, actor_id=None)
                raise AssertionError("a bad CC was accepted")
            except ValidationError as exc:
                assert exc.field == "cc" and "Bcc: z@y.test" in str(exc)
        with store.session() as s:
            update_ticket(s, ticket_id=tid, changes={"cc": f"{DAVE}; Erin <{ERIN}>"}, actor_id=None)
        sync_once(store, client)
        assert alice.ticket(tid)["cc"] == f"{DAVE}, {ERIN}"
        with store.session() as s:
            detail = ticket_detail(s, ticket_id=tid)
            assert detail.cc == f"{DAVE}, {ERIN}"
            assert [(h.field, h.old_value, h.new_value) for h in detail.history if h.field == "cc"] == [
                ("cc", DAVE, f"{DAVE}, {ERIN}")]
        # Another desk changes it differently from the same base: a conflict, the server's value stays.
        other = desk.sign_in("alice")
        (receipt,) = other.push(other.update(tid, cc=(DAVE, CAROL.replace("carol", "zoe"))))
        assert receipt["status"] == "conflict" and receipt["conflicts"][0]["field"] == "cc"
        assert alice.ticket(tid)["cc"] == f"{DAVE}, {ERIN}"
    finally:
        client.close()
