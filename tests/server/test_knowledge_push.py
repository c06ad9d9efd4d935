"""Knowledge articles through a real server: numbered, pulled by every user, merged per field; who may publish is
a role; versions, uses and flags appended once and counted."""

from __future__ import annotations

from tests.server.wire import new_id


def _create(client, aid, **row):
    base = {"id": aid, "number": None, "title": "VPN client does not connect", "body": "1. Quit\n2. Start",
            "keywords": "vpn", "category_id": None, "audience": "agents", "confidence": "wip",
            "owner_id": client.person_id, "review_date": "2027-06-01", "version": 1,
            "created_at": None, "created_by": client.person_id, "service_ids": "", "ci_ids": ""}
    return client.mutation("article", aid, "create", {"row": {**base, **row}})


def _edit(client, aid, **fields):
    return client.mutation("article", aid, "update",
                           {"fields": {f: {"base": b, "new": n} for f, (b, n) in fields.items()}})


def _append(client, entity, row):
    rid = new_id()
    return client.mutation(entity, rid, "append", {"row": {"id": rid, **row}})


def _pulled(client, entity, rid):
    found = None
    for page in client.pull_all()[0]:
        for row in page["rows"].get(entity, []):
            if row["id"] == rid:
                found = row
    return found


def test_an_article_is_numbered_and_reaches_every_user(desk, clients):
    alice, bob = clients("alice"), clients("bob")
    aid = new_id()
    receipt = alice.push(_create(alice, aid))[0]
    assert receipt["status"] == "applied" and receipt["number"].startswith("KB")
    row = _pulled(bob, "article", aid)
    assert row["number"] == receipt["number"] and row["confidence"] == "wip" and row["service_ids"] == []
    assert bob.push(_create(bob, aid))[0]["status"] == "rejected"  # the same id twice


def test_only_a_publisher_validates(desk, clients):
    alice, pia, max_ = clients("alice"), clients("pia"), clients("max")
    aid = new_id()
    assert alice.push(_create(alice, aid, confidence="not_validated"))[0]["status"] == "applied"
    refused = alice.push(_edit(alice, aid, confidence=("not_validated", "validated")))[0]
    assert refused["status"] == "rejected" and "Only a publisher" in refused["reason"]
    assert alice.push(_create(alice, new_id(), confidence="validated"))[0]["status"] == "rejected"
    assert pia.push(_edit(pia, aid, confidence=("not_validated", "validated")))[0]["status"] == "applied"
    # Validated: an agent may not change its text, a manager may; an agent may demote it.
    refused = alice.push(_edit(alice, aid, body=("1. Quit\n2. Start", "changed"), version=(1, 2)))[0]
    assert refused["status"] == "rejected" and "only a publisher changes" in refused["reason"]
    assert alice.push(_edit(alice, aid, keywords=("vpn", "vpn, anyconnect")))[0]["status"] == "applied"
    assert max_.push(_edit(max_, aid, title=("VPN client does not connect", "VPN: reconnect"),
                           version=(1, 2)))[0]["status"] == "applied"
    assert alice.push(_edit(alice, aid, confidence=("validated", "not_validated")))[0]["status"] == "applied"
    row = _pulled(alice, "article", aid)
    assert (row["confidence"], row["title"], row["keywords"], row["version"]) == \
        ("not_validated", "VPN: reconnect", "vpn, anyconnect", 2)


def test_the_kcs_workflow_is_checked(desk, clients):
    max_ = clients("max")
    aid = new_id()
    max_.push(_create(max_, aid))
    refused = max_.push(_edit(max_, aid, confidence=("wip", "validated")))[0]
    assert refused["status"] == "rejected" and "cannot move" in refused["reason"]
    assert max_.push(_edit(max_, aid, confidence=("wip", "published")))[0]["status"] == "rejected"


