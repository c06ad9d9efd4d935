"""Push receipts, idempotent retries and the per-field three-way merge between two clients."""

from __future__ import annotations

from tests.server.wire import new_id


def test_create_update_append_receipts(clients):
    alice = clients("alice")
    tid, wid = new_id(), new_id()
    receipts = alice.push(alice.create(tid, title="VPN down"),
                          alice.update(tid, title=("VPN down", "VPN down for Sales"), impact=(3, 1), priority=(5, 3)),
                          alice.worklog(tid, wid, "Rebooted the concentrator"))
    assert [r["status"] for r in receipts] == ["applied", "applied", "applied"]
    assert receipts[0]["number"].startswith("INC") and len(receipts[0]["number"]) == 10
    row = alice.ticket(tid)
    assert row["title"] == "VPN down for Sales" and row["impact"] == 1 and row["priority"] == 3
    assert not row["priority_overridden"]
    entries = [w for p in alice.pull_all()[0] for w in p["rows"].get("worklog_entry", []) if w["id"] == wid]
    assert entries and entries[0]["author_id"] == alice.person_id  # the server knows who wrote it


def test_proposed_number_kept_when_free_else_renumbered(clients):
    alice, tina = clients("alice"), clients("tina")
    number = "REQ" + str(int(new_id().replace("-", "")[:6], 16) % 9_000_000 + 1_000_000)
    first = alice.push(alice.create(new_id(), ticket_type="service_request", number=number))[0]
    second = tina.push(tina.create(new_id(), ticket_type="service_request", number=number))[0]
    assert first["number"] == number
    assert second["status"] == "applied" and second["number"] != number and second["number"].startswith("REQ")


def test_same_push_twice_returns_same_receipts_and_applies_once(clients):
    alice = clients("alice")
    tid, wid = new_id(), new_id()
    batch = [alice.create(tid), alice.worklog(tid, wid), alice.update(tid, urgency=(3, 2))]
    first = alice.push(*batch)
    _, cursor = alice.pull_all()
    again = alice.push(*batch)  # the reply was "lost": the client sends the same outbox rows again
    assert again == first
    page = alice.pull(cursor)
    assert page["changes"] == []  # nothing new was applied
    entries = [w for p in alice.pull_all()[0] for w in p["rows"].get("worklog_entry", []) if w["ticket_id"] == tid]
    assert len({w["id"] for w in entries}) == 1


def test_seq_reused_for_another_mutation_is_rejected(clients):
    alice = clients("alice")
    tid = new_id()
    m = alice.create(tid)
    alice.push(m)
    impostor = dict(alice.update(tid, title=("Printer jams", "x")), seq=m["seq"])
    receipt = alice.push(impostor)[0]
    assert receipt["status"] == "rejected" and "already used" in receipt["reason"]


def test_different_fields_merge_silently(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid, title="Mail slow"))
    assert alice.push(alice.update(tid, title=("Mail slow", "Mail slow in Berlin")))[0]["status"] == "applied"
    receipt = tina.push(tina.update(tid, urgency=(3, 1), description=("", "Since 9:00")))[0]
    assert receipt["status"] == "applied"
    row = alice.ticket(tid)
    assert (row["title"], row["urgency"], row["description"]) == ("Mail slow in Berlin", 1, "Since 9:00")


def test_same_field_different_values_is_a_conflict(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid, title="Disk full"))
    alice.push(alice.update(tid, title=("Disk full", "Disk full on fs01")))
    receipt = tina.push(tina.update(tid, title=("Disk full", "Disk full on fs02"), impact=(3, 2)))[0]
    assert receipt["status"] == "conflict"
    assert receipt["conflicts"] == [{"field": "title", "base": "Disk full", "theirs": "Disk full on fs01",
                                     "mine": "Disk full on fs02", "reason": None}]
    row = tina.ticket(tid)
    assert row["title"] == "Disk full on fs01" and row["impact"] == 2  # server value kept, the rest applied
    conflicts = [c for p in tina.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == tid]
    assert [(c["field"], c["base"], c["theirs"], c["mine"], c["status"]) for c in conflicts] == [
        ("title", "Disk full", "Disk full on fs01", "Disk full on fs02", "open")]
    assert not [c for p in alice.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == tid]
    # Tina settles it by editing on top of the server value: the conflict closes.
    tina.push(tina.update(tid, title=("Disk full on fs01", "Disk full on fs01 and fs02")))
    latest = {c["id"]: c for p in tina.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == tid}
    assert [c["status"] for c in latest.values()] == ["settled"]


def test_same_value_on_both_sides_is_nothing(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid))
    alice.push(alice.update(tid, urgency=(3, 1)))
    assert tina.push(tina.update(tid, urgency=(3, 1)))[0]["status"] == "applied"
    assert tina.ticket(tid)["urgency"] == 1


