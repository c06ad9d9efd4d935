"""Demo change management: standard-change catalogue, maintenance and blackout windows, holidays, changes."""
# The changes span the past months and the next 8 weeks, with the conflicts a real calendar has.

from __future__ import annotations

import itertools
import json
import random
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.changes.schedules import MaintenanceWindow, Scope, expand
from app.config import CAB_GROUP_DEFAULT
from app.demo.change_vocabulary import (
    CAB_COMMENTS,
    CLOSE_NOTES,
    EMERGENCY_TITLES,
    MONTH_END_SERVICES,
    NETWORK_SERVICES,
    NORMAL_TITLES,
    PATCH_SERVICES,
    REJECT_COMMENTS,
    TEMPLATES,
    WEEKLY_SERVICES,
)
from app.demo.desk import Desk
from core.changes.risk import assess_risk

MIN_CHANGES, MAX_CHANGES = 60, 10_000
FUTURE_DAYS = 56
BERLIN = "Europe/Berlin"


def _t(dt: datetime) -> str:
    """The text SQLAlchemy writes for a (UTC or naive) datetime on SQLite."""
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


class _Writer:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows: dict[str, list[tuple]] = defaultdict(list)

    def add(self, table: str, **values) -> None:
        self.rows[table].append((tuple(values), tuple(values.values())))

    def flush(self) -> None:
        for table, rows in self.rows.items():
            cols = rows[0][0]
            sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
            self.con.executemany(sql, [r[1] for r in rows])
        self.rows.clear()


@dataclass(frozen=True)
class ChangeDemo:
    changes: int
    audit_events: int


