"""Reference lists made on one desk reach the others through a real server, which decides who may change what;
pending and refused local edits stay shown over what a pull brings."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from app.models import Person, Service, Site, SyncConflict, group_member
from app.people import ops as people_ops
from app.people import reference_ops as ops
from app.people import reference_queries as q
from app.people.directory import lookup_callers
from app.people.reference import reference_data
from app.sync import refused_work, resolution
from app.sync.engine import pull_changes
from core.people.reference_rules import parse_hours


def _conflicts(node, entity):
    with node.store.session() as s:
        return s.scalars(select(SyncConflict).where(SyncConflict.entity == entity,
                                                    SyncConflict.status == "open")).all()


def test_a_managers_service_tree_and_site_reach_every_desk_and_an_agent_is_refused_but_keeps_the_edit(desk, nodes):
    mia, ann = nodes(desk, "mia"), nodes(desk, "ann")
    with mia.store.session() as s:
        top = ops.create_category(s, values={"name": "Payroll"}, actor_id=mia.me)
        ops.create_category(s, values={"name": "Payslips", "parent_id": top}, actor_id=mia.me)
        sid = ops.create_service(s, values={"name": "Payroll", "owner_id": mia.me, "owner_group_id": mia_group(s),
                                            "criticality": 2, "sla_policy": "Standard support",
                                            "hours": parse_hours("Mon-Fri 08:00-18:00", "Europe/London")},
                                 actor_id=mia.me)
        site = ops.create_site(s, values={"name": "Leeds", "timezone": "Europe/London"}, actor_id=mia.me)
    assert mia.sync().statuses == {"applied": 4}
    ann.sync()
    with ann.store.session() as s:
        ref = reference_data(s)
        assert "Payroll / Payslips" in {c.name for c in ref.categories}
        assert sid in {c.id for c in ref.services}
        service = s.get(Service, sid)
        assert (service.owner_id, service.criticality, service.sla_policy) == (mia.me, 2, "Standard support")
        assert s.get(Site, site).timezone == "Europe/London"
        # An agent may not change a service: the server refuses, the desk keeps showing the edit.
        ops.update_service(s, service_id=sid, changes={"criticality": 4}, actor_id=ann.me)
    assert ann.sync().statuses == {"rejected": 1}
    with mia.store.session() as s:  # meanwhile the manager edits another field of it
        ops.update_service(s, service_id=sid, changes={"description": "Salaries"}, actor_id=mia.me)
    mia.sync()
    ann.sync()
    with ann.store.session() as s:
        service = s.get(Service, sid)
        assert (service.criticality, service.description) == (4, "Salaries")  # mine on top of theirs
    [refusal] = _conflicts(ann, "service")
    assert "manager" in refusal.reason
    with ann.store.session() as s:  # the conflict inbox names it by kind and name
        [entry] = [e for e in resolution.inbox(s) if e.entity == "service"]
        assert (entry.ticket_number, entry.ticket_title) == ("Service", "Payroll")
    with ann.store.session() as s:
        assert refused_work.discard(s, conflict_id=refusal.id) == "values"
    with ann.store.session() as s:
        assert s.get(Service, sid).criticality == 2


def mia_group(s):
    return s.scalar(select(group_member.c.group_id).limit(1))


def test_a_pending_person_edit_survives_a_pull_that_brings_the_person(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        caller = people_ops.create_person(s, values={"name": "Pat Pending", "phone": "+44 20 7946 0001"},
                                          actor_id=ann.me).id
    ann.sync()
    ben.sync()
    with ben.store.session() as s:  # ben changes the department on the server
        people_ops.update_person(s, person_id=caller, changes={"department": "Sales"}, actor_id=ben.me)
    ben.sync()
    with ann.store.session() as s:  # ann's phone edit is pending when her pull brings ben's row
        people_ops.update_person(s, person_id=caller, changes={"phone": "+44 20 7946 0999"}, actor_id=ann.me)
    pull_changes(ann.store, ann.client)  # a pull before the push (a push that failed, a pull-only round)
    with ann.store.session() as s:
        person = s.get(Person, caller)
        assert (person.department, person.phone) == ("Sales", "+44 20 7946 0999")  # theirs, and mine on top
        assert [r.id for r in lookup_callers(s, text="7946 0999")] == [caller]  # the index shows mine too
    assert ann.sync().statuses == {"applied": 1}
    ben.sync()
    with ben.store.session() as s:
        assert s.get(Person, caller).phone == "+44 20 7946 0999"


def test_memberships_are_an_administrators_and_a_refused_one_stays_until_settled(desk, nodes):
    name = "adm" + uuid.uuid4().hex[:6]
    desk.add_user(name, "admin")
    admin, ann, carl = nodes(desk, name), nodes(desk, "ann"), nodes(desk, "carl")
    with admin.store.session() as s:
        group = ops.create_group(s, values={"name": "Nights " + name}, actor_id=admin.me)
        ops.add_member(s, group_id=group, person_id=carl.me, actor_id=admin.me)
    assert admin.sync().statuses == {"applied": 2}
    ann.sync()
    with ann.store.session() as s:
        assert [m.id for m in q.group_members(s, group_id=group)] == [carl.me]
        ops.add_member(s, group_id=group, person_id=ann.me, actor_id=ann.me)  # not hers to do
    assert ann.sync().statuses == {"rejected": 1}
    ann.sync()  # another pull: the refused membership is still shown until she decides
    with ann.store.session() as s:
        assert {m.id for m in q.group_members(s, group_id=group)} == {carl.me, ann.me}
    [refusal] = _conflicts(ann, "group_member")
    assert "administrator" in refusal.reason
    with ann.store.session() as s:
        refused_work.discard(s, conflict_id=refusal.id)
    with ann.store.session() as s:
        assert [m.id for m in q.group_members(s, group_id=group)] == [carl.me]
    carl.sync()
    with carl.store.session() as s:
        assert s.get(Person, carl.me) is not None and group in reference_data(s).members
