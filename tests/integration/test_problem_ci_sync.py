"""A problem's affected CIs between two desks through a real team server (SQLite and PostgreSQL): the set
reaches the other desk, and two desks editing it offline meanwhile end with the merged set on both, no
conflict to decide."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.problems.cis import problem_ci_ids, set_problem_cis
from app.sync.conflicts import open_conflicts
from app.tickets import writes as tickets

CIS = ("ci-prb-sync-a", "ci-prb-sync-b", "ci-prb-sync-c")


def _import_cis(desk, folder):
    path = folder / "cis.json"
    path.write_text(json.dumps({"configuration_item": [{"id": c, "name": c.rsplit("-", 1)[1].upper(),
                                                        "criticality": 3} for c in CIS]}))
    desk.admin("reference", "import", str(path))
    return desk


@pytest.fixture(scope="module")
def sqlite_server(desk, tmp_path_factory):
    return _import_cis(desk, tmp_path_factory.mktemp("ref"))


@pytest.fixture(scope="module")
def postgres_server(pg_desk, tmp_path_factory):
    return _import_cis(pg_desk, tmp_path_factory.mktemp("ref"))


@pytest.fixture(params=["sqlite", "postgres"])
def server(request):
    return request.getfixturevalue(f"{request.param}_server")


def _cis(node, problem_id):
    with node.store.session() as s:
        return problem_ci_ids(s, problem_id)


def test_the_set_travels_and_concurrent_edits_merge_on_both_desks(server, nodes):
    ann, ben = nodes(server, "ann"), nodes(server, "ben")
    a, b, c = CIS
    with ann.store.session() as s:
        p = tickets.create_ticket(s, ticket_type="problem", title="Storage latency", actor_id=ann.me,
                                  group_id=ann.group)
        set_problem_cis(s, ticket_id=p.id, ci_ids=[a, b], actor_id=ann.me)
        pid = p.id
    assert ann.sync().statuses == {"applied": 2}
    ben.sync()
    assert _cis(ben, pid) == (a, b)
    # Offline on both desks from {a, b}: Ann takes a off and adds c, Ben takes b off.
    with ann.store.session() as s:
        set_problem_cis(s, ticket_id=pid, ci_ids=[b, c], actor_id=ann.me)
    with ben.store.session() as s:
        set_problem_cis(s, ticket_id=pid, ci_ids=[a], actor_id=ben.me)
    assert ann.sync().statuses == {"applied": 1}
    assert ben.sync().statuses == {"applied": 1}  # merged as a set: not a conflict
    ann.sync()
    assert _cis(ann, pid) == _cis(ben, pid) == (c,)
    with ben.store.session() as s:
        assert open_conflicts(s) == [] or all(c.ticket_id != pid for c in open_conflicts(s))
        # Ben's own edit stays in his audit trail; the merged result came by the pull.
        assert s.scalar(select(AuditEvent.new_value).where(AuditEvent.entity_id == pid, AuditEvent.field == "ci_ids",
                                                           AuditEvent.actor_id == ben.me)) == a
