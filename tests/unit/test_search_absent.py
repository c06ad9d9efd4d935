"""The tickets-without lists of the words in most tickets (migration 0031): the same rows, order and counts as the
full-text index says, after a bulk build and after every kind of write the triggers see."""

import pytest
from sqlalchemy import delete, func, select, text

from app.models import Ticket, WorklogEntry
from app.people import reference
from app.store import FTS_WORDS
from app.tickets import queue, search, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, QueueSort


def _rebuild(session) -> None:
    for sql in FTS_WORDS:
        session.connection().exec_driver_sql(sql)


def _without(session, word: str) -> set[int]:
    """The tickets no piece of which holds a word starting with `word`, read from the full-text index."""
    return set(session.scalars(text(
        "SELECT row_id FROM ticket WHERE row_id NOT IN "
        "(SELECT rowid >> 32 FROM ticket_fts WHERE ticket_fts MATCH :q)"), {"q": f'"{word}"*'}))


def _listed(session, word: str) -> set[int]:
    return set(session.scalars(text("SELECT row_id FROM search_term_absent WHERE prefix = :w"), {"w": word}))


def _fill(store) -> str:
    """40 tickets, 34 with "the" somewhere (title, description or a note), 2 with only "theme" or "there"
    (a prefix match), 4 without; "vpn" in every third; every fourth updated again."""
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Absent Agent")
        ids = []
        for i in range(40):
            title = ("printer", "vpn", "mail")[i % 3] + f" {i:02d}"
            description = {0: "the basement", 1: "floor two", 2: "the lobby", 3: "site b"}[i % 4]
            t = tickets.create_ticket(s, ticket_type="incident", title=title, description=description,
                                      actor_id=me, impact=1 + i % 2, urgency=1 + i % 2)
            ids.append(t.id)
            if i % 4 in (1, 3) and i < 36:
                note = "theme changed" if i == 1 else "there it is" if i == 3 else "restarted the spooler"
                worklog.add_worklog(s, ticket_id=t.id, kind="note", actor_id=me, body=note)
        for tid in ids[::4]:
            worklog.add_worklog(s, ticket_id=tid, kind="note", actor_id=me, body="checked again")
    return me


@pytest.fixture
def desk(store):
    me = _fill(store)
    with store.session() as s:
        _rebuild(s)
    return store, me


def test_the_bulk_build_lists_the_tickets_without_the_words_in_most_tickets(desk):
    st, _ = desk
    with st.session() as s:
        assert search.absent_lists(s) == {"the"}  # in 38 of 40 tickets; "vpn" and "checked" are in fewer
        assert _listed(s, "the") == _without(s, "the") and len(_listed(s, "the")) == 2


TEXTS = ["the", "The", "-the", "-The", "-the -vpn", "vpn -the", "printer OR vpn -the", "-the -inc0000004", "the -the",
         '-"the"', "-the -themes"]
SORTS = [QueueSort("updated_at", True), QueueSort("title", False), QueueSort("requester", True),
         QueueSort("sla_due", False)]


@pytest.mark.parametrize("user_text", TEXTS)
def test_a_listed_word_gives_the_rows_order_and_counts_of_the_full_text_index(desk, user_text):
    st, me = desk
    with st.session() as s:
        for flt in (QueueFilter(text=user_text), QueueFilter(text=user_text, priorities=(1,)),
                    QueueFilter(text=user_text, open_only=True), QueueFilter(text=user_text, open_only=False)):
            clause = search.search_clause(user_text, has_fts=True)  # no lists: the index alone
            plain = select(Ticket.row_id).where(clause)
            rest = queue.where_clauses(s, flt, me=me, has_fts=True, with_text=False)
            for sort in SORTS:
                expected = list(s.scalars(queue._ordered(plain.where(*rest), sort)))
                assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True)) == expected
                assert list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=True, limit=5)) == expected[:5]
            assert queue.count_tickets(s, flt=flt, me=me, has_fts=True) == len(expected), flt
        every = list(s.scalars(select(Ticket.row_id).order_by(Ticket.row_id)))
        matched = set(s.scalars(plain))
        assert search.fts_match_count(s, user_text) == len(matched)
        for window in (every, every[5:20], every[::3]):
            assert search.window_matches(s, user_text, window) == matched & set(window)
        for walk in (False, True):
            listed = search.search_clause(user_text, has_fts=True, walk_sort_index=walk, lists=frozenset({"the"}))
            assert set(s.scalars(select(Ticket.row_id).where(listed))) == matched


