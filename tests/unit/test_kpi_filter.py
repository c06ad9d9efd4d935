"""The dashboard filter: local days across daylight-saving changes, presets, and damaged values."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from app.kpi.dashboard import preset_range
from app.kpi.filters import KpiFilter, LocalDays, day_range_utc, local_day_sql, offset_changes
from core.errors import ValidationError
from core.schema import UtcDateTime


def test_local_days_follow_the_zone_across_both_changes():
    spring = day_range_utc(date(2026, 3, 29), date(2026, 3, 29), "Europe/Berlin")
    assert spring == (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 29, 22, tzinfo=UTC))
    autumn = day_range_utc(date(2026, 10, 25), date(2026, 10, 25), "Europe/Berlin")
    assert (autumn[1] - autumn[0]).total_seconds() == 25 * 3600
    days = LocalDays("Europe/Berlin")
    assert days.day(datetime(2026, 3, 29, 21, 59, 59, tzinfo=UTC)) == date(2026, 3, 29)
    assert days.day(datetime(2026, 3, 29, 22, 0, 0, tzinfo=UTC)) == date(2026, 3, 30)
    assert days.day(datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC)) == date(2026, 10, 25)


def test_presets_are_whole_days_ending_today():
    today = date(2026, 5, 20)
    assert preset_range("7d", today) == (date(2026, 5, 14), today)
    assert preset_range("last_month", today) == (date(2026, 4, 1), date(2026, 4, 30))
    assert preset_range("this_quarter", today) == (date(2026, 4, 1), today)
    assert preset_range("ytd", today) == (date(2026, 1, 1), today)
    assert preset_range("custom", today, (date(2025, 1, 1), date(2025, 2, 1))) == (date(2025, 1, 1), date(2025, 2, 1))


def test_a_filter_round_trips_and_refuses_nonsense():
    flt = KpiFilter(date(2026, 1, 1), date(2026, 1, 31), "Europe/Berlin", group_ids=("g2", "g1"), priorities=(3, 1))
    assert flt.group_ids == ("g1", "g2")
    assert KpiFilter.from_dict(flt.to_dict()) == flt
    with pytest.raises(ValidationError):
        KpiFilter(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(ValidationError):
        KpiFilter(date(2026, 1, 1), date(2026, 1, 2), tz="Mars/Olympus")
    for bad in ({}, {"from": "2026-13-01", "to": "2026-01-01"}, {"from": "2026-01-01", "to": "2026-01-02", "p": ["1"]}):
        with pytest.raises(ValidationError):
            KpiFilter.from_dict(bad)


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/Santiago", "Asia/Kolkata", "UTC"])
def test_local_day_in_sql_equals_local_days_across_offset_changes(tz):
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UtcDateTime))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    start, end = day_range_utc(date(2025, 1, 1), date(2026, 12, 31), tz)
    moments = [start + timedelta(minutes=37 * i) for i in range(int((end - start).total_seconds() // 2220))]
    changes = offset_changes(tz, start, end)
    assert len(changes) == (1 if tz in ("UTC", "Asia/Kolkata") else 5)  # two summers: four changes
    moments += [m + timedelta(microseconds=d) for m, _ in changes[1:] for d in (-1, 0, 1)]
    with engine.begin() as conn:
        conn.execute(insert(table), [{"id": i, "at": m} for i, m in enumerate(moments)])
        got = dict(conn.execute(select(table.c.id, local_day_sql(table.c.at, tz, start, end))).all())
    days = LocalDays(tz)
    assert all(got[i] == days.day(m).isoformat() for i, m in enumerate(moments))
