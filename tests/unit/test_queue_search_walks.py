"""The search walks (app.tickets.search_walks) give the first rows of the full sort by every path: windows alone, the
set walk at once, windows that take the set, a set walk that sorts its matches, a chunk read again, the open tickets
skipped as a set; and their parts say what the search clause says."""

import pytest
from sqlalchemy import event, select

from app.models import Ticket
from app.tickets import queue, search, search_syntax, search_walks
from app.tickets.queue import QueueFilter, QueueSort
from tests.unit.test_queue_windows import fill


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.store import open_store

    st = open_store(tmp_path_factory.mktemp("search_walks") / "store.sqlite3")
    # 120 tickets of the windows' tests, every third one closed, every seventh of a second requester.
    me = fill(st, count=120, closed_every=3, second_requester_every=7)
    yield st, me
    st.close()


TEXTS = ["the", "vpn", "password reset", '"cannot connect"', "-the", "-vpn", "printer OR scanner", "the -vpn",
         "tunnel 1234", "zzzqqq", "the queue", "vendor -floor"]
SORTS = [QueueSort("requester", False), QueueSort("state", True), QueueSort("sla_due", False),
         QueueSort("updated_at", True), QueueSort("number", False), QueueSort("assignee", True)]
FILTERS = [QueueFilter(), QueueFilter(open_only=False), QueueFilter(open_only=True), QueueFilter(priorities=(1,)),
           QueueFilter(open_only=False, priorities=(2,))]
# Each path forced by the constants (small chunks so that a walk takes many): windows alone (no set read), the set walk
# at once, windows that take the set after the first, a set walk that sorts its matches after the first chunk, and
# a set walk whose chunks overshoot and are read again.
PATHS = {
    "windows": {"SET_PIECES_MAX": -1, "SORT_PIECES_MAX": -1, "SET_FALLBACK_PIECES": -1},
    "set": {"SET_PIECES_MAX": 10**12, "SORT_MATCH_PIECES": 10**9},
    "windows-then-set": {"SET_PIECES_MAX": -1, "SORT_PIECES_MAX": -1, "WALK_BUDGET_MS": 0.0,
                         "WALK_BUDGET_BEFORE_SET_MS": 0.0},
    "set-then-sort": {"SET_PIECES_MAX": 10**12, "SORT_MATCH_PIECES": 0.0, "SORT_AFTER": 0.0},
    "set-read-again": {"SET_PIECES_MAX": 10**12, "SORT_MATCH_PIECES": 10**6, "SET_CHUNK_FIRST": 8},
}


def _force(monkeypatch, path: str) -> None:
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", 600_000.0)
    monkeypatch.setattr(search_walks, "WALK_ROWS_PER_HIT", 10**6)
    monkeypatch.setattr(search_walks, "WINDOW_FIRST", 5)
    monkeypatch.setattr(search_walks, "SET_CHUNK_FIRST", 6)
    for name, value in PATHS[path].items():
        monkeypatch.setattr(search_walks, name, value)
    if path == "windows":  # no set can be read: windows to the end
        monkeypatch.setattr(search_walks, "match_mask", lambda *a, **k: None)


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize("user_text", TEXTS)
def test_every_walk_gives_the_first_rows_of_the_full_sort(desk, monkeypatch, path, user_text):
    st, me = desk
    for flt in FILTERS:
        flt = flt.with_text(user_text)
        for sort in SORTS:
            with st.session() as s:
                full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))
                _force(monkeypatch, path)
                pages = [list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=limit))
                         for limit in (1, 12)]
                monkeypatch.undo()
            assert pages == [full[:1], full[:12]], (path, flt, sort)


def test_the_set_walk_is_taken_at_once_or_after_windows(desk, monkeypatch):
    """Few pieces: the set at once. Many: windows first, then the set when the windows would not last (here no
    budget at all)."""
    st, me = desk
    taken = []
    real = search_walks.match_mask
    monkeypatch.setattr(search_walks, "match_mask", lambda *a, **k: taken.append(1) or real(*a, **k))
    flt, sort = QueueFilter(text="tunnel", open_only=False), QueueSort("requester", False)
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    with st.session() as s:
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))[:5]
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=5)) == full
        assert taken == [1]  # "tunnel" has few pieces: the set walk at once
        taken.clear()
        monkeypatch.setattr(search_walks, "SET_PIECES_MAX", -1)
        monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", -1)
        monkeypatch.setattr(search_walks, "WINDOW_FIRST", 3)
        monkeypatch.setattr(search_walks, "WALK_BUDGET_BEFORE_SET_MS", 0.0)
        walked = []
        real_tested = search_walks._tested
        monkeypatch.setattr(search_walks, "_tested", lambda *a: walked.append(len(a[2])) or real_tested(*a))
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=5)) == full
        assert taken == [1] and len(walked) == 1  # one window (3 rows, less the open ones), then the set


def test_a_walk_without_a_set_gives_up_past_its_budget(desk, monkeypatch):
    """A number word keeps the text's matches from being read as a set: out of budget, the windows give up (None)
    and the queue sorts the matches instead."""
    st, me = desk
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(search_walks, "SET_PIECES_MAX", -1)
    monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", -1)
    for budget in ("WALK_BUDGET_MS", "WALK_BUDGET_BEFORE_SET_MS"):
        monkeypatch.setattr(search_walks, budget, 0.0)
    monkeypatch.setattr(search_walks, "WINDOW_FIRST", 3)
    results = []
    real = search_walks.walk_in_windows
    monkeypatch.setattr(search_walks, "walk_in_windows", lambda *a: results.append(real(*a)) or results[-1])
    flt, sort = QueueFilter(text="tunnel 1234"), QueueSort("requester", False)
    with st.session() as s:
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))[:5]
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=5)) == full
        assert results == [None]
        results.clear()
        flt = QueueFilter(text="tunnel")  # a set can be read: the windows take it instead of giving up
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))[:5]
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=5)) == full
        assert [list(r) for r in results if r is not None] == [full]


