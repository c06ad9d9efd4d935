"""The tickets the RT bench loads: realistic, varied and reproducible from a seed (pure Python, no RT).

A plan is a header (queues, agents, callers) and one record per ticket: queue, requester, owner, status,
priority, subject, first message and 1-4 replies or notes (some with time taken). Words come from a
vocabulary drawn with a skewed distribution, so a word search finds a common word in many tickets and a
rare one in few. `expected` gives the counts RT must answer after the load (checked through REST2).
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

CHECKED_CALLERS = ("caller0@example.com", "caller1@example.com", "caller150@example.com")
QUEUES = ("General", "Service Desk", "Network", "Hardware", "Accounts")
STATUSES = (("new", 10), ("open", 30), ("stalled", 8), ("resolved", 47), ("rejected", 5))
TOPICS = ("printer", "vpn", "laptop", "password", "mailbox", "monitor", "badge", "wifi", "licence", "backup",
          "keyboard", "docking", "scanner", "calendar", "phone", "headset", "projector", "firewall", "proxy",
          "certificate", "share", "database", "invoice", "payroll", "browser", "webcam", "tablet", "router",
          "toner", "cable", "server", "login", "token", "mfa", "sso", "teams", "outlook", "excel", "sharepoint",
          "onedrive", "citrix", "desktop", "mouse", "charger", "battery", "screen", "dns", "dhcp", "switch")
VERBS = ("fails", "crashes", "hangs", "is slow", "stopped working", "shows an error", "keeps restarting",
         "cannot connect", "asks for a password again", "freezes", "loses its settings", "is missing")
FILLER = ("since this morning", "after the update", "on the third floor", "for the whole team", "again",
          "when I dock", "from home", "intermittently", "every few minutes", "since Monday", "in the meeting room",
          "after a restart", "only on battery", "with the new account")
COMMON = ("please", "error", "help", "urgent", "thanks", "user", "issue", "today", "again", "office")
FIRST = ("Anna", "Ben", "Chloé", "David", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kasia", "Liam",
         "Maria", "Noah", "Olga", "Pedro", "Quentin", "Rosa", "Sven", "Tariq", "Ute", "Viktor", "Wen", "Yara", "Zoë")
LAST = ("Adams", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ivanova", "Jansen",
        "Kowalski", "Larsen", "Müller", "Nowak", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka")
REPLIES = ("Could you send a screenshot of the {topic} {common}?", "I have reset the {topic}; please try again.",
           "Escalated to the {queue} team, {common}.", "The {topic} was replaced, {filler}.",
           "Still the same {common} with the {topic} {filler}.", "Works now, {common}. You can close it.",
           "Checked the logs: the {topic} {verb} because of a stale profile.",
           "Ordered a new {topic}; it arrives {filler}.", "Known {common} with the {topic}, a fix is planned.")


def _skewed(rng: random.Random, items: tuple[str, ...]) -> str:
    """A few items often, most rarely (a Zipf-like pick)."""
    return items[min(len(items) - 1, int(rng.paretovariate(1.1)) - 1)]


def plan(tickets: int, seed: int, templates: int = 0) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`templates` > 0: record i past the first `templates` keeps the shape of record i % templates (its status,
    whether it is owned, its replies' kinds and who wrote them: the caller, the owner or another agent, with the
    agents renamed by a permutation of its own) and has words, people, queue and priority of its own; it is
    written by copying that record's rows in RT (bench/rt_clone.py) instead of through RT's API."""
    rng = random.Random(seed)
    agents = [(f"agent{i}", f"agent{i}@deskside.invalid", f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}")
              for i in range(12)]
    callers = [(f"caller{i}@example.com", f"caller{i}@example.com",
                f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}") for i in range(300)]
    head = {"queues": list(QUEUES), "agents": agents, "callers": callers}
    records = []
    statuses, weights = zip(*STATUSES, strict=True)
    for _ in range(tickets):
        topic = _skewed(rng, TOPICS)
        queue = QUEUES[rng.randrange(len(QUEUES))]
        caller = callers[int(rng.triangular(0, len(callers), 0))][0]  # some callers call often
        words = {"topic": topic, "verb": rng.choice(VERBS), "filler": rng.choice(FILLER),
                 "common": rng.choice(COMMON), "queue": queue}
        tag = f"{rng.choice('ABCDEFGH')}{rng.randrange(10000, 99999)}"  # an asset tag: a rare word
        status = rng.choices(statuses, weights)[0]
        owner = None if status == "new" and rng.random() < 0.7 else rng.choice(agents)[0]
        replies = []
        for _ in range(rng.randint(1, 4)):
            kind = "Comment" if rng.random() < 0.3 else "Correspond"
            actor = owner or rng.choice(agents)[0]
            if kind == "Correspond" and rng.random() < 0.35:
                actor = caller  # the caller answers
            text = rng.choice(REPLIES).format(**{**words, "topic": _skewed(rng, TOPICS), "common": rng.choice(COMMON)})
            minutes = rng.choice((0, 0, 5, 10, 15, 30, 60)) if actor != caller else 0
            replies.append({"kind": kind, "actor": actor, "text": text, "minutes": minutes})
        records.append({
            "queue": queue, "requestor": caller, "owner": owner, "status": status,
            "priority": rng.choice((0, 10, 20, 30, 50, 50, 70, 90)),
            "subject": f"{topic.capitalize()} {words['verb']} {words['filler']}",
            "body": (f"Hello, my {topic} {words['verb']} {words['filler']}. {words['common'].capitalize()}: "
                     f"asset {tag}. {rng.choice(COMMON).capitalize()}, could someone look at it?"),
            "replies": replies})
    if templates:
        names = [a[0] for a in agents]
        for number in range(templates, tickets):
            _reshape(rng, records[number], records[number % templates], names)
    return head, records


def _reshape(rng: random.Random, record: dict[str, Any], template: dict[str, Any], agents: list[str]) -> None:
    perm = dict(zip(agents, rng.sample(agents, len(agents)), strict=True))
    record["template"] = template
    record["agents"] = perm
    record["status"] = template["status"]
    record["owner"] = perm[template["owner"]] if template["owner"] else None
    replies = []
    for i, shape in enumerate(template["replies"]):
        mine = record["replies"][i % len(record["replies"])]
        actor = record["requestor"] if shape["actor"] == template["requestor"] else perm[shape["actor"]]
        replies.append({"kind": shape["kind"], "actor": actor, "text": mine["text"],
                        "minutes": 0 if actor == record["requestor"] else mine["minutes"]})
    record["replies"] = replies


def expected(records: list[dict[str, Any]]) -> dict[str, Any]:
    """What RT must hold after the load: tickets by status and queue, replies and notes."""
    return {"tickets": len(records),
            "status": dict(Counter(r["status"] for r in records)),
            "queue": dict(Counter(r["queue"] for r in records)),
            "owner": dict(Counter(r["owner"] or "Nobody" for r in records)),
            "requestor": {c: sum(1 for r in records if r["requestor"] == c) for c in CHECKED_CALLERS},
            "Correspond": sum(1 for r in records for x in r["replies"] if x["kind"] == "Correspond"),
            "Comment": sum(1 for r in records for x in r["replies"] if x["kind"] == "Comment")}
