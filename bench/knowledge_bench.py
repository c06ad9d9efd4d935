"""Knowledge base at scale: suggestions while an agent types, and the first page of a knowledge search.

Uses the 1,000,000-ticket demo store of bench/cache.py (or `--store`), topped up once to `--articles` articles
(written through plain sqlite3; the FTS5 triggers of migration 0021 index them as any write path would; the
tickets are not touched, so the other benches keep using the store), reused on later runs. Then:
  * suggestions: for tickets drawn from the store, their title and description typed word by word; after each
    word (a pause) `app.knowledge.search.suggest` runs with the ticket's service and CI, as the editor's panel
    runs it on a read connection (goal: p95 <= 50 ms);
  * search: the first page (100 rows, ranked, highlighted, counted up to 1,000) of typed searches of one to
    three words, with and without a confidence or service filter, and the needs-review view (goal: p95 <= 50 ms).
Every figure has its raw-SQL twin (the same statements through plain sqlite3 on the same file) and the load
average. Prints a table and records it in docs/PERFORMANCE.md; never asserts.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.demo import vocabulary as V
from app.demo.knowledge import body_of
from app.demo.knowledge_vocabulary import QUALIFIERS, TOPICS
from app.knowledge import search
from app.knowledge.records import ArticleFilter
from app.store import open_store
from bench.cache import cached_store
from bench.measure import TABLE_HEAD, Figure, RawSql, SqlRecorder, load_average, load_text
from bench.report import record
from core.ids import new_id

GOAL_MS = 50
SEARCHES = ("vpn", "printer", "password reset", "outlook password", "teams audio", "sap invoice", "bitlocker",
            "globalprotect gateway", "paper jam tray", "mfa phone", "onedrive sync", "wifi", "phishing link",
            "shared mailbox", "docking station", "laptop", "account locked", "zoom room", "install company portal",
            "malware", "file share access", "excel crash", "voicemail pin", "guest wifi password")


def _fill_text(text: str, rng: random.Random) -> str:
    for slot, values in V.SLOTS.items():
        key = "{" + slot + "}"
        while key in text:
            text = text.replace(key, str(values[rng.randrange(len(values))]), 1)
    return text


def add_articles(path: Path, count: int, seed: int, first: int) -> float:
    """Write `count` articles (every confidence, services and CIs from the store) through plain sqlite3."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    services = dict(con.execute("SELECT name, id FROM service"))
    cis: dict[str, list[str]] = {}
    for service_id, ci_id in con.execute("SELECT service_id, id FROM configuration_item WHERE service_id IS NOT NULL"):
        cis.setdefault(service_id, []).append(ci_id)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    began = time.perf_counter()
    with con:
        for start in range(0, count, 10_000):
            articles, links, ci_links = [], [], []
            for k in range(first + start, first + min(start + 10_000, count)):
                topic = TOPICS[rng.randrange(len(TOPICS))]
                title = _fill_text(rng.choice(topic.titles) + rng.choice(QUALIFIERS), rng)
                created = now - timedelta(days=rng.uniform(1, 1500))
                aid = new_id()
                confidence = rng.choices(("validated", "not_validated", "wip", "archived"), (45, 25, 15, 15))[0]
                used = max(0, int(rng.paretovariate(1.2)) - 1)
                last = created + timedelta(days=rng.uniform(0, 300)) if used else None
                articles.append((aid, f"KB{k:07d}", title, body_of(topic, rng), topic.keywords, confidence, "agents",
                                 (created + timedelta(days=rng.choice((90, 180, 365)))).date().isoformat(), 1, used,
                                 last.strftime("%Y-%m-%d %H:%M:%S.%f") if last else None,
                                 int(rng.random() < 0.04), created.strftime("%Y-%m-%d %H:%M:%S.%f")))
                service_id = services.get(topic.service)
                if service_id:
                    links.append((aid, service_id))
                    if cis.get(service_id) and rng.random() < 0.5:
                        ci_links.append((aid, rng.choice(cis[service_id])))
            con.executemany(
                "INSERT INTO article (id, number, title, body, keywords, confidence, audience, review_date, version, "
                "use_count, last_used_at, open_flags, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?13)", articles)
            con.executemany("INSERT INTO article_service (article_id, service_id) VALUES (?, ?)", links)
            con.executemany("INSERT OR IGNORE INTO article_ci (article_id, ci_id) VALUES (?, ?)", ci_links)
        con.execute("INSERT INTO article_fts(article_fts) VALUES ('optimize')")
    con.close()
    return time.perf_counter() - began


