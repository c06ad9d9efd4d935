"""SLA policies and business calendars as stored."""
# The defaults every store gets, building them into SlaPolicy objects (cached per content), choosing one per ticket,
# and the policy dialog's reads and writes.

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.models import BusinessCalendarRow, Holiday, Service, SlaPolicyRow
from core.errors import NotFoundError, ValidationError
from core.schema import utcnow
from core.sla.business_time import BusinessCalendar
from core.sla.clocks import SlaPolicy, SlaTarget

HOUR, MINUTE = 3600, 60
DEFAULT_CALENDAR = {"name": "Office hours (Berlin)", "tz": "Europe/Berlin", "holiday_calendar": "default",
                    "week": [[["08:00", "18:00"]]] * 5 + [[], []]}
DEFAULT_POLICY = {
    "name": "Standard support", "match": {"types": ["incident", "service_request"]},
    "targets": [
        {"priority": 1, "service_id": None, "response_s": 30 * MINUTE, "resolution_s": 4 * HOUR},
        {"priority": 2, "service_id": None, "response_s": 1 * HOUR, "resolution_s": 8 * HOUR},
        {"priority": 3, "service_id": None, "response_s": 4 * HOUR, "resolution_s": 24 * HOUR},
        {"priority": 4, "service_id": None, "response_s": 8 * HOUR, "resolution_s": 40 * HOUR},
        {"priority": 5, "service_id": None, "response_s": 16 * HOUR, "resolution_s": 80 * HOUR},
    ],
    "pause_states": ["on_hold"],
}


@dataclass(frozen=True)
class LoadedPolicy:
    """A stored policy ready to measure with: its row id, what it matches and the SlaPolicy."""

    id: str
    types: frozenset[str]
    service_ids: frozenset[str]
    policy: SlaPolicy
    # Services that name this policy (Service.sla_policy, issue 14): their tickets are measured by it first.
    named_by: frozenset[str] = frozenset()

    def matches(self, ticket_type: str, service_id: str | None) -> bool:
        return ((not self.types or ticket_type in self.types)
                and (not self.service_ids or service_id in self.service_ids))


_CACHE: OrderedDict[tuple, tuple[LoadedPolicy, ...]] = OrderedDict()  # built calendars keep their year tables


def install_defaults(session: Session) -> None:
    """Create the default calendar and policy when the store has no SLA policy at all."""
    if session.scalar(select(SlaPolicyRow.id).limit(1)) is not None:
        return
    now = utcnow()
    cal = session.scalar(select(BusinessCalendarRow).where(BusinessCalendarRow.name == DEFAULT_CALENDAR["name"]))
    if cal is None:
        cal = BusinessCalendarRow(name=DEFAULT_CALENDAR["name"], tz=DEFAULT_CALENDAR["tz"],
                                  week=json.dumps(DEFAULT_CALENDAR["week"]),
                                  holiday_calendar=DEFAULT_CALENDAR["holiday_calendar"], updated_at=now)
        session.add(cal)
        session.flush()
    session.add(SlaPolicyRow(name=DEFAULT_POLICY["name"], calendar_id=cal.id, position=0, active=True,
                             match=json.dumps(DEFAULT_POLICY["match"]), targets=json.dumps(DEFAULT_POLICY["targets"]),
                             pause_states=json.dumps(DEFAULT_POLICY["pause_states"]), updated_at=now))
    session.flush()


def calendar_from_row(row: BusinessCalendarRow, holidays: Iterable[date] = ()) -> BusinessCalendar:
    """The BusinessCalendar a stored row describes; ValidationError when the row is unusable."""
    try:
        week = json.loads(row.week)
        hours = {d: [tuple(iv) for iv in day] for d, day in enumerate(week) if day}
    except (ValueError, TypeError):
        raise ValidationError(f"The business hours of calendar {row.name!r} cannot be read.") from None
    return BusinessCalendar.from_hours(row.tz, hours, holidays)


