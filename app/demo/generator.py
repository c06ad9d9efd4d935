"""Generate a deterministic, realistic demo desk into a store, bulk-loaded through raw SQLite."""

from __future__ import annotations

import json
import logging
import operator
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from app.demo import reference_data as demo_reference
from app.demo import vocabulary as V
from app.demo.changes import generate_changes
from app.demo.cmdb import generate_cmdb
from app.demo.desk import DAY, Desk, build_desk, uuid7_maker
from app.demo.knowledge import generate_knowledge
from app.demo.lifecycle import DAYS, Tickets
from app.demo.problems import generate_problems
from app.demo.sla_clocks import Clocks, measure_later
from app.demo.templates import generate_templates
from app.kpi import daily as kpi_daily
from app.sla.policies import load_policies
from app.sla.tracking import INSERT_SLA
from app.store import FTS_OPTIMIZE, FTS_WORDS, StoreError, open_store

VERSION = 13  # bump whenever the same seed gives other rows, here or in desk/lifecycle (bench caches check it)
CHUNK = 25_000  # tickets per transaction; about 3x as many worklog and 4.5x as many audit rows ride along
# Explicit columns: a column added to a model later stays at its default instead of shifting values.
COLUMNS = {
    "group": "id name description", "person": "id name email is_agent department active phone site vip language",
    "group_member": "group_id person_id", "service": "id name description owner_group_id",
    "configuration_item": "id name ci_class parent_id service_id criticality", "category": "id name parent_id",
    "ticket": "row_id id type number title description state is_open on_hold_reason impact urgency priority "
              "priority_overridden category_id service_id ci_id requester_id group_id assignee_id channel "
              "created_at updated_at first_response_at resolved_at closed_at resolution_code resolution_notes "
              "csat_score reopen_count group_name assignee_name requester_name",
    "worklog_entry": "id ticket_id kind author_id body time_spent_minutes created_at fts_rowid mail_state mail_at",
    "audit_event": "id entity entity_id field old_value new_value actor_id at",  # AUDIT_KEY below reads it
    "ticket_link": "id source_id target_id kind created_at", "ticket_fts": "rowid body title",
}
AUDIT_KEY = operator.itemgetter(2, 7, 0)  # an audit row's (entity_id, at, id): the table's key (migration 0033)
# The demo's satisfaction answers are the requesters' own, through the survey mailed on resolve (as a team
# server records them): given within two days of the resolution (not after the close), some with a comment.
SURVEY_COMMENTS = ("Quick and friendly, thank you.", "Took a while, but it works now.",
                   "Had to call twice before anyone answered.", "Great explanation of what went wrong.")
SURVEY_SQL = (
    "UPDATE ticket SET csat_source = 'survey', "
    "csat_at = min(strftime('%Y-%m-%d %H:%M:%S.000000', resolved_at, '+' || (row_id % 47 + 1) || ' hours'), "
    "coalesce(closed_at, resolved_at)), "
    "csat_comment = CASE row_id % 9 " + " ".join(f"WHEN {i} THEN '{c}'" for i, c in enumerate(SURVEY_COMMENTS))
    + " END WHERE csat_score IS NOT NULL AND resolved_at IS NOT NULL")
# The people directory (issue 14): sites with the language spoken there and the phone prefix used.
SITES = (("London", "en", "+44 20 7946 "), ("Manchester", "en", "+44 161 496 "), ("Paris", "fr", "+33 1 70 36 "),
         ("Berlin", "de", "+49 30 901820 "), ("Madrid", "es", "+34 91 123 "), ("New York", "en", "+1 212 555 "),
         ("Singapore", "en", "+65 6123 "), ("Remote", "en", "+44 7700 900"))
SITE_SHARES = (30, 10, 14, 12, 8, 14, 6, 6)

log = logging.getLogger(__name__)


