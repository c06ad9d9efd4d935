"""Rules the server enforces on push as the desk does: Closed is final, CSAT only through its action."""

from __future__ import annotations

from tests.server.wire import new_id

RESOLVE = {"state": ("new", "resolved"), "resolution_code": (None, "solved_permanently"),
           "resolution_notes": (None, "Replaced the cable.")}


def _resolved(client, close: bool = False) -> str:
    tid = new_id()
    receipts = client.push(client.create(tid, title="Cable"), client.update(tid, **RESOLVE))
    if close:
        receipts += client.push(client.update(tid, state=("resolved", "closed")))
    assert {r["status"] for r in receipts} == {"applied"}, receipts
    return tid


def _csat(client, tid, base, score, source="phone"):
    return client.mutation("ticket", tid, "update", {"fields": {"csat_score": {"base": base, "new": score}},
                                                     "csat": {"source": source, "comment": None}})


def test_a_closed_ticket_refuses_field_edits_on_push(clients):
    alice = clients("alice")
    tid = _resolved(alice, close=True)
    receipt = alice.push(alice.update(tid, title=("Cable", "Cable, again")))[0]
    assert receipt["status"] == "rejected" and "final" in receipt["reason"]
    assert alice.ticket(tid)["title"] == "Cable"


def test_a_closed_ticket_takes_internal_notes_but_no_replies(clients):
    alice = clients("alice")
    tid = _resolved(alice, close=True)
    assert alice.push(alice.worklog(tid, body="Post-mortem"))[0]["status"] == "applied"
    entry = new_id()
    reply = alice.mutation("worklog_entry", entry, "append", {"row": {
        "id": entry, "ticket_id": tid, "kind": "reply", "author_id": None, "body": "Hi again",
        "time_spent_minutes": 0, "created_at": "2030-01-01T00:00:00+00:00"}})
    receipt = alice.push(reply)[0]
    assert receipt["status"] == "rejected" and "final" in receipt["reason"]


def test_csat_is_not_a_field_an_agent_pushes(clients):
    alice = clients("alice")
    tid = _resolved(alice)
    receipt = alice.push(alice.update(tid, csat_score=(None, 5)))[0]
    assert receipt["status"] == "rejected" and "source" in receipt["reason"]
    assert alice.ticket(tid)["csat_score"] is None


def test_the_csat_action_records_the_answer_on_a_resolved_or_closed_ticket_only(clients):
    alice = clients("alice")
    open_ = new_id()
    alice.push(alice.create(open_, title="Still open"))
    refused = alice.push(_csat(alice, open_, None, 5))[0]
    assert refused["status"] == "rejected" and "resolved or closed" in refused["reason"]
    bad = alice.push(_csat(alice, _resolved(alice), None, 5, source="guess"))[0]
    assert bad["status"] == "rejected"
    tid = _resolved(alice, close=True)
    assert alice.push(_csat(alice, tid, None, 4, source="phone"))[0]["status"] == "applied"
    assert alice.ticket(tid)["csat_score"] == 4


def test_cab_decisions_only_by_members_of_the_approving_group_as_themselves(clients):
    from tests.server.test_changes_api import approval, create, rows_of

    alice, tina, bob = clients("alice"), clients("tina"), clients("bob")  # the test server's CAB group is A
    cid = new_id()
    assert alice.push(create(alice, cid, group_id=None))[0]["status"] == "applied"  # open to every account
    for_someone_else = tina.push(approval(tina, cid, approver_id=alice.person_id))[0]
    assert for_someone_else["status"] == "rejected" and "as themselves" in for_someone_else["reason"]
    outsider = bob.push(approval(bob, cid))[0]
    assert outsider["status"] == "rejected" and "Only members of A" in outsider["reason"]
    assert alice.push(approval(alice, cid))[0]["status"] == "applied"
    assert [a["approver_id"] for a in rows_of(alice, "cab_approval").values() if a["change_id"] == cid] == \
        [alice.person_id]


def test_a_change_closes_only_with_outcome_and_notes(clients):
    from tests.server.test_changes_api import create, update

    alice = clients("alice")
    cid = new_id()
    alice.push(create(alice, cid, change_type="emergency", planned_start="2031-01-01T10:00:00+00:00",
                      planned_end="2031-01-01T11:00:00+00:00"))
    for a, b in (("new", "authorize"), ("authorize", "scheduled"), ("scheduled", "implement"),
                 ("implement", "review")):
        assert alice.push(update(alice, cid, state=(a, b)))[0]["status"] == "applied", (a, b)
    no_notes = alice.push(update(alice, cid, state=("review", "closed"), outcome=(None, "successful")))[0]
    assert no_notes["status"] == "rejected" and "closure notes" in no_notes["reason"]
    done = alice.push(update(alice, cid, state=("review", "closed"), outcome=(None, "successful"),
                             close_notes=(None, "Patched; monitoring green.")))[0]
    assert done["status"] == "applied"
