"""SLA clocks: policies as plain data, and the response and resolution clocks of one ticket's timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from core.errors import TransitionError, ValidationError
from core.sla.business_time import BusinessCalendar, add_business_time, business_time_between
from core.tickets.workflow import workflow_for

CLOCKS = ("response", "resolution")
CLOCK_STATES = ("running", "paused", "met", "breached", "canceled")
DEFAULT_WARNING_LEVELS = (50, 75, 100)
_STOP_KINDS = ("resolved", "closed")

# What the clock does during a stretch of the timeline.
_RUN, _PAUSE, _STOP, _CANCEL = "run", "pause", "stop", "cancel"
# The response clock of a ticket resolved before anyone answered the requester: it ends there, missed.
_UNANSWERED = "unanswered"


@dataclass(frozen=True)
class SlaTarget:
    """Targets in business seconds for one priority (and one service, or every service when None).
    A target of None means that clock is not measured."""

    priority: int
    response_seconds: int | None
    resolution_seconds: int | None
    service_id: str | None = None


@dataclass(frozen=True)
class SlaPolicy:
    """One SLA: a calendar, targets per priority (a service-specific target wins over a general one),
    the states that pause the clocks (None: every state of kind "hold" in the ticket's workflow) and
    the warning thresholds in percent of the target used."""

    name: str
    calendar: BusinessCalendar
    targets: tuple[SlaTarget, ...]
    pause_states: frozenset[str] | None = None
    warning_levels: tuple[int, ...] = DEFAULT_WARNING_LEVELS

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", tuple(self.targets))
        if self.pause_states is not None:
            object.__setattr__(self, "pause_states", frozenset(self.pause_states))
        levels = tuple(sorted(set(self.warning_levels)))
        if any(not 0 < level <= 100 for level in levels):
            raise ValidationError("Warning levels are percentages from 1 to 100.", field="warning_levels")
        object.__setattr__(self, "warning_levels", levels)
        seen = set()
        for t in self.targets:
            key = (t.priority, t.service_id)
            if key in seen:
                raise ValidationError(f"Priority {t.priority} has two targets for the same service.", field="targets")
            seen.add(key)
            for seconds in (t.response_seconds, t.resolution_seconds):
                if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0):
                    raise ValidationError("SLA targets are whole numbers of seconds above zero.", field="targets")

    def target_for(self, priority: int, service_id: str | None = None) -> SlaTarget | None:
        general = None
        for t in self.targets:
            if t.priority == priority:
                if t.service_id is not None and t.service_id == service_id:
                    return t
                if t.service_id is None:
                    general = t
        return general

    def pauses(self, ticket_type: str, state: str) -> bool:
        if self.pause_states is not None:
            return state in self.pause_states
        return _kind(ticket_type, state) == "hold"


@dataclass(frozen=True)
class Timeline:
    """What the clocks need from one ticket. `state_changes` are (time, new state) in time order;
    the state before the first change is `initial_state` (the workflow's initial state when None).
    `resolved_at` only matters when the state history never reaches a resolved or closed state
    (tickets imported without history). All datetimes are timezone-aware."""

    ticket_type: str
    priority: int
    created_at: datetime
    state_changes: tuple[tuple[datetime, str], ...] = ()
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    service_id: str | None = None
    initial_state: str | None = None


@dataclass(frozen=True)
class ClockStatus:
    """One clock at `now`. Times are UTC; durations are whole business seconds.

    due_at: when the target is (or was) used up. A pause pushes it out by the paused business time;
    while paused it is where it would be if the clock resumed now; for a stopped clock it is the
    due time as it stood when the clock stopped. warning is the highest warning level reached by a
    live clock (0 for none), the top level once breached and 0 for a met or canceled clock.
    """

    clock: str
    target_seconds: int
    due_at: datetime
    elapsed_seconds: int
    paused_seconds: int
    remaining_seconds: int
    state: str
    percent_used: float
    warning: int
    stopped_at: datetime | None

    @property
    def is_live(self) -> bool:
        return self.state in ("running", "paused") or (self.state == "breached" and self.stopped_at is None)


@dataclass(frozen=True)
class SlaStatus:
    policy: str
    response: ClockStatus | None
    resolution: ClockStatus | None

    @property
    def most_urgent(self) -> ClockStatus | None:
        """The live clock that is due first (for a queue column), or None when no clock is live."""
        live = [c for c in (self.response, self.resolution) if c is not None and c.is_live]
        return min(live, key=lambda c: c.due_at, default=None)


class AuditRow(Protocol):
    field: str
    old_value: str | None
    new_value: str | None
    at: datetime


def _kind(ticket_type: str, state: str) -> str:
    """The state's kind; a state the workflow does not know (old data) counts as open, so the clock runs."""
    try:
        return workflow_for(ticket_type).state(state).kind
    except TransitionError:
        return "open"


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime given for {name}; SLA clocks need timezone-aware UTC datetimes")
    return moment.astimezone(UTC)


def _states_until(timeline: Timeline, now: datetime) -> list[tuple[datetime, str]]:
    """(from, state) stretches from creation up to now; changes after now have not happened yet."""
    created = _utc(timeline.created_at, "created_at")
    first = timeline.initial_state or workflow_for(timeline.ticket_type).initial
    stretches = [(created, first)]
    for at, state in sorted(((_utc(at, "state change"), state) for at, state in timeline.state_changes),
                            key=lambda change: change[0]):
        if at > now:
            break
        stretches.append((max(at, created), state))
    return stretches


def _phases(timeline: Timeline, policy: SlaPolicy, clock: str, now: datetime) -> list[tuple[datetime, datetime, str]]:
    """Consecutive (start, end, mode) stretches from creation to now for one clock."""
    ticket_type = timeline.ticket_type
    modes = []
    ever_stopped = False
    for at, state in _states_until(timeline, now):
        k = _kind(ticket_type, state)
        if k == "canceled":
            mode = _CANCEL
        elif k in _STOP_KINDS:
            mode, ever_stopped = _STOP, True
        elif policy.pauses(ticket_type, state):
            mode = _PAUSE
        else:
            mode = _RUN
        modes.append((at, mode))
    stop_at = None
    if clock == "response":
        # Only a reply actually sent (or given through another channel) answers the requester: a
        # resolution does not (issue 15). Resolved before any answer, the clock ends there, missed;
        # an answer that goes out after the resolution (a mail retried later) ends it when it is sent,
        # the time between counting as waiting for it.
        first = timeline.first_response_at
        if first is not None and _utc(first, "first_response_at") <= now:
            stop_at = _utc(first, "first_response_at")
            modes = [(at, _RUN if mode == _STOP else mode) for at, mode in modes]
        else:
            unanswered = next((at for at, mode in modes if mode == _STOP), None)
            if unanswered is not None:
                modes = [(at, mode) for at, mode in modes if at < unanswered] + [(unanswered, _UNANSWERED)]
    elif not ever_stopped and timeline.resolved_at is not None:
        stop_at = _utc(timeline.resolved_at, "resolved_at")
        stop_at = stop_at if stop_at <= now else None
    if stop_at is not None:
        # A stop that ends the clock for good: nothing after it counts.
        modes = [(at, mode) for at, mode in modes if at < stop_at] + [(max(stop_at, modes[0][0]), _STOP)]
    ends = [at for at, _ in modes[1:]] + [max(now, modes[-1][0])]
    return [(start, end, mode) for (start, mode), end in zip(modes, ends, strict=True)]


def _clock_status(policy: SlaPolicy, clock: str, target_seconds: int,
                  phases: list[tuple[datetime, datetime, str]], now: datetime) -> ClockStatus:
    cal = policy.calendar
    target = timedelta(seconds=target_seconds)
    elapsed = paused = timedelta(0)
    due_at: datetime | None = None
    for start, end, mode in phases:
        if mode == _RUN:
            stretch = business_time_between(cal, start, end)
            if due_at is None and elapsed + stretch >= target:
                due_at = add_business_time(cal, start, target - elapsed)
            elapsed += stretch
        elif mode == _PAUSE:
            paused += business_time_between(cal, start, end)
    last_start, last_end, last_mode = phases[-1]
    stopped_at = last_start if last_mode in (_STOP, _CANCEL, _UNANSWERED) else None
    if due_at is None:
        # Not used up yet: project from where the clock stands (now, or the moment it stopped).
        due_at = add_business_time(cal, stopped_at or last_end, target - elapsed)
    if last_mode == _CANCEL:
        state = "canceled"
    elif last_mode == _UNANSWERED:
        state = "breached"
    elif stopped_at is not None:  # last_mode is _STOP: a cancel was settled above
        state = "met" if stopped_at <= due_at else "breached"
    elif now > due_at:
        state = "breached"
    else:
        state = "paused" if last_mode == _PAUSE else "running"
    percent = 100.0 * elapsed.total_seconds() / target_seconds
    if state == "breached":
        warning = policy.warning_levels[-1] if policy.warning_levels else 0
    elif state in ("running", "paused"):
        warning = max((level for level in policy.warning_levels if percent >= level), default=0)
    else:
        warning = 0
    elapsed_s = int(elapsed.total_seconds())
    return ClockStatus(clock=clock, target_seconds=target_seconds, due_at=due_at, elapsed_seconds=elapsed_s,
                       paused_seconds=int(paused.total_seconds()), remaining_seconds=target_seconds - elapsed_s,
                       state=state, percent_used=percent, warning=warning, stopped_at=stopped_at)


def sla_status(policy: SlaPolicy, timeline: Timeline, now: datetime) -> SlaStatus:
    """Both clocks of one ticket as they stand at `now` (aware). Pure and thread-safe; costs
    O(state changes) business-time calculations, each O(years spanned) once the calendar's year
    tables are built. A clock without a target (no target for the priority) is None."""
    now = _utc(now, "now")
    target = policy.target_for(timeline.priority, timeline.service_id)
    clocks: dict[str, ClockStatus | None] = {"response": None, "resolution": None}
    if target is not None:
        for clock, seconds in (("response", target.response_seconds), ("resolution", target.resolution_seconds)):
            if seconds is not None:
                clocks[clock] = _clock_status(policy, clock, seconds, _phases(timeline, policy, clock, now), now)
    return SlaStatus(policy=policy.name, response=clocks["response"], resolution=clocks["resolution"])


def timeline_from_events(events: Iterable[AuditRow], *, ticket_type: str, priority: int,
                         service_id: str | None = None, created_at: datetime | None = None,
                         first_response_at: datetime | None = None,
                         resolved_at: datetime | None = None) -> Timeline:
    """Build a Timeline from a ticket's audit rows (anything with field, old_value, new_value, at).

    Uses the "created" row for the creation time, "state" rows for the history (the first row's old
    value is the initial state) and the first non-empty "first_response_at" row. Arguments given
    explicitly (e.g. from the ticket's own columns) win over the rows. Other fields are ignored.
    """
    rows = sorted(events, key=lambda row: _utc(row.at, "audit row"))
    changes: list[tuple[datetime, str]] = []
    initial_state = None
    for row in rows:
        if row.field == "created" and created_at is None:
            created_at = row.at
        elif row.field == "state" and row.new_value is not None:
            if not changes:
                initial_state = row.old_value
            changes.append((row.at, row.new_value))
        elif row.field == "first_response_at" and first_response_at is None and row.new_value:
            first_response_at = datetime.fromisoformat(row.new_value)
    if created_at is None:
        raise ValueError("the timeline needs the ticket's creation time (no 'created' audit row)")
    return Timeline(ticket_type=ticket_type, priority=priority, created_at=created_at, state_changes=tuple(changes),
                    first_response_at=first_response_at, resolved_at=resolved_at, service_id=service_id,
                    initial_state=initial_state)
