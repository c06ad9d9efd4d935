"""Migrations: a store made by an older version is upgraded in place with its data, and the migrated
schema is exactly what the models describe."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from app.models import Base, OutboxMutation, Ticket
from app.people import reference
from app.store import alembic_config, current_revision, head_revision, make_engine, open_store, upgrade
from app.tickets import queue, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter

TICKET_SQL = text("""
INSERT INTO ticket (row_id, id, type, number, title, description, state, is_open, on_hold_reason, impact, urgency,
    priority, priority_overridden, category_id, service_id, ci_id, requester_id, group_id, assignee_id, channel,
    created_at, updated_at, first_response_at, resolved_at, closed_at, resolution_code, resolution_notes,
    csat_score, reopen_count)
VALUES (:row_id, :id, :type, :number, :title, :description, :state, :is_open, NULL, 2, 2, 3, 0, NULL, NULL, NULL,
    NULL, :group_id, :assignee_id, 'email', :created_at, :updated_at, NULL, NULL, NULL, NULL, NULL, NULL, 0)
""")
OLD_TICKETS = [
    (1, "incident", "INC0000005", "Printer jams", "Paper tray two", "new", 1),
    (2, "incident", "INC0000007", "VPN unstable", "Drops hourly", "in_progress", 1),
    (5, "problem", "PRB0000001", "Spooler crashes", "", "closed", 0),
]


def _run_alembic(engine, action, revision):
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, action)(cfg, revision)


def _schema_drift(engine) -> list:
    """Differences between the models and the database, the full-text tables (FTS5 and its word list exist
    only where SQLite has FTS5), the backlog's R*Tree and the title change log (kept by triggers) aside: they are not
    models."""
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    not_models = ("ticket_fts", "search_term", "kpi_backlog", "person_fts", "article_fts", "ticket_title_change")
    return [d for d in diffs if not (d[0] == "remove_table" and d[1].name.startswith(not_models))]


@pytest.fixture
def old_store(tmp_path):
    """A store written by the first release: schema 0001, filled with plain SQL."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    stamp = "2025-03-04 05:06:07.000000"
    with engine.begin() as conn:
        person, group = str(uuid.uuid4()), str(uuid.uuid4())
        conn.execute(text("INSERT INTO person (id, name, email, is_agent, department, active) "
                          "VALUES (:id, 'Old Agent', NULL, 1, NULL, 1)"), {"id": person})
        conn.execute(text("INSERT INTO \"group\" (id, name, description) VALUES (:id, 'Old Desk', NULL)"),
                     {"id": group})
        conn.execute(text("INSERT INTO group_member (group_id, person_id) VALUES (:g, :p)"), {"g": group, "p": person})
        ids = {}
        for row_id, kind, number, title, description, state, is_open in OLD_TICKETS:
            ids[number] = str(uuid.uuid4())
            conn.execute(TICKET_SQL, {"row_id": row_id, "id": ids[number], "type": kind, "number": number,
                                      "title": title, "description": description, "state": state,
                                      "is_open": is_open, "group_id": group, "assignee_id": person,
                                      "created_at": stamp, "updated_at": stamp})
        for body in ["Cleaned the rollers", "Ordered a fuser kit"]:
            conn.execute(text("INSERT INTO worklog_entry (id, ticket_id, kind, author_id, body, time_spent_minutes, "
                              "created_at) VALUES (:id, :t, 'note', :a, :b, 5, :c)"),
                         {"id": str(uuid.uuid4()), "t": ids["INC0000005"], "a": person, "b": body, "c": stamp})
        for seq in (1, 2, 3):
            conn.execute(text("INSERT INTO outbox_mutation (seq, mutation_id, entity, entity_id, op, payload, "
                              "created_at) VALUES (:s, :m, 'ticket', :e, 'update', '{}', :c)"),
                         {"s": seq, "m": str(uuid.uuid4()), "e": ids["INC0000005"], "c": stamp})
        conn.execute(text("INSERT INTO store_meta (key, value) VALUES ('client_id', 'old-client'), "
                          "('current_user', :p)"), {"p": person})
    with engine.connect() as conn:
        before = conn.execute(text("SELECT * FROM ticket ORDER BY row_id")).all()
    engine.dispose()
    return path, ids, person, before


