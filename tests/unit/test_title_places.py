"""A search sorted by title takes its first page from the titles' places kept in memory (app.tickets.title_places):
the same rows as the full sort, also after titles changed, tickets came and went, or the change log was trimmed."""

import pytest
from sqlalchemy import select, text, update

from app.models import Ticket
from app.people import reference
from app.tickets import id_sets, queue, title_places, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort

TITLES = ["Password reset for {}", "VPN drops at {}", "printer jams in {}", "Zebra label printer {}",
          "account locked: password reset {}", "a request about {}"]
NOTES = ["password reset done", "the vpn works again", "reset the password twice", "called back"]
TEXTS = ["password reset", '"password reset"', "password -vpn", "printer OR vpn", "reset", "zzzqqq"]
SORTS = [QueueSort("title", False), QueueSort("title", True)]
FILTERS = [QueueFilter(), QueueFilter(priorities=(1,)), QueueFilter(open_only=True), QueueFilter(open_only=False)]


@pytest.fixture()
def desk(tmp_path):
    from app.store import open_store

    st = open_store(tmp_path / "store.sqlite3")
    with st.session() as s:
        me = reference.ensure_local_user(s, name="Places Agent")
        for i in range(60):
            t = tickets.create_ticket(s, ticket_type=("incident", "service_request")[i % 2],
                                      title=TITLES[i % 6].format(f"room {i % 7}"),  # equal titles: the row id orders
                                      actor_id=me, impact=1 + i % 2, urgency=1 + i % 2, description="")
            for j in range(i % 3):
                worklog.add_worklog(s, ticket_id=t.id, kind="note", actor_id=me, body=NOTES[(i + j) % 4])
    yield st, me
    with st.session() as s:
        title_places.forget(s)
    st.close()


def _taken(monkeypatch) -> list:
    """The candidates each first page got from the places (None when it could not use them)."""
    seen: list = []
    real = title_places.first_candidates

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(title_places, "first_candidates", spy)
    monkeypatch.setattr(queue, "plan_first_page", lambda *a, **k: queue.Plan(walk=True))
    monkeypatch.setattr(queue, "sampled_share", lambda *a: 0.0)  # no walk expected to fill the page soon
    return seen


def _assert_pages_as_full_sort(st, me, limit=7):
    for user_text in TEXTS:
        for flt in FILTERS:
            flt = QueueFilter(**{**flt.__dict__, "text": user_text})
            for sort in SORTS:
                with st.session() as s:
                    full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))
                    page = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=limit))
                assert page == full[:limit], (user_text, flt, sort)


def test_the_first_page_by_places_is_the_full_sorts(desk, monkeypatch):
    st, me = desk
    seen = _taken(monkeypatch)
    with st.session() as s:
        assert title_places.prepare(s)
        assert not title_places.prepare(s)  # current: not read again
    _assert_pages_as_full_sort(st, me)
    assert seen and all(c is not None for c in seen)
    assert any(len(c) >= 7 for c in seen)


def test_new_and_retitled_tickets_are_placed_by_their_titles(desk, monkeypatch):
    st, me = desk
    seen = _taken(monkeypatch)
    with st.session() as s:
        title_places.prepare(s)
        first = s.scalars(select(Ticket).order_by(Ticket.row_id)).all()
        # Moved to each end of the title order, and new tickets at both ends, after the places were read.
        s.execute(update(Ticket).where(Ticket.row_id == first[0].row_id).values(title="AAA password reset first"))
        s.execute(update(Ticket).where(Ticket.row_id == first[4].row_id).values(title="zzz password reset last"))
        s.execute(update(Ticket).where(Ticket.row_id == first[6].row_id).values(title="no longer matching"))
        for title in ("AAB password reset new", "zzy reset password new"):
            tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me, impact=1, urgency=1,
                                  description="")
        s.execute(text("DELETE FROM ticket WHERE row_id = :r"), {"r": first[12].row_id})
        now = title_places.current(s)
        assert now is not None and len(now.unsure) == 5
    _assert_pages_as_full_sort(st, me)
    assert seen and all(c is not None for c in seen)


