"""Creating and editing tickets: numbers, validation of every editable field, references, stale edits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from app.models import Category, Ticket
from app.tickets import writes as tickets
from core.errors import NotFoundError, ValidationError
from tests.unit.factories import audit, journal_counts, make_desk, snapshot


@pytest.fixture
def desk(store, me):
    with store.session() as s:
        return make_desk(s, me)


def test_numbers_count_per_type(store, me):
    with store.session() as s:
        made = [tickets.create_ticket(s, ticket_type=t, title="n", actor_id=me).number
                for t in ("incident", "incident", "service_request", "problem", "incident")]
    assert made == ["INC0000001", "INC0000002", "REQ0000001", "PRB0000001", "INC0000003"]


def test_numbering_continues_after_numbers_made_elsewhere(store, me):
    """Rows pulled from the server carry numbers; the local sequence starts above the highest."""
    with store.session() as s:
        tickets.create_ticket(s, ticket_type="problem", title="pulled", actor_id=me, number="PRB0000041")
        assert tickets.create_ticket(s, ticket_type="problem", title="local", actor_id=me).number == "PRB0000042"


def test_create_writes_the_initial_state_and_derived_fields(store, me, desk):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="service_request", title="  Laptop\x00 for new hire \x07 ",
                                  actor_id=me, group_id=desk.desk, assignee_id=desk.alice,
                                  requester_id=desk.requester, channel="email", impact=2, urgency=2)
        assert (t.state, t.is_open, t.priority, t.priority_overridden) == ("new", True, 3, False)
        assert t.title == "Laptop for new hire"
        assert t.created_at == t.updated_at and t.created_at.tzinfo is not None
        assert t.row_id is not None and len(t.id) == 36


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"ticket_type": "change"}, "type"),
    ({"title": ""}, "title"),
    ({"title": "   \t\n"}, "title"),
    ({"title": "\x00\x01\x02"}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"title": 42}, "title"),
    ({"description": "x" * 100_001}, "description"),
    ({"channel": "pigeon"}, "channel"),
    ({"category_id": "no-such-id"}, "category_id"),
    ({"requester_id": "no-such-person"}, "requester_id"),
    ({"csat_score": 9}, "csat_score"),
])
def test_create_refuses_bad_input_and_writes_nothing(store, me, kwargs, field):
    args = {"ticket_type": "incident", "title": "ok", "actor_id": me, **kwargs}
    with store.session() as s:
        before = journal_counts(s)
        with pytest.raises(ValidationError) as err:
            tickets.create_ticket(s, **args)
        assert err.value.field == field
        assert str(err.value)
        assert journal_counts(s) == before
        assert s.execute(text("SELECT count(*) FROM ticket")).scalar_one() == 0


@pytest.mark.parametrize("fields", [{"state": "closed"}, {"is_open": False}, {"reopen_count": 3}, {"bogus": 1}])
def test_create_refuses_fields_that_are_not_editable(store, me, fields):
    with store.session() as s, pytest.raises(ValidationError):
        tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, **fields)


def test_create_refuses_an_assignee_outside_the_group(store, me, desk):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk,
                                  assignee_id=desk.bob)
        assert err.value.field == "assignee_id"


def test_get_ticket_of_an_unknown_id(store):
    with store.session() as s:
        with pytest.raises(NotFoundError):
            tickets.get_ticket(s, "00000000-0000-0000-0000-000000000000")
        with pytest.raises(NotFoundError):
            tickets.update_ticket(s, ticket_id="nope", changes={"title": "x"}, actor_id=None)


@pytest.mark.parametrize(("changes", "field"), [
    ({"title": ""}, "title"),
    ({"title": None}, "title"),
    ({"description": "y" * 100_001}, "description"),
    ({"resolution_notes": "z" * 100_001}, "resolution_notes"),
    ({"group_id": "missing"}, "group_id"),
    ({"assignee_id": 12}, "assignee_id"),
    ({"channel": None}, "channel"),
    ({"csat_score": 0}, "csat_score"),
    ({"resolution_code": "whatever"}, "resolution_code"),
    ({"title": "fine", "impact": 7}, "impact"),
    ({"channel": ["email"]}, "channel"),
    ({"resolution_code": {"a": 1}}, "resolution_code"),
    ({"on_hold_reason": ["awaiting_vendor"]}, "on_hold_reason"),
    ({"on_hold_reason": "awaiting_godot"}, "on_hold_reason"),
])
def test_update_refuses_bad_values_and_changes_nothing(store, me, changes, field):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="original", actor_id=me)
        before = snapshot(s, t.id)
        with pytest.raises(ValidationError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes=changes, actor_id=me)
        assert err.value.field == field
        assert snapshot(s, t.id) == before


def test_update_refuses_unknown_and_derived_fields(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me)
        before = snapshot(s, t.id)
        for changes in ({"is_open": False}, {"reopen_count": 9}, {"number": "INC9"}, {"updated_at": None}):
            with pytest.raises(ValidationError, match="Unknown field"):
                tickets.update_ticket(s, ticket_id=t.id, changes=changes, actor_id=me)
        assert snapshot(s, t.id) == before


def test_assignment_must_respect_group_membership(store, me, desk):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk)
        with pytest.raises(ValidationError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes={"assignee_id": desk.bob}, actor_id=me)
        assert err.value.field == "assignee_id"
        # Moving group and assignee together is checked against the new group.
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"group_id": desk.network, "assignee_id": desk.bob},
                                     actor_id=me)
        assert done == {"group_id": (desk.desk, desk.network), "assignee_id": (None, desk.bob)}
        # Unassigning is always allowed.
        tickets.update_ticket(s, ticket_id=t.id, changes={"assignee_id": None}, actor_id=me)
        assert t.assignee_id is None


def test_a_no_op_update_writes_nothing(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="same", actor_id=me, description="d")
        before = snapshot(s, t.id)
        assert tickets.update_ticket(s, ticket_id=t.id, changes={"title": " same ", "description": "d"},
                                     actor_id=me) == {}
        assert snapshot(s, t.id) == before


def test_text_fields_lose_control_characters_but_keep_lines(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me)
        tickets.update_ticket(s, ticket_id=t.id, changes={"description": "line one\r\n\tline\x00 two\x1b[31m"},
                              actor_id=me)
        assert t.description == "line one\r\n\tline two[31m"


def test_update_moves_updated_at(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me)
        tickets.update_ticket(s, ticket_id=t.id, changes={"title": "y"}, actor_id=me)
        [title_event] = [e for e in audit(s, t.id) if e.field == "title"]
        assert t.updated_at == title_event.at


def test_a_stale_edit_is_refused(store, me):
    """The editor passes the updated_at it loaded; a ticket changed since must not be overwritten."""
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me)
        tid, loaded = t.id, t.updated_at
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"title": "someone else"}, actor_id=me,
                              expected_updated_at=loaded)
    with store.session() as s:
        before = snapshot(s, tid)
        with pytest.raises(ValidationError, match="changed"):
            tickets.update_ticket(s, ticket_id=tid, changes={"title": "mine"}, actor_id=me,
                                  expected_updated_at=loaded)
        assert snapshot(s, tid) == before
        current = s.get(Ticket, before[0]["row_id"]).updated_at
        assert tickets.update_ticket(s, ticket_id=tid, changes={"title": "mine"}, actor_id=me,
                                     expected_updated_at=current) == {"title": ("someone else", "mine")}
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=tid, changes={"title": "again"}, actor_id=me,
                                  expected_updated_at=current - timedelta(seconds=1))


def test_references_are_checked_to_exist(store, me):
    with store.session() as s:
        cat = Category(name="Hardware")
        s.add(cat)
        s.flush()
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, category_id=cat.id)
        assert t.category_id == cat.id
        tickets.update_ticket(s, ticket_id=t.id, changes={"category_id": None}, actor_id=me)
        assert t.category_id is None


def test_a_group_change_alone_cannot_strand_the_assignee(store, me, desk):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk,
                                  assignee_id=desk.alice)
        with pytest.raises(ValidationError) as err:
            tickets.update_ticket(s, ticket_id=t.id, changes={"group_id": desk.network}, actor_id=me)
        assert err.value.field == "assignee_id"
        assert t.group_id == desk.desk
        # me is in both groups, so moving me with the group is fine.
        tickets.update_ticket(s, ticket_id=t.id, changes={"group_id": desk.network, "assignee_id": me}, actor_id=me)
        assert (t.group_id, t.assignee_id) == (desk.network, me)