def with_directory(rows: list[tuple], seed: int) -> list[tuple]:
    """Person rows (id name email is_agent department active) with phone, site, VIP flag and language added.
    Drawn from a generator of their own, so every other demo row stays what the seed always gave."""
    rng = random.Random(seed * 7919 + 14)
    out = []
    for row in rows:
        name, is_agent = row[1], row[3]
        site, language, prefix = rng.choices(SITES, SITE_SHARES)[0]
        if name.startswith("Monitoring"):
            out.append((*row, None, None, 0, None))
            continue
        phone: str | None = prefix + "".join(str(rng.randrange(10)) for _ in range(4))
        if rng.random() < 0.08:
            phone = None  # not everyone left a number
        vip = int(not is_agent and rng.random() < 0.02)
        out.append((*row, phone, site, vip, language if rng.random() < 0.9 else "en"))
    return out


LOADING_KEY = "demo_loading"  # store_meta: the parked FTS triggers and ticket indexes while a load runs
# Triggers parked besides the search ones: the rows come with what they would write (the queue's sort keys,
# set at insert by the first; the SLA due time copied to the ticket by the second, set in one statement at
# the end by `sla_sort_keys_in_bulk`).
PARKED_TRIGGERS = ("ticket_sortkey_ai", "ticket_sla_sortkey_ai")
PARKED_INDEXES = ("ticket", "ticket_sla")  # their secondary indexes are built once, at the end

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
    changes: int = 0
    ci_relations: int = 0


class _Loader:
    """Bulk writes over one raw sqlite3 connection to the store file.

    While loading, durability is off and the FTS triggers and the ticket indexes are dropped, their SQL parked in
    store_meta in the same transaction; `close` puts them back, also after an error, and `restore_triggers` on a
    later run repairs a load that was killed half-way.
    """

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA busy_timeout=5000")
        self.fts = self.meta("fts") == "1"
        self.parked = False
        self.sql = {t: f'INSERT INTO "{t}" ({", ".join(c.split())}) VALUES ({", ".join("?" * len(c.split()))})'
                    for t, c in COLUMNS.items()}
        self.sql["ticket_sla"] = INSERT_SLA

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
        # threads: CREATE INDEX at the end may sort with a helper thread.
        for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY", "threads=2"):
            self.con.execute(f"PRAGMA {pragma}")
        # Triggers would index each ticket and then rewrite its row once per worklog entry; the chunks
        # write the finished search rows themselves instead. The ticket table's secondary indexes (two
        # dozen queue sorts and filters) are built once at the end: CREATE INDEX over the filled table
        # costs a fraction of updating each of them per row (as a first sync does, app.sync.fts_pause).
        triggers = self.con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name IN "
                                    f"({', '.join('?' * len(PARKED_TRIGGERS))}) OR ({int(self.fts)} AND sql LIKE "
                                    "'%ticket_fts%')) ORDER BY name", PARKED_TRIGGERS).fetchall()
        indexes = self.con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                                   f"({', '.join('?' * len(PARKED_INDEXES))}) AND sql IS NOT NULL "
                                   "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name", PARKED_INDEXES).fetchall()
        with self.transaction() as con:
            self.set_meta(LOADING_KEY, json.dumps(triggers + indexes))
            for name, _ in triggers:
                con.execute(f'DROP TRIGGER "{name}"')
            for name, _ in indexes:
                con.execute(f'DROP INDEX "{name}"')
        self.parked = True

    def write(self, rows: dict[str, list[tuple]]) -> None:
        with self.transaction() as con:
            for table, batch in rows.items():
                if batch and (self.fts or table != "ticket_fts"):
                    if table == "audit_event":  # in its key order (entity, time, id): appended, pages packed
                        batch = sorted(batch, key=AUDIT_KEY)
                    con.executemany(self.sql[table], batch)

    def restore_triggers(self) -> bool:
        parked = self.meta(LOADING_KEY)
        if parked is None:
            return False
        with self.transaction() as con:
            for name, sql in json.loads(parked):
                kind = "INDEX" if sql.upper().startswith("CREATE INDEX") else "TRIGGER"
                con.execute(f'DROP {kind} IF EXISTS "{name}"')
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


