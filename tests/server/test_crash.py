"""A server killed with SIGKILL loses nothing it answered for, and a client retrying its push after
the restart gets the same receipts without anything applied twice."""

from __future__ import annotations

import pytest

from tests.server.conftest import BACKENDS, make_desk
from tests.server.wire import new_id


@pytest.mark.parametrize("backend", BACKENDS)
def test_push_survives_kill_9_and_retry_is_idempotent(backend, tmp_path):
    for desk in make_desk(backend, tmp_path):
        desk.admin("group", "add", "A")
        desk.add_user("alice", "agent", ("A",))
        desk.start()
        alice = desk.sign_in("alice")
        tid, wid = new_id(), new_id()
        batch = [alice.create(tid, title="Before the crash"), alice.worklog(tid, wid),
                 alice.update(tid, title=("Before the crash", "Still here"))]
        try:
            receipts = alice.push(*batch)  # the reply "may have been lost": the client does not know
        finally:
            alice.close()
        desk.kill()
        url = desk.start()
        alice = desk.sign_in("alice", url=url, client_id=alice.client_id)
        try:
            assert alice.push(*batch) == receipts
            pages, _ = alice.pull_all()
            tickets = [r for p in pages for r in p["rows"].get("ticket", []) if r["id"] == tid]
            assert tickets and tickets[-1]["title"] == "Still here"
            entries = {w["id"] for p in pages for w in p["rows"].get("worklog_entry", [])}
            assert entries == {wid}
            seqs = [c["seq"] for p in pages for c in p["changes"]]
            assert seqs == list(range(1, len(seqs) + 1))
        finally:
            alice.close()
