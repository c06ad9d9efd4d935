"""The CMDB's reads use their indexes: every list filter and sort, the relation walks from both ends, the
open-incident counts and the timeline (EXPLAIN QUERY PLAN of the statements the queries really send)."""

from __future__ import annotations

import re

import pytest

from app.cmdb import ops, queries
from app.cmdb.facts import open_incident_counts


@pytest.fixture
def desk(store, me):
    with store.session() as s:
        a = ops.create_ci(s, values={"name": "a", "ci_class": "application"}, actor_id=me).ci.id
        b = ops.create_ci(s, values={"name": "b", "ci_class": "database"}, actor_id=me).ci.id
        ops.add_relation(s, source_id=a, target_id=b, type="depends_on", actor_id=me)
        s.commit()
    return store, a


def _plans(store, run) -> list[tuple[str, str]]:
    """(statement, its plan) for every SELECT `run(session)` sends, through SQLAlchemy or the driver (SQLite's
    trace callback sees both, with the values in place)."""
    seen: list[str] = []
    with store.session() as s:
        con = s.connection().connection.dbapi_connection
        con.set_trace_callback(seen.append)
        try:
            run(s)
        finally:
            con.set_trace_callback(None)
        return [(sql, " | ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql)))
                for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def _no_full_scan(plan: str) -> bool:
    return not re.search(r"SCAN (configuration_item|ci_relation|ticket)(?! USING)", plan)


@pytest.mark.parametrize(("filters", "index"), [
    ({}, "ix_configuration_item_name"),
    ({"ci_class": "server"}, "ix_configuration_item_class_name"),
    ({"status": "active"}, "ix_configuration_item_status_name"),
    ({"service_id": "x"}, "ix_configuration_item_service_name"),
    ({"sort": "criticality"}, "ix_configuration_item_criticality_name"),
    ({"sort": "class", "descending": True}, "ix_configuration_item_class_name"),
    ({"sort": "status"}, "ix_configuration_item_status_name"),
    ({"text": "web"}, "ix_configuration_item_name"),
])
def test_every_list_filter_and_sort_reads_an_index(desk, filters, index):
    store, _ = desk
    [(sql, plan)] = _plans(store, lambda s: queries.list_ci_ids(s, **filters))
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_walks_counts_and_timeline_use_their_indexes(desk):
    store, a = desk
    plans = _plans(store, lambda s: (queries.neighbourhood(s, ci_id=a, depth=2), queries.ci_detail(s, ci_id=a),
                                     open_incident_counts(s, [a]), queries.impact(s, ci_id=a)))
    text = "\n".join(plan for _, plan in plans)
    assert "ix_ci_relation_source_type" in text and "ix_ci_relation_target_type" in text
    # The timeline: by CI, newest first (ix_ticket_ci_created, from problem management, or ix_ticket_ci_open).
    assert re.search(r"SEARCH ticket USING (COVERING )?INDEX ix_ticket_ci_(open|created)", text), text
    # The only full reads: the cached graph's build (once per relation change), the class catalogue and the
    # active changes (few, matched in memory).
    allowed = ("SELECT source_id, target_id, type FROM ci_relation", "SELECT id, parent_id FROM configuration_item "
               "WHERE parent_id IS NOT NULL", "FROM ci_class", "FROM change c JOIN change_ci")
    scans = [sql for sql, plan in plans if not _no_full_scan(plan) and not any(a in sql for a in allowed)]
    assert scans == []


def test_the_ci_picker_type_ahead_walks_the_name_index(desk, me):
    store, a = desk
    with store.session() as s:
        ops.create_ci(s, values={"name": "payroll-db", "ci_class": "database", "serial": "SN-9"}, actor_id=me)
        s.commit()
    with store.session() as s:
        assert [c.name for c in queries.ci_choices(s, text="ROLL")] == ["payroll-db"]
        assert [c.name for c in queries.ci_choices(s, text="SN-9")] == ["payroll-db"]  # by serial too
        assert [c.name for c in queries.ci_choices(s, text="", exclude_id=a)] == ["b", "payroll-db"]
        assert queries.ci_choices(s, text="", limit=1)[0].class_label == "Application"
    plans = _plans(store, lambda s: queries.ci_choices(s, text="pay"))
    text = "\n".join(plan for _, plan in plans)
    assert "ix_configuration_item_name" in text and "ix_configuration_item_serial" in text, text
    assert "ix_configuration_item_asset_tag" in text and "TEMP B-TREE" not in text, text
    scans = [sql for sql, plan in plans if not _no_full_scan(plan) and "FROM ci_class" not in sql]
    assert scans == []
