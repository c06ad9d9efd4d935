"""Priority from impact x urgency: the default matrix, a custom one, manual overrides and their audit."""

from __future__ import annotations

import pytest

from app.config import DEFAULT_PRIORITY_MATRIX
from app.tickets import writes as tickets
from core.errors import ValidationError
from core.tickets.priority import DEFAULT_MATRIX, compute_priority, validate_matrix
from tests.unit.factories import audit, outbox

EXPECTED = {(1, 1): 1, (1, 2): 2, (1, 3): 3, (2, 1): 2, (2, 2): 3, (2, 3): 4, (3, 1): 3, (3, 2): 4, (3, 3): 5}
CUSTOM = [[1, 1, 2], [2, 2, 3], [4, 5, 5]]


def test_default_matrix_matches_the_settings_default():
    assert validate_matrix(DEFAULT_PRIORITY_MATRIX) == DEFAULT_MATRIX


@pytest.mark.parametrize(("impact", "urgency"), sorted(EXPECTED))
def test_default_matrix_cell_on_create_and_on_update(store, me, impact, urgency):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="cell", actor_id=me, impact=impact,
                                  urgency=urgency)
        assert (t.priority, t.priority_overridden) == (EXPECTED[impact, urgency], False)
        other = tickets.create_ticket(s, ticket_type="incident", title="moved", actor_id=me)
        tickets.update_ticket(s, ticket_id=other.id, changes={"impact": impact, "urgency": urgency}, actor_id=me)
        assert (other.priority, other.priority_overridden) == (EXPECTED[impact, urgency], False)


@pytest.mark.parametrize(("impact", "urgency"), sorted(EXPECTED))
def test_custom_matrix_cell(store, me, impact, urgency):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="cell", actor_id=me, impact=impact,
                                  urgency=urgency, matrix=validate_matrix(CUSTOM))
        assert t.priority == CUSTOM[impact - 1][urgency - 1]
        u = tickets.create_ticket(s, ticket_type="problem", title="cell", actor_id=me)
        tickets.update_ticket(s, ticket_id=u.id, changes={"impact": impact, "urgency": urgency}, actor_id=me,
                              matrix=CUSTOM)
        assert u.priority == CUSTOM[impact - 1][urgency - 1]


def test_manual_override_is_kept_audited_and_synced(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="override", actor_id=me)
        assert t.priority == 5
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"priority": 1}, actor_id=me)
        assert done == {"priority": (5, 1), "priority_overridden": (False, True)}
        events = {e.field: (e.old_value, e.new_value, e.actor_id) for e in audit(s, t.id)}
        assert events["priority"] == ("5", "1", me)
        assert events["priority_overridden"] == ("false", "true", me)
        _, _, op, payload = outbox(s, t.id)[-1]
        assert op == "update"
        assert payload["fields"] == {"priority": {"base": 5, "new": 1},
                                     "priority_overridden": {"base": False, "new": True}}
        # An impact change on an overridden ticket keeps the override.
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"impact": 2}, actor_id=me)
        assert done == {"impact": (3, 2)}
        assert (t.priority, t.priority_overridden) == (1, True)
        # Clearing the override puts the matrix back in charge, with the current impact.
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"priority": None}, actor_id=me)
        assert done == {"priority": (1, 4), "priority_overridden": (True, False)}
        tickets.update_ticket(s, ticket_id=t.id, changes={"urgency": 1}, actor_id=me)
        assert (t.priority, t.priority_overridden) == (2, False)


def test_choosing_the_computed_priority_is_not_an_override(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="same", actor_id=me, impact=1, urgency=1,
                                  priority=1)
        assert t.priority_overridden is False
        assert tickets.update_ticket(s, ticket_id=t.id, changes={"priority": 1}, actor_id=me) == {}
        u = tickets.create_ticket(s, ticket_type="incident", title="differs", actor_id=me, priority=2)
        assert (u.priority, u.priority_overridden) == (2, True)


def test_an_unrelated_edit_does_not_recompute_priority(store, me):
    """A title edit must not drag priority along (that would be a spurious field in the sync)."""
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="before", actor_id=me)
        flat = [[3, 3, 3]] * 3
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"title": "after"}, actor_id=me, matrix=flat)
        assert done == {"title": ("before", "after")}
        assert t.priority == 5
        # Touching impact or urgency is what brings the (new) matrix in.
        done = tickets.update_ticket(s, ticket_id=t.id, changes={"urgency": 2}, actor_id=me, matrix=flat)
        assert done == {"urgency": (3, 2), "priority": (5, 3)}


@pytest.mark.parametrize("bad", [0, 4, -1, "1", None, 1.5, True, [1]])
def test_impact_and_urgency_must_be_levels(store, me, bad):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="levels", actor_id=me)
        for field in ("impact", "urgency"):
            with pytest.raises(ValidationError) as err:
                tickets.update_ticket(s, ticket_id=t.id, changes={field: bad}, actor_id=me)
            assert err.value.field == field
        assert (t.impact, t.urgency, t.priority) == (3, 3, 5)


@pytest.mark.parametrize("bad", [0, 6, "P1", 2.5, True])
def test_priority_must_be_p1_to_p5(store, me, bad):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="p", actor_id=me)
        with pytest.raises(ValidationError):
            tickets.update_ticket(s, ticket_id=t.id, changes={"priority": bad}, actor_id=me)


def test_compute_priority_refuses_unknown_levels():
    assert compute_priority(1, 1) == 1
    with pytest.raises(ValidationError):
        compute_priority(0, 1)
    with pytest.raises(ValidationError):
        compute_priority(1, 4)


def test_validate_matrix_accepts_lists_and_tuples():
    assert validate_matrix(CUSTOM) == ((1, 1, 2), (2, 2, 3), (4, 5, 5))
    assert validate_matrix(DEFAULT_MATRIX) == DEFAULT_MATRIX


@pytest.mark.parametrize("bad", [
    None, 5, "123", [], [[1, 2, 3]] * 2, [[1, 2, 3]] * 4, [[1, 2], [2, 3], [3, 4]],
    [[1, 2, 3, 4]] * 3, [[0, 2, 3], [2, 3, 4], [3, 4, 5]], [[1, 2, 3], [2, 3, 4], [3, 4, 6]],
    [[1, 2, "x"], [2, 3, 4], [3, 4, 5]], [[1, 2, None], [2, 3, 4], [3, 4, 5]],
    ["123", "234", "345"], [[1.5, 2, 3], [2, 3, 4], [3, 4, 5]], [[True, 2, 3], [2, 3, 4], [3, 4, 5]],
    {"a": 1},
])
def test_validate_matrix_rejects_malformed(bad):
    with pytest.raises(ValidationError):
        validate_matrix(bad)
