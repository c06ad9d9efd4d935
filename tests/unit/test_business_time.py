"""Business-time arithmetic: hand-computed cases (weekends, holidays, split hours, both DST changes)
and properties checked by hypothesis against a slow day-by-day oracle."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.errors import ValidationError
from core.sla.business_time import (
    BusinessCalendar,
    add_business_seconds,
    business_seconds_between,
    business_time_between,
)

BERLIN = ZoneInfo("Europe/Berlin")
HOUR = 3600
HOLIDAY = date(2026, 3, 16)  # a Monday
OFFICE = BusinessCalendar.office_hours("Europe/Berlin", "09:00", "17:00", holidays={HOLIDAY})
ALWAYS = BusinessCalendar.always("Europe/Berlin")
SPLIT = BusinessCalendar.from_hours("Europe/Berlin", {d: [("08:00", "12:00"), ("13:00", "17:00")] for d in range(5)})


def berlin(*args) -> datetime:
    """A Berlin wall time as an aware UTC datetime."""
    return datetime(*args, tzinfo=BERLIN).astimezone(UTC)


# Hand-computed cases -------------------------------------------------------------------------------------------

def test_friday_afternoon_target_is_due_monday_noon():
    start = berlin(2026, 3, 6, 16)  # Friday
    due = add_business_seconds(OFFICE, start, 4 * HOUR)
    assert due == berlin(2026, 3, 9, 12)  # 1 h on Friday, 3 h on Monday
    assert due.tzinfo == UTC
    assert business_seconds_between(OFFICE, start, due) == 4 * HOUR


def test_holiday_monday_moves_the_due_time_to_tuesday():
    start = berlin(2026, 3, 13, 16)  # the Friday before HOLIDAY
    assert add_business_seconds(OFFICE, start, 4 * HOUR) == berlin(2026, 3, 17, 12)
    assert business_seconds_between(OFFICE, berlin(2026, 3, 13, 17), berlin(2026, 3, 17, 9)) == 0


def test_the_earliest_instant_is_returned_at_the_end_of_a_day():
    assert add_business_seconds(OFFICE, berlin(2026, 3, 6, 16), HOUR) == berlin(2026, 3, 6, 17)


def test_starting_outside_business_hours_waits_for_the_next_interval():
    assert add_business_seconds(OFFICE, berlin(2026, 3, 7, 10), HOUR) == berlin(2026, 3, 9, 10)  # Saturday
    assert add_business_seconds(OFFICE, berlin(2026, 3, 9, 7), 30 * 60) == berlin(2026, 3, 9, 9, 30)
    saturday = berlin(2026, 3, 7, 10)
    assert add_business_seconds(OFFICE, saturday, 0) == saturday


def test_split_hours_skip_the_lunch_break():
    assert add_business_seconds(SPLIT, berlin(2026, 3, 9, 11), 2 * HOUR) == berlin(2026, 3, 9, 14)
    assert business_seconds_between(SPLIT, berlin(2026, 3, 9, 11, 30), berlin(2026, 3, 9, 13, 30)) == HOUR
    assert business_seconds_between(SPLIT, berlin(2026, 3, 9), berlin(2026, 3, 10)) == 8 * HOUR


def test_march_change_office_hours_across_the_night_are_exact():
    start = berlin(2026, 3, 27, 16)  # Friday, CET (UTC+1)
    due = add_business_seconds(OFFICE, start, 4 * HOUR)
    assert due == berlin(2026, 3, 30, 12)  # Monday, CEST (UTC+2)
    assert due == datetime(2026, 3, 30, 10, tzinfo=UTC)
    assert due - start == timedelta(hours=67)  # one wall-clock hour fewer than 68


def test_october_change_office_hours_across_the_night_are_exact():
    start = berlin(2026, 10, 23, 16)  # Friday, CEST
    due = add_business_seconds(OFFICE, start, 4 * HOUR)
    assert due == datetime(2026, 10, 26, 11, tzinfo=UTC)  # Monday 12:00 CET
    assert due - start == timedelta(hours=69)


def test_24x7_counts_the_short_and_the_long_day():
    assert business_seconds_between(ALWAYS, berlin(2026, 3, 29), berlin(2026, 3, 30)) == 23 * HOUR
    assert business_seconds_between(ALWAYS, berlin(2026, 10, 25), berlin(2026, 10, 26)) == 25 * HOUR
    assert business_seconds_between(ALWAYS, berlin(2026, 3, 28), berlin(2026, 3, 30)) == 47 * HOUR
    # 01:00 CET plus 2 h is 04:00 CEST: 02:00-03:00 never happened that night.
    assert add_business_seconds(ALWAYS, berlin(2026, 3, 29, 1), 2 * HOUR) == berlin(2026, 3, 29, 4)
    assert add_business_seconds(ALWAYS, berlin(2026, 3, 28, 12), 24 * HOUR) == berlin(2026, 3, 29, 13)
    assert add_business_seconds(ALWAYS, berlin(2026, 10, 24, 12), 24 * HOUR) == berlin(2026, 10, 25, 11)
    assert business_seconds_between(ALWAYS, berlin(2026, 1, 1), berlin(2027, 1, 1)) == 365 * 24 * HOUR


def test_a_boundary_in_the_missing_hour_counts_from_the_change():
    sunday = BusinessCalendar.from_hours("Europe/Berlin", {6: [("02:30", "24:00")]})
    # 02:30 does not exist on 29 March 2026: the clock starts at the change, 03:00 CEST (01:00 UTC).
    assert business_seconds_between(sunday, berlin(2026, 3, 29), berlin(2026, 3, 30)) == 21 * HOUR
    assert not sunday.is_business_time(datetime(2026, 3, 29, 0, 59, tzinfo=UTC))
    assert sunday.is_business_time(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))


def test_long_spans_across_years():
    start, end = berlin(2025, 1, 6, 9), berlin(2027, 1, 4, 9)  # Monday to Monday, 104 weeks
    assert business_seconds_between(OFFICE, start, end) == (104 * 5 - 1) * 8 * HOUR  # minus HOLIDAY
    assert add_business_seconds(OFFICE, start, (104 * 5 - 1) * 8 * HOUR) == berlin(2027, 1, 1, 17)
    assert business_seconds_between(OFFICE, end, start) == -(104 * 5 - 1) * 8 * HOUR


def test_other_zones_and_time_objects():
    sydney = BusinessCalendar.office_hours("Australia/Sydney", time(9), time(17))
    start = datetime(2026, 4, 3, 16, tzinfo=ZoneInfo("Australia/Sydney"))  # Friday before the April change
    due = add_business_seconds(sydney, start, 2 * HOUR)
    assert due == datetime(2026, 4, 6, 10, tzinfo=ZoneInfo("Australia/Sydney")).astimezone(UTC)


def test_naive_datetimes_and_negative_amounts_are_refused():
    naive = datetime(2026, 3, 9, 10)
    with pytest.raises(ValueError, match="naive"):
        business_seconds_between(OFFICE, naive, berlin(2026, 3, 9, 12))
    with pytest.raises(ValueError, match="naive"):
        add_business_seconds(OFFICE, naive, 10)
    with pytest.raises(ValueError, match="negative"):
        add_business_seconds(OFFICE, berlin(2026, 3, 9, 10), -1)


@pytest.mark.parametrize("build", [
    lambda: BusinessCalendar.office_hours("Mars/Olympus_Mons"),
    lambda: BusinessCalendar.office_hours("Europe/Berlin", "17:00", "09:00"),
    lambda: BusinessCalendar.office_hours("Europe/Berlin", "9h", "17:00"),
    lambda: BusinessCalendar.from_hours("Europe/Berlin", {0: [("08:00", "12:00"), ("11:00", "13:00")]}),
    lambda: BusinessCalendar.from_hours("Europe/Berlin", {7: [("08:00", "12:00")]}),
    lambda: BusinessCalendar.from_hours("Europe/Berlin", {}),
])
def test_malformed_calendars_are_refused(build):
    with pytest.raises(ValidationError):
        build()


def test_calendars_are_values():
    again = BusinessCalendar.office_hours("Europe/Berlin", "09:00", "17:00", holidays=[HOLIDAY])
    assert again == OFFICE and hash(again) == hash(OFFICE)
    assert BusinessCalendar.always("UTC") != ALWAYS


# Properties ----------------------------------------------------------------------------------------------------

CALENDARS = {
    "office": OFFICE, "always": ALWAYS, "split": SPLIT,
    "new_york": BusinessCalendar.office_hours("America/New_York", "07:00", "19:00", weekdays=range(6)),
    # 02:30 is missing on the March night and repeated on the October night.
    "night": BusinessCalendar.from_hours("Europe/Berlin",
                                         {d: [("00:00", "02:30"), ("22:00", "24:00")] for d in range(7)}),
}
calendars = st.sampled_from(sorted(CALENDARS)).map(CALENDARS.__getitem__)
# Whole seconds, from late 2025 to early 2027: both Berlin changes and New York's (2nd Sunday March, 1st Sunday Nov).
moments = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC))
amounts = st.integers(min_value=0, max_value=400 * HOUR)


def oracle_between(cal: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Day by day, straight from the definition: local wall intervals converted to UTC with zoneinfo."""
    zone = ZoneInfo(cal.tz)
    total = timedelta(0)
    day = start.astimezone(zone).date() - timedelta(days=1)
    while day <= end.astimezone(zone).date():
        if day not in cal.holidays:
            for s, e in cal.week[day.weekday()]:
                # Aware + timedelta is wall-clock arithmetic: 86400 s after midnight is the next midnight.
                midnight = datetime.combine(day, time(), zone)
                a = (midnight + timedelta(seconds=s)).astimezone(UTC)
                b = (midnight + timedelta(seconds=e)).astimezone(UTC)
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    total += hi - lo
        day += timedelta(days=1)
    return int(total.total_seconds())


