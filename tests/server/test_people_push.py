"""People pushed by desks: a new caller reaches every user; the server decides who may change what."""

from __future__ import annotations

from tests.server.wire import new_id


def _person(client, pid, **row):
    return client.mutation("person", pid, "create", {"row": {"id": pid, **row}})


def _edit(client, pid, **fields):
    return client.mutation("person", pid, "update",
                           {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})


def _pulled_person(client, pid):
    found = None
    for page in client.pull_all()[0]:
        for row in page["rows"].get("person", []):
            if row["id"] == pid:
                found = row
    return found


def test_a_new_caller_reaches_every_user(desk, clients):
    alice, bob = clients("alice"), clients("bob")
    pid = new_id()
    email = f"caller-{pid[-12:]}@example.com"
    receipts = alice.push(_person(alice, pid, name="  New  Caller ", email=email.upper(), phone="+44 20 7946 0123",
                                  site="London", department="Finance", language="en"))
    assert receipts[0]["status"] == "applied"
    row = _pulled_person(bob, pid)
    assert row is not None
    assert (row["name"], row["email"], row["phone"], row["site"], row["vip"], row["is_agent"], row["active"]) == \
        ("New Caller", email, "+44 20 7946 0123", "London", False, False, True)
    # Another desk cannot create a second person under the same id.
    again = bob.push(_person(bob, pid, name="Other"))
    assert again[0]["status"] == "rejected" and "already exists" in again[0]["reason"]


def test_who_may_change_what(desk, clients):
    alice, max_ = clients("alice"), clients("max")
    pid = new_id()
    refused = alice.push(_person(alice, new_id(), name="Boss", vip=True),
                         _person(alice, new_id(), name="Agent", is_agent=True),
                         _person(alice, new_id(), name="Bad", email="not an address"),
                         _person(alice, new_id(), name=""),
                         alice.mutation("person", new_id(), "delete", {}))
    assert [r["status"] for r in refused] == ["rejected"] * 5
    assert "manager" in refused[0]["reason"] and "administrator" in refused[1]["reason"]
    assert "e-mail" in refused[2]["reason"] and "name" in refused[3]["reason"]
    assert "never deleted" in refused[4]["reason"]
    assert alice.push(_person(alice, pid, name="Vic Tim"))[0]["status"] == "applied"
    assert alice.push(_edit(alice, pid, vip=(False, True)))[0]["status"] == "rejected"
    assert alice.push(_edit(alice, pid, is_agent=(False, True)))[0]["status"] == "rejected"
    assert alice.push(_edit(alice, pid, phone=(None, "555 0100")))[0]["status"] == "applied"
    assert max_.push(_edit(max_, pid, vip=(False, True)))[0]["status"] == "applied"
    # Agents' rows are for managers: alice may not deactivate max.
    refused = alice.push(_edit(alice, max_.person_id, active=(True, False)))
    assert refused[0]["status"] == "rejected"
    row = _pulled_person(alice, pid)
    assert row["vip"] is True and row["phone"] == "555 0100"


def test_a_stale_edit_is_refused_not_overwritten(desk, clients):
    alice, tina = clients("alice"), clients("tina")
    pid = new_id()
    assert alice.push(_person(alice, pid, name="Pat", site="Paris"))[0]["status"] == "applied"
    assert tina.push(_edit(tina, pid, site=("Paris", "Berlin")))[0]["status"] == "applied"
    late = alice.push(_edit(alice, pid, site=("Paris", "Rome")))
    assert late[0]["status"] == "rejected" and "meanwhile" in late[0]["reason"]
    same = alice.push(_edit(alice, pid, site=("Paris", "Berlin")))  # both to the same value: nothing to refuse
    assert same[0]["status"] == "applied"
    assert _pulled_person(alice, pid)["site"] == "Berlin"


def test_a_taken_address_is_refused(desk, clients):
    alice = clients("alice")
    email = f"dup-{new_id()[-12:]}@example.com"
    assert alice.push(_person(alice, new_id(), name="One", email=email))[0]["status"] == "applied"
    refused = alice.push(_person(alice, new_id(), name="Two", email=email.upper()))
    assert refused[0]["status"] == "rejected" and "already has" in refused[0]["reason"]
