"""Conflict rules of the change calendar, the freeze check on scheduling, and the next free slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.changes.conflicts import (
    CiRef,
    ConflictIndex,
    PlannedChange,
    blocking_freeze,
    find_conflicts,
    next_free_slot,
)
from app.changes.schedules import BlackoutWindow, MaintenanceWindow, Scope
from core.errors import TransitionError

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday
EVERYTHING = Scope(everything=True)
H = timedelta(hours=1)
# host h1 with vm1 and vm2 on it; db belongs to service sv-db; solo stands alone.
CIS = (CiRef("h1"), CiRef("vm1", parent_id="h1"), CiRef("vm2", parent_id="h1"), CiRef("db", service_id="sv-db"),
       CiRef("solo"))


def _ch(cid, start, hours=1.0, cis=("solo",), who=None, state="scheduled") -> PlannedChange:
    return PlannedChange(cid, start, start + timedelta(hours=hours), tuple(cis), who, state)


def _index(*changes, maintenance=(), blackouts=(), days=120) -> ConflictIndex:
    return ConflictIndex(changes=changes, cis=CIS, maintenance_windows=maintenance, blackouts=blackouts,
                         horizon_start=T0 - timedelta(days=1), horizon_end=T0 + timedelta(days=days))


def _kinds(change, index):
    return [(c.kind, c.other_id, c.ci_id) for c in find_conflicts(change, index)]


def _freeze(blocking=True, scope=EVERYTHING, start=datetime(2026, 11, 23, 12), hours=2,
            name="Release freeze") -> BlackoutWindow:
    return BlackoutWindow("bo", name, start, timedelta(hours=hours), "UTC", scope, blocking=blocking)


# -- overlap rules ---------------------------------------------------------------------------------

def test_same_ci_overlapping():
    other = _ch("CHG2", T0 + 0.5 * H, cis=("db",))
    [c] = find_conflicts(_ch("CHG1", T0, cis=("db", "solo")), _index(other))
    assert (c.kind, c.other_id, c.ci_id, c.severity) == ("same_ci", "CHG2", "db", "warning")
    assert (c.start, c.end) == (other.start, other.end)
    assert c.reason == "CI db is also changed by CHG2 from 2026-11-23 10:30 UTC to 2026-11-23 11:30 UTC."


def test_adjacent_intervals_do_not_conflict():
    # "long" makes the track's longest interval longer than "before", so "before" is scanned, not skipped.
    index = _index(_ch("long", T0 - 5 * H, hours=3, cis=("db",)),
                   _ch("before", T0 - H, cis=("db",), who="ann"), _ch("after", T0 + H, cis=("h1",), who="ann"),
                   blackouts=[_freeze(start=datetime(2026, 11, 23, 11))])
    assert _kinds(_ch("CHG1", T0, cis=("db", "vm1"), who="ann"), index) == []


def test_parent_and_child_ci_overlapping():
    index = _index(_ch("HOST", T0, cis=("h1",)), _ch("VM2", T0, cis=("vm2",)))
    assert _kinds(_ch("CHG1", T0, cis=("vm1",)), index) == [("parent_ci", "HOST", "vm1")]
    assert _kinds(_ch("CHG1", T0, cis=("h1",)), index) == [("same_ci", "HOST", "h1"), ("child_ci", "VM2", "h1")]
    [c] = find_conflicts(_ch("CHG1", T0, cis=("vm1",)), index)
    assert c.reason.startswith("CI h1, which CI vm1 depends on, is changed by HOST")


def test_siblings_and_unrelated_cis_do_not_conflict():
    index = _index(_ch("VM2", T0, cis=("vm2",)), _ch("DB", T0, cis=("db",)))
    assert _kinds(_ch("CHG1", T0, cis=("vm1", "solo")), index) == []


@pytest.mark.parametrize("state", ["closed", "canceled"])
def test_closed_and_canceled_changes_do_not_count(state):
    index = _index(_ch("OLD", T0, cis=("db",), who="ann", state=state))
    assert _kinds(_ch("CHG1", T0, cis=("db",), who="ann"), index) == []


def test_changes_without_dates_are_not_on_the_calendar():
    index = _index(PlannedChange("NEW", None, None, ("db",), "ann", "new"))
    assert _kinds(_ch("CHG1", T0, cis=("db",), who="ann"), index) == []
    assert find_conflicts(PlannedChange("NEW", None, None, ("db",)), index) == []


def test_a_dragged_change_does_not_conflict_with_its_old_position():
    me = _ch("CHG1", T0, cis=("db",), who="ann")
    index = _index(me)
    assert _kinds(me.moved_to(T0 + 0.5 * H), index) == []


def test_assignee_double_booked():
    index = _index(_ch("CHG2", T0 + 0.25 * H, cis=("h1",), who="ann"))
    [c] = find_conflicts(_ch("CHG1", T0, cis=("db",), who="ann"), index)
    assert (c.kind, c.other_id, c.ci_id) == ("assignee", "CHG2", None)
    assert c.reason.startswith("Assignee ann is booked on CHG2 from 2026-11-23 10:15 UTC")
    assert _kinds(_ch("CHG1", T0, cis=("db",), who="bob"), index) == []
    assert _kinds(_ch("CHG1", T0, cis=("db",)), index) == []


def test_update_moves_a_saved_change_without_a_rebuild():
    moved = _ch("CHG2", T0, cis=("db",), who="ann")
    index = _index(moved, _ch("CHG3", T0, cis=("db",)))
    probe = _ch("CHG1", T0 + 3 * H, cis=("db",), who="ann")
    assert _kinds(probe, index) == []
    index.update(moved.moved_to(T0 + 3.5 * H))
    assert _kinds(probe, index) == [("same_ci", "CHG2", "db"), ("assignee", "CHG2", None)]
    index.update(PlannedChange("CHG2", moved.start, moved.end, ("vm1",), None, "canceled"))
    assert _kinds(probe, index) == []
    index.update(_ch("CHG9", T0 + 2.5 * H, cis=("h1", "db"), who="ann"))  # a new one
    assert [k for k, *_ in _kinds(probe, index)] == ["same_ci", "assignee"]


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        _index(PlannedChange("X", datetime(2026, 1, 1), datetime(2026, 1, 2), ("db",)))


# -- windows -----------------------------------------------------------------------------------------

NIGHTLY_DB = MaintenanceWindow("mw-db", "DB nights", datetime(2026, 11, 1, 22), timedelta(hours=4), "Europe/Berlin",
                               Scope(service_ids=frozenset({"sv-db"})), rrule="FREQ=DAILY")


def test_outside_every_maintenance_window_of_an_affected_ci():
    index = _index(maintenance=[NIGHTLY_DB])
    night = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)  # 22:00-02:00 Berlin is 21:00-01:00 UTC
    assert _kinds(_ch("CHG1", night, hours=4, cis=("db",)), index) == []
    assert _kinds(_ch("CHG1", night - H, hours=2, cis=("db",)), index) == [("outside_window", None, "db")]
    assert _kinds(_ch("CHG1", night + 3 * H, hours=2, cis=("db",)), index) == [("outside_window", None, "db")]
    # solo has no window at all, so any time is fine for it.
    assert _kinds(_ch("CHG1", T0, cis=("solo",)), index) == []
    [c] = find_conflicts(_ch("CHG1", T0, cis=("db",)), index)
    assert c.reason == "CI db has maintenance windows, but none covers 2026-11-23 10:00 UTC to 2026-11-23 11:00 UTC."


def test_touching_windows_merge_and_ci_scope_counts():
    early = MaintenanceWindow("a", "A", datetime(2026, 11, 23, 8), 2 * H, "UTC", Scope(ci_ids=frozenset({"vm1"})))
    late = MaintenanceWindow("b", "B", datetime(2026, 11, 23, 10), 2 * H, "UTC", Scope(ci_ids=frozenset({"vm1"})))
    index = _index(maintenance=[early, late])
    assert _kinds(_ch("CHG1", T0 - H, hours=3, cis=("vm1",)), index) == []
    assert _kinds(_ch("CHG1", T0 - H, hours=5, cis=("vm1",)), index) == [("outside_window", None, "vm1")]


def test_windows_beyond_the_initial_horizon_are_expanded_on_demand():
    index = _index(maintenance=[NIGHTLY_DB], days=1)
    far = datetime(2027, 3, 1, 21, 30, tzinfo=UTC)  # CET still: 22:30 Berlin
    assert _kinds(_ch("CHG1", far, cis=("db",)), index) == []
    assert _kinds(_ch("CHG1", far + 4 * H, cis=("db",)), index) == [("outside_window", None, "db")]


@pytest.mark.parametrize(("blocking", "severity", "label"), [(True, "blocking", "freeze"),
                                                              (False, "warning", "blackout (warning only)")])
def test_blackout_blocking_and_warning(blocking, severity, label):
    index = _index(blackouts=[_freeze(blocking=blocking)])
    [c] = find_conflicts(_ch("CHG1", T0 + 1.5 * H, cis=("db", "solo")), index)
    assert (c.kind, c.severity, c.other_id) == ("blackout", severity, "bo")
    assert c.reason == (f'Inside the {label} "Release freeze" from 2026-11-23 12:00 UTC to '
                        f"2026-11-23 14:00 UTC.")
    # A freeze on everything applies to a change with no CIs too.
    assert [k for k, *_ in _kinds(_ch("CHG1", T0 + 2 * H, cis=()), index)] == ["blackout"]


def test_scoped_blackout_applies_only_to_its_cis_and_services():
    index = _index(blackouts=[_freeze(scope=Scope(ci_ids=frozenset({"vm1"}), service_ids=frozenset({"sv-db"})))])
    at = T0 + 2 * H
    assert _kinds(_ch("CHG1", at, cis=("vm1",)), index) == [("blackout", "bo", "vm1")]
    assert _kinds(_ch("CHG1", at, cis=("db", "vm1")), index) == [("blackout", "bo", "db")]  # reported once
    assert _kinds(_ch("CHG1", at, cis=("vm2", "solo")), index) == []


def test_blocking_freeze_names_the_window():
    index = _index(blackouts=[_freeze()])
    with pytest.raises(TransitionError) as err:
        blocking_freeze(_ch("CHG7", T0 + 1.5 * H, cis=("db",)), index)
    assert str(err.value) == ('Change CHG7 cannot be scheduled from 2026-11-23 11:30 UTC to 2026-11-23 12:30 UTC: '
                              'it falls inside the freeze window "Release freeze" (2026-11-23 12:00 UTC to '
                              '2026-11-23 14:00 UTC).')
    blocking_freeze(_ch("CHG7", T0, cis=("db",)), index)  # ends as the freeze starts
    blocking_freeze(_ch("CHG7", T0 + 2 * H, cis=("db",)), _index(blackouts=[_freeze(blocking=False)]))


# -- next free slot ----------------------------------------------------------------------------------

def test_next_free_slot_is_the_start_itself_when_free():
    me = _ch("CHG1", T0, cis=("db",))
    assert next_free_slot(me, _index(me)) == (T0, T0 + H)


def test_next_free_slot_finds_the_first_gap_that_fits():
    index = _index(_ch("A", T0, cis=("db",)), _ch("B", T0 + 1.5 * H, hours=1.5, cis=("vm1",), who="ann"),
                   _ch("C", T0 + 3.5 * H, cis=("h1",)))
    me = _ch("CHG1", T0, cis=("db", "vm1"), who="ann")
    # 11:00-11:30 is too short; 13:00-14:00 is free until C (on the parent of vm1) starts at 13:30.
    assert next_free_slot(me, index) == (T0 + 4.5 * H, T0 + 5.5 * H)
    # Steps stay on the grid from not_before: after C ends at 14:30, 10:05 + 20-minute steps gives 14:45.
    assert next_free_slot(me, index, not_before=T0 + timedelta(minutes=5), step=timedelta(minutes=20)) \
        == (T0 + timedelta(minutes=285), T0 + timedelta(minutes=345))


def test_next_free_slot_waits_for_a_maintenance_window_and_skips_freezes():
    freeze = BlackoutWindow("bo", "Freeze", datetime(2026, 11, 23, 20), timedelta(days=1), "UTC",
                            Scope(everything=True), blocking=False)
    index = _index(maintenance=[NIGHTLY_DB], blackouts=[freeze])
    me = _ch("CHG1", T0, hours=2, cis=("db",))
    # Tonight's window (21:00 UTC) is inside the freeze until 20:00 tomorrow; tomorrow night's fits.
    assert next_free_slot(me, index) == (datetime(2026, 11, 24, 21, tzinfo=UTC), datetime(2026, 11, 24, 23, tzinfo=UTC))


def test_next_free_slot_none_within_the_horizon():
    long_freeze = BlackoutWindow("bo", "Freeze", datetime(2026, 11, 1), timedelta(days=120), "UTC",
                                 Scope(everything=True))
    me = _ch("CHG1", T0, cis=("db",))
    assert next_free_slot(me, _index(blackouts=[long_freeze])) is None
    # A window that only opens after 90 days.
    late = MaintenanceWindow("late", "Late", datetime(2027, 3, 1), H * 4, "UTC", Scope(ci_ids=frozenset({"db"})))
    assert next_free_slot(me, _index(maintenance=[late])) is None
    assert next_free_slot(me, _index(maintenance=[late]), horizon_days=120) is not None
    # A CI whose windows are all too short for the change.
    short = MaintenanceWindow("s", "Short", datetime(2026, 11, 1), timedelta(minutes=30), "UTC",
                              Scope(ci_ids=frozenset({"db"})), rrule="FREQ=DAILY")
    assert next_free_slot(me, _index(maintenance=[short])) is None


# -- property: a returned slot is free, and no earlier grid point is -------------------------------

CI_IDS = [c.id for c in CIS]
_hours = st.integers(min_value=0, max_value=72)


@st.composite
def _world(draw):
    others = [
        PlannedChange(f"O{i}", T0 + h * H, T0 + (h + d) * H,
                      tuple(draw(st.sets(st.sampled_from(CI_IDS), min_size=1, max_size=2))),
                      draw(st.sampled_from([None, "ann", "bob"])),
                      draw(st.sampled_from(["scheduled", "implement", "canceled", "closed"])))
        for i, (h, d) in enumerate(draw(st.lists(st.tuples(_hours, st.integers(1, 6)), max_size=12)))
    ]
    maintenance = [MaintenanceWindow(f"m{i}", "M", datetime(2026, 11, 23, h), timedelta(hours=d), "Europe/Berlin",
                                     Scope(ci_ids=frozenset({ci})), rrule=draw(st.sampled_from([None, "FREQ=DAILY"])))
                   for i, (ci, h, d) in enumerate(draw(st.lists(
                       st.tuples(st.sampled_from(CI_IDS), st.integers(0, 23), st.integers(1, 8)), max_size=3)))]
    blackouts = [BlackoutWindow(f"b{i}", "B", datetime(2026, 11, 23, 10) + h * H, timedelta(hours=d), "UTC",
                                Scope(everything=True) if ci is None else Scope(ci_ids=frozenset({ci})),
                                blocking=blocking)
                 for i, (ci, h, d, blocking) in enumerate(draw(st.lists(
                     st.tuples(st.sampled_from([None, *CI_IDS]), _hours, st.integers(1, 30), st.booleans()),
                     max_size=2)))]
    me = PlannedChange("ME", T0 + draw(_hours) * H, None, tuple(draw(st.sets(st.sampled_from(CI_IDS), max_size=2))),
                       draw(st.sampled_from([None, "ann"])))
    me = PlannedChange(me.id, me.start, me.start + timedelta(minutes=draw(st.integers(15, 300))), me.ci_ids,
                       me.assignee_id)
    step = timedelta(minutes=draw(st.sampled_from([15, 30, 60])))
    return _index(*others, maintenance=maintenance, blackouts=blackouts), me, step


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_world())
def test_next_free_slot_is_free_and_earliest(world):
    index, me, step = world
    days = 3
    slot = next_free_slot(me, index, horizon_days=days, step=step)
    t = me.start
    while t <= me.start + timedelta(days=days):
        if slot is not None and t == slot[0]:
            assert find_conflicts(me.moved_to(t), index) == []
            assert slot[1] - slot[0] == me.end - me.start
            return
        assert find_conflicts(me.moved_to(t), index) != [], f"{t} is free but the search skipped it"
        t += step
    assert slot is None


_moves = st.lists(st.tuples(st.integers(0, 5), _hours, st.integers(1, 4), st.sampled_from(CI_IDS),
                            st.sampled_from([None, "ann"]), st.sampled_from(["scheduled", "canceled"])),
                  min_size=1, max_size=25)


@settings(max_examples=100, deadline=None)
@given(_moves, _hours)
def test_updates_give_the_same_answers_as_a_rebuild(moves, probe_hour):
    index = _index()
    latest: dict[str, PlannedChange] = {}
    for n, h, d, ci, who, state in moves:
        change = _ch(f"C{n}", T0 + h * H, hours=d, cis=(ci,), who=who, state=state)
        index.update(change)
        latest[change.id] = change
    rebuilt = _index(*latest.values())
    for ci in CI_IDS:
        probe = _ch("P", T0 + probe_hour * H, hours=3, cis=(ci,), who="ann")
        # Same set; the order of changes that start at the same instant may differ.
        assert sorted(find_conflicts(probe, index), key=repr) == sorted(find_conflicts(probe, rebuilt), key=repr)
