"""Attachment bytes: resumable chunked upload by SHA-256, verification, size limit, scoped download."""

from __future__ import annotations

import hashlib
import os

import requests

from tests.server.wire import new_id, now_iso


def _put(client, sha: str, data: bytes, start: int, total: int) -> requests.Response:
    end = start + len(data) - 1
    return client.http.put(f"{client.base_url}/v1/blobs/{sha}", data=data, timeout=30,
                           headers={"Content-Range": f"bytes {start}-{end}/{total}"})


def test_upload_resumes_after_a_cut_and_is_verified(clients):
    alice = clients("alice")
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    url = f"{alice.base_url}/v1/blobs/{sha}"
    assert alice.http.head(url, timeout=30).status_code == 404
    assert _put(alice, sha, data[:100_000], 0, len(data)).status_code == 202
    # The connection "dropped" here; the client asks how much arrived and continues from there.
    head = alice.http.head(url, timeout=30)
    assert head.status_code == 200 and head.headers["X-Received-Size"] == "100000"
    assert head.headers["X-Blob-Complete"] == "false"
    # A chunk at the wrong offset is refused with the offset to use.
    wrong = _put(alice, sha, data[150_000:200_000], 150_000, len(data))
    assert wrong.status_code == 409 and wrong.headers["X-Received-Size"] == "100000"
    assert _put(alice, sha, data[100_000:200_000], 100_000, len(data)).status_code == 202
    assert _put(alice, sha, data[200_000:], 200_000, len(data)).status_code == 201
    assert alice.http.head(url, timeout=30).headers["X-Blob-Complete"] == "true"
    assert alice.http.get(url, timeout=30).content == data
    # Attach it to a ticket; a user who cannot see that ticket cannot download it.
    tid, aid = new_id(), new_id()
    row = {"id": aid, "ticket_id": tid, "file_name": "../../etc/passwd", "content_hash": sha, "size": len(data),
           "mime_type": "application/octet-stream", "author_id": None, "created_at": "2026-01-01T00:00:00+00:00"}
    receipts = alice.push(alice.create(tid), alice.mutation("attachment", aid, "append", {"row": row}))
    assert [r["status"] for r in receipts] == ["applied", "applied"]
    meta = [a for p in alice.pull_all()[0] for a in p["rows"].get("attachment", []) if a["id"] == aid][0]
    assert "/" not in meta["file_name"]
    assert clients("tina").http.get(url, timeout=30).status_code == 200
    assert clients("bob").http.get(url, timeout=30).status_code == 404  # the same answer as "no such file"


def test_wrong_hash_is_refused(clients):
    alice = clients("alice")
    data = b"not what the name promises" * 100
    sha = hashlib.sha256(b"something else").hexdigest()
    response = _put(alice, sha, data, 0, len(data))
    assert response.status_code == 422 and "SHA-256" in response.json()["detail"]["message"]
    url = f"{alice.base_url}/v1/blobs/{sha}"
    assert alice.http.get(url, timeout=30).status_code == 404
    assert alice.http.head(url, timeout=30).headers["X-Received-Size"] == "0"  # start over


def test_bad_addresses_ranges_and_sizes(clients):
    alice = clients("alice")
    sha = hashlib.sha256(b"x").hexdigest()
    assert alice.http.put(f"{alice.base_url}/v1/blobs/NOTAHASH", data=b"x", timeout=30).status_code == 400
    assert alice.http.put(f"{alice.base_url}/v1/blobs/{sha}", data=b"xy", timeout=30,
                          headers={"Content-Range": "bytes 0-0/1"}).status_code == 400
    assert alice.http.put(f"{alice.base_url}/v1/blobs/{sha}", data=b"x", timeout=30,
                          headers={"Content-Range": "bytes=0-0"}).status_code == 400
    too_big = _put(alice, hashlib.sha256(b"big").hexdigest(), b"b", 0, 10 * 1024 ** 3)
    assert too_big.status_code == 413
    whole = alice.http.put(f"{alice.base_url}/v1/blobs/{sha}", data=b"x", timeout=30)  # one piece, no range
    assert whole.status_code == 201
    assert requests.get(f"{alice.base_url}/v1/blobs/{sha}", timeout=30).status_code == 401


def _attachment(client, ticket_id: str, sha: str, size: int) -> dict:
    aid = new_id()
    return client.mutation("attachment", aid, "append", {"row": {
        "id": aid, "ticket_id": ticket_id, "file_name": "payroll.xlsx", "content_hash": sha, "size": size,
        "mime_type": "application/octet-stream", "author_id": None, "created_at": now_iso()}})


