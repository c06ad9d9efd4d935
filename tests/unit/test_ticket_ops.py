"""The ticket editor's named operations and queries: what each transaction holds and what it gives back."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import (
    Attachment,
    Draft,
    OutboxMutation,
    SyncConflict,
    TicketLink,
    WorklogEntry,
)
from app.sync import marks as sync_marks
from app.sync.conflicts import handle_receipt
from app.tickets import drafts
from app.tickets import ops as ticket_ops
from app.tickets import queries as ticket_queries
from app.tickets import writes as tickets
from app.tickets.records import TicketDetail
from core.errors import NotFoundError, StaleEditError, ValidationError
from tests.unit.factories import journal_counts


@pytest.fixture
def tid(store, me):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title="Mail down", actor_id=me).id


def _number(store, ticket_id):
    with store.session() as s:
        return tickets.get_ticket(s, ticket_id).number


def test_create_returns_the_new_tickets_id_row_and_number(store, me):
    with store.session() as s:
        created = ticket_ops.create(s, ticket_type="problem", title="Backups fail", actor_id=me,
                                    fields={"impact": 1, "urgency": 1, "channel": "phone"})
    assert dataclasses.is_dataclass(created) and created.number.startswith("PRB")
    with store.session() as s:
        ticket = tickets.get_ticket(s, created.id)
        assert (ticket.row_id, ticket.number, ticket.title, ticket.channel) == \
            (created.row_id, created.number, "Backups fail", "phone")


def test_create_refuses_a_bad_field_and_writes_nothing(store, me):
    with store.session() as s:
        before = journal_counts(s)
    with pytest.raises(ValidationError), store.session() as s:
        ticket_ops.create(s, ticket_type="incident", title="  ", actor_id=me, fields={})
    with store.session() as s:
        assert journal_counts(s) == before


def test_save_edit_saves_drops_the_draft_and_returns_the_stored_ticket(store, me, tid):
    with store.session() as s:
        drafts.save_draft(s, key=tid, payload={"fields": {"title": "Mail down for all"}})
        seen = tickets.get_ticket(s, tid).updated_at
    with store.session() as s:
        detail = ticket_ops.save_edit(s, ticket_id=tid, changes={"title": "Mail down for all"}, actor_id=me,
                                      expected_updated_at=seen)
    assert isinstance(detail, TicketDetail)
    assert detail.title == "Mail down for all" and detail.updated_at > seen
    with store.session() as s:
        assert s.get(Draft, tid) is None
        assert tickets.get_ticket(s, tid).title == "Mail down for all"


def test_a_refused_save_keeps_the_draft_and_the_ticket(store, me, tid):
    with store.session() as s:
        drafts.save_draft(s, key=tid, payload={"fields": {"title": "Mine"}})
        seen = tickets.get_ticket(s, tid).updated_at
    with store.session() as s:  # someone else saved meanwhile
        tickets.update_ticket(s, ticket_id=tid, changes={"title": "Theirs"}, actor_id=me)
    with pytest.raises(StaleEditError), store.session() as s:
        ticket_ops.save_edit(s, ticket_id=tid, changes={"title": "Mine"}, actor_id=me, expected_updated_at=seen)
    with pytest.raises(ValidationError), store.session() as s:
        ticket_ops.save_edit(s, ticket_id=tid, changes={"title": ""}, actor_id=me)
    with store.session() as s:
        assert drafts.get_draft(s, key=tid).payload == {"fields": {"title": "Mine"}}
        assert tickets.get_ticket(s, tid).title == "Theirs"


def test_add_entry_attach_file_and_link_return_plain_ids(store, me, tid, tmp_path):
    with store.session() as s:
        other = tickets.create_ticket(s, ticket_type="problem", title="Mail server", actor_id=me)
        other_id, other_number = other.id, other.number
    source = tmp_path / "log.txt"
    source.write_text("boom")
    with store.session() as s:
        entry_id = ticket_ops.add_entry(s, ticket_id=tid, kind="note", body="Looked at it", actor_id=me,
                                        time_spent_minutes=5)
        attachment_id = ticket_ops.attach_file(s, blob_dir=tmp_path / "blobs", ticket_id=tid, source=source,
                                               actor_id=me)
        linked = ticket_ops.link(s, source_id=tid, target_number=other_number.lower(), kind="caused_by",
                                 actor_id=me)
    assert all(isinstance(v, str) for v in (entry_id, attachment_id, linked))
    assert linked == other_id
    with store.session() as s:
        assert s.get(WorklogEntry, entry_id).time_spent_minutes == 5
        assert s.get(Attachment, attachment_id).file_name == "log.txt"
        assert s.scalars(select(TicketLink.target_id).where(TicketLink.source_id == tid)).all() == [other_id]


def test_editor_ticket_brings_the_draft_only_when_asked(store, me, tid):
    with store.session() as s:
        drafts.save_draft(s, key=tid, payload={"worklog": {"kind": "note", "body": "half"}})
    with store.session() as s:
        first = ticket_queries.editor_ticket(s, ticket_id=tid, with_draft=True)
        again = ticket_queries.editor_ticket(s, ticket_id=tid, with_draft=False)
    assert first.detail.id == again.detail.id == tid
    assert first.draft.payload == {"worklog": {"kind": "note", "body": "half"}}
    assert again.draft is None
    with pytest.raises(NotFoundError), store.session() as s:
        ticket_queries.editor_ticket(s, ticket_id="gone", with_draft=True)


def test_sync_marks_count_open_conflicts_and_name_the_refusal(store, me, tid):
    with store.session() as s:
        assert sync_marks.sync_marks(s, ticket_id=tid) == sync_marks.SyncMarks(conflicts=0, refusal=None)
        for n, status in enumerate(("open", "open", "resolved")):
            s.add(SyncConflict(kind="conflict", ticket_id=tid, entity="ticket", entity_id=tid, op="update",
                               field="title", base=json.dumps("a"), theirs=json.dumps("b"), mine=json.dumps("c"),
                               reason=None, mutation_id=f"m{n}", status=status))
        [mutation] = s.scalars(select(OutboxMutation).where(OutboxMutation.entity_id == tid)).all()
        handle_receipt(s, mutation, {"mutation_id": mutation.mutation_id, "seq": mutation.seq,
                                     "status": "rejected", "reason": "not in your scope"})
    with store.session() as s:
        marks = sync_marks.sync_marks(s, ticket_id=tid)
    assert marks.conflicts == 2
    assert (marks.refusal.reason, marks.refusal.count, marks.refusal.create_refused) == \
        ("not in your scope", 1, True)


def test_ticket_id_for_number_is_forgiving_about_case_and_names_a_missing_number(store, me, tid):
    number = _number(store, tid)
    with store.session() as s:
        assert ticket_queries.ticket_id_for_number(s, number=f" {number.lower()} ") == tid
    with pytest.raises(NotFoundError, match="INC404"), store.session() as s:
        ticket_queries.ticket_id_for_number(s, number="INC404")


def test_latest_draft_is_the_newest_under_the_prefix(store):
    with store.session() as s:
        assert drafts.latest_draft(s, prefix="new:") is None
        drafts.save_draft(s, key="new:a", payload={"fields": {"title": "older"}})
        drafts.save_draft(s, key="new:b", payload={"fields": {"title": "newer"}})
        drafts.save_draft(s, key="ticket-1", payload={"fields": {"title": "an editor's"}})
        drafts.save_draft(s, key="new_x", payload={"fields": {"title": "looks alike"}})
        s.flush()
        rows = {r.key: r for r in s.scalars(select(Draft))}
        base = rows["new:a"].updated_at
        for offset, key in enumerate(("new_x", "new:a", "new:b", "ticket-1")):
            rows[key].updated_at = base + timedelta(seconds=offset)
    with store.session() as s:
        found = drafts.latest_draft(s, prefix="new:")
        assert (found.key, found.payload) == ("new:b", {"fields": {"title": "newer"}})
        assert drafts.latest_draft(s, prefix="new_").key == "new_x"  # "_" is no wildcard
