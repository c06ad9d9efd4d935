"""The change record and its collector (core.feed), and what the journal and services note."""

from types import SimpleNamespace

from app.outbox.journal import OUTBOX, queue_mutation, record_changes, record_event
from app.tickets import views as views_service
from app.tickets.queue import QueueFilter, QueueSort
from core.feed import SYNC, Change, ChangeRecord, collected, merged, note


def _session():
    return SimpleNamespace(info={})


def test_notes_on_one_entity_merge_into_one_change():
    s = _session()
    note(s, "ticket", ["t1"], ["title"])
    note(s, "ticket", ["t2", None], ["state"])
    note(s, "change", ["c1"])
    record = collected(s, initiator=SYNC, operation="pull", actor_id="me")
    assert record == ChangeRecord((Change("change", frozenset({"c1"})),
                                   Change("ticket", frozenset({"t1", "t2"}), frozenset({"title", "state"}))),
                                  initiator=SYNC, operation="pull", actor_id="me")
    assert record.touches("ticket") and record.touches("x", "change") and not record.touches("holiday")
    assert record.ids_of("ticket") == {"t1", "t2"} and record.ids_of("holiday") == frozenset()
    assert record.names("ticket", "t1") and not record.names("ticket", "t3") and not record.names("holiday", "t1")
    assert collected(s) is None  # taken: a session reused for another transaction starts empty


def test_any_row_and_any_field_win_a_merge():
    s = _session()
    note(s, "ticket", ["t1"], ["title"])
    note(s, "ticket", everything=True)
    change = collected(s).change_of("ticket")
    assert change.everything and change.fields == frozenset()
    assert ChangeRecord((change,)).names("ticket", "any id")
    assert merged([Change("a", frozenset({"1"}), frozenset({"f"})), Change("a", frozenset({"2"}))]) == (
        Change("a", frozenset({"1", "2"})),)


def test_nothing_noted_is_no_record():
    assert collected(_session()) is None


def test_the_journal_notes_every_edit_and_its_outbox_row(store):
    with store.session() as s:
        record_changes(s, entity="ticket", entity_id="t1", changes={"title": ("a", "b")}, actor_id=None,
                       batch_id=None)
        record_event(s, entity="change", entity_id="c1", field="link", new="x", actor_id=None)
        queue_mutation(s, entity="worklog_entry", entity_id="w1", op="append", payload={"row": {}})
        record = collected(s)
        s.rollback()
    assert record.names("ticket", "t1") and record.change_of("ticket").fields == {"title"}
    assert record.change_of("change") == Change("change", frozenset({"c1"}), frozenset({"link"}))
    assert record.ids_of(OUTBOX) == {"t1", "w1"} and record.names("worklog_entry", "w1")


def test_local_writes_outside_the_journal_note_too(store):
    with store.session() as s:
        view = views_service.save_view(s, name="Mine", flt=QueueFilter(), sort=QueueSort(), owner_id=None)
        record = collected(s)
    assert record == ChangeRecord((Change("saved_view", frozenset({view.key})),))
