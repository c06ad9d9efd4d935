"""Refused work against a real server: a refused create, edit or note stays on the desk with every field,
recorded with the server's reason; *Send again* applies it once it is allowed, *Discard* removes it."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from app.changes import writes as changes
from app.models import Change, OutboxMutation, SyncConflict, SyncCursor, Ticket, WorklogEntry
from app.models.reference import Group
from app.sync import refused_work as refusals
from app.sync.resolution import inbox
from app.tickets import queue, worklog
from app.tickets import writes as tickets


def _other_group(node, name: str) -> str:
    with node.store.session() as s:
        return s.scalar(select(Group.id).where(Group.name == name))


def _open(node) -> list[SyncConflict]:
    with node.store.session() as s:
        rows = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected",
                                                    SyncConflict.status == "open")).all()
        s.expunge_all()
        return rows


def _ticket(node, tid):
    with node.store.session() as s:
        t = s.scalar(select(Ticket).where(Ticket.id == tid))
        if t is not None:
            s.expunge(t)
        return t


def _outbox(node) -> int:
    with node.store.session() as s:
        return s.scalar(select(func.count()).select_from(OutboxMutation))


def _queue_row(node, tid: str):
    with node.store.session() as s:
        row_id = s.scalar(select(Ticket.row_id).where(Ticket.id == tid))
        return queue.queue_rows(s, row_ids=[row_id])[row_id]


def _refused_create(ann) -> str:
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Printer jams on tray 2",
                                    description="Since the toner change, every second page.", actor_id=ann.me,
                                    group_id=_other_group(ann, "B"), impact=2).id
    assert ann.sync().statuses == {"rejected": 1}
    return tid


def test_a_refused_create_keeps_every_field_and_applies_when_sent_again(desk, nodes):
    ann = nodes(desk, "ann")
    tid = _refused_create(ann)
    kept = _ticket(ann, tid)
    assert (kept.title, kept.description, kept.impact, kept.group_id) == (
        "Printer jams on tray 2", "Since the toner change, every second page.", 2, _other_group(ann, "B"))
    [record] = _open(ann)
    assert record.ticket_id == tid and record.op == "create" and "not in your scope" in record.reason
    with ann.store.session() as s:
        assert [e.ticket_title for e in inbox(s)] == ["Printer jams on tray 2"]
        banner = refusals.refusal_for(s, ticket_id=tid)
    assert banner.create_refused and "not in your scope" in banner.reason
    assert _queue_row(ann, tid).refused  # the queue marks it too
    with ann.store.session() as s:  # a full resync keeps it too: it exists only here
        s.get(SyncCursor, ann.client.server_key).cursor = 0
    ann.sync()
    assert _ticket(ann, tid) is not None
    # The user moves it to their own group (an edit of a refused row stays local), then sends it again.
    with ann.store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"group_id": ann.group}, actor_id=ann.me)
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="Tray 2 roller worn", actor_id=ann.me)
    with ann.store.session() as s:
        refusals.send_again(s, conflict_id=record.id)
    report = ann.sync()
    assert report.statuses == {"applied": 2} and tid in report.numbers
    assert _open(ann) == [] and _outbox(ann) == 0
    assert not _queue_row(ann, tid).refused
    ben = nodes(desk, "ben")
    t = _ticket(ben, tid)
    assert (t.title, t.group_id, t.number) == ("Printer jams on tray 2", ann.group, report.numbers[tid])
    with ben.store.session() as s:
        assert list(s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == tid))) == ["Tray 2 roller worn"]


def test_discarding_a_refused_create_deletes_it_and_nothing_else(desk, nodes):
    ann = nodes(desk, "ann")
    tid = _refused_create(ann)
    [record] = _open(ann)
    with ann.store.session() as s:
        assert refusals.discard(s, conflict_id=record.id) == "row"
    assert _ticket(ann, tid) is None and _open(ann) == [] and _outbox(ann) == 0
    assert ann.sync().pushed == 0


def _ghost_group(node) -> str:
    """A group this desk knows and the server does not (a local reference row): the server refuses it."""
    with node.store.session() as s:
        group = Group(name="Night shift (this desk only)")
        s.add(group)
        s.flush()
        return group.id


def _shared_ticket(ann, ben) -> str:
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="VPN drops", actor_id=ann.me,
                                    group_id=ann.group).id
    ann.sync(), ben.sync()
    return tid


def _refused_edit(ann, ben, title: str):
    """Ann retitles a shared ticket and moves it to a group the server does not have, then syncs:
    (the ticket's id, that group's id, what ann's sync answered)."""
    tid = _shared_ticket(ann, ben)
    ghost = _ghost_group(ann)
    with ann.store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"title": title, "group_id": ghost}, actor_id=ann.me)
    return tid, ghost, ann.sync()


def test_a_refused_edit_stays_shown_through_pulls_until_discarded(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, ghost, synced = _refused_edit(ann, ben, "VPN drops every hour")
    assert synced.statuses == {"rejected": 1}
    t = _ticket(ann, tid)
    assert (t.title, t.group_id) == ("VPN drops every hour", ghost)
    with ben.store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes={"urgency": 1}, actor_id=ben.me)
    ben.sync()
    ann.sync()  # the pulled row does not wipe the refused values; ben's urgency arrives
    t = _ticket(ann, tid)
    assert (t.title, t.group_id, t.urgency) == ("VPN drops every hour", ghost, 1)
    [record] = _open(ann)
    with ann.store.session() as s:
        assert refusals.discard(s, conflict_id=record.id) == "values"
    t = _ticket(ann, tid)
    assert (t.title, t.group_id, t.urgency) == ("VPN drops", ann.group, 1)
    assert ann.sync().pushed == 0 and _ticket(ann, tid).title == "VPN drops"


