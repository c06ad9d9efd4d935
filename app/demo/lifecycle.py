"""Demo tickets in creation order: arrival times, state moves, worklogs, audit trail and links of each."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from app.demo import vocabulary as V
from app.demo.desk import DAY, HOUR, MINUTE, Choice, Clock, Desk
from core.tickets.children import LINK_KINDS
from core.tickets.priority import DEFAULT_MATRIX
from core.tickets.workflow import TYPE_PREFIX, WORKFLOWS

DAYS = 730  # tickets arrive over this many days before `end`
RESPOND = {1: 10 * MINUTE, 2: 30 * MINUTE, 3: 2 * HOUR, 4: 4 * HOUR, 5: 8 * HOUR}  # medians, by priority
RESOLVE = {1: 4 * HOUR, 2: 12 * HOUR, 3: 30 * HOUR, 4: 60 * HOUR, 5: 100 * HOUR}
HOLD = {"awaiting_caller": 36 * HOUR, "awaiting_vendor": 4 * DAY, "awaiting_change": 3 * DAY,
        "awaiting_problem": 8 * DAY}
HOUR_SHAPE = (.04, .03, .03, .03, .05, .1, .3, .7, 1.2, 1.5, 1.5, 1.3, .9, 1.2, 1.4, 1.3, 1, .6, .35, .25, .2,
              .15, .1, .06)
WEEKDAY_SHAPE = (1.2, 1.1, 1.05, 1, .85, .15, .12)
NOTE_COUNTS = (0, 0, 0, 0, 1, 1, 1, 1, 2, 2)


def _slots_class(pools: dict[str, tuple[str, ...]], r: Callable[[], float]) -> type[dict]:
    class Slots(dict):
        """Template fields filled on first use, so one ticket names the same CI or colleague throughout."""

        def __missing__(self, key: str) -> str:
            pool = pools[key]
            value = self[key] = pool[int(r() * len(pool))]
            return value
    return Slots


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


class Tickets:
    """Makes tickets in creation order, each with its worklog, audit trail, links and search row."""

    def __init__(self, rng: random.Random, uuid7, desk: Desk, *, tickets: int, start: int, end: int) -> None:
        self.rng, self.r, self.uuid7, self.desk, self.end, self.ts = rng, rng.random, uuid7, desk, end, Clock()
        self._events = itertools.count(1)  # audit events are numbered, not UUIDs (app.models.audit)
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
        # The desk's user gets open tickets only from generator._assign_me, which hands out an exact handful.
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

    def _event_id(self) -> int:
        """The next audit event's number. It still draws the random bits its UUID took before migration 0033,
        so a seed makes the same desk as before (tests and screenshots rely on it)."""
        self.rng.getrandbits(74)
        return next(self._events)

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
        # Some tickets the service desk took first and passed on; the rest went straight to the team.
        escalated = group == leaf_group != desk.service_desk and ttype != "problem" and not monitoring \
            and r() < 0.35
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
        # Search pieces (migration 0011): the header, then each entry, in rowid order.
        fts, base = out["ticket_fts"], self.row_id << 32
        fts.append((base, description or "", title or ""))
        for piece, (ms, kind, author, body, minutes) in enumerate(logs, 1):
            # The demo desk's history came through a team server with mail: its replies were mailed then.
            mailed = ("sent", ts(ms)) if kind == "reply" else (None, None)
            worklog.append((uuid7(ms), tid, kind, author, body, minutes, ts(ms), base + piece, *mailed))
            fts.append((base + piece, body or "", ""))
        creator = None if monitoring else requester if talk and channel in ("portal", "email", "chat") else handler
        audit.append((self._event_id(), "ticket", tid, "created", None, number, creator, ts(created)))
        if escalated:  # raised with the service desk, handed on to the team that owns the category
            at = min(created + self._ln(10 * MINUTE, 4 * HOUR), end - 1)
            audit.append((self._event_id(), "ticket", tid, "group_id", desk.service_desk, group, handler, ts(at)))
        before = "new"
        for ms, st, _ in kept:
            audit.append((self._event_id(), "ticket", tid, "state", before, st, handler, ts(ms)))
            before = st
        for source, target, target_number, kind, at in links:
            at = min(at, end - 1)
            out["ticket_link"].append((uuid7(at), source, target, kind, ts(at)))
            audit.append((self._event_id(), "ticket", source, "link", None, f"{LINK_KINDS[kind]} {target_number}",
                          handler, ts(at)))
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
