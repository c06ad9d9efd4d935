"""Changes through the reference server alone: create with a server number, per-field merge and
conflict records, the change workflow, scope (everyone reads, the group writes), appends of CAB
approvals and links, and bad payloads refused per mutation (never a 5xx)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.server.wire import SyncClient, new_id, now_iso

CI_IDS = ("ci-chg-api-db", "ci-chg-api-web")


@pytest.fixture(scope="module")
def imported() -> set[str]:
    """The desks (by address) this module imported its CIs into."""
    return set()


@pytest.fixture
def cis(desk, imported, tmp_path_factory):
    """Two CIs imported as reference data, once per desk."""
    if desk.url not in imported:
        path = tmp_path_factory.mktemp("ref") / "cis.json"
        path.write_text(json.dumps({"configuration_item": [
            {"id": CI_IDS[0], "name": "Orders database", "criticality": 1},
            {"id": CI_IDS[1], "name": "Web shop", "criticality": 3}]}))
        desk.admin("reference", "import", str(path))
        imported.add(desk.url)
    return CI_IDS


def change_row(change_id: str, *, group_id: str | None, title: str = "Patch the database", number: Any = None,
               change_type: str = "normal", ci_ids: str = "", **extra: Any) -> dict[str, Any]:
    """A create row as app.changes.writes.create_change queues it (CREATE_COLUMNS plus ci_ids)."""
    row = {"id": change_id, "number": number, "title": title, "description": "", "change_type": change_type,
           "template_id": None, "state": "new", "risk": "low", "risk_proposed": "low", "risk_overridden": False,
           "risk_reason": None, "planned_start": None, "planned_end": None, "requester_id": None,
           "group_id": group_id, "assignee_id": None, "implementation_plan": "", "backout_plan": "",
           "test_plan": "", "created_at": now_iso(), "updated_at": now_iso(), "ci_ids": ci_ids}
    row.update(extra)
    return row


def create(client: SyncClient, change_id: str, **row: Any) -> dict[str, Any]:
    row.setdefault("group_id", client.group_ids[0] if client.group_ids else None)
    return client.mutation("change", change_id, "create", {"row": change_row(change_id, **row)})


def update(client: SyncClient, change_id: str, **fields: tuple[Any, Any]) -> dict[str, Any]:
    return client.mutation("change", change_id, "update",
                           {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})


def approval(client: SyncClient, change_id: str, decision: str = "approved", comment: str = "",
             approval_id: str | None = None, approver_id: str | None = None) -> dict[str, Any]:
    approval_id = approval_id or new_id()
    return client.mutation("cab_approval", approval_id, "append", {"row": {
        "id": approval_id, "change_id": change_id, "approver_id": approver_id or client.person_id,
        "decision": decision, "comment": comment, "decided_at": now_iso()}})


def link(client: SyncClient, change_id: str, ticket_id: str, kind: str = "caused_by") -> dict[str, Any]:
    link_id = new_id()
    return client.mutation("change_link", link_id, "append", {"row": {
        "id": link_id, "change_id": change_id, "ticket_id": ticket_id, "kind": kind, "created_at": now_iso()}})


def rows_of(client: SyncClient, entity: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for page in client.pull_all()[0]:
        for row in page["rows"].get(entity, []):
            out[row["id"]] = row
        for gone in page["tombstones"]:
            if gone["entity"] == entity:
                out.pop(gone["entity_id"], None)
    return out


def test_create_gives_a_number_and_everyone_reads_the_change_with_its_cis_approvals_and_links(clients, cis):
    alice, bob = clients("alice"), clients("bob")
    cid, tid = new_id(), new_id()
    receipts = alice.push(alice.create(tid, title="Orders fail"), create(alice, cid, ci_ids=",".join(cis)),
                          approval(alice, cid), link(alice, cid, tid))
    assert [r["status"] for r in receipts] == ["applied"] * 4, receipts
    number = receipts[1]["number"]
    assert number.startswith("CHG") and len(number) == 9
    seen = rows_of(bob, "change")[cid]  # bob is in another group: he still reads it
    assert seen["number"] == number and seen["ci_ids"] == sorted(cis) and seen["state"] == "new"
    assert [a["decision"] for a in rows_of(bob, "cab_approval").values() if a["change_id"] == cid] == ["approved"]
    assert [x["ticket_id"] for x in rows_of(alice, "change_link").values() if x["change_id"] == cid] == [tid]


def test_proposed_number_kept_when_free_else_renumbered(clients):
    alice, tina = clients("alice"), clients("tina")
    number = "CHG" + str(int(new_id().replace("-", "")[:6], 16) % 900_000 + 100_000)
    first = alice.push(create(alice, new_id(), number=number))[0]
    second = tina.push(create(tina, new_id(), number=number))[0]
    assert first["number"] == number
    assert second["status"] == "applied" and second["number"] != number and second["number"].startswith("CHG")


def test_different_fields_merge_and_the_same_field_becomes_a_conflict_record(clients, cis):
    alice, tina = clients("alice"), clients("tina")
    cid = new_id()
    alice.push(create(alice, cid, title="Upgrade web shop", ci_ids=cis[1]))
    assert alice.push(update(alice, cid, title=("Upgrade web shop", "Upgrade web shop to 5.2")))[0]["status"] \
        == "applied"
    # tina edits from the old base: another field merges, CIs too
    got = tina.push(update(tina, cid, backout_plan=("", "Restore the snapshot"), ci_ids=(cis[1], ",".join(cis))))
    assert got[0]["status"] == "applied"
    row = rows_of(tina, "change")[cid]
    assert row["title"] == "Upgrade web shop to 5.2" and row["backout_plan"] == "Restore the snapshot"
    assert row["ci_ids"] == sorted(cis)
    # the same field from the old base: the server value stays and tina gets a conflict record
    got = tina.push(update(tina, cid, title=("Upgrade web shop", "Web shop 5.2")))[0]
    assert got["status"] == "conflict"
    assert got["conflicts"] == [{"field": "title", "base": "Upgrade web shop", "theirs": "Upgrade web shop to 5.2",
                                 "mine": "Web shop 5.2", "reason": None}]
    assert rows_of(tina, "change")[cid]["title"] == "Upgrade web shop to 5.2"
    records = [c for p in tina.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == cid]
    assert [(c["entity"], c["field"], c["status"]) for c in records] == [("change", "title", "open")]
    assert not [c for p in alice.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == cid]
    # tina writes her value again on top of the server's: that settles her record
    assert tina.push(update(tina, cid, title=("Upgrade web shop to 5.2", "Web shop 5.2")))[0]["status"] == "applied"
    records = {c["id"]: c for p in tina.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == cid}
    assert [c["status"] for c in records.values()] == ["settled"]


def test_times_in_any_spelling_of_the_same_instant_are_the_same_base(clients):
    alice = clients("alice")
    cid = new_id()
    alice.push(create(alice, cid, planned_start="2030-01-10T08:00:00+00:00", planned_end="2030-01-10T10:00:00+00:00"))
    got = alice.push(update(alice, cid, planned_start=("2030-01-10T09:00:00+01:00", "2030-01-10T07:00:00+00:00")))
    assert got[0]["status"] == "applied"
    assert rows_of(alice, "change")[cid]["planned_start"].startswith("2030-01-10T07:00:00")


def test_state_moves_follow_the_change_workflow(clients):
    alice, tina = clients("alice"), clients("tina")
    cid = new_id()
    alice.push(create(alice, cid))
    skipped = alice.push(update(alice, cid, state=("new", "scheduled")))[0]
    assert skipped["status"] == "rejected" and "cannot move from New to Scheduled" in skipped["reason"]
    assert alice.push(update(alice, cid, state=("new", "assess")))[0]["status"] == "applied"
    assert alice.push(update(alice, cid, state=("assess", "authorize")))[0]["status"] == "applied"
    times = {"planned_start": (None, "2030-02-01T08:00:00+00:00"), "planned_end": (None, "2030-02-01T09:00:00+00:00")}
    assert alice.push(update(alice, cid, **times))[0]["status"] == "applied"
    no_cab = alice.push(update(alice, cid, state=("authorize", "scheduled")))[0]
    assert no_cab["status"] == "rejected" and "CAB approval" in no_cab["reason"]
    alice.push(approval(alice, cid))
    assert alice.push(update(alice, cid, state=("authorize", "scheduled")))[0]["status"] == "applied"
    # tina, still seeing Authorize, cancels: both moved it; Scheduled -> Canceled is allowed, so hers stands
    assert tina.push(update(tina, cid, state=("authorize", "canceled")))[0]["status"] == "merged"
    closed = alice.push(update(alice, cid, title=("Patch the database", "Patch it later")))[0]
    assert closed["status"] == "rejected" and "canceled on the server" in closed["reason"]
    assert rows_of(alice, "change")[cid]["state"] == "canceled"


def test_a_contested_move_the_workflow_refuses_is_a_conflict(clients):
    alice, tina = clients("alice"), clients("tina")
    cid = new_id()
    alice.push(create(alice, cid), update(alice, cid, state=("new", "canceled")))
    got = tina.push(update(tina, cid, state=("new", "assess"), actual_start=(None, now_iso())))[0]
    assert got["status"] == "conflict" and got["conflicts"][0]["field"] == "state"
    assert "Canceled" in got["conflicts"][0]["reason"]
    row = rows_of(tina, "change")[cid]
    assert row["state"] == "canceled" and row["actual_start"] is None  # the move's stamp went with it


def test_only_the_group_its_assignee_and_managers_write_but_everyone_reads(clients, desk):
    alice, bob, manager = clients("alice"), clients("bob"), clients("max")
    cid = new_id()
    alice.push(create(alice, cid))
    refused = bob.push(update(bob, cid, title=("Patch the database", "Mine now")), approval(bob, cid))
    assert [r["status"] for r in refused] == ["rejected", "rejected"]
    assert all("Not in your scope" in r["reason"] for r in refused)
    assert rows_of(bob, "change")[cid]["title"] == "Patch the database"
    assert manager.push(update(manager, cid, assignee_id=(None, bob.person_id),
                               group_id=(alice.group_ids[0], bob.group_ids[0])))[0]["status"] == "applied"
    assert bob.push(update(bob, cid, title=("Patch the database", "Bob's now")))[0]["status"] == "applied"
    assert alice.push(update(alice, cid, title=("Bob's now", "Back")))[0]["status"] == "rejected"


def test_a_retried_push_applies_once(clients):
    alice = clients("alice")
    cid, tid = new_id(), new_id()
    batch = [create(alice, cid), approval(alice, cid), update(alice, cid, description=("", "Why"))]
    alice.push(alice.create(tid))
    first = alice.push(*batch)
    _, cursor = alice.pull_all()
    assert alice.push(*batch) == first
    assert alice.pull(cursor)["changes"] == []
    assert len([a for a in rows_of(alice, "cab_approval").values() if a["change_id"] == cid]) == 1


def test_a_link_is_removed_with_a_tombstone_and_twice_is_harmless(clients):
    alice = clients("alice")
    cid, tid = new_id(), new_id()
    m = link(alice, cid, tid)
    alice.push(alice.create(tid), create(alice, cid), m)
    assert m["entity_id"] in rows_of(alice, "change_link")
    for _ in range(2):
        got = alice.push(alice.mutation("change_link", m["entity_id"], "delete", {"id": m["entity_id"]}))[0]
        assert got["status"] == "applied"
    assert m["entity_id"] not in rows_of(alice, "change_link")
    again = alice.push(link(alice, cid, tid), link(alice, cid, tid))
    assert [r["status"] for r in again] == ["applied", "rejected"] and "already linked" in again[1]["reason"]


def _bad(client: SyncClient, cid: str, tid: str, rid: str) -> list[tuple[dict[str, Any], str]]:
    base = change_row(rid, group_id=client.group_ids[0])
    def row(**changes):  # noqa: E306
        return client.mutation("change", rid, "create", {"row": {**base, **changes}})
    return [
        (row(change_type="risky"), "standard, normal or emergency"),
        (row(title="  "), "Title is required"),
        (row(title=42), "Title must be text"),
        (row(state="implement"), "created in New"),
        (row(planned_start="next tuesday"), "ISO-8601"),
        (row(planned_start="2030-01-01T10:00:00+00:00", planned_end="2030-01-01T09:00:00+00:00"), "end must be after"),
        (row(ci_ids="no-such-ci"), "do not exist"),
        (row(risk="extreme"), "not an allowed value"),
        (row(risk_overridden="yes"), "true or false"),
        (row(group_id="no-such-group"), "does not exist"),
        (row(template_id="tpl-1"), "Only standard changes"),
        (client.mutation("change", rid, "create", {"row": {**base, "colour": "red"}}), "Unknown change column"),
        (client.mutation("change", cid, "update", {"fields": {"number": {"base": None, "new": "CHG1"}}}), "read-only"),
        (client.mutation("change", cid, "update", {"fields": {"title": {"new": "x"}}}), "exactly"),
        (client.mutation("change", cid, "update", {"fields": []}), "carries"),
        (client.mutation("change", cid, "update", {"fields": {"state": {"base": "new", "new": "flying"}}}),
         "not an allowed value"),
        (client.mutation("change", cid, "update", {"fields": {"outcome": {"base": None, "new": 3}}}),
         "not an allowed value"),
        (client.mutation("change", "no-such-change", "update", {"fields": {"title": {"base": "a", "new": "b"}}}),
         "Unknown change"),
        (client.mutation("change", cid, "delete", {}), "cancel it instead"),
        (client.mutation("cab_approval", rid, "update", {"fields": {}}), "only ever appended"),
        (approval(client, cid, decision="maybe"), "not an allowed value"),
        (approval(client, cid, decision="rejected"), "comment is required"),
        (approval(client, cid, approver_id="nobody"), "does not exist"),
        (approval(client, "no-such-change"), "Unknown change"),
        (link(client, cid, "no-such-ticket"), "does not exist on the server"),
        (link(client, cid, tid, kind="blocks"), "not an allowed value"),
        (client.mutation("change_link", rid, "delete", {"id": rid}), "Unknown change link"),
    ]


def test_bad_payloads_are_rejected_one_by_one_never_a_server_error(clients):
    alice = clients("alice")
    cid, tid = new_id(), new_id()
    alice.push(create(alice, cid), alice.create(tid))
    cases = _bad(alice, cid, tid, new_id())
    for mutation, words in cases:
        receipt = alice.push(mutation)[0]
        assert receipt["status"] == "rejected" and words in receipt["reason"], (mutation, receipt)
    assert alice.push(approval(alice, cid))[0]["status"] == "applied"  # the client is not stuck


def test_malformed_change_mutations_are_4xx(clients):
    alice = clients("alice")
    bad = alice.mutation("change", new_id(), "create", {"row": {}})
    for mutation in ({**bad, "entity": "changes"}, {**bad, "op": "upsert"}, {**bad, "payload": "text"}):
        assert alice.push_raw([mutation]).status_code == 422
