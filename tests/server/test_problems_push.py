"""Problem management through the team server (SQLite and PostgreSQL): problem fields and incident links
are validated with the shared rules, known_error_at is the server's, and edits merge field by field."""

from __future__ import annotations

from tests.server.wire import new_id


def _problem(client, **row):
    pid = new_id()
    assert client.push(client.create(pid, ticket_type="problem", title="Mail relay drops", **row))[0]["status"] \
        == "applied"
    return pid


def test_problem_fields_and_known_error_date_are_set_by_the_server(clients):
    alice = clients("alice")
    pid = _problem(alice)
    receipt = alice.push(alice.update(pid, root_cause=(None, "Handle leak"), cause_code=(None, "software_defect"),
                                      workaround=(None, "Restart relay"), known_error=(False, True),
                                      known_error_at=(None, "1999-01-01T00:00:00+00:00")))[0]
    assert receipt["status"] == "applied", receipt
    row = alice.ticket(pid)
    assert (row["root_cause"], row["cause_code"], row["workaround"], row["known_error"]) == \
        ("Handle leak", "software_defect", "Restart relay", True)
    assert row["known_error_at"] and not row["known_error_at"].startswith("1999")  # derived here, not taken


def test_known_error_without_workaround_and_unknown_cause_code_are_refused(clients):
    alice = clients("alice")
    pid = _problem(alice)
    refused = alice.push(alice.update(pid, known_error=(False, True)),
                         alice.update(pid, cause_code=(None, "gremlins")))
    assert [r["status"] for r in refused] == ["rejected", "rejected"]
    assert "workaround" in refused[0]["reason"] and "cause code" in refused[1]["reason"].lower()


def test_incident_links_to_a_problem_only(clients):
    alice = clients("alice")
    pid, other, inc = _problem(alice), new_id(), new_id()
    alice.push(alice.create(other, title="Another incident"), alice.create(inc, title="Mail bounces"))
    receipts = alice.push(alice.update(inc, problem_id=(None, other)),
                          alice.update(inc, problem_id=(None, new_id())),
                          alice.update(pid, problem_id=(None, pid)),
                          alice.update(inc, workaround=(None, "x")),
                          alice.update(inc, problem_id=(None, pid)))
    assert [r["status"] for r in receipts] == ["rejected", "rejected", "rejected", "rejected", "applied"], receipts
    assert "problem" in receipts[0]["reason"] and "does not exist" in receipts[1]["reason"]
    assert alice.ticket(inc)["problem_id"] == pid


def test_two_agents_edit_a_problem_fields_merge_or_conflict(clients):
    alice, tina = clients("alice"), clients("tina")
    pid = _problem(alice)
    assert alice.push(alice.update(pid, workaround=(None, "Restart relay")))[0]["status"] == "applied"
    merged = tina.push(tina.update(pid, root_cause=(None, "Handle leak")))[0]
    assert merged["status"] == "applied"
    contested = tina.push(tina.update(pid, workaround=(None, "Reboot the host")))[0]
    assert contested["status"] == "conflict", contested
    row = alice.ticket(pid)
    assert (row["workaround"], row["root_cause"]) == ("Restart relay", "Handle leak")


def test_major_incident_children_and_communication_entries(clients):
    alice = clients("alice")
    major, child, wid = new_id(), new_id(), new_id()
    alice.push(alice.create(major, title="Site down"), alice.create(child, title="Intranet down"))
    refused = alice.push(alice.update(child, major_id=(None, major)))[0]
    assert refused["status"] == "rejected" and "major incident" in refused["reason"]
    entry = alice.worklog(major, wid, "Status page: investigating")
    entry["payload"]["row"]["kind"] = "comms"
    receipts = alice.push(alice.update(major, is_major=(False, True)), alice.update(child, major_id=(None, major)),
                          entry)
    assert [r["status"] for r in receipts] == ["applied", "applied", "applied"], receipts
    assert alice.ticket(child)["major_id"] == major
    entries = [w for p in alice.pull_all()[0] for w in p["rows"].get("worklog_entry", []) if w["id"] == wid]
    assert entries[0]["kind"] == "comms"
