"""The full-text index per piece (ticket header, each worklog entry): kept current, and equal across search forms."""

import pytest
from sqlalchemy import delete, func, select, text

from app.models import Ticket, WorklogEntry
from app.people import reference
from app.tickets import search, worklog
from app.tickets import writes as tickets

PIECES = search.PIECES
ANIMALS = ["emu", "ibis", "quoll", "dingo", "cassowary-like", "numbat", "bilby"]  # no digits: LIKE finds substrings


def _fill(store):
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Piece Agent")
        for i in range(60):
            t = tickets.create_ticket(s, ticket_type=("incident", "service_request", "problem")[i % 3],
                                      title=f"printer {('jams', 'offline', 'toner')[i % 3]} {ANIMALS[i % 7]}",
                                      actor_id=me,
                                      description="floor two" if i % 4 == 0 else "the basement")
            for j in range(i % 5):
                worklog.add_worklog(s, ticket_id=t.id, kind="note", actor_id=me,
                                    body=("restarted the spooler", "paper tray replaced", "called vendor 1234")[j % 3])
    return me


@pytest.fixture
def desk(tmp_path, store_copies):
    store, me = store_copies.open(tmp_path / "store.sqlite3", _fill)
    yield store, me
    store.close()


def _count(session, user_text: str, **form) -> int:
    clause = search.search_clause(user_text, **form)
    return session.scalar(select(func.count()).select_from(Ticket).where(clause))


TEXTS = ["printer", "print", "spooler", "printer spooler", "jams spooler", "toner vendor", '"paper tray"',
         '"tray paper"', "jams OR toner", "spooler -vendor", "NOT spooler", "-printer", "floor OR restarted",
         "the", "1234", "12", "1", "0001", "inc0000001", "INC00000", "REQ", "prb0000003 OR toner", "-1 -2",
         "quoll spooler", "vendor 1234 -floor"]


@pytest.mark.parametrize("user_text", TEXTS)
def test_the_search_forms_count_the_same(desk, user_text):
    """The lookup form, the walk form, the LIKE fallback and the index's own count agree."""
    store, _ = desk
    with store.session() as s:
        lookup = _count(s, user_text, has_fts=True)
        assert _count(s, user_text, has_fts=True, walk_sort_index=True) == lookup
        assert _count(s, user_text, has_fts=False) == lookup
        assert search.fts_match_count(s, user_text) == lookup


def test_a_group_may_match_the_header_and_another_a_note(desk):
    store, _ = desk
    with store.session() as s:
        both = s.scalar(text("SELECT count(*) FROM ticket t WHERE t.title LIKE '%jams%' AND EXISTS "
                             "(SELECT 1 FROM worklog_entry w WHERE w.ticket_id = t.id AND w.body LIKE '%spooler%')"))
        assert both > 0
        assert _count(s, "jams spooler", has_fts=True) == both
        # A phrase stays inside one piece: the title and a note are not one text.
        assert _count(s, '"quoll restarted"', has_fts=True) == 0


def _pieces(session, row_id: int) -> list[int]:
    return list(session.scalars(text(f"SELECT rowid & {PIECES} FROM ticket_fts "
                                     f"WHERE rowid BETWEEN {row_id} << 32 AND ({row_id} << 32) + {PIECES}")))


def test_a_note_becomes_a_piece_of_its_own_and_is_found(desk):
    store, me = desk
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Quiet ticket", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="wombat sighted", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="reply", body="second wombat", actor_id=me)
        row_id = t.row_id
    with store.session() as s:
        assert _pieces(s, row_id) == [0, 1, 2]
        assert list(s.scalars(select(WorklogEntry.fts_rowid).where(WorklogEntry.ticket_id == t.id)
                              .order_by(WorklogEntry.fts_rowid))) == [(row_id << 32) + 1, (row_id << 32) + 2]
        assert _count(s, "wombat", has_fts=True) == 1
        assert _count(s, "quiet sighted", has_fts=True) == 1


def test_editing_the_title_forgets_the_old_words(desk):
    store, me = desk
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Kangaroo loose", actor_id=me)
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=t.id, changes={"title": "Koala asleep"}, actor_id=me)
    with store.session() as s:
        assert _count(s, "kangaroo", has_fts=True) == 0
        assert _count(s, "koala", has_fts=True) == 1
        s.execute(text("INSERT INTO ticket_fts(ticket_fts) VALUES ('integrity-check')"))


def test_a_deleted_ticket_or_entry_leaves_no_piece(desk):
    store, me = desk
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Platypus", actor_id=me)
        for body in ("echidna one", "echidna two", "echidna three"):
            worklog.add_worklog(s, ticket_id=t.id, kind="note", body=body, actor_id=me)
        row_id = t.row_id
    with store.session() as s:
        s.execute(delete(WorklogEntry).where(WorklogEntry.body == "echidna two"))
        assert _pieces(s, row_id) == [0, 1, 3]
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="echidna four", actor_id=me)
        assert _pieces(s, row_id) == [0, 1, 3, 4]  # after the last piece: never one already given
    with store.session() as s:
        s.execute(delete(Ticket).where(Ticket.row_id == row_id))  # entries go by foreign-key cascade
    with store.session() as s:
        assert _pieces(s, row_id) == []
        assert _count(s, "echidna", has_fts=True) == _count(s, "platypus", has_fts=True) == 0
        s.execute(text("INSERT INTO ticket_fts(ticket_fts) VALUES ('integrity-check')"))
        assert s.scalar(text("SELECT count(*) FROM ticket_fts")) == s.scalar(
            text("SELECT (SELECT count(*) FROM ticket) + (SELECT count(*) FROM worklog_entry)"))