def test_a_refused_edit_is_sent_again_after_the_user_fixes_a_field(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, _ghost, _synced = _refused_edit(ann, ben, "VPN drops at noon")
    [record] = _open(ann)
    with ann.store.session() as s:  # a later edit of a refused field is the user's answer for that field
        tickets.update_ticket(s, ticket_id=tid, changes={"group_id": ann.group}, actor_id=ann.me)
    assert ann.sync().statuses == {"applied": 1}
    assert [r.id for r in _open(ann)] == [record.id]  # the title is still held
    with ann.store.session() as s:
        assert refusals.send_again(s, conflict_id=record.id) == 1
    assert ann.sync().statuses == {"applied": 1} and _open(ann) == []
    ben.sync()
    t = _ticket(ben, tid)
    assert (t.title, t.group_id) == ("VPN drops at noon", ann.group)
    with ann.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.kind == "conflict")) == 0


def test_a_refused_change_is_kept_and_sent_again_with_a_known_group(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    ghost = _ghost_group(ann)
    with ann.store.session() as s:
        cid = changes.create_change(s, change_type="normal", title="Rotate TLS certificates", actor_id=ann.me,
                                    group_id=ghost, description="All front ends").id
    assert ann.sync().statuses == {"rejected": 1}
    with ann.store.session() as s:
        c = s.get(Change, cid)
        assert (c.title, c.description, c.group_id) == ("Rotate TLS certificates", "All front ends", ghost)
        banner = refusals.refusal_for(s, change_id=cid)
        assert banner.create_refused
        changes.update_change(s, change_id=cid, changes={"group_id": ann.group}, actor_id=ann.me)
    assert _outbox(ann) == 0  # the change exists only here: the edit waits for Send again
    with ann.store.session() as s:
        refusals.send_again(s, conflict_id=banner.conflict_id)
    report = ann.sync()
    assert report.statuses == {"applied": 1} and _open(ann) == []
    ben.sync()
    with ben.store.session() as s:
        c = s.get(Change, cid)
        assert (c.title, c.group_id) == ("Rotate TLS certificates", ann.group) and c.number


def test_a_refused_note_is_discarded_alone(desk, nodes):
    ann = nodes(desk, "ann")
    with ann.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Scanner offline", actor_id=ann.me,
                                    group_id=_other_group(ann, "B")).id
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="Rebooted it twice", actor_id=ann.me)
    assert ann.sync().statuses == {"rejected": 2}
    note = next(r for r in _open(ann) if r.entity == "worklog_entry")
    assert json.loads(note.mine)["row"]["body"] == "Rebooted it twice"
    with ann.store.session() as s:
        assert s.scalar(select(WorklogEntry.body).where(WorklogEntry.ticket_id == tid)) == "Rebooted it twice"
        assert refusals.discard(s, conflict_id=note.id) == "child"
    with ann.store.session() as s:
        assert s.scalar(select(WorklogEntry.body).where(WorklogEntry.ticket_id == tid)) is None
    assert _ticket(ann, tid).title == "Scanner offline" and len(_open(ann)) == 1


def _push_and_alter(ann, alter) -> tuple[list[dict], dict]:
    """Push the outbox to the real server, let `alter` spoil its receipts, and settle them as the engine
    does; returns the pushed batch and the altered answer."""
    from app.sync.engine import _by_seq, _next_batch, _settle_batch, _Tally
    from app.sync.writer import sync_db

    batch, _ = _next_batch(sync_db(ann.store), 0, 500)
    answer = ann.client.push(ann.store.client_id, batch)
    alter(answer["receipts"])
    with ann.store.session() as s:
        _settle_batch(s, batch=batch, receipts=_by_seq(answer), tally=_Tally())
    return batch, answer


def _updated(ann, tid, **changes) -> None:
    with ann.store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, changes=changes, actor_id=ann.me)


def test_an_unknown_status_or_a_conflict_without_its_fields_is_recorded_not_dropped(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _shared_ticket(ann, ben)
    _updated(ann, tid, title="Mail slow since Monday")
    _updated(ann, tid, urgency=1)

    def spoil(receipts):
        receipts[0]["status"] = "accepted_later"
        receipts[1].update(status="conflict", conflicts=None)

    _push_and_alter(ann, spoil)
    assert _outbox(ann) == 0
    records = sorted(_open(ann), key=lambda r: r.seq)
    assert [(r.kind, r.op) for r in records] == [("rejected", "update")] * 2
    assert "could not be read" in records[0].reason and "accepted_later" in records[0].reason
    assert json.loads(records[1].mine)["fields"]["urgency"]["new"] == 1
    t = _ticket(ann, tid)
    assert (t.title, t.urgency) == ("Mail slow since Monday", 1)  # nothing taken back
    with ann.store.session() as s:
        refusals.send_again(s, conflict_id=records[0].id)
    assert ann.sync().statuses == {"applied": 2} and _open(ann) == []


def test_a_mutation_without_its_receipt_stays_queued(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _shared_ticket(ann, ben)
    _updated(ann, tid, title="Wi-Fi drops in hall 3")
    _updated(ann, tid, impact=1)

    def spoil(receipts):
        del receipts[0]["status"]  # unreadable: recorded
        receipts[1].pop("seq")  # no receipt for it at all: kept queued

    _push_and_alter(ann, spoil)
    assert _outbox(ann) == 1 and len(_open(ann)) == 1
    assert ann.sync().statuses == {"applied": 1}  # the server answers it from its stored receipt
    assert _outbox(ann) == 0
