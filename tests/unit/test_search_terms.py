"""search_term, the full-text index's words in a b-tree: never missing a word the index holds, whatever wrote it."""

import sqlite3

import pytest
from sqlalchemy import delete, func, select, text

from app.models import Ticket, WorklogEntry
from app.people import reference
from app.store import FTS_REBUILD, open_store
from app.tickets import search, worklog
from app.tickets import writes as tickets


def _missing(session) -> list[str]:
    """Index terms that search_term lacks (a prefix word would not expand to them)."""
    return list(session.scalars(text(
        "SELECT term FROM ticket_fts_terms WHERE term NOT IN (SELECT term FROM search_term)")))


def _count(session, user_text: str, **form) -> int:
    return session.scalar(select(func.count()).select_from(Ticket).where(search.search_clause(user_text, **form)))


def _forms(session, user_text: str) -> set[int]:
    """The count by every form: lookup, walk, the index's own count, and LIKE (no index at all)."""
    return {_count(session, user_text, has_fts=True), _count(session, user_text, has_fts=True, walk_sort_index=True),
            search.fts_match_count(session, user_text), _count(session, user_text, has_fts=False)}


@pytest.fixture
def me(store):
    with store.session() as s:
        return reference.ensure_local_user(s, name="Words Agent")


def test_every_write_adds_its_words(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Thermostat broken",
                                  description="Heating in the café", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="Theodolite calibrated", actor_id=me)
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=t.id, changes={"title": "Thermos missing"}, actor_id=me)
        s.execute(text("UPDATE worklog_entry SET body = 'Therapist called' WHERE ticket_id = :t"), {"t": t.id})
    with store.session() as s:
        assert _missing(s) == []
        words = set(s.scalars(text("SELECT term FROM search_term")))
        # Folded as the index folds them, and kept after the edits that took them out of every piece.
        assert {"thermostat", "thermos", "theodolite", "therapist", "cafe", "heating"} <= words
        assert s.scalar(text("SELECT count(*) FROM search_term_stage")) == 0  # the staging row goes at once
        # A prefix word expands to the words added by every kind of write, in every form.
        assert _forms(s, "ther") == {1} and _forms(s, "thermo") == {1} and _forms(s, "theo") == {0}
        assert _forms(s, "caf") == {1}


def test_a_word_no_piece_holds_any_more_matches_nothing(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Wallaby", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="wallaroo seen", actor_id=me)
    with store.session() as s:
        s.execute(delete(WorklogEntry).where(WorklogEntry.ticket_id == t.id))
        s.execute(delete(Ticket).where(Ticket.id == t.id))
    with store.session() as s:
        assert "wallaroo" in set(s.scalars(text("SELECT term FROM search_term")))
        assert _forms(s, "walla") == {0} and _forms(s, "-walla") == {0}


def test_the_rebuild_reads_every_word_again(store, me):
    with store.session() as s:
        for i in range(30):
            t = tickets.create_ticket(s, ticket_type="incident", title=f"Pelican {i}", actor_id=me)
            worklog.add_worklog(s, ticket_id=t.id, kind="note", body=f"pelicans{i} fed", actor_id=me)
        s.execute(text("DELETE FROM search_term"))
        for sql in FTS_REBUILD:
            s.connection().exec_driver_sql(sql)
        assert _missing(s) == [] and s.scalar(text("SELECT count(*) FROM search_term")) > 30
        assert _forms(s, "pelican") == {30} and _forms(s, "pelicans2") == {11}


def test_more_words_than_the_expansion_takes_fall_back_to_the_prefix_query(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Codes", actor_id=me,
                                  description=" ".join(f"zeta{i:03d}" for i in range(search.MAX_EXPANSION + 5)))
        other = tickets.create_ticket(s, ticket_type="incident", title="zetaone", actor_id=me)
        assert t.row_id != other.row_id
    with store.session() as s:
        assert _forms(s, "zeta") == {2} and _forms(s, "zeta00") == {1} and _forms(s, "-zeta") == {0}


def test_a_store_made_before_the_word_list_gets_it_on_upgrade(tmp_path):
    """Migration 0014 on a store with tickets: every indexed word is in the list at once."""
    path = tmp_path / "old.sqlite3"
    store = open_store(path)
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Old Agent")
        t = tickets.create_ticket(s, ticket_type="incident", title="Kookaburra laughing", actor_id=me)
        worklog.add_worklog(s, ticket_id=t.id, kind="note", body="galah screeching", actor_id=me)
    store.close()
    _downgrade(path, "0013")
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'search_term%'").fetchone()[0] == 0
    con.close()
    store = open_store(path)
    try:
        with store.session() as s:
            assert _missing(s) == [] and _forms(s, "kooka") == {1} and _forms(s, "gal") == {1}
    finally:
        store.close()


def _downgrade(path, revision: str) -> None:
    from alembic import command

    from app.store import alembic_config, make_engine

    engine = make_engine(path)
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def test_a_synced_upsert_of_known_words_goes_through(store, me):
    """A sync writes tickets with INSERT ... ON CONFLICT DO UPDATE, whose conflict clause overrides any in
    the triggers it fires: known words must not make it fail (an OR IGNORE in a trigger did)."""
    import uuid

    from app.sync.bulk import upsert_rows

    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="Heron nesting", actor_id=me)
        wire = dict(s.execute(text("SELECT * FROM ticket WHERE id = :i"), {"i": t.id}).mappings().one())
    with store.session() as s:
        twin = {**wire, "id": str(uuid.uuid4()), "number": None, "row_id": None, "title": "Heron nesting again"}
        upsert_rows(s, Ticket, [twin, {**wire, "title": "Heron nesting still"}])
    with store.session() as s:
        assert _missing(s) == [] and _forms(s, "heron") == {2} and _forms(s, "stil") == {1}
        backlog = s.scalar(text("SELECT count(*) FROM kpi_backlog"))
        assert backlog == s.scalar(select(func.count()).select_from(Ticket))
