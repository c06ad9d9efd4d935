"""A desk in a child process for kill -9 tests: adds a note locally, then syncs. The test sets
DESKSIDE_SYNC_CRASH_AT so that app.sync.engine.crash_point ends the process at that point.

python -m tests.integration.crash_client STORE URL USER PASSWORD TICKET_ID NOTE
"""

from __future__ import annotations

import sys

from app.credentials import MemoryTokenStore
from app.people import reference
from app.store import open_store
from app.sync.client import SyncClient
from app.sync.engine import crash_point, sync_once
from app.tickets import worklog


def main(store_path: str, url: str, user: str, password: str, ticket_id: str, note: str) -> None:
    store = open_store(store_path)
    client = SyncClient(url, tokens=MemoryTokenStore())
    client.sign_in(user, password)
    with store.session() as s:
        worklog.add_worklog(s, ticket_id=ticket_id, kind="note", body=note, actor_id=reference.current_user(s))
    crash_point("after_local_commit")
    sync_once(store, client)
    client.close()
    store.close()
    print("no crash")


if __name__ == "__main__":
    main(*sys.argv[1:])