def test_long_text_merges_by_lines_when_edits_do_not_overlap(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    base = "Steps:\n1. open Outlook\n2. send mail\n3. see error"
    alice.push(alice.create(tid, description=base))
    alice.push(alice.update(tid, description=(base, base.replace("open Outlook", "open Outlook 2021"))))
    receipt = tina.push(tina.update(tid, description=(base, base.replace("see error", "see error 0x800CCC0E"))))[0]
    assert receipt["status"] == "merged"
    assert tina.ticket(tid)["description"] == "Steps:\n1. open Outlook 2021\n2. send mail\n3. see error 0x800CCC0E"
    overlap = tina.push(tina.update(tid, description=(base, "completely rewritten")))[0]
    assert overlap["status"] == "conflict" and overlap["conflicts"][0]["field"] == "description"


def test_worklog_from_both_clients_kept_once_each(clients):
    alice, tina = clients("alice"), clients("tina")
    tid, w1, w2 = new_id(), new_id(), new_id()
    alice.push(alice.create(tid))
    m1, m2 = alice.worklog(tid, w1, "from alice"), tina.worklog(tid, w2, "from tina")
    assert alice.push(m1)[0]["status"] == "applied"
    assert tina.push(m2)[0]["status"] == "applied"
    alice.push(m1)  # a retry
    # The same entry arriving in a new mutation (e.g. a re-queued outbox row) is deduplicated by id.
    assert tina.push(tina.mutation("worklog_entry", w2, "append", m2["payload"]))[0]["status"] == "applied"
    rows = [w for p in alice.pull_all()[0] for w in p["rows"].get("worklog_entry", []) if w["ticket_id"] == tid]
    assert sorted(w["body"] for w in {w["id"]: w for w in rows}.values()) == ["from alice", "from tina"]


def test_state_move_not_allowed_is_reported(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid))
    # A move the workflow forbids outright is rejected with the workflow's reason.
    bad = alice.push(alice.update(tid, state=("new", "closed")))[0]
    assert bad["status"] == "rejected" and "cannot move from New to Closed" in bad["reason"]
    # Both move it: alice cancels, tina (offline, from New) starts work. From Canceled nothing is allowed.
    assert alice.push(alice.update(tid, state=("new", "canceled")))[0]["status"] == "applied"
    receipt = tina.push(tina.update(tid, state=("new", "in_progress")))[0]
    assert receipt["status"] == "conflict"
    assert receipt["conflicts"][0]["field"] == "state" and receipt["conflicts"][0]["theirs"] == "canceled"
    assert "cannot move from Canceled" in receipt["reason"]
    row = tina.ticket(tid)
    assert row["state"] == "canceled" and row["is_open"] is False


def test_concurrent_moves_that_the_workflow_allows_merge(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid))
    alice.push(alice.update(tid, state=("new", "in_progress")))
    receipt = tina.push(tina.update(tid, state=("new", "resolved"), resolution_code=(None, "user_error"),
                                    resolution_notes=(None, "Caps lock")))[0]
    assert receipt["status"] == "merged"
    row = alice.ticket(tid)
    assert row["state"] == "resolved" and row["resolved_at"] and row["resolution_code"] == "user_error"


def test_update_of_unknown_ticket_and_bad_values_are_rejected(clients):
    alice = clients("alice")
    tid = new_id()
    alice.push(alice.create(tid))
    receipts = alice.push(alice.update(new_id(), title=("a", "b")), alice.update(tid, impact=(3, 9)),
                          alice.update(tid, no_such_field=(1, 2)), alice.update(tid, title=("Printer jams", "")))
    assert [r["status"] for r in receipts] == ["rejected"] * 4
    assert "Unknown ticket" in receipts[0]["reason"] and "Unknown" in receipts[2]["reason"]


def test_a_contested_urgency_is_one_conflict_and_priority_follows_the_kept_values(clients):
    from core.tickets.priority import compute_priority

    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid, title="Printer offline"))  # impact 3, urgency 3, priority 5, derived
    p_alice, p_tina = compute_priority(3, 1), compute_priority(3, 2)
    assert alice.push(alice.update(tid, urgency=(3, 1), priority=(5, p_alice)))[0]["status"] == "applied"
    receipt = tina.push(tina.update(tid, urgency=(3, 2), priority=(5, p_tina)))[0]
    assert receipt["status"] == "conflict"
    assert [c["field"] for c in receipt["conflicts"]] == ["urgency"]  # no second entry for the derived priority
    conflicts = [c for p in tina.pull_all()[0] for c in p["conflicts"] if c["ticket_id"] == tid]
    assert [c["field"] for c in conflicts] == ["urgency"]
    row = tina.ticket(tid)
    assert (row["urgency"], row["priority"], row["priority_overridden"]) == (1, p_alice, False)


def test_impact_and_urgency_edited_apart_derive_priority_from_both(clients):
    from core.tickets.priority import compute_priority

    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid, title="Scanner slow"))
    alice.push(alice.update(tid, impact=(3, 1), priority=(5, compute_priority(1, 3))))
    receipt = tina.push(tina.update(tid, urgency=(3, 1), priority=(5, compute_priority(3, 1))))[0]
    assert receipt["status"] == "applied", receipt
    row = alice.ticket(tid)
    assert (row["impact"], row["urgency"], row["priority"]) == (1, 1, compute_priority(1, 1))
    assert not row["priority_overridden"]


def test_an_explicit_priority_against_an_explicit_priority_still_conflicts(clients):
    alice, tina = clients("alice"), clients("tina")
    tid = new_id()
    alice.push(alice.create(tid, title="Badge reader"))
    alice.push(alice.update(tid, priority=(5, 2), priority_overridden=(False, True)))
    receipt = tina.push(tina.update(tid, urgency=(3, 2), priority=(5, 1), priority_overridden=(False, True)))[0]
    assert receipt["status"] == "conflict" and [c["field"] for c in receipt["conflicts"]] == ["priority"]
