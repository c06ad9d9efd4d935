"""Migration 0029: indexes over mostly empty columns hold only the rows with a value, the reads that use them
keep their plans, and a store with data is upgraded (and downgraded) in place."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from app.cmdb import facts
from app.store import alembic_config, make_engine, upgrade

SPARSE = {  # index: (table, the column that must have a value)
    "ix_audit_event_batch_id": ("audit_event", "batch_id"),
    "ix_ticket_problem": ("ticket", "problem_id"),
    "ix_ticket_major": ("ticket", "major_id"),
    "ix_ticket_ci_created": ("ticket", "ci_id"),
    "ix_ticket_ci_open": ("ticket", "ci_id"),
}
# The reads these indexes serve, as the app sends them (or their shape, for the ORM ones).
READS = {
    "ix_audit_event_batch_id": ["SELECT id FROM audit_event WHERE batch_id = ? AND field = ?"],  # undo a batch
    "ix_ticket_problem": [
        "SELECT id FROM ticket WHERE problem_id = ? ORDER BY is_open DESC, created_at DESC LIMIT 2000",
        "SELECT problem_id, count(*), sum(is_open) FROM ticket WHERE problem_id IN (?, ?) GROUP BY problem_id",
        "SELECT ci_id FROM ticket WHERE problem_id = ? AND ci_id IS NOT NULL",
    ],
    "ix_ticket_major": ["SELECT major_id, count(*), sum(is_open) FROM ticket WHERE major_id IN (?, ?) "
                        "GROUP BY major_id"],
    "ix_ticket_ci_created": ["SELECT id FROM ticket WHERE ci_id = ? ORDER BY created_at DESC LIMIT 20"],
    "ix_ticket_ci_open": [facts._COUNTS.format("?, ?")],
}
TICKET = text("INSERT INTO ticket (row_id, id, type, number, title, description, state, is_open, impact, urgency, "
              "priority, priority_overridden, channel, created_at, updated_at, reopen_count, problem_id, major_id, "
              "ci_id) VALUES (:row_id, :id, 'incident', :number, 'Printer jams', '', 'new', 1, 2, 2, 3, 0, 'email', "
              "'2025-03-04 05:06:07.000000', '2025-03-04 05:06:07.000000', 0, :problem, NULL, :ci)")
AUDIT = text("INSERT INTO audit_event (id, entity, entity_id, field, old_value, new_value, actor_id, at, batch_id) "
             "VALUES (:id, 'ticket', :entity, 'state', 'new', 'in_progress', NULL, '2025-03-04 05:06:07.000000', "
             ":batch)")


def _index_sql(conn, name: str) -> str:
    return conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).scalar_one()


def test_sparse_indexes_hold_rows_with_a_value_and_keep_their_reads(store):
    with store.session() as s:
        conn = s.connection()
        for name, (_, column) in SPARSE.items():
            assert _index_sql(conn, name).endswith(f"WHERE {column} IS NOT NULL"), name
        for name, reads in READS.items():
            for sql in reads:
                params = tuple("x" for _ in range(sql.count("?")))
                plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
                assert f"INDEX {name} " in plan, (sql, plan)
        # The dashboard's SLA measures seek ticket_sla by its key, not by the dropped resolution index.
        sql = ("SELECT count(*) FROM ticket t WHERE t.resolved_at >= ? AND t.resolved_at < ? AND EXISTS (SELECT "
               "s.ticket_id FROM ticket_sla s WHERE s.ticket_id = t.id AND s.resolution_state = 'met')")
        plan = " | ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, ("2025", "2026")))
        assert "SEARCH s USING PRIMARY KEY (ticket_id=?)" in plan, plan
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'ix_ticket_sla_resolution_due'"
                                    ).scalar_one() == 0


@pytest.fixture
def store_0027(tmp_path):
    """A store at the schema before 0029, with tickets and audit events with and without the sparse values."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0027")
    ids = [str(uuid.uuid4()) for _ in range(6)]
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO configuration_item (id, name, ci_class, criticality) "
                             "VALUES ('ci-1', 'app-01', 'server', 3)")
        for n, tid in enumerate(ids, 1):
            conn.execute(TICKET, {"row_id": n, "id": tid, "number": f"INC{n:07d}",
                                  "problem": ids[0] if n in (2, 3) else None, "ci": "ci-1" if n % 2 else None})
            conn.execute(AUDIT, {"id": str(uuid.uuid4()), "entity": tid, "batch": "b-1" if n == 4 else None})
    yield engine, ids
    engine.dispose()


def test_an_0027_store_with_data_goes_up_and_down_in_place(store_0027):
    engine, ids = store_0027
    reads = {"problem": ("SELECT id FROM ticket WHERE problem_id = ? ORDER BY id", (ids[0],)),
             "ci": ("SELECT count(*) FROM ticket WHERE ci_id = ?", ("ci-1",)),
             "batch": ("SELECT entity_id FROM audit_event WHERE batch_id = ?", ("b-1",))}

    def answers():
        with engine.connect() as conn:
            return {k: conn.exec_driver_sql(sql, params).all() for k, (sql, params) in reads.items()}

    before = answers()
    assert before == {"problem": sorted([(ids[1],), (ids[2],)]), "ci": [(3,)], "batch": [(ids[3],)]}
    upgrade(engine, "0029")
    assert answers() == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ticket").scalar_one() == 6
        for name, (table, column) in SPARSE.items():
            assert _index_sql(conn, name).endswith(f"WHERE {column} IS NOT NULL")
            held = conn.exec_driver_sql(f"SELECT count(*) FROM {table} INDEXED BY {name} "
                                        f"WHERE {column} IS NOT NULL").scalar_one()
            assert held == conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL"
                                                ).scalar_one()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0027")
    assert answers() == before
    with engine.connect() as conn:
        for name in SPARSE:
            assert "WHERE" not in _index_sql(conn, name)
        assert _index_sql(conn, "ix_ticket_sla_resolution_due")
