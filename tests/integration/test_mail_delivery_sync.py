"""A reply written on an offline desk is mailed when it reaches the team server; its state comes back by pull."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from app.models import Person, WorklogEntry
from app.tickets import worklog
from app.tickets import writes as tickets
from server import changelog
from server.db import Database
from tests.integration.conftest import add_users
from tests.server.mail.conftest import add_requesters, mail_config, mail_servers, outbox  # noqa: F401 - fixture

__all__ = ["mail_servers"]


def prepare(desk) -> None:
    """Groups and agents, and requesters with mailboxes, logged as changes so desks pull them (as the
    people directory will write them)."""
    add_users(desk)
    ids = add_requesters(desk)
    db = Database(desk.database_url)
    try:
        with db.write() as session:
            for person_id in ids.values():
                changelog.record(session, entity="person", entity_id=person_id)
    finally:
        db.dispose()


@pytest.fixture
def mail_desk(tmp_path, desk_templates, mail_servers):  # noqa: F811 - the fixture imported above
    for desk in desk_templates.make_desk("sqlite", tmp_path / "mail-desk", prepare):
        desk.start("--mail-config", str(mail_config(tmp_path, mail_servers, events=["reply"])))
        yield desk


def until(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not (value := predicate()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return value


def local_entry(node, entry_id: str) -> WorklogEntry:
    with node.store.session() as s:
        entry = s.scalar(select(WorklogEntry).where(WorklogEntry.id == entry_id))
        s.expunge(entry)
        return entry


def test_offline_reply_is_mailed_once_it_is_pushed_and_its_state_is_pulled(nodes, mail_desk, mail_servers):  # noqa: F811
    mail_servers.clear("carol")
    ann, ben = nodes(mail_desk, "ann"), nodes(mail_desk, "ben")
    with ann.store.session() as s:
        carol = s.scalar(select(Person.id).where(Person.email == "carol@example.test"))
        tid = tickets.create_ticket(s, ticket_type="incident", title="Printer jams", actor_id=ann.me,
                                    requester_id=carol, group_id=ann.group, assignee_id=ann.me).id
    ann.sync()

    # Offline: the reply waits in the desk's outbox; nothing is mailed, the clock still runs.
    with ann.store.session() as s:
        entry_id = worklog.add_worklog(s, ticket_id=tid, kind="reply", body="Written on the train.",
                                       actor_id=ann.me).id
    assert all(r["event"] != "reply" for r in outbox(mail_desk, tid))
    with ann.store.session() as s:
        assert tickets.get_ticket(s, tid).first_response_at is None

    ann.sync()  # back online: the push queues the mail on the server, the sender sends it
    sent = until(lambda: [r for r in outbox(mail_desk, tid) if r["event"] == "reply" and r["state"] == "sent"])
    assert sent, outbox(mail_desk, tid)
    (got,) = mail_servers.wait_for("carol", 1)
    assert got["Message-ID"] == sent[0]["message_id"]
    assert "Written on the train." in got.get_body(("plain",)).get_content()

    # The state reaches the desks by pull: sent, with its time, and the first response at that time.
    def pulled_sent():
        ann.sync()
        return local_entry(ann, entry_id).mail_state == "sent"

    assert until(pulled_sent)
    entry = local_entry(ann, entry_id)
    assert entry.mail_at is not None and entry.mail_error is None and entry.sent_via is None
    with ann.store.session() as s:
        assert tickets.get_ticket(s, tid).first_response_at == entry.mail_at
    ben.sync()
    assert local_entry(ben, entry_id).mail_state == "sent"
    assert len(mail_servers.messages("carol")) == 1  # sent once
