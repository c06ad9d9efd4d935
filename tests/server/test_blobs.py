"""Attachment bytes: resumable chunked upload by SHA-256, verification, size limit, scoped download."""

from __future__ import annotations

import hashlib
import os

import requests

from tests.server.wire import new_id


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
    assert clients("bob").http.get(url, timeout=30).status_code == 403


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
