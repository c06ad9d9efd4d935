"""The demo knowledge base: articles in every KCS confidence with realistic steps, versions, uses and flags.

Called once by app.demo.generator inside its load transaction, after the tickets (uses link to resolved
tickets). Deterministic for (seed, tickets, now); its own RNG, so nothing else changes. Rows go in through
plain SQL, and the search index follows by its triggers (migration 0021).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.demo import vocabulary as V
from app.demo.desk import Desk
from app.demo.knowledge_vocabulary import QUALIFIERS, TOPICS, Topic

MIN_ARTICLES, MAX_ARTICLES = 60, 20_000
CONFIDENCES = (("validated", 45), ("not_validated", 25), ("wip", 15), ("archived", 15))


@dataclass(frozen=True)
class KnowledgeDemo:
    articles: int


def article_count(tickets: int) -> int:
    """About 2,000 articles for the default 5,000 tickets; between MIN_ARTICLES and MAX_ARTICLES."""
    return max(MIN_ARTICLES, min(MAX_ARTICLES, tickets * 2 // 5))


def _t(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def _fill(text: str, rng: random.Random) -> str:
    for slot, values in V.SLOTS.items():
        key = "{" + slot + "}"
        while key in text:
            text = text.replace(key, str(values[rng.randrange(len(values))]), 1)
    return text


def body_of(topic: Topic, rng: random.Random, *, steps: int | None = None) -> str:
    """A KCS-shaped article: Issue, Environment, Cause, Resolution (numbered steps), and a note."""
    chosen = list(topic.steps[:steps] if steps else topic.steps)
    env = _fill("{os}, {app}", rng)
    lines = [f"## Issue\n\n{topic.symptom}\n", f"## Environment\n\n- {env}\n- Service: {topic.service}\n",
             f"## Cause\n\n{topic.cause}\n", "## Resolution\n"]
    lines += [f"{i}. {s}" for i, s in enumerate(chosen, 1)]
    lines.append(f"\nSee also the [service page](https://intranet.example.com/services/"
                 f"{topic.service.split()[0].lower()}) for planned work.\n")
    return "\n".join(lines)


def generate_knowledge(con: sqlite3.Connection, desk: Desk, *, seed: int, tickets: int,
                       now: datetime) -> KnowledgeDemo:
    """Write the demo articles through `con` (inside the caller's transaction); returns what it wrote."""
    rng = random.Random(f"knowledge-{seed}")
    bits = rng.getrandbits

    def uuid7(at: datetime) -> str:
        ms, r = int(at.timestamp() * 1000), bits(74)
        variant = 0x8000 | (r >> 48) & 0x3FFF
        return f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{r >> 62:03x}-{variant:04x}-{r & 0xFFFFFFFFFFFF:012x}"

    n = article_count(tickets)
    category = {leaf.name: cid for leaf, cid, _group in desk.leaves}
    agents = sorted({p for people in desk.members.values() for p in people})
    resolved = [r[0] for r in con.execute("SELECT id FROM ticket WHERE state IN ('resolved', 'closed') "
                                          "ORDER BY row_id DESC LIMIT 3000")]
    weights = [w for _, w in CONFIDENCES]
    articles: list[tuple] = []
    services: list[tuple] = []
    cis: list[tuple] = []
    versions: list[tuple] = []
    uses: list[tuple] = []
    flags: list[tuple] = []
    seen: set[str] = set()
    for k in range(1, n + 1):
        topic = TOPICS[rng.randrange(len(TOPICS))]
        title = ""
        for _ in range(6):
            title = _fill(rng.choice(topic.titles) + rng.choice(QUALIFIERS), rng)
            if title not in seen:
                break
        seen.add(title)
        created = now - timedelta(days=rng.uniform(5, 900))
        confidence = rng.choices([c for c, _ in CONFIDENCES], weights)[0]
        owner = rng.choice(agents) if agents else desk.me
        aid = uuid7(created)
        n_versions = 1 + (rng.random() < 0.6) + (rng.random() < 0.3) + (rng.random() < 0.1)
        bodies = [body_of(topic, random.Random(f"{seed}-{k}"), steps=max(3, len(topic.steps) - n_versions + v))
                  for v in range(1, n_versions + 1)]
        changed = created
        for v, body in enumerate(bodies, 1):
            versions.append((uuid7(changed), aid, v, title, body, "Created" if v == 1 else rng.choice(
                ("Added a step", "Clarified the cause", "New client version", "Fixed a typo", "Screenshots removed")),
                owner if v == 1 else rng.choice(agents or [owner]), _t(changed)))
            changed = changed + timedelta(days=rng.uniform(1, 60))
            if changed >= now:  # nothing in the demo lies in the future
                changed = now - timedelta(hours=rng.uniform(1, 24 * 10))
        updated = changed if changed < now else now - timedelta(hours=rng.uniform(1, 24 * 30))
        used = 0 if confidence == "wip" else int(rng.paretovariate(1.3)) - 1 + (confidence == "validated") * 2
        last_used = None
        before = len(uses)
        for t in rng.sample(resolved, min(used, len(resolved), 25)):
            when = created + timedelta(days=rng.uniform(1, 400))
            if when >= now:
                when = now - timedelta(hours=rng.uniform(1, 24 * 20))
            uses.append((uuid7(when), aid, t, rng.choice(agents or [owner]), _t(when)))
            last_used = max(last_used or when, when)
        open_flags = 0
        if rng.random() < 0.06 and confidence != "archived":
            open_flags = 1
            when = now - timedelta(days=rng.uniform(0, 30))
            flags.append((uuid7(when), aid, rng.choice(resolved) if resolved else None,
                          rng.choice(("wrong", "outdated", "unclear", "incomplete")),
                          rng.choice(("Step 3 no longer exists in the new client.", "The portal address changed.",
                                      "Did not work on macOS.", "Missing the step for external staff.")),
                          rng.choice(agents or [owner]), _t(when)))
        review = (created + timedelta(days=rng.choice((90, 180, 365)))).date()
        svc = desk.services.get(topic.service)
        if svc:
            services.append((aid, svc[0]))
            if svc[1] and rng.random() < 0.5:
                cis.append((aid, svc[1][rng.randrange(len(svc[1]))][0]))
        articles.append((aid, f"KB{k:07d}", title, bodies[-1], topic.keywords, category.get(topic.leaf),
                         "requesters" if confidence == "validated" and rng.random() < 0.4 else "agents", confidence,
                         owner, review.isoformat(), len(bodies), len(uses) - before,
                         _t(last_used) if last_used else None, open_flags, owner, _t(created), _t(updated)))
    con.executemany(
        "INSERT INTO article (id, number, title, body, keywords, category_id, audience, confidence, owner_id, "
        "review_date, version, use_count, last_used_at, open_flags, created_by, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
    con.executemany("INSERT INTO article_service (article_id, service_id) VALUES (?, ?)", services)
    con.executemany("INSERT OR IGNORE INTO article_ci (article_id, ci_id) VALUES (?, ?)", cis)
    con.executemany("INSERT INTO article_version (id, article_id, version, title, body, note, changed_by, "
                    "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", versions)
    con.executemany("INSERT INTO article_use (id, article_id, ticket_id, used_by, used_at) VALUES (?, ?, ?, ?, ?)",
                    uses)
    con.executemany("INSERT INTO article_flag (id, article_id, ticket_id, reason, comment, flagged_by, flagged_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", flags)
    con.execute("INSERT INTO number_sequence (prefix, next_value) VALUES ('KB', ?) ON CONFLICT (prefix) "
                "DO UPDATE SET next_value = max(next_value, excluded.next_value)", (n + 1,))
    return KnowledgeDemo(articles=n)

