"""Rules the desk states for tickets: Closed is final, CSAT is recorded only as the requester's answer."""

from __future__ import annotations

import pytest

from app.tickets import csat, worklog
from app.tickets import writes as tickets
from core.errors import ValidationError
from core.tickets import rules
from tests.unit.factories import RESOLUTION, audit, make_desk, outbox, snapshot, ticket_in_state


@pytest.fixture
def desk(store, me):
    with store.session() as s:
        return make_desk(s, me)


@pytest.mark.parametrize("changes", [{"title": "Renamed"}, {"impact": 1}, {"priority": 1},
                                     {"resolution_notes": "Rewritten after the fact"}, {"state": "in_progress"},
                                     {"group_id": None}])
def test_a_closed_ticket_refuses_every_field_edit_and_writes_nothing(store, me, desk, changes):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "closed", me, group_id=desk.desk)
        before = snapshot(s, t.id)
        with pytest.raises(ValidationError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes=changes, actor_id=me)
        assert "closed" in str(err.value).lower() and "final" in str(err.value).lower()
        assert snapshot(s, t.id) == before


def test_a_canceled_ticket_is_final_too(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "canceled", me)
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=t.id, changes={"title": "x"}, actor_id=me)


def test_the_server_merge_plans_through_the_same_rule(store, me):
    """plan_changes is what the server's push applies: a closed ticket refuses there as well."""
    with store.session() as s:
        t = ticket_in_state(s, "incident", "closed", me)
        with pytest.raises(ValidationError):
            rules.plan_changes(t, {"title": "x"}, now=t.updated_at)
        assert rules.plan_changes(t, {}, now=t.updated_at) == {}


def test_bulk_edit_skips_closed_tickets_and_says_why(store, me, desk):
    with store.session() as s:
        open_ = tickets.create_ticket(s, ticket_type="incident", title="open", actor_id=me)
        closed = ticket_in_state(s, "incident", "closed", me)
        result = tickets.bulk_update(s, ticket_ids=[open_.id, closed.id], changes={"urgency": 1}, actor_id=me)
        assert result.changed == (open_.row_id,)
        assert [n for n, _ in result.skipped] == [closed.number]
        assert "final" in result.skipped[0][1]


def test_undo_of_a_bulk_close_does_not_reopen_a_final_ticket(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me)
        batch = tickets.bulk_update(s, ticket_ids=[t.id], changes={"state": "closed"}, actor_id=me)
        assert t.state == "closed"
        undone = tickets.undo_batch(s, batch_id=batch.batch_id, actor_id=me)
        assert t.state == "closed" and undone.changed == ()
        assert "final" in undone.skipped[0][1]


def test_internal_notes_stay_allowed_on_a_closed_ticket_public_replies_do_not(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "closed", me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="Post-mortem written.", actor_id=me)
        with pytest.raises(ValidationError) as err:
            worklog.add_worklog(s, ticket_id=t.id, kind="reply", body="Hello again", actor_id=me)
        assert err.value.field == "kind"


# ---- CSAT ------------------------------------------------------------------------------------------------

def test_the_generic_edit_refuses_csat(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me)
        with pytest.raises(ValidationError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes={"csat_score": 5}, actor_id=me)
        assert err.value.field == "csat_score"
        assert t.csat_score is None


def test_record_csat_audits_its_source_and_syncs_as_the_action(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "closed", me)
        csat.record_csat(s, ticket_id=t.id, score=4, source="phone", actor=me, comment="Quick and kind.")
        assert t.csat_score == 4
        events = {e.field: e for e in audit(s, t.id)}
        assert events["csat_score"].new_value == "4" and events["csat_score"].actor_id == me
        assert events["csat_source"].new_value == "phone"
        assert events["csat_source"].batch_id == events["csat_score"].batch_id is not None
        last = outbox(s, t.id)[-1]
        assert last[2] == "update"
        assert last[3] == {"fields": {"csat_score": {"base": None, "new": 4}},
                           "csat": {"source": "phone", "comment": "Quick and kind."}}
        assert csat.csat_source(s, t.id) == ("phone", "Quick and kind.", t.csat_at)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"score": 0}, "score"), ({"score": 6}, "score"), ({"score": True}, "score"), ({"score": "5"}, "score"),
    ({"source": "guess"}, "source"), ({"source": None}, "source"), ({"comment": "x" * 10_001}, "comment"),
])
def test_record_csat_refuses_bad_input(store, me, kwargs, field):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "resolved", me)
        before = snapshot(s, t.id)
        with pytest.raises(ValidationError) as err:
            csat.record_csat(s, ticket_id=t.id, **{"score": 5, "source": "phone", "actor": me, **kwargs})
        assert err.value.field == field
        assert snapshot(s, t.id) == before


def test_record_csat_only_for_resolved_or_closed_tickets(store, me):
    with store.session() as s:
        t = ticket_in_state(s, "incident", "in_progress", me)
        with pytest.raises(ValidationError) as err:
            csat.record_csat(s, ticket_id=t.id, score=5, source="phone", actor=me)
        assert "resolved" in str(err.value)
        done = ticket_in_state(s, "incident", "resolved", me)
        csat.record_csat(s, ticket_id=done.id, score=2, source="mail", actor=me)
        assert done.csat_score == 2
        assert RESOLUTION["resolution_code"] == done.resolution_code  # the move's fields are untouched
