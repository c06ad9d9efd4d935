"""Worklog: replies and notes, first response time, what a body may hold, time spent bounds."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.tickets import worklog
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from core.errors import NotFoundError, ValidationError
from tests.unit.factories import journal_counts, outbox


@pytest.fixture
def tid(store, me):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title="Mail down", actor_id=me).id


def test_a_mailed_reply_leaves_the_first_response_to_the_server(store, me, tid):
    """A reply without sent_via is mailed by the team server: answered only once the mail is sent."""
    with store.session() as s:
        entry = worklog.add_worklog(s, ticket_id=tid, kind="reply", body="We are on it.", actor_id=me)
        assert entry.sent_via is None
        assert tickets.get_ticket(s, tid).first_response_at is None
        assert all("first_response_at" not in p["fields"] for _, e, op, p in outbox(s, tid) if op == "update")
        appended = [p["row"] for _, e, op, p in outbox(s, entry.id)]
        assert appended[-1]["sent_via"] is None and "mail_state" not in appended[-1]


@pytest.mark.parametrize("via", ["phone", "in_person", "chat", "other_mail", "other"])
def test_a_reply_given_by_another_channel_is_pushed_with_it(store, me, tid, via):
    with store.session() as s:
        entry = worklog.add_worklog(s, ticket_id=tid, kind="reply", body="Told them", actor_id=me, sent_via=via)
        appended = [p["row"] for _, e, op, p in outbox(s, entry.id)]
        assert appended[-1]["sent_via"] == via
        assert tickets.get_ticket(s, tid).first_response_at is not None


@pytest.mark.parametrize(("kind", "via"), [("note", "phone"), ("reply", "pigeon"), ("reply", "")])
def test_a_channel_only_on_a_reply_and_only_a_known_one(store, me, tid, kind, via):
    with store.session() as s, pytest.raises(ValidationError) as err:
        worklog.add_worklog(s, ticket_id=tid, kind=kind, body="x", actor_id=me, sent_via=via)
    assert err.value.field == "sent_via"


def test_first_reply_given_by_phone_sets_first_response_once(store, me, tid):
    """Old rule: any first public reply set it. Now only a reply given through another channel does
    on the desk (a mailed one is set by the server when its mail is sent)."""
    with store.session() as s:
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="internal look", actor_id=me)
        assert tickets.get_ticket(s, tid).first_response_at is None
    with store.session() as s:
        first = worklog.add_worklog(s, ticket_id=tid, kind="reply", body="We are on it.", actor_id=me,
                                    sent_via="phone")
        first_at = first.created_at
    with store.session() as s:
        t = tickets.get_ticket(s, tid)
        assert t.first_response_at == first_at
        worklog.add_worklog(s, ticket_id=tid, kind="reply", body="Still on it.", actor_id=me, sent_via="chat")
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="note", actor_id=me)
    with store.session() as s:
        assert tickets.get_ticket(s, tid).first_response_at == first_at
        changes = [p["fields"] for _, e, op, p in outbox(s, tid) if op == "update"]
        assert [list(c) for c in changes] == [["first_response_at"]]
        detail = ticket_detail(s, ticket_id=tid)
        assert [w.kind for w in detail.worklog] == ["note", "reply", "reply", "note"]
        assert detail.first_response_at == first_at


def test_a_note_moves_updated_at_but_not_first_response(store, me, tid):
    with store.session() as s:
        entry = worklog.add_worklog(s, ticket_id=tid, kind="note", body="n", actor_id=me)
        t = tickets.get_ticket(s, tid)
        assert t.updated_at == entry.created_at
        assert t.first_response_at is None


@pytest.mark.parametrize("body", ["", "   ", "\n\t\r", "\x00", "\x00\x01\x02\x7f", None, 5, b"bytes"])
def test_an_empty_body_is_refused(store, me, tid, body):
    with store.session() as s:
        before = journal_counts(s)
        with pytest.raises(ValidationError) as err:
            worklog.add_worklog(s, ticket_id=tid, kind="reply", body=body, actor_id=me)
        assert err.value.field == "body"
        assert journal_counts(s) == before
        assert s.execute(text("SELECT count(*) FROM worklog_entry")).scalar_one() == 0
        assert tickets.get_ticket(s, tid).first_response_at is None


def test_control_characters_are_stripped_but_lines_kept(store, me, tid):
    with store.session() as s:
        entry = worklog.add_worklog(s, ticket_id=tid, kind="note", actor_id=me,
                                    body="line\x00 one\r\n\tline two\x1b[0m\x07 — ünïcode 🎫")
        assert entry.body == "line one\r\n\tline two[0m — ünïcode 🎫"
    with store.session() as s:
        assert s.execute(text("SELECT body FROM worklog_entry")).scalar_one() == entry.body


def test_kind_must_be_reply_or_note(store, me, tid):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            worklog.add_worklog(s, ticket_id=tid, kind="email", body="x", actor_id=me)
        assert err.value.field == "kind"


@pytest.mark.parametrize("minutes", [0, 1, 60, 24 * 60 * 7])
def test_time_spent_within_bounds(store, me, tid, minutes):
    with store.session() as s:
        assert worklog.add_worklog(s, ticket_id=tid, kind="note", body="x", actor_id=me,
                                   time_spent_minutes=minutes).time_spent_minutes == minutes


@pytest.mark.parametrize("minutes", [-1, 24 * 60 * 7 + 1, 1.5, "30", None, True])
def test_time_spent_out_of_bounds(store, me, tid, minutes):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            worklog.add_worklog(s, ticket_id=tid, kind="note", body="x", actor_id=me, time_spent_minutes=minutes)
        assert err.value.field == "time_spent_minutes"


def test_body_length_limit(store, me, tid):
    with store.session() as s:
        worklog.add_worklog(s, ticket_id=tid, kind="note", body="x" * worklog.BODY_MAX, actor_id=me)
        with pytest.raises(ValidationError):
            worklog.add_worklog(s, ticket_id=tid, kind="note", body="x" * (worklog.BODY_MAX + 1), actor_id=me)


def test_worklog_on_a_missing_ticket(store, me):
    with store.session() as s, pytest.raises(NotFoundError):
        worklog.add_worklog(s, ticket_id="missing", kind="note", body="x", actor_id=me)
