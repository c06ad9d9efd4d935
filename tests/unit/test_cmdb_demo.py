"""`deskside demo` builds a realistic CMDB: every class, typed relations (3 to 5 per CI), a few cycles, tickets
and changes on the CIs, and impact results that make sense on it."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from app.cmdb import queries
from app.demo.generator import generate
from app.store import open_store
from core.cmdb.traversal import dict_expand, walk


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cmdbdemo") / "demo.sqlite3"
    summary = generate(path, tickets=3000, seed=5, until=date(2026, 11, 30))
    return path, summary


def test_the_demo_cmdb_has_every_class_and_its_relations(demo):
    path, summary = demo
    con = sqlite3.connect(path)
    classes = dict(con.execute("SELECT ci_class, count(*) FROM configuration_item GROUP BY ci_class"))
    assert {"business_service", "application", "server", "virtual_machine", "database", "network_device",
            "storage", "workstation", "mobile_device", "cluster", "printer"} <= set(classes)
    assert summary.configuration_items == sum(classes.values()) and summary.ci_relations > 0
    assert con.execute("SELECT count(*) FROM configuration_item WHERE parent_id IS NOT NULL").fetchone()[0] == 0
    touching = con.execute("SELECT count(*) FROM (SELECT source_id FROM ci_relation UNION ALL "
                           "SELECT target_id FROM ci_relation)").fetchone()[0]
    assert 3 <= touching / sum(classes.values()) <= 5
    statuses = {r[0] for r in con.execute("SELECT DISTINCT status FROM configuration_item")}
    assert {"active", "retired", "in_stock"} <= statuses
    assert con.execute("SELECT count(*) FROM configuration_item WHERE ci_class = 'workstation' "
                       "AND owner_id IS NOT NULL").fetchone()[0] > 0
    # tickets and changes name these CIs
    assert con.execute("SELECT count(*) FROM ticket t JOIN configuration_item c ON c.id = t.ci_id "
                       "WHERE c.ci_class IN ('workstation', 'business_service')").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM change_ci").fetchone()[0] > 0
    # a few cycles: some depends-on pairs both ways
    graph: dict[str, list[str]] = {}
    for s, t in con.execute("SELECT source_id, target_id FROM ci_relation WHERE type = 'depends_on'"):
        graph.setdefault(s, []).append(t)
    assert any(s in walk(t, dict_expand(graph)).order for s, ts in graph.items() for t in ts)
    con.close()


def test_impact_on_the_demo(demo):
    path, _ = demo
    store = open_store(path)
    try:
        with store.read_session() as s:
            core = queries.find_ci(s, name_or_id="sw-ber-core01")
            imp = queries.impact(s, ci_id=core)
            names = {r.name for r in imp.services}
            assert "Corporate Network" in names and len(imp.services) > 5  # everything goes over the network
            assert imp.users and not imp.truncated
            db = queries.find_ci(s, name_or_id="pay-db01")
            services = {r.name for r in queries.impact(s, ci_id=db).services}
            assert "Payroll" in services and "Corporate Network" not in services
    finally:
        store.close()