def _secret_on_a_group_a_ticket(alice) -> tuple[bytes, str, str]:
    """Bytes alice uploads and attaches to a ticket of group A: (data, sha, ticket id)."""
    data = os.urandom(5_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(alice, sha, data, 0, len(data)).status_code == 201
    tid = new_id()
    assert [r["status"] for r in alice.push(alice.create(tid), _attachment(alice, tid, sha, len(data)))] == \
        ["applied", "applied"]
    return data, sha, tid


def _answer(client, method: str, sha: str) -> tuple[int, dict, bytes]:
    response = client.http.request(method, f"{client.base_url}/v1/blobs/{sha}", timeout=30)
    headers = {k.lower(): v for k, v in response.headers.items() if k.lower().startswith("x-")}
    return response.status_code, headers, response.content


def test_a_content_hash_is_no_capability_for_another_groups_bytes(clients):
    alice, bob = clients("alice"), clients("bob")
    data, sha, _ = _secret_on_a_group_a_ticket(alice)
    # bob (group B) learnt the hash somewhere; attaching it to his own ticket is refused ...
    own = new_id()
    receipts = bob.push(bob.create(own), _attachment(bob, own, sha, len(data)))
    assert [r["status"] for r in receipts] == ["applied", "rejected"]
    assert "No such file uploaded by you" in receipts[1]["reason"]
    # ... and HEAD / GET answer exactly as for a hash the server never saw.
    absent = hashlib.sha256(os.urandom(16)).hexdigest()
    for method in ("HEAD", "GET"):
        assert _answer(bob, method, sha)[:2] == _answer(bob, method, absent)[:2]
        assert _answer(bob, method, sha)[0] == 404
    # An upload claiming the hash is not "already here" for him: he must send bytes that hash to it.
    claim = _put(bob, sha, b"x" * len(data), 0, len(data))
    assert claim.status_code == 422
    assert bob.push(_attachment(bob, own, sha, len(data)))[0]["status"] == "rejected"
    assert _answer(bob, "GET", sha)[0] == 404
    # Whoever can read the ticket may attach the same file elsewhere without sending it again.
    tina = clients("tina")
    mine = new_id()
    assert [r["status"] for r in tina.push(tina.create(mine), _attachment(tina, mine, sha, len(data)))] == \
        ["applied", "applied"]
    assert clients("max").http.get(f"{alice.base_url}/v1/blobs/{sha}", timeout=30).content == data


def test_someone_who_really_holds_the_bytes_uploads_them_and_may_attach_them(clients):
    alice, bob = clients("alice"), clients("bob")
    data, sha, _ = _secret_on_a_group_a_ticket(alice)
    # bob has the same file: his first chunk is his own partial upload, not alice's complete one.
    assert _put(bob, sha, data[:1000], 0, len(data)).status_code == 202
    status, headers, _ = _answer(bob, "HEAD", sha)
    assert status == 200 and headers["x-received-size"] == "1000" and headers["x-blob-complete"] == "false"
    assert _put(bob, sha, data[1000:], 1000, len(data)).status_code == 201
    own = new_id()
    assert [r["status"] for r in bob.push(bob.create(own), _attachment(bob, own, sha, len(data)))] == \
        ["applied", "applied"]
    assert bob.http.get(f"{bob.base_url}/v1/blobs/{sha}", timeout=30).content == data
    wrong_size = bob.push(_attachment(bob, own, sha, len(data) + 1))[0]
    assert wrong_size["status"] == "rejected" and "size" in wrong_size["reason"]


def test_an_upload_is_its_uploaders_until_attached_then_the_tickets_decide(desk, clients):
    name = f"leaver{new_id()[:8]}"
    desk.add_user(name, "agent", ("A",))
    leaver, bob = clients(name), clients("bob")
    data = os.urandom(3_000)
    sha = hashlib.sha256(data).hexdigest()
    assert _put(leaver, sha, data, 0, len(data)).status_code == 201
    assert leaver.http.get(f"{leaver.base_url}/v1/blobs/{sha}", timeout=30).content == data  # not yet attached
    assert _answer(bob, "HEAD", sha)[0] == 404 and _answer(bob, "GET", sha)[0] == 404
    tid = new_id()
    assert [r["status"] for r in leaver.push(leaver.create(tid), _attachment(leaver, tid, sha, len(data)))] == \
        ["applied", "applied"]
    assert _answer(leaver, "HEAD", sha)[1]["x-blob-complete"] == "true"
    desk.admin("group", "remove-member", "A", name)
    # Out of the group, the ticket is out of reach, and so are its bytes (even for their uploader).
    assert _answer(leaver, "GET", sha)[0] == 404 and _answer(leaver, "HEAD", sha)[0] == 404


def test_a_reader_who_leaves_the_group_no_longer_reads_the_bytes(desk, clients):
    alice = clients("alice")
    data, sha, _ = _secret_on_a_group_a_ticket(alice)
    name = f"reader{new_id()[:8]}"
    desk.add_user(name, "agent", ("A",))
    reader = clients(name)
    assert reader.http.get(f"{reader.base_url}/v1/blobs/{sha}", timeout=30).content == data
    desk.admin("group", "remove-member", "A", name)
    assert _answer(reader, "GET", sha)[0] == 404 and _answer(reader, "HEAD", sha)[0] == 404
    own = new_id()  # nor may the hash be carried over to a ticket of their own any more
    receipts = reader.push(reader.create(own, group_id=None, assignee_id=reader.person_id),
                           _attachment(reader, own, sha, len(data)))
    assert [r["status"] for r in receipts] == ["applied", "rejected"]

