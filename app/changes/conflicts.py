"""Live conflict detection for the change calendar: overlaps, maintenance windows, freezes, free slots."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from app.changes.schedules import BlackoutWindow, MaintenanceWindow, ScheduleWindow, expand
from core.changes.workflow import INACTIVE_STATES
from core.cmdb.traversal import adjacency_walk
from core.errors import TransitionError

# parent_ci / child_ci: a CI the change's CI depends on (runs on, is a member of...), or one depending on it,
# however many hops away in the CMDB's relation graph (issue 14), is changed in an overlapping window.
CONFLICT_KINDS = ("same_ci", "parent_ci", "child_ci", "outside_window", "blackout", "assignee")
RELATED_LIMIT = 2_000  # CIs one walk may reach; a core switch's dependants are bounded, not all walked

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_DAY = 86_400_000_000
_INF = float("inf")
# How far past a query the window expansion reaches when the index has to widen its horizon.
_PAD = 30 * _DAY


def _us(dt: datetime) -> int:
    """Exact integer microseconds since the epoch; the index compares ints, not aware datetimes."""
    if dt.tzinfo is None:
        raise ValueError("change and window times must be timezone-aware")
    return (dt - _EPOCH) // _US


def _dt(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def _fmt(us: int) -> str:
    return _dt(us).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class PlannedChange:
    """What the calendar needs of a change. Times are aware UTC; a change without both is not on it."""

    id: str
    start: datetime | None
    end: datetime | None
    ci_ids: tuple[str, ...] = ()
    assignee_id: str | None = None
    state: str = "scheduled"

    @property
    def is_active(self) -> bool:
        return self.state not in INACTIVE_STATES and self.start is not None and self.end is not None

    def moved_to(self, start: datetime) -> PlannedChange:
        """The same change starting at `start`, keeping its duration (a drag step)."""
        if self.start is None or self.end is None:
            raise ValueError(f"change {self.id} has no planned times")
        return replace(self, start=start, end=start + (self.end - self.start))


@dataclass(frozen=True)
class CiRef:
    """A CI as the conflict rules see it (ConfigurationItem rows fit too: same attribute names).
    `hurt_by` are the CIs whose outage hurts this one directly through the CMDB's relations (what it depends
    on, runs on, connects to; the cluster members for a cluster). The parent counts too without being listed. A
    store's CIs reach the index as a CiGraph (app.changes.planning.load_ci_graph), not one by one."""

    id: str
    parent_id: str | None = None
    service_id: str | None = None
    hurt_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CiGraph:
    """The CMDB as the conflict rules walk it: `hurt_by[ci]` the CIs whose outage hurts `ci` directly (its parent
    and its relations), `hurts` the other way, `services[ci]` its service (for windows scoped by service). From a
    store: the cached relation index's own mappings (app.cmdb.graph.GraphIndex) and one dict, so a read builds no
    object per CI (50,000 rows and CiRefs on the 1M demo store, each walked by the collector on the GUI thread)."""

    hurt_by: Mapping[str, Sequence[str]]
    hurts: Mapping[str, Sequence[str]]
    services: Mapping[str, str]

    @classmethod
    def from_refs(cls, cis: Iterable[CiRef]) -> CiGraph:
        """The graph of a few CIs given one by one (tests, the timing demo): each CI's relations, then its parent,
        in the order the store's index lists them."""
        hurt_by: dict[str, list[str]] = defaultdict(list)
        hurts: dict[str, list[str]] = defaultdict(list)
        services: dict[str, str] = {}
        for ci in cis:
            for up in (*getattr(ci, "hurt_by", ()), *((ci.parent_id,) if ci.parent_id is not None else ())):
                hurt_by[ci.id].append(up)
                hurts[up].append(ci.id)
            if ci.service_id is not None:
                services[ci.id] = ci.service_id
        return cls(dict(hurt_by), dict(hurts), services)