def prepared(path: Path, articles: int, seed: int) -> Path:
    """The store at `path`, migrated, with at least `articles` articles: the missing ones are added once (the
    demo's own articles count), so later runs reuse them. The store's tickets are left as they are."""
    open_store(path).close()  # the article tables, as a user's store gets them
    con = sqlite3.connect(path)
    have, last = con.execute("SELECT count(*), max(number) FROM article").fetchone()
    con.close()
    if have < articles:
        first = int(last[2:]) + 1 if last else 1
        seconds = add_articles(path, articles - have, seed, first)
        print(f"{articles - have:,} articles added in {seconds:.1f} s")
    return path


def typed_tickets(path: Path, count: int, seed: int) -> list[tuple[list[str], str | None, str | None]]:
    """For `count` tickets: the text after each word typed (title, then description), service, CI."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    high = con.execute("SELECT max(row_id) FROM ticket").fetchone()[0]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        row = con.execute("SELECT title, coalesce(description, ''), service_id, ci_id FROM ticket WHERE row_id >= ? "
                          "LIMIT 1", (rng.randint(1, high),)).fetchone()
        words = (row[0] + "\n" + row[1][:300]).split()
        out.append(([" ".join(words[:k]) for k in range(1, min(len(words), 30) + 1)], row[2], row[3]))
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--store", type=Path, help="a demo store to start from instead of bench/.cache's")
    parser.add_argument("--typed", type=int, default=40, help="tickets whose text is typed word by word")
    parser.add_argument("--no-record", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    args = parser.parse_args(argv)
    source = args.store or cached_store(args.tickets)
    path = prepared(source, args.articles, args.seed)
    store = open_store(path)
    raw = RawSql(path)
    recorder = SqlRecorder()
    recorder.install()
    load_before = load_average()
    suggest_fig = Figure(f"suggestions after each typed word ({args.typed} tickets)", GOAL_MS)
    first_page = Figure("knowledge search, first page (1-3 words)", GOAL_MS)
    filtered = Figure("knowledge search + confidence or service filter", GOAL_MS)
    browse = Figure("list without text, needs-review view, filters", GOAL_MS)
    today = date(2026, 11, 1)
    with store.read_session() as session:
        services = [r[0] for r in session.connection().exec_driver_sql("SELECT id FROM service")]
        search.suggest(session, ticket_text="warm up vpn", service_id=None, ci_id=None)

        def timed(figure: Figure, call) -> None:
            with recorder.recording() as statements:
                t0 = time.perf_counter()
                call()
                ms = (time.perf_counter() - t0) * 1000
            figure.add(ms, raw.time_ms(list(statements)))

        for texts, service, ci in typed_tickets(path, args.typed, args.seed):
            for text in texts:
                timed(suggest_fig, lambda t=text, s=service, c=ci: search.suggest(
                    session, ticket_text=t, service_id=s, ci_id=c, has_fts=store.has_fts))
        for typed in SEARCHES:
            for k in range(1, len(typed) + 1):  # as typed, letter by letter (the page searches after a pause)
                if typed[k - 1] == " ":
                    continue
                timed(first_page, lambda q=typed[:k]: search.article_page(
                    session, flt=ArticleFilter(text=q), has_fts=store.has_fts, today=today))
            for flt in (ArticleFilter(text=typed, confidence="validated"),
                        ArticleFilter(text=typed, service_id=random.Random(typed).choice(services))):
                timed(filtered, lambda f=flt: search.article_page(session, flt=f, has_fts=store.has_fts, today=today))
        for flt in (ArticleFilter(), ArticleFilter(needs_review=True), ArticleFilter(confidence="wip"),
                    ArticleFilter(service_id=services[0]), ArticleFilter(needs_review=True, confidence="validated")):
            for _ in range(5):
                timed(browse, lambda f=flt: search.article_page(session, flt=f, has_fts=store.has_fts, today=today))
    store.close()
    raw.close()
    load_after = load_average()
    figures = [suggest_fig, first_page, filtered, browse]
    table = [*TABLE_HEAD, *(f.row() for f in figures)]
    size = path.stat().st_size / 2**30
    note = (f"{args.articles:,} articles beside the {args.tickets:,}-ticket demo store ({size:.1f} GiB). "
            "Suggestions: one `suggest` per typed word of a ticket's title and description (up to 30 words), with "
            "its service and CI: the ticket's selective words (article counts from fts5vocab, kept ten minutes) "
            "OR-ed in one FTS5 MATCH ranked by bm25 inside the index's scan, then the service's and CI's most "
            "reused articles (the reuse index), ranked in Python. Search: `article_page` per letter typed (prefix "
            "search; the newest 2,000 matches ranked by bm25 with the confidence and reuse boost; highlights and "
            "snippet made in Python for the page; count to 1,000 where an exact count would cost). "
            f"Load average before {load_text(load_before)}, after {load_text(load_after)}.")
    print("\n".join(table))
    print(note)
    if not args.no_record:
        record("knowledge", "Knowledge base (`python -m bench.knowledge_bench`)", table, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
