"""The CMDB between two desks through a real server: CIs, relations and classes made offline on one desk reach
the other, an impact walk there sees them, a removed relation goes everywhere, refused work stays visible."""

from __future__ import annotations

from sqlalchemy import select, update

from app.cmdb import ops, queries
from app.models import CiClassRow, CiRelation, ConfigurationItem, OutboxMutation, SyncConflict, SyncCursor
from app.sync import refused_work
from app.sync.engine import pull_changes


def test_cis_and_relations_made_offline_reach_the_other_desk(desk, nodes):
    _two_desks(nodes(desk, "ann"), nodes(desk, "ben"))


def test_the_same_on_postgresql(pg_desk, nodes):
    _two_desks(nodes(pg_desk, "ann", "-pg"), nodes(pg_desk, "ben", "-pg"))


def _two_desks(ann, ben):
    with ann.store.session() as s:
        svc = ops.create_ci(s, values={"name": "Payroll", "ci_class": "business_service", "criticality": 2},
                            actor_id=ann.me).ci.id
        app = ops.create_ci(s, values={"name": "payroll-app", "ci_class": "application",
                                       "attributes": {"vendor": "Acme"}}, actor_id=ann.me).ci.id
        db = ops.create_ci(s, values={"name": "payroll-db", "ci_class": "database"}, actor_id=ann.me).ci.id
        ops.add_relation(s, source_id=svc, target_id=app, type="depends_on", actor_id=ann.me)
        rid = ops.add_relation(s, source_id=app, target_id=db, type="depends_on", actor_id=ann.me)
        ops.add_relation(s, source_id=db, target_id=app, type="depends_on", actor_id=ann.me)  # a cycle
        s.commit()
    assert ann.sync().statuses == {"applied": 6}
    ben.sync()
    with ben.store.session() as s:
        impact = queries.impact(s, ci_id=db)
        assert {r.name for r in impact.blast_radius} == {"payroll-db", "payroll-app", "Payroll"}
        assert [r.name for r in impact.services] == ["Payroll"]
        assert dict(queries.ci_detail(s, ci_id=app).attribute_values) == {"vendor": "Acme"}
        ops.remove_relation(s, relation_id=rid, actor_id=ben.me)
        ops.update_ci(s, ci_id=db, changes={"site": "Leeds"}, actor_id=ben.me)
        s.commit()
    assert ben.sync().statuses == {"applied": 2}
    ann.sync()
    with ann.store.session() as s:
        assert s.get(CiRelation, rid) is None
        assert s.get(ConfigurationItem, db).site == "Leeds"
        # the cycle's other half is still there: db depends on app
        assert {r.label for r in queries.ci_detail(s, ci_id=db).relations} == {"depends on"}