def policy_from_row(row: SlaPolicyRow, calendar: BusinessCalendar) -> SlaPolicy:
    try:
        targets = tuple(SlaTarget(priority=int(t["priority"]), response_seconds=t.get("response_s"),
                                  resolution_seconds=t.get("resolution_s"), service_id=t.get("service_id"))
                        for t in json.loads(row.targets))
        pause = json.loads(row.pause_states) if row.pause_states else None
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ValidationError(f"The targets of SLA policy {row.name!r} cannot be read.") from None
    return SlaPolicy(name=row.name, calendar=calendar, targets=targets,
                     pause_states=frozenset(pause) if pause is not None else None)


def load_policies(session: Session) -> tuple[LoadedPolicy, ...]:
    """Active policies in order, built once per content (a few small reads when nothing changed).
    A policy whose stored data is unusable is left out rather than stopping every edit."""
    # Plain rows, not ORM objects: every ticket edit runs this, and the identity map cost more than the reads.
    pol, cal = SlaPolicyRow, BusinessCalendarRow
    rows = session.execute(select(pol.id, pol.name, pol.calendar_id, pol.match, pol.targets, pol.pause_states,
                                  pol.updated_at).where(pol.active.is_(True)).order_by(pol.position, pol.name)).all()
    if not rows:
        return ()
    cals = {c.id: c for c in session.execute(select(cal.id, cal.name, cal.tz, cal.week, cal.holiday_calendar))}
    names = {c.holiday_calendar for c in cals.values() if c.holiday_calendar}
    days: dict[str, list[date]] = {}
    if names:
        for name, day in session.execute(select(Holiday.calendar, Holiday.day).where(Holiday.calendar.in_(names))):
            days.setdefault(name, []).append(day)
    named: dict[str, set[str]] = {}
    # (Migrations before 0024 measure tickets too, on a service table without the column.)
    if any(r[1] == "sla_policy" for r in session.execute(text("PRAGMA table_info(service)"))):
        for service_id, policy_name in session.execute(select(Service.id, Service.sla_policy).where(
                Service.sla_policy.is_not(None), Service.active.is_(True))):
            named.setdefault((policy_name or "").lower(), set()).add(service_id)
    key = (tuple((r.id, r.updated_at, r.calendar_id, r.match, r.targets, r.pause_states) for r in rows),
           tuple(sorted((n, tuple(sorted(ids))) for n, ids in named.items())),
           tuple((c.id, c.tz, c.week, c.holiday_calendar) for c in cals.values()),
           tuple(sorted((n, tuple(sorted(d))) for n, d in days.items())))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    out = []
    built: dict[str, BusinessCalendar] = {}
    for row in rows:
        cal_row = cals.get(row.calendar_id)
        if cal_row is None:  # its calendar is gone: unusable like any other bad row
            continue
        try:
            if cal_row.id not in built:
                built[cal_row.id] = calendar_from_row(cal_row, days.get(cal_row.holiday_calendar, ()))
            policy = policy_from_row(row, built[cal_row.id])
            match = json.loads(row.match or "{}")
        except (ValidationError, ValueError, AttributeError):
            continue
        out.append(LoadedPolicy(row.id, frozenset(match.get("types") or ()), frozenset(match.get("service_ids") or ()),
                                policy, frozenset(named.get(row.name.lower(), ()))))
    _CACHE[key] = result = tuple(out)
    while len(_CACHE) > 4:
        _CACHE.popitem(last=False)
    return result


def choose_policy(policies: Iterable[LoadedPolicy], ticket_type: str, service_id: str | None) -> LoadedPolicy | None:
    """The policy the ticket's service names (when it covers the ticket's type), else the first that matches."""
    policies = tuple(policies)
    if service_id is not None:
        for p in policies:
            if service_id in p.named_by and (not p.types or ticket_type in p.types):
                return p
    return next((p for p in policies if p.matches(ticket_type, service_id)), None)


PRIORITIES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class PolicyInfo:
    """One policy as the dialog edits it. `week`: 7 tuples (Monday first) of ("HH:MM", "HH:MM");
    `targets`: (priority, response seconds or None, resolution seconds or None) for every service;
    service-specific targets stored with the policy are kept as they are. `pause_states` None: the
    workflow's hold states."""

    id: str | None
    name: str
    active: bool
    types: tuple[str, ...]
    calendar_name: str
    tz: str
    week: tuple[tuple[tuple[str, str], ...], ...]
    holiday_calendar: str | None
    targets: tuple[tuple[int, int | None, int | None], ...]
    pause_states: tuple[str, ...] | None


