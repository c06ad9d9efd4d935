"""The tombstone horizon: after the server prunes old deletes, a desk whose cursor is older gets a clear
410 resync_required, syncs again from zero keeping its outbox, and ends equal to the server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import OutboxMutation, SyncConflict, Ticket
from app.sync.engine import pull_changes, saved_cursor
from app.sync.errors import ResyncRequired
from app.tickets import writes as tickets


def _titles(node) -> dict[str, str]:
    with node.store.session() as s:
        return dict(s.execute(select(Ticket.id, Ticket.title)).all())


def _create(node, title):
    with node.store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=node.me, group_id=node.group).id


def test_a_desk_older_than_the_horizon_resyncs_from_zero_and_keeps_its_pending_edits(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    gone, renamed, mine = _create(ann, "Old printer"), _create(ann, "Badge reader"), _create(ann, "Wi-Fi")
    ann.sync()
    ben.sync()
    old_cursor = saved_cursor(ben.store, ben.client.server_key)
    mia = desk.sign_in("mia")
    try:
        assert mia.push(mia.mutation("ticket", gone, "delete", {}))[0]["status"] == "applied"
    finally:
        mia.close()
    with ann.store.session() as s:
        tickets.update_ticket(s, ticket_id=renamed, changes={"title": "Badge reader at door 3"}, actor_id=ann.me)
    ann.sync()
    with ben.store.session() as s:  # ben works offline meanwhile
        tickets.update_ticket(s, ticket_id=mine, changes={"urgency": 1}, actor_id=ben.me)
    assert "pruned" in desk.admin("prune", "--older-than-days", "0")

    with pytest.raises(ResyncRequired) as raised:
        ben.client.pull(old_cursor)
    assert raised.value.status == 410 and "from the start" in str(raised.value)

    tally = pull_changes(ben.store, ben.client)  # no push first: the pending edit rides through the resync
    assert tally.resynced
    titles = _titles(ben)
    assert gone not in titles and titles[renamed] == "Badge reader at door 3"
    with ben.store.session() as s:
        assert s.scalar(select(Ticket.urgency).where(Ticket.id == mine)) == 1  # still shown
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 1
    report = ben.sync()
    assert report.statuses == {"applied": 1} and not report.full_resync
    ann.sync()
    assert _titles(ben) == _titles(ann)
    with ben.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0


def test_change_numbers_are_not_reused_after_pruning_the_newest_changes(desk, nodes):
    ann = nodes(desk, "ann")
    mia = desk.sign_in("mia")
    try:
        doomed = _create(ann, "To be deleted")
        ann.sync()
        assert mia.push(mia.mutation("ticket", doomed, "delete", {}))[0]["status"] == "applied"
        ann.sync()
        before = saved_cursor(ann.store, ann.client.server_key)
        desk.admin("prune", "--older-than-days", "0")  # removes the newest log entries (the deletes)
        assert ann.client.pull(before)["next_cursor"] == before  # neither ahead nor too old
        fresh = _create(ann, "After the prune")
        report = ann.sync()
        assert report.cursor > before and fresh in report.changed_ticket_ids and not report.full_resync
        assert mia.pull(before)["changes"][-1]["entity_id"] == fresh
    finally:
        mia.close()


def test_a_first_sync_is_never_too_old(desk, nodes):
    desk.admin("prune", "--older-than-days", "0")
    carl = nodes(desk, "carl")  # a first sync from cursor 0 after a prune is a normal one
    assert saved_cursor(carl.store, carl.client.server_key) > 0
