"""Least privilege: a user never receives a ticket outside their scope and cannot push to one;
a ticket that leaves the scope arrives as an eviction, one that enters it brings its children."""

from __future__ import annotations

from tests.server.wire import new_id


def _seen(client, ticket_id: str) -> bool:
    return any(ticket_id == r["id"] for p in client.pull_all()[0] for r in p["rows"].get("ticket", [])) or any(
        ticket_id == w["ticket_id"] for p in client.pull_all()[0] for w in p["rows"].get("worklog_entry", []))


def test_agent_never_receives_or_changes_other_groups_tickets(clients):
    alice, bob, max_ = clients("alice"), clients("bob"), clients("max")
    tid = new_id()
    assert bob.push(bob.create(tid, title="B only"), bob.worklog(tid))[0]["status"] == "applied"
    assert not _seen(alice, tid)
    assert _seen(max_, tid)  # managers see every ticket
    receipts = alice.push(alice.update(tid, title=("B only", "mine now")), alice.worklog(tid),
                          alice.mutation("ticket", tid, "delete", {}))
    assert [r["status"] for r in receipts] == ["rejected"] * 3
    assert all("not in your scope" in r["reason"] for r in receipts)
    assert bob.ticket(tid)["title"] == "B only"
    # Creating a ticket for a group one is not in is refused the same way.
    created = alice.push(alice.create(new_id(), group_id=bob.group_ids[0]))[0]
    assert created["status"] == "rejected" and "not in your scope" in created["reason"]


def test_assigned_ticket_is_in_scope_outside_the_group(clients):
    bob, alice = clients("bob"), clients("alice")
    max_ = clients("max")
    tid = new_id()
    max_.push(max_.create(tid, group_id=None, title="Unrouted"))
    assert not _seen(alice, tid)
    max_.push(max_.update(tid, assignee_id=(None, alice.person_id)))
    assert _seen(alice, tid) and not _seen(bob, tid)
    assert alice.push(alice.worklog(tid))[0]["status"] == "applied"


def test_ticket_moving_out_of_scope_is_evicted_and_back_in_brings_children(clients):
    alice, bob = clients("alice"), clients("bob")
    tid, wid = new_id(), new_id()
    alice.push(alice.create(tid, title="Handover"), alice.worklog(tid, wid, "history"))
    _, cursor = alice.pull_all()
    _, bob_cursor = bob.pull_all()
    group_a, group_b = alice.group_ids[0], bob.group_ids[0]
    # Alice hands it to group B: she may, and from then on it is gone for her.
    assert alice.push(alice.update(tid, group_id=(group_a, group_b)))[0]["status"] == "applied"
    page = alice.pull(cursor)
    assert [e["entity_id"] for e in page["evictions"]] == [tid]
    assert tid not in [r["id"] for r in page["rows"].get("ticket", [])]
    assert alice.push(alice.worklog(tid))[0]["status"] == "rejected"
    # Bob never saw it before; it arrives with its earlier worklog entry.
    page = bob.pull(bob_cursor)
    assert tid in [r["id"] for r in page["rows"]["ticket"]]
    assert wid in [w["id"] for w in page["rows"].get("worklog_entry", [])]
    # A pull from zero shows alice nothing of it.
    assert not _seen(alice, tid)


def test_priority_first_sends_own_open_tickets_first(clients):
    max_, tina = clients("max"), clients("tina")
    mine, other = new_id(), new_id()
    max_.push(max_.create(mine, group_id=tina.group_ids[0], assignee_id=tina.person_id, title="Mine"),
              max_.create(other, group_id=tina.group_ids[0], title="Group's"))
    first = tina.pull(0, priority_first="true")
    ids = [r["id"] for r in first["rows"]["ticket"]]
    assert mine in ids and other not in ids
    assert first["next_cursor"] == 0 and first["has_more"] is True
