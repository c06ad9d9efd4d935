"""The CMDB pushed by desks to a real server (SQLite and PostgreSQL): CIs, relations and classes reach every
user; the server checks them with the desk's rules and decides who may change what."""

from __future__ import annotations

from tests.server.wire import new_id


def _ci(client, cid, **row):
    return client.mutation("configuration_item", cid, "create", {"row": {"id": cid, **row}})


def _edit(client, cid, **fields):
    return client.mutation("configuration_item", cid, "update",
                           {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})


def _rel(client, rid, source, target, type_="depends_on"):
    return client.mutation("ci_relation", rid, "create",
                           {"row": {"id": rid, "source_id": source, "target_id": target, "type": type_}})


def _pulled(client, entity, row_id):
    found, op = None, None
    for page in client.pull_all()[0]:
        for row in page["rows"].get(entity, []):
            if row["id"] == row_id:
                found = row
        for change in page["changes"]:
            if change["entity_id"] == row_id:
                op = change["op"]
    return found, op


def test_cis_and_relations_reach_every_user(desk, clients):
    alice, bob = clients("alice"), clients("bob")
    app, db, rid = new_id(), new_id(), new_id()
    receipts = alice.push(_ci(alice, app, name=" Payroll app ", ci_class="application", site="Leeds",
                              attributes='{"vendor": "Acme"}'),
                          _ci(alice, db, name="payroll-db", ci_class="database", criticality=2),
                          _rel(alice, rid, app, db))
    assert [r["status"] for r in receipts] == ["applied"] * 3
    row, _ = _pulled(bob, "configuration_item", app)
    assert (row["name"], row["ci_class"], row["status"], row["site"], row["attributes"]) == \
        ("Payroll app", "application", "active", "Leeds", '{"vendor": "Acme"}')
    rel, _ = _pulled(bob, "ci_relation", rid)
    assert (rel["source_id"], rel["target_id"], rel["type"]) == (app, db, "depends_on")
    # the same triple again under another id is refused; a cycle is not
    again = bob.push(_rel(bob, new_id(), app, db), _rel(bob, new_id(), db, app))
    assert [r["status"] for r in again] == ["rejected", "applied"] and "already related" in again[0]["reason"]
    assert bob.push(bob.mutation("ci_relation", rid, "delete", {}))[0]["status"] == "applied"
    assert bob.push(bob.mutation("ci_relation", rid, "delete", {}))[0]["status"] == "applied"  # already gone
    assert _pulled(alice, "ci_relation", rid) == (None, "delete")


def test_who_may_change_what(desk, clients):
    alice, max_ = clients("alice"), clients("max")
    cid = new_id()
    refused = alice.push(_ci(alice, new_id(), name="Core switch", criticality=1),
                         _ci(alice, new_id(), name="x", ci_class="spaceship"),
                         _ci(alice, new_id(), name=""),
                         _ci(alice, new_id(), name="x", criticality=9),
                         _ci(alice, new_id(), name="x", owner_id=new_id()),
                         _rel(alice, new_id(), new_id(), new_id()),
                         alice.mutation("configuration_item", new_id(), "delete", {}),
                         alice.mutation("ci_class", "load_balancer", "create",
                                        {"row": {"id": "load_balancer", "label": "LB", "attributes": "[]"}}))
    assert [r["status"] for r in refused] == ["rejected"] * 8
    assert "mission critical" in refused[0]["reason"] and "class" in refused[1]["reason"]
    assert "name" in refused[2]["reason"] and "Criticality" in refused[3]["reason"]
    assert "owner" in refused[4]["reason"] and "exist" in refused[5]["reason"]
    assert "retired" in refused[6]["reason"] and "manager" in refused[7]["reason"]
    assert alice.push(_ci(alice, cid, name="web01"))[0]["status"] == "applied"
    assert alice.push(_edit(alice, cid, criticality=(3, 2)))[0]["status"] == "rejected"
    assert alice.push(_edit(alice, cid, status=("active", "retired")))[0]["status"] == "rejected"
    assert alice.push(_edit(alice, cid, site=(None, "York")))[0]["status"] == "applied"
    assert max_.push(_edit(max_, cid, criticality=(3, 1)))[0]["status"] == "applied"
    # A field changed on the server since the desk read it is refused, not overwritten.
    stale = alice.push(_edit(alice, cid, site=(None, "Hull")))
    assert stale[0]["status"] == "rejected" and "meanwhile" in stale[0]["reason"]
    made = max_.push(max_.mutation("ci_class", "load_balancer", "create", {"row": {
        "id": "load_balancer", "label": "Load balancer", "attributes": '[{"key": "vip", "label": "VIP"}]'}}))
    assert made[0]["status"] == "applied"
    assert alice.push(_ci(alice, new_id(), name="lb1", ci_class="load_balancer"))[0]["status"] == "applied"


def test_attributes_merge_key_by_key(desk, clients):
    alice, bob = clients("alice"), clients("bob")
    cid = new_id()
    alice.push(_ci(alice, cid, name="db9", ci_class="database", attributes='{"engine": "pg"}'))
    base = '{"engine": "pg"}'
    assert alice.push(_edit(alice, cid, attributes=(base, '{"engine": "pg", "port": "5432"}')))[0]["status"] == \
        "applied"
    assert bob.push(_edit(bob, cid, attributes=(base, '{"engine": "postgres"}')))[0]["status"] == "applied"
    row, _ = _pulled(alice, "configuration_item", cid)
    assert row["attributes"] == '{"engine": "postgres", "port": "5432"}'
    clash = alice.push(_edit(alice, cid, attributes=(base, '{"engine": "mysql"}')))
    assert clash[0]["status"] == "rejected" and "engine" in clash[0]["reason"]
