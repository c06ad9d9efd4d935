"""Faults around a sync: kill -9 of a desk at named points, an access token expiring mid-sync, a
revoked sign-in. Afterwards nothing is lost or doubled and the outbox is intact."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from app.credentials import MemoryTokenStore
from app.models import OutboxMutation, SyncConflict, Ticket, WorklogEntry
from app.sync.client import SyncClient
from app.sync.engine import CRASH_ENV, sync_once
from app.sync.errors import AuthExpired
from app.tickets import worklog
from app.tickets import writes as tickets
from tests.integration.conftest import add_users, start
from tests.server.conftest import PASSWORD, ROOT, _env


def _count(node, model, *where) -> int:
    with node.store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _notes(node, ticket_id) -> list[str]:
    with node.store.session() as s:
        return sorted(s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == ticket_id)))


@pytest.mark.parametrize("point", ["after_local_commit", "after_push_sent", "after_receipts", "after_pull_applied"])
def test_a_desk_killed_during_sync_loses_and_doubles_nothing(desk, nodes, point):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title=f"Crash {point}", actor_id=ann.me,
                                    group_id=ann.group).id
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="before the crash", actor_id=ann.me)
    ann.store.close()
    env = _env() | {CRASH_ENV: point}
    child = subprocess.run([sys.executable, "-m", "tests.integration.crash_client", str(ann.path), desk.url, "ann",
                            PASSWORD, tid, "in the crashed process"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == 137, child.stdout + child.stderr
    ann.reopen()
    ann.sync()
    ben.sync()
    ann.sync()
    for node in (ann, ben):
        assert _notes(node, tid) == ["before the crash", "in the crashed process"]
        assert _count(node, Ticket, Ticket.id == tid) == 1
        assert _count(node, SyncConflict, SyncConflict.ticket_id == tid) == 0
    assert _count(ann, OutboxMutation) == 0
    with ann.store.session() as s, ben.store.session() as t:
        assert s.scalar(select(Ticket.number).where(Ticket.id == tid)) == \
            t.scalar(select(Ticket.number).where(Ticket.id == tid)) is not None


def test_the_crash_hook_is_inert_without_its_variable(desk, nodes):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="No crash", actor_id=ann.me,
                                    group_id=ann.group).id
    ann.store.close()
    child = subprocess.run([sys.executable, "-m", "tests.integration.crash_client", str(ann.path), desk.url, "ann",
                            PASSWORD, tid, "note"], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert child.returncode == 0 and "no crash" in child.stdout, child.stderr
    ann.reopen()
    assert _count(ann, OutboxMutation) == 0


@pytest.fixture(scope="module")
def short_desk(tmp_path_factory, desk_templates):
    """A desk whose access tokens live one second."""
    for d in desk_templates.make_desk("sqlite", tmp_path_factory.mktemp("short"), add_users):
        yield start(d, "--access-ttl", "1")


def test_an_access_token_expiring_mid_sync_is_refreshed_and_the_sync_completes(short_desk, nodes):
    ann = nodes(short_desk, "ann")
    first_refresh = ann.client.tokens.load(ann.client.url, "ann")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Token expired", actor_id=ann.me,
                                    group_id=ann.group).id
    time.sleep(2.2)
    report = ann.sync()
    assert report.pushed == 1 and report.statuses == {"applied": 1} and tid in report.numbers
    assert ann.client.tokens.load(ann.client.url, "ann") != first_refresh  # rotated and handed over
    assert _count(ann, OutboxMutation) == 0


def test_a_revoked_sign_in_asks_for_a_new_one_and_keeps_the_outbox(short_desk, nodes):
    ben = nodes(short_desk, "ben")
    with ben.store.session() as s:
        tickets.create_ticket(s, ticket_type="incident", title="Kept", actor_id=ben.me, group_id=ben.group)
    short_desk.admin("user", "revoke", "ben")
    with pytest.raises(AuthExpired):
        ben.sync()
    assert _count(ben, OutboxMutation) == 1
    assert ben.client.tokens.load(ben.client.url, "ben") is None
    again = SyncClient(short_desk.url, tokens=MemoryTokenStore())
    try:
        again.sign_in("ben", PASSWORD)
        assert sync_once(ben.store, again).statuses == {"applied": 1}
    finally:
        again.close()
    assert _count(ben, OutboxMutation) == 0
