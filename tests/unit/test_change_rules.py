"""Rules the desk states for changes: CAB decisions only by members of the approving group, as themselves;
closing needs an explicit outcome and closure notes; a closed or canceled change is final."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.changes import links as change_links
from app.changes import writes as changes
from app.models import CabApproval, Group, Person
from core.errors import TransitionError, ValidationError
from core.schema import utcnow
from tests.unit.factories import journal_counts


@pytest.fixture
def cab(store, me):
    """"CAB" holds me and Carla; Olli is an agent outside it."""
    with store.session() as s:
        carla, olli = Person(name="Carla CAB", is_agent=True), Person(name="Olli Outside", is_agent=True)
        group = Group(name="CAB")
        s.add_all([carla, olli, group])
        s.flush()
        group.members.extend([s.get(Person, me), carla])
        s.flush()
        return {"me": me, "carla": carla.id, "olli": olli.id, "group": group.id}


def _change(s, me, **kw):
    start = (utcnow() + timedelta(days=10)).replace(microsecond=0)
    return changes.create_change(s, change_type="normal", title="Patch", actor_id=me, planned_start=start,
                                 planned_end=start + timedelta(hours=1), **kw)


def test_a_member_records_a_decision_as_themselves(store, cab):
    with store.session() as s:
        c = _change(s, cab["me"])
        row = change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cab["carla"],
                                           cab_group="CAB")
        assert row.approver_id == cab["carla"]
        by_id = change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cab["me"],
                                             cab_group=cab["group"])  # the setting may hold the group's id
        assert by_id.approver_id == cab["me"]


def test_a_non_member_cannot_record_a_decision(store, cab):
    with store.session() as s:
        c = _change(s, cab["me"])
        before = journal_counts(s)
        with pytest.raises(ValidationError) as err:
            change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cab["olli"],
                                         cab_group="CAB")
        assert "Only members of CAB" in str(err.value)
        assert journal_counts(s) == before and s.query(CabApproval).count() == 0
        assert change_links.can_approve(s, person_id=cab["olli"], cab_group="CAB")[0] is False
        assert change_links.can_approve(s, person_id=cab["me"], cab_group="CAB") == (True, "")


def test_nobody_records_a_decision_for_someone_else(store, cab):
    # There is no approver argument any more: the actor is the approver.
    with pytest.raises(TypeError), store.session() as s:
        c = _change(s, cab["me"])
        change_links.record_approval(s, change_id=c.id, approver_id=cab["carla"], decision="approved",
                                     actor_id=cab["me"], cab_group="CAB")


def test_without_the_approving_group_the_message_says_where_to_set_it(store, cab):
    with store.session() as s:
        c = _change(s, cab["me"])
        with pytest.raises(ValidationError) as err:
            change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cab["me"],
                                         cab_group="Change Advisory Board")
        assert "Settings" in str(err.value) and "Change Advisory Board" in str(err.value)


def _to_review(s, c, me):
    for target in ("assess", "authorize"):
        changes.transition_change(s, change_id=c.id, target=target, actor_id=me)
    change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=me, cab_group="CAB")
    for target in ("scheduled", "implement", "review"):
        changes.transition_change(s, change_id=c.id, target=target, actor_id=me)


@pytest.mark.parametrize(("kwargs", "field"), [({"outcome": None, "close_notes": "Fine"}, "outcome"),
                                               ({"outcome": "successful"}, "close_notes"),
                                               ({"outcome": "successful", "close_notes": "  \n"}, "close_notes")])
def test_closing_needs_an_outcome_and_closure_notes(store, cab, kwargs, field):
    with store.session() as s:
        c = _change(s, cab["me"])
        _to_review(s, c, cab["me"])
        before = journal_counts(s)
        with pytest.raises(TransitionError) as err:
            changes.transition_change(s, change_id=c.id, target="closed", actor_id=cab["me"], **kwargs)
        assert err.value.field == field
        assert c.state == "review" and journal_counts(s) == before


def test_a_closed_change_is_final(store, cab):
    with store.session() as s:
        c = _change(s, cab["me"])
        _to_review(s, c, cab["me"])
        changes.close_change(s, change_id=c.id, outcome="successful", close_notes="Patched.", actor_id=cab["me"])
        with pytest.raises(ValidationError):
            changes.update_change(s, change_id=c.id, changes={"close_notes": "Rewritten"}, actor_id=cab["me"])
        with pytest.raises(TransitionError):
            changes.transition_change(s, change_id=c.id, target="review", actor_id=cab["me"])
        with pytest.raises(ValidationError):
            change_links.record_approval(s, change_id=c.id, decision="approved", actor_id=cab["me"], cab_group="CAB")


def test_a_reschedule_reports_what_it_changed_and_restore_puts_all_of_it_back(store, cab):
    from app.changes.planning import reschedule_change, restore_change
    from tests.unit.factories import outbox

    with store.session() as s:
        c = _change(s, cab["me"])
        far = (c.planned_start, c.planned_end, c.risk, c.risk_proposed)
        soon = (utcnow() + timedelta(hours=2)).replace(microsecond=0)
        moved = reschedule_change(s, change_id=c.id, start=soon, end=soon + timedelta(hours=1), actor_id=cab["me"],
                                  expected_updated_at=c.updated_at)
        assert moved.risk == c.risk != far[2]  # a short lead time raised it
        assert set(moved.before) == {"planned_start", "planned_end", "risk", "risk_proposed"}
        undone = restore_change(s, change_id=c.id, values=moved.before, actor_id=cab["me"],
                                expected_updated_at=moved.updated_at)
        assert (c.planned_start, c.planned_end, c.risk, c.risk_proposed) == far
        assert undone.risk == far[2] and outbox(s, c.id)[-1][3]["fields"]["risk"] == {"base": moved.risk,
                                                                                       "new": far[2]}
        with pytest.raises(ValidationError):
            restore_change(s, change_id=c.id, values={"title": "x"}, actor_id=cab["me"], expected_updated_at=None)
