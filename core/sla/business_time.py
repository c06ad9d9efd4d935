"""Business hours: a weekly calendar in one IANA time zone with holidays, and exact business-time arithmetic."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.errors import ValidationError

DAY_SECONDS = 86_400
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_MAX_EMPTY_YEARS = 10  # a calendar whose holidays swallow this many whole years has no business time to add

Interval = tuple[int, int]  # seconds after local midnight (wall clock), end exclusive; 86400 is 24:00


class _Year(NamedTuple):
    """One local calendar year, built once per calendar: each day's business intervals as UTC
    microseconds since the epoch, and prefix sums of business microseconds (prefix[i] = days before i)."""

    first_ordinal: int
    days: list[tuple[Interval, ...]]
    prefix: list[int]


def _wall_seconds(value: str | time, *, is_end: bool) -> int:
    """Seconds after midnight of "HH:MM", "HH:MM:SS" (up to "24:00") or a naive time; an end of 00:00
    means the midnight that ends the day."""
    if isinstance(value, time):
        if value.tzinfo is not None:
            raise ValidationError("Business hours are local wall times without a time zone.")
        seconds = value.hour * 3600 + value.minute * 60 + value.second
    else:
        parts = str(value).strip().split(":")
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) not in (2, 3) or not (0 <= numbers[1] < 60 and (len(numbers) == 2 or 0 <= numbers[2] < 60)):
            raise ValidationError(f"{value!r} is not a time of day like 09:00.")
        seconds = numbers[0] * 3600 + numbers[1] * 60 + (numbers[2] if len(numbers) == 3 else 0)
    if is_end and seconds == 0:
        seconds = DAY_SECONDS
    if not 0 <= seconds <= DAY_SECONDS:
        raise ValidationError(f"{value!r} is not a time of day like 09:00.")
    return seconds


def _require_aware(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime given for {name}; business time needs timezone-aware UTC datetimes")
    return moment


def _to_us(moment: datetime) -> int:
    return (moment - _EPOCH) // _US


def _from_us(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def _midnight_offset(zone: ZoneInfo, day: date) -> timedelta:
    """The UTC offset at the local midnight that starts `day`."""
    offset = datetime(day.year, day.month, day.day, tzinfo=zone).utcoffset()
    assert offset is not None  # a ZoneInfo always answers; only a naive datetime has no offset
    return offset


def _wall_to_us(zone: ZoneInfo, wall: datetime) -> int:
    """UTC microseconds of a naive local wall time. A repeated wall time (autumn) means its first
    occurrence; a wall time that does not exist (spring gap) means the instant of the change, so the
    missing hour counts as no time at all."""
    aware = wall.replace(tzinfo=zone)
    first, second = _to_us(aware), _to_us(aware.replace(fold=1))
    if second >= first:  # unique (equal) or repeated (fold=1 is the later occurrence)
        return first
    # In a gap fold=1 lands before the change and fold=0 after it: bisect for the change, in whole
    # seconds (zones change offset on whole seconds).
    before = aware.utcoffset()  # fold=0 in a gap uses the offset from before the change
    lo, hi = second // 1_000_000, first // 1_000_000
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _from_us(mid * 1_000_000).astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi * 1_000_000


@dataclass(frozen=True)
class BusinessCalendar:
    """When the clock runs: per weekday (0 = Monday) a tuple of (start, end) local wall-clock intervals in
    seconds after midnight, in the IANA zone `tz`, minus whole local `holidays`.

    Immutable and safe to share between threads. Per local year it caches a table of the year's
    business intervals in UTC (built on first use, about a millisecond); after that every
    calculation costs O(years spanned), whatever the span inside them.
    """

    tz: str
    week: tuple[tuple[Interval, ...], ...]
    holidays: frozenset[date] = frozenset()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _years: dict[int, _Year] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"Unknown time zone {self.tz!r}.", field="tz") from None
        object.__setattr__(self, "_zone", zone)
        if len(self.week) != 7:
            raise ValidationError("Business hours need an entry for each of the 7 weekdays.", field="week")
        week = tuple(tuple(sorted((int(s), int(e)) for s, e in day)) for day in self.week)
        for name, day in zip(WEEKDAY_NAMES, week, strict=True):
            for (s, e), following in zip(day, day[1:] + ((DAY_SECONDS, DAY_SECONDS),), strict=False):
                if not 0 <= s < e <= DAY_SECONDS:
                    raise ValidationError(f"Business hours on {name} must start before they end.", field="week")
                if e > following[0]:
                    raise ValidationError(f"Business hours on {name} overlap.", field="week")
        if not any(week):
            raise ValidationError("Business hours need at least one working interval in the week.", field="week")
        object.__setattr__(self, "week", week)
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    # Constructors -------------------------------------------------------------------------------

    @classmethod
    def from_hours(cls, tz: str, hours: Mapping[int, Iterable[tuple[str | time, str | time]]],
                   holidays: Iterable[date] = ()) -> BusinessCalendar:
        """hours maps a weekday (0 = Monday) to its intervals, e.g. {0: [("08:00", "12:00"), ("13:00", "17:00")]}.
        Missing weekdays are closed. An interval cannot cross midnight: split it over two days."""
        week: list[list[Interval]] = [[] for _ in range(7)]
        for weekday, intervals in hours.items():
            if weekday not in range(7):
                raise ValidationError(f"Weekday {weekday!r} is not 0 (Monday) to 6 (Sunday).", field="week")
            week[weekday] = [(_wall_seconds(s, is_end=False), _wall_seconds(e, is_end=True)) for s, e in intervals]
        return cls(tz=tz, week=tuple(tuple(day) for day in week), holidays=frozenset(holidays))

    @classmethod
    def office_hours(cls, tz: str, start: str | time = "09:00", end: str | time = "17:00", *,
                     weekdays: Iterable[int] = range(5), holidays: Iterable[date] = ()) -> BusinessCalendar:
        """The same single interval on each of `weekdays` (Monday to Friday by default)."""
        return cls.from_hours(tz, {d: [(start, end)] for d in weekdays}, holidays)

    @classmethod
    def always(cls, tz: str = "UTC", holidays: Iterable[date] = ()) -> BusinessCalendar:
        """24x7 (minus holidays, if any): local days of 23 or 25 hours count as such."""
        return cls.from_hours(tz, {d: [("00:00", "24:00")] for d in range(7)}, holidays)

    # Tables -------------------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            table = self._years.setdefault(year, self._build_year(year))
        return table

    def _build_year(self, year: int) -> _Year:
        zone, week, holidays = self._zone, self.week, self.holidays
        first = date(year, 1, 1)
        n_days = (date(year + 1, 1, 1) - first).days
        epoch_ordinal = _EPOCH.date().toordinal()
        days: list[tuple[Interval, ...]] = []
        prefix = [0]
        offset_next = _midnight_offset(zone, first)
        for i in range(n_days):
            day = first + timedelta(days=i)
            offset = offset_next
            offset_next = _midnight_offset(zone, day + timedelta(days=1))
            hours = week[day.weekday()]
            if not hours or day in holidays:
                days.append(())
                prefix.append(prefix[-1])
                continue
            if offset == offset_next:
                # No change of offset between this midnight and the next: wall time is UTC plus a constant.
                base = (day.toordinal() - epoch_ordinal) * DAY_SECONDS - int(offset.total_seconds())
                utc = tuple(((base + s) * 1_000_000, (base + e) * 1_000_000) for s, e in hours)
            else:
                midnight = datetime(day.year, day.month, day.day)
                utc = tuple((_wall_to_us(zone, midnight + timedelta(seconds=s)),
                             _wall_to_us(zone, midnight + timedelta(seconds=e))) for s, e in hours)
                utc = tuple((s, max(s, e)) for s, e in utc)
            days.append(utc)
            prefix.append(prefix[-1] + sum(e - s for s, e in utc))
        return _Year(first.toordinal(), days, prefix)

    def _position(self, moment: datetime) -> tuple[int, int]:
        """(local year, business microseconds from the start of that local year up to `moment`)."""
        local_day = moment.astimezone(self._zone).date()
        table = self._year(local_day.year)
        i = local_day.toordinal() - table.first_ordinal
        us = _to_us(moment)
        acc = table.prefix[i]
        for s, e in table.days[i]:
            if us <= s:
                break
            acc += min(us, e) - s
        return local_day.year, acc

    def is_business_time(self, moment: datetime) -> bool:
        """Whether the clock runs at `moment` (interval starts count, ends do not)."""
        _require_aware(moment, "moment")
        local_day = moment.astimezone(self._zone).date()
        table = self._year(local_day.year)
        us = _to_us(moment)
        return any(s <= us < e for s, e in table.days[local_day.toordinal() - table.first_ordinal])


def business_time_between(cal: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    """Exact business time from `start` to `end` (aware datetimes); negative when end is before start."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end < start:
        return -business_time_between(cal, end, start)
    year_a, pos_a = cal._position(start)
    year_b, pos_b = cal._position(end)
    total = pos_b - pos_a + sum(cal._year(y).prefix[-1] for y in range(year_a, year_b))
    return timedelta(microseconds=total)