def list_policies(session: Session) -> tuple[PolicyInfo, ...]:
    cals = {c.id: c for c in session.scalars(select(BusinessCalendarRow))}
    out = []
    for row in session.scalars(select(SlaPolicyRow).order_by(SlaPolicyRow.position, SlaPolicyRow.name)):
        cal = cals[row.calendar_id]
        try:
            week = tuple(tuple((str(a), str(b)) for a, b in day) for day in json.loads(cal.week))
            targets = {t["priority"]: (t["priority"], t.get("response_s"), t.get("resolution_s"))
                       for t in json.loads(row.targets) if t.get("service_id") is None}
            match = json.loads(row.match or "{}")
            pause = json.loads(row.pause_states) if row.pause_states else None
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # unreadable rows are left alone rather than shown wrong
        out.append(PolicyInfo(id=row.id, name=row.name, active=row.active, types=tuple(match.get("types") or ()),
                              calendar_name=cal.name, tz=cal.tz, week=week, holiday_calendar=cal.holiday_calendar,
                              targets=tuple(targets.get(p, (p, None, None)) for p in PRIORITIES),
                              pause_states=tuple(pause) if pause is not None else None))
    return tuple(out)


def store_policy(session: Session, info: PolicyInfo) -> None:
    """Check and store a policy (and its calendar, shared with any policy naming the same calendar).
    Raises ValidationError and changes nothing when the policy cannot work. sla_store.save_policy also
    measures the open tickets again."""
    name = (info.name or "").strip()
    if not name:
        raise ValidationError("Give the policy a name.", field="name")
    hours = {d: list(day) for d, day in enumerate(info.week) if day}
    calendar = BusinessCalendar.from_hours(info.tz, hours)  # raises for an unknown zone or bad hours
    targets = tuple(SlaTarget(priority=p, response_seconds=r, resolution_seconds=s) for p, r, s in info.targets
                    if r is not None or s is not None)
    if not targets:
        raise ValidationError("Give at least one response or resolution target.", field="targets")
    SlaPolicy(name=name, calendar=calendar, targets=targets)  # raises for a target that is not a positive number
    clash = session.scalar(select(SlaPolicyRow.id).where(SlaPolicyRow.name == name))
    if clash is not None and clash != info.id:
        raise ValidationError(f"Another policy is already called {name!r}.", field="name")
    now = utcnow()
    cal = session.scalar(select(BusinessCalendarRow).where(BusinessCalendarRow.name == info.calendar_name.strip()))
    if cal is None:
        cal = BusinessCalendarRow(name=info.calendar_name.strip() or name)
        session.add(cal)
    cal.tz, cal.week, cal.updated_at = info.tz, json.dumps([list(map(list, day)) for day in info.week]), now
    cal.holiday_calendar = (info.holiday_calendar or "").strip() or None
    session.flush()
    if info.id is None:
        row = SlaPolicyRow(name=name, position=(session.scalar(select(SlaPolicyRow.position)
                                                               .order_by(SlaPolicyRow.position.desc())) or 0) + 1)
        session.add(row)
    else:
        found = session.get(SlaPolicyRow, info.id)
        if found is None:
            raise NotFoundError("That policy no longer exists.")
        row = found
    kept = [t for t in json.loads(row.targets or "[]") if t.get("service_id") is not None]
    row.name, row.active, row.calendar_id, row.updated_at = name, info.active, cal.id, now
    row.match = json.dumps({"types": list(info.types)} if info.types else {})
    row.targets = json.dumps([{"priority": t.priority, "service_id": None, "response_s": t.response_seconds,
                               "resolution_s": t.resolution_seconds} for t in targets] + kept)
    row.pause_states = json.dumps(list(info.pause_states)) if info.pause_states is not None else None
    session.flush()
