"""CMDB reads on a real store over hand-built graphs: list filters, detail both ways, neighbourhood, impact
with cycles, the incident hint and a change's preview."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.cmdb import queries
from app.models import Change, CiRelation, ConfigurationItem, Person, Service, Ticket, TicketSla, change_ci
from core.schema import utcnow


def _ci(s, cid, cls, **kw):
    s.add(ConfigurationItem(id=cid, name=kw.pop("name", cid.upper()), ci_class=cls, criticality=kw.pop("crit", 3),
                            **kw))


def _rel(s, src, dst, type_="depends_on"):
    s.add(CiRelation(id=f"{src}-{type_}-{dst}", source_id=src, target_id=dst, type=type_))


def _incident(s, tid, ci_id, *, is_open=True, priority=3, service_id=None, requester_id=None, **kw):
    s.add(Ticket(id=tid, number=tid.upper(), type=kw.pop("type", "incident"), title=f"Broken {tid}",
                 state="new" if is_open else "closed", is_open=is_open, priority=priority, ci_id=ci_id,
                 service_id=service_id, requester_id=requester_id, **kw))


@pytest.fixture
def graph(store):
    """svc (business service, service 'Mail') <- app <- vm -> host; app <-> db cycle (db depends on app too);
    ws (workstation owned by ann) depends on app; node1/node2 members of cluster cl, app runs on cl."""
    with store.session() as s:
        s.add(Person(id="ann", name="Ann Ash", active=True, is_agent=False))
        s.add(Person(id="bob", name="Bob Birch", active=True, is_agent=False))
        s.add(Service(id="mail", name="Mail"))
        s.flush()
        _ci(s, "svc", "business_service", service_id="mail", crit=1)
        _ci(s, "app", "application", service_id="mail")
        _ci(s, "db", "database", serial="SN-42")
        _ci(s, "host", "server", status="maintenance")
        _ci(s, "vm", "virtual_machine", parent_id="host")
        _ci(s, "ws", "workstation", owner_id="ann")
        _ci(s, "cl", "cluster")
        _ci(s, "node1", "server")
        _ci(s, "node2", "server")
        _ci(s, "lonely", "storage")
        s.flush()
        _rel(s, "svc", "app")
        _rel(s, "app", "db")
        _rel(s, "db", "app")  # a cycle
        _rel(s, "app", "cl", "runs_on")
        _rel(s, "node1", "cl", "member_of")
        _rel(s, "node2", "cl", "member_of")
        _rel(s, "ws", "app")
        _rel(s, "app", "vm", "runs_on")
        _incident(s, "i1", "db", priority=2)
        _incident(s, "i2", "app", priority=1)
        _incident(s, "i3", "db", is_open=False)
        _incident(s, "i4", "lonely")
        _incident(s, "i5", None, service_id="mail", requester_id="bob")
        s.add(Change(id="c1", number="CHG1", title="Patch db", change_type="normal", state="scheduled",
                     planned_start=utcnow() + timedelta(hours=1), planned_end=utcnow() + timedelta(hours=3)))
        s.add(Change(id="c2", number="CHG2", title="Reboot host", change_type="normal", state="scheduled",
                     planned_start=utcnow() + timedelta(hours=2), planned_end=utcnow() + timedelta(hours=4)))
        s.add(Change(id="c3", number="CHG3", title="Old", change_type="normal", state="closed"))
        s.flush()
        s.execute(change_ci.insert(), [{"change_id": "c1", "ci_id": "db"}, {"change_id": "c2", "ci_id": "host"},
                                       {"change_id": "c3", "ci_id": "db"}])
        s.add(TicketSla(ticket_id="i2", computed_at=utcnow(), state="running", due_at=utcnow() + timedelta(hours=2)))
        s.commit()
    return store


def test_list_filters_sort_and_search(graph):
    with graph.session() as s:
        assert queries.list_ci_ids(s, ci_class="server") == ["host", "node1", "node2"]
        assert queries.list_ci_ids(s, status="maintenance") == ["host"]
        assert queries.list_ci_ids(s, service_id="mail") == ["app", "svc"]
        assert queries.list_ci_ids(s, text="sn-4") == ["db"]
        assert queries.list_ci_ids(s, text="100%") == []
        by_crit = queries.list_ci_ids(s, sort="criticality")
        assert by_crit[0] == "svc"
        assert queries.list_ci_ids(s, sort="criticality", descending=True)[-1] == "svc"
        rows = queries.ci_rows(s, ids=["db", "nope", "app"])
        assert [(r.id, r.open_incidents, r.class_label) for r in rows] == [("db", 1, "Database"),
                                                                            ("app", 1, "Application")]
        assert rows[1].service_name == "Mail"


def test_find_ci_by_name_id_serial_any_case(graph):
    with graph.session() as s:
        assert queries.find_ci(s, name_or_id="DB") == "db"
        assert queries.find_ci(s, name_or_id="host") == "host"
        assert queries.find_ci(s, name_or_id="SN-42") == "db"
        assert queries.find_ci(s, name_or_id="Vm") == "vm"
        assert queries.find_ci(s, name_or_id="missing") is None


def test_detail_shows_relations_both_ways_and_a_timeline(graph):
    with graph.session() as s:
        d = queries.ci_detail(s, ci_id="app")
        assert d is not None
        seen = {(r.label, r.other.id) for r in d.relations}
        assert ("used by", "svc") in seen and ("depends on", "db") in seen and ("used by", "db") in seen
        assert ("runs on", "cl") in seen and ("used by", "ws") in seen
        vm = queries.ci_detail(s, ci_id="vm")
        assert ("runs on", "host") in {(r.label, r.other.id) for r in vm.relations}  # parent_id as a relation
        host = queries.ci_detail(s, ci_id="host")
        assert ("hosts", "vm") in {(r.label, r.other.id) for r in host.relations}
        db = queries.ci_detail(s, ci_id="db")
        assert {e.id for e in db.timeline} == {"i1", "i3", "c1", "c3"}
        assert {e.id: e.is_open for e in db.timeline}["c3"] is False
        assert queries.ci_detail(s, ci_id="nope") is None


def test_neighbourhood_depth_types_and_limit(graph):
    with graph.session() as s:
        g1 = queries.neighbourhood(s, ci_id="app", depth=1)
        assert {n.id for n in g1.nodes} == {"app", "svc", "db", "cl", "ws", "vm"}
        assert g1.truncated  # host and the cluster nodes lie beyond
        assert {(e.source_id, e.target_id) for e in g1.edges} >= {("app", "db"), ("db", "app"), ("svc", "app")}
        g2 = queries.neighbourhood(s, ci_id="app", depth=2)
        assert {"host", "node1", "node2"} <= {n.id for n in g2.nodes}
        only = queries.neighbourhood(s, ci_id="app", depth=3, types=frozenset({"depends_on"}))
        assert {n.id for n in only.nodes} == {"app", "svc", "db", "ws"}
        small = queries.neighbourhood(s, ci_id="app", depth=3, limit=3)
        assert len(small.nodes) == 3 and small.truncated


def test_impact_follows_the_outage_through_cycles(graph):
    with graph.session() as s:
        imp = queries.impact(s, ci_id="db")
        reached = {r.id for r in imp.blast_radius}
        # db fails: app depends on it (and db on app: a cycle), svc and ws depend on app. Not the cluster.
        assert reached == {"db", "app", "svc", "ws"}
        assert [r.id for r in imp.services] == ["svc"]
        assert [t.id for t in imp.open_incidents] == ["i2", "i1", "i5"]  # by priority
        assert [c.id for c in imp.open_changes] == ["c1"]
        assert imp.users == (("ann", "Ann Ash"), ("bob", "Bob Birch"))
        host = queries.impact(s, ci_id="host")
        assert {r.id for r in host.blast_radius} == {"host", "vm", "app", "db", "svc", "ws"}
        node = queries.impact(s, ci_id="node1")  # a member fails: the cluster, what runs on it, and up
        assert {r.id for r in node.blast_radius} == {"node1", "cl", "app", "db", "svc", "ws"}
        assert queries.impact(s, ci_id="lonely").services == ()


def test_incident_hint_names_other_incidents_on_the_ci_and_its_dependants(graph):
    with graph.session() as s:
        assert [t.id for t in queries.incident_hint(s, ticket_id="i1")] == ["i2"]
        assert queries.incident_hint(s, ticket_id="i4") == ()
        assert queries.incident_hint(s, ticket_id="i5") == ()  # no CI


def test_the_hint_is_by_priority_then_number_cut_at_its_limit_and_probes_the_ci_index(graph, monkeypatch):
    from app.cmdb import impact

    with graph.session() as s:
        # More incidents on the radius of db (db <-> app, svc, ws): closed ones, other types, and the ticket's own.
        for n, (ci, priority) in enumerate([("app", 3), ("ws", 2), ("svc", 3), ("db", 1), ("svc", 2)]):
            _incident(s, f"j{n}", ci, priority=priority)
        _incident(s, "k0", "app", is_open=False, priority=1)
        _incident(s, "k1", "app", type="service_request", priority=1)
        s.commit()
        hint = queries.incident_hint(s, ticket_id="i1")
        assert [(t.id, t.priority) for t in hint] == [("i2", 1), ("j3", 1), ("j1", 2), ("j4", 2), ("j0", 3), ("j2", 3)]
        assert hint[0].sla_due is not None and hint[0].ci_name == "APP"
        monkeypatch.setattr(impact, "LIST_LIMIT", 3)
        assert [t.id for t in queries.incident_hint(s, ticket_id="i1")] == ["i2", "j3", "j1"]
        plan = " ".join(r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + impact._HINT,
                                                                        ("db", 10, "", 1)))
        assert "ix_ticket_ci_open (ci_id=? AND is_open=?)" in plan and "SCAN t" not in plan
        # The walk probes the relation and parent indexes per CI reached: no relation or CI is scanned.
        assert "ix_ci_relation_target_type (target_id=? AND type=?)" in plan
        assert "ix_ci_relation_source_type (source_id=? AND type=?)" in plan
        assert "ix_configuration_item_parent_id (parent_id=?)" in plan
        assert "SCAN r" not in plan and "SCAN c" not in plan


def test_the_hint_walks_cycles_once_and_stops_at_the_impact_limit(graph, monkeypatch):
    from app.cmdb import impact

    with graph.session() as s:
        _incident(s, "j0", "ws", priority=2)
        s.commit()
        assert [t.id for t in queries.incident_hint(s, ticket_id="i1")] == ["i2", "j0"]
        # db's radius is db, app, svc, ws, breadth first: a limit of two CIs reaches db and app only.
        monkeypatch.setattr(impact, "IMPACT_LIMIT", 2)
        assert [t.id for t in queries.incident_hint(s, ticket_id="i1")] == ["i2"]


def test_change_impact_preview(graph):
    with graph.session() as s:
        ci = queries.change_impact(s, change_id="c1")
        assert [r.id for r in ci.services] == ["svc"]
        assert {t.id for t in ci.open_incidents} == {"i1", "i2", "i5"}
        assert [t.id for t in ci.sla_due_in_window] == ["i2"]
        # c2 reboots the host: app runs on vm which runs on host, so both blast radii meet at app
        assert [c.id for c in ci.conflicts] == ["c2"]
        assert queries.change_impact(s, change_id="c3").conflicts == ()


def test_classes_and_relation_types(graph):
    with graph.session() as s:
        classes = {c.key: c for c in queries.ci_classes(s)}
        assert classes["server"].ci_count == 3 and classes["server"].builtin
        assert ("os", "OS", "text") in classes["server"].attributes
    assert [t.key for t in queries.relation_types()] == ["depends_on", "runs_on", "connects_to", "member_of"]


def test_the_cached_graph_follows_every_kind_of_write(graph, me):
    from app.cmdb import ops

    def reached(ci_id):
        with graph.read_session() as s:
            return {r.id for r in queries.impact(s, ci_id=ci_id).blast_radius}

    assert reached("lonely") == {"lonely"}
    with graph.session() as s:
        rid = ops.add_relation(s, source_id="svc", target_id="lonely", type="depends_on", actor_id=me)
        s.commit()
    assert reached("lonely") == {"lonely", "svc"}
    with graph.session() as s:
        ops.update_ci(s, ci_id="ws", changes={"parent_id": "lonely"}, actor_id=me)
        s.commit()
    assert reached("lonely") == {"lonely", "svc", "ws"}
    with graph.session() as s:
        ops.remove_relation(s, relation_id=rid, actor_id=me)
        ops.update_ci(s, ci_id="ws", changes={"parent_id": None}, actor_id=me)
        s.commit()
    assert reached("lonely") == {"lonely"}
    with graph.session() as s:  # a write that rolls back leaves the cache right too
        ops.add_relation(s, source_id="svc", target_id="lonely", type="depends_on", actor_id=me)
        s.rollback()
    assert reached("lonely") == {"lonely"}


def test_the_id_list_reads_past_one_fetch_with_its_parameters_bound(store):
    """list_ci_ids reads through the driver FETCH_ROWS at a time (app.cmdb.facts.column): every row of a list
    longer than one fetch, in the ORM's order, with the filter's parameters (a class, an escaped pattern) bound."""
    from sqlalchemy import insert, select

    from app.cmdb.facts import FETCH_ROWS, column

    count = FETCH_ROWS * 2 + 7
    with store.session() as s:
        s.execute(insert(ConfigurationItem), [
            {"id": f"ci-{i:05d}", "name": f"host_{(i * 7919) % count:05d}", "ci_class": "server" if i % 3 else "router",
             "criticality": 1 + i % 4} for i in range(count)])
        s.commit()
        stmt = select(ConfigurationItem.id).order_by(ConfigurationItem.name)
        assert column(s, stmt) == list(s.scalars(stmt))
        listed = select(ConfigurationItem.id).where(ConfigurationItem.id.in_(["ci-00003", "ci-00001", "nope"]),
                                                    ConfigurationItem.ci_class != "x").order_by(ConfigurationItem.id)
        assert column(s, listed) == ["ci-00001", "ci-00003"]
        ids = queries.list_ci_ids(s, ci_class="server", sort="criticality", descending=True)
        assert len(ids) == count - len(range(0, count, 3))
        assert ids == list(s.scalars(select(ConfigurationItem.id).where(ConfigurationItem.ci_class == "server")
                                     .order_by(ConfigurationItem.criticality.desc(), ConfigurationItem.name.desc())))
        named = sorted((i * 7919 % count, f"ci-{i:05d}") for i in range(count))  # by name
        assert queries.list_ci_ids(s, text="host_0000") == [cid for name, cid in named if name < 10]
        assert queries.list_ci_ids(s, text="st_0") != [] and queries.list_ci_ids(s, text="x%_") == []
