"""Layout maths of the change calendar: ranges and navigation, month buckets, day columns, swimlanes,
drag snapping across DST, the filter and window bands."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.changes.calendar import (
    TIMELINE_SPANS,
    CalendarFilter,
    CalendarItem,
    LaneOffsets,
    align_hour,
    day_columns,
    dragged_times,
    filtered,
    local_midnight,
    month_buckets,
    snap,
    step_anchor,
    step_timeline,
    swimlanes,
    timeline_hours,
    visible_range,
    window_bands,
)
from app.changes.schedules import BlackoutWindow, MaintenanceWindow, Scope

BERLIN = ZoneInfo("Europe/Berlin")
H = timedelta(hours=1)


def item(cid, start, hours=1.0, **kw) -> CalendarItem:
    fields = dict(number=cid.upper(), title="Patch " + cid, change_type="normal", risk="low", state="scheduled")
    fields.update(kw)
    return CalendarItem(id=cid, start=start, end=start + timedelta(hours=hours), **fields)


def test_month_range_is_six_weeks_from_monday():
    rng = visible_range("month", date(2026, 11, 21), UTC)
    assert rng.first_day == date(2026, 10, 26) and rng.first_day.weekday() == 0
    assert rng.days == 42
    assert rng.start == datetime(2026, 10, 26, tzinfo=UTC) and rng.end == datetime(2026, 12, 7, tzinfo=UTC)


def test_week_and_day_ranges_follow_the_local_zone_across_dst():
    week = visible_range("week", date(2026, 10, 28), BERLIN)  # the week after the autumn change
    assert week.first_day == date(2026, 10, 26)
    day = visible_range("day", date(2026, 10, 25), BERLIN)  # a 25-hour day
    assert day.end - day.start == timedelta(hours=25)
    assert day.start == datetime(2026, 10, 24, 22, tzinfo=UTC)


def test_timeline_range_follows_zoom():
    rng = visible_range("timeline", date(2026, 11, 23), UTC, zoom=0)
    assert rng.end - rng.start == TIMELINE_SPANS[0]
    rng = visible_range("timeline", date(2026, 11, 23), UTC, zoom=99)
    assert rng.end - rng.start == TIMELINE_SPANS[-1]


@pytest.mark.parametrize("view,anchor,direction,expected", [
    ("month", date(2026, 12, 15), 1, date(2027, 1, 1)),
    ("month", date(2026, 1, 31), -1, date(2025, 12, 1)),
    ("week", date(2026, 11, 21), -1, date(2026, 11, 14)),
    ("day", date(2026, 11, 30), 1, date(2026, 12, 1)),
])
def test_previous_and_next(view, anchor, direction, expected):
    assert step_anchor(view, anchor, direction) == expected


def test_month_buckets_put_a_change_over_midnight_on_both_days_and_an_end_at_midnight_on_one():
    first = date(2026, 11, 23)
    late = item("a", datetime(2026, 11, 23, 22, tzinfo=UTC), hours=4)
    to_midnight = item("b", datetime(2026, 11, 24, 22, tzinfo=UTC), hours=2)
    outside = item("c", datetime(2026, 11, 10, tzinfo=UTC))
    buckets = month_buckets([late, to_midnight, outside], first, 7, UTC)
    assert [[it.id for it in b] for b in buckets[:3]] == [["a"], ["a", "b"], []]


def test_day_columns_share_width_only_within_an_overlapping_cluster():
    d0 = datetime(2026, 11, 23, tzinfo=UTC)
    a = item("a", d0 + 9 * H, 2)
    b = item("b", d0 + 10 * H, 2)
    c = item("c", d0 + 11 * H, 1)  # starts when a ends: reuses a's column
    d = item("d", d0 + 15 * H, 1)  # alone
    placed = {p.item.id: (p.column, p.columns) for p in day_columns([d, c, b, a], d0, d0 + 24 * H)}
    assert placed == {"a": (0, 2), "b": (1, 2), "c": (0, 2), "d": (0, 1)}


def test_day_columns_clip_to_the_day():
    d0 = datetime(2026, 11, 23, tzinfo=UTC)
    (p,) = day_columns([item("a", d0 - 2 * H, 4)], d0, d0 + 24 * H)
    assert p.start == d0 and p.end == d0 + 2 * H


def test_swimlanes_by_ci_pack_rows_and_put_the_none_lane_last():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    a = item("a", t, 2, ci_ids=("db", "web"), ci_names=("db-01", "web-01"))
    b = item("b", t + H, 2, ci_ids=("db",), ci_names=("db-01",))
    c = item("c", t + 3 * H, 1, ci_ids=("db",), ci_names=("db-01",))
    d = item("d", t, 1)
    lanes = swimlanes([a, b, c, d], "ci", "(none)")
    assert [ln.label for ln in lanes] == ["db-01", "web-01", "(none)"]
    assert [[it.id for it in row] for row in lanes[0].rows] == [["a", "c"], ["b"]]
    by_assignee = swimlanes([a, item("e", t, assignee_id="p1", assignee_name="Ada")], "assignee", "(none)")
    assert [ln.label for ln in by_assignee] == ["Ada", "(none)"]


def test_lane_offsets_find_the_first_visible_lane():
    offsets = LaneOffsets.of([30, 30, 60, 30])
    assert offsets.total == 150
    assert [offsets.first_visible(y) for y in (0, 29, 30, 100, 125)] == [0, 0, 1, 2, 3]


def test_snap_rounds_local_wall_time_to_quarter_hours_and_days():
    assert snap(datetime(2026, 11, 23, 10, 7, tzinfo=UTC), timedelta(minutes=15), UTC) == datetime(
        2026, 11, 23, 10, 0, tzinfo=UTC)
    assert snap(datetime(2026, 11, 23, 10, 8, tzinfo=UTC), timedelta(minutes=15), UTC) == datetime(
        2026, 11, 23, 10, 15, tzinfo=UTC)
    # Berlin is UTC+1 in November: local midnight is 23:00 UTC the day before.
    assert snap(datetime(2026, 11, 23, 10, 0, tzinfo=UTC), timedelta(days=1), BERLIN) == datetime(
        2026, 11, 22, 23, 0, tzinfo=UTC)


def test_dragged_times_move_keeps_duration_and_resize_keeps_one_step():
    s = datetime(2026, 11, 23, 10, tzinfo=UTC)
    e = s + 2 * H
    step = timedelta(minutes=15)
    assert dragged_times("move", s, e, timedelta(minutes=52), step, UTC) == (s + timedelta(minutes=45),
                                                                           e + timedelta(minutes=45))
    assert dragged_times("end", s, e, -5 * H, step, UTC) == (s, s + step)
    assert dragged_times("start", s, e, -H, step, UTC) == (s - H, e)
    assert dragged_times("start", s, e, 9 * H, step, UTC) == (e - step, e)


def test_whole_day_move_keeps_the_local_time_of_day_across_dst():
    s = datetime(2026, 10, 24, 8, tzinfo=UTC)  # 10:00 in Berlin, summer time
    new_start, new_end = dragged_times("move", s, s + H, timedelta(days=2, hours=3), timedelta(days=1), BERLIN)
    assert new_start.astimezone(BERLIN).hour == 10 and new_start.astimezone(BERLIN).day == 26
    assert new_end - new_start == H


def test_filter_by_risk_type_state_and_text():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    a = item("a", t, risk="high", change_type="emergency", ci_names=("db-01",))
    b = item("b", t, risk="low", state="closed", assignee_name="Ada Agent")
    items = [a, b]
    assert [i.id for i in filtered(items, CalendarFilter(risks=frozenset({"high"})), t, t + H)] == ["a"]
    assert [i.id for i in filtered(items, CalendarFilter(types=frozenset({"normal"})), t, t + H)] == ["b"]
    assert [i.id for i in filtered(items, CalendarFilter(states=frozenset({"closed"})), t, t + H)] == ["b"]
    assert [i.id for i in filtered(items, CalendarFilter(text="DB-0"), t, t + H)] == ["a"]
    assert [i.id for i in filtered(items, CalendarFilter(text="ada"), t, t + H)] == ["b"]
    assert filtered(items, CalendarFilter(), t + H, t + 2 * H) == []


def test_window_bands_expand_recurring_windows_in_the_range():
    nightly = MaintenanceWindow("mw", "Nightly", datetime(2026, 11, 1, 22), 2 * H, "UTC",
                                Scope(service_ids=frozenset({"sv"})), rrule="FREQ=DAILY")
    freeze = BlackoutWindow("bo", "Freeze", datetime(2026, 11, 25, 0), 24 * H, "UTC", Scope(everything=True))
    start = local_midnight(date(2026, 11, 23), UTC)
    bands = window_bands([nightly], [freeze], start, start + timedelta(days=3))
    assert [(b.kind, b.start.day) for b in bands] == [("maintenance", 23), ("maintenance", 24),
                                                      ("maintenance", 25), ("blackout", 25)]
    assert bands[0].covers("ci", "sv") and not bands[0].covers("ci", "other")
    assert bands[-1].blocking and bands[-1].covers("anything", None)


def test_hour_zooms_step_through_the_day_and_across_midnight():
    zoom = 0  # six hours
    assert timeline_hours(zoom) == 6 and timeline_hours(3) == 0
    assert step_timeline(date(2026, 11, 23), 18, 1, zoom) == (date(2026, 11, 24), 0)
    assert step_timeline(date(2026, 11, 23), 0, -1, zoom) == (date(2026, 11, 22), 18)
    assert step_timeline(date(2026, 11, 23), 0, 1, 3) == (date(2026, 11, 26), 0)
    assert align_hour(14, zoom) == 12 and align_hour(14, 3) == 0
    rng = visible_range("timeline", date(2026, 11, 23), BERLIN, zoom=0, hour=6)
    assert rng.start == datetime(2026, 11, 23, 5, tzinfo=UTC) and rng.end - rng.start == timedelta(hours=6)
