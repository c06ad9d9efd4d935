"""Versions and malformed input: clear 4xx answers, never a 500, never a half-applied change."""

from __future__ import annotations

from tests.server.wire import new_id


def test_old_schema_version_gets_426_please_update(clients):
    alice = clients("alice")
    response = alice.push_raw([alice.create(new_id())], schema_version=0)
    assert response.status_code == 426
    assert "Please update Deskside" in response.json()["detail"]["message"]
    pull = alice.http.get(f"{alice.base_url}/v1/sync/pull", params={"schema_version": 0}, timeout=30)
    assert pull.status_code == 426
    newer = alice.push_raw([], schema_version=99)
    assert newer.status_code == 400 and "update the server" in newer.json()["detail"]["message"]


def test_malformed_json_wrong_types_unknown_fields(clients):
    alice = clients("alice")
    url = f"{alice.base_url}/v1/sync/push"
    headers = {"Content-Type": "application/json"}
    assert alice.http.post(url, data=b'{"client_id": "c", "schema_', headers=headers, timeout=30).status_code == 422
    assert alice.http.post(url, data=b"\xff\xfe", headers=headers, timeout=30).status_code == 422
    good = {"client_id": alice.client_id, "schema_version": 1, "mutations": [alice.create(new_id())]}
    for broken in ({**good, "schema_version": "one"}, {**good, "mutations": "all"}, {**good, "extra": 1},
                   {**good, "mutations": [{**good["mutations"][0], "seq": -1}]},
                   {**good, "mutations": [{**good["mutations"][0], "op": "upsert"}]},
                   {**good, "mutations": [{**good["mutations"][0], "surprise": True}]},
                   {**good, "client_id": "a\x00b"}, {**good, "mutations": [{**good["mutations"][0], "seq": 2**70}]}):
        response = alice.http.post(url, json=broken, timeout=30)
        assert response.status_code == 422, (broken, response.text)
    # Python's JSON reader accepts these, no database can store them, and echoing them back in the
    # error once turned the 422 into a 500.
    for raw in (b'{"name": "a\\ud800", "password": "x"}',):
        assert alice.http.post(f"{alice.base_url}/v1/auth/sign-in", data=raw, headers=headers,
                               timeout=30).status_code == 422
    # Inside a mutation's payload they refuse that mutation only: one poisoned outbox row must not
    # block every later push of the client.
    mutation = b'{"seq": %d, "mutation_id": "m%d", "entity": "ticket", "entity_id": "t", "op": "update", "payload": %s}'
    payloads = (b'{"fields": {"t\\ud800": {"base": 1, "new": 2}}}', b'{"fields": {"t": {"base": NaN, "new": 1}}}',
                b'{"fields": {"t": {"base": "\\u0000", "new": 1}}}')
    raw = b'{"client_id": "%s", "schema_version": 1, "mutations": [%s]}' % (
        alice.client_id.encode(), b",".join(mutation % (i + 1, i + 1, p) for i, p in enumerate(payloads)))
    response = alice.http.post(url, data=raw, headers=headers, timeout=30)
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["receipts"]] == ["rejected"] * 3
    sign_in = alice.http.post(f"{alice.base_url}/v1/auth/sign-in", json={"name": "alice", "password": "x",
                                                                          "remember": True}, timeout=30)
    assert sign_in.status_code == 422
    pull = alice.http.get(f"{alice.base_url}/v1/sync/pull", params={"schema_version": 1, "cursor": "zero"},
                          timeout=30)
    assert pull.status_code == 422


def test_huge_body_is_413(clients):
    alice = clients("alice")
    big = {"client_id": alice.client_id, "schema_version": 1,
           "mutations": [alice.create(new_id(), description="x" * (9 * 1024 * 1024))]}
    response = alice.http.post(f"{alice.base_url}/v1/sync/push", json=big, timeout=60)
    assert response.status_code == 413

    def chunks():  # no Content-Length: counted while streaming
        yield b'{"client_id": "c", "schema_version": 1, "mutations": [], "pad": "'
        for _ in range(9):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    streamed = alice.http.post(f"{alice.base_url}/v1/sync/push", data=chunks(), timeout=60,
                               headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_bad_payloads_are_rejected_per_mutation_and_nothing_half_applied(clients):
    alice = clients("alice")
    tid = new_id()
    receipts = alice.push(
        alice.create(tid),
        alice.mutation("ticket", new_id(), "create", {"row": {"type": "incident", "title": "x", "impact": "high"}}),
        alice.mutation("ticket", new_id(), "create", {"rows": []}),
        alice.mutation("worklog_entry", new_id(), "append", {"row": {"ticket_id": tid, "kind": "note",
                                                                     "body": "\x00\x00"}}),
        alice.mutation("worklog_entry", new_id(), "update", {"fields": {}}),
        alice.mutation("ticket", new_id(), "create", {"row": {"type": "incident", "title": "t", "impact": 2**80}}),
        alice.update(tid, title=("Printer jams", "ok"), urgency=(3, "soon")),
    )
    assert [r["status"] for r in receipts] == ["applied"] + ["rejected"] * 6
    assert all(r["reason"] for r in receipts[1:])
    assert alice.ticket(tid)["title"] == "Printer jams"  # the mutation with one bad field changed nothing


def test_client_id_belongs_to_its_user(clients):
    alice = clients("alice")
    alice.push(alice.create(new_id()))
    thief = clients("tina", client_id=alice.client_id)
    response = thief.push_raw([thief.create(new_id())])
    assert response.status_code == 403


def test_openapi_is_published(desk):
    import requests

    spec = requests.get(desk.url + "/openapi.json", timeout=30).json()
    assert {"/v1/sync/push", "/v1/sync/pull", "/v1/auth/sign-in", "/v1/blobs/{sha256}"} <= set(spec["paths"])