def test_the_rebuild_numbers_entries_written_while_paused(desk):
    """A first sync writes with the triggers dropped; the rebuild numbers its entries and indexes all."""
    from app.store import FTS_REBUILD

    store, me = desk
    with store.session() as s:
        before = {u: _count(s, u, has_fts=True) for u in ("spooler", "printer", "tray -vendor")}
        s.execute(text("UPDATE worklog_entry SET fts_rowid = NULL WHERE rowid % 2 = 0"))
        for sql in FTS_REBUILD:
            s.connection().exec_driver_sql(sql)
        assert s.scalar(select(func.count()).where(WorklogEntry.fts_rowid.is_(None))) == 0
        assert s.scalar(text("SELECT count(*) FROM (SELECT fts_rowid FROM worklog_entry GROUP BY fts_rowid "
                             "HAVING count(*) > 1)")) == 0
        assert {u: _count(s, u, has_fts=True) for u in before} == before
        s.execute(text("INSERT INTO ticket_fts(ticket_fts) VALUES ('integrity-check')"))


def _plan(session, clause) -> list[str]:
    stmt = select(Ticket.row_id).where(clause).order_by(Ticket.updated_at.desc()).limit(50)
    compiled = stmt.compile(session.get_bind())
    sql, params = str(compiled), compiled.construct_params()
    ordered = tuple(params[name] for name in compiled.positiontup)
    return [r[3] for r in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, ordered)]


@pytest.mark.parametrize("user_text", ["1234", "INC00012", "12345", "printer 1234", "-1234"])
def test_a_number_is_searched_by_index(desk, user_text):
    store, _ = desk
    with store.session() as s:
        for walk in (False, True):
            plan = _plan(s, search.search_clause(user_text, has_fts=True, walk_sort_index=walk))
            assert not any(p.strip() == "SCAN ticket" for p in plan), plan
        plan = _plan(s, search.search_clause(user_text, has_fts=True))
        if not user_text.startswith("-"):
            assert any("USING INDEX sqlite_autoindex_ticket" in p or "USING COVERING INDEX sqlite_autoindex_ticket"
                       in p for p in plan), plan


def test_the_walk_form_seeks_the_tickets_pieces(desk):
    """Each row the walk visits asks FTS5 for that ticket's rowid range only (both bounds in the plan)."""
    store, _ = desk
    with store.session() as s:
        plan = _plan(s, search.search_clause("printer spooler", has_fts=True, walk_sort_index=True))
    assert any("ix_ticket_updated" in p for p in plan), plan
    fts = [p for p in plan if "ticket_fts VIRTUAL TABLE" in p]
    assert len(fts) == 2 and all("><" in p or "<>" in p for p in fts), plan


def test_number_ranges():
    assert {("INC0001234", "INC0001235"), ("INC001234", "INC001235"), ("INC1234", "INC1235")} < set(
        search.number_ranges("1234"))
    assert len(search.number_ranges("1234")) == 3 * 4
    assert search.number_ranges("inc00012") == [("INC00012", "INC00013")]
    assert search.number_ranges("12345678") == [(p + "12345678", p + "12345679") for p in search.TICKET_PREFIXES]
    assert ("INC0000009", "INC000000:") in search.number_ranges("9")
    assert search.number_ranges("printer") == search.number_ranges("INC") == search.number_ranges("chg01") == []


def test_walkable_wants_prefixes_of_three_characters_or_more():
    assert search.walkable("the") and search.walkable("printer -x") and search.walkable('"a b" the')
    assert search.walkable("INC00012") and search.walkable("1234")
    assert not search.walkable("12") and not search.walkable("printer 12")  # digits stay prefixes
    # Shorter words are whole words (search_syntax.PREFIX_MIN): one index term each, as cheap to seek as a long word.
    assert search.walkable("t") and search.walkable("printer pr")
    assert not search.walkable("-printer") and not search.walkable("")


def test_one_ticket_with_many_notes_does_not_stand_for_the_newest_tickets_density(desk):
    """piece_density takes the median of its slices: a long thread among the newest tickets (the bench's 5,000-note
    ticket) made every walk seek per ticket where one range read cost a third."""
    store, me = desk
    with store.session() as s:
        before = search.piece_density(s, "spooler")
        assert before > 0
        t = tickets.create_ticket(s, ticket_type="incident", title="Long thread", actor_id=me)
        for i in range(200):
            worklog.add_worklog(s, ticket_id=t.id, kind="note", body=f"spooler restarted again ({i})", actor_id=me)
        s.flush()
        total = s.scalar(text(f"SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH 'spooler' "
                              f"AND rowid >= {t.row_id} << 32"))
        assert total == 200  # the plain count per ticket would be inflated ~4 times
        after = search.piece_density(s, "spooler")
    assert before * 0.5 <= after <= before * 1.5
