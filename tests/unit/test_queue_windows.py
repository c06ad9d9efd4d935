"""The walk's window tests (one range read, or a seek per ticket), its walk against all the text's matches read once,
and the searched count by the filter's side give the rows and counts of the full sort, for every kind of search text."""

import pytest
from sqlalchemy import select

from app.models import Ticket
from app.people import reference
from app.tickets import queue, search, search_walks, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort
from tests.unit.factories import path_to, required_fields

WORDS = ["printer", "scanner", "vpn", "password", "reset", "tunnel"]
BODIES = ["the spooler was restarted", "cannot connect to the vpn", "password reset done", "called the vendor 1234",
          "connect cannot be made"]


def fill(store, *, count: int = 90, closed_every: int = 0, second_requester_every: int = 0):
    """`count` tickets: titles and notes mixing common ("the") and rarer words, phrases in and out of order,
    two priorities; every fifth ticket touched again so the updated order differs from the row order. With
    `closed_every` n, every nth ticket (from the third) is resolved or fulfilled (closed); with
    `second_requester_every` n, every nth ticket has a second requester. Returns the agent's id."""
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Window Agent")
        other = reference.ensure_local_user(s, name="Another Agent") if second_requester_every else me
        ids = []
        for i in range(count):
            kind = ("incident", "service_request")[i % 2]
            requester = {"requester_id": (me, other)[i % second_requester_every == 0]} if second_requester_every else {}
            t = tickets.create_ticket(s, ticket_type=kind, actor_id=me, impact=1 + i % 2, urgency=1 + i % 2,
                                      title=f"{WORDS[i % 6]} {('jams', 'offline', 'the queue')[i % 3]} {i:02d}",
                                      description="the basement" if i % 4 else "floor two", **requester)
            ids.append(t.id)
            for j in range(i % 4):
                worklog.add_worklog(s, ticket_id=t.id, kind="note", actor_id=me, body=BODIES[(i + j) % 5])
            if closed_every and i % closed_every == closed_every - 1:
                state = "resolved" if kind == "incident" else "fulfilled"
                for step in path_to(kind, state):
                    tickets.update_ticket(s, ticket_id=t.id, actor_id=me,
                                          changes={"state": step, **required_fields(step, kind)})
        for tid in ids[::5]:
            worklog.add_worklog(s, ticket_id=tid, kind="note", actor_id=me, body="checked again later")
    return me


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    from app.store import open_store

    st = open_store(tmp_path_factory.mktemp("windows") / "store.sqlite3")
    me = fill(st)
    yield st, me
    st.close()


TEXTS = ["the", "th", "vpn", "password reset", '"cannot connect"', '"connect cannot"', "-the", "-vpn",
         "printer OR scanner", "the -vpn", "tunnel 1234", "1234", "inc0000004", "inc0000004 OR vpn",
         "-inc0000004", "zzzqqq", "the queue", "vendor -floor"]
SORTS = [QueueSort("updated_at", True), QueueSort("title", False), QueueSort("number", False),
         QueueSort("requester", True), QueueSort("priority", False)]
# Every window read by one range read, every window by a seek per ticket, or no windows: the sort index walked
# against all the text's matches read once, or the matches read and sorted: (WINDOW_SPREAD, SET_PIECES_MAX,
# SORT_PIECES_MAX).
MODES = {"range": (10**9, -1, -1), "seek": (0, -1, -1), "set": (0, 10**12, -1), "sort": (0, 10**12, 10**12)}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("user_text", TEXTS)
def test_a_walk_by_windows_gives_the_first_rows_of_the_full_sort(desk, monkeypatch, mode, user_text):
    st, me = desk
    for flt in (QueueFilter(text=user_text), QueueFilter(text=user_text, priorities=(1,)),
                QueueFilter(text=user_text, open_only=True)):
        for sort in SORTS:
            with st.session() as s:
                full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))
                monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
                monkeypatch.setattr(search_walks, "WALK_BUDGET_MS", 600_000.0)
                monkeypatch.setattr(search_walks, "WALK_ROWS_PER_HIT", 10**6)
                monkeypatch.setattr(search_walks, "WINDOW_FIRST", 7)  # many windows, growing
                monkeypatch.setattr(search_walks, "WINDOW_SPREAD", MODES[mode][0])  # pieces per row
                monkeypatch.setattr(search_walks, "SET_PIECES_MAX", MODES[mode][1])
                monkeypatch.setattr(search_walks, "SORT_PIECES_MAX", MODES[mode][2])
                page = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=12))
                monkeypatch.undo()
            assert page == full[:12], (flt, sort)


@pytest.mark.parametrize("user_text", TEXTS)
def test_window_matches_says_what_the_search_clause_says(desk, user_text):
    st, _ = desk
    with st.session() as s:
        every = list(s.scalars(select(Ticket.row_id).order_by(Ticket.row_id)))
        clause = search.search_clause(user_text, has_fts=True)
        expected = set(s.scalars(select(Ticket.row_id).where(clause))) if clause is not None else set(every)
        for window in (every, every[10:40], every[::7], every[-3:]):
            assert search.window_matches(s, user_text, window) == expected & set(window), window


@pytest.mark.parametrize("user_text", ["the", "the queue", "-the", '"cannot connect"', "vpn", "th"])
def test_a_searched_count_by_the_filters_side_counts_what_the_full_list_holds(desk, monkeypatch, user_text):
    st, me = desk
    for flt in (QueueFilter(text=user_text, priorities=(1,)), QueueFilter(text=user_text, open_only=True),
                QueueFilter(text=user_text, types=("incident",), priorities=(2,))):
        with st.session() as s:
            full = queue.ticket_ids(s, flt=flt, sort=QueueSort(), me=me, has_fts=True)
            assert queue.count_tickets(s, flt=flt, me=me, has_fts=True) == len(full), flt
            # A text in 60 tickets or more is "common" here, and a filter under 60 tickets "small".
            monkeypatch.setattr(queue, "COUNT_BY_FILTER_BELOW", 60)
            if user_text == "the" and not flt.open_only:  # in most tickets, the filter in fewer: not counted in full
                monkeypatch.setattr(queue, "fts_match_count", None)
            assert queue.count_tickets(s, flt=flt, me=me, has_fts=True) == len(full), flt
            monkeypatch.undo()
