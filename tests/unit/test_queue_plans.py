"""Queue plans: every sort in every built-in view, searched or not, reads an index; the sort keys stay right."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event, select, text

from app.demo.generator import generate
from app.models import Group, Person, Ticket
from app.people import reference
from app.store import make_engine, open_store, upgrade
from app.sync.bulk import upsert_rows
from app.tickets import queue, search_walks
from app.tickets import writes as tickets
from app.tickets.queue import BUILTIN_VIEWS, OPEN_INDEXED_SORTS, SORTS, Plan, QueueFilter, QueueSort
from tests.unit.factories import make_desk, path_to, required_fields

VIEWS = {v.key: v for v in BUILTIN_VIEWS}
TEXTS = ["", "beta"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """24 tickets over two groups, three agents and two requesters, a third of them closed."""
    st = open_store(tmp_path_factory.mktemp("plans") / "store.sqlite3")
    with st.session() as s:
        me = reference.ensure_local_user(s, name="Me Myself")
        d = make_desk(s, me)
        agents, groups = [me, d.alice, d.bob, None], [d.desk, d.network, None]
        for i in range(24):
            kind = ("incident", "service_request")[i % 2]
            t = tickets.create_ticket(s, ticket_type=kind, title=f"{('alpha', 'beta')[i % 2]} case {i % 5}",
                                      actor_id=me, group_id=groups[i % 3], requester_id=(d.requester, me)[i % 2],
                                      impact=1 + i % 3, urgency=1 + i % 2,
                                      channel=("email", "phone", "portal")[i % 3])
            agent = agents[i % 4]
            if agent and (agent, groups[i % 3]) not in {(d.alice, d.network), (d.bob, d.desk)}:  # members only
                tickets.update_ticket(s, ticket_id=t.id, changes={"assignee_id": agent}, actor_id=me)
            if i % 3 == 2:
                state = "resolved" if kind == "incident" else "fulfilled"
                for step in path_to(kind, state):
                    tickets.update_ticket(s, ticket_id=t.id, actor_id=me,
                                          changes={"state": step, **required_fields(step, kind)})
    yield st, me, d
    st.close()


def _run(st, me, flt, sort, *, limit=None):
    """The ids ticket_ids gives, and the query plan of the statement that read them."""
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(st.engine, "before_cursor_execute", grab)
    try:
        with st.session() as s:
            ids = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=st.has_fts, limit=limit))
    finally:
        event.remove(st.engine, "before_cursor_execute", grab)
    # The last ordered read of the tickets, not the SQL sort of a walk's few candidates (json_each) at its end.
    statement, parameters = [(q, p) for q, p in seen if "FROM ticket" in q and "ORDER BY" in q
                             and "json_each" not in q][-1]
    with st.session() as s:
        plan = [r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    return ids, plan


def _index_columns(st, name: str) -> list[str]:
    with st.session() as s:
        if name == "INTEGER PRIMARY KEY":
            return ["row_id"]
        return [r[2] for r in s.connection().exec_driver_sql(f'PRAGMA index_info("{name}")')]


def _is_partial_on_open(st, name: str) -> bool:
    with st.session() as s:
        sql = s.scalar(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": name}) or ""
    return sql.endswith("WHERE is_open")


def _ticket_steps(plan: list[str]) -> list[str]:
    return [p for p in plan if re.match(r"(SCAN|SEARCH) ticket\b", p.strip())]


def _modes(view_key: str, words: str) -> list[tuple[str, Plan]]:
    """The plans a first page can take here: walking the sort index always; the filter's index when the
    view filters; the full-text matches when it searches."""
    modes = [("walk", Plan(walk=True))]
    if VIEWS[view_key].filter != QueueFilter():
        modes.append(("filter", Plan(walk=False)))
    if words:
        modes.append(("text", Plan(walk=False, text_drives=True)))
    return modes


@pytest.mark.parametrize("words", TEXTS, ids=["no-text", "text"])
@pytest.mark.parametrize("key", sorted(SORTS))
@pytest.mark.parametrize("view_key", sorted(VIEWS))
def test_every_sort_in_every_view_reads_an_index(desk, monkeypatch, view_key, key, words):
    st, me, _ = desk
    view = VIEWS[view_key]
    flt = view.filter.with_text(words)
    if flt.conditions:  # the SLA view's condition carries a time: resolve it now, as the queue page does
        flt = QueueFilter.from_dict(flt.to_dict())
    for descending in (False, True):
        sort = QueueSort(key, descending)
        full, _ = _run(st, me, flt, sort)
        for mode, plan in _modes(view_key, words):
            monkeypatch.setattr(queue, "plan_first_page", lambda *a, plan=plan, **k: plan)
            # The walk's time budget is wall time: on a loaded machine a walk of 24 rows could give up
            # for the sorted matches, and the plan read would not be the walk's (CI, stop 19).
            monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", 600_000.0)
            # A walk here, not the read-and-sort that a text of few pieces takes (the "text" mode's plan).
            monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", -1)
            page, steps = _run(st, me, flt, sort, limit=5)
            monkeypatch.undo()
            assert page == full[:5], (mode, descending)  # every plan gives the same first page
            ticket_steps = _ticket_steps(steps)
            assert ticket_steps and not any(p.strip() == "SCAN ticket" for p in ticket_steps), (mode, steps)
            if mode == "walk":
                # One ordered walk of an index whose keys are the sort's columns (after is_open for the open
                # views' own composite indexes): no sort of the matches.
                assert not any("TEMP B-TREE" in p for p in steps), steps
                [step] = ticket_steps
                name = re.search(r"USING (?:COVERING )?INDEX (\w+)", step).group(1)
                want = [c.key for c in SORTS[key]]
                columns = _index_columns(st, name)
                if columns[0] == "is_open":
                    assert key in OPEN_INDEXED_SORTS and flt.open_only is not None, step
                    columns = columns[1:]
                elif flt.open_only:  # the open views walk an index of the open tickets only
                    assert _is_partial_on_open(st, name), step
                assert columns[:len(want)] == want, (step, columns)
            else:
                # The matches are found through an index (the filter's, or the full-text row ids).
                assert all(p.strip().startswith("SEARCH ticket") for p in ticket_steps), (mode, steps)
                if mode == "text":  # by the full-text matches' row ids, the other tests checked on each row
                    assert any("INTEGER PRIMARY KEY" in p for p in ticket_steps), steps


def test_the_plan_walks_when_many_match_and_sorts_when_few(desk, monkeypatch):
    st, me, _ = desk
    monkeypatch.setattr(queue, "WALK_INDEX_FROM", 0)  # break-even then isqrt(limit * tickets): 4 of 24 at limit 1
    with st.session() as s:
        def plan(flt, key="title"):  # which plan; the text's count it read is checked once below
            chosen = queue.plan_first_page(s, flt=flt, sort=QueueSort(key), me=me, has_fts=st.has_fts, limit=1)
            return replace(chosen, text_matches=None)

        def count(flt):
            return queue.count_tickets(s, flt=flt, me=me, has_fts=st.has_fts)

        assert plan(QueueFilter()) == Plan(walk=True)
        # The walked index holds the open (or, by an (is_open, key) index, the closed) tickets only.
        assert plan(QueueFilter(open_only=True)) == Plan(walk=True)
        assert plan(QueueFilter(open_only=False), "updated_at") == Plan(walk=True)
        closed = QueueFilter(open_only=False)  # 8 closed, counted: a title walk would test the open ones too
        assert plan(closed) == Plan(walk=True) and count(closed) >= 4
        few = QueueFilter(assignee_ids=(queue.ME,), open_only=False)
        assert plan(few) == Plan(walk=False, count=count(few)) and count(few) < 4
        rare = QueueFilter(text="beta case 1")
        # Three words: the estimate is the rarest word's count, an upper bound, so the exact count follows.
        assert plan(rare) == Plan(walk=False, text_drives=True)
        assert plan(QueueFilter(text="beta")) == Plan(walk=True)  # 12 matches
        assert plan(QueueFilter(text="beta", open_only=False)) == Plan(walk=True)
        mixed = QueueFilter(text="beta", assignee_ids=(queue.ME,), open_only=False)
        assert plan(mixed) == Plan(walk=False)  # the count is left to count_tickets: the text is checked per row
        # The plan counts the text only up to its cap (12 matches, cap 4): no count to hand on.
        assert queue.plan_first_page(s, flt=mixed, sort=QueueSort(), me=me, has_fts=st.has_fts,
                                     limit=1).text_matches is None
        one = QueueFilter(text="beta", assignee_ids=(queue.ME,), open_only=False)
        # Under the cap, one word: the estimate is the exact count and goes on to count_tickets.
        assert queue.plan_first_page(s, flt=one, sort=QueueSort(), me=me, has_fts=st.has_fts,
                                     limit=200).text_matches == count(QueueFilter(text="beta"))


def test_first_page_counts_exactly_by_every_plan(desk):
    st, me, _ = desk
    for view in BUILTIN_VIEWS:
        for words in ("", "beta", "case 3", "-alpha"):
            flt = QueueFilter.from_dict(view.filter.with_text(words).to_dict())
            with st.session() as s:
                page = queue.first_page(s, flt=flt, sort=QueueSort("title"), me=me, has_fts=st.has_fts, limit=5)
                full = queue.ticket_ids(s, flt=flt, sort=QueueSort("title"), me=me, has_fts=st.has_fts)
            assert page.count == len(full) and list(page.ids) == list(full[:5]), (view.key, words)
            with st.session() as s:  # what the queue model reads first: the same ids, with their rows
                ids, rows = queue.first_rows(s, flt=flt, sort=QueueSort("title"), me=me, has_fts=st.has_fts, limit=5)
            assert list(ids) == list(page.ids) and rows == page.rows, (view.key, words)


# The sort keys on the ticket row equal what a join to their sources gives, whatever wrote the rows.
KEYS_AS_JOINED = """
SELECT t.row_id, t.group_name, g.name, t.assignee_name, a.name, t.requester_name, r.name,
       t.sla_due, coalesce(s.due_at, '9999-12-31')
