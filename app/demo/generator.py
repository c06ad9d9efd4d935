"""Generate a deterministic, realistic demo desk into a store, bulk-loaded through raw SQLite."""

from __future__ import annotations

import json
import math
import random
import sqlite3
import time
import unicodedata
from bisect import bisect
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

from app.demo import vocabulary as V
from app.services.links import LINK_KINDS
from app.services.priority import DEFAULT_MATRIX
from app.services.workflow import TYPE_PREFIX, WORKFLOWS
from app.store import StoreError, open_store

VERSION = 1  # bump whenever the same seed starts giving other rows (bench caches check it)
CHUNK = 25_000  # tickets per transaction; about 3x as many worklog and 4.5x as many audit rows ride along
MINUTE, HOUR, DAY = 60_000, 3_600_000, 86_400_000
DAYS = 730
RESPOND = {1: 10 * MINUTE, 2: 30 * MINUTE, 3: 2 * HOUR, 4: 4 * HOUR, 5: 8 * HOUR}  # medians, by priority
RESOLVE = {1: 4 * HOUR, 2: 12 * HOUR, 3: 30 * HOUR, 4: 60 * HOUR, 5: 100 * HOUR}
HOLD = {"awaiting_caller": 36 * HOUR, "awaiting_vendor": 4 * DAY, "awaiting_change": 3 * DAY,
        "awaiting_problem": 8 * DAY}
HOUR_SHAPE = (.04, .03, .03, .03, .05, .1, .3, .7, 1.2, 1.5, 1.5, 1.3, .9, 1.2, 1.4, 1.3, 1, .6, .35, .25, .2,
              .15, .1, .06)
WEEKDAY_SHAPE = (1.2, 1.1, 1.05, 1, .85, .15, .12)
NOTE_COUNTS = (0, 0, 0, 0, 1, 1, 1, 1, 2, 2)
# Explicit columns: a column added to a model later stays at its default instead of shifting values.
COLUMNS = {
    "group": "id name description", "person": "id name email is_agent department active",
    "group_member": "group_id person_id", "service": "id name description owner_group_id",
    "configuration_item": "id name ci_class parent_id service_id criticality", "category": "id name parent_id",
    "ticket": "row_id id type number title description state is_open on_hold_reason impact urgency priority "
              "priority_overridden category_id service_id ci_id requester_id group_id assignee_id channel "
              "created_at updated_at first_response_at resolved_at closed_at resolution_code resolution_notes "
              "csat_score reopen_count",
    "worklog_entry": "id ticket_id kind author_id body time_spent_minutes created_at",
    "audit_event": "id entity entity_id field old_value new_value actor_id at",
    "ticket_link": "id source_id target_id kind created_at", "ticket_fts": "rowid number title description worklog",
}
LOADING_KEY = "demo_loading"  # store_meta: the parked FTS triggers while a load runs

Progress = Callable[[str, int, int], None]


class DemoError(StoreError):
    """The demo cannot go into this store; the message is written for the user. A StoreError, so
    callers that report store problems report this one too."""


@dataclass(frozen=True)
class DemoSummary:
    """What `generate` made, and how long it took."""

    tickets: int
    open_tickets: int
    worklogs: int
    audit_events: int
    links: int
    agents: int
    requesters: int
    groups: int
    categories: int
    services: int
    configuration_items: int
    seconds: float


class Choice:
    """A weighted draw by bisecting cumulative weights: one random() per draw, unlike random.choices."""

    def __init__(self, items, weights) -> None:
        self.items, self.cum, acc = tuple(items), [], 0.0
        for w in weights:
            acc += w
            self.cum.append(acc)

    def __call__(self, r: Callable[[], float]):
        return self.items[bisect(self.cum, r() * self.cum[-1])]


def uuid7_maker(rng: random.Random) -> Callable[[int], str]:
    """UUIDv7 strings from a millisecond time and the seeded RNG: time-ordered and reproducible."""
    bits = rng.getrandbits

    def uuid7(ms: int) -> str:
        r = bits(74)
        return "%08x-%04x-7%03x-%04x-%012x" % (ms >> 16, ms & 0xFFFF, r >> 62, 0x8000 | (r >> 48) & 0x3FFF,
                                                r & 0xFFFFFFFFFFFF)
    return uuid7


