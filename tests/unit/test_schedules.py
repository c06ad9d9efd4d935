"""Maintenance and blackout windows: RRULE expansion exact across both DST changes, one-offs, scopes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.changes.schedules import BlackoutWindow, Interval, MaintenanceWindow, Scope, expand
from core.errors import ValidationError


def _utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _sunday_night(tz="Europe/Berlin", start=datetime(2026, 1, 4, 2, 0)) -> MaintenanceWindow:
    return MaintenanceWindow("mw", "Sunday night", start, timedelta(hours=2), tz, rrule="FREQ=WEEKLY;BYDAY=SU")


def test_weekly_window_over_the_march_change_night_is_exact():
    got = expand(_sunday_night(), _utc(2026, 3, 21), _utc(2026, 4, 6))
    assert got == [
        Interval(_utc(2026, 3, 22, 1), _utc(2026, 3, 22, 3)),  # CET: 02:00-04:00 = 01:00-03:00 UTC
        # 02:00 does not exist that night; the window opens when the clocks jump (03:00 CEST) and
        # closes at 04:00 CEST: one real hour.
        Interval(_utc(2026, 3, 29, 1), _utc(2026, 3, 29, 2)),
        Interval(_utc(2026, 4, 5, 0), _utc(2026, 4, 5, 2)),  # CEST: 02:00-04:00 = 00:00-02:00 UTC
    ]


def test_weekly_window_over_the_october_change_night_is_exact():
    got = expand(_sunday_night(), _utc(2026, 10, 17), _utc(2026, 11, 2))
    assert got == [
        Interval(_utc(2026, 10, 18, 0), _utc(2026, 10, 18, 2)),
        # 02:00 happens twice; the window opens at the first (CEST) and closes at 04:00 CET: three hours.
        Interval(_utc(2026, 10, 25, 0), _utc(2026, 10, 25, 3)),
        Interval(_utc(2026, 11, 1, 1), _utc(2026, 11, 1, 3)),
    ]


def test_daily_window_keeps_its_wall_clock_time_across_dst():
    w = MaintenanceWindow("d", "Daily", datetime(2026, 3, 1, 9, 30), timedelta(minutes=30), "Europe/Berlin",
                          rrule="FREQ=DAILY")
    got = expand(w, _utc(2026, 3, 28), _utc(2026, 3, 31))
    assert [iv.start for iv in got] == [_utc(2026, 3, 28, 8, 30), _utc(2026, 3, 29, 7, 30), _utc(2026, 3, 30, 7, 30)]
    assert all(iv.end - iv.start == timedelta(minutes=30) for iv in got)


def test_new_york_changes_on_its_own_dates():
    w = _sunday_night("America/New_York")
    got = expand(w, _utc(2026, 3, 1), _utc(2026, 3, 16))
    assert got == [
        Interval(_utc(2026, 3, 1, 7), _utc(2026, 3, 1, 9)),  # EST
        Interval(_utc(2026, 3, 8, 7), _utc(2026, 3, 8, 8)),  # gap night: opens at 03:00 EDT
        Interval(_utc(2026, 3, 15, 6), _utc(2026, 3, 15, 8)),  # EDT
    ]


def test_range_is_half_open_and_catches_occurrences_that_started_before_it():
    w = _sunday_night()
    occurrence = Interval(_utc(2026, 4, 5, 0), _utc(2026, 4, 5, 2))
    assert expand(w, _utc(2026, 4, 5, 1), _utc(2026, 4, 5, 1, 1)) == [occurrence]
    assert expand(w, _utc(2026, 4, 5, 2), _utc(2026, 4, 11)) == []  # touches the end only
    assert expand(w, _utc(2026, 4, 4), _utc(2026, 4, 5, 0)) == []  # touches the start only


def test_rrule_prefix_count_and_until_are_honoured():
    w = MaintenanceWindow("c", "Three", datetime(2026, 5, 1, 22), timedelta(hours=1), "UTC",
                          rrule="RRULE:FREQ=DAILY;COUNT=3")
    assert len(expand(w, _utc(2026, 1, 1), _utc(2027, 1, 1))) == 3
    w = MaintenanceWindow("u", "Until", datetime(2026, 5, 1, 22), timedelta(hours=1), "Europe/Berlin",
                          rrule="FREQ=WEEKLY;UNTIL=20260520T000000")
    assert len(expand(w, _utc(2026, 1, 1), _utc(2027, 1, 1))) == 3


def test_one_off_window():
    w = BlackoutWindow("bo", "Year-end freeze", datetime(2026, 12, 20), timedelta(days=14), "Europe/Berlin",
                       Scope(everything=True))
    whole = Interval(_utc(2026, 12, 19, 23), _utc(2027, 1, 2, 23))
    assert expand(w, _utc(2026, 12, 1), _utc(2027, 2, 1)) == [whole]
    assert expand(w, _utc(2027, 1, 1), _utc(2027, 1, 2)) == [whole]
    assert expand(w, _utc(2027, 1, 2, 23), _utc(2027, 2, 1)) == []
    assert w.blocking


def test_scope():
    assert Scope(everything=True).covers("any")
    s = Scope(ci_ids=frozenset({"ci1"}), service_ids=frozenset({"sv1"}))
    assert s.covers("ci1") and s.covers("ci9", "sv1")
    assert not s.covers("ci9") and not s.covers("ci9", "sv2")
    assert not Scope().covers("ci1", "sv1")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"start": datetime(2026, 1, 1, tzinfo=UTC)}, "start"),
    ({"duration": timedelta(0)}, "duration"),
    ({"tz": "Mars/Olympus"}, "tz"),
    ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
])
def test_invalid_windows_are_refused(kwargs, field):
    args = {"id": "w", "name": "W", "start": datetime(2026, 1, 1), "duration": timedelta(hours=1),
            "tz": "Europe/Berlin", **kwargs}
    with pytest.raises(ValidationError) as err:
        MaintenanceWindow(**args)
    assert err.value.field == field


def test_naive_range_is_refused():
    with pytest.raises(ValueError):
        expand(_sunday_night(), datetime(2026, 1, 1), datetime(2026, 2, 1))


def test_a_wall_time_inside_the_spring_gap_keeps_its_distance_from_the_jump():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.changes.schedules import _to_utc

    berlin = ZoneInfo("Europe/Berlin")
    assert _to_utc(datetime(2026, 3, 29, 2, 0), berlin) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert _to_utc(datetime(2026, 3, 29, 2, 30), berlin) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