FROM ticket t LEFT JOIN "group" g ON g.id = t.group_id LEFT JOIN person a ON a.id = t.assignee_id
LEFT JOIN person r ON r.id = t.requester_id LEFT JOIN ticket_sla s ON s.ticket_id = t.id
"""


def _stale_keys(session) -> list:
    rows = session.execute(text(KEYS_AS_JOINED)).all()
    return [r for r in rows if (r[1], r[3], r[5], r[7]) != (r[2], r[4], r[6], r[8])]


def test_sort_keys_follow_every_write(store, me):
    with store.session() as s:
        d = make_desk(s, me)
        t = tickets.create_ticket(s, ticket_type="incident", title="Keys", actor_id=me, group_id=d.desk,
                                  requester_id=d.requester, impact=1, urgency=1)
        tid = t.id
        assert _stale_keys(s) == []
        row = s.execute(text("SELECT group_name, assignee_name, requester_name, sla_due FROM ticket WHERE id = :i"),
                        {"i": tid}).one()
        assert row[:3] == ("Service Desk", None, "Rita Requester") and row[3] < "9999"  # a running clock
        tickets.update_ticket(s, ticket_id=tid, changes={"assignee_id": d.bob, "group_id": d.network}, actor_id=me)
        s.get(Person, d.bob).name = "Bob Renamed"
        s.get(Person, d.requester).name = "Rita Renamed"
        s.get(Group, d.network).name = "Networks"
        s.flush()
        assert _stale_keys(s) == []
        assert s.execute(text("SELECT group_name, assignee_name, requester_name FROM ticket WHERE id = :i"),
                         {"i": tid}).one() == ("Networks", "Bob Renamed", "Rita Renamed")
        for step in path_to("incident", "resolved"):  # the clocks stop: no due time, sorts last
            tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"state": step,
                                                                         **required_fields(step, "incident")})
        assert _stale_keys(s) == []
        # The sync writes every column it knows, NULL into these copies (the server has none): computed again.
        wire = {k: v for k, v in s.execute(text("SELECT * FROM ticket WHERE id = :i"), {"i": tid}).mappings().one()
                .items() if k not in ("group_name", "assignee_name", "requester_name", "sla_due")}
        upsert_rows(s, Ticket, [wire])
        assert _stale_keys(s) == []
        tickets.update_ticket(s, ticket_id=tid, changes={"assignee_id": None, "requester_id": None}, actor_id=me)
        s.execute(text("DELETE FROM ticket_sla WHERE ticket_id = :i"), {"i": tid})
        assert _stale_keys(s) == []
        assert s.execute(text("SELECT assignee_name, requester_name, sla_due FROM ticket WHERE id = :i"),
                         {"i": tid}).one() == (None, None, "9999-12-31")


def test_the_upgrade_fills_the_keys_of_existing_tickets(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0010")
    with engine.begin() as conn:
        person, group, tid = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        conn.execute(text("INSERT INTO person (id, name, is_agent, active) VALUES (:id, 'Old Agent', 1, 1)"),
                     {"id": person})
        conn.execute(text("INSERT INTO \"group\" (id, name) VALUES (:id, 'Old Desk')"), {"id": group})
        conn.execute(text(
            "INSERT INTO ticket (id, type, title, description, state, is_open, impact, urgency, priority, "
            "priority_overridden, group_id, assignee_id, requester_id, channel, created_at, updated_at, "
            "reopen_count) VALUES (:id, 'incident', 'Old', '', 'new', 1, 2, 2, 3, 0, :g, :p, :p, 'email', "
            "'2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 0)"), {"id": tid, "g": group, "p": person})
        conn.execute(text("INSERT INTO ticket_sla (ticket_id, computed_at, state, due_at, warning) "
                          "VALUES (:t, '2026-01-01 00:00:00.000000', 'running', '2026-01-02 00:00:00.000000', 0)"),
                     {"t": tid})
    engine.dispose()
    st = open_store(path)
    try:
        with st.session() as s:
            assert s.execute(text("SELECT group_name, assignee_name, requester_name, sla_due FROM ticket")).one() == \
                ("Old Desk", "Old Agent", "Old Agent", "2026-01-02 00:00:00.000000")
            assert _stale_keys(s) == []
    finally:
        st.close()


def _count_plan(st, me, flt) -> tuple[int, list[str]]:
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(st.engine, "before_cursor_execute", grab)
    try:
        with st.session() as s:
            n = queue.count_tickets(s, flt=flt, me=me, has_fts=st.has_fts)
    finally:
        event.remove(st.engine, "before_cursor_execute", grab)
    statement, parameters = seen[-1]
    with st.session() as s:
        return n, [r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]


def test_a_searched_count_reads_the_side_that_matches_fewer(desk):
    st, me, _ = desk
    # A rare text in a broad filter: the text's matches by row id, the filter tested on each.
    n, plan = _count_plan(st, me, QueueFilter(text="beta case 1", open_only=True))
    assert any("INTEGER PRIMARY KEY" in p for p in _ticket_steps(plan)), plan
    with st.session() as s:
        assert n == len(queue.ticket_ids(s, flt=QueueFilter(text="beta case 1", open_only=True), sort=QueueSort(),
                                         me=me, has_fts=st.has_fts))
    # A narrow filter with a common text: the filter's index, the text tested on each row.
    n, plan = _count_plan(st, me, QueueFilter(text="case", assignee_ids=(queue.ME,), open_only=False))
    assert any("ix_ticket_assignee_open" in p for p in _ticket_steps(plan)), plan
    assert not any(p.strip() == "SCAN ticket" for p in plan), plan


def test_a_demo_load_leaves_every_sort_key_right(tmp_path):
    """The loader writes through raw SQL with some triggers parked, and sets the SLA keys in bulk."""
    path = tmp_path / "demo.sqlite3"
    generate(path, tickets=400, seed=3, until=date(2026, 11, 1))
    st = open_store(path)
    try:
        with st.session() as s:
            assert _stale_keys(s) == []
            assert s.scalar(text("SELECT count(*) FROM ticket WHERE sla_due < '9999'")) > 0  # running clocks
            triggers = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"ticket_sla_sortkey_ai", "ticket_sla_sortkey_au", "ticket_sla_sortkey_ad"} <= triggers
    finally:
        st.close()


@pytest.mark.parametrize("key", ["group", "assignee", "requester"])
def test_a_rename_finds_the_tickets_by_index(store, key):
    """The rename triggers' update (person_sortkey_au, group_sortkey_au) reads an index, not every ticket."""
    with store.session() as s:
        plan = [r[3] for r in s.execute(text(
            f"EXPLAIN QUERY PLAN UPDATE ticket SET {key}_name = 'New' WHERE {key}_name = 'Old' AND {key}_id = 'x'"))]
    assert any(p.startswith("SEARCH ticket USING INDEX") for p in plan), plan


