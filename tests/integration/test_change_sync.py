"""Changes through real clients (the app's services and sync engine) and a real server process, on
SQLite and PostgreSQL: create with CIs, approvals and links; numbers; per-field merge; conflicts in the
inbox; workflow refusals taken back locally; scope; a retried push after a lost reply."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.changes import links as change_links
from app.changes import writes as changes
from app.credentials import MemoryTokenStore
from app.models import CabApproval, Change, ChangeLink, ConfigurationItem, OutboxMutation
from app.people import reference
from app.store import open_store
from app.sync import refused_work as refusals
from app.sync.client import SyncClient
from app.sync.conflicts import open_conflicts
from app.sync.errors import Offline
from app.tickets import writes as tickets
from tests.integration.conftest import Node
from tests.integration.proxy import Proxy
from tests.server.conftest import PASSWORD

CIS = ("ci-chg-sync-db", "ci-chg-sync-lb")
START = datetime(2031, 3, 4, 22, 0, tzinfo=UTC)


def _import_cis(desk, folder):
    path = folder / "cis.json"
    path.write_text(json.dumps({"configuration_item": [{"id": CIS[0], "name": "Billing DB", "criticality": 1},
                                                       {"id": CIS[1], "name": "Load balancer", "criticality": 2}]}))
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
    """The module's desk on either backend, with two CIs imported as reference data (once per desk: no
    test here changes reference data)."""
    return request.getfixturevalue(f"{request.param}_server")


def _snapshot(node: Node, change_id: str) -> dict:
    """Everything a desk holds about one change, in comparable form."""
    with node.store.session() as s:
        change = s.get(Change, change_id)
        if change is None:
            return {}
        row = {c.name: getattr(change, c.name) for c in Change.__table__.columns}
        row["ci_ids"] = changes.ci_ids_of(s, change_id)
        row["approvals"] = sorted((a.id, a.approver_id, a.decision, a.comment) for a in s.scalars(
            select(CabApproval).where(CabApproval.change_id == change_id)))
        row["links"] = sorted((x.id, x.ticket_id, x.kind) for x in s.scalars(
            select(ChangeLink).where(ChangeLink.change_id == change_id)))
        return row


def _new_change(node: Node, title: str = "Patch billing DB", **fields) -> str:
    with node.store.session() as s:
        return changes.create_change(s, change_type="normal", title=title, actor_id=node.me, group_id=node.group,
                                     **fields).id


def _outbox(node: Node) -> int:
    with node.store.session() as s:
        return len(s.scalars(select(OutboxMutation.seq)).all())


def test_a_change_with_cis_approvals_and_a_link_reaches_the_other_desk_whole(server, nodes):
    ann, ben = nodes(server, "ann"), nodes(server, "ben")
    with ann.store.session() as s:
        incident = tickets.create_ticket(s, ticket_type="incident", title="Billing slow", actor_id=ann.me,
                                         group_id=ann.group)
        number = incident.number
    cid = _new_change(ann, ci_ids=CIS, planned_start=START, planned_end=START + timedelta(hours=2))
    with ann.store.session() as s:
        change_links.record_approval(s, change_id=cid, decision="approved", actor_id=ann.me, cab_group="A")
        change_links.link_ticket(s, change_id=cid, ticket_number=number, kind="caused_by", actor_id=ann.me)
    report = ann.sync()
    assert report.statuses == {"applied": 4} and cid in report.changed_change_ids
    assert _outbox(ann) == 0
    pulled = ben.sync()
    assert cid in pulled.changed_change_ids
    mine, theirs = _snapshot(ann, cid), _snapshot(ben, cid)
    assert mine == theirs
    assert theirs["number"].startswith("CHG") and theirs["ci_ids"] == tuple(sorted(CIS))
    assert len(theirs["approvals"]) == 1 and len(theirs["links"]) == 1
    assert theirs["planned_start"] == START
    carl = nodes(server, "carl")  # another group: reads the change, but cannot hold a link to a ticket he cannot see
    seen = _snapshot(carl, cid)
    assert seen["links"] == [] and {**seen, "links": theirs["links"]} == theirs


def test_two_desks_proposing_the_same_number_end_with_two_numbers_everywhere(server, nodes):
    ann, ben = nodes(server, "ann"), nodes(server, "ben")
    first, second = _new_change(ann, title="Swap disks"), _new_change(ben, title="Swap fans")
    assert _snapshot(ann, first)["number"] == _snapshot(ben, second)["number"]  # both offline proposals
    ann.sync()
    ben.sync()
    ann.sync()
    numbers = {_snapshot(ann, first)["number"], _snapshot(ann, second)["number"]}
    assert len(numbers) == 2 and numbers == {_snapshot(ben, first)["number"], _snapshot(ben, second)["number"]}
    with ben.store.session() as s:  # the next local proposal is past every number ben has seen
        assert changes.next_change_number(s) > max(numbers)


def test_edits_of_different_fields_merge_and_the_same_field_lands_in_the_inbox(server, nodes):
    ann, ben = nodes(server, "ann"), nodes(server, "ben")
    cid = _new_change(ann, title="Rotate certificates")
    ann.sync()
    ben.sync()
    with ann.store.session() as s:
        changes.update_change(s, change_id=cid, changes={"backout_plan": "Put the old cert back"}, actor_id=ann.me)
    with ben.store.session() as s:
        changes.update_change(s, change_id=cid, changes={"test_plan": "curl -v the site", "ci_ids": (CIS[1],)},
                              actor_id=ben.me)
    assert ann.sync().statuses == {"applied": 1}
    assert ben.sync().statuses == {"applied": 1}
    ann.sync()
    assert _snapshot(ann, cid) == _snapshot(ben, cid)
    merged = _snapshot(ben, cid)
    assert (merged["backout_plan"], merged["test_plan"], merged["ci_ids"]) == \
        ("Put the old cert back", "curl -v the site", (CIS[1],))
    # The same field, to different values: the second pusher gets a conflict and sees the server's value.
    with ann.store.session() as s:
        changes.update_change(s, change_id=cid, changes={"title": "Rotate TLS certificates"}, actor_id=ann.me)
    with ben.store.session() as s:
        changes.update_change(s, change_id=cid, changes={"title": "Rotate certs (all hosts)"}, actor_id=ben.me)
    ann.sync()
    assert ben.sync().statuses == {"conflict": 1}
    with ben.store.session() as s:
        inbox = [c for c in open_conflicts(s) if c["entity"] == "change"]
        assert s.get(Change, cid).title == "Rotate TLS certificates"
    assert [(c["entity_id"], c["field"], c["base"], c["theirs"], c["mine"]) for c in inbox] == \
        [(cid, "title", "Rotate certificates", "Rotate TLS certificates", "Rotate certs (all hosts)")]
    ann.sync()
    with ann.store.session() as s:
        assert not [c for c in open_conflicts(s) if c["entity"] == "change"]  # ann's edit won; hers is clean
    other_desk = nodes(server, "ben", "-laptop")  # ben's records reach his other desks by the pull
    with other_desk.store.session() as s:
        pulled = [c for c in open_conflicts(s) if c["entity_id"] == cid]
    assert [(c["entity"], c["field"], c["ticket_id"], c["mine"]) for c in pulled] == \
        [("change", "title", None, "Rotate certs (all hosts)")]


def test_a_move_the_server_workflow_refuses_is_kept_until_discarded(server, nodes):
    ann, ben = nodes(server, "ann"), nodes(server, "ben")
    cid = _new_change(ann, planned_start=START, planned_end=START + timedelta(hours=1))
    for target in ("assess", "authorize"):
        with ann.store.session() as s:
            changes.transition_change(s, change_id=cid, target=target, actor_id=ann.me)
    ann.sync()
    ben.sync()
    with ben.store.session() as s:  # a CAB member says no, and ben's desk syncs first
        change_links.record_approval(s, change_id=cid, decision="rejected",
                                  comment="Not during month end", actor_id=ben.me, cab_group="A")
    ben.sync()
    with ann.store.session() as s:  # ann only sees her own approval, so Scheduled is allowed locally
        change_links.record_approval(s, change_id=cid, decision="approved", actor_id=ann.me, cab_group="A")
        changes.transition_change(s, change_id=cid, target="scheduled", actor_id=ann.me)
    report = ann.sync()
    assert report.statuses == {"applied": 1, "rejected": 1}
    with ann.store.session() as s:
        assert s.get(Change, cid).state == "scheduled"  # kept as ann made it, through the pull too
        refused = [c for c in open_conflicts(s) if c["entity"] == "change" and c["kind"] == "rejected"]
        assert len(s.scalars(select(CabApproval).where(CabApproval.change_id == cid)).all()) == 2
    assert len(refused) == 1 and "CAB approval" in refused[0]["reason"]
    assert refused[0]["mine"]["fields"]["state"] == {"base": "authorize", "new": "scheduled"}
    with ann.store.session() as s:  # ann discards it: the server's state is shown again
        refusals.discard(s, conflict_id=refused[0]["id"])
    with ann.store.session() as s:
        assert s.get(Change, cid).state == "authorize"
    assert ann.sync().pushed == 0


def test_an_agent_outside_the_group_reads_but_cannot_write(server, nodes):
    ann, carl = nodes(server, "ann"), nodes(server, "carl")
    cid = _new_change(ann, title="Move the load balancer")
    ann.sync()
    carl.sync()
    assert _snapshot(carl, cid)["title"] == "Move the load balancer"
    with carl.store.session() as s:
        changes.update_change(s, change_id=cid, changes={"title": "Carl's plan"}, actor_id=carl.me)
        # carl approves on a desk whose CAB is his own group B: the server (CAB: A) refuses for scope first.
        change_links.record_approval(s, change_id=cid, decision="approved", actor_id=carl.me, cab_group="B")
    assert carl.sync().statuses == {"rejected": 2}
    with carl.store.session() as s:  # refused, and kept as carl made it until he decides
        assert s.get(Change, cid).title == "Carl's plan"
        assert len(s.scalars(select(CabApproval).where(CabApproval.change_id == cid)).all()) == 1
        refused = [c for c in open_conflicts(s) if c["kind"] == "rejected" and c["entity"] in
                   ("change", "cab_approval")]
    assert len(refused) == 2 and all("Not in your scope" in c["reason"] for c in refused)
    with carl.store.session() as s:
        for c in refused:
            refusals.discard(s, conflict_id=c["id"])
    with carl.store.session() as s:
        assert s.get(Change, cid).title == "Move the load balancer"
        assert s.scalars(select(CabApproval).where(CabApproval.change_id == cid)).all() == []


def test_a_push_whose_reply_was_lost_applies_once(server, nodes, tmp_path):
    ben = nodes(server, "ben")
    proxy = Proxy(server.url)
    client = SyncClient(proxy.url, tokens=MemoryTokenStore())
    client.sign_in("ann", PASSWORD)
    ann = Node(tmp_path / "ann-proxy.sqlite3", open_store(tmp_path / "ann-proxy.sqlite3"), client)
    try:
        ann.sync()
        with ann.store.session() as s:
            reference.set_current_user(s, person_id=ann.me)
        cid = _new_change(ann, title="Failover drill", ci_ids=CIS[:1])
        with ann.store.session() as s:
            change_links.record_approval(s, change_id=cid, decision="approved", actor_id=ann.me, cab_group="A")
        proxy.mode = "lose_reply"
        with pytest.raises(Offline):
            ann.sync()
        assert proxy.lost_replies == 1 and _outbox(ann) == 2  # the server applied it; ann does not know
        report = ann.sync()
        assert report.statuses == {"applied": 2} and _outbox(ann) == 0
        ben.sync()
        assert _snapshot(ann, cid) == _snapshot(ben, cid)
        assert len(_snapshot(ben, cid)["approvals"]) == 1
        with ben.store.session() as s:
            assert s.scalar(select(Change.number).where(Change.id == cid)) == _snapshot(ann, cid)["number"]
    finally:
        ann.close()
        proxy.close()


def test_the_cis_a_change_names_arrive_as_reference_data(server, nodes):
    carl = nodes(server, "carl")
    with carl.store.session() as s:
        assert set(CIS) <= set(s.scalars(select(ConfigurationItem.id)))
