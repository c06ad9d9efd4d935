"""Settling the conflict inbox: keep theirs, keep mine, an edited value; and the account / status figures."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.models import OutboxMutation, Person, SyncConflict, SyncCursor
from app.people import account
from app.people.reference import current_user
from app.sync import resolution
from app.tickets import writes as tickets
from core.errors import NotFoundError, ValidationError


def _conflict(s, ticket_id, field, base, theirs, mine, kind="conflict", mutation="m1"):
    row = SyncConflict(kind=kind, ticket_id=ticket_id, entity="ticket", entity_id=ticket_id, op="update",
                       field=field, base=json.dumps(base), theirs=json.dumps(theirs), mine=json.dumps(mine),
                       reason=None, mutation_id=mutation)
    s.add(row)
    s.flush()
    return row.id


@pytest.fixture
def ticket(store, me):
    """A ticket showing the server's title "Theirs" after a same-field conflict, outbox drained."""
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Theirs", actor_id=me).id
        s.query(OutboxMutation).delete()
        cid = _conflict(s, tid, "title", "Base", "Theirs", "Mine")
    return tid, cid


def _outbox(s):
    return [json.loads(m.payload) for m in s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq))]


def test_keep_mine_is_a_new_edit_on_top_of_the_servers_value(store, me, ticket):
    tid, cid = ticket
    with store.session() as s:
        assert resolution.open_count(s, ticket_id=tid) == 1
        resolution.keep_mine(s, conflict_id=cid, actor_id=me)
    with store.session() as s:
        assert tickets.get_ticket(s, tid).title == "Mine"
        assert _outbox(s) == [{"fields": {"title": {"base": "Theirs", "new": "Mine"}}}]
        assert s.get(SyncConflict, cid).status == "settled" and resolution.open_count(s) == 0


def test_keep_theirs_settles_without_an_edit_and_only_once(store, ticket):
    tid, cid = ticket
    with store.session() as s:
        resolution.keep_theirs(s, conflict_id=cid)
    with store.session() as s:
        assert tickets.get_ticket(s, tid).title == "Theirs" and _outbox(s) == []
        with pytest.raises(NotFoundError):
            resolution.keep_theirs(s, conflict_id=cid)


def test_an_edited_value_is_validated_and_a_refusal_changes_nothing(store, me, ticket):
    tid, cid = ticket
    with pytest.raises(ValidationError), store.session() as s:
        resolution.use_value(s, conflict_id=cid, value="   ", actor_id=me)
    with store.session() as s:
        assert s.get(SyncConflict, cid).status == "open" and _outbox(s) == []
        resolution.use_value(s, conflict_id=cid, value="Both", actor_id=me)
    with store.session() as s:
        assert tickets.get_ticket(s, tid).title == "Both"


def test_the_inbox_lists_conflicts_by_ticket_and_refused_creates_by_their_payload(store, me, ticket):
    tid, _ = ticket
    with store.session() as s:
        payload = {"row": {"id": "gone", "type": "incident", "title": "Refused one"}}
        _conflict(s, "gone", "", None, None, payload, kind="rejected", mutation="m2")
        _conflict(s, tid, "urgency", 3, 2, 1, mutation="m3")
        entries = resolution.inbox(s)
    assert [(e.ticket_id, e.field) for e in entries] == [(tid, "title"), (tid, "urgency"), ("gone", "")]
    refused = entries[-1]
    assert (refused.ticket_title, refused.ticket_exists, refused.mine) == ("Refused one", False, payload)
    with store.session() as s, pytest.raises(ValidationError):  # a refused change cannot be "kept": it is dismissed
        resolution.keep_mine(s, conflict_id=refused.id, actor_id=me)


def test_adopting_the_account_makes_it_me_until_the_pull_brings_its_person(store, me):
    with store.session() as s:
        account.adopt_account(s, person_id="p-1", name="ann")
    with store.session() as s:
        assert current_user(s) == "p-1" and s.get(Person, "p-1").name == "ann"
        s.add(SyncCursor(server_key="https://x|ann", cursor=5))
        tickets.create_ticket(s, ticket_type="incident", title="Queued", actor_id="p-1")
    with store.session() as s:
        summary = account.sync_summary(s, server_key="https://x|ann")
        # A cursor alone (pages of a round that may have failed) is not "synced"; a completed round is.
        assert (summary.pending, summary.conflicts) == (1, 0) and summary.last_synced is None
        account.mark_synced(s, server_key="https://x|ann")
    with store.session() as s:
        assert account.sync_summary(s, server_key="https://x|ann").last_synced is not None
        assert account.sync_summary(s, server_key="https://x|bob").last_synced is None
        assert account.sync_summary(s, server_key=None).last_synced is None


def _change_conflict(s, change_id, field, base, theirs, mine, mutation):
    row = SyncConflict(kind="conflict", ticket_id=None, entity="change", entity_id=change_id, op="update",
                       field=field, base=json.dumps(base), theirs=json.dumps(theirs), mine=json.dumps(mine),
                       reason=None, mutation_id=mutation)
    s.add(row)
    s.flush()
    return row.id


def test_a_change_conflict_is_listed_by_change_and_kept_mine_as_a_change_edit(store, me):
    from app.changes import writes as changes

    with store.session() as s:
        change = changes.create_change(s, change_type="normal", title="Theirs", actor_id=me)
        cid, number = change.id, change.number
        s.query(OutboxMutation).delete()
        title_conflict = _change_conflict(s, cid, "title", "Base", "Theirs", "Mine", "c1")
        state_conflict = _change_conflict(s, cid, "state", "new", "new", "assess", "c2")
        entries = resolution.inbox(s)
    assert [(e.entity, e.entity_id, e.ticket_number, e.ticket_type, e.field) for e in entries] == [
        ("change", cid, number, "change", "title"), ("change", cid, number, "change", "state")]
    with store.session() as s:
        resolution.keep_mine(s, conflict_id=title_conflict, actor_id=me)
        resolution.keep_mine(s, conflict_id=state_conflict, actor_id=me)
    with store.session() as s:
        change = changes.get_change(s, cid)
        assert (change.title, change.state) == ("Mine", "assess")
        outbox = s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq)).all()
        assert [m.entity for m in outbox] == ["change", "change"] and resolution.open_count(s) == 0


def test_a_change_state_kept_mine_still_obeys_the_change_workflow(store, me):
    from app.changes import writes as changes
    from core.errors import TransitionError

    with store.session() as s:
        cid = changes.create_change(s, change_type="normal", title="A change", actor_id=me).id
        conflict = _change_conflict(s, cid, "state", "new", "new", "closed", "c3")
    with pytest.raises(TransitionError), store.session() as s:
        resolution.keep_mine(s, conflict_id=conflict, actor_id=me)
    with store.session() as s:
        assert changes.get_change(s, cid).state == "new" and s.get(SyncConflict, conflict).status == "open"
