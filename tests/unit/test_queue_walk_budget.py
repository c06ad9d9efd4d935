"""A walk that finds no page within its budget reads the text's matches and sorts them: same rows, bounded cost."""

import pytest

from app.people import reference
from app.tickets import queue, search_walks
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort

# Titles that sort before every match have no match: a walk by title meets the matches only at the end.
TITLES = [f"aaa plain {i:02d}" for i in range(40)] + [f"zzz kestrel {i:02d}" for i in range(12)]


@pytest.fixture
def desk(tmp_path, store_copies):
    def fill(store):
        with store.session() as s:
            me = reference.ensure_local_user(s, name="Budget Agent")
            for title in TITLES:
                tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me)
        return me

    store, me = store_copies.open(tmp_path / "store.sqlite3", fill)
    yield store, me
    store.close()


def _ids(store, me, text: str, sort: QueueSort, limit: int) -> list[int]:
    with store.session() as s:
        return list(queue.ticket_ids(s, flt=QueueFilter(text=text), sort=sort, me=me, has_fts=True, limit=limit))



@pytest.fixture(autouse=True)
def walks(monkeypatch):
    """The walks these tests squeeze, not the read-and-sort that few pieces take (every text here has few)."""
    monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", -1)


@pytest.mark.parametrize("set_pieces", [-1, 10**9])  # windows (then, past the budget, the walk against all
@pytest.mark.parametrize("budget", [0.0, 1000.0])  # the matches), or that walk at once
@pytest.mark.parametrize("text", ["kestrel", "kes", "plain", "kestrel OR plain", "kestrel 03", "-plain", "-kestrel",
                                  "aaa -plain", "zzz -03"])
@pytest.mark.parametrize("sort", [QueueSort("title", False), QueueSort("title", True), QueueSort("updated_at", True)])
def test_every_budget_gives_the_rows_of_the_full_sort(desk, monkeypatch, set_pieces, budget, text, sort):
    store, me = desk
    with store.session() as s:
        expected = list(queue.ticket_ids(s, flt=QueueFilter(text=text), sort=sort, me=me, has_fts=True))[:5]
    # Force the walk whatever the estimate says (the store is small), then squeeze its budget.
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", budget)
    monkeypatch.setattr(search_walks, "SET_PIECES_MAX", set_pieces)
    assert _ids(store, me, text, sort, limit=5) == expected


def test_a_walk_past_its_budget_falls_back_to_sorting(desk, monkeypatch):
    store, me = desk
    calls = []
    real = queue._sorted_text_matches
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(queue, "_sorted_text_matches", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", 0.0)
    monkeypatch.setattr(search_walks, "WINDOW_FIRST", 5)  # the walk's first window: 5 rows, not the 52 at once
    monkeypatch.setattr(search_walks, "SET_PIECES_MAX", -1)  # windows, not the walk against all the matches (few here)
    monkeypatch.setattr(search_walks, "SET_FALLBACK_PIECES", -1)  # and the fallback that sorts
    assert len(_ids(store, me, "kestrel", QueueSort("title", False), limit=5)) == 5
    assert calls == [1]  # 40 rows without the word come first: the walk's first window had none, time was up
    calls.clear()
    assert len(_ids(store, me, "kestrel", QueueSort("title", True), limit=5)) == 5
    assert calls == []  # the matches come first: the first batch filled the page


def test_a_walk_past_its_budget_walks_against_all_the_matches(desk, monkeypatch):
    store, me = desk
    calls = []
    real = queue._sorted_text_matches
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(queue, "_sorted_text_matches", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", 0.0)
    monkeypatch.setattr(search_walks, "WINDOW_FIRST", 5)
    monkeypatch.setattr(search_walks, "SET_PIECES_MAX", -1)
    with store.session() as s:
        expected = list(queue.ticket_ids(s, flt=QueueFilter(text="kestrel"), sort=QueueSort("title", False), me=me,
                                         has_fts=True))[:5]
    assert _ids(store, me, "kestrel", QueueSort("title", False), limit=5) == expected
    assert calls == []  # the windows gave up, and no sort of the matches followed


@pytest.mark.parametrize("sort", [QueueSort("title", False), QueueSort("title", True)])
def test_few_pieces_are_read_and_sorted_whatever_the_order(desk, monkeypatch, sort):
    store, me = desk
    with store.session() as s:
        expected = list(queue.ticket_ids(s, flt=QueueFilter(text="kestrel"), sort=sort, me=me, has_fts=True))[:5]
    calls = []
    real = queue._sorted_text_matches
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(queue, "_sorted_text_matches", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(search_walks, "walk_in_windows", None)  # no walk at all
    monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", 10**6)
    assert _ids(store, me, "kestrel", sort, limit=5) == expected
    assert calls == [1]


@pytest.mark.parametrize(("sort", "budget"), [(QueueSort("title", False), "WALK_BUDGET_SEARCHED_SORT_MS"),
                                             (QueueSort("updated_at", True), "WALK_BUDGET_BEFORE_SET_MS")])
def test_a_sort_by_searched_text_gives_its_windows_a_shorter_budget(desk, monkeypatch, sort, budget):
    """The title is in the full-text index too: its order meets the matches in clusters, so its windows give up
    sooner for the walk against all the matches (which follows when the text has few pieces)."""
    store, me = desk
    budgets = []
    real = search_walks.walk_in_windows
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(search_walks, "walk_in_windows", lambda *a: budgets.append(a[-1]) or real(*a))
    monkeypatch.setattr(search_walks, "SET_PIECES_MAX", -1)  # windows first, then (past the budget) the walk against
    # all the matches
    with store.session() as s:
        expected = list(queue.ticket_ids(s, flt=QueueFilter(text="kestrel"), sort=sort, me=me, has_fts=True))[:5]
    assert _ids(store, me, "kestrel", sort, limit=5) == expected
    assert budgets == [getattr(search_walks, budget)]
