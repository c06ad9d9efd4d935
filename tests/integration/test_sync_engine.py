"""Two clients, one real server: offline edits reach the other desk, merges, conflicts, retries, scope, a
removed link."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import func, select

from app.models import OutboxMutation, SyncConflict, SyncCursor, SyncReceipt, Ticket, TicketLink, WorklogEntry
from app.store import open_store
from app.sync.apply import apply_page
from app.sync.conflicts import open_conflicts
from app.sync.engine import _wire, pull_changes, saved_cursor, sync_once
from app.tickets import ops, queue, worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter


def _create(node, title="Laptop will not boot", **fields):
    with node.store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=node.me,
                                     group_id=node.group, **fields).id


def _edit(node, ticket_id, **changes):
    with node.store.session() as s:
        tickets.update_ticket(s, ticket_id=ticket_id, changes=changes, actor_id=node.me)


def _ticket(node, ticket_id):
    with node.store.session() as s:
        return s.scalar(select(Ticket).where(Ticket.id == ticket_id))


def _outbox(node) -> int:
    with node.store.session() as s:
        return s.scalar(select(func.count()).select_from(OutboxMutation))


def _notes(node, ticket_id) -> list[str]:
    with node.store.session() as s:
        return sorted(s.scalars(select(WorklogEntry.body).where(WorklogEntry.ticket_id == ticket_id)))


def test_an_offline_create_and_edit_reaches_the_other_desk_with_the_server_number(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann, description="Black screen")  # offline: nothing pushed yet
    _edit(ann, tid, urgency=1, title="Laptop will not boot at all")
    assert _outbox(ann) == 2
    report = ann.sync()
    assert report.pushed == 2 and report.statuses == {"applied": 2}
    assert _outbox(ann) == 0
    number = report.numbers[tid]
    assert _ticket(ann, tid).number == number
    ben.sync()
    seen = _ticket(ben, tid)
    assert (seen.number, seen.title, seen.urgency, seen.description) == \
        (number, "Laptop will not boot at all", 1, "Black screen")
    assert _outbox(ben) == 0  # pulled rows are the server's truth, never local edits
    with ann.store.session() as s:
        assert {r.status for r in s.scalars(select(SyncReceipt))} == {"applied"}


def test_edits_of_different_fields_on_both_desks_converge_with_both(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann)
    ann.sync(), ben.sync()
    _edit(ann, tid, title="Dock fails")
    _edit(ben, tid, impact=1)
    ann.sync(), ben.sync(), ann.sync()
    for node in (ann, ben):
        t = _ticket(node, tid)
        assert (t.title, t.impact) == ("Dock fails", 1)
        with node.store.session() as s:  # the pulled title is what search finds (FTS update trigger)
            flt = QueueFilter(text="Dock")
            assert queue.count_tickets(s, flt=flt, me=node.me, has_fts=node.store.has_fts) == 1
        with node.store.session() as s:
            assert s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.ticket_id == tid)) == 0


def test_the_same_field_changed_on_both_desks_is_a_conflict_record_not_an_overwrite(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann, title="Printer offline")
    ann.sync(), ben.sync()
    _edit(ann, tid, title="Printer offline on floor 2")
    _edit(ben, tid, title="Printer jammed")
    ann.sync()
    report = ben.sync()
    assert report.statuses == {"conflict": 1}
    with ben.store.session() as s:
        records = s.scalars(select(SyncConflict).where(SyncConflict.ticket_id == tid)).all()
    assert [(r.kind, r.field, json.loads(r.base), json.loads(r.theirs), json.loads(r.mine), r.status)
            for r in records] == [("conflict", "title", "Printer offline", "Printer offline on floor 2",
                                   "Printer jammed", "open")]
    assert _ticket(ben, tid).title == "Printer offline on floor 2"  # the server's value, shown again
    with ben.store.session() as s:
        inbox = [c for c in open_conflicts(s) if c["ticket_id"] == tid]
    assert [(c["field"], c["base"], c["theirs"], c["mine"]) for c in inbox] == \
        [("title", "Printer offline", "Printer offline on floor 2", "Printer jammed")]
    ann.sync()
    assert _ticket(ann, tid).title == "Printer offline on floor 2"
    with ann.store.session() as s:  # ben's conflict, not ann's
        assert s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.ticket_id == tid)) == 0


def test_worklog_notes_from_both_desks_appear_once_each_on_both(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann)
    ann.sync(), ben.sync()
    for node, body in ((ann, "Rebooted it"), (ben, "Called the user")):
        with node.store.session() as s:
            worklog.add_worklog(s, ticket_id=tid, kind="note", body=body, actor_id=node.me)
    ann.sync(), ben.sync(), ann.sync(), ben.sync()
    assert _notes(ann, tid) == _notes(ben, tid) == ["Called the user", "Rebooted it"]
    with ben.store.session() as s:  # and the pulled note is searchable (FTS triggers)
        assert queue.count_tickets(s, flt=QueueFilter(text="Rebooted"), me=ben.me, has_fts=ben.store.has_fts) == 1


def test_a_push_whose_reply_was_lost_applies_once(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann)
    with ann.store.session() as s:
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="Only once", actor_id=ann.me)
        pending = [{"seq": m.seq, "mutation_id": m.mutation_id, "entity": m.entity, "entity_id": m.entity_id,
                    "op": m.op, "payload": json.loads(m.payload)}
                   for m in s.scalars(select(OutboxMutation).order_by(OutboxMutation.seq))]
    ann.client.push(ann.store.client_id, pending)  # the reply is lost: nothing recorded locally
    report = ann.sync()
    assert report.pushed == len(pending) and set(report.statuses) == {"applied"}
    ben.sync()
    assert _notes(ben, tid) == _notes(ann, tid) == ["Only once"]
    with ben.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.id == tid)) == 1


def test_a_user_of_another_group_never_receives_the_ticket(desk, nodes):
    ann, carl = nodes(desk, "ann"), nodes(desk, "carl")
    tid = _create(ann, title="Secret of group A")
    ann.sync(), carl.sync()
    assert _ticket(carl, tid) is None
    with carl.store.session() as s:
        assert queue.count_tickets(s, flt=QueueFilter(text="Secret"), me=carl.me, has_fts=carl.store.has_fts) == 0


def test_a_handed_over_ticket_is_evicted_and_a_pending_edit_becomes_a_visible_refusal(desk, nodes):
    ann, ben, carl = nodes(desk, "ann"), nodes(desk, "ben"), nodes(desk, "carl")
    tid = _create(ann)
    ann.sync(), ben.sync()
    _edit(ben, tid, title="Ben was here")  # pending while ann hands the ticket to group B
    _edit(ann, tid, group_id=carl.group)
    ann.sync()
    ben.sync()
    assert _ticket(ben, tid) is None and _ticket(ann, tid) is None
    with ben.store.session() as s:
        record = s.scalar(select(SyncConflict).where(SyncConflict.ticket_id == tid))
    assert (record.kind, record.field, "scope" in record.reason) == ("rejected", "", True)
    assert json.loads(record.mine)["fields"]["title"]["new"] == "Ben was here"
    carl.sync()
    assert _ticket(carl, tid).title == "Laptop will not boot"


def test_a_restarted_desk_keeps_its_cursor_and_its_outbox(desk, nodes):
    ann = nodes(desk, "ann")
    tid = _create(ann)
    cursor = saved_cursor(ann.store, ann.client.server_key)
    assert cursor > 0
    ann.reopen()
    assert saved_cursor(ann.store, ann.client.server_key) == cursor and _outbox(ann) == 1
    report = ann.sync()
    assert report.pushed == 1 and report.numbers[tid] == _ticket(ann, tid).number
    with ann.store.session() as s:
        assert len(s.scalars(select(SyncCursor)).all()) == 1


def test_pending_local_edits_stay_shown_on_top_of_pulled_rows(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid = _create(ann)
    ann.sync(), ben.sync()
    _edit(ann, tid, impact=1)
    _edit(ben, tid, title="Seen by ben first")
    ann.sync()
    # ben pulls ann's impact but has not pushed yet: his title stays shown over the server's row.
    pull_changes(ben.store, ben.client)
    t = _ticket(ben, tid)
    assert (t.title, t.impact) == ("Seen by ben first", 1) and _outbox(ben) == 1


def test_two_desks_converge_on_postgresql(pg_desk, nodes):
    ann, ben = nodes(pg_desk, "ann", "-pg"), nodes(pg_desk, "ben", "-pg")
    tid = _create(ann)
    ann.sync(), ben.sync()
    _edit(ben, tid, urgency=2)
    with ann.store.session() as s:
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="On PostgreSQL", actor_id=ann.me)
    ben.sync(), ann.sync(), ben.sync()
    for node in (ann, ben):
        assert _ticket(node, tid).urgency == 2 and _notes(node, tid) == ["On PostgreSQL"]
    assert sync_once(ann.store, ann.client).pushed == 0


def test_a_desk_that_pulled_numbers_still_creates_tickets_and_gets_server_numbers(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    _create(ben, title="Ben's own first")  # ben's desk starts its number sequence
    ben.sync()
    for i in range(3):
        _create(ann, title=f"Pulled {i}")
    ann.sync(), ben.sync()
    mine = _create(ben, title="Created after the pull")  # must not collide with a pulled number
    report = ben.sync()
    numbers = [n for n in _numbers(ben) if n]
    assert len(numbers) == len(set(numbers)) and report.numbers[mine] == _ticket(ben, mine).number


def _numbers(node) -> list[str | None]:
    with node.store.session() as s:
        return list(s.scalars(select(Ticket.number)))


def test_a_first_sync_with_priority_first_shows_the_users_own_open_tickets(desk, nodes):
    ann = nodes(desk, "ann")
    tid = _create(ann, title="Mine, urgent", assignee_id=ann.me, impact=1, urgency=1)
    ann.sync()
    fresh = nodes(desk, "ann", "-fresh")  # a second install of ann's: its first sync was a plain one
    assert _ticket(fresh, tid).title == "Mine, urgent"
    other = open_store(fresh.path.with_name("ann-priority.sqlite3"))
    try:
        with other.session() as s:  # the head start alone: shown before any reference data is local
            apply_page(s, fresh.client.pull(0, priority_first=True))
        with other.session() as s:
            assert s.scalar(select(Ticket.title).where(Ticket.id == tid)) == "Mine, urgent"
        seen: list[str] = []
        report = sync_once(other, fresh.client, priority_first=True,
                           progress=lambda phase, done, total: seen.append(phase))
        assert tid in report.changed_ticket_ids and report.cursor > 0 and "pull" in seen
        with other.session() as s:
            t = s.scalar(select(Ticket).where(Ticket.id == tid))
            assert (t.title, t.assignee_id, t.group_id) == ("Mine, urgent", ann.me, ann.group)
    finally:
        other.close()


def _links(node) -> set[tuple[str, str, str]]:
    with node.store.session() as s:
        return set(s.execute(select(TicketLink.source_id, TicketLink.target_id, TicketLink.kind)).all())


def test_a_removed_link_leaves_every_desk_and_a_retry_is_harmless(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        a = tickets.create_ticket(s, ticket_type="incident", title="Printer jams", actor_id=ann.me, group_id=ann.group)
        b = tickets.create_ticket(s, ticket_type="incident", title="Printer jams again", actor_id=ann.me,
                                  group_id=ann.group)
        ops.link(s, source_id=b.id, target_number=a.number, kind="duplicate_of", actor_id=ann.me)
        ids = (a.id, b.id)
    ann.sync()
    ben.sync()
    assert _links(ben) == {(ids[1], ids[0], "duplicate_of")}

    with ben.store.session() as s:
        link_id = s.scalar(select(TicketLink.id))
        ops.unlink(s, link_id=link_id, actor_id=ben.me)
        sent = s.scalar(select(OutboxMutation).where(OutboxMutation.entity == "ticket_link"))
        mutation = _wire(sent)
    assert ben.sync().statuses == {"applied": 1}
    assert _links(ben) == set()
    ann.sync()
    assert _links(ann) == set()

    # The same delete again (a retry whose first answer was lost, under a new mutation id): applied, no change.
    again = dict(mutation, mutation_id=str(uuid.uuid4()), seq=mutation["seq"] + 1000)
    outcome = ben.client.push(ben.store.client_id, [again])
    assert [r["status"] for r in outcome["receipts"]] == ["applied"], outcome
    ann.sync()
    assert _links(ann) == set()
