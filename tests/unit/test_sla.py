"""SLA clocks on a small fixed data set: Mon-Fri 09:00-17:00 Europe/Berlin with one holiday, hand-computed
due times, pauses, met and breached, reopen, warnings, and timelines built from audit rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import AuditEvent
from core.errors import ValidationError
from core.sla.business_time import BusinessCalendar, add_business_seconds, business_seconds_between
from core.sla.clocks import SlaPolicy, SlaTarget, Timeline, sla_status, timeline_from_events

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = 3600
HOLIDAY = date(2026, 3, 16)  # a Monday
OFFICE = BusinessCalendar.office_hours("Europe/Berlin", "09:00", "17:00", holidays={HOLIDAY})
POLICY = SlaPolicy(
    name="Standard",
    calendar=OFFICE,
    targets=(
        SlaTarget(priority=1, response_seconds=1 * HOUR, resolution_seconds=4 * HOUR),
        SlaTarget(priority=2, response_seconds=2 * HOUR, resolution_seconds=8 * HOUR),
        SlaTarget(priority=2, response_seconds=None, resolution_seconds=16 * HOUR, service_id="svc-email"),
    ),
)
ALWAYS_POLICY = SlaPolicy(name="24x7", calendar=BusinessCalendar.always("Europe/Berlin"),
                          targets=(SlaTarget(priority=1, response_seconds=None, resolution_seconds=24 * HOUR),))


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


def incident(created: datetime, *changes: tuple[datetime, str], priority: int = 1, **kw) -> Timeline:
    return Timeline(ticket_type="incident", priority=priority, created_at=created, state_changes=changes, **kw)


MONDAY = berlin(2026, 3, 9, 9)  # Monday 9 March 2026, 09:00


# Due times -----------------------------------------------------------------------------------------------------

def test_friday_afternoon_ticket_is_due_monday_noon():
    status = sla_status(POLICY, incident(berlin(2026, 3, 6, 16)), now=berlin(2026, 3, 6, 16, 30))
    clock = status.resolution
    assert clock.due_at == berlin(2026, 3, 9, 12)
    assert (clock.state, clock.elapsed_seconds, clock.paused_seconds) == ("running", 1800, 0)
    assert (clock.percent_used, clock.warning, clock.remaining_seconds) == (12.5, 0, 4 * HOUR - 1800)
    assert status.response.due_at == berlin(2026, 3, 6, 17)  # Friday 16:00-17:00 is the whole hour
    assert status.policy == "Standard"


def test_friday_ticket_before_the_holiday_is_due_tuesday():
    status = sla_status(POLICY, incident(berlin(2026, 3, 13, 16)), now=berlin(2026, 3, 14, 12))
    assert status.resolution.due_at == berlin(2026, 3, 17, 12)
    assert status.resolution.elapsed_seconds == HOUR


def test_due_time_across_the_march_change_is_exact():
    status = sla_status(POLICY, incident(berlin(2026, 3, 27, 16)), now=berlin(2026, 3, 28, 12))
    assert status.resolution.due_at == datetime(2026, 3, 30, 10, tzinfo=UTC)  # Monday 12:00 CEST


def test_24x7_clock_across_the_october_change_counts_the_25_hour_day():
    status = sla_status(ALWAYS_POLICY, incident(berlin(2026, 10, 24, 12)), now=berlin(2026, 10, 25, 10, 30))
    clock = status.resolution
    assert clock.due_at == berlin(2026, 10, 25, 11)  # 24 elapsed hours, but 11:00 CET on the long day
    assert clock.elapsed_seconds == 23 * HOUR + 1800
    assert status.response is None


def test_service_target_wins_and_missing_priorities_have_no_clocks():
    email = sla_status(POLICY, incident(MONDAY, priority=2, service_id="svc-email"), now=MONDAY)
    assert email.response is None and email.resolution.target_seconds == 16 * HOUR
    other = sla_status(POLICY, incident(MONDAY, priority=2, service_id="svc-print"), now=MONDAY)
    assert (other.response.target_seconds, other.resolution.target_seconds) == (2 * HOUR, 8 * HOUR)
    none = sla_status(POLICY, incident(MONDAY, priority=5), now=MONDAY)
    assert none.response is None and none.resolution is None and none.most_urgent is None


# Warnings and breach -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("now", "percent", "warning", "state"), [
    (berlin(2026, 3, 9, 10, 59), 49.58, 0, "running"),
    (berlin(2026, 3, 9, 11), 50.0, 50, "running"),
    (berlin(2026, 3, 9, 11, 59), 74.58, 50, "running"),
    (berlin(2026, 3, 9, 12), 75.0, 75, "running"),
    (berlin(2026, 3, 9, 13), 100.0, 100, "running"),  # due this very second, not yet late
    (berlin(2026, 3, 9, 13, 0, 1), 100.01, 100, "breached"),
    (berlin(2026, 3, 9, 20), 200.0, 100, "breached"),  # the whole day used; the evening adds nothing
])
def test_warning_levels(now, percent, warning, state):
    clock = sla_status(POLICY, incident(MONDAY), now=now).resolution
    assert (round(clock.percent_used, 2), clock.warning, clock.state) == (percent, warning, state)
    assert clock.due_at == berlin(2026, 3, 9, 13)


def test_met_breached_and_exactly_on_time():
    on_time = incident(MONDAY, (berlin(2026, 3, 9, 12), "resolved"))
    clock = sla_status(POLICY, on_time, now=berlin(2026, 3, 12)).resolution
    assert (clock.state, clock.stopped_at, clock.elapsed_seconds, clock.warning) == (
        "met", berlin(2026, 3, 9, 12), 3 * HOUR, 0)
    assert clock.due_at == berlin(2026, 3, 9, 13)  # the due time as it stood when the clock stopped
    at_due = sla_status(POLICY, incident(MONDAY, (berlin(2026, 3, 9, 13), "resolved")), now=berlin(2026, 3, 12))
    assert at_due.resolution.state == "met"
    late = incident(MONDAY, (berlin(2026, 3, 9, 14), "in_progress"), (berlin(2026, 3, 10, 10), "resolved"))
    clock = sla_status(POLICY, late, now=berlin(2026, 3, 12)).resolution
    assert (clock.state, clock.due_at, clock.elapsed_seconds, clock.warning) == (
        "breached", berlin(2026, 3, 9, 13), 9 * HOUR, 100)
    # Resolved on Saturday after a Friday 17:00 due time: late, although no business time passed.
    weekend = incident(berlin(2026, 3, 6, 13), (berlin(2026, 3, 7, 10), "resolved"))
    assert sla_status(POLICY, weekend, now=berlin(2026, 3, 9)).resolution.state == "breached"


def test_closed_after_resolved_stays_met_and_canceled_is_neither():
    closed = incident(MONDAY, (berlin(2026, 3, 9, 10), "resolved"), (berlin(2026, 3, 12, 10), "closed"))
    assert sla_status(POLICY, closed, now=berlin(2026, 3, 20)).resolution.state == "met"
    canceled = incident(MONDAY, (berlin(2026, 3, 9, 10), "canceled"))
    status = sla_status(POLICY, canceled, now=berlin(2026, 3, 20))
    assert (status.resolution.state, status.response.state) == ("canceled", "canceled")
    assert status.resolution.warning == 0 and status.most_urgent is None


# Pauses --------------------------------------------------------------------------------------------------------

def test_two_business_hours_on_hold_push_the_due_time_by_two_hours():
    timeline = incident(MONDAY, (berlin(2026, 3, 9, 10), "on_hold"), (berlin(2026, 3, 9, 12), "in_progress"))
    paused = sla_status(POLICY, timeline, now=berlin(2026, 3, 9, 11)).resolution
    assert (paused.state, paused.elapsed_seconds, paused.paused_seconds) == ("paused", HOUR, HOUR)
    assert paused.due_at == berlin(2026, 3, 9, 14)  # where it stands if the clock resumed now
    resumed = sla_status(POLICY, timeline, now=berlin(2026, 3, 9, 12, 30)).resolution
    assert (resumed.state, resumed.elapsed_seconds, resumed.paused_seconds) == ("running", 5400, 2 * HOUR)
    assert resumed.due_at == berlin(2026, 3, 9, 15)  # 13:00 without the pause


def test_a_pause_outside_business_hours_pushes_nothing():
    created = berlin(2026, 3, 9, 14)
    timeline = incident(created, (berlin(2026, 3, 9, 18), "on_hold"), (berlin(2026, 3, 10, 8), "in_progress"))
    clock = sla_status(POLICY, timeline, now=berlin(2026, 3, 10, 9, 30)).resolution
    assert (clock.due_at, clock.paused_seconds, clock.elapsed_seconds) == (berlin(2026, 3, 10, 10), 0, 3.5 * HOUR)


def test_breached_while_on_hold_stays_breached():
    timeline = incident(MONDAY, (berlin(2026, 3, 9, 14), "on_hold"))
    clock = sla_status(POLICY, timeline, now=berlin(2026, 3, 9, 15)).resolution
    assert (clock.state, clock.due_at, clock.warning) == ("breached", berlin(2026, 3, 9, 13), 100)


def test_pause_states_follow_the_workflow_kinds_or_the_policy():
    # A service request waiting for approval is in a "hold" state, so it pauses by default.
    timeline = Timeline(ticket_type="service_request", priority=1, created_at=MONDAY,
                        state_changes=((berlin(2026, 3, 9, 10), "awaiting_approval"),
                                       (berlin(2026, 3, 9, 11), "approved")))
    now = berlin(2026, 3, 9, 12)
    assert sla_status(POLICY, timeline, now=now).resolution.due_at == berlin(2026, 3, 9, 14)
    strict = SlaPolicy(name="Strict", calendar=OFFICE, targets=POLICY.targets, pause_states=frozenset({"on_hold"}))
    assert sla_status(strict, timeline, now=now).resolution.due_at == berlin(2026, 3, 9, 13)


# Response clock and reopen -------------------------------------------------------------------------------------

def test_response_clock_stops_at_the_first_reply_or_the_resolution():
    replied = incident(MONDAY, first_response_at=berlin(2026, 3, 9, 9, 45))
    clock = sla_status(POLICY, replied, now=berlin(2026, 3, 9, 16)).response
    assert (clock.state, clock.elapsed_seconds, clock.stopped_at) == ("met", 2700, berlin(2026, 3, 9, 9, 45))
    late_reply = incident(MONDAY, first_response_at=berlin(2026, 3, 9, 10, 30))
    assert sla_status(POLICY, late_reply, now=berlin(2026, 3, 9, 16)).response.state == "breached"
    not_yet = sla_status(POLICY, late_reply, now=berlin(2026, 3, 9, 9, 30)).response  # the reply is in the future
    assert (not_yet.state, not_yet.warning) == ("running", 50)
    # A resolution answers nobody (issue 15): resolved before any reply, the clock ends there, missed,
    # in time or not, and a reopen does not restart it.
    resolved = incident(MONDAY, (berlin(2026, 3, 9, 9, 50), "resolved"), (berlin(2026, 3, 9, 11), "in_progress"))
    clock = sla_status(POLICY, resolved, now=berlin(2026, 3, 9, 16)).response
    assert (clock.state, clock.stopped_at) == ("breached", berlin(2026, 3, 9, 9, 50))
    # A reply whose mail went out after the resolution (retried later) ends it when it was sent; the
    # time between counts as waiting for it.
    sent_late = incident(MONDAY, (berlin(2026, 3, 9, 9, 20), "resolved"), first_response_at=berlin(2026, 3, 9, 9, 40))
    clock = sla_status(POLICY, sent_late, now=berlin(2026, 3, 9, 16)).response
    assert (clock.state, clock.stopped_at, clock.elapsed_seconds) == ("met", berlin(2026, 3, 9, 9, 40), 2400)


def test_reopen_resumes_the_resolution_clock():
    timeline = incident(MONDAY, (berlin(2026, 3, 9, 10), "resolved"), (berlin(2026, 3, 10, 9), "in_progress"))
    before = sla_status(POLICY, timeline, now=berlin(2026, 3, 9, 16)).resolution
    assert (before.state, before.elapsed_seconds) == ("met", HOUR)
    after = sla_status(POLICY, timeline, now=berlin(2026, 3, 10, 10)).resolution
    assert (after.state, after.elapsed_seconds, after.stopped_at) == ("running", 2 * HOUR, None)
    assert after.due_at == berlin(2026, 3, 10, 12)  # 3 hours left from Tuesday 09:00
    again = incident(MONDAY, (berlin(2026, 3, 9, 10), "resolved"), (berlin(2026, 3, 10, 9), "in_progress"),
                     (berlin(2026, 3, 10, 12, 30), "resolved"))
    assert sla_status(POLICY, again, now=berlin(2026, 3, 11)).resolution.state == "breached"


def test_resolved_at_stands_in_for_a_missing_history():
    imported = incident(MONDAY, resolved_at=berlin(2026, 3, 9, 11))
    clock = sla_status(POLICY, imported, now=berlin(2026, 3, 20)).resolution
    assert (clock.state, clock.elapsed_seconds) == ("met", 2 * HOUR)


def test_most_urgent_is_the_live_clock_due_first():
    status = sla_status(POLICY, incident(MONDAY), now=berlin(2026, 3, 9, 9, 30))
    assert status.most_urgent is status.response
    replied = incident(MONDAY, first_response_at=berlin(2026, 3, 9, 9, 15))
    status = sla_status(POLICY, replied, now=berlin(2026, 3, 9, 9, 30))
    assert status.most_urgent is status.resolution


# Timelines from audit rows -------------------------------------------------------------------------------------

class Row(NamedTuple):
    field: str
    old_value: str | None
    new_value: str | None
    at: datetime


ROWS = [
    Row("state", "on_hold", "in_progress", berlin(2026, 3, 9, 12)),  # out of order on purpose
    Row("created", None, "INC0000042", MONDAY),
    Row("priority", "3", "1", berlin(2026, 3, 9, 9, 5)),
    Row("first_response_at", None, berlin(2026, 3, 9, 9, 20).isoformat(), berlin(2026, 3, 9, 9, 20)),
    Row("state", "new", "on_hold", berlin(2026, 3, 9, 10)),
]
EXPECTED = Timeline(ticket_type="incident", priority=1, created_at=MONDAY,
                    state_changes=((berlin(2026, 3, 9, 10), "on_hold"), (berlin(2026, 3, 9, 12), "in_progress")),
                    first_response_at=berlin(2026, 3, 9, 9, 20), initial_state="new")


def test_timeline_from_audit_rows():
    assert timeline_from_events(ROWS, ticket_type="incident", priority=1) == EXPECTED
    status = sla_status(POLICY, EXPECTED, now=berlin(2026, 3, 9, 12, 30))
    assert (status.response.state, status.resolution.due_at) == ("met", berlin(2026, 3, 9, 15))


def test_timeline_from_orm_audit_events_and_explicit_columns():
    events = [AuditEvent(entity="ticket", entity_id="t", field=r.field, old_value=r.old_value,
                         new_value=r.new_value, at=r.at) for r in ROWS]
    reply = berlin(2026, 3, 9, 9, 10)
    built = timeline_from_events(events, ticket_type="incident", priority=1, first_response_at=reply)
    assert built.first_response_at == reply and built.state_changes == EXPECTED.state_changes
    with pytest.raises(ValueError, match="creation"):
        timeline_from_events(ROWS[:1], ticket_type="incident", priority=1)


# Refusals ------------------------------------------------------------------------------------------------------

def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="naive"):
        sla_status(POLICY, incident(MONDAY), now=datetime(2026, 3, 9, 12))
    with pytest.raises(ValueError, match="naive"):
        sla_status(POLICY, incident(datetime(2026, 3, 9, 9)), now=MONDAY)


@pytest.mark.parametrize("targets", [
    (SlaTarget(1, 0, 3600),),
    (SlaTarget(1, 3600, 1.5),),
    (SlaTarget(1, 3600, 7200), SlaTarget(1, 60, 120)),
])
def test_malformed_policies_are_refused(targets):
    with pytest.raises(ValidationError):
        SlaPolicy(name="bad", calendar=OFFICE, targets=targets)


def test_a_clock_asked_before_the_ticket_existed_stands_at_creation():
    clock = sla_status(POLICY, incident(MONDAY), now=berlin(2026, 3, 6, 12)).resolution
    assert (clock.state, clock.elapsed_seconds, clock.due_at) == ("running", 0, berlin(2026, 3, 9, 13))


# One week around a weekend, so that many cases are still running when asked.
moments = st.datetimes(min_value=datetime(2026, 3, 5), max_value=datetime(2026, 3, 12)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC))


@settings(deadline=None, max_examples=150)
@given(times=st.lists(moments, min_size=4, max_size=4))
def test_a_pause_pushes_the_due_time_by_exactly_the_paused_business_time(times):
    created, hold, resume, now = sorted(times)
    timeline = incident(created, (hold, "on_hold"), (resume, "in_progress"), priority=2)
    clock = sla_status(POLICY, timeline, now=now).resolution
    assert clock.elapsed_seconds + clock.paused_seconds == business_seconds_between(OFFICE, created, now)
    if clock.state == "running":
        assert clock.due_at == add_business_seconds(OFFICE, created, 8 * HOUR + clock.paused_seconds)