@dataclass(frozen=True)
class Conflict:
    """One broken rule. `other_id` is the other change, or the window for outside_window / blackout
    (None when the CI has no window open at that time). `start`/`end` are the other party's interval."""

    kind: str  # one of CONFLICT_KINDS
    severity: str  # "blocking" (a freeze) or "warning"
    reason: str
    other_id: str | None
    ci_id: str | None
    start: datetime | None = None
    end: datetime | None = None


class _Track:
    """Intervals sorted by start, with the longest length, so an overlap query is two bisects and a
    scan over the intervals that start within max_len before the query end."""

    __slots__ = ("starts", "ends", "keys", "max_len")

    def __init__(self, rows: Iterable[tuple[int, int, object]]) -> None:
        ordered = sorted(rows, key=lambda r: r[0])
        self.starts = [r[0] for r in ordered]
        self.ends = [r[1] for r in ordered]
        self.keys = [r[2] for r in ordered]
        self.max_len = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)

    def add(self, s: int, e: int, key: object) -> None:
        i = bisect_right(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)
        self.keys.insert(i, key)
        self.max_len = max(self.max_len, e - s)

    def remove(self, s: int, key: object) -> None:
        # max_len stays: it is only an upper bound for the scan, and a stale one costs a few extra steps.
        i = bisect_left(self.starts, s)
        while self.keys[i] != key:
            i += 1
        del self.starts[i], self.ends[i], self.keys[i]

    def overlapping(self, s: int, e: int) -> Iterator[tuple[int, int, object]]:
        """Intervals with start < e and end > s (half-open: touching is no overlap)."""
        starts, ends, keys = self.starts, self.ends, self.keys
        for i in range(bisect_right(starts, s - self.max_len), bisect_left(starts, e)):
            if ends[i] > s:
                yield starts[i], ends[i], keys[i]


_EMPTY = _Track(())