class Clock:
    """Epoch milliseconds -> the text SQLAlchemy writes for a UTC datetime on SQLite.

    Called about 12 times per ticket, so it only looks up and concatenates: a string per day, per
    minute of the day and per millisecond of the minute (60,000 short strings, about 4 MB).
    """

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._hhmm = tuple(" %02d:%02d:" % divmod(m, 60) for m in range(1440))
        self._ssms = tuple("%02d.%03d000" % divmod(ms, 1000) for ms in range(MINUTE))

    def __call__(self, ms: int) -> str:
        day, rest = divmod(ms, DAY)
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        minute, rest = divmod(rest, MINUTE)
        return text + self._hhmm[minute] + self._ssms[rest]


def _slots_class(pools: dict[str, tuple[str, ...]], r: Callable[[], float]) -> type[dict]:
    class Slots(dict):
        """Template fields filled on first use, so one ticket names the same CI or colleague throughout."""

        def __missing__(self, key: str) -> str:
            pool = pools[key]
            value = self[key] = pool[int(r() * len(pool))]
            return value
    return Slots


@dataclass
class Desk:
    """The reference rows, plus the lookups ticket making needs."""

    rows: dict[str, list[tuple]]
    me: str
    service_desk: str
    group_names: dict[str, str]  # id -> name
    members: dict[str, list[str]]  # group id -> agent ids
    requesters: list[tuple[str, str]]  # (id, first name)
    monitor: str
    services: dict[str, tuple[str, list[tuple[str, str]]]]  # name -> (id, [(ci id, ci name)])
    leaves: list[tuple[V.Leaf, str, str]]  # (leaf, category id, group id)
    pools: dict[str, tuple[str, ...]]


