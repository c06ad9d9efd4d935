"""Several stateless server processes on one PostgreSQL database: a pull waiting in one process
wakes when another process commits (LISTEN/NOTIFY)."""

from __future__ import annotations

import threading

from tests.server.conftest import make_desk
from tests.server.wire import WaitingPull, new_id


def test_waiting_pull_on_one_process_wakes_on_push_to_another(tmp_path):
    for desk in make_desk("postgres", tmp_path):
        desk.admin("group", "add", "A")
        desk.add_user("alice", "agent", ("A",))
        desk.add_user("tina", "technician", ("A",))
        first, second = desk.start(), desk.start()
        alice, tina = desk.sign_in("alice", url=first), desk.sign_in("tina", url=second)
        try:
            _, cursor = alice.pull_all()
            waiting = WaitingPull(alice, cursor)
            tid = new_id()
            assert tina.push(tina.create(tid))[0]["status"] == "applied"
            page, took = waiting.result()
            # Liveness bound; the database re-check without a notification happens only every 10 s.
            assert took < 5
            assert tid in [r["id"] for r in page["rows"]["ticket"]]
            # Both processes write into one gap-free sequence, also when they write at the same time.
            writers = [desk.sign_in(name, url=u) for name in ("alice", "tina") for u in (first, second)]
            made: list[str] = []
            errors: list[BaseException] = []

            def write(client, made: list[str], errors: list[BaseException]) -> None:
                try:
                    for _ in range(5):
                        t = new_id()
                        assert client.push(client.create(t), client.worklog(t))[0]["status"] == "applied"
                        made.append(t)
                except BaseException as exc:  # reported below
                    errors.append(exc)

            threads = [threading.Thread(target=write, args=(c, made, errors)) for c in writers]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            for c in writers:
                c.close()
            assert not errors, errors
            pages, _ = tina.pull_all(limit=7)
            seqs = [c["seq"] for p in pages for c in p["changes"]]
            assert seqs == list(range(1, len(seqs) + 1))
            assert set(made) <= {r["id"] for p in pages for r in p["rows"].get("ticket", [])} and len(made) == 20
        finally:
            alice.close()
            tina.close()