def _last_plan(st, run) -> list[str]:
    """The query plan of the last statement `run(session)` sent."""
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(st.engine, "before_cursor_execute", grab)
    try:
        with st.session() as s:
            run(s)
    finally:
        event.remove(st.engine, "before_cursor_execute", grab)
    statement, parameters = seen[-1]
    with st.session() as s:
        return [r[3].strip() for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]


def test_a_window_is_tested_by_rowid_ranges_of_the_index(desk):
    """window_matches: the window's ids from json_each; each of the 3 groups' (2 + the excluded) pieces read
    over the window's rowid range (FTS5 index `M` with both bounds), prefix words expanded by search_term's
    key, a number word by the number index; no ticket scanned."""
    st, _, _ = desk
    plan = _last_plan(st, lambda s: search_walks.window_matches(s, "beta inc0000004 -alpha", [1, 5, 9]))
    assert plan[0].startswith("SCAN json_each VIRTUAL TABLE"), plan
    assert sum(p.startswith("SCAN ticket_fts VIRTUAL TABLE INDEX 0:M") and p.endswith("><") for p in plan) == 3, plan
    assert any(p.startswith("SEARCH search_term USING PRIMARY KEY") for p in plan), plan
    assert any(p.startswith("SEARCH ticket USING") and "number>? AND number<?" in p for p in plan), plan
    assert not any(re.match(r"SCAN (ticket|search_term)\b", p) for p in plan), plan


def test_a_prefix_word_in_the_walk_seeks_one_term_at_a_time(desk):
    """The walk form of a prefix word: its terms by search_term's key, then FTS5 per term, in the ticket's
    rowid range only (both bounds), under an ordered walk of the sort index."""
    st, me, _ = desk
    plan = _last_plan(st, lambda s: s.execute(
        select(Ticket.row_id).where(queue.search_clause("bet", has_fts=True, walk_sort_index=True))
        .order_by(Ticket.title).limit(3)).all())
    assert plan[0] == "SCAN ticket USING COVERING INDEX ix_ticket_sort_title", plan
    assert "SCAN fts_q" in plan and plan[-1].startswith("SCAN ticket_fts VIRTUAL TABLE INDEX 0:M"), plan
    assert plan[-1].endswith("><"), plan  # a seek in the ticket's own rowid range, not a read of the list
    assert not any("TEMP B-TREE" in p for p in plan), plan
