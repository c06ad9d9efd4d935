"""Layout maths of the change calendar (no Qt)."""
# What it covers: visible ranges, navigation, month-cell buckets, overlapping-event columns, swimlanes, drag snapping
# and the filter.
#
# Everything here is pure and cheap to test. Times in are aware UTC; the calendar lays them out in a
# display zone (`tz`, a tzinfo that knows DST, such as ZoneInfo or dateutil's tzlocal()).

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

VIEWS = ("month", "week", "day", "timeline")
LANE_KINDS = ("ci", "group", "assignee")

# Timeline zoom: how much time the width shows, from six hours to a quarter.
TIMELINE_SPANS = (timedelta(hours=6), timedelta(hours=12), timedelta(days=1), timedelta(days=3),
                  timedelta(days=7), timedelta(days=14), timedelta(days=31), timedelta(days=91))
DEFAULT_TIMELINE_ZOOM = 3  # three days

SNAP_MINUTES = 15
_UNASSIGNED = ""


@dataclass(frozen=True)
class VisibleRange:
    """What a view shows: [start, end) in UTC, and the local days it covers (for grids)."""

    start: datetime
    end: datetime
    first_day: date
    days: int


def local_zone() -> tzinfo:
    """The desktop's time zone as a ZoneInfo when it can be named (TZ, /etc/localtime): far faster to
    convert with than dateutil's tzlocal(), which is the fallback (e.g. on Windows)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    from dateutil.tz import tzlocal
    return tzlocal()


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """The UTC instant at which `day` starts in `tz` (correct on DST days)."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def local_day(dt: datetime, tz: tzinfo) -> date:
    return dt.astimezone(tz).date()