def generate_changes(con: sqlite3.Connection, desk: Desk, *, seed: int, tickets: int, now: datetime) -> ChangeDemo:
    """Write the change demo through `con` (inside the caller's transaction); returns what it wrote.
    Deterministic for (seed, tickets, now); own RNG, so ticket generation is unaffected."""
    rng = random.Random(f"changes-{seed}")
    bits = rng.getrandbits

    def uuid7(at: datetime) -> str:
        ms, r = int(at.timestamp() * 1000), bits(74)
        variant = 0x8000 | (r >> 48) & 0x3FFF
        return f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{r >> 62:03x}-{variant:04x}-{r & 0xFFFFFFFFFFFF:012x}"

    w = _Writer(con)
    events = itertools.count(1)  # audit events are numbered (app.models.audit); unique per change and time

    def event_id() -> int:  # drawing the bits the event's UUID took before, so a seed makes the same desk
        bits(74)
        return next(events)
    n = max(MIN_CHANGES, min(MAX_CHANGES, tickets // 100))
    past_days = 180 if n <= 2000 else 365
    service_ids = {name: sid for name, (sid, _) in desk.services.items()}
    crit = {row[0]: row[5] for row in desk.rows["configuration_item"]}
    group_of = {row[0]: row[3] for row in desk.rows["service"]}  # service id -> owner group
    windows = _windows(w, uuid7, service_ids, now)
    _holidays(w, uuid7, now)
    templates = _templates(w, uuid7, now - timedelta(days=past_days + 30))
    incidents = [r[0] for r in con.execute("SELECT id FROM ticket WHERE type = 'incident' ORDER BY row_id DESC "
                                           "LIMIT 400")]
    problems = [r[0] for r in con.execute("SELECT id FROM ticket WHERE type = 'problem' ORDER BY row_id DESC "
                                          "LIMIT 100")]
    # The approving group of the cab_group setting's default: six agents and the desk's own user (so the
    # demo shows approvals that can be recorded); every demo decision is made by one of its members.
    cab = sorted({p for people in desk.members.values() for p in people})[:6]
    cab_id = uuid7(now - timedelta(days=past_days + 30))
    w.add("group", id=cab_id, name=CAB_GROUP_DEFAULT, description="Change Advisory Board: approves normal and "
          "emergency changes.")
    for person in sorted(set(cab) | {desk.me}):
        w.add("group_member", group_id=cab_id, person_id=person)
    my_groups = sorted(g for g, people in desk.members.items() if desk.me in people)
    history: dict[str, list[str]] = defaultdict(list)
    made = _plan(rng, n, past_days, now, desk, windows, service_ids)
    numbered = sorted(made, key=lambda m: m["created"])
    for k, m in enumerate(numbered, 1):
        m["number"] = f"CHG{k:06d}"
    for m in sorted(numbered, key=lambda m: m["start"] or now):
        cis = m["cis"]
        svc = m["service"]
        group = group_of[service_ids[svc]]
        members = desk.members.get(group) or [desk.me]
        assignee = members[rng.randrange(len(members))]
        if m.get("mine") and my_groups:
            group, assignee = my_groups[0], desk.me
        twin = m.get("twin")
        if twin is not None and "drawn" in twin:  # the deliberate double booking
            group, assignee = twin["drawn"]
        m["drawn"] = (group, assignee)
        ctype = m["type"]
        tpl = templates[rng.randrange(len(templates))] if ctype == "standard" else None
        ci_name = m["ci_names"][0]
        if tpl:
            title = f"{tpl[1]}: {ci_name}"
        else:
            pool = EMERGENCY_TITLES if ctype == "emergency" else NORMAL_TITLES
            title = pool[rng.randrange(len(pool))].format(ci=ci_name)
        created = m["created"]
        risk = assess_risk(change_type=ctype, planned_start=m["start"] or created + timedelta(days=3650),
                           now=created, ci_criticalities=[crit[c] for c in cis],
                           past_outcomes=[o for c in cis for o in history[c]])
        level, overridden, reason = risk.level, False, None
        if ctype != "standard" and rng.random() < 0.06:
            level = "high" if risk.level != "high" else "moderate"
            overridden, reason = True, ("Vendor reported issues with this version." if level == "high"
                                        else "Tested twice in staging; rollback is quick.")
        state, outcome = m["state"], m.get("outcome")
        actual_start = m["start"] + timedelta(minutes=rng.choice((0, 0, 5, 10))) \
            if state in ("implement", "review", "closed") and m["start"] else None
        actual_end = m["end"] + timedelta(minutes=rng.choice((-10, 0, 5, 20))) \
            if state in ("review", "closed") and m["end"] else None
        closed_at = (actual_end or m["end"] or created) + timedelta(hours=rng.randint(2, 50)) \
            if state in ("closed", "canceled") else None
        updated = min(now, closed_at or actual_end or actual_start or created + timedelta(hours=rng.randint(1, 48)))
        cid = uuid7(created)
        plans = tpl[4:7] if tpl else (
            f"1. Announce the change.\n2. Take a backup of {ci_name}.\n3. Carry out the change on {ci_name}.\n"
            "4. Verify.",
            f"Restore {ci_name} from the backup taken in step 2.",
            "Smoke tests of the service and monitoring green for 30 minutes.")
        w.add("change", id=cid, number=m["number"], title=title, description=f"Change to {svc}.",
              change_type=ctype, template_id=tpl[0] if tpl else None, state=state, risk=level,
              risk_proposed=risk.level, risk_overridden=int(overridden), risk_reason=reason,
              planned_start=_t(m["start"]) if m["start"] else None, planned_end=_t(m["end"]) if m["end"] else None,
              actual_start=_t(actual_start) if actual_start else None,
              actual_end=_t(actual_end) if actual_end else None, requester_id=None, group_id=group,
              assignee_id=assignee, implementation_plan=plans[0], backout_plan=plans[1], test_plan=plans[2],
              outcome=outcome, close_notes=CLOSE_NOTES.get(outcome or ""), created_at=_t(created),
              updated_at=_t(updated), closed_at=_t(closed_at) if closed_at else None)
        for ci in cis:
            w.add("change_ci", change_id=cid, ci_id=ci)
            if outcome:
                history[ci].append(outcome)
        w.add("audit_event", id=event_id(), entity="change", entity_id=cid, field="created", old_value=None,
              new_value=m["number"], actor_id=assignee, at=_t(created), batch_id=None)
        if state != "new":
            w.add("audit_event", id=event_id(), entity="change", entity_id=cid, field="state", old_value="new",
                  new_value=state, actor_id=assignee, at=_t(updated), batch_id=None)
        _approvals(w, rng, uuid7, cab, cid, ctype, state, created)
        if ctype == "emergency" and incidents:
            _link(w, uuid7, cid, incidents[rng.randrange(len(incidents))], "fixes", created)
        elif ctype == "normal" and problems and rng.random() < 0.15:
            _link(w, uuid7, cid, problems[rng.randrange(len(problems))], "fixes", created)
        if outcome == "failed" and incidents:
            _link(w, uuid7, cid, incidents[rng.randrange(len(incidents))], "caused_by", updated)
    audits = len(w.rows["audit_event"])
    w.flush()
    con.execute("INSERT INTO number_sequence (prefix, next_value) VALUES ('CHG', ?) ON CONFLICT (prefix) "
                "DO UPDATE SET next_value = max(next_value, excluded.next_value)", (len(numbered) + 1,))
    return ChangeDemo(changes=len(numbered), audit_events=audits)


def _approvals(w: _Writer, rng: random.Random, uuid7: Callable, cab: list[str], cid: str, ctype: str, state: str,
               created: datetime) -> None:
    if ctype == "standard" or state in ("new", "assess") or not cab:
        return
    voters = rng.sample(cab, min(len(cab), 1 if ctype == "emergency" else rng.randint(2, 3)))
    for i, person in enumerate(voters):
        at = created + timedelta(hours=4 + 3 * i)
        decision = "approved"
        comment = CAB_COMMENTS[rng.randrange(len(CAB_COMMENTS))]
        if state == "authorize":
            roll = rng.random()
            decision = "pending" if roll < 0.4 else "rejected" if roll < 0.5 else "approved"
            comment = REJECT_COMMENTS[i % 2] if decision == "rejected" else comment if decision == "approved" else ""
        elif state == "canceled" and i == 0:
            decision, comment = "rejected", REJECT_COMMENTS[0]
        w.add("cab_approval", id=uuid7(at), change_id=cid, approver_id=person, decision=decision, comment=comment,
              decided_at=_t(at))


def _link(w: _Writer, uuid7: Callable, cid: str, ticket_id: str, kind: str, at: datetime) -> None:
    w.add("change_link", id=uuid7(at), change_id=cid, ticket_id=ticket_id, kind=kind, created_at=_t(at))


def _templates(w: _Writer, uuid7: Callable, at: datetime) -> list[tuple]:
    out = []
    for name, desc, risk, minutes, impl, back, test in TEMPLATES:
        tid = uuid7(at)
        w.add("change_template", id=tid, name=name, description=desc, implementation_plan=impl, backout_plan=back,
              test_plan=test, risk=risk, duration_minutes=minutes, active=1)
        out.append((tid, name, risk, minutes, impl, back, test))
    return out


def _windows(w: _Writer, uuid7: Callable, service_ids: dict[str, str], now: datetime) -> dict[str, MaintenanceWindow]:
    """Store the windows; return the maintenance ones per service name (for placing changes in them)."""
    year = now.year
    first_sunday = datetime(year - 1, 1, 1, 2, 0)
    first_sunday += timedelta(days=(6 - first_sunday.weekday()) % 7)
    specs = (
        ("maintenance", "Sunday maintenance", first_sunday, 240, BERLIN, "FREQ=WEEKLY;BYDAY=SU", WEEKLY_SERVICES, 1),
        ("maintenance", "Monthly patch window", datetime(year - 1, 1, 1, 22, 0), 360, BERLIN,
         "FREQ=MONTHLY;BYDAY=2SA", PATCH_SERVICES, 1),
        ("maintenance", "Network change window", datetime(year - 1, 1, 1, 21, 0), 120, BERLIN,
         "FREQ=WEEKLY;BYDAY=TU,TH", NETWORK_SERVICES, 1),
        ("blackout", "Year-end freeze", datetime(year - 1, 12, 20, 0, 0), 15 * 24 * 60, BERLIN, "FREQ=YEARLY", (), 1),
        ("blackout", "Month-end close", datetime(year - 1, 1, 31, 18, 0), 30 * 60, BERLIN,
         "FREQ=MONTHLY;BYMONTHDAY=-1", MONTH_END_SERVICES, 0),
    )
    maintenance: dict[str, MaintenanceWindow] = {}
    stamp = now - timedelta(days=400)
    for kind, name, start, minutes, tz, rule, services, blocking in specs:
        wid = uuid7(stamp)
        ids = [service_ids[s] for s in services if s in service_ids]
        w.add("schedule_window", id=wid, kind=kind, name=name, start_local=_t(start), duration_minutes=minutes, tz=tz,
              rrule=rule, everything=int(not services), ci_ids="[]", service_ids=json.dumps(ids), blocking=blocking,
              updated_at=_t(stamp))
        if kind == "maintenance":
            mw = MaintenanceWindow(wid, name, start, timedelta(minutes=minutes), tz,
                                   Scope(service_ids=frozenset(ids)), rule)
            for s in services:
                maintenance[s] = mw
    return maintenance


def _holidays(w: _Writer, uuid7: Callable, now: datetime) -> None:
    stamp = now - timedelta(days=400)
    for year in (now.year - 1, now.year, now.year + 1):
        for month, day, name in ((1, 1, "New Year's Day"), (5, 1, "Labour Day"), (10, 3, "Day of German Unity"),
                                 (12, 24, "Christmas Eve"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day"),
                                 (12, 31, "New Year's Eve")):
            w.add("holiday", id=uuid7(stamp), calendar="default", day=date(year, month, day).isoformat(), name=name,
                  source_uid=None)


def _plan(rng: random.Random, n: int, past_days: int, now: datetime, desk: Desk,
          windows: dict[str, MaintenanceWindow], service_ids: dict[str, str]) -> list[dict]:
    """When, what and in which state: most changes in their service's window, a share deliberately not
    (outside windows, inside the year-end freeze, the same CI or assignee twice at once)."""
    lo, hi = now - timedelta(days=past_days), now + timedelta(days=FUTURE_DAYS)
    slots = {name: expand(mw, lo, hi) for name, mw in windows.items()}
    services = sorted(desk.services)
    out: list[dict] = []
    future: list[dict] = []
    for _ in range(n):
        svc = services[rng.randrange(len(services))]
        cis_all = desk.services[svc][1]
        picked = rng.sample(cis_all, min(len(cis_all), rng.choice((1, 1, 1, 2, 3))))
        roll = rng.random()
        ctype = "standard" if roll < 0.45 else "normal" if roll < 0.9 else "emergency"
        in_future = rng.random() < 0.35
        ahead = FUTURE_DAYS if ctype != "emergency" else 4  # an emergency is due within days
        day = lo + timedelta(days=rng.random() * past_days) if not in_future else \
            now + timedelta(days=rng.random() * ahead)
        minutes = rng.choice((30, 60, 90, 120, 180, 240))
        start = None
        if svc in slots and slots[svc] and rng.random() < 0.88:
            near = min(slots[svc], key=lambda iv: abs((iv.start - day).total_seconds()))
            start = near.start + timedelta(minutes=30 * rng.randrange(2))
            minutes = min(minutes, int((near.end - start).total_seconds() // 60))
        if start is None:
            hour = rng.choice((18, 19, 20, 21)) if ctype != "emergency" else rng.randrange(24)
            start = day.replace(hour=hour, minute=rng.choice((0, 30)), second=0, microsecond=0)
        if _in_freeze(start) or _in_freeze(start + timedelta(minutes=minutes)):
            # Nobody plans into the year-end freeze (a few do below, on purpose, as conflicts). Three
            # weeks keep a weekly window's weekday and hour, so the change stays inside its window.
            start += timedelta(days=21) if start + timedelta(days=21) < hi else -timedelta(days=21)
        m = {"service": svc, "cis": tuple(c for c, _ in picked), "ci_names": tuple(nm for _, nm in picked),
             "type": ctype, "start": start, "end": start + timedelta(minutes=minutes)}
        lead = timedelta(hours=rng.randint(2, 12)) if ctype == "emergency" else timedelta(days=rng.randint(3, 20))
        m["created"] = min(now - timedelta(hours=1), start - lead)
        _state(rng, m, now)
        if m["state"] not in ("closed", "canceled") and (m["start"] is None or m["start"] > now):
            future.append(m)
        out.append(m)
    _conflicts(rng, future, now)
    # A change or two under way right now, so Implement is not an empty state.
    for m in [m for m in future if m["start"] is not None and m["type"] != "standard"][:2]:
        m["start"] = now - timedelta(minutes=30 * (1 + rng.randrange(3)))
        m["end"] = m["start"] + timedelta(hours=3)
        m["state"] = "implement"
        m["created"] = min(m["created"], m["start"] - timedelta(days=2))
    mine = [m for m in future if m["state"] not in ("closed", "canceled")][:: max(1, len(future) // 8)]
    for m in mine[:8]:
        m["mine"] = True
    return out


def _in_freeze(at: datetime) -> bool:
    local = at.astimezone(ZoneInfo(BERLIN))
    return (local.month, local.day) >= (12, 20) or (local.month, local.day) <= (1, 3)


def _state(rng: random.Random, m: dict, now: datetime) -> None:
    start, end = m["start"], m["end"]
    if end < now:
        if now - end < timedelta(days=3) and rng.random() < 0.5:
            m["state"] = "review"
        elif rng.random() < 0.05:
            m["state"] = "canceled"
        else:
            roll = rng.random()
            m["state"] = "closed"
            m["outcome"] = "successful" if roll < 0.86 else "failed" if roll < 0.93 else "backed_out"
    elif start <= now:
        m["state"] = "implement"
    else:
        ahead = (start - now).days
        order = ("scheduled", "authorize", "assess", "new") if ahead < 14 else ("authorize", "assess", "new",
                                                                                  "scheduled")
        pick = order[min(3, int(rng.random() ** 1.6 * 4))]
        if m["type"] == "standard" and pick in ("assess", "authorize"):
            pick = "scheduled"
        if m["type"] == "emergency" and pick == "assess":
            pick = "authorize"
        m["state"] = pick
        if pick == "new" and rng.random() < 0.35:
            m["start"] = m["end"] = None  # not planned yet


def _conflicts(rng: random.Random, future: list[dict], now: datetime) -> None:
    """Deliberate clashes among the upcoming changes: a CI twice at once, an assignee double-booked
    (resolved later, once assignees are drawn) and a few changes waiting inside the year-end freeze."""
    planned = [m for m in future if m["start"] is not None]
    if len(planned) < 4:
        return
    for k in range(max(2, len(planned) // 25)):
        a, b = rng.sample(planned, 2)
        b["start"], b["end"] = a["start"] + timedelta(minutes=30), a["end"] + timedelta(minutes=30)
        if k % 2:
            b["twin"] = a  # same assignee at the same time, other CIs
        else:
            pairs = tuple(dict.fromkeys(zip(a["cis"][:1] + b["cis"], a["ci_names"][:1] + b["ci_names"], strict=True)))
            b["cis"], b["ci_names"] = tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)
            b["service"] = a["service"]
    freeze = datetime(now.year, 12, 21, 9, 0, tzinfo=UTC)
    if now < freeze < now + timedelta(days=FUTURE_DAYS):
        for m in rng.sample(planned, min(3, len(planned))):
            m["start"] = freeze + timedelta(days=rng.randrange(8), hours=rng.randrange(8))
            m["end"] = m["start"] + timedelta(hours=2)
            m["state"] = "authorize" if m["type"] != "standard" else "new"