def build_desk(rng: random.Random, uuid7: Callable[[int], str], *, tickets: int, before: int) -> Desk:
    """Groups, agents, requesters, services, CIs and categories, scaled a little with `tickets`."""
    r = rng.random
    rows: dict[str, list[tuple]] = {k: [] for k in ("group", "person", "group_member", "service",
                                                    "configuration_item", "category")}
    emails: dict[str, int] = {}
    services: dict[str, tuple[str, list[tuple[str, str]]]] = {}

    def new_id() -> str:  # reference rows predate the first ticket
        return uuid7(before - int(r() * 400 * DAY))

    def person(is_agent: bool, department: str) -> tuple[str, str]:
        if r() < 0.04:
            name, first, local = V.CJK_NAMES[int(r() * len(V.CJK_NAMES))]
        else:
            first, last = V.FIRST_NAMES[int(r() * len(V.FIRST_NAMES))], V.LAST_NAMES[int(r() * len(V.LAST_NAMES))]
            initial = chr(65 + int(r() * 26)) if r() < 0.3 else ""
            name = f"{first} {initial}. {last}" if initial else f"{first} {last}"
            parts = ".".join(p for p in (first, initial, last) if p).translate(V.EMAIL_FOLD)
            local = "".join(c for c in unicodedata.normalize("NFKD", parts) if c.isascii()).lower()
        n = emails[local] = emails.get(local, 0) + 1
        pid = new_id()
        rows["person"].append((pid, name, f"{local}{n if n > 1 else ''}@{V.EMAIL_DOMAIN}", int(is_agent),
                               department, int(is_agent or r() > 0.03)))
        return pid, first

    def ci(service: str, name: str, ci_class: str, parent: str | None, crit: int) -> str:
        cid = new_id()
        rows["configuration_item"].append((cid, name, ci_class, parent, services[service][0], crit))
        services[service][1].append((cid, name))
        return cid

    group_ids = {name: new_id() for name, _, _ in V.GROUPS}
    rows["group"] = [(group_ids[name], name, text) for name, text, _ in V.GROUPS]
    members: dict[str, list[str]] = {gid: [] for gid in group_ids.values()}
    draw_group = Choice(group_ids.values(), [share for _, _, share in V.GROUPS])
    for k in range(min(120, 60 + tickets // 20_000)):
        pid = person(True, "IT")[0]
        # Two agents per group first, so every group can take tickets, then by each group's share.
        mine = {list(group_ids.values())[k // 2] if k < 2 * len(group_ids) else draw_group(r)}
        if r() < 0.25:
            mine.add(draw_group(r))
        for gid in sorted(mine):
            members[gid].append(pid)
            rows["group_member"].append((gid, pid))
    requesters = [person(False, V.DEPARTMENTS[int(r() * len(V.DEPARTMENTS))])
                  for _ in range(min(20_000, max(200, tickets // 50)))]
    colleagues = tuple(row[1] for row in rows["person"])
    monitor = new_id()
    rows["person"].append((monitor, "Monitoring (Zabbix)", f"monitoring@{V.EMAIL_DOMAIN}", 0, "IT", 1))

    for name, owner, crit, app_name, prefix, has_db in V.SERVICES:
        services[name] = (new_id(), [])
        rows["service"].append((services[name][0], name, f"{name}, run by {owner}.", group_ids[owner]))
        app = ci(name, app_name, "application", None, crit)
        for c, (_, code) in enumerate(rng.sample(V.SITES, 1 + (r() < 0.5))):
            cluster = ci(name, f"{prefix}-{code}-cl{c + 1}", "cluster", app, crit)
            for h in range(rng.randint(3, 6 + tickets // 250_000)):
                ci(name, f"{prefix}-{code}-{c + 1}{h + 1:02d}", "server", cluster, min(4, crit + (r() < 0.5)))
        if has_db:
            ci(name, f"{prefix}-db01", "database", app, crit)
    printers = []
    for _, code in V.SITES:
        core = ci("Corporate Network", f"sw-{code}-core01", "network", services["Corporate Network"][1][0][0], 1)
        for k in range(rng.randint(1, 3)):
            ci("Corporate Network", f"sw-{code}-acc{k + 1:02d}", "network", core, 2)
        for k in range(rng.randint(2, 4)):
            ci("Wi-Fi", f"ap-{code}-{k + 1:02d}", "network", services["Wi-Fi"][1][0][0], 3)
        for k in range(rng.randint(2, 3)):
            printers.append(f"PRN-{code.upper()}-{k + 1:02d}")
            ci("Printing", printers[-1], "printer", services["Printing"][1][0][0], 4)

    parents: dict[str, str] = {}
    leaves = []
    for leaf in V.LEAVES:
        if leaf.parent not in parents:
            parents[leaf.parent] = new_id()
            rows["category"].append((parents[leaf.parent], leaf.parent, None))
        leaves.append((leaf, new_id(), group_ids[leaf.group]))
        rows["category"].append((leaves[-1][1], leaf.name, parents[leaf.parent]))
    service_desk = group_ids[V.SERVICE_DESK]
    servers = tuple(row[1] for row in rows["configuration_item"] if row[2] == "server")
    pools = dict(V.SLOTS, colleague=colleagues, printer=tuple(printers), service=tuple(services),
                 other_group=tuple(group_ids), ci=servers)
    return Desk(rows=rows, me=members[service_desk][0], service_desk=service_desk,
                group_names={gid: name for name, gid in group_ids.items()}, members=members,
                requesters=requesters, monitor=monitor, services=services, leaves=leaves, pools=pools)


def _arrivals(rng: random.Random, start: int, tickets: int) -> Iterator[int]:
    """Creation times in order: weekday and hour seasonality, mild growth, a quiet Christmas week."""
    first = date(1970, 1, 1) + timedelta(days=start // DAY)
    cum, acc = [], 0.0
    for d in range(DAYS):
        day = first + timedelta(days=d)
        w = WEEKDAY_SHAPE[day.weekday()] * (0.8 + 0.4 * d / DAYS)
        if (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1):
            w *= 0.3
        for shape in HOUR_SHAPE:
            acc += w * shape
            cum.append(acc)
    r, done = rng.random, 0
    for h, upto in enumerate(cum):
        n = round(tickets * upto / acc) - done
        done += n
        for k in range(n):  # stratified within the hour, so times come out sorted
            yield start + h * HOUR + int((k + r()) * HOUR / n)


class _Tickets:
    """Makes tickets in creation order, each with its worklog, audit trail, links and search row."""

    def __init__(self, rng: random.Random, uuid7, desk: Desk, *, tickets: int, start: int, end: int) -> None:
        self.rng, self.r, self.uuid7, self.desk, self.end, self.ts = rng, rng.random, uuid7, desk, end, Clock()
        self.arrivals = _arrivals(rng, start, tickets)
        self.slots = _slots_class(desk.pools, rng.random)
        self.kinds = {t: {s.key: s.kind for s in wf.states} for t, wf in WORKFLOWS.items()}
        self.numbers = dict.fromkeys(TYPE_PREFIX.values(), 0)
        self.row_id = self.open = self.worklogs = self.audit = self.links = 0
        specs, index = [spec for spec, _, _ in desk.leaves], range(len(desk.leaves))
        self.leaf = {"incident": Choice(index, [s.incident_weight * bool(s.incidents) for s in specs]),
                     "service_request": Choice(index, [s.request_weight * bool(s.requests) for s in specs]),
                     "monitoring": Choice(index, [s.incident_weight * s.monitored for s in specs])}
        self.leaf["problem"] = self.leaf["incident"]
        # Impact x urgency cells weighted so the default matrix gives P1 1 %, P2 5 %, P3 30 %, P4 44 %, P5 20 %.
        self.cells = Choice([(1, 1), (1, 2), (2, 1), (1, 3), (2, 2), (3, 1), (2, 3), (3, 2), (3, 3)],
                            [1, 2, 3, 5, 17, 8, 24, 20, 20])
        channels = ("portal", "email", "phone", "chat", "walk_in")
        self.channels = {"incident": Choice(channels, (34, 26, 22, 12, 6)),
                         "service_request": Choice(channels, (70, 15, 7, 6, 2)), "problem": Choice(["portal"], [1])}
        self.codes = {"incident": Choice(("solved_permanently", "solved_workaround", "not_reproducible",
                                          "no_fault_found", "user_error"), (55, 15, 7, 8, 15)),
                      "service_request": Choice(["solved_permanently"], [1]),
                      "problem": Choice(("solved_permanently", "solved_workaround"), (70, 30))}
        self.csat = Choice((5, 4, 3, 2, 1), (45, 30, 12, 7, 6))
        self.holds = {"incident": Choice(tuple(HOLD), (50, 20, 15, 15)),
                      "service_request": Choice(("awaiting_caller", "awaiting_vendor"), (60, 40))}
        # The desk's user gets open tickets only from _assign_me, which hands out an exact handful.
        self.open_members = {g: [p for p in m if p != desk.me] for g, m in desk.members.items()}
        self.plans = {"incident": self._incident, "service_request": self._request, "problem": self._problem}

    def _pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def _ln(self, median: float, cap: float) -> int:
        """A log-normal duration around `median` (sigma 1), capped: the long tail of real tickets."""
        return int(min(median * math.exp(self.rng.gauss(0.0, 1.0)), cap)) + 1

    # A plan is the list of state moves [(ms, state, hold reason)] a ticket would make, whether or not
    # they happen before `end`, and whether its first move comes with a reply to the requester.
    def _work(self, moves: list, created: int, start: int, resolve: float, hold: float, ttype: str) -> int:
        """In progress from `start`, perhaps with a hold on the way; returns when the work is done."""
        moves.append((start, "in_progress", None))
        done = max(created + self._ln(resolve, 30 * DAY), start + 10 * MINUTE)
        if self.r() < hold:
            why = self.holds[ttype](self.r)
            held = start + (done - start) // 3 + MINUTE
            back = held + self._ln(HOLD[why], 20 * DAY)
            moves += [(held, "on_hold", why), (back, "in_progress", None)]
            done = max(done, back + self._ln(4 * HOUR, 3 * DAY))
        return done

    def _finish(self, moves: list, done: int, resolved: str, reopen: float, back: str, close_after: int) -> list:
        moves.append((done, resolved, None))
        if self.r() < reopen:
            again = done + self._ln(DAY, 10 * DAY)
            done = again + self._ln(DAY, 10 * DAY)
            moves += [(again, back, None), (done, resolved, None)]
        moves.append((done + close_after + int(self.r() * HOUR), "closed", None))  # closed by the auto-close job
        return moves

    def _incident(self, created: int, prio: int) -> tuple[list, bool]:
        if self.r() < 0.03:
            return [(created + self._ln(2 * HOUR, 5 * DAY), "canceled", None)], False
        moves: list = []
        start = created + self._ln(RESPOND[prio], 2 * DAY)
        done = self._work(moves, created, start, RESOLVE[prio], 0.15, "incident")
        return self._finish(moves, done, "resolved", 0.03, "in_progress", 3 * DAY), self.r() < 0.93

    def _request(self, created: int, prio: int) -> tuple[list, bool]:
        r, ln = self.r, self._ln
        if r() < 0.03:
            return [(created + ln(DAY, 10 * DAY), "canceled", None)], False
        moves: list = []
        start = created + ln(2 * RESPOND[prio], 3 * DAY)
        if r() < 0.3:
            decided = start + ln(8 * HOUR, 5 * DAY)
            moves.append((start, "awaiting_approval", None))
            if r() < 0.06:
                return moves + [(decided, "rejected", None)], True
            moves.append((decided, "approved", None))
            start = decided + ln(2 * HOUR, 2 * DAY)
        done = self._work(moves, created, start, 1.5 * RESOLVE[prio], 0.10, "service_request")
        return self._finish(moves, done, "fulfilled", 0.02, "in_progress", 3 * DAY), r() < 0.95

    def _problem(self, created: int, prio: int) -> tuple[list, bool]:
        r, ln = self.r, self._ln
        if r() < 0.05:
            return [(created + ln(3 * DAY, 20 * DAY), "canceled", None)], False
        assess = created + ln(DAY, 10 * DAY)
        fix = rca = assess + ln(3 * DAY, 20 * DAY)
        moves = [(assess, "assess", None), (rca, "root_cause_analysis", None)]
        if r() < 0.25:
            fix = rca + ln(5 * DAY, 30 * DAY)
            moves.append((fix, "on_hold", "awaiting_vendor" if r() < 0.5 else "awaiting_change"))
        fix += ln(7 * DAY, 60 * DAY)
        moves.append((fix, "fix_in_progress", None))
        done = fix + ln(7 * DAY, 40 * DAY)
        return self._finish(moves, done, "resolved", 0.03, "root_cause_analysis", 7 * DAY), False

    def chunk(self, count: int) -> dict[str, list[tuple]]:
        """The next `count` tickets and their child rows, keyed by table."""
        out: dict[str, list[tuple]] = {k: [] for k in ("ticket", "worklog_entry", "audit_event", "ticket_link",
                                                       "ticket_fts")}
        self.recent: dict[int, list[tuple]] = {}  # leaf -> incidents a later problem may claim (this chunk)
        self.last_request: tuple | None = None
        for _ in range(count):
            self._ticket(next(self.arrivals), out)
        self.worklogs += len(out["worklog_entry"])
        self.audit += len(out["audit_event"])
        self.links += len(out["ticket_link"])
        return out

    def _ticket(self, created: int, out: dict[str, list[tuple]]) -> None:
        r, desk, uuid7, ts, end, pick = self.r, self.desk, self.uuid7, self.ts, self.end, self._pick
        x = r()
        ttype = "incident" if x < 0.70 else "service_request" if x < 0.95 else "problem"
        monitoring = ttype == "incident" and r() < 0.06
        li = self.leaf["monitoring" if monitoring else ttype](r)
        leaf, category, leaf_group = desk.leaves[li]
        impact, urgency = self.cells(r)
        priority = computed = DEFAULT_MATRIX[impact - 1][urgency - 1]
        if r() < 0.03:  # an agent overrode the matrix, mostly upwards
            priority = computed - 1 if computed == 5 or (computed > 1 and r() < 0.6) else computed + 1
        group = leaf_group if ttype == "problem" or monitoring or r() > 0.45 else desk.service_desk
        service = pick(leaf.services) if leaf.services else None
        sid, cis = desk.services[service] if service else (None, ())
        ci = pick(cis) if cis and (monitoring or r() < 0.7) else None
        if ttype == "problem" or monitoring:
            requester, first = (desk.monitor if monitoring else None), "team"
        else:  # a few requesters raise many tickets
            requester, first = desk.requesters[int(len(desk.requesters) * r() ** 1.5)]
        talk = requester is not None and not monitoring  # someone to reply to
        slots = self.slots(first=first, group=desk.group_names[group])
        if service:
            slots["service"] = service
        if cis:  # the text may name a CI of the service even when the ticket links none
            slots["ci"] = (ci or pick(cis))[1]
        title, description = self._text(ttype, monitoring, leaf, slots)
        prefix = TYPE_PREFIX[ttype]
        self.numbers[prefix] += 1
        number = f"{prefix}{self.numbers[prefix]:07d}"
        tid = uuid7(created)
        self.row_id += 1

        moves, replied = self.plans[ttype](created, priority)
        kept = [m for m in moves if m[0] < end]
        kinds = self.kinds[ttype]
        state, reason, now, reopens, resolved_at, closed_at, ever = "new", None, "open", 0, None, None, False
        for ms, st, why in kept:  # the bookkeeping of tickets._state_effects, move by move
            kind = kinds[st]
            if now == "resolved" and kind in ("open", "hold"):
                reopens, resolved_at = reopens + 1, None
            if kind == "resolved":
                resolved_at, ever = ms, True
            elif kind == "closed":
                closed_at, resolved_at = ms, resolved_at or ms
            state, reason, now = st, why, kind
        is_open = now in ("open", "hold")
        if state == "new" and r() < 0.6:
            assignee = None
        else:
            pool = (self.open_members if is_open else desk.members)[group]
            assignee = pool[int(len(pool) * r() ** 1.3)]
        handler = assignee or pick(self.open_members[desk.service_desk])
        links, dup = self._links(ttype, li, tid, number, created)
        code = notes = None
        if ever:  # and kept after a reopen, as the service does
            code = "duplicate" if dup else self.codes[ttype](r)
            notes = pick(V.RESOLUTION_NOTES[code]).format_map(slots)
        logs = self._logs(kept, kinds, slots, handler, requester if talk else None, replied, notes)

        updated = max(created, kept[-1][0] if kept else created, logs[-1][0] if logs else created)
        first_response = kept[0][0] if replied and talk and kept else None
        channel = "monitoring" if monitoring else self.channels[ttype](r)
        csat = self.csat(r) if state == "closed" and talk and r() < 0.3 else None
        out["ticket"].append((
            self.row_id, tid, ttype, number, title, description, state, int(is_open), reason, impact, urgency,
            priority, int(priority != computed), category, sid, ci[0] if ci else None, requester, group, assignee,
            channel, ts(created), ts(updated), first_response and ts(first_response), resolved_at and ts(resolved_at),
            closed_at and ts(closed_at), code, notes, csat, reopens))
        worklog, audit = out["worklog_entry"], out["audit_event"]
        for ms, kind, author, body, minutes in logs:
            worklog.append((uuid7(ms), tid, kind, author, body, minutes, ts(ms)))
        creator = None if monitoring else requester if talk and channel in ("portal", "email", "chat") else handler
        audit.append((uuid7(created), "ticket", tid, "created", None, number, creator, ts(created)))
        before = "new"
        for ms, st, _ in kept:
            audit.append((uuid7(ms), "ticket", tid, "state", before, st, handler, ts(ms)))
            before = st
        for source, target, target_number, kind, at in links:
            at = min(at, end - 1)
            out["ticket_link"].append((uuid7(at), source, target, kind, ts(at)))
            audit.append((uuid7(at), "ticket", source, "link", None, f"{LINK_KINDS[kind]} {target_number}", handler,
                          ts(at)))
        out["ticket_fts"].append((self.row_id, number, title, description, " ".join(log[3] for log in logs)))
        self.open += is_open

    def _text(self, ttype: str, monitoring: bool, leaf: V.Leaf, slots: dict) -> tuple[str, str]:
        pick = self._pick
        if monitoring:
            return pick(V.MONITORING_TITLES).format_map(slots), V.MONITORING_BODY.format_map(slots)
        if ttype == "problem":
            slots["title"] = pick(leaf.incidents).format_map(slots)
            slots["count"] = str(2 + int(self.r() * 12))
            return pick(V.PROBLEM_TITLES).format_map(slots), V.PROBLEM_BODY.format_map(slots)
        title = pick(leaf.incidents if ttype == "incident" else leaf.requests).format_map(slots)
        return title, (f"{pick(V.OPENERS)}\n\n{pick(leaf.details).format_map(slots)} "
                       f"{pick(V.CONTEXT).format_map(slots)} {pick(V.IMPACT).format_map(slots)}\n\n"
                       f"{pick(V.CLOSERS).format_map(slots)}")

    def _links(self, ttype: str, li: int, tid: str, number: str, created: int) -> tuple[list, tuple | None]:
        """Links from or to this ticket, within the chunk: [(source, target, target number, kind, at)]."""
        r, links, dup = self.r, [], None
        if ttype == "incident":
            bucket = self.recent.setdefault(li, [])
            if bucket and r() < 0.015 and created - bucket[-1][2] < 3 * DAY:
                dup = bucket[-1]
                links.append((tid, dup[0], dup[1], "duplicate_of", created + self._ln(HOUR, DAY)))
            else:
                bucket.append((tid, number, created))
        elif ttype == "problem":  # claims a few recent incidents of its category
            bucket = self.recent.get(li, [])
            for _ in range(min(len(bucket), 1 + int(r() * 3))):
                links.append((bucket.pop()[0], tid, number, "caused_by", created + self._ln(HOUR, DAY)))
        else:
            if self.last_request and r() < 0.01:
                links.append((tid, *self.last_request, "child_of", created + MINUTE))
            self.last_request = (tid, number)
        return links, dup

    def _logs(self, kept: list, kinds: dict, slots: dict, handler: str, requester: str | None, replied: bool,
              notes: str | None) -> list[tuple]:
        """Worklog entries [(ms, kind, author, body, minutes)] along the moves, sorted by time."""
        r, pick, end = self.r, self._pick, self.end
        logs = []
        if replied and kept and requester:
            logs.append((kept[0][0], "reply", handler, pick(V.FIRST_REPLIES).format_map(slots), int(r() * 10)))
        to_requester = "reply" if requester else "note"
        for i, (ms, st, why) in enumerate(kept):
            nxt = kept[i + 1][0] if i + 1 < len(kept) else end
            kind = kinds[st]
            if kind == "open" and st != "approved":
                if i and kinds[kept[i - 1][1]] == "resolved" and requester:  # why it was reopened
                    logs.append((ms - MINUTE, "reply", requester, pick(V.REQUESTER_REPLIES).format_map(slots), 0))
                for _ in range(NOTE_COUNTS[int(r() * 10)]):
                    logs.append((ms + int(r() * (nxt - ms)), "note", handler, pick(V.NOTES).format_map(slots),
                                 5 + int(r() * 56)))
            elif st == "on_hold":
                logs.append((ms, to_requester, handler, V.HOLD_REPLIES[why].format_map(slots), int(r() * 6)))
                if why == "awaiting_caller" and requester and i + 1 < len(kept):
                    logs.append((nxt - MINUTE, "reply", requester, pick(V.REQUESTER_REPLIES).format_map(slots), 0))
            elif kind == "resolved":
                slots["notes"] = notes
                logs.append((ms, to_requester, handler, pick(V.RESOLVE_REPLIES).format_map(slots), int(r() * 16)))
        logs.sort()
        return logs


class _Loader:
    """Bulk writes over one raw sqlite3 connection to the store file.

    While loading, durability is off and the FTS triggers are dropped, their SQL parked in store_meta
    in the same transaction; `close` puts both back, also after an error, and `restore_triggers` on a
    later run repairs a load that was killed half-way.
    """

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA busy_timeout=5000")
        self.fts = self.meta("fts") == "1"
        self.parked = False
        self.sql = {t: f'INSERT INTO "{t}" ({", ".join(c.split())}) VALUES ({", ".join("?" * len(c.split()))})'
                    for t, c in COLUMNS.items()}

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
            self.con.execute("COMMIT")
        except BaseException:
            if self.con.in_transaction:  # a failed COMMIT (disk full) can leave it open
                self.con.execute("ROLLBACK")
            raise

    def meta(self, key: str) -> str | None:
        row = self.con.execute('SELECT value FROM store_meta WHERE "key" = ?', (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute('INSERT INTO store_meta ("key", value) VALUES (?, ?) '
                         'ON CONFLICT ("key") DO UPDATE SET value = excluded.value', (key, value))

    def check_empty(self) -> None:
        if self.con.execute("SELECT EXISTS (SELECT 1 FROM ticket)").fetchone()[0]:
            raise DemoError("The store already has tickets; a demo desk only goes into an empty store.")
        taken = {n for (n,) in self.con.execute('SELECT name FROM "group" UNION SELECT name FROM service')}
        clash = taken & ({g[0] for g in V.GROUPS} | {s[0] for s in V.SERVICES})
        if clash:
            raise DemoError(f"The store already has groups or services the demo would add: {', '.join(sorted(clash))}.")

    def begin_load(self) -> None:
        for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
            self.con.execute(f"PRAGMA {pragma}")
        if not self.fts:
            return
        # Triggers would index each ticket and then rewrite its row once per worklog entry; the chunks
        # write the finished search rows themselves instead.
        triggers = self.con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                    "AND sql LIKE '%ticket_fts%' ORDER BY name").fetchall()
        with self.transaction() as con:
            self.set_meta(LOADING_KEY, json.dumps(triggers))
            for name, _ in triggers:
                con.execute(f'DROP TRIGGER "{name}"')
        self.parked = True

    def write(self, rows: dict[str, list[tuple]]) -> None:
        with self.transaction() as con:
            for table, batch in rows.items():
                if batch and (self.fts or table != "ticket_fts"):
                    con.executemany(self.sql[table], batch)

    def restore_triggers(self) -> bool:
        parked = self.meta(LOADING_KEY)
        if parked is None:
            return False
        with self.transaction() as con:
            for name, sql in json.loads(parked):
                con.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                con.execute(sql)
            con.execute('DELETE FROM store_meta WHERE "key" = ?', (LOADING_KEY,))
        return True

    def close(self) -> None:
        try:
            if self.parked:
                self.restore_triggers()
            self.con.execute("PRAGMA synchronous=FULL")
            # Fold the WAL into the file under FULL sync: the load is durable once we return.
            self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.con.close()


def _assign_me(con: sqlite3.Connection, rng: random.Random, desk: Desk) -> int:
    """Give the desk's user a realistic handful of open tickets, worked ones from their groups first.

    A small desk has few open tickets: then up to half of them, moved into the Service Desk group.
    """
    groups = {g for g, people in desk.members.items() if desk.me in people}
    rows = con.execute("SELECT row_id, id, assignee_id, state, group_id FROM ticket WHERE is_open = 1 "
                       "ORDER BY row_id").fetchall()
    rng.shuffle(rows)
    rows.sort(key=lambda row: (row[4] not in groups, row[3] == "new"))
    want = min(rng.randint(12, 30), max(len(rows) // 2, sum(row[4] in groups for row in rows)))
    for row_id, tid, old, _, group in rows[:want]:
        con.execute("UPDATE ticket SET assignee_id = ?, group_id = ? WHERE row_id = ?",
                    (desk.me, group if group in groups else desk.service_desk, row_id))
        if old is not None:  # the history then shows the user working it, not the agent it replaced
            con.execute("UPDATE worklog_entry SET author_id = ? WHERE ticket_id = ? AND author_id = ?",
                        (desk.me, tid, old))
            con.execute("UPDATE audit_event SET actor_id = ? WHERE entity_id = ? AND actor_id = ?",
                        (desk.me, tid, old))
    return want


def generate(path: Path | str, *, tickets: int, seed: int, until: date | None = None,
             progress: Progress | None = None) -> DemoSummary:
    """Fill the store at `path` (created and migrated as needed) with a demo desk; return the counts.

    The same `tickets`, `seed` and `until` give identical rows, ids included. Tickets span the two
    years before 00:00 UTC of `until` (default: today, UTC), so nothing lies in the future. Runs on
    the calling thread, calling `progress(phase, done, total)` there, at about 8,000 tickets a second;
    memory stays bounded (one chunk of tickets at a time). Nothing else may write the store meanwhile.
    Raises DemoError when the store has tickets already or the load fails, StoreError when the store
    cannot be opened.
    """
    if tickets < 0:
        raise ValueError("The number of tickets cannot be negative.")
    began = time.perf_counter()
    until = until or datetime.now(timezone.utc).date()
    report = progress or (lambda phase, done, total: None)
    store = open_store(path)  # migrates, so the raw load below sees the current schema
    path = store.path
    store.close()
    end = int(datetime(until.year, until.month, until.day, tzinfo=timezone.utc).timestamp()) * 1000
    rng = random.Random(seed)
    uuid7 = uuid7_maker(rng)
    loader = _Loader(path)
    try:
        loader.restore_triggers()
        loader.check_empty()
        report("reference data", 0, 1)
        desk = build_desk(rng, uuid7, tickets=tickets, before=end - DAYS * DAY)
        loader.begin_load()
        loader.write(desk.rows)
        report("reference data", 1, 1)
        maker = _Tickets(rng, uuid7, desk, tickets=tickets, start=end - DAYS * DAY, end=end)
        report("tickets", 0, tickets)
        for done in range(0, tickets, CHUNK):
            loader.write(maker.chunk(min(CHUNK, tickets - done)))
            report("tickets", min(done + CHUNK, tickets), tickets)
        report("finishing", 0, 1)
        with loader.transaction() as con:
            _assign_me(con, rng, desk)
            for prefix, used in maker.numbers.items():
                con.execute("INSERT INTO number_sequence (prefix, next_value) VALUES (?, ?) ON CONFLICT (prefix) "
                            "DO UPDATE SET next_value = max(next_value, excluded.next_value)", (prefix, used + 1))
            loader.set_meta("current_user", desk.me)
            # Written last: bench/cache.py takes its presence as "this load finished".
            loader.set_meta("demo", json.dumps({"version": VERSION, "tickets": tickets, "seed": seed,
                                                "until": until.isoformat()}))
    except sqlite3.Error as exc:  # a full disk, a lock held by another program
        raise DemoError(f"The demo desk could not be written to {path}: {exc}.") from exc
    finally:
        loader.close()
    report("finishing", 1, 1)
    people = desk.rows["person"]
    return DemoSummary(
        tickets=tickets, open_tickets=maker.open, worklogs=maker.worklogs, audit_events=maker.audit,
        links=maker.links, agents=sum(1 for p in people if p[3]), requesters=sum(1 for p in people if not p[3]),
        groups=len(desk.rows["group"]), categories=len(desk.rows["category"]), services=len(desk.rows["service"]),
        configuration_items=len(desk.rows["configuration_item"]), seconds=round(time.perf_counter() - began, 2))


def repair_interrupted(path: Path | str) -> bool:
    """Put back the search triggers of a load that was killed half-way; True when it had to."""
    loader = _Loader(Path(path))
    try:
        return loader.restore_triggers()
    finally:
        loader.con.close()
