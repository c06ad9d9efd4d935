"""Saved queue views and autosaved drafts, including what was damaged on disk."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import text

from app.models import Draft, SavedView
from app.tickets import drafts, queue, views
from app.tickets.queue import BUILTIN_VIEWS, ME, MY_GROUPS, UNASSIGNED, QueueFilter, QueueSort
from core.errors import NotFoundError, ValidationError

FLT = QueueFilter(types=("incident", "problem"), states=("new",), priorities=(1, 2), group_ids=(MY_GROUPS,),
                  assignee_ids=(ME, UNASSIGNED), open_only=True, updated_within_days=14, text="vpn \"quoted\"")


def _saved(session, owner):
    return [v for v in views.list_views(session, owner_id=owner) if not v.builtin]


def test_builtins_come_first(store, me):
    with store.session() as s:
        listed = views.list_views(s, owner_id=me)
    assert [v.key for v in listed] == [v.key for v in BUILTIN_VIEWS]
    assert all(v.builtin for v in listed)


def test_save_list_overwrite_delete(store, me):
    with store.session() as s:
        a = views.save_view(s, name="  My P1s  ", flt=FLT, sort=QueueSort("priority", False), owner_id=me)
        b = views.save_view(s, name="Network", flt=QueueFilter(text="switch"), sort=QueueSort(), owner_id=me)
        views.save_view(s, name="Someone else's", flt=QueueFilter(), sort=QueueSort(), owner_id="other")
    assert (a.name, a.filter, a.sort, a.builtin) == ("My P1s", FLT, QueueSort("priority", False), False)
    with store.session() as s:
        assert [(v.key, v.name, v.filter, v.sort) for v in _saved(s, me)] == \
            [(a.key, a.name, a.filter, a.sort), (b.key, b.name, b.filter, b.sort)]
        # Saving under an existing name overwrites that view instead of adding one.
        again = views.save_view(s, name="My P1s", flt=QueueFilter(open_only=False), sort=QueueSort("number", True),
                                owner_id=me)
        assert again.key == a.key
    with store.session() as s:
        mine = _saved(s, me)
        assert [v.name for v in mine] == ["My P1s", "Network"]
        assert (mine[0].filter, mine[0].sort) == (QueueFilter(open_only=False), QueueSort("number", True))
        views.delete_view(s, view_id=a.key)
    with store.session() as s:
        assert [v.name for v in _saved(s, me)] == ["Network"]
        assert [v.name for v in _saved(s, "other")] == ["Someone else's"]
        with pytest.raises(NotFoundError):
            views.delete_view(s, view_id=a.key)
        with pytest.raises(NotFoundError):
            views.delete_view(s, view_id="my_open")


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_view_needs_a_sensible_name(store, me, name):
    with store.session() as s:
        with pytest.raises(ValidationError):
            views.save_view(s, name=name, flt=QueueFilter(), sort=QueueSort(), owner_id=me)
        assert _saved(s, me) == []


@pytest.mark.parametrize("definition", [
    "", "not json", "{", "null", "[]", "42", '"a string"', '{"filter": [], "sort": []}',
    '{"filter": {"types": "incident", "priorities": ["x", 1], "open_only": "yes", "text": 7,'
    ' "updated_within_days": "soon"}, "sort": {"key": 5, "descending": "no"}}',
    '{"filter": {"updated_within_days": 99999999999}}',
    '{"filter": {"group_ids": [null, 3, {"a": 1}]}, "sort": "updated_at"}',
])
def test_a_damaged_definition_falls_back_to_a_view_that_runs(store, me, definition):
    with store.session() as s:
        s.add(SavedView(name="Damaged", owner_id=me, definition=definition, position=1))
    with store.session() as s:
        [view] = _saved(s, me)
        assert view.name == "Damaged"
        assert isinstance(view.filter, QueueFilter) and isinstance(view.sort, QueueSort)
        # What the views panel does with every view: count it, and list its rows.
        count = queue.count_tickets(s, flt=view.filter, me=me, has_fts=store.has_fts)
        ids = queue.ticket_ids(s, flt=view.filter, sort=view.sort, me=me, has_fts=store.has_fts)
        assert count == len(ids) == 0


def test_draft_save_get_overwrite_discard(store):
    payload = {"title": "Half typed", "impact": 2, "notes": ["a", "b"], "nested": {"x": None}}
    with store.session() as s:
        assert drafts.get_draft(s, key="new:1") is None
        drafts.save_draft(s, key="new:1", payload=payload)
        drafts.save_draft(s, key="ticket-2", payload={"title": "Other"})
    with store.session() as s:
        got = drafts.get_draft(s, key="new:1")
        assert got.payload == payload and got.key == "new:1" and got.updated_at.tzinfo is not None
        drafts.save_draft(s, key="new:1", payload={"title": "Fully typed"})
    with store.session() as s:
        got = drafts.get_draft(s, key="new:1")
        assert got.payload == {"title": "Fully typed"} and got.updated_at.tzinfo is not None
        assert [d.key for d in drafts.list_drafts(s)] == ["ticket-2", "new:1"]
        drafts.discard_draft(s, key="new:1")
        drafts.discard_draft(s, key="never-saved")
    with store.session() as s:
        assert drafts.get_draft(s, key="new:1") is None
        assert s.execute(text("SELECT count(*) FROM draft")).scalar_one() == 1


def test_a_draft_with_values_json_cannot_hold_is_still_saved(store):
    from datetime import datetime

    with store.session() as s:
        drafts.save_draft(s, key="k", payload={"when": datetime(2026, 1, 2, tzinfo=UTC), "text": "é🎫\x00"})
    with store.session() as s:
        assert drafts.get_draft(s, key="k").payload == {"when": "2026-01-02 00:00:00+00:00", "text": "é🎫\x00"}


@pytest.mark.parametrize(("raw", "expected"), [
    ("not json {", {"unreadable": "not json {"}),
    ("", {"unreadable": ""}),
    ("[1, 2]", {}),
    ("null", {}),
    ('"text"', {}),
])
def test_an_unreadable_draft_is_handed_back_not_lost(store, raw, expected):
    with store.session() as s:
        s.add(Draft(key="bad", payload=raw))
        drafts.save_draft(s, key="good", payload={"a": 1})
    with store.session() as s:
        assert drafts.get_draft(s, key="bad").payload == expected
        assert {d.key: d.payload for d in drafts.list_drafts(s)} == {"bad": expected, "good": {"a": 1}}
