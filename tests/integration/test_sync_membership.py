"""Group membership changed by an admin, seen from a desk: the group's tickets leave at the next pull,
pending edits to them come back as refusals in the inbox (never silently lost), and joining a group
brings every ticket of it with its children. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from app.models import OutboxMutation, SyncConflict, Ticket, WorklogEntry
from app.sync.engine import pull_changes
from app.sync.refused_work import discard
from app.tickets import worklog
from app.tickets import writes as tickets


def _ids(node) -> set[str]:
    with node.store.session() as s:
        return set(s.scalars(select(Ticket.id)))


def _notes(node, ticket_id) -> list[str]:
    with node.store.session() as s:
        return sorted(s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == ticket_id)))


@pytest.mark.parametrize("backend", ["desk", "pg_desk"])
def test_leaving_a_group_evicts_its_tickets_and_joining_again_brings_them_back(request, nodes, backend):
    server = request.getfixturevalue(backend)
    dora = f"dora-{uuid.uuid4().hex[:6]}"
    server.add_user(dora, "agent", ("A", "B"))
    ann, me = nodes(server, "ann", "-" + backend), nodes(server, dora)
    with ann.store.session() as s:
        edited = tickets.create_ticket(s, ticket_type="incident", title="VPN drops", actor_id=ann.me,
                                       group_id=ann.group).id
        quiet = tickets.create_ticket(s, ticket_type="incident", title="Mail slow", actor_id=ann.me,
                                      group_id=ann.group).id
    ann.sync()
    me.sync()
    assert {edited, quiet} <= _ids(me)
    with me.store.session() as s:  # offline work on a ticket of group A
        tickets.update_ticket(s, ticket_id=edited, changes={"title": "VPN drops every hour"}, actor_id=me.me)
        worklog.add_worklog(s, ticket_id=edited, kind="note", body="Checked the tunnel", actor_id=me.me)
    server.admin("group", "remove-member", "A", dora)
    with ann.store.session() as s:
        worklog.add_worklog(s, ticket_id=quiet, kind="note", body="Written while dora was away", actor_id=ann.me)
    ann.sync()

    pull_changes(me.store, me.client)  # the pull alone evicts: the membership change is in the log
    assert not {edited, quiet} & _ids(me)
    with me.store.session() as s:  # ...and the pending edits are still queued, not dropped
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 2
    report = me.sync()
    assert report.statuses == {"rejected": 2}
    with me.store.session() as s:
        records = s.scalars(select(SyncConflict).where(SyncConflict.ticket_id == edited)
                            .order_by(SyncConflict.seq)).all()
        assert [(r.kind, r.status, "scope" in (r.reason or "")) for r in records] == [("rejected", "open", True)] * 2
        assert json.loads(records[0].mine)["fields"]["title"]["new"] == "VPN drops every hour"
        assert json.loads(records[1].mine)["row"]["body"] == "Checked the tunnel"
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 0

    server.admin("user", "set-groups", dora, "--group", "A", "--group", "B")
    report = me.sync()
    assert {edited, quiet} <= _ids(me) and {edited, quiet} <= report.changed_ticket_ids
    assert _notes(me, quiet) == ["Written while dora was away"]
    with me.store.session() as s:  # the refused title is shown again on top until dora decides
        assert s.scalar(select(Ticket.title).where(Ticket.id == edited)) == "VPN drops every hour"
        title_refusal = s.scalar(select(SyncConflict.id).where(SyncConflict.ticket_id == edited,
                                                               SyncConflict.op == "update"))
        discard(s, conflict_id=title_refusal)
    with me.store.session() as s:
        assert s.scalar(select(Ticket.title).where(Ticket.id == edited)) == "VPN drops"
    ann.sync()
    assert _notes(ann, edited) == []  # the refused note never reached the server


def test_membership_commands_refuse_unknown_names_and_non_members(desk):
    # The CLI's main() in the run's warm admin process (tests.server.admin_host): the same parse, command, exit
    # code and stderr as `deskside-server ...`, without an interpreter start and the server's imports per command
    # (the test took 10 s at a load of 6, 2.8 s at a load of 3; now 0.05 s).
    from tests.server.conftest import ADMIN

    def run(*args: str) -> tuple[int, str]:
        rc, _out, err = ADMIN.run([*desk.db_args, *args], "")
        return rc, err

    rc, err = run("group", "remove-member", "B", "ann")
    assert rc == 2 and "not a member" in err
    rc, err = run("group", "add-member", "Nope", "ann")
    assert rc == 2 and "No group named 'Nope'" in err
    rc, err = run("user", "set-groups", "nobody", "--group", "A")
    assert rc == 2 and "No user named 'nobody'" in err