def test_refused_cmdb_work_stays_and_can_be_sent_again_or_discarded(desk, nodes):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        core = ops.create_ci(s, values={"name": "core-switch", "ci_class": "network_device", "criticality": 1},
                             actor_id=ann.me).ci.id
        lb = ops.define_class(s, key="load_balancer", label="Load balancer", attributes=[], actor_id=ann.me)
        s.commit()
    assert ann.sync().statuses == {"rejected": 2}  # mission critical and classes are for managers
    with ann.store.session() as s:
        assert s.get(ConfigurationItem, core).name == "core-switch"  # kept, with its reason
        reasons = {r.entity: r.reason for r in s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected"))}
        assert "mission critical" in reasons["configuration_item"] and "manager" in reasons["ci_class"]
        ops.update_ci(s, ci_id=core, changes={"criticality": 2}, actor_id=ann.me)
        assert s.scalar(select(OutboxMutation.seq).where(OutboxMutation.entity_id == core)) is None  # held
        ci_conflict = s.scalar(select(SyncConflict.id).where(SyncConflict.entity_id == core))
        assert refused_work.send_again(s, conflict_id=ci_conflict) == 1
        class_conflict = s.scalar(select(SyncConflict.id).where(SyncConflict.entity_id == lb))
        assert refused_work.discard(s, conflict_id=class_conflict) == "row"
        s.commit()
    assert ann.sync().statuses == {"applied": 1}
    with ann.store.session() as s:
        assert "load_balancer" not in {c.key for c in queries.ci_classes(s)}


def test_a_refused_relation_is_held_and_names_no_ticket(desk, nodes):
    ann, ben = nodes(desk, "ann", "-rel"), nodes(desk, "ben", "-rel")
    with ann.store.session() as s:
        a = ops.create_ci(s, values={"name": "rel-a"}, actor_id=ann.me).ci.id
        b = ops.create_ci(s, values={"name": "rel-b"}, actor_id=ann.me).ci.id
        s.commit()
    ann.sync()
    ben.sync()
    for node in (ann, ben):  # both relate the same pair the same way, offline: the second is refused
        with node.store.session() as s:
            ops.add_relation(s, source_id=a, target_id=b, type="runs_on", actor_id=node.me)
            s.commit()
    assert ann.sync().statuses == {"applied": 1}
    assert ben.sync().statuses == {"rejected": 1}
    with ben.store.session() as s:
        record = s.scalar(select(SyncConflict).where(SyncConflict.entity == "ci_relation"))
        assert record.ticket_id is None and "already related" in record.reason
        assert refused_work.discard(s, conflict_id=record.id) == "row"
        s.commit()
    ben.sync()
    with ben.store.session() as s:
        assert [(r.label, r.other.name) for r in queries.ci_detail(s, ci_id=a).relations] == [("runs on", "rel-b")]


def test_a_pending_ci_edit_survives_a_pull_before_its_push(desk, nodes):
    ann, ben = nodes(desk, "ann", "-keep"), nodes(desk, "ben", "-keep")
    with ann.store.session() as s:
        ws = ops.create_ci(s, values={"name": "ws-keep", "ci_class": "workstation",
                                      "attributes": {"os": "Windows 11"}}, actor_id=ann.me).ci.id
        s.commit()
    ann.sync()
    ben.sync()
    with ann.store.session() as s:  # offline: a field and an attribute
        ops.update_ci(s, ci_id=ws, changes={"site": "Leeds", "attributes": {"os": "Windows 11", "ram": "32"}},
                      base={"attributes": {"os": "Windows 11"}}, actor_id=ann.me)
        s.commit()
    with ben.store.session() as s:  # a colleague changes other ones, and pushes first
        ops.update_ci(s, ci_id=ws, changes={"asset_tag": "AT-77", "attributes": {"os": "Windows 12"}},
                      base={"attributes": {"os": "Windows 11"}}, actor_id=ben.me)
        s.commit()
    assert ben.sync().statuses == {"applied": 1}
    pull_changes(ann.store, ann.client)  # the pull before ann's push
    with ann.store.session() as s:
        ci = s.get(ConfigurationItem, ws)
        assert (ci.site, ci.asset_tag) == ("Leeds", "AT-77")
        assert dict(queries.ci_detail(s, ci_id=ws).attribute_values) == {"os": "Windows 12", "ram": "32"}
    assert ann.sync().statuses == {"applied": 1}
    ben.sync()
    for node in (ann, ben):
        with node.store.session() as s:
            ci = s.get(ConfigurationItem, ws)
            assert (ci.site, ci.asset_tag) == ("Leeds", "AT-77")
            assert dict(queries.ci_detail(s, ci_id=ws).attribute_values) == {"os": "Windows 12", "ram": "32"}


def test_a_pending_class_edit_and_relation_removal_survive_a_pull(desk, nodes):
    one, two = nodes(desk, "mia", "-one"), nodes(desk, "mia", "-two")
    with one.store.session() as s:
        lb = ops.define_class(s, key="balancer", label="Balancer", attributes=[], actor_id=one.me)
        a = ops.create_ci(s, values={"name": "keep-a"}, actor_id=one.me).ci.id
        b = ops.create_ci(s, values={"name": "keep-b"}, actor_id=one.me).ci.id
        rid = ops.add_relation(s, source_id=a, target_id=b, type="depends_on", actor_id=one.me)
        s.commit()
    one.sync()
    two.sync()
    with one.store.session() as s:
        ops.define_class(s, key=lb, label="Balancer", description="Spreads load", attributes=[], actor_id=one.me)
        ops.remove_relation(s, relation_id=rid, actor_id=one.me)
        s.commit()
    with two.store.session() as s:
        ops.define_class(s, key=lb, label="Load balancer", attributes=[], actor_id=two.me)
        s.commit()
    assert two.sync().statuses == {"applied": 1}
    with one.store.session() as s:  # a pull from the start brings the relation again (a re-sync, a new scope)
        s.execute(update(SyncCursor).values(cursor=0))
        s.commit()
    pull_changes(one.store, one.client)
    with one.store.session() as s:
        row = s.get(CiClassRow, lb)
        assert (row.label, row.description) == ("Load balancer", "Spreads load")
        assert s.get(CiRelation, rid) is None
    one.sync()
    two.sync()
    with two.store.session() as s:
        row = s.get(CiClassRow, lb)
        assert (row.label, row.description) == ("Load balancer", "Spreads load")
        assert s.get(CiRelation, rid) is None
