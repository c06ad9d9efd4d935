"""Mail in across a kill -9: the mail is flagged \\Seen and moved only after its entry committed, so a
kill between the two leaves it to be collected again, and the Message-ID dedupe makes that one entry."""

from __future__ import annotations

from server.mail.inbound.collector import HOLD_ENV
from tests.server.mail.test_inbound_tickets import (
    DESK,
    collected,
    entries,
    inbound_config,
    mail,
    query,
    wait_until,
)


def test_killed_after_commit_before_seen_gives_one_entry(mail_desk, mail_servers, tmp_path, monkeypatch):
    desk = mail_desk
    mail_servers.clear("help", "Processed")
    config = str(inbound_config(tmp_path, mail_servers))
    monkeypatch.setenv(HOLD_ENV, "60")  # the collector waits between the commit and the \Seen flag
    desk.start("--mail-config", config)
    msg = mail("zoe@example.test", "Collected across a crash", "Please do not lose me.")
    mail_servers.submit(msg, [DESK])
    row = collected(desk, msg["Message-ID"])
    assert row is not None and row["outcome"] == "ticket"
    desk.kill()  # committed, not yet flagged or moved
    assert mail_servers.unseen("help") == 1 and mail_servers.folder("help", "Processed") == []

    monkeypatch.delenv(HOLD_ENV)
    desk.start("--mail-config", config)
    assert wait_until(lambda: len(mail_servers.folder("help", "Processed")) == 1)
    assert mail_servers.messages("help") == []
    assert len(query(desk, "SELECT id FROM ticket")) == 1
    assert len(query(desk, "SELECT id FROM mail_inbound")) == 1
    (entry,) = entries(desk, row["ticket_id"])  # one entry: the mail collected again added nothing
    (ticket,) = query(desk, "SELECT description FROM ticket WHERE id = :t", t=row["ticket_id"])
    assert ticket["description"] == "Please do not lose me." and entry["kind"] == "requester"
    assert len(query(desk, "SELECT id FROM attachment")) == 1  # the .eml once


def test_the_server_stops_cleanly_while_idling(mail_desk, mail_servers, tmp_path):
    """A collector waiting in IDLE ends when the server is asked to stop (no kill needed)."""
    desk = mail_desk
    mail_servers.clear("help", "Processed")
    desk.start("--mail-config", str(inbound_config(tmp_path, mail_servers, box={"poll_s": 600.0})))
    msg = mail("zoe@example.test", "Before the stop")
    mail_servers.submit(msg, [DESK])
    assert collected(desk, msg["Message-ID"]) is not None
    (proc,) = desk.processes
    proc.terminate()
    assert proc.wait(timeout=20) is not None
    desk.processes.clear()