def test_a_listed_word_alone_is_counted_from_its_list_without_the_full_text_index(desk):
    from sqlalchemy import event

    st, me = desk
    sent: list[str] = []

    def catch(conn, cursor, statement, *args) -> None:
        sent.append(statement)

    with st.session() as s:  # fewer problems than tickets on the list: the filter's side is read
        for title in ("The disk", "Fans"):
            tickets.create_ticket(s, ticket_type="problem", title=title, actor_id=me, impact=1, urgency=1)
    event.listen(st.engine, "before_cursor_execute", catch)
    try:
        with st.session() as s:
            for flt in (QueueFilter(text="the"), QueueFilter(text="THE", open_only=False, priorities=(1,)),
                        QueueFilter(text="the", types=("problem",))):
                sent.clear()
                counted = queue.count_tickets(s, flt=flt, me=me, has_fts=True)
                assert sent and not any("ticket_fts" in sql for sql in sent), sent
                assert counted == len(queue.ticket_ids(s, flt=flt, sort=QueueSort(), me=me, has_fts=True))
    finally:
        event.remove(st.engine, "before_cursor_execute", catch)


def test_the_triggers_keep_the_lists_exact(desk):
    st, me = desk
    with st.session() as s:
        bare = tickets.create_ticket(s, ticket_type="incident", title="Keyboard", description="dead", actor_id=me)
        full = tickets.create_ticket(s, ticket_type="incident", title="The mouse", actor_id=me)
        noted = tickets.create_ticket(s, ticket_type="incident", title="Monitor", actor_id=me)
        worklog.add_worklog(s, ticket_id=noted.id, kind="note", actor_id=me, body="Thermal paste")
        edited = tickets.create_ticket(s, ticket_type="incident", title="The dock", actor_id=me)
        wiped = tickets.create_ticket(s, ticket_type="incident", title="Headset", actor_id=me)
        worklog.add_worklog(s, ticket_id=wiped.id, kind="note", actor_id=me, body="the cable")
        rewritten = tickets.create_ticket(s, ticket_type="incident", title="Webcam", actor_id=me)
        worklog.add_worklog(s, ticket_id=rewritten.id, kind="note", actor_id=me, body="the lens")
        gone = tickets.create_ticket(s, ticket_type="incident", title="Speaker", actor_id=me)
    with st.session() as s:
        assert _listed(s, "the") == _without(s, "the")
        row = {t.id: s.scalar(select(Ticket.row_id).where(Ticket.id == t.id))
               for t in (bare, full, noted, edited, wiped, rewritten, gone)}
        assert {row[bare.id], row[gone.id]} <= _listed(s, "the")
        assert not {row[full.id], row[noted.id], row[wiped.id]} & _listed(s, "the")
        tickets.update_ticket(s, ticket_id=edited.id, changes={"title": "A dock"}, actor_id=me)  # loses it
        tickets.update_ticket(s, ticket_id=bare.id, changes={"description": "theirs"}, actor_id=me)  # gains it
        s.execute(delete(WorklogEntry).where(WorklogEntry.ticket_id == wiped.id))  # loses it with its note
        s.execute(text("UPDATE worklog_entry SET body = 'a lens' WHERE ticket_id = :t"), {"t": rewritten.id})
        s.execute(delete(Ticket).where(Ticket.id == gone.id))
    with st.session() as s:
        listed = _listed(s, "the")
        assert listed == _without(s, "the")
        assert {row[edited.id], row[wiped.id], row[rewritten.id]} <= listed
        assert not {row[bare.id], row[gone.id]} & listed
        assert s.scalar(text("SELECT count(*) FROM search_term_stage")) == 0
        assert queue.count_tickets(s, flt=QueueFilter(text="-the"), me=me, has_fts=True) == len(listed)


def test_a_store_without_lists_searches_as_before(store):
    me = _fill(store)  # no bulk build: the lists are chosen only there
    with store.session() as s:
        assert search.absent_lists(s) == frozenset()
        expected = s.scalar(select(func.count()).select_from(Ticket).where(
            search.search_clause("-the", has_fts=True)))
        assert queue.count_tickets(s, flt=QueueFilter(text="-the"), me=me, has_fts=True) == expected == 2


def test_the_migration_lists_a_filled_store_and_goes_down_again(desk):
    from tests.unit.test_migrations import _run_alembic

    st, me = desk
    _run_alembic(st.engine, "downgrade", "0030")
    with st.session() as s:
        assert "search_term_absent" not in set(s.scalars(text("SELECT name FROM sqlite_master")))
        tickets.create_ticket(s, ticket_type="incident", title="Plain", actor_id=me)  # the 0014 triggers work
    _run_alembic(st.engine, "upgrade", "head")
    with st.session() as s:
        assert search.absent_lists(s) == {"the"} and _listed(s, "the") == _without(s, "the")
        assert len(_listed(s, "the")) == 3
