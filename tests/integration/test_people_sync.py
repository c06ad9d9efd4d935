"""A caller added on one desk (New caller… while logging a call) reaches the other desks through the real sync."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import OutboxMutation, Person, SyncConflict, Ticket
from app.people import ops as people_ops
from app.people.directory import lookup_callers
from app.sync import refused_work
from app.tickets import writes as tickets
from core.errors import ValidationError


def _person(node, person_id):
    with node.store.session() as s:
        p = s.get(Person, person_id)
        return None if p is None else (p.name, p.email, p.phone, p.site, p.department, p.language, p.vip, p.active)


def test_a_new_caller_and_their_ticket_reach_the_other_desk(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:  # offline: the caller and the ticket in one go
        caller = people_ops.create_person(s, values={"name": "Nia Caller", "email": "nia@example.com",
                                                     "phone": "+44 20 7946 0555", "site": "London",
                                                     "department": "Finance", "language": "en"},
                                          actor_id=ann.me).id
        tid = tickets.create_ticket(s, ticket_type="incident", title="Cannot print payslips", actor_id=ann.me,
                                    group_id=ann.group, requester_id=caller).id
    report = ann.sync()
    assert report.statuses == {"applied": 3}  # the new site London (by name: anyone may), the caller, the ticket
    ben.sync()
    assert _person(ben, caller) == ("Nia Caller", "nia@example.com", "+44 20 7946 0555", "London", "Finance",
                                    "en", False, True)
    with ben.store.session() as s:
        assert s.scalar(select(Ticket.requester_id).where(Ticket.id == tid)) == caller
        assert [r.id for r in lookup_callers(s, text="nia fin")] == [caller]  # the pulled row is indexed too

    with ben.store.session() as s:
        people_ops.update_person(s, person_id=caller, changes={"phone": "+44 20 7946 0999"}, actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 1}
    ann.sync()
    assert _person(ann, caller)[2] == "+44 20 7946 0999"


def test_what_the_server_refuses_stays_on_the_desk_with_its_reason(desk, nodes):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        caller = people_ops.create_person(s, values={"name": "Very Important", "vip": True}, actor_id=ann.me).id
    report = ann.sync()
    assert report.statuses == {"rejected": 1}
    assert _person(ann, caller)[0] == "Very Important"  # kept, with every field
    with ann.store.session() as s:
        reasons = s.scalars(select(SyncConflict.reason).where(SyncConflict.entity_id == caller)).all()
    assert any("manager" in (r or "") for r in reasons)

    # Send again after taking the flag off: the row goes out as it stands now.
    with ann.store.session() as s:
        people_ops.update_person(s, person_id=caller, changes={"vip": False}, actor_id=ann.me)
        assert s.scalar(select(OutboxMutation.seq)
                        .where(OutboxMutation.entity_id == caller)) is None  # held with the refused create
        conflict = s.scalar(select(SyncConflict.id).where(SyncConflict.entity_id == caller))
        assert refused_work.send_again(s, conflict_id=conflict) == 1
    assert ann.sync().statuses == {"applied": 1}


def test_discarding_refused_people_work(desk, nodes):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        kept = people_ops.create_person(s, values={"name": "Kept Caller", "site": "Oslo"}, actor_id=ann.me).id
        gone = people_ops.create_person(s, values={"name": "Gone", "vip": True}, actor_id=ann.me).id
        named = people_ops.create_person(s, values={"name": "Named", "vip": True}, actor_id=ann.me).id
        tickets.create_ticket(s, ticket_type="incident", title="Printer", actor_id=ann.me, group_id=ann.group,
                              requester_id=named)
    ann.sync()
    with ann.store.session() as s:
        people_ops.update_person(s, person_id=kept, changes={"vip": True, "site": "Rome"}, actor_id=ann.me)
    # The new site Rome is anyone's to add (by name); the update is refused: a VIP flag needs a manager.
    assert ann.sync().statuses == {"applied": 1, "rejected": 1}

    def conflict_of(s, person_id):
        return s.scalar(select(SyncConflict.id).where(SyncConflict.entity_id == person_id,
                                                      SyncConflict.status == "open"))

    with ann.store.session() as s:
        assert refused_work.discard(s, conflict_id=conflict_of(s, kept)) == "values"
        assert refused_work.discard(s, conflict_id=conflict_of(s, gone)) == "row"
    assert _person(ann, kept)[2:4] == (None, "Oslo") and _person(ann, gone) is None
    with ann.store.session() as s, pytest.raises(ValidationError, match="as requester"):
        refused_work.discard(s, conflict_id=conflict_of(s, named))
    assert _person(ann, named) is not None
