"""The queue's named queries and the bulk-edit operation on selected rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Ticket
from app.tickets import bulk_edit, queue
from app.tickets import writes as tickets
from app.tickets.queue import ME, QueueFilter


@pytest.fixture
def three(store, me):
    """Three new incidents, the first assigned to me; (row id, id, number) each."""
    with store.session() as s:
        made = [tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=me,
                                      assignee_id=me if i == 0 else None)
                for i, title in enumerate(["Printer jams", "VPN drops", "Mail bounces"])]
        return [(t.row_id, t.id, t.number) for t in made]


def test_view_counts_gives_each_filter_its_count(store, me, three):
    filters = {"all": QueueFilter(), "mine": QueueFilter(assignee_ids=(ME,)), "text": QueueFilter(text="vpn")}
    with store.session() as s:
        counts = queue.view_counts(s, filters=filters, me=me, has_fts=store.has_fts)
    assert counts == {"all": 3, "mine": 1, "text": 1}


def test_bulk_apply_to_rows_leaves_out_rows_gone_and_undoes_as_one_batch(store, me, three):
    (row_a, id_a, _), _, (row_c, _, _) = three
    gone = row_c + 1000  # a row the selection held that a sync pull has taken away since
    with store.session() as s:
        result = bulk_edit.apply_to_rows(s, row_ids=[row_c, gone, row_a], changes={"urgency": 1}, actor_id=me)
    assert result.changed == (row_c, row_a) and result.skipped == ()
    with store.session() as s:
        undone = bulk_edit.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        assert sorted(undone.changed) == sorted([row_a, row_c])
        assert s.scalar(select(Ticket.urgency).where(Ticket.id == id_a)) == 3


def test_ticket_id_for_row(store, me, three):
    (row, tid, _number), *_ = three
    with store.session() as s:
        assert queue.ticket_id_for_row(s, row_id=row) == tid
        assert queue.ticket_id_for_row(s, row_id=row + 1000) is None