def test_an_0001_store_is_upgraded_in_place_and_keeps_its_data(old_store):
    path, ids, person, before = old_store
    store = open_store(path)
    try:
        assert current_revision(store.engine) == head_revision()
        assert store.client_id == "old-client"
        with store.session() as s:
            # Every old column as it was; the columns added since (the queue's sort keys) come after them.
            assert [r[:len(before[0])] for r in s.execute(text("SELECT * FROM ticket ORDER BY row_id"))] == before
            assert s.execute(text("SELECT count(*) FROM worklog_entry")).scalar_one() == 2
            assert s.scalars(select(OutboxMutation.seq).order_by(OutboxMutation.seq)).all() == [1, 2, 3]
            t = tickets.get_ticket(s, ids["INC0000005"])
            assert t.created_at == datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
            assert reference.current_user(s) == person
        # Searchable after the upgrade: title, description, number, worklog.
        with store.session() as s:
            def found(words):
                return queue.count_tickets(s, flt=QueueFilter(text=words), me=person, has_fts=store.has_fts)

            assert (found("printer"), found("tray"), found("INC0000007"), found("rollers fuser"), found("0005")) == \
                (1, 1, 1, 1, 1)
            assert found("spooler") == 1
        # And it works as a current store: numbers continue, edits are indexed, seq never goes back.
        with store.session() as s:
            assert tickets.create_ticket(s, ticket_type="incident", title="New one", actor_id=person).number == \
                "INC0000008"
            tickets.update_ticket(s, ticket_id=ids["INC0000007"], changes={"title": "VPN fixed"}, actor_id=person)
            worklog.add_worklog(s, ticket_id=ids["PRB0000001"], kind="note", body="kernel patch", actor_id=person)
        with store.session() as s:
            assert queue.count_tickets(s, flt=QueueFilter(text="fixed"), me=person, has_fts=store.has_fts) == 1
            assert queue.count_tickets(s, flt=QueueFilter(text="unstable"), me=person, has_fts=store.has_fts) == 0
            assert queue.count_tickets(s, flt=QueueFilter(text="kernel"), me=person, has_fts=store.has_fts) == 1
            assert s.scalar(select(func.min(OutboxMutation.seq)).where(OutboxMutation.seq > 3)) == 4
            s.execute(text("DELETE FROM outbox_mutation"))
        with store.session() as s:
            tickets.update_ticket(s, ticket_id=ids["INC0000007"], changes={"title": "VPN ok"}, actor_id=person)
        with store.session() as s:
            assert s.scalar(select(func.min(OutboxMutation.seq))) > 4
        assert _schema_drift(store.engine) == []
    finally:
        store.close()


def test_a_new_store_matches_the_models_and_reopens_unchanged(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    upgrades: list[tuple[str, str]] = []
    store = open_store(path, before_upgrade=lambda old, new: upgrades.append((old, new)))
    assert upgrades == []  # a new store is made at this version: nothing to announce
    client = store.client_id
    assert _schema_drift(store.engine) == []
    store.close()
    again = open_store(path)
    try:
        assert again.client_id == client
        assert current_revision(again.engine) == head_revision()
    finally:
        again.close()


def test_every_migration_goes_down_and_up_again(tmp_path, me, store):
    with store.session() as s:
        tickets.create_ticket(s, ticket_type="incident", title="Survives the round trip", actor_id=me)
    for target in ("0002", "0001"):
        _run_alembic(store.engine, "downgrade", target)
        assert current_revision(store.engine) == target
    _run_alembic(store.engine, "upgrade", "head")
    assert _schema_drift(store.engine) == []
    with store.session() as s:
        assert s.scalar(select(Ticket.title)) == "Survives the round trip"
        assert queue.count_tickets(s, flt=QueueFilter(text="round trip"), me=me, has_fts=store.has_fts) == 1


def test_queue_indexes_exist_after_upgrade(store):
    with store.session() as s:
        names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket'")))
        sql = s.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'outbox_mutation'"))
    assert {"ix_ticket_open_priority", "ix_ticket_open_created", "ix_ticket_open_updated"} <= names
    assert "AUTOINCREMENT" in sql