def business_seconds_between(cal: BusinessCalendar, start_utc: datetime, end_utc: datetime) -> int:
    """Whole business seconds from start to end (truncated toward zero; negative when end < start)."""
    us = business_time_between(cal, start_utc, end_utc) // _US
    return us // 1_000_000 if us >= 0 else -(-us // 1_000_000)


def add_business_time(cal: BusinessCalendar, start: datetime, amount: timedelta) -> datetime:
    """The earliest UTC instant at which `amount` of business time has passed since `start`.

    A zero amount returns `start` itself (in UTC). A positive amount always ends inside business
    hours or at the end of an interval: 1 hour from Friday 16:00 in 09:00-17:00 is Friday 17:00, not
    Monday 09:00. So it inverts business_time_between for every end that lies inside business hours
    or at the end of an interval. Raises ValueError for a negative amount or a naive start.
    """
    _require_aware(start, "start")
    us = amount // _US
    if us < 0:
        raise ValueError("cannot add a negative business time")
    if us == 0:
        return start.astimezone(UTC)
    year, pos = cal._position(start)
    target = pos + us
    empty_years = 0
    while True:
        table = cal._year(year)
        if target <= table.prefix[-1]:
            break
        empty_years = empty_years + 1 if table.prefix[-1] == 0 else 0
        if empty_years > _MAX_EMPTY_YEARS:
            raise ValueError("the calendar has no business time left to add")
        target -= table.prefix[-1]
        year += 1
    i = bisect.bisect_left(table.prefix, target) - 1  # prefix[i] < target <= prefix[i + 1]
    remaining = target - table.prefix[i]
    for s, e in table.days[i]:
        if remaining <= e - s:
            return _from_us(s + remaining)
        remaining -= e - s
    raise AssertionError("business time tables are inconsistent")  # pragma: no cover


def add_business_seconds(cal: BusinessCalendar, start_utc: datetime, seconds: int | float) -> datetime:
    """The due time: `seconds` of business time after `start_utc` (see add_business_time)."""
    return add_business_time(cal, start_utc, timedelta(seconds=seconds))
