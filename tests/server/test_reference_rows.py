"""Services, categories, sites, groups and memberships pushed by desks: who may change what, and the checks."""

from __future__ import annotations

import json

import pytest

from tests.server.wire import new_id

HOURS = json.dumps({"tz": "Europe/London", "week": [[["08:00", "18:00"]]] * 5 + [[], []]})


def _create(client, entity, row_id, **row):
    return client.mutation(entity, row_id, "create", {"row": {"id": row_id, **row}})


def _edit(client, entity, row_id, **fields):
    return client.mutation(entity, row_id, "update",
                           {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})


def _member(client, group_id, person_id, op):
    return client.mutation("group_member", f"{group_id}:{person_id}", op,
                           {"row": {"group_id": group_id, "person_id": person_id}})


def _pulled(client, entity):
    rows: dict[str, dict] = {}
    members: set[str] = set()
    for page in client.pull_all()[0]:
        for row in page["rows"].get(entity, []) if entity != "group_member" else ():
            rows[row["id"]] = row
        for change in page["changes"]:
            if change["entity"] == "group_member":
                members.discard(change["entity_id"]) if change["op"] == "delete" else members.add(change["entity_id"])
    return members if entity == "group_member" else rows


@pytest.fixture
def admin(desk, clients):
    name = "ada" + new_id()[-8:]
    desk.add_user(name, "admin")
    return clients(name)


def test_managers_change_services_categories_and_sites_agents_may_not(desk, clients):
    alice, max_ = clients("alice"), clients("max")
    service, category, site = new_id(), new_id(), new_id()
    name = "Payroll " + service[-6:]
    refused = alice.push(_create(alice, "service", new_id(), name="Sneaky " + service[-6:]),
                         _create(alice, "category", new_id(), name="Sneaky"),
                         _create(alice, "site", new_id(), name="Sneaky " + site[-6:], timezone="Europe/Oslo"),
                         _create(alice, "group", new_id(), name="Sneaky " + site[-6:]))
    assert [r["status"] for r in refused] == ["rejected"] * 4
    assert "manager" in refused[0]["reason"] and "administrator" in refused[3]["reason"]
    # A new site with nothing but its name is anyone's (a caller's new site typed at the desk).
    assert alice.push(_create(alice, "site", site, name="Oslo " + site[-6:]))[0]["status"] == "applied"
    refused = alice.push(_edit(alice, "site", site, timezone=(None, "Europe/Oslo")))  # changing it is not
    assert refused[0]["status"] == "rejected" and "manager" in refused[0]["reason"]
    applied = max_.push(
        _create(max_, "service", service, name=name, owner_id=max_.person_id, criticality=1,
                sla_policy="Gold", hours=HOURS),
        _create(max_, "category", category, name="Payroll " + category[-6:]),
        _edit(max_, "site", site, timezone=(None, "europe/oslo"), address=(None, "Karl Johans gate 1\nOslo")))
    assert [r["status"] for r in applied] == ["applied"] * 3, applied
    pulled = _pulled(alice, "service")[service]
    assert (pulled["criticality"], pulled["sla_policy"], pulled["owner_id"], pulled["active"]) == \
        (1, "Gold", max_.person_id, True)
    assert json.loads(pulled["hours"])["tz"] == "Europe/London"
    assert _pulled(alice, "site")[site]["timezone"] == "Europe/Oslo"
    assert alice.push(_edit(alice, "service", service, criticality=(1, 4)))[0]["status"] == "rejected"