def _merge(intervals: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(intervals):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


class _Windows:
    """Windows bucketed by scope, expanded lazily per CI over the index horizon."""

    def __init__(self, windows: Iterable[ScheduleWindow]) -> None:
        self.everything: list[ScheduleWindow] = []
        self.by_ci: dict[str, list[ScheduleWindow]] = defaultdict(list)
        self.by_service: dict[str, list[ScheduleWindow]] = defaultdict(list)
        self.expanded: dict[str, list[tuple[int, int]]] = {}
        self.all = list(windows)
        for w in self.all:
            if w.scope.everything:
                self.everything.append(w)
            for ci in w.scope.ci_ids:
                self.by_ci[ci].append(w)
            for sv in w.scope.service_ids:
                self.by_service[sv].append(w)

    def scoped(self, ci_id: str, service_id: str | None) -> list[ScheduleWindow]:
        """Windows naming the CI or its service (not the `everything` ones), without repeats."""
        found = {w.id: w for w in self.by_ci.get(ci_id, ())}
        if service_id is not None:
            found.update((w.id, w) for w in self.by_service.get(service_id, ()))
        return list(found.values())

    def occurrences(self, w: ScheduleWindow, lo: datetime, hi: datetime) -> list[tuple[int, int]]:
        got = self.expanded.get(w.id)
        if got is None:
            got = self.expanded[w.id] = [(_us(iv.start), _us(iv.end)) for iv in expand(w, lo, hi)]
        return got


class ConflictIndex:
    """Everything the conflict rules read, indexed once: active changes per CI and per assignee, the CI
    graph, and windows expanded to UTC over a horizon that widens on demand.

    Build it off the GUI thread (about 50 ms for 10,000 changes and a few dozen recurring windows over
    half a year); then one check costs a few bisects per affected CI. Give it a horizon that covers the
    calendar range plus the slot search: a query outside it widens it, re-expanding every window.
    Not thread-safe: per-CI caches fill lazily. A change being dragged is skipped by its id, so the index
    may still hold its old position; `update` moves it once the drop is saved.
    """

    def __init__(self, *, changes: Iterable[PlannedChange], cis: Iterable[CiRef] = (), graph: CiGraph | None = None,
                 maintenance_windows: Iterable[MaintenanceWindow] = (),
                 blackouts: Iterable[BlackoutWindow] = (),
                 horizon_start: datetime, horizon_end: datetime) -> None:
        per_ci: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        per_assignee: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self._placed: dict[str, PlannedChange] = {}
        for ch in changes:
            if not ch.is_active:
                continue
            self._placed[ch.id] = ch
            row = (_us(ch.start), _us(ch.end), ch.id)
            for ci in set(ch.ci_ids):
                per_ci[ci].append(row)
            if ch.assignee_id is not None:
                per_assignee[ch.assignee_id].append(row)
        self._by_ci = {k: _Track(v) for k, v in per_ci.items()}
        self._by_assignee = {k: _Track(v) for k, v in per_assignee.items()}

        # The relation graph both ways (`graph`, else made from `cis`): _up[ci] hurts ci when it fails, _down[ci] is
        # hurt by ci. Walked transitively (cycle-safe, bounded) and cached per CI the first time a check asks.
        if graph is None:
            graph = CiGraph.from_refs(cis)
        self._up, self._down, self._service = graph.hurt_by, graph.hurts, graph.services
        self._reach: dict[tuple[str, bool], tuple[str, ...]] = {}
        # Of those, the CIs that some placed change touches, with their tracks (a walk reaches up to RELATED_LIMIT
        # CIs and few of them are changed: a scan looked each one up, 8.8 million lookups for the 1M demo store's
        # open changes). Made again once a CI gets its first track (update).
        self._near: dict[tuple[str, bool], tuple[tuple[str, _Track], ...]] = {}

        self._maintenance = _Windows(maintenance_windows)
        self._blackouts = _Windows(blackouts)
        self._lo = _us(horizon_start)
        self._hi = _us(horizon_end)
        self._reset_caches()

    def update(self, change: PlannedChange) -> None:
        """Put a saved change at its new times (or take it off when it is no longer active), without a
        rebuild: a few list inserts per affected CI. Call it after a drop has been stored."""
        old = self._placed.pop(change.id, None)
        if old is not None:
            s = _us(old.start)
            for ci in set(old.ci_ids):
                self._by_ci[ci].remove(s, old.id)
            if old.assignee_id is not None:
                self._by_assignee[old.assignee_id].remove(s, old.id)
        if not change.is_active:
            return
        self._placed[change.id] = change
        s, e = _us(change.start), _us(change.end)
        for ci in set(change.ci_ids):
            track = self._by_ci.get(ci)
            if track is None:
                track = self._by_ci[ci] = _Track(())
                self._near.clear()
            track.add(s, e, change.id)
        if change.assignee_id is not None:
            self._by_assignee.setdefault(change.assignee_id, _Track(())).add(s, e, change.id)

    # -- window expansion -------------------------------------------------------------------------

    def _reset_caches(self) -> None:
        """Expand every window over the horizon now (the costly part, dateutil), so that a drag step only
        merges the already expanded intervals of a CI it has not seen yet."""
        lo, hi = _dt(self._lo), _dt(self._hi)
        for windows in (self._maintenance, self._blackouts):
            windows.expanded.clear()
            for w in windows.all:
                windows.occurrences(w, lo, hi)
        self._maint_cache: dict[str, tuple[list[int], list[int]] | None] = {}
        self._blackout_cache: dict[str, _Track] = {}
        self._global_blackouts = self._blackout_track(self._blackouts.everything)

    def _cover(self, s: int, e: int) -> None:
        """Widen the expansion horizon (and drop the caches) when a query reaches outside it."""
        if s >= self._lo and e <= self._hi:
            return
        self._lo = min(self._lo, s - _PAD)
        self._hi = max(self._hi, e + _PAD)
        self._reset_caches()

    def _blackout_track(self, windows: list[ScheduleWindow]) -> _Track:
        lo, hi = _dt(self._lo), _dt(self._hi)
        return _Track((s, e, w) for w in windows for s, e in self._blackouts.occurrences(w, lo, hi))

    def _maintenance_of(self, ci_id: str) -> tuple[list[int], list[int]] | None:
        """Merged maintenance intervals of a CI, or None when no window applies to it at all."""
        if ci_id in self._maint_cache:
            return self._maint_cache[ci_id]
        windows = self._maintenance.everything + self._maintenance.scoped(ci_id, self._service.get(ci_id))
        lo, hi = _dt(self._lo), _dt(self._hi)
        merged = _merge(iv for w in windows for iv in self._maintenance.occurrences(w, lo, hi)) if windows else None
        self._maint_cache[ci_id] = merged
        return merged

    def _blackouts_of(self, ci_id: str) -> _Track:
        track = self._blackout_cache.get(ci_id)
        if track is None:
            scoped = self._blackouts.scoped(ci_id, self._service.get(ci_id))
            track = self._blackout_cache[ci_id] = self._blackout_track(scoped) if scoped else _EMPTY
        return track

    # -- the rules ---------------------------------------------------------------------------------

    def _scan(self, change_id: str, s: int, e: int, ci_ids: tuple[str, ...], assignee_id: str | None,
              ) -> Iterator[tuple[str, str | None, str | None, int | None, int | None, object, float]]:
        """Every broken rule as (kind, other_id, ci_id, other_start, other_end, detail, clear_at), where
        clear_at is a start time before which the same rule stays broken (for next_free_slot's jumps)."""
        self._cover(s, e)
        by_ci = self._by_ci
        for ci in ci_ids:
            track = by_ci.get(ci)
            if track is not None:
                for os_, oe, oid in track.overlapping(s, e):
                    if oid != change_id:
                        yield "same_ci", oid, ci, os_, oe, None, oe
            for kind, upward in (("parent_ci", True), ("child_ci", False)):
                near = self._near.get((ci, upward))
                if near is None:
                    near = self._near[ci, upward] = tuple(
                        (other, by_ci[other]) for other in self._related(ci, upward) if other in by_ci)
                for other_ci, track in near:
                    for os_, oe, oid in track.overlapping(s, e):
                        if oid != change_id:
                            yield kind, oid, ci, os_, oe, other_ci, oe
            merged = self._maintenance_of(ci)
            if merged is not None:
                starts, ends = merged
                i = bisect_right(starts, s) - 1
                if i < 0 or ends[i] < e:
                    nxt = starts[i + 1] if i + 1 < len(starts) else _INF
                    yield "outside_window", None, ci, None, None, None, nxt
            for os_, oe, w in self._blackouts_of(ci).overlapping(s, e):
                yield "blackout", w.id, ci, os_, oe, w, oe
        for os_, oe, w in self._global_blackouts.overlapping(s, e):
            yield "blackout", w.id, None, os_, oe, w, oe
        if assignee_id is not None:
            track = self._by_assignee.get(assignee_id)
            if track is not None:
                for os_, oe, oid in track.overlapping(s, e):
                    if oid != change_id:
                        yield "assignee", oid, None, os_, oe, assignee_id, oe

    def _related(self, ci: str, upward: bool) -> tuple[str, ...]:
        """The CIs `ci` depends on (upward) or that depend on it, transitively, itself excluded."""
        key = (ci, upward)
        found = self._reach.get(key)
        if found is None:
            found = adjacency_walk(ci, self._up if upward else self._down, limit=RELATED_LIMIT).order[1:]
            self._reach[key] = found
        return found

    def conflicts(self, change: PlannedChange) -> list[Conflict]:
        """Every conflict of `change` at its planned times, in rule order; [] for a change without times."""
        if change.start is None or change.end is None:
            return []
        s, e = _us(change.start), _us(change.end)
        out: list[Conflict] = []
        seen: set[tuple] = set()
        for kind, other, ci, os_, oe, detail, _ in self._scan(change.id, s, e, change.ci_ids, change.assignee_id):
            key = (kind, other, os_) if kind == "blackout" else (kind, other, ci, detail)
            if key in seen:
                continue
            seen.add(key)
            out.append(_conflict(kind, other, ci, os_, oe, detail, s, e))
        return out


def _conflict(kind: str, other: str | None, ci: str | None, os_: int | None, oe: int | None, detail: object,
              s: int, e: int) -> Conflict:
    when = f"{_fmt(os_)} to {_fmt(oe)}" if os_ is not None else ""
    severity = "warning"
    if kind == "same_ci":
        reason = f"CI {ci} is also changed by {other} from {when}."
    elif kind == "parent_ci":
        reason = f"CI {detail}, which CI {ci} depends on, is changed by {other} from {when}."
    elif kind == "child_ci":
        reason = f"CI {detail}, which depends on CI {ci}, is changed by {other} from {when}."
    elif kind == "outside_window":
        reason = f"CI {ci} has maintenance windows, but none covers {_fmt(s)} to {_fmt(e)}."
    elif kind == "blackout":
        assert isinstance(detail, BlackoutWindow)
        severity = "blocking" if detail.blocking else "warning"
        label = "freeze" if detail.blocking else "blackout (warning only)"
        reason = f'Inside the {label} "{detail.name}" from {when}.'
    else:
        reason = f"Assignee {detail} is booked on {other} from {when}."
    return Conflict(kind=kind, severity=severity, reason=reason, other_id=other, ci_id=ci,
                    start=_dt(os_) if os_ is not None else None, end=_dt(oe) if oe is not None else None)


def find_conflicts(change: PlannedChange, index: ConflictIndex) -> list[Conflict]:
    """The conflicts of `change` at its planned times. Costs a few bisects per affected CI."""
    return index.conflicts(change)


def next_free_slot(change: PlannedChange, index: ConflictIndex, *, not_before: datetime | None = None,
                   horizon_days: int = 90, step: timedelta = timedelta(minutes=15),
                   ) -> tuple[datetime, datetime] | None:
    """The earliest (start, end) with the change's duration and no conflict at all (warnings included).

    Candidates are `not_before` (default: the change's planned start) plus whole steps, up to
    `horizon_days` later. A broken rule makes the search jump to the first step after the time that rule
    clears (the other change's end, the next window's start), so the cost follows the number of
    obstacles, not the number of steps.
    """
    if change.start is None or change.end is None:
        raise ValueError(f"change {change.id} has no planned times")
    if step <= timedelta(0):
        raise ValueError("step must be positive")
    duration = _us(change.end) - _us(change.start)
    t0 = _us(not_before if not_before is not None else change.start)
    step_us = step // _US
    limit = t0 + horizon_days * _DAY
    index._cover(t0, limit + duration)
    t = t0
    while t <= limit:
        clear_at = max((row[6] for row in index._scan(change.id, t, t + duration, change.ci_ids,
                                                    change.assignee_id)), default=None)
        if clear_at is None:
            return _dt(t), _dt(t + duration)
        if clear_at == _INF:
            return None
        t = t0 + max(-(-(int(clear_at) - t0) // step_us), (t - t0) // step_us + 1) * step_us
    return None


def blocking_freeze(change: PlannedChange, index: ConflictIndex) -> None:
    """Raise TransitionError naming the window when the change's planned times fall in a blocking freeze
    (checked when moving it to Scheduled); warning-only blackouts pass."""
    if change.start is None or change.end is None:
        return
    s, e = _us(change.start), _us(change.end)
    for kind, _, _, os_, oe, window, _ in index._scan(change.id, s, e, change.ci_ids, None):
        if kind == "blackout" and isinstance(window, BlackoutWindow) and window.blocking:
            raise TransitionError(
                f"Change {change.id} cannot be scheduled from {_fmt(s)} to {_fmt(e)}: it falls inside the "
                f'freeze window "{window.name}" ({_fmt(os_)} to {_fmt(oe)}).',
                field="planned_start",
            )


def _demo() -> None:
    """Timing on a generated calendar: 10,000 changes, 5,000 CIs, 200 assignees, service-scoped windows."""
    import random
    import time

    from app.changes.schedules import Scope

    rnd = random.Random(7)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    cis = [CiRef(f"ci{i}", parent_id=None if i < 500 else f"ci{i % 500}", service_id=f"sv{i % 50}")
           for i in range(5000)]
    maintenance = [MaintenanceWindow(f"mw{k}", f"Service {k} nights", datetime(2026, 11, 1, 20, 0),
                                     timedelta(hours=8), "Europe/Berlin", Scope(service_ids=frozenset({f"sv{k}"})),
                                     rrule="FREQ=DAILY") for k in range(0, 50, 2)]
    blackouts = [BlackoutWindow("bo1", "Year-end freeze", datetime(2026, 12, 20), timedelta(days=14), "UTC",
                                Scope(everything=True)),
                 BlackoutWindow("bo2", "Billing run", datetime(2026, 11, 30, 18), timedelta(hours=10), "UTC",
                                Scope(service_ids=frozenset({"sv3"})), rrule="FREQ=MONTHLY", blocking=False)]
    changes = []
    for i in range(10_000):
        start = now + timedelta(minutes=15 * rnd.randrange(90 * 96))
        changes.append(PlannedChange(f"CHG{i}", start, start + timedelta(hours=rnd.choice((1, 2, 4))),
                                     tuple(f"ci{rnd.randrange(5000)}" for _ in range(rnd.randint(1, 3))),
                                     f"agent{rnd.randrange(200)}", rnd.choice(("scheduled", "authorize", "closed"))))
    t = time.perf_counter()
    # The horizon covers the calendar (90 days) plus a 90-day slot search from its end.
    index = ConflictIndex(changes=changes, cis=cis, maintenance_windows=maintenance, blackouts=blackouts,
                          horizon_start=now, horizon_end=now + timedelta(days=181))
    build = time.perf_counter() - t

    # Cold: the first check on a CI expands its windows; later checks reuse them.
    probe = changes[:200]
    found = 0
    steps = []
    for ch in probe:
        for k in range(10):
            t = time.perf_counter()
            found += len(index.conflicts(ch.moved_to(ch.start + timedelta(minutes=15 * k))))
            steps.append(time.perf_counter() - t)
    step, step_p99, step_max = sum(steps) / len(steps), sorted(steps)[len(steps) * 99 // 100], max(steps)

    # The slot search from where a change sits now, for changes that conflict there.
    stuck = [ch for ch in changes if ch.is_active and index.conflicts(ch)][:200]
    timings = []
    slots = []
    for ch in stuck:
        t = time.perf_counter()
        slots.append(next_free_slot(ch, index))
        timings.append(time.perf_counter() - t)
    slot, slot_p99, slot_max = sum(timings) / len(timings), sorted(timings)[len(timings) * 99 // 100], max(timings)

    # Worst case for the search: an assignee booked 1 h of every 75 min for 90 days (1,700 bookings) and
    # a 2 h change: no gap fits, so the search jumps past every booking and gives up.
    busy = [PlannedChange(f"BUSY{i}", now + timedelta(minutes=75 * i), now + timedelta(minutes=75 * i + 60),
                          (), "agent-busy") for i in range(1730)]
    crowded = ConflictIndex(changes=changes + busy, cis=cis, maintenance_windows=maintenance, blackouts=blackouts,
                            horizon_start=now, horizon_end=now + timedelta(days=181))
    probe_busy = PlannedChange("X", now, now + timedelta(hours=2), ("ci1",), "agent-busy")
    crowded.conflicts(probe_busy)
    t = time.perf_counter()
    worst_slot = next_free_slot(probe_busy, crowded)
    worst = time.perf_counter() - t
    print(f"index build: {build * 1000:.1f} ms for {len(changes)} changes, {len(cis)} CIs")
    print(f"one drag step: {step * 1000:.3f} ms mean, {step_p99 * 1000:.2f} ms p99, {step_max * 1000:.2f} ms max "
          f"over {len(steps)} steps, cold per-CI caches ({found} conflicts seen)")
    print(f"next_free_slot: {slot * 1000:.2f} ms mean, {slot_p99 * 1000:.2f} ms p99, {slot_max * 1000:.2f} ms max "
          f"over {len(stuck)} conflicting changes ({sum(s is None for s in slots)} without a slot)")
    print(f"next_free_slot, fully booked assignee: {worst * 1000:.1f} ms (slot: {worst_slot})")


if __name__ == "__main__":
    _demo()
