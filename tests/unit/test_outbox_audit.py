"""Audit rows and outbox mutations: written with every edit, in the edit's own transaction (docs/SYNC_PROTOCOL.md)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
from sqlalchemy import delete, func, select, text

from app.models import AuditEvent, OutboxMutation
from app.tickets import links, worklog
from app.tickets import writes as tickets
from app.tickets.writes import CREATE_COLUMNS
from core.errors import ValidationError
from tests.unit.factories import RESOLUTION, audit, journal_counts, make_desk, outbox


class Boom(Exception):
    pass


def test_create_queues_the_whole_row_and_audits_it(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Printer on fire", actor_id=me, impact=1)
        tid = t.id
    with store.session() as s:
        [(seq, entity, op, payload)] = outbox(s, tid)
        assert (entity, op) == ("ticket", "create")
        row = payload["row"]
        assert sorted(row) == sorted(CREATE_COLUMNS)
        assert (row["id"], row["title"], row["number"], row["state"], row["priority"]) == \
            (tid, "Printer on fire", "INC0000001", "new", 3)
        datetime.fromisoformat(row["created_at"])  # datetimes travel as ISO-8601
        [event] = audit(s, tid)
        assert (event.field, event.new_value, event.actor_id) == ("created", "INC0000001", me)


def test_an_update_audits_every_field_and_queues_one_mutation(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        tid = tickets.create_ticket(s, ticket_type="incident", title="before", actor_id=me).id
    with store.session() as s:
        done = tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={
            "title": "after", "group_id": desk.desk, "assignee_id": desk.alice, "urgency": 1,
            "state": "resolved", **RESOLUTION})
        updated_at = tickets.get_ticket(s, tid).updated_at
    with store.session() as s:
        mutations = outbox(s, tid)
        assert [m[2] for m in mutations] == ["create", "update"]
        fields = mutations[1][3]["fields"]
        assert set(fields) == set(done)
        for name, (old, new) in done.items():
            expected = {"base": old.isoformat() if isinstance(old, datetime) else old,
                        "new": new.isoformat() if isinstance(new, datetime) else new}
            assert fields[name] == expected, name
        assert fields["priority"] == {"base": 5, "new": 3}
        assert fields["is_open"] == {"base": True, "new": False}
        events = [e for e in audit(s, tid) if e.field != "created"]
        assert {e.field for e in events} == set(done)
        for e in events:
            assert e.actor_id == me
            assert e.at == updated_at
            assert e.at.tzinfo is not None
        by_field = {e.field: e for e in events}
        assert (by_field["title"].old_value, by_field["title"].new_value) == ("before", "after")
        assert (by_field["assignee_id"].old_value, by_field["assignee_id"].new_value) == (None, desk.alice)
        assert (by_field["is_open"].old_value, by_field["is_open"].new_value) == ("true", "false")


def test_worklog_and_links_queue_appends(store, me):
    with store.session() as s:
        a = tickets.create_ticket(s, ticket_type="incident", title="a", actor_id=me)
        p = tickets.create_ticket(s, ticket_type="problem", title="p", actor_id=me)
        entry = worklog.add_worklog(s, ticket_id=a.id, kind="note", body="looked at it", actor_id=me,
                                    time_spent_minutes=5)
        link = links.add_link(s, source_id=a.id, target_number=p.number, kind="caused_by", actor_id=me)
        ids = (entry.id, link.id)
    with store.session() as s:
        [(_, entity, op, payload)] = outbox(s, ids[0])
        assert (entity, op) == ("worklog_entry", "append")
        assert payload["row"]["body"] == "looked at it" and payload["row"]["time_spent_minutes"] == 5
        [(_, entity, op, payload)] = outbox(s, ids[1])
        assert (entity, op, payload["row"]["kind"]) == ("ticket_link", "append", "caused_by")


def test_a_refused_change_writes_nothing(store, me):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me).id
    with store.session() as s:
        before = journal_counts(s)
        for changes in ({"state": "closed"}, {"title": ""}, {"impact": 9}, {"title": "ok", "state": "closed"}):
            with pytest.raises(ValidationError):
                tickets.update_ticket(s, ticket_id=tid, changes=changes, actor_id=me)
        with pytest.raises(ValidationError):
            worklog.add_worklog(s, ticket_id=tid, kind="reply", body="   ", actor_id=me)
        assert journal_counts(s) == before
    with store.session() as s:
        assert journal_counts(s) == before
        assert tickets.get_ticket(s, tid).title == "x"


def test_outbox_seq_increases_and_mutation_ids_are_unique(store, me):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="0", actor_id=me).id
    for i in range(1, 6):
        with store.session() as s:
            tickets.update_ticket(s, ticket_id=tid, changes={"title": str(i)}, actor_id=me)
    with store.session() as s:
        rows = s.execute(select(OutboxMutation.seq, OutboxMutation.mutation_id, OutboxMutation.payload)
                         .order_by(OutboxMutation.created_at, OutboxMutation.seq)).all()
    seqs = [r[0] for r in rows]
    assert seqs == sorted(seqs) and len(set(seqs)) == 6
    assert len({r[1] for r in rows}) == 6
    assert all(uuid.UUID(r[1]).version == 7 for r in rows)
    assert [json.loads(r[2]).get("fields", {}).get("title", {}).get("new") for r in rows[1:]] == list("12345")


def test_outbox_seq_is_never_reused_after_the_outbox_drains(store, me):
    """The server keeps the last mutation number per client: a reused number would drop an edit."""
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="0", actor_id=me).id
        tickets.update_ticket(s, ticket_id=tid, changes={"title": "1"}, actor_id=me)
    with store.session() as s:
        highest = s.scalar(select(func.max(OutboxMutation.seq)))
        s.execute(delete(OutboxMutation))  # pushed and acknowledged
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"title": "2"}, actor_id=me)
    with store.session() as s:
        assert s.scalar(select(func.min(OutboxMutation.seq))) > highest


@pytest.mark.parametrize("action", ["create", "update", "state", "worklog", "bulk", "undo"])
def test_a_rolled_back_session_leaves_no_edit_and_no_journal(store, me, action):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"t{i}", actor_id=me).id for i in range(3)]
        batch = tickets.bulk_update(s, ticket_ids=ids, changes={"urgency": 1}, actor_id=me).batch_id
    with store.session() as s:
        before_rows = s.execute(text("SELECT * FROM ticket ORDER BY row_id")).all()
        before_journal = journal_counts(s)
        before_worklog = s.execute(text("SELECT count(*) FROM worklog_entry")).scalar_one()
    with pytest.raises(Boom), store.session() as s:
        if action == "create":
            tickets.create_ticket(s, ticket_type="incident", title="ghost", actor_id=me)
        elif action == "update":
            tickets.update_ticket(s, ticket_id=ids[0], changes={"title": "ghost"}, actor_id=me)
        elif action == "state":
            tickets.update_ticket(s, ticket_id=ids[0], changes={"state": "in_progress"}, actor_id=me)
        elif action == "worklog":
            worklog.add_worklog(s, ticket_id=ids[0], kind="reply", body="ghost", actor_id=me)
        elif action == "bulk":
            result = tickets.bulk_update(s, ticket_ids=ids, changes={"title": "ghost"}, actor_id=me)
            assert len(result.changed) == 3
        else:
            assert len(tickets.undo_batch(s, batch_id=batch, actor_id=me).changed) == 3
        s.flush()
        raise Boom()
    with store.session() as s:
        assert s.execute(text("SELECT * FROM ticket ORDER BY row_id")).all() == before_rows
        assert journal_counts(s) == before_journal
        assert s.execute(text("SELECT count(*) FROM worklog_entry")).scalar_one() == before_worklog
        # The number handed to the ghost ticket is handed out again.
        if action == "create":
            assert tickets.create_ticket(s, ticket_type="incident", title="real", actor_id=me).number == "INC0000004"


def test_audit_rows_of_one_bulk_share_the_batch_id(store, me):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"t{i}", actor_id=me).id for i in range(2)]
        result = tickets.bulk_update(s, ticket_ids=ids, changes={"impact": 1}, actor_id=me)
    with store.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.batch_id == result.batch_id)).all()
        assert {(e.entity_id, e.field) for e in events} == {(i, f) for i in ids for f in ("impact", "priority")}