@pytest.mark.parametrize("user_text", TEXTS)
def test_the_match_mask_holds_what_the_search_clause_matches(desk, user_text):
    st, _ = desk
    with st.session() as s:
        tickets_ = s.scalar(select(Ticket.row_id).order_by(Ticket.row_id.desc()).limit(1))
        mask = search_walks.match_mask(s, user_text, tickets=tickets_)
        if search_syntax.parse(user_text).digits is not None or "1234" in user_text:
            assert mask is None  # a number word: its tickets are found by the number index too
            return
        clause = search.search_clause(user_text, has_fts=True, lists=search.absent_lists(s))
        assert mask is not None and len(mask) == tickets_ + 1
        every = set(s.scalars(select(Ticket.row_id)))
        assert set(mask.nonzero()[0].tolist()) & every == set(s.scalars(select(Ticket.row_id).where(clause)))


def test_the_open_mask_holds_the_open_tickets_up_to_its_cap(desk, monkeypatch):
    st, _ = desk
    with st.session() as s:
        tickets_ = s.scalar(select(Ticket.row_id).order_by(Ticket.row_id.desc()).limit(1))
        opened = set(s.scalars(select(Ticket.row_id).where(Ticket.is_open.is_(True))))
        mask = search_walks.open_mask(s, tickets=tickets_)
        assert mask is not None and set(mask.nonzero()[0].tolist()) == opened
        monkeypatch.setattr(search_walks, "OPEN_SET_MAX", len(opened) - 1)
        assert search_walks.open_mask(s, tickets=tickets_) is None


@pytest.mark.parametrize("sort", SORTS)
def test_the_chunks_cover_the_order_once(desk, sort):
    """LIMIT/OFFSET chunks of any size: each holds the next rows of the order, together every row once."""
    st, _ = desk
    with st.session() as s:
        stmt = queue._ordered(select(Ticket.row_id), sort)
        every = list(s.scalars(stmt))
        chunks = search_walks._Chunks(s, stmt)
        seen = []
        for size in (1, 7, 3, 50, 1000):
            ids = chunks.take(size).tolist()
            assert sorted(ids) == sorted(every[len(seen):len(seen) + size])
            seen += ids
        assert chunks.done and sorted(seen) == sorted(every)


def test_a_set_walk_reads_the_sort_index_and_sorts_only_its_candidates(desk, monkeypatch):
    """Plans: each chunk walks the sort index alone (covering, no sort, no ticket row read: the open tickets are
    skipped as a set); the page's candidates are read by row id and sorted."""
    st, me = desk
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    _force(monkeypatch, "set")
    event.listen(st.engine, "before_cursor_execute", grab)
    try:
        with st.session() as s:
            queue.ticket_ids(s, flt=QueueFilter(text="vpn", open_only=False), sort=QueueSort("requester", False),
                             me=me, has_fts=True, limit=5)
    finally:
        event.remove(st.engine, "before_cursor_execute", grab)
    chunk = [(q, p) for q, p in seen if q.startswith("SELECT group_concat(anon_1.row_id)")]
    final = [(q, p) for q, p in seen if "json_each" in q and "ORDER BY" in q]
    assert chunk and len(final) == 1
    with st.session() as s:
        for statement, parameters in (chunk[0], final[0]):
            plan = [r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            steps = [p for p in plan if p.startswith(("SCAN ticket", "SEARCH ticket"))]
            if statement is chunk[0][0]:
                assert steps == ["SCAN ticket USING COVERING INDEX ix_ticket_sort_requester"], plan
                assert not any("TEMP B-TREE" in p for p in plan), plan
            else:
                assert steps == ["SEARCH ticket USING INTEGER PRIMARY KEY (rowid=?)"], plan


def test_a_window_past_the_skipped_tickets_tests_only_the_rows_it_wants(desk, monkeypatch):
    """Closed tickets by state, descending: the open ones ("new") lie between the resolved and the fulfilled. The
    windows read on past them, and a read that kept far more closed rows than a window tests is read again up to
    the rows wanted: the page is the full sort's, each window tests at most twice what it wants."""
    st, me = desk
    _force(monkeypatch, "windows")
    monkeypatch.setattr(search_walks, "WINDOW_FIRST", 2)
    monkeypatch.setattr(search_walks, "WINDOW_MAX", 4)  # windows of 2 to 4 rows: the block of 20 fulfilled is more
    tested, rewound = [], []
    real_tested, real_rewind = search_walks._tested, search_walks._Walk.rewind
    monkeypatch.setattr(search_walks, "_tested", lambda *a: tested.append(len(a[2])) or real_tested(*a))
    monkeypatch.setattr(search_walks._Walk, "rewind", lambda self: rewound.append(1) or real_rewind(self))
    flt, sort = QueueFilter(text="the", open_only=False), QueueSort("state", True)
    with st.session() as s:
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))[:30]
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=30)) == full
    assert rewound and tested and max(tested) <= 2 * 4 + 2
