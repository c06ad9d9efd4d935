"""Bulk edits under one batch id, tickets that refuse, and undoing a whole batch."""

from __future__ import annotations

from sqlalchemy import select

from app.models import AuditEvent
from app.tickets import writes as tickets
from tests.unit.factories import RESOLUTION, make_desk, outbox, ticket_in_state, ticket_row

# Columns an undo cannot put back (it is itself an edit).
# updated_at moves; sla_due mirrors ticket_sla, which the undo measures again (reopened clocks run from now)
MOVING = {"updated_at", "sla_due"}


def _rows(session, ids):
    return {tid: {k: v for k, v in ticket_row(session, tid).items() if k not in MOVING} for tid in ids}


def test_bulk_assign_skips_the_ticket_that_refuses(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        a = ticket_in_state(s, "incident", "new", me)
        b = ticket_in_state(s, "incident", "closed", me)
        c = ticket_in_state(s, "service_request", "awaiting_approval", me)
        ids = [a.id, b.id, c.id]
        numbers = [a.number, b.number, c.number]
    with store.session() as s:
        before = _rows(s, ids)
        journal_before = (len(outbox(s, b.id)), len(outbox(s, c.id)))
        result = tickets.bulk_update(s, ticket_ids=ids, actor_id=me, changes={
            "group_id": desk.desk, "assignee_id": desk.alice, "state": "in_progress"})
    assert len(result.skipped) == 2
    skipped = dict(result.skipped)
    assert set(skipped) == {numbers[1], numbers[2]}
    assert "cannot move from Closed to In Progress" in skipped[numbers[1]]
    assert "cannot move from Awaiting Approval to In Progress" in skipped[numbers[2]]
    with store.session() as s:
        after = _rows(s, ids)
        assert result.changed == (after[a.id]["row_id"],)
        assert (after[a.id]["assignee_id"], after[a.id]["group_id"], after[a.id]["state"]) == \
            (desk.alice, desk.desk, "in_progress")
        # The refused tickets are untouched, and wrote no journal.
        assert after[b.id] == before[b.id] and after[c.id] == before[c.id]
        assert (len(outbox(s, b.id)), len(outbox(s, c.id))) == journal_before
        events = s.scalars(select(AuditEvent).where(AuditEvent.batch_id == result.batch_id)).all()
        assert {e.entity_id for e in events} == {a.id}


def test_bulk_skips_a_ticket_that_no_longer_exists(store, me):
    with store.session() as s:
        a = tickets.create_ticket(s, ticket_type="incident", title="a", actor_id=me)
        result = tickets.bulk_update(s, ticket_ids=["gone-" + a.id[5:], a.id], changes={"urgency": 1}, actor_id=me)
        assert result.changed == (a.row_id,)
        assert result.skipped[0][0].startswith("gone-")
        assert "no longer exists" in result.skipped[0][1]


def test_bulk_of_a_value_already_held_is_neither_changed_nor_skipped(store, me):
    with store.session() as s:
        a = tickets.create_ticket(s, ticket_type="incident", title="a", actor_id=me, urgency=1)
        b = tickets.create_ticket(s, ticket_type="incident", title="b", actor_id=me)
        result = tickets.bulk_update(s, ticket_ids=[a.id, b.id], changes={"urgency": 1}, actor_id=me)
        assert result.changed == (b.row_id,) and result.skipped == ()


def test_undo_restores_every_field_including_derived_ones_in_one_batch(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        made = [ticket_in_state(s, "incident", state, me) for state in ("new", "in_progress", "on_hold")]
        tickets.update_ticket(s, ticket_id=made[1].id, changes={"priority": 1}, actor_id=me)  # an override
        ids = [t.id for t in made]
    with store.session() as s:
        before = _rows(s, ids)
        result = tickets.bulk_update(s, ticket_ids=ids, actor_id=me, changes={
            "impact": 1, "urgency": 1, "group_id": desk.network, "assignee_id": desk.bob, "state": "resolved",
            **RESOLUTION})
    assert len(result.changed) == 3 and result.skipped == ()
    with store.session() as s:
        during = _rows(s, ids)
        for tid in ids:
            assert (during[tid]["state"], during[tid]["is_open"], during[tid]["priority"]) == ("resolved", 0, 1)
            assert during[tid]["resolved_at"] is not None
        assert during[ids[2]]["on_hold_reason"] is None
        outbox_before = len(outbox(s))
    with store.session() as s:
        undo = tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)
    assert sorted(undo.changed) == sorted(result.changed) and undo.skipped == ()
    assert undo.batch_id != result.batch_id
    with store.session() as s:
        assert _rows(s, ids) == before
        # One batch for the undo, one outbox mutation per ticket carrying the restored values.
        undo_events = s.scalars(select(AuditEvent).where(AuditEvent.batch_id == undo.batch_id)).all()
        assert {e.entity_id for e in undo_events} == set(ids)
        new_mutations = outbox(s)[outbox_before:]
        assert len(new_mutations) == 3
        for _, entity, op, payload in new_mutations:
            assert (entity, op) == ("ticket", "update")
            assert payload["fields"]["state"]["new"] in ("new", "in_progress", "on_hold")
            assert payload["fields"]["state"]["base"] == "resolved"


def test_undo_leaves_a_field_changed_since_and_reports_it(store, me):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"t{i}", actor_id=me).id for i in range(3)]
        result = tickets.bulk_update(s, ticket_ids=ids, changes={"urgency": 1, "title": "bulk"}, actor_id=me)
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=ids[1], changes={"title": "edited by hand"}, actor_id=me)
        number = tickets.get_ticket(s, ids[1]).number
    with store.session() as s:
        undo = tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        assert [n for n, _ in undo.skipped] == [number]
        assert "changed again" in undo.skipped[0][1]
        assert len(undo.changed) == 2
    with store.session() as s:
        assert tickets.get_ticket(s, ids[1]).title == "edited by hand"
        for i in (0, 2):
            t = tickets.get_ticket(s, ids[i])
            assert (t.title, t.urgency, t.priority) == (f"t{i}", 3, 5)


def test_undoing_twice_changes_nothing_the_second_time(store, me):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"t{i}", actor_id=me).id for i in range(2)]
        result = tickets.bulk_update(s, ticket_ids=ids, changes={"impact": 2}, actor_id=me)
        tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)
    with store.session() as s:
        rows = _rows(s, ids)
        again = tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        assert again.changed == () and len(again.skipped) == 2
        assert _rows(s, ids) == rows


def test_undo_of_an_unknown_batch_is_empty(store, me):
    with store.session() as s:
        result = tickets.undo_batch(s, batch_id="no-such-batch", actor_id=me)
        assert (result.changed, result.skipped) == ((), ())


def test_undo_of_a_bulk_override_restores_the_matrix_priority(store, me):
    with store.session() as s:
        ids = [tickets.create_ticket(s, ticket_type="problem", title=f"p{i}", actor_id=me, impact=2).id
               for i in range(2)]
        result = tickets.bulk_update(s, ticket_ids=ids, changes={"priority": 1}, actor_id=me)
        for tid in ids:
            t = tickets.get_ticket(s, tid)
            assert (t.priority, t.priority_overridden) == (1, True)
    with store.session() as s:
        tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)
    with store.session() as s:
        for tid in ids:
            t = tickets.get_ticket(s, tid)
            assert (t.priority, t.priority_overridden) == (4, False)
