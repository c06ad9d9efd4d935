"""Reference data: imported by the admin CLI, delivered to every user's pull, required by tickets."""

from __future__ import annotations

import json

from tests.server.wire import new_id


def test_imported_reference_data_reaches_every_user_and_is_checked(desk, clients, tmp_path):
    alice, bob = clients("alice"), clients("bob")
    _, cursor = bob.pull_all()
    hw, laptop, mail, mx, mx2, rel = new_id(), new_id(), new_id(), new_id(), new_id(), new_id()
    data = {"category": [{"id": hw, "name": "Hardware"}, {"id": laptop, "name": "Laptop", "parent_id": hw}],
            "service": [{"id": mail, "name": f"Mail {mail[:8]}"}],
            "configuration_item": [{"id": mx, "name": "mx1", "service_id": mail, "criticality": 1},
                                   {"id": mx2, "name": "mx2", "ci_class": "virtual_machine", "status": "maintenance"}],
            "ci_relation": [{"id": rel, "source_id": mx, "target_id": mx2, "type": "runs_on"}]}
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(data))
    assert desk.admin("reference", "import", str(path)) == \
        "2 category, 1 service, 2 configuration_item, 1 ci_relation"
    page = bob.pull(cursor)
    assert {r["id"] for r in page["rows"]["category"]} == {hw, laptop}
    assert sorted(r["criticality"] for r in page["rows"]["configuration_item"]) == [1, 3]
    assert [(r["source_id"], r["type"]) for r in page["rows"]["ci_relation"]] == [(mx, "runs_on")]
    tid = new_id()
    receipts = alice.push(alice.create(tid, category_id=laptop, service_id=mail, ci_id=mx),
                          alice.create(new_id(), category_id=new_id()))
    assert receipts[0]["status"] == "applied"
    assert receipts[1]["status"] == "rejected" and "category does not exist" in receipts[1]["reason"]
    assert alice.ticket(tid)["ci_id"] == mx
