"""What the calendar holds for a loaded range, and the checks the views run against it."""
# What it holds: the planning data, the conflict index over it, the items and their conflict flags. The checks: a drag
# step, the next free slot.
#
# Built on the DB worker by `load_range`, then owned by the GUI thread (the index is not thread-safe, and
# nothing else touches it after the hand-over).

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from app.changes.calendar import Band, CalendarItem, item_of, planned_of, window_bands
from app.changes.conflicts import ConflictIndex, PlannedChange, find_conflicts, next_free_slot
from app.changes.planning import (
    SLOT_SEARCH_DAYS,
    ConflictItem,
    PlanningData,
    build_conflict_index,
    describe_conflicts,
    planning_data,
)

# Drag steps repeat the same few conflict sets; describing one costs a pass over the loaded changes.
_DESCRIBE_CACHE = 256


@dataclass
class Loaded:
    data: PlanningData
    index: ConflictIndex
    items: dict[str, CalendarItem]
    conflicted: set[str]
    view_start: datetime
    view_end: datetime
    ci_services: Mapping[str, str] = field(default_factory=dict)  # CI id -> its service (read on the worker)
    # The maintenance and blackout windows' occurrences over the whole loaded span (expanded on the worker).
    bands: tuple[Band, ...] = ()
    _described: dict[tuple, tuple[ConflictItem, ...]] = field(default_factory=dict)
    _by_id: dict | None = None

    def covers(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) and the slot search after it are inside what was loaded."""
        return self.data.start <= start and end + timedelta(days=SLOT_SEARCH_DAYS) <= self.data.end

    def bands_in(self, start: datetime, end: datetime) -> tuple[Band, ...] | None:
        """The windows' occurrences overlapping [start, end), in `window_bands`' order; None when that range is not
        inside the loaded span (the views then expand them themselves). Expanding the recurrences of the 1M demo
        store's windows for the shown range was ~3 ms of the GUI thread with every move of the calendar."""
        if not (self.data.start <= start and end <= self.data.end):
            return None
        return tuple(b for b in self.bands if b.start < end and start < b.end)

    def conflicts_at(self, item: CalendarItem, start: datetime, end: datetime) -> tuple[ConflictItem, ...]:
        """The conflicts of `item` moved to [start, end): one drag step. The index skips the item itself
        by id, so its stored position never counts against it."""
        probe = PlannedChange(item.id, start, end, item.ci_ids, item.assignee_id, item.state)
        found = find_conflicts(probe, self.index)
        if not found:
            return ()
        key = tuple(found)
        described = self._described.get(key)
        if described is None:
            if len(self._described) >= _DESCRIBE_CACHE:
                self._described.clear()
            # describe_conflicts indexes the changes it is given: hand it only the ones named here.
            others = {c.other_id for c in found}
            if self._by_id is None:
                self._by_id = {c.id: c for c in self.data.changes}
            subset = replace(self.data, changes=tuple(self._by_id[o] for o in others if o in self._by_id))
            described = self._described[key] = describe_conflicts(found, subset)
        return described

    def next_slot(self, item: CalendarItem) -> tuple[datetime, datetime] | None:
        return next_free_slot(planned_of(item), self.index, horizon_days=SLOT_SEARCH_DAYS)

    def moved(self, change_id: str, start: datetime, end: datetime, updated_at: datetime | None,
              planned: PlannedChange | None) -> None:
        """Put a stored move into the items, the index and the conflict flags of everything it touches."""
        item = self.items.get(change_id)
        if item is None:
            return
        before = {c.other_id for c in self.index.conflicts(planned_of(item)) if c.other_id}
        new = item.moved(start, end)
        if updated_at is not None:
            new = replace(new, updated_at=updated_at)
        self.items[change_id] = new
        self.index.update(planned or planned_of(new))
        after = {c.other_id for c in self.index.conflicts(planned_of(new)) if c.other_id}
        self._described.clear()
        for cid in {change_id} | before | after:
            other = self.items.get(cid)
            if other is None:
                continue
            if self.index.conflicts(planned_of(other)):
                self.conflicted.add(cid)
            else:
                self.conflicted.discard(cid)


def load_range(session, *, view_start: datetime, view_end: datetime) -> Loaded:
    """Worker side: load [view_start - 2 days, view_end + the slot search], index it and flag the changes
    in the view that are in conflict now (the rest are only there for the checks; a view over them
    loads again). Returns plain data plus the index (handed to the GUI thread)."""
    data = planning_data(session, start=view_start - timedelta(days=2),
                         end=view_end + timedelta(days=SLOT_SEARCH_DAYS))
    index = build_conflict_index(data)
    items = {c.id: item_of(c, data.ci_names) for c in data.changes if c.start is not None and c.end is not None}
    conflicted = {cid for cid, it in items.items() if it.state not in ("closed", "canceled")
                  and it.start < view_end and it.end > view_start and index.conflicts(planned_of(it))}
    # The CIs' services for the views' lanes and bands: read on the worker, not on the GUI thread with each refresh
    # of the view.
    bands = tuple(window_bands(data.maintenance_windows, data.blackouts, data.start, data.end))
    return Loaded(data, index, items, conflicted, view_start, view_end, data.graph.services, bands)
