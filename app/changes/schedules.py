"""Maintenance and blackout (freeze) windows: recurring (RFC 5545 RRULE) or one-off, expanded to UTC."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from core.errors import ValidationError


class Interval(NamedTuple):
    """A half-open span [start, end) of aware UTC datetimes; touching intervals do not overlap."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Scope:
    """What a window applies to: everything, or the listed CIs and the CIs of the listed services."""

    everything: bool = False
    ci_ids: frozenset[str] = frozenset()
    service_ids: frozenset[str] = frozenset()

    def covers(self, ci_id: str, service_id: str | None = None) -> bool:
        return self.everything or ci_id in self.ci_ids or (service_id is not None and service_id in self.service_ids)


@dataclass(frozen=True)
class ScheduleWindow:
    """A window that opens at `start` local wall time in `tz` and stays open for `duration` of wall time.

    `rrule` is an RFC 5545 RRULE (e.g. "FREQ=WEEKLY;BYDAY=SU") with `start` as DTSTART; None means one-off.
    `start` is naive: it is wall-clock time in `tz`, which is what keeps recurrences right across DST.
    """

    id: str
    name: str
    start: datetime
    duration: timedelta
    tz: str
    scope: Scope = field(default_factory=Scope)
    rrule: str | None = None

    def __post_init__(self) -> None:
        validate_window(self)


@dataclass(frozen=True)
class MaintenanceWindow(ScheduleWindow):
    """When changes to the CIs in scope may be carried out."""


@dataclass(frozen=True)
class BlackoutWindow(ScheduleWindow):
    """A freeze: blocking ones stop scheduling changes in scope, the others only warn."""

    blocking: bool = True


def validate_window(window: ScheduleWindow) -> None:
    """Raise ValidationError for a window that cannot be expanded."""
    if window.start.tzinfo is not None:
        raise ValidationError("Give the window start as local wall time, without a time zone; set the zone "
                              "separately.", field="start")
    if window.duration <= timedelta(0):
        raise ValidationError("A window needs a positive duration.", field="duration")
    _zone(window.tz)
    if window.rrule is not None:
        _rule(window)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone {name!r}.", field="tz") from None


def _rule(window: ScheduleWindow):
    text = window.rrule or ""
    if not text.upper().startswith("RRULE:"):
        text = "RRULE:" + text
    try:
        return rrulestr(text, dtstart=window.start)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"Cannot read the recurrence {window.rrule!r}: {exc}", field="rrule") from None


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    # fold=0: an ambiguous wall time (autumn) means its first occurrence; a missing one (spring) is read
    # with the offset from before the jump, so 02:30 on the March night in Berlin is 03:30 summer time
    # (01:30 UTC): as far after the jump as it was after 02:00. A window starting at 02:00 opens at the jump.
    return local.replace(tzinfo=zone).astimezone(UTC)


def expand(window: ScheduleWindow, range_start: datetime, range_end: datetime) -> list[Interval]:
    """The occurrences of `window` that overlap [range_start, range_end), as UTC intervals, sorted.

    Occurrences are generated in local wall time and each start and end converted on its own, so a
    weekly 02:00-04:00 window stays 02:00-04:00 on the clock across DST changes (and is an hour shorter
    or longer in real time on those nights). Cost: proportional to the occurrences in the range.
    """
    if range_start.tzinfo is None or range_end.tzinfo is None:
        raise ValueError("expand() needs aware range bounds")
    zone = _zone(window.tz)
    if window.rrule is None:
        starts = [window.start]
    else:
        # Widen by the duration plus a day so local/UTC offsets and long windows cannot drop an occurrence.
        margin = window.duration + timedelta(days=1)
        lo = range_start.astimezone(zone).replace(tzinfo=None) - margin
        hi = range_end.astimezone(zone).replace(tzinfo=None) + timedelta(days=1)
        starts = _rule(window).between(lo, hi, inc=True)
    out = []
    for local in starts:
        iv = Interval(_to_utc(local, zone), _to_utc(local + window.duration, zone))
        if iv.start < range_end and range_start < iv.end:
            out.append(iv)
    return out