@settings(deadline=None, max_examples=150)
@given(cal=st.sampled_from(["office", "always", "split", "new_york"]).map(CALENDARS.__getitem__), a=moments,
       b=moments)
def test_between_agrees_with_the_day_by_day_oracle(cal, a, b):
    # The oracle's wall arithmetic is only right where no boundary falls into a missing hour ("night" has one).
    a, b = min(a, b), max(a, b)
    assume(b - a < timedelta(days=120))
    assert business_seconds_between(cal, a, b) == oracle_between(cal, a, b)


@settings(deadline=None, max_examples=200)
@given(cal=calendars, start=moments, seconds=amounts)
def test_add_then_measure_gives_the_amount_back(cal, start, seconds):
    due = add_business_seconds(cal, start, seconds)
    assert due >= start
    assert business_seconds_between(cal, start, due) == seconds


@settings(deadline=None, max_examples=200)
@given(cal=calendars, start=moments, end=moments)
def test_measure_then_add_gives_the_end_back_when_both_are_business_time(cal, start, end):
    # The start snaps to a business second, the end to the end of one: an end at the very start of an
    # interval (Monday 09:00) has the same business position as the previous end (Friday 17:00), and
    # add_business_seconds answers the earlier of the two.
    start, end = sorted((start, end))
    start = add_business_seconds(cal, start, 1) - timedelta(seconds=1)
    end = add_business_seconds(cal, end, 1)
    assert cal.is_business_time(start) and cal.is_business_time(end - timedelta(seconds=1))
    assert add_business_seconds(cal, start, business_seconds_between(cal, start, end)) == end


@settings(deadline=None, max_examples=200)
@given(cal=calendars, start=moments, s1=amounts, s2=amounts, t1=moments, t2=moments)
def test_monotonic(cal, start, s1, s2, t1, t2):
    s1, s2 = min(s1, s2), max(s1, s2)
    assert add_business_seconds(cal, start, s1) <= add_business_seconds(cal, start, s2)
    t1, t2 = min(t1, t2), max(t1, t2)
    assert business_seconds_between(cal, start, t1) <= business_seconds_between(cal, start, t2)


@settings(deadline=None, max_examples=200)
@given(cal=calendars, a=moments, b=moments, c=moments, s1=amounts, s2=amounts)
def test_additive_over_splits(cal, a, b, c, s1, s2):
    assert business_time_between(cal, a, c) == business_time_between(cal, a, b) + business_time_between(cal, b, c)
    assert business_seconds_between(cal, a, c) == business_seconds_between(cal, a, b) + business_seconds_between(
        cal, b, c)
    step = add_business_seconds(cal, a, s1)
    assert add_business_seconds(cal, step, s2) == add_business_seconds(cal, a, s1 + s2)
