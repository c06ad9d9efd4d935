"""CMDB operations on a real store: each audits, queues one outbox mutation and refuses bad input whole."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cmdb import ops, queries
from app.models import AuditEvent, CiRelation, ConfigurationItem, OutboxMutation, Person
from core.cmdb.classes import CmdbInvalid
from core.errors import NotFoundError, StaleEditError


def _outbox(s, entity):
    return [(m.op, json.loads(m.payload)) for m in s.scalars(select(OutboxMutation).where(
        OutboxMutation.entity == entity).order_by(OutboxMutation.seq))]


def test_create_update_retire_are_audited_and_queued(store, me):
    with store.session() as s:
        d = ops.create_ci(s, values={"name": " web01 ", "ci_class": "server", "criticality": 2,
                                     "attributes": {"os": "Debian", "cpu_count": "8"}}, actor_id=me)
        assert (d.ci.name, d.ci.status, d.ci.criticality) == ("web01", "active", 2)
        assert d.attributes == (("OS", "Debian"), ("CPUs", "8"))
        ops.update_ci(s, ci_id=d.ci.id, changes={"site": "Leeds"}, actor_id=me)
        ops.retire_ci(s, ci_id=d.ci.id, actor_id=me)
        s.commit()
        out = _outbox(s, "configuration_item")
        assert [o for o, _ in out] == ["create", "update", "update"]
        assert out[0][1]["row"]["name"] == "web01"
        assert out[2][1] == {"fields": {"status": {"base": "active", "new": "retired"}}}
        audit = [(a.field, a.new_value) for a in s.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == d.ci.id).order_by(AuditEvent.at))]
        assert audit == [("created", "web01"), ("site", "Leeds"), ("status", "retired")]


@pytest.mark.parametrize(("values", "field"), [
    ({"name": ""}, "name"),
    ({"name": "x", "criticality": 7}, "criticality"),
    ({"name": "x", "status": "lost"}, "status"),
    ({"name": "x", "ci_class": "spaceship"}, "ci_class"),
    ({"name": "x", "owner_id": "nobody"}, "owner_id"),
    ({"name": "x", "attributes": {"cpu_count": "eight"}}, "cpu_count"),
    ({"name": "x", "attributes": "[1, 2]"}, "attributes"),
    ({"name": "x" * 201}, "name"),
])
def test_bad_values_are_refused_and_nothing_is_written(store, me, values, field):
    with store.session() as s:
        with pytest.raises(CmdbInvalid) as err:
            ops.create_ci(s, values=values, actor_id=me)
        assert err.value.field == field
        s.rollback()
        assert s.scalar(select(ConfigurationItem.id)) is None
        assert _outbox(s, "configuration_item") == []


def test_stale_edit_is_refused_but_attributes_merge_key_by_key(store, me):
    with store.session() as s:
        ci = ops.create_ci(s, values={"name": "db1", "ci_class": "database", "attributes": {"engine": "pg"}},
                           actor_id=me).ci.id
        s.commit()
        base = {"name": "db1", "attributes": json.dumps({"engine": "pg"})}
        ops.update_ci(s, ci_id=ci, changes={"name": "db-one"}, actor_id=me)  # someone else, meanwhile
        with pytest.raises(StaleEditError):
            ops.update_ci(s, ci_id=ci, changes={"name": "db-1"}, base=base, actor_id=me)
        ops.update_ci(s, ci_id=ci, changes={"attributes": {"engine": "pg", "port": "5432"}}, actor_id=me)
        d = ops.update_ci(s, ci_id=ci, changes={"attributes": {"engine": "postgres"}}, base=base, actor_id=me)
        assert dict(d.attribute_values) == {"engine": "postgres", "port": "5432"}


def test_relations_both_ways_no_duplicates_cycles_allowed(store, me):
    with store.session() as s:
        a = ops.create_ci(s, values={"name": "app", "ci_class": "application"}, actor_id=me).ci.id
        b = ops.create_ci(s, values={"name": "db", "ci_class": "database"}, actor_id=me).ci.id
        rid = ops.add_relation(s, source_id=a, target_id=b, type="depends_on", actor_id=me)
        ops.add_relation(s, source_id=b, target_id=a, type="depends_on", actor_id=me)  # a cycle is fine
        with pytest.raises(CmdbInvalid):
            ops.add_relation(s, source_id=a, target_id=b, type="depends_on", actor_id=me)
        with pytest.raises(CmdbInvalid):
            ops.add_relation(s, source_id=a, target_id=a, type="runs_on", actor_id=me)
        with pytest.raises(CmdbInvalid):
            ops.add_relation(s, source_id=a, target_id=b, type="likes", actor_id=me)
        s.commit()
        assert {(r.label, r.other.name) for r in queries.ci_detail(s, ci_id=b).relations} == {
            ("used by", "app"), ("depends on", "app")}
        ops.remove_relation(s, relation_id=rid, actor_id=me)
        s.commit()
        assert s.get(CiRelation, rid) is None
        assert [o for o, _ in _outbox(s, "ci_relation")] == ["create", "create", "delete"]
        with pytest.raises(NotFoundError):
            ops.remove_relation(s, relation_id=rid, actor_id=me)


def test_removing_a_parent_link_clears_the_parent(store, me):
    with store.session() as s:
        host = ops.create_ci(s, values={"name": "host"}, actor_id=me).ci.id
        vm = ops.create_ci(s, values={"name": "vm", "ci_class": "virtual_machine", "parent_id": host},
                           actor_id=me).ci.id
        rel = [r for r in queries.ci_detail(s, ci_id=vm).relations if r.other.id == host][0]
        assert rel.label == "runs on"
        ops.remove_relation(s, relation_id=rel.relation_id, actor_id=me)
        assert s.get(ConfigurationItem, vm).parent_id is None
        with pytest.raises(CmdbInvalid):
            ops.update_ci(s, ci_id=vm, changes={"parent_id": vm}, actor_id=me)


def test_user_defined_class_with_attributes(store, me):
    with store.session() as s:
        ops.define_class(s, key="load_balancer", label="Load balancer",
                         attributes=[{"key": "vip", "label": "Virtual IP"}, {"key": "pools", "kind": "number"}],
                         actor_id=me)
        s.add(Person(id="p1", name="Owner", is_agent=False, active=True))
        d = ops.create_ci(s, values={"name": "lb1", "ci_class": "load_balancer", "owner_id": "p1",
                                     "attributes": {"vip": "10.0.0.1", "pools": "3"}}, actor_id=me)
        assert d.attributes == (("Virtual IP", "10.0.0.1"), ("Pools", "3")) and d.owner_name == "Owner"
        with pytest.raises(CmdbInvalid):
            ops.define_class(s, key="server", label="Mine", attributes=[], actor_id=me)
        with pytest.raises(CmdbInvalid):
            ops.define_class(s, key="x1", label="X", attributes=[{"key": "a"}, {"key": "a"}], actor_id=me)
        ops.define_class(s, key="load_balancer", label="Load balancers", attributes=[], actor_id=me)
        s.commit()
        classes = {c.key: c for c in queries.ci_classes(s)}
        assert classes["load_balancer"].label == "Load balancers" and classes["load_balancer"].ci_count == 1
        assert [o for o, _ in _outbox(s, "ci_class")] == ["create", "update"]