def test_same_field_edits_conflict_other_fields_merge(desk, clients):
    alice, tina = clients("alice"), clients("tina")
    aid = new_id()
    alice.push(_create(alice, aid))
    assert tina.push(_edit(tina, aid, keywords=("vpn", "tunnel")))[0]["status"] == "applied"
    merged = alice.push(_edit(alice, aid, review_date=("2027-06-01", "2027-12-01")))[0]
    assert merged["status"] == "applied"
    late = alice.push(_edit(alice, aid, keywords=("vpn", "remote")))[0]
    assert late["status"] == "conflict" and late["conflicts"][0]["theirs"] == "tunnel"
    row = _pulled(alice, "article", aid)
    assert row["keywords"] == "tunnel" and row["review_date"] == "2027-12-01"


def test_uses_and_flags_are_counted_once(desk, clients):
    alice, bob = clients("alice"), clients("bob")
    aid, ticket = new_id(), new_id()
    alice.push(_create(alice, aid))
    use = _append(alice, "article_use", {"article_id": aid, "ticket_id": ticket, "used_by": alice.person_id,
                                          "used_at": None})
    assert alice.push(use)[0]["status"] == "applied"
    again = _append(bob, "article_use", {"article_id": aid, "ticket_id": ticket, "used_by": bob.person_id,
                                          "used_at": None})
    assert bob.push(again)[0]["reason"] == "already counted"
    flag = _append(bob, "article_flag", {"article_id": aid, "ticket_id": ticket, "reason": "wrong",
                                          "comment": "Step 2 is gone in v5", "flagged_by": bob.person_id,
                                          "flagged_at": None})
    assert bob.push(flag)[0]["status"] == "applied"
    bad = _append(bob, "article_flag", {"article_id": aid, "ticket_id": None, "reason": "wrong", "comment": " ",
                                         "flagged_by": None, "flagged_at": None})
    assert bob.push(bad)[0]["status"] == "rejected"
    row = _pulled(alice, "article", aid)
    assert (row["use_count"], row["open_flags"]) == (1, 1) and row["last_used_at"]
    assert _pulled(alice, "article_flag", flag["entity_id"])["comment"] == "Step 2 is gone in v5"
    assert alice.push(_edit(alice, aid, open_flags=(1, 0)))[0]["status"] == "applied"
    assert alice.push(_edit(alice, aid, open_flags=(0, 5)))[0]["status"] == "rejected"
    assert _pulled(bob, "article", aid)["open_flags"] == 0


def test_a_version_of_a_refused_edit_is_refused(desk, clients):
    alice, pia = clients("alice"), clients("pia")
    aid = new_id()
    alice.push(_create(alice, aid, confidence="not_validated"))
    pia.push(_edit(pia, aid, confidence=("not_validated", "validated")))
    version = {"article_id": aid, "version": 2, "title": "t", "body": "new", "note": "", "changed_by": None,
               "changed_at": None}
    receipts = alice.push(_edit(alice, aid, body=("1. Quit\n2. Start", "new"), version=(1, 2)),
                          _append(alice, "article_version", version))
    assert [r["status"] for r in receipts] == ["rejected", "rejected"]
    first = _append(alice, "article_version", {**version, "version": 1, "body": "1. Quit\n2. Start"})
    assert alice.push(first)[0]["status"] == "applied"
    assert alice.push(first)[0]["status"] == "applied"  # a retry is answered from its receipt


def test_hostile_article_input_is_refused_whole(desk, clients):
    alice = clients("alice")
    receipts = alice.push(
        _create(alice, new_id(), service_ids="not-a-service"),
        _create(alice, new_id(), body="x" * 200_001),
        _create(alice, new_id(), title="   "),
        _create(alice, new_id(), audience="everyone"),
        _create(alice, new_id(), review_date="next week"),
        alice.mutation("article", new_id(), "delete", {}),
        _append(alice, "article_use", {"article_id": new_id(), "ticket_id": new_id(), "used_by": None,
                                       "used_at": None}))
    assert [r["status"] for r in receipts] == ["rejected"] * 7
    assert "archive" in receipts[5]["reason"] and "Unknown article" in receipts[6]["reason"]
    aid = new_id()
    assert alice.push(_create(alice, aid, body="<script>alert(1)</script>"))[0]["status"] == "applied"
    assert _pulled(alice, "article", aid)["body"] == "<script>alert(1)</script>"  # text; desks render it safely
