"""A problem created and worked on one desk reaches another through a real team server: its fields, its
linked incidents, its known-error date, a published workaround, and a major incident's log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Ticket, WorklogEntry
from app.problems import ops, queries
from app.tickets import writes as tickets


def _row(node, ticket_id):
    with node.store.session() as s:
        t = s.scalar(select(Ticket).where(Ticket.id == ticket_id))
        return None if t is None else t


@pytest.mark.parametrize("server", ["desk", "pg_desk"])
def test_a_problem_and_its_incidents_reach_the_other_desk(server, request, nodes):
    desk = request.getfixturevalue(server)
    ann, ben = nodes(desk, "ann", tag=server), nodes(desk, "ben", tag=server)
    with ann.store.session() as s:
        a = tickets.create_ticket(s, ticket_type="incident", title="Outlook hangs", actor_id=ann.me, group_id=ann.group)
        b = tickets.create_ticket(s, ticket_type="incident", title="Outlook freezes", actor_id=ann.me,
                                  group_id=ann.group)
        created = ops.create_from_incidents(s, row_ids=[a.row_id, b.row_id], title="Outlook add-in deadlock",
                                            actor_id=ann.me)
        tickets.update_ticket(s, ticket_id=created.id, actor_id=ann.me, changes={
            "state": "assess", "workaround": "Disable the CRM add-in.", "known_error": True,
            "root_cause": "Add-in waits on the UI thread", "cause_code": "software_defect"})
        published = ops.publish_workaround(s, problem_id=created.id, actor_id=ann.me)
        assert len(published.posted) == 2
        pid, aid = created.id, a.id
    assert ann.sync().statuses == {"applied": 3 + 2 + 1 + 2}  # creates, the links, the problem edit, replies
    ben.sync()
    p = _row(ben, pid)
    assert p is not None and p.number.startswith("PRB")
    assert (p.state, p.known_error, p.workaround, p.cause_code) == \
        ("assess", True, "Disable the CRM add-in.", "software_defect")
    assert p.known_error_at is not None
    with ben.store.session() as s:
        detail = queries.problem_detail(s, ticket_id=pid)
        assert {i.id for i in detail.incidents} == {aid, b.id}
        replies = s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == aid,
                                                            WorklogEntry.kind == "reply")).all()
        assert len(replies) == 1 and "Disable the CRM add-in." in replies[0]
        # Ben unlinks one incident; Ann sees it after her next sync.
        ops.unlink_incidents(s, incident_ids=[aid], actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 1}
    ann.sync()
    assert _row(ann, aid).problem_id is None
