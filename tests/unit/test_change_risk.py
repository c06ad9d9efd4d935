"""The change risk calculator: each factor moves the score and says so; the override keeps the sum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.changes.risk import assess_risk, override_risk
from core.errors import ValidationError

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def _risk(*, lead=timedelta(days=10), crits=(3,), change_type="normal", outcomes=()):
    return assess_risk(change_type=change_type, planned_start=NOW + lead, now=NOW, ci_criticalities=crits,
                       past_outcomes=outcomes)


def test_calm_normal_change_is_low_with_a_reason_per_factor():
    r = _risk()
    assert (r.level, r.score) == ("low", 0)
    assert len(r.reasons) == 4
    assert r.reasons[0] == "Lead time of 10.0 days (+0)"
    assert "criticality 3 (+0)" in r.reasons[1]
    assert r.reasons[2] == "Normal change (+0)"
    assert "too few to judge" in r.reasons[3]
    assert not r.overridden and r.calculated_level == "low"


@pytest.mark.parametrize(("lead", "points", "text"), [
    (timedelta(hours=-1), 3, "already past"),
    (timedelta(hours=6), 2, "6 hours is under 1 day"),
    (timedelta(days=3), 1, "3.0 days is under 5 days"),
    (timedelta(days=5), 0, "5.0 days (+0)"),
])
def test_lead_time(lead, points, text):
    r = _risk(lead=lead)
    assert r.score == points
    assert text in r.reasons[0]


@pytest.mark.parametrize(("crits", "points"), [((4, 3), 0), ((3, 2, 4), 1), ((2, 1), 2), ((), 0)])
def test_highest_criticality_counts(crits, points):
    r = _risk(crits=crits)
    assert r.score == points
    if crits:
        assert f"criticality {min(crits)} ({points:+d})" in r.reasons[1]
    else:
        assert r.reasons[1] == "No affected configuration items (+0)"


def test_emergency_adds_and_standard_lowers():
    assert _risk(change_type="emergency").score == 2
    assert "Emergency change (+2)" in _risk(change_type="emergency").reasons
    assert _risk(change_type="standard", crits=(2,)).score == 0
    assert "Standard (pre-approved) change (-1)" in _risk(change_type="standard").reasons


@pytest.mark.parametrize(("outcomes", "points"), [
    (("successful",) * 9 + ("failed",), 0),
    (("successful",) * 4 + ("backed_out",), 1),
    (("failed", "backed_out", "successful"), 2),
    (("failed", "failed"), 0),  # too few to judge
])
def test_failure_rate_of_past_changes(outcomes, points):
    r = _risk(outcomes=outcomes)
    assert r.score == points
    assert f"({points:+d})" in r.reasons[3]


def test_levels():
    assert _risk(lead=timedelta(days=3), crits=(2,)).level == "moderate"  # 1 + 1
    r = _risk(lead=timedelta(hours=2), crits=(1,), change_type="emergency", outcomes=("failed",) * 3)
    assert (r.level, r.score) == ("high", 8)
    assert "3 of 3 past changes on these CIs failed or were backed out (100%) (+2)" in r.reasons


def test_override_is_separate_and_keeps_the_calculation():
    r = _risk(lead=timedelta(hours=2), crits=(1,))
    o = override_risk(r, level="moderate", reason="  Rehearsed twice on staging ")
    assert (o.level, o.calculated_level, o.score, o.reasons) == ("moderate", "high", r.score, r.reasons)
    assert o.overridden and o.override_reason == "Rehearsed twice on staging"
    with pytest.raises(ValidationError, match="reason"):
        override_risk(r, level="low", reason=" ")
    with pytest.raises(ValidationError, match="Unknown risk level"):
        override_risk(r, level="none", reason="x")


def test_unknown_change_type():
    with pytest.raises(ValidationError):
        _risk(change_type="minor")
