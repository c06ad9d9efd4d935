"""The demo desk's reference rows, and the seeded draw, id and timestamp helpers its tickets share."""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from app.demo import vocabulary as V

MINUTE, HOUR, DAY = 60_000, 3_600_000, 86_400_000


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
        variant = 0x8000 | (r >> 48) & 0x3FFF
        return f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{r >> 62:03x}-{variant:04x}-{r & 0xFFFFFFFFFFFF:012x}"
    return uuid7


class Clock:
    """Epoch milliseconds -> the text SQLAlchemy writes for a UTC datetime on SQLite.

    Called about 12 times per ticket, so it only looks up and concatenates: a string per day, per
    minute of the day and per millisecond of the minute (60,000 short strings, about 4 MB).
    """

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._hhmm = tuple(" {:02d}:{:02d}:".format(*divmod(m, 60)) for m in range(1440))
        self._ssms = tuple("{:02d}.{:03d}000".format(*divmod(ms, 1000)) for ms in range(MINUTE))

    def __call__(self, ms: int) -> str:
        day, rest = divmod(ms, DAY)
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        minute, rest = divmod(rest, MINUTE)
        return text + self._hhmm[minute] + self._ssms[rest]


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
