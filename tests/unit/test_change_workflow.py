"""The change workflow: every (from, to) pair of every change type, the emergency and standard paths,
and the data each move needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from core.changes.workflow import (
    CHANGE_STATES,
    CHANGE_TYPES,
    OUTCOMES,
    CabApproval,
    change_state_label,
    check_change_transition,
    latest_approvals,
)
from core.errors import TransitionError

START = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)
END = START + timedelta(hours=2)
APPROVED = (CabApproval("p1", "approved"), CabApproval("p2", "approved"))

# Written out again here, not derived from the module, so a slip in the table shows up as a failure.
_COMMON = {
    "assess": {"authorize", "canceled"},
    "authorize": {"scheduled", "canceled"},
    "scheduled": {"implement", "canceled"},
    "implement": {"review", "canceled"},
    "review": {"closed", "canceled"},
    "closed": set(),
    "canceled": set(),
}
EXPECTED = {
    "normal": {"new": {"assess", "canceled"}, **_COMMON},
    "standard": {"new": {"assess", "scheduled", "canceled"}, **_COMMON},
    "emergency": {"new": {"authorize", "canceled"}, **_COMMON},
}
STATE_KEYS = [s.key for s in CHANGE_STATES]
PAIRS = [(t, src, dst) for t in CHANGE_TYPES for src in STATE_KEYS for dst in STATE_KEYS]


def _complete(change_type: str, src: str, dst: str):
    return check_change_transition(change_type, src, dst, planned_start=START, planned_end=END,
                                   approvals=APPROVED, outcome="successful",
                                   close_notes="Done.")


@pytest.mark.parametrize(("change_type", "src", "dst"), PAIRS)
def test_every_pair(change_type, src, dst):
    if dst in EXPECTED[change_type][src]:
        assert _complete(change_type, src, dst).key == dst
    else:
        with pytest.raises(TransitionError) as err:
            _complete(change_type, src, dst)
        msg = str(err.value)
        assert f"from {change_state_label(src)} to {change_state_label(dst)}." in msg
        assert f"Allowed from {change_state_label(src)}: " in msg
        assert err.value.field == "state"


def test_message_names_type_states_and_allowed_moves():
    with pytest.raises(TransitionError, match=r"^A normal change cannot move from New to Scheduled\. "
                                              r"Allowed from New: Assess, Canceled\.$"):
        _complete("normal", "new", "scheduled")
    with pytest.raises(TransitionError, match=r"^An emergency change cannot move from New to Assess\. "
                                              r"Allowed from New: Authorize, Canceled\.$"):
        _complete("emergency", "new", "assess")
    with pytest.raises(TransitionError, match=r"Allowed from Closed: none\.$"):
        _complete("normal", "closed", "canceled")


def test_canceled_from_every_state_before_closed():
    for change_type in CHANGE_TYPES:
        for state in STATE_KEYS[:STATE_KEYS.index("closed")]:
            assert _complete(change_type, state, "canceled").key == "canceled"


def test_emergency_path_skips_assessment():
    path = ["new", "authorize", "scheduled", "implement", "review", "closed"]
    for src, dst in pairwise(path):
        # An emergency change needs no CAB record to be scheduled (the ECAB is outside this model).
        check_change_transition("emergency", src, dst, planned_start=START, planned_end=END, outcome="failed",
                                close_notes="Failed over.")


def test_standard_change_goes_straight_to_scheduled_without_cab():
    assert check_change_transition("standard", "new", "scheduled", planned_start=START, planned_end=END).key \
        == "scheduled"


@pytest.mark.parametrize(("start", "end", "field"), [
    (None, END, "planned_start"),
    (START, None, "planned_end"),
    (START, START, "planned_end"),
    (START, START - timedelta(minutes=1), "planned_end"),
    (START.replace(tzinfo=None), END.replace(tzinfo=None), "planned_start"),
])
def test_scheduled_needs_planned_times_with_end_after_start(start, end, field):
    for change_type, src in (("normal", "authorize"), ("standard", "new"), ("emergency", "authorize")):
        with pytest.raises(TransitionError) as err:
            check_change_transition(change_type, src, "scheduled", planned_start=start, planned_end=end,
                                    approvals=APPROVED)
        assert err.value.field == field


@pytest.mark.parametrize("approvals", [
    (),
    (CabApproval("p1", "approved"), CabApproval("p2", "pending")),
    (CabApproval("p1", "rejected"),),
])
def test_normal_change_needs_every_cab_approval(approvals):
    with pytest.raises(TransitionError, match="CAB") as err:
        check_change_transition("normal", "authorize", "scheduled", planned_start=START, planned_end=END,
                                approvals=approvals)
    assert err.value.field == "approvals"


def test_rejection_is_counted_in_the_message():
    with pytest.raises(TransitionError, match=r"2 of 3 not approved \(1 rejected\)"):
        check_change_transition("normal", "authorize", "scheduled", planned_start=START, planned_end=END,
                                approvals=(CabApproval("a", "approved"), CabApproval("b", "rejected"),
                                           CabApproval("c")))


@pytest.mark.parametrize("outcome", [None, "", "done"])
def test_closed_needs_an_outcome(outcome):
    with pytest.raises(TransitionError, match="outcome") as err:
        check_change_transition("normal", "review", "closed", outcome=outcome)
    assert err.value.field == "outcome"


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_each_outcome_closes(outcome):
    assert check_change_transition("normal", "review", "closed", outcome=outcome,
                                   close_notes="What happened.").key == "closed"


@pytest.mark.parametrize("notes", [None, "", "  \n "])
def test_closed_needs_closure_notes(notes):
    with pytest.raises(TransitionError, match="closure notes") as err:
        check_change_transition("normal", "review", "closed", outcome="successful", close_notes=notes)
    assert err.value.field == "close_notes"


def test_unknown_type_and_states():
    with pytest.raises(TransitionError, match="Unknown change type"):
        check_change_transition("minor", "new", "assess")
    with pytest.raises(TransitionError, match="Unknown state"):
        check_change_transition("normal", "new", "approved")
    with pytest.raises(TransitionError, match="Unknown state"):
        check_change_transition("normal", "draft", "assess")


def test_a_later_vote_of_the_same_approver_replaces_the_earlier_one():
    votes = [("p1", "rejected"), ("p2", "approved"), ("p1", "approved"), (None, "pending")]
    assert latest_approvals(votes) == [CabApproval("p1", "approved"), CabApproval("p2", "approved"),
                                       CabApproval("", "pending")]
    check_change_transition("normal", "authorize", "scheduled", planned_start=START, planned_end=END,
                            approvals=latest_approvals(votes[:3]))
    assert latest_approvals([]) == []
