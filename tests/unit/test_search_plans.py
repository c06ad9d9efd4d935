"""The fast search plans (count from the index, walk the sort index) return exactly what the plain
plans return."""

import pytest
from sqlalchemy import func, select

from app.models import Ticket
from app.people import reference
from app.tickets import queue, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort

WORDS = ["alpha", "beta", "gamma"]


def _fill(store):
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Test Agent")
        for i in range(300):
            t = tickets.create_ticket(s, ticket_type="incident", title=f"{WORDS[i % 3]} item {i}", actor_id=me,
                                      impact=1 + i % 3, urgency=1 + (i // 7) % 3)
            if i % 10 == 0:
                worklog.add_worklog(s, ticket_id=t.id, kind="note", body="beta in the worklog", actor_id=me)
    return me


@pytest.fixture
def desk(tmp_path, store_copies):
    """300 tickets, a tenth with a note; filled once per run, a copy for each test."""
    store, me = store_copies.open(tmp_path / "store.sqlite3", _fill)
    yield store, me
    store.close()


def _plain_count(session, text):
    clause = queue.search_clause(text, has_fts=True)
    return session.scalar(select(func.count()).select_from(Ticket).where(clause))


@pytest.mark.parametrize("text", ["alpha", "beta", "item 1", "gam", "nothing-like-this", "alpha beta", "-beta",
                                  "NOT beta -gamma", "alpha OR gamma", "item -beta", '"alpha item"', "beta OR -x"])
def test_count_from_index_equals_join(desk, text):
    store, me = desk
    with store.session() as s:
        assert queue.count_tickets(s, flt=QueueFilter(text=text), me=me, has_fts=True) == _plain_count(s, text)


@pytest.mark.parametrize("sort", [QueueSort("updated_at", True), QueueSort("created_at", False),
                                  QueueSort("priority", False), QueueSort("number", True),
                                  QueueSort("state", False), QueueSort("assignee", False)])
@pytest.mark.parametrize("text", ["beta", "item", "alpha 12", "-beta", "alpha OR beta"])
def test_walking_the_sort_index_gives_the_same_first_page(desk, monkeypatch, sort, text):
    store, me = desk
    flt = QueueFilter(text=text)
    with store.session() as s:
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))
        monkeypatch.setattr(queue, "WALK_INDEX_FROM", 0)
        page = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=50))
    assert page == full[:50]


def test_filtered_search_still_counts_through_the_join(desk):
    store, me = desk
    with store.session() as s:
        n = queue.count_tickets(s, flt=QueueFilter(text="beta", priorities=(1,)), me=me, has_fts=True)
        expected = s.scalar(select(func.count()).select_from(Ticket).where(
            queue.search_clause("beta", has_fts=True), Ticket.priority == 1))
    assert n == expected


@pytest.mark.parametrize("text", ["-beta", "NOT beta -gamma"])
def test_excluding_alone_reads_the_sort_index_in_order(desk, text):
    """A search of excluded terms only is `row_id NOT IN (index matches)`: SQLite walks the sort index
    and checks each row against the matches, as the view without search does; no table scan, no sort."""
    from tests.unit.test_queue_service import _plan_of_ticket_ids

    store, me = desk
    plan = _plan_of_ticket_ids(store, me, QueueFilter(text=text), QueueSort())
    assert not any(p.strip() == "SCAN ticket" for p in plan), plan
    assert not any("TEMP B-TREE" in p for p in plan), plan