def visible_range(view: str, anchor: date, tz: tzinfo, zoom: int = DEFAULT_TIMELINE_ZOOM, hour: int = 0,
                  ) -> VisibleRange:
    """The range a view shows around `anchor`: a month grid of six whole weeks from Monday, the week
    (Monday to Sunday), the day, or the timeline span starting at `hour` (local) of the anchor day."""
    if view == "month":
        first = anchor.replace(day=1)
        first_day = first - timedelta(days=first.weekday())
        days = 42
    elif view == "week":
        first_day = anchor - timedelta(days=anchor.weekday())
        days = 7
    elif view == "day":
        first_day, days = anchor, 1
    elif view == "timeline":
        span = TIMELINE_SPANS[clamp_zoom(zoom)]
        start = datetime.combine(anchor, time(hour), tzinfo=tz).astimezone(UTC)
        return VisibleRange(start, start + span, anchor, max(1, -(-span // timedelta(days=1))))
    else:
        raise ValueError(f"unknown calendar view {view!r}")
    return VisibleRange(local_midnight(first_day, tz), local_midnight(first_day + timedelta(days=days), tz),
                        first_day, days)


def clamp_zoom(zoom: int) -> int:
    return max(0, min(len(TIMELINE_SPANS) - 1, zoom))


def step_anchor(view: str, anchor: date, direction: int, zoom: int = DEFAULT_TIMELINE_ZOOM) -> date:
    """The anchor after Previous (-1) or Next (+1): a month, a week, a day, or (timeline of a day or
    more) one span. Sub-day timeline zooms step with step_timeline."""
    if view == "month":
        month = anchor.month - 1 + direction
        year = anchor.year + month // 12
        month = month % 12 + 1
        return date(year, month, 1)
    if view == "week":
        return anchor + timedelta(days=7 * direction)
    if view == "day":
        return anchor + timedelta(days=direction)
    span = TIMELINE_SPANS[clamp_zoom(zoom)]
    return anchor + timedelta(days=max(1, span.days) * direction)


def timeline_hours(zoom: int) -> int:
    """The span of a sub-day timeline zoom in whole hours; 0 for a day or more."""
    span = TIMELINE_SPANS[clamp_zoom(zoom)]
    return 0 if span >= timedelta(days=1) else int(span // timedelta(hours=1))


def step_timeline(anchor: date, hour: int, direction: int, zoom: int) -> tuple[date, int]:
    """(anchor, hour) after Previous/Next on the timeline: by the span, across midnight for hour zooms."""
    hours = timeline_hours(zoom)
    if not hours:
        return step_anchor("timeline", anchor, direction, zoom), 0
    total = hour + direction * hours
    return anchor + timedelta(days=total // 24), total % 24


def align_hour(hour: int, zoom: int) -> int:
    """The start hour of the sub-day span holding `hour` (0 for zooms of a day or more)."""
    hours = timeline_hours(zoom)
    return hour // hours * hours if hours else 0


# -- items --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarItem:
    """One change as the calendar draws it. `start`/`end` aware UTC."""

    id: str
    number: str
    title: str
    change_type: str
    risk: str
    state: str
    start: datetime
    end: datetime
    group_id: str | None = None
    group_name: str = ""
    assignee_id: str | None = None
    assignee_name: str = ""
    ci_ids: tuple[str, ...] = ()
    ci_names: tuple[str, ...] = ()
    updated_at: datetime | None = None

    def moved(self, start: datetime, end: datetime) -> CalendarItem:
        from dataclasses import replace
        return replace(self, start=start, end=end)


@dataclass(frozen=True)
class CalendarFilter:
    """Which changes are drawn; empty sets mean 'all'. Text matches number, title, CIs, people."""

    risks: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.risks or self.types or self.states or self.text.strip())

    def matches(self, item: CalendarItem) -> bool:
        if self.risks and item.risk not in self.risks:
            return False
        if self.types and item.change_type not in self.types:
            return False
        if self.states and item.state not in self.states:
            return False
        needle = self.text.strip().casefold()
        if needle:
            hay = " ".join((item.number, item.title, item.group_name, item.assignee_name, *item.ci_names))
            return needle in hay.casefold()
        return True


def filtered(items: Iterable[CalendarItem], flt: CalendarFilter, start: datetime, end: datetime,
             ) -> list[CalendarItem]:
    """Items overlapping [start, end) that pass the filter, sorted by start then number."""
    out = [it for it in items if it.start < end and it.end > start and flt.matches(it)]
    out.sort(key=lambda it: (it.start, it.number))
    return out


# -- month --------------------------------------------------------------------------------------------

def month_buckets(items: Sequence[CalendarItem], first_day: date, days: int, tz: tzinfo,
                  ) -> list[list[CalendarItem]]:
    """Per grid day, the items touching it (a change over midnight shows on every day it touches), in
    the order of `items`. Cost: two bisections per item against the days' UTC bounds (no zone maths per
    item); painting then reads only what fits a cell."""
    bounds = [local_midnight(first_day + timedelta(days=i), tz) for i in range(days + 1)]
    buckets: list[list[CalendarItem]] = [[] for _ in range(days)]
    for it in items:
        # Day i holds [bounds[i], bounds[i+1]); an end exactly at midnight stays on the day before.
        first = bisect_right(bounds, it.start) - 1
        last = bisect_left(bounds, it.end) - 1
        for i in range(max(0, first), min(days - 1, last) + 1):
            buckets[i].append(it)
    return buckets


# -- week / day: columns of overlapping events ------------------------------------------------------

@dataclass(frozen=True)
class Placed:
    """An item placed in a day column: `column` of `columns` side by side, clipped to the day."""

    item: CalendarItem
    start: datetime
    end: datetime
    column: int
    columns: int


def day_columns(items: Sequence[CalendarItem], day_start: datetime, day_end: datetime) -> list[Placed]:
    """Lay out the items touching one day the way calendars do: overlapping items share the width in
    columns, each cluster of transitively overlapping items as wide as its busiest moment needs."""
    clipped = sorted(((max(it.start, day_start), min(it.end, day_end), it) for it in items
                      if it.start < day_end and it.end > day_start), key=lambda r: (r[0], r[1]))
    out: list[Placed] = []
    cluster: list[tuple[datetime, datetime, CalendarItem, int]] = []
    col_ends: list[datetime] = []
    cluster_end: datetime | None = None

    def flush() -> None:
        n = len(col_ends)
        out.extend(Placed(it, s, e, c, n) for s, e, it, c in cluster)

    for s, e, it in clipped:
        if cluster_end is not None and s >= cluster_end:
            flush()
            cluster, col_ends, cluster_end = [], [], None
        for c, ce in enumerate(col_ends):
            if ce <= s:
                col_ends[c] = e
                break
        else:
            c = len(col_ends)
            col_ends.append(e)
        cluster.append((s, e, it, c))
        cluster_end = e if cluster_end is None else max(cluster_end, e)
    if cluster:
        flush()
    return out


# -- timeline: swimlanes ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lane:
    """One swimlane: its key (CI, group or person id; "" for none), label and rows of items that do not
    overlap within a row."""

    key: str
    label: str
    rows: tuple[tuple[CalendarItem, ...], ...]


def lane_keys(item: CalendarItem, kind: str) -> list[tuple[str, str]]:
    if kind == "ci":
        return list(zip(item.ci_ids, item.ci_names, strict=False)) or [(_UNASSIGNED, "")]
    if kind == "group":
        return [(item.group_id or _UNASSIGNED, item.group_name)]
    if kind == "assignee":
        return [(item.assignee_id or _UNASSIGNED, item.assignee_name)]
    raise ValueError(f"unknown swimlane kind {kind!r}")


def swimlanes(items: Sequence[CalendarItem], kind: str, none_label: str) -> list[Lane]:
    """Lanes sorted by label (the 'none' lane last), each packed greedily into as few rows as its
    overlaps need. A change on three CIs shows in three CI lanes."""
    grouped: dict[str, list[CalendarItem]] = defaultdict(list)
    labels: dict[str, str] = {}
    for it in items:
        for key, label in lane_keys(it, kind):
            grouped[key].append(it)
            labels.setdefault(key, label or none_label)
    lanes = []
    for key, members in grouped.items():
        members.sort(key=lambda it: (it.start, it.end))
        row_ends: list[datetime] = []
        rows: list[list[CalendarItem]] = []
        for it in members:
            for r, end in enumerate(row_ends):
                if end <= it.start:
                    row_ends[r] = it.end
                    rows[r].append(it)
                    break
            else:
                row_ends.append(it.end)
                rows.append([it])
        lanes.append(Lane(key, labels[key] if key else none_label, tuple(tuple(r) for r in rows)))
    lanes.sort(key=lambda ln: (ln.key == _UNASSIGNED, ln.label.casefold(), ln.key))
    return lanes


@dataclass
class LaneOffsets:
    """Cumulative pixel tops of lanes, so the painter finds the first visible lane by bisection."""

    tops: list[int] = field(default_factory=list)
    total: int = 0

    @classmethod
    def of(cls, heights: Iterable[int]) -> LaneOffsets:
        tops, y = [], 0
        for h in heights:
            tops.append(y)
            y += h
        return cls(tops, y)

    def first_visible(self, y: int) -> int:
        return max(0, bisect_left(self.tops, y + 1) - 1)


# -- dragging -----------------------------------------------------------------------------------------

def snap(dt: datetime, step: timedelta, tz: tzinfo) -> datetime:
    """Round to the nearest whole step of local wall time (15 minutes, or a day at local midnight)."""
    local = dt.astimezone(tz)
    midnight = datetime.combine(local.date(), time(0), tzinfo=tz)
    if step >= timedelta(days=1):
        days = round((local.replace(tzinfo=None) - midnight.replace(tzinfo=None)) / timedelta(days=1))
        return local_midnight(local.date() + timedelta(days=days), tz)
    wall = local.replace(tzinfo=None) - midnight.replace(tzinfo=None)
    steps = round(wall / step)
    return (midnight.replace(tzinfo=None) + steps * step).replace(tzinfo=tz).astimezone(UTC)


def dragged_times(mode: str, start: datetime, end: datetime, delta: timedelta, step: timedelta, tz: tzinfo,
                  ) -> tuple[datetime, datetime]:
    """New (start, end) for a drag by `delta`: "move" keeps the duration (and, for a whole-day step, the
    time of day); "start"/"end" resize one edge, never below one step."""
    if mode == "move":
        if step >= timedelta(days=1):
            days = round(delta / timedelta(days=1))
            new_start = datetime.combine(local_day(start, tz) + timedelta(days=days),
                                         start.astimezone(tz).time(), tzinfo=tz).astimezone(UTC)
        else:
            new_start = snap(start + delta, step, tz)
        return new_start, new_start + (end - start)
    minimum = min(step, end - start)
    if mode == "end":
        return start, max(snap(end + delta, step, tz), start + minimum)
    if mode == "start":
        return min(snap(start + delta, step, tz), end - minimum), end
    raise ValueError(f"unknown drag mode {mode!r}")


def clip_fraction(dt: datetime, start: datetime, end: datetime) -> float:
    """Where `dt` falls in [start, end) as 0..1 (clamped): the x or y position of a time on a view."""
    span = (end - start).total_seconds()
    if span <= 0:
        return 0.0
    return min(1.0, max(0.0, (dt - start).total_seconds() / span))


def time_at(fraction: float, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * fraction


# -- conversion from the planning service -----------------------------------------------------------

def item_of(change, ci_names: Mapping[str, str]) -> CalendarItem:
    """A CalendarItem from a change_planning.PlanningChange with planned times; `ci_names` maps CI ids to
    names (PlanningData.ci_names), so that ids and names pair up for the CI swimlanes."""
    ids = change.planned.ci_ids
    return CalendarItem(
        id=change.id, number=change.number, title=change.title, change_type=change.change_type,
        risk=change.risk, state=change.state, start=change.start, end=change.end, group_id=change.group_id,
        group_name=change.group_name, assignee_id=change.assignee_id, assignee_name=change.assignee_name,
        ci_ids=ids, ci_names=tuple(ci_names.get(i, i) for i in ids), updated_at=change.updated_at)


def planned_of(item: CalendarItem):
    from app.changes.conflicts import PlannedChange
    return PlannedChange(item.id, item.start, item.end, item.ci_ids, item.assignee_id, item.state)


# -- windows as bands ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    """One occurrence of a maintenance or blackout window, aware UTC, with its scope."""

    window_id: str
    name: str
    kind: str  # maintenance | blackout
    blocking: bool
    start: datetime
    end: datetime
    everything: bool
    ci_ids: frozenset[str] = frozenset()
    service_ids: frozenset[str] = frozenset()

    def covers(self, ci_id: str, service_id: str | None) -> bool:
        return self.everything or ci_id in self.ci_ids or (service_id is not None and service_id in self.service_ids)


def window_bands(maintenance: Iterable, blackouts: Iterable, start: datetime, end: datetime) -> list[Band]:
    """Every occurrence of the windows inside [start, end), blackouts last so they paint on top."""
    from app.changes.schedules import expand

    out: list[Band] = []
    for kind, windows in (("maintenance", maintenance), ("blackout", blackouts)):
        for w in windows:
            for iv in expand(w, start, end):
                out.append(Band(w.id, w.name, kind, bool(getattr(w, "blocking", False)), iv.start, iv.end,
                                w.scope.everything, w.scope.ci_ids, w.scope.service_ids))
    return out
