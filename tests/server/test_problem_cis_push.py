"""A problem's affected CIs through the team server (SQLite and PostgreSQL): the `ci_ids` field merged as a
set (two agents adding and removing meanwhile never conflict), sent with the problem's row, refused for
CIs the server lacks, for a ticket that is not a problem and for a malformed value."""

from __future__ import annotations

import json

import pytest

from tests.server.wire import new_id

CI_IDS = ("ci-prb-db", "ci-prb-web", "ci-prb-dns", "ci-prb-mail")


@pytest.fixture(scope="module")
def imported() -> set[str]:
    return set()


@pytest.fixture
def cis(desk, imported, tmp_path_factory):
    if desk.url not in imported:
        path = tmp_path_factory.mktemp("ref") / "cis.json"
        path.write_text(json.dumps({"configuration_item": [{"id": c, "name": c, "criticality": 3} for c in CI_IDS]}))
        desk.admin("reference", "import", str(path))
        imported.add(desk.url)
    return CI_IDS


def _problem(client):
    pid = new_id()
    assert client.push(client.create(pid, ticket_type="problem", title="Mail relay drops"))[0]["status"] == "applied"
    return pid


def test_two_agents_add_and_remove_cis_meanwhile_and_both_stand(clients, cis):
    alice, tina = clients("alice"), clients("tina")
    db, web, dns, mail = cis
    pid = _problem(alice)
    assert alice.push(alice.update(pid, ci_ids=("", f"{db},{web}")))[0]["status"] == "applied"
    assert alice.ticket(pid)["ci_ids"] == sorted([db, web])
    # Both start from {db, web}: Alice takes web off and adds dns, Tina adds mail and takes db off.
    first = alice.push(alice.update(pid, ci_ids=(f"{db},{web}", f"{db},{dns}")))[0]
    second = tina.push(tina.update(pid, ci_ids=(f"{db},{web}", f"{web},{mail}")))[0]
    assert (first["status"], second["status"]) == ("applied", "applied"), (first, second)
    assert tina.ticket(pid)["ci_ids"] == sorted([dns, mail])  # no conflict: the set merged


def test_a_set_edit_rides_with_other_fields_and_an_empty_set_is_sent(clients, cis):
    alice = clients("alice")
    pid = _problem(alice)
    assert alice.ticket(pid)["ci_ids"] == []
    receipt = alice.push(alice.update(pid, root_cause=(None, "Leak"), ci_ids=("", cis[0])))[0]
    assert receipt["status"] == "applied", receipt
    row = alice.ticket(pid)
    assert (row["root_cause"], row["ci_ids"]) == ("Leak", [cis[0]])
    assert alice.push(alice.update(pid, ci_ids=(cis[0], "")))[0]["status"] == "applied"
    assert alice.ticket(pid)["ci_ids"] == []


def test_unknown_ci_non_problem_closed_problem_and_bad_shapes_are_refused(clients, cis):
    alice = clients("alice")
    pid, inc = _problem(alice), new_id()
    alice.push(alice.create(inc, title="Mail bounces"))
    receipts = alice.push(alice.update(pid, ci_ids=("", "no-such-ci")),
                          alice.update(inc, ci_ids=("", cis[0])),
                          alice.update(pid, ci_ids=("", 42)),
                          alice.update(pid, ci_ids=("", ",".join(f"c{i}" for i in range(500)))))
    assert [r["status"] for r in receipts] == ["rejected"] * 4, receipts
    assert "does not exist" in receipts[0]["reason"] and "problem" in receipts[1]["reason"]
    assert "ci_ids" not in alice.ticket(inc) and alice.ticket(pid)["ci_ids"] == []