def test_bad_values_are_refused_in_words(desk, clients):
    max_ = clients("max")
    taken = "Taken " + new_id()[-8:]
    assert max_.push(_create(max_, "service", new_id(), name=taken))[0]["status"] == "applied"
    refused = max_.push(
        _create(max_, "service", new_id(), name=taken.upper()),
        _create(max_, "service", new_id(), name="X" + new_id()[-8:], criticality=9),
        _create(max_, "service", new_id(), name="Y" + new_id()[-8:], hours='{"tz": "Mars/Base", "week": []}'),
        _create(max_, "service", new_id(), name="Z" + new_id()[-8:], owner_id=new_id()),
        _create(max_, "site", new_id(), name="Nowhere " + new_id()[-8:], timezone="Atlantis/Capital"),
        _create(max_, "category", new_id(), name="<b>x</b>", parent_id=new_id()),
        _create(max_, "service", new_id(), name="W" + new_id()[-8:], colour="red"),
        max_.mutation("service", new_id(), "delete", {}))
    assert [r["status"] for r in refused] == ["rejected"] * 8
    reasons = [r["reason"] for r in refused]
    assert "already" in reasons[0] and "Criticality" in reasons[1] and "time zone" in reasons[2].lower()
    assert "owner" in reasons[3] and "time zone" in reasons[4] and "parent" in reasons[5]
    assert "Unknown" in reasons[6] and "never deleted" in reasons[7]


def test_a_category_never_moves_under_itself_and_a_stale_edit_is_refused(desk, clients):
    max_, other = clients("max"), clients("max")
    top, child = new_id(), new_id()
    assert [r["status"] for r in max_.push(_create(max_, "category", top, name="Top " + top[-6:]),
                                           _create(max_, "category", child, name="Child", parent_id=top))] == \
        ["applied", "applied"]
    refused = max_.push(_edit(max_, "category", top, parent_id=(None, child)))
    assert refused[0]["status"] == "rejected" and "itself" in refused[0]["reason"]
    assert max_.push(_edit(max_, "category", child, name=("Child", "Renamed")))[0]["status"] == "applied"
    stale = other.push(_edit(other, "category", child, name=("Child", "Mine")))
    assert stale[0]["status"] == "rejected" and "meanwhile" in stale[0]["reason"]
    retired = max_.push(_edit(max_, "category", child, active=(True, False)))
    assert retired[0]["status"] == "applied" and _pulled(other, "category")[child]["active"] is False


def test_renaming_a_site_renames_it_on_its_people(desk, clients):
    max_ = clients("max")
    site, person = new_id(), new_id()
    old, new = "Old " + site[-6:], "New " + site[-6:]
    assert [r["status"] for r in max_.push(
        _create(max_, "site", site, name=old),
        max_.mutation("person", person, "create", {"row": {"id": person, "name": "Sam Site", "site": old}}),
        _edit(max_, "site", site, name=(old, new)))] == ["applied"] * 3
    people = {}
    for page in max_.pull_all()[0]:
        for row in page["rows"].get("person", []):
            people[row["id"]] = row
    assert people[person]["site"] == new


def test_groups_and_members_are_an_administrators(desk, clients, admin):
    alice, max_ = clients("alice"), clients("max")
    group = new_id()
    name = "Night shift " + group[-6:]
    for client in (alice, max_):
        refused = client.push(_create(client, "group", new_id(), name="Not " + new_id()[-6:]),
                              _member(client, group, client.person_id, "create"))
        assert [r["status"] for r in refused] == ["rejected", "rejected"]
        assert all("administrator" in r["reason"] for r in refused)
    applied = admin.push(_create(admin, "group", group, name=name, description="Nights"),
                         _member(admin, group, alice.person_id, "create"),
                         _member(admin, group, max_.person_id, "create"))
    assert [r["status"] for r in applied] == ["applied"] * 3
    assert {f"{group}:{alice.person_id}", f"{group}:{max_.person_id}"} <= _pulled(max_, "group_member")
    requester = new_id()
    alice.push(alice.mutation("person", requester, "create", {"row": {"id": requester, "name": "Req Uester"}}))
    refused = admin.push(_member(admin, group, requester, "create"))
    assert refused[0]["status"] == "rejected" and "requester" in refused[0]["reason"]
    assert admin.push(_member(admin, group, max_.person_id, "delete"))[0]["status"] == "applied"
    members = _pulled(alice, "group_member")
    assert f"{group}:{alice.person_id}" in members and f"{group}:{max_.person_id}" not in members
    bad = admin.push(admin.mutation("group_member", f"{group}:{alice.person_id}", "create",
                                    {"row": {"group_id": group, "person_id": max_.person_id}}))
    assert bad[0]["status"] == "rejected" and "matching" in bad[0]["reason"]