def test_too_many_changes_or_a_trimmed_log_make_the_places_stale(desk, monkeypatch):
    st, me = desk
    with st.session() as s:
        title_places.prepare(s)
        monkeypatch.setattr(title_places, "STALE_AFTER", 2)
        s.execute(update(Ticket).where(Ticket.row_id <= 3).values(title=Ticket.title + " again"))
        assert title_places.current(s) is None
        assert title_places.prepare(s)  # read again
        assert title_places.current(s) is not None
    monkeypatch.undo()
    with st.session() as s:
        # The log keeps its last 65,536 entries: the trigger trims it every 1,024.
        s.execute(text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000) "
                       "INSERT INTO ticket_title_change(row_id) SELECT 1 FROM n"))
    with st.session() as s:
        assert s.scalar(text("SELECT count(*) FROM ticket_title_change")) < 70000
        assert title_places.current(s) is None
    seen = _taken(monkeypatch)
    _assert_pages_as_full_sort(st, me)  # without places: the other plans
    assert seen and all(c is None for c in seen)


def test_reading_the_places_walks_the_title_index_without_sorting(desk):
    st, _ = desk
    with st.session() as s:
        plan = " ".join(r[3] for r in s.execute(text(
            "EXPLAIN QUERY PLAN " + title_places.TITLE_ORDER)))
    assert "ix_ticket_sort_title" in plan and "TEMP B-TREE" not in plan, plan
    with st.session() as s:
        plan = " ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + id_sets.OPEN_IDS)))
    assert plan.startswith("SEARCH ticket USING COVERING INDEX"), plan  # the open tickets only


def test_the_places_read_as_one_text_are_checked_against_the_title_order(desk, monkeypatch):
    import numpy as np

    st, _ = desk
    with st.session() as s:
        order = np.array(s.scalars(text(title_places.TITLE_ORDER)).all(), dtype=np.int64)
        assert title_places._in_title_order(s, order)
        assert not title_places._in_title_order(s, order[::-1].copy())
        # Were the text's order not the title order, the rows are read one by one.
        monkeypatch.setattr(title_places, "_in_title_order", lambda *a: False)
        places = title_places.read_places(s)
    assert places.at[order].tolist() == list(range(len(order)))


def test_only_new_and_retitled_tickets_are_logged(desk):
    st, me = desk
    with st.session() as s:
        before = s.scalar(text("SELECT max(seq) FROM ticket_title_change"))
        row = s.scalars(select(Ticket).order_by(Ticket.row_id)).first()
        s.execute(update(Ticket).where(Ticket.row_id == row.row_id).values(priority=3, title=row.title))
        assert s.scalar(text("SELECT max(seq) FROM ticket_title_change")) == before
        s.execute(update(Ticket).where(Ticket.row_id == row.row_id).values(title="changed"))
        assert s.scalars(text("SELECT row_id FROM ticket_title_change WHERE seq > :b"), {"b": before}).all() == [
            row.row_id]


def test_a_text_most_tickets_match_walks_the_title_index_first(desk, monkeypatch):
    st, me = desk
    seen = _taken(monkeypatch)
    monkeypatch.setattr(queue, "sampled_share", lambda *a: 0.9)  # the first window of the walk fills the page
    with st.session() as s:
        title_places.prepare(s)
        flt, sort = QueueFilter(text="reset"), QueueSort("title", False)
        full = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True))
        assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=7)) == full[:7]
    assert seen == []


def test_ids_are_read_a_piece_at_a_time_whole(monkeypatch):
    monkeypatch.setattr(id_sets, "PARSED_AT_ONCE", 5)
    for joined in ("", None, "7", "1,22,333,4444,55555,6", ",".join(str(i) for i in range(1000))):
        expected = [int(x) for x in joined.split(",")] if joined else []
        assert id_sets.parsed(joined).tolist() == expected


def test_a_text_with_the_open_state_is_counted_from_its_sets_as_its_rows(desk, monkeypatch):
    st, me = desk
    sets: list = []
    real = id_sets.matching_ids
    monkeypatch.setattr(id_sets, "matching_ids", lambda *a, **k: sets.append(real(*a, **k)) or sets[-1])
    for user_text in (*TEXTS, "the -reset", "password reset -zzzqqq"):
        for open_only in (True, False):
            flt = QueueFilter(text=user_text, open_only=open_only)
            with st.session() as s:
                ids = list(queue.ticket_ids(s, flt=flt, sort=QueueSort(), me=me, has_fts=True))
                assert queue.count_tickets(s, flt=flt, me=me, has_fts=True) == len(ids), (user_text, open_only)
    assert sets and all(found is not None for found in sets)
    assert {len(found) for found in sets} - {0}  # not every count was nothing
    with st.session() as s:  # a number is also found by its own index: counted as before
        sets.clear()
        assert queue.count_tickets(s, flt=QueueFilter(text="12", open_only=True), me=me, has_fts=True) >= 0
        assert sets == [None]
