"""The change conflict engine walks the CMDB's relation graph, not only parent and child: a change on a CI
conflicts with an overlapping change on anything it depends on, or that depends on it, however far, through
cycles; unrelated CIs and siblings still do not conflict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.changes.conflicts import CiRef, ConflictIndex, PlannedChange, find_conflicts
from app.changes.planning import change_conflicts
from app.changes.writes import create_change
from app.cmdb import ops

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
H = timedelta(hours=1)
# svc depends on app, app on db, db on app (a cycle), app runs on vm whose parent is host; lb stands apart;
# node1 is a member of cluster cl, which app does not use.
CIS = (CiRef("svc", hurt_by=("app",)), CiRef("app", hurt_by=("db", "vm")), CiRef("db", hurt_by=("app",)),
       CiRef("vm", parent_id="host"), CiRef("host"), CiRef("lb"), CiRef("cl", hurt_by=("node1",)), CiRef("node1"))


def _ch(cid, cis, start=T0):
    return PlannedChange(cid, start, start + H, tuple(cis), None, "scheduled")


def _kinds(change, *others):
    index = ConflictIndex(changes=others, cis=CIS, horizon_start=T0 - timedelta(days=1),
                          horizon_end=T0 + timedelta(days=30))
    return sorted((c.kind, c.other_id, c.ci_id) for c in find_conflicts(change, index))


def test_transitive_dependencies_both_ways_through_a_cycle():
    assert _kinds(_ch("X", ["svc"]), _ch("HOST", ["host"])) == [("parent_ci", "HOST", "svc")]
    assert _kinds(_ch("X", ["host"]), _ch("SVC", ["svc"])) == [("child_ci", "SVC", "host")]
    # db and app depend on each other: each is both above and below the other, and the walk ends
    assert _kinds(_ch("X", ["db"]), _ch("APP", ["app"])) == [("child_ci", "APP", "db"), ("parent_ci", "APP", "db")]
    reason = find_conflicts(_ch("X", ["svc"]), ConflictIndex(changes=[_ch("HOST", ["host"])], cis=CIS,
                                                              horizon_start=T0, horizon_end=T0 + H))[0].reason
    assert reason.startswith("CI host, which CI svc depends on, is changed by HOST")


def test_unrelated_later_and_sibling_changes_do_not_conflict():
    assert _kinds(_ch("X", ["lb"]), _ch("APP", ["app"])) == []
    assert _kinds(_ch("X", ["svc"]), _ch("HOST", ["host"], start=T0 + H)) == []  # touching, not overlapping
    assert _kinds(_ch("X", ["svc"]), _ch("NODE", ["node1"])) == []  # the cluster is not what app runs on


def test_a_stored_change_sees_the_relation_graph(store, me):
    with store.session() as s:
        svc = ops.create_ci(s, values={"name": "Mail", "ci_class": "business_service"}, actor_id=me).ci.id
        exch = ops.create_ci(s, values={"name": "exchange", "ci_class": "application"}, actor_id=me).ci.id
        san = ops.create_ci(s, values={"name": "san01", "ci_class": "storage"}, actor_id=me).ci.id
        ops.add_relation(s, source_id=svc, target_id=exch, type="depends_on", actor_id=me)
        ops.add_relation(s, source_id=exch, target_id=san, type="depends_on", actor_id=me)
        mine = create_change(s, change_type="normal", title="Mail upgrade", actor_id=me, ci_ids=[svc],
                             planned_start=T0, planned_end=T0 + 2 * H)
        theirs = create_change(s, change_type="normal", title="SAN firmware", actor_id=me, ci_ids=[san],
                               planned_start=T0 + H, planned_end=T0 + 3 * H)
        s.flush()
        report = change_conflicts(s, change_id=mine.id)
        assert [(c.kind, c.other_id) for c in report.conflicts] == [("parent_ci", theirs.id)]
        assert "depends on" in report.conflicts[0].text


def test_a_stores_ci_graph_is_the_one_its_cis_make_one_by_one(store, me):
    """load_ci_graph reads the cached relation index and one dict of services instead of a CiRef per CI: the same
    neighbours both ways (relations and parents), the same services, the same conflicts."""
    from app.changes.conflicts import CiGraph
    from app.changes.planning import load_ci_graph
    from app.models import ConfigurationItem, Service

    with store.session() as s:
        s.add(Service(id="mail", name="Mail"))
        s.flush()
        ids = {name: ops.create_ci(s, values={"name": name}, actor_id=me).ci.id
               for name in ("svc", "app", "db", "vm", "host", "lb")}
        for source, target in (("svc", "app"), ("app", "db"), ("db", "app")):
            ops.add_relation(s, source_id=ids[source], target_id=ids[target], type="depends_on", actor_id=me)
        s.get(ConfigurationItem, ids["vm"]).parent_id = ids["host"]
        s.get(ConfigurationItem, ids["app"]).service_id = "mail"
        s.flush()
        graph = load_ci_graph(s)
        relations = {ci: [] for ci in ids.values()}
        for source, target in (("svc", "app"), ("app", "db"), ("db", "app")):
            relations[ids[source]].append(ids[target])
        one_by_one = CiGraph.from_refs(
            CiRef(ci.id, ci.parent_id, ci.service_id, tuple(relations[ci.id]))
            for ci in s.query(ConfigurationItem).filter(ConfigurationItem.id.in_(ids.values())))
    for ci in ids.values():
        assert sorted(graph.hurt_by.get(ci, ())) == sorted(one_by_one.hurt_by.get(ci, ())), ci
        assert sorted(graph.hurts.get(ci, ())) == sorted(one_by_one.hurts.get(ci, ())), ci
    assert dict(graph.services) == one_by_one.services == {ids["app"]: "mail"}
    change = _ch("X", [ids["svc"]])
    others = [_ch("HOST", [ids["host"]]), _ch("DB", [ids["db"]]), _ch("LB", [ids["lb"]])]

    def found(g):
        index = ConflictIndex(changes=others, graph=g, horizon_start=T0 - timedelta(days=1),
                              horizon_end=T0 + timedelta(days=30))
        return sorted((c.kind, c.other_id, c.ci_id) for c in find_conflicts(change, index))

    assert found(graph) == found(one_by_one) == [("parent_ci", "DB", ids["svc"])]


def test_a_change_moved_onto_a_ci_no_change_touched_yet_is_seen_by_the_related_ones():
    """The scan keeps, per CI, the related CIs that some change touches; a drop that gives a CI its first change
    (update) makes them again."""
    index = ConflictIndex(changes=[_ch("LB", ["lb"])], cis=CIS, horizon_start=T0 - timedelta(days=1),
                          horizon_end=T0 + timedelta(days=30))
    mine = _ch("X", ["svc"])
    assert find_conflicts(mine, index) == []  # the kept lists are made here, without host
    index.update(_ch("HOST", ["host"]))
    assert [(c.kind, c.other_id) for c in find_conflicts(mine, index)] == [("parent_ci", "HOST")]
    index.update(PlannedChange("HOST", None, None, ("host",), None, "scheduled"))  # taken off the calendar
    assert find_conflicts(mine, index) == []
