"""The conflict inbox against a real server: an entry settled on this desk stays settled when the
server's record of it is pulled again (a full resync from cursor 0)."""

from __future__ import annotations

from sqlalchemy import select

from app.models import SyncConflict, SyncCursor
from app.sync import resolution as conflict_resolution
from app.tickets import writes as tickets


def _conflict_on(ann, ben) -> str:
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Projector dim", actor_id=ann.me,
                                    group_id=ann.group).id
    ann.sync(), ben.sync()
    for node, title in ((ann, "Projector dim in room 4"), (ben, "Projector lamp broken")):
        with node.store.session() as s:
            tickets.update_ticket(s, ticket_id=tid, changes={"title": title}, actor_id=node.me)
    ann.sync()
    assert ben.sync().statuses == {"conflict": 1}
    return tid


def _statuses(node, tid) -> list[tuple[str, str]]:
    with node.store.session() as s:
        return [(c.field, c.status) for c in s.scalars(select(SyncConflict).where(SyncConflict.ticket_id == tid))]


def test_keep_theirs_stays_settled_through_a_full_resync(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _conflict_on(ann, ben)
    with ben.store.session() as s:
        entry = s.scalar(select(SyncConflict).where(SyncConflict.ticket_id == tid))
        assert entry.server_id  # the pulled record was matched to the entry the receipt made
        conflict_resolution.keep_theirs(s, conflict_id=entry.id)
    with ben.store.session() as s:  # everything again from 0: the server still lists the record as open
        s.get(SyncCursor, ben.client.server_key).cursor = 0
    report = ben.sync()
    assert report.pulled_changes > 0
    assert _statuses(ben, tid) == [("title", "settled")]
    with ben.store.session() as s:
        assert all(e.ticket_id != tid for e in conflict_resolution.inbox(s))
    with ben.store.session() as s:
        assert tickets.get_ticket(s, tid).title == "Projector dim in room 4"


def test_an_open_entry_still_follows_the_servers_settlement(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _conflict_on(ann, ben)
    with ben.store.session() as s:  # ben edits on top of the server's value: the server settles it
        tickets.update_ticket(s, ticket_id=tid, changes={"title": "Projector lamp broken in room 4"},
                              actor_id=ben.me)
    ben.sync()
    ben.sync()
    assert _statuses(ben, tid) == [("title", "settled")]
