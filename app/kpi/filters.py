"""The dashboard's filter (period, groups, services, priorities, types) and its local-day arithmetic."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import case, func, literal

from core.errors import ValidationError

MAX_SPAN_DAYS = 3660  # ten years: longer periods are refused rather than summed for minutes


@dataclass(frozen=True)
class KpiFilter:
    """A period of whole local days (both ends included) in `tz`, and optional dimension filters
    (empty tuples mean any). Plain, hashable data that travels inside a drill-down value."""

    date_from: date
    date_to: date
    tz: str = "UTC"
    group_ids: tuple[str, ...] = ()
    service_ids: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise ValidationError("The period ends before it starts.", field="date_to")
        if (self.date_to - self.date_from).days > MAX_SPAN_DAYS:
            raise ValidationError("The period is longer than ten years.", field="date_to")
        zone(self.tz)
        for name in ("group_ids", "service_ids", "priorities", "types"):
            object.__setattr__(self, name, tuple(sorted(set(getattr(self, name)))))

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def period_text(self) -> str:
        return f"{self.date_from.isoformat()} – {self.date_to.isoformat()} ({self.days} days, {self.tz})"

    def with_period(self, date_from: date, date_to: date) -> KpiFilter:
        return replace(self, date_from=date_from, date_to=date_to)

    def to_dict(self) -> dict:
        out = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), "tz": self.tz}
        for key, name in (("g", "group_ids"), ("s", "service_ids"), ("p", "priorities"), ("t", "types")):
            if getattr(self, name):
                out[key] = list(getattr(self, name))
        return out

    @classmethod
    def from_dict(cls, data: dict) -> KpiFilter:
        """Raises ValidationError for anything that is not a filter this module wrote."""
        try:
            def strings(key):
                value = data.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(key)
                return tuple(value)

            priorities = data.get("p", [])
            if not isinstance(priorities, list) or not all(type(p) is int for p in priorities):
                raise ValueError("p")
            return cls(date_from=date.fromisoformat(data["from"]), date_to=date.fromisoformat(data["to"]),
                       tz=str(data.get("tz", "UTC")), group_ids=strings("g"), service_ids=strings("s"),
                       priorities=tuple(priorities), types=strings("t"))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ValidationError("This dashboard filter is damaged.") from None

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True)


def zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {tz!r}.", field="tz") from None


def day_start_utc(day: date, tz: str) -> datetime:
    """The UTC instant at which local `day` begins (a midnight skipped by a DST change: the first
    instant of the day that exists)."""
    local = datetime.combine(day, time(0), tzinfo=zone(tz))
    utc = local.astimezone(UTC)
    # In a spring-forward gap at midnight the wall time maps past the gap; both folds land on the same day.
    return min(utc, local.replace(fold=1).astimezone(UTC)) if utc.astimezone(zone(tz)).date() != day \
        else utc


def day_range_utc(first: date, last: date, tz: str) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering the local days first..last."""
    return day_start_utc(first, tz), day_start_utc(last + timedelta(days=1), tz)


class LocalDays:
    """UTC instant -> local date, fast for millions of instants: offsets are cached per quarter hour
    (every zone in use changes its offset on a quarter hour)."""

    def __init__(self, tz: str) -> None:
        self.zone = zone(tz)
        self._offsets: dict[int, int] = {}
        self._dates: dict[int, date] = {}

    def day(self, moment: datetime) -> date:
        seconds = int(moment.replace(tzinfo=UTC).timestamp()) if moment.tzinfo is None \
            else int(moment.timestamp())
        return self.day_of_seconds(seconds)

    def day_of_seconds(self, seconds: int) -> date:
        """The local date of a UTC instant given as whole seconds since the epoch."""
        slot = seconds // 900
        offset = self._offsets.get(slot)
        if offset is None:
            offset = int(datetime.fromtimestamp(slot * 900, self.zone).utcoffset().total_seconds())
            self._offsets[slot] = offset
        ordinal = 719163 + (seconds + offset) // 86400
        day = self._dates.get(ordinal)
        if day is None:
            day = self._dates[ordinal] = date.fromordinal(ordinal)
        return day


def date_x(day: date) -> float:
    """A chart's x for a local date: its midnight as if in UTC, so a date axis shown in UTC prints the
    date itself whatever the machine's or the report's zone."""
    return float((day.toordinal() - 719163) * 86400)


def iso_week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@lru_cache(maxsize=32)
def offset_changes(tz: str, start: datetime, end: datetime) -> tuple[tuple[datetime, int], ...]:
    """The UTC offsets (seconds) of `tz` over [start, end): (from instant, offset), the first from `start`.
    Found by stepping a day at a time and halving to the microsecond where the offset moves (some
    milliseconds a year; cached: the dashboard asks twice per period, and again on every filter change)."""
    z = zone(tz)

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(z).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    out = [(start, offset(start))]
    a = start
    while a < end:
        b = min(a + timedelta(days=1), end)
        if offset(b) != out[-1][1]:
            lo, hi = a, b
            while hi - lo > timedelta(microseconds=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if offset(mid) == out[-1][1] else (lo, mid)
            out.append((hi, offset(hi)))
        a = b
    return tuple(out)


def local_day_sql(column, tz: str, start: datetime, end: datetime):
    """A SQL expression of the local date (ISO text) of a UTC instant column, exact for instants in [start,
    end): the zone's offsets there as a CASE over the instants where they change."""
    changes = offset_changes(tz, start, end)

    def shifted(seconds: int):
        # Whole seconds (floored, as LocalDays does): SQLite's date() rounds to milliseconds, which would
        # move 23:59:59.9999 to the next day.
        return func.date(func.substr(column, 1, 19), literal(f"{seconds:+d} seconds"))

    if len(changes) == 1:
        return shifted(changes[0][1])
    whens = [(column < changes[i + 1][0], shifted(changes[i][1])) for i in range(len(changes) - 1)]
    return case(*whens, else_=shifted(changes[-1][1]))
