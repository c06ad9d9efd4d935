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


def _csat(client, tid, base, score, source="survey"):
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