def sla_sort_keys(con: sqlite3.Connection) -> None:
    """Inside the caller's transaction: copy the due time of every running clock to its ticket's sort key,
    in one statement, as the parked trigger would have done row by row (migration 0012); the other tickets
    keep the column's default, "no running clock"."""
    con.execute("UPDATE ticket SET sla_due = (SELECT s.due_at FROM ticket_sla s WHERE s.ticket_id = ticket.id) "
                "WHERE id IN (SELECT ticket_id FROM ticket_sla WHERE due_at IS NOT NULL)")


def pack(path: Path) -> None:
    """Rewrite the finished store with every table and index packed (SQLite's VACUUM). The load's late steps
    (the survey, the SLA sort key, CIs and problems) grow rows already written, the audit trail and the dashboard
    figures are keyed tables filled out of order: 7-19 % of their pages stood empty, about 250 bytes a ticket
    (docs/PERFORMANCE.md, store size). A desk grown by use fills its pages as any SQLite file does; this is the
    size of the same data written once. Needs free disk for a second copy of the store while it runs."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA busy_timeout=5000")
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _sort_names(desk: Desk) -> Callable[[list[tuple]], list[tuple]]:
    """Ticket rows with the names the queue sorts by (group, assignee, requester) added, as the parked
    insert trigger would have set them."""
    people = {row[0]: row[1] for row in desk.rows["person"]}
    groups, person = desk.group_names, people.get

    def add(rows: list[tuple]) -> list[tuple]:
        return [(*t, groups.get(t[17]), person(t[18]), person(t[16])) for t in rows]
    return add


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
    the calling thread, calling `progress(phase, done, total)` there; from 50,000 tickets the SLA clocks
    are measured in a second Python process beside it (app.demo.sla_clocks). Times and sizes:
    docs/PERFORMANCE.md, demo section. Memory stays bounded (about two chunks of tickets at a time).
    Nothing else may write the store meanwhile.
    Raises DemoError when the store has tickets already or the load fails, StoreError when the store
    cannot be opened.
    """
    if tickets < 0:
        raise ValueError("The number of tickets cannot be negative.")
    began = time.perf_counter()
    until = until or datetime.now(UTC).date()
    report = progress or (lambda phase, done, total: None)
    store = open_store(path)  # migrates, so the raw load below sees the current schema
    path = store.path
    with store.session() as session:
        sla_policies = load_policies(session)
    store.close()
    end = int(datetime(until.year, until.month, until.day, tzinfo=UTC).timestamp()) * 1000
    rng = random.Random(seed)
    uuid7 = uuid7_maker(rng)
    now = datetime.fromtimestamp(end / 1000, UTC)
    loader = _Loader(path)
    clocks = Clocks(sla_policies, tickets=tickets, now=now)
    try:
        loader.restore_triggers()
        loader.check_empty()
        report("reference data", 0, 1)
        desk = build_desk(rng, uuid7, tickets=tickets, before=end - DAYS * DAY)
        desk.rows["person"] = with_directory(desk.rows["person"], seed)
        loader.begin_load()
        loader.write(desk.rows)
        report("reference data", 1, 1)
        maker = Tickets(rng, uuid7, desk, tickets=tickets, start=end - DAYS * DAY, end=end)
        named = _sort_names(desk)
        report("tickets", 0, tickets)
        # Each chunk's SLA clocks are measured beside the writer and written with the next chunk.
        for done in range(0, tickets, CHUNK):
            rows = maker.chunk(min(CHUNK, tickets - done))
            rows["ticket"] = named(rows["ticket"])
            rows["ticket_sla"] = clocks.take()  # the chunk before's
            clocks.submit(rows["ticket"], rows["audit_event"])
            loader.write(rows)
            report("tickets", min(done + CHUNK, tickets), tickets)
        loader.write({"ticket_sla": clocks.take()})
        if loader.fts:  # the chunks wrote a segment each: one segment makes every search query cheaper
            report("search index", 0, 1)
            with loader.transaction() as con:
                con.execute(FTS_OPTIMIZE)
                for sql in FTS_WORDS:
                    con.execute(sql)
            report("search index", 1, 1)
        report("finishing", 0, 1)
        with loader.transaction() as con:
            _assign_me(con, rng, desk)
            demo_reference.fill(con, seed)  # sites, and services' owners, criticality, SLA policy and hours
            con.execute(SURVEY_SQL)  # one statement over the loaded rows: the bulk path stays row-free
            for prefix, used in maker.numbers.items():
                con.execute("INSERT INTO number_sequence (prefix, next_value) VALUES (?, ?) ON CONFLICT (prefix) "
                            "DO UPDATE SET next_value = max(next_value, excluded.next_value)", (prefix, used + 1))
            loader.set_meta("current_user", desk.me)
            report("changes", 0, 1)
            changes = generate_changes(con, desk, seed=seed, tickets=tickets,
                                       now=now)
            cmdb = generate_cmdb(con, desk, seed=seed, tickets=tickets, now=now)
            generate_templates(con, desk, seed=seed, now_ms=end)  # reply templates and macros (issue 13)
            problems = generate_problems(con, seed=seed, agent_id=desk.me)  # after the changes: fixes name them
            generate_knowledge(con, desk, seed=seed, tickets=tickets, now=now)
            # SLA clocks as they stand at the end of the demo's time span (deterministic, like the rows): the
            # chunks' were measured as they were written; the problems that had no service got one above.
            report("service levels", 0, 1)
            measure_later(con, sla_policies, now=now)
            sla_sort_keys(con)
            report("service levels", 1, 1)
            # Written last: bench/cache.py takes its presence as "this load finished".
            loader.set_meta("demo", json.dumps({"version": VERSION, "tickets": tickets, "seed": seed,
                                                "until": until.isoformat()}))
    except sqlite3.Error as exc:  # a full disk, a lock held by another program
        raise DemoError(f"The demo desk could not be written to {path}: {exc}.") from exc
    finally:
        clocks.close()
        loader.close()
    report("dashboard figures", 0, 1)
    store = open_store(path)  # the dashboard's daily figures; rebuilt lazily if this is ever interrupted
    try:
        with store.session() as session:
            kpi_daily.rebuild(session)
    finally:
        store.close()
    report("dashboard figures", 1, 1)
    report("packing", 0, 1)
    try:
        pack(path)
    except sqlite3.Error as exc:  # e.g. no room for the second copy: the desk is whole, only bigger
        log.warning("The demo desk is complete but could not be packed (%s); it takes more room.", exc)
    report("packing", 1, 1)
    report("finishing", 1, 1)
    people = desk.rows["person"]
    return DemoSummary(
        tickets=tickets, open_tickets=maker.open, worklogs=maker.worklogs + problems["comms"],
        audit_events=maker.audit + changes.audit_events,
        links=maker.links, agents=sum(1 for p in people if p[3]), requesters=sum(1 for p in people if not p[3]),
        groups=len(desk.rows["group"]) + 1,  # the change demo adds the CAB group
        categories=len(desk.rows["category"]), services=len(desk.rows["service"]),
        configuration_items=cmdb.cis, seconds=round(time.perf_counter() - began, 2),
        changes=changes.changes, ci_relations=cmdb.relations)


def repair_interrupted(path: Path | str) -> bool:
    """Put back the search triggers and ticket indexes of a load that was killed half-way; True when it had to."""
    loader = _Loader(Path(path))
    try:
        return loader.restore_triggers()
    finally:
        loader.con.close()
