"""Links between tickets: by number, the three kinds, and the links that are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.tickets import links
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from core.errors import NotFoundError, ValidationError
from tests.unit.factories import audit, journal_counts


@pytest.fixture
def made(store, me):
    with store.session() as s:
        out = {name: tickets.create_ticket(s, ticket_type=kind, title=name, actor_id=me)
               for name, kind in (("a", "incident"), ("b", "incident"), ("c", "incident"), ("d", "incident"),
                                  ("req", "service_request"), ("prb", "problem"))}
        return {k: (t.id, t.number) for k, t in out.items()}


def _link(store, me, src, number, kind):
    with store.session() as s:
        return links.add_link(s, source_id=src, target_number=number, kind=kind, actor_id=me).id


@pytest.mark.parametrize(("kind", "target"), [("child_of", "b"), ("duplicate_of", "b"), ("caused_by", "prb"),
                                              ("child_of", "req"), ("duplicate_of", "prb")])
def test_each_kind_links_by_number_and_shows_on_both_sides(store, me, made, kind, target):
    (a_id, a_no), (t_id, t_no) = made["a"], made[target]
    _link(store, me, a_id, t_no, kind)
    with store.session() as s:
        [out] = ticket_detail(s, ticket_id=a_id).links
        [inc] = ticket_detail(s, ticket_id=t_id).links
        assert (out.kind, out.direction, out.other_id, out.other_number, out.other_state) == \
            (kind, "out", t_id, t_no, "New")
        assert (inc.kind, inc.direction, inc.other_id, inc.other_number) == (kind, "in", a_id, a_no)
        [event] = [e for e in audit(s, a_id) if e.field == "link"]
        assert t_no in event.new_value and event.actor_id == me


@pytest.mark.parametrize("typed", ["{n}", " {n} ", "{lower}"])
def test_the_number_may_be_typed_loosely(store, me, made, typed):
    number = made["b"][1]
    _link(store, me, made["a"][0], typed.format(n=number, lower=number.lower()), "child_of")


def _refused(store, me, src, number, kind, match):
    with store.session() as s:
        before = journal_counts(s)
        links_before = s.execute(text("SELECT count(*) FROM ticket_link")).scalar_one()
        with pytest.raises((ValidationError, NotFoundError), match=match):
            links.add_link(s, source_id=src, target_number=number, kind=kind, actor_id=me)
        assert journal_counts(s) == before
        assert s.execute(text("SELECT count(*) FROM ticket_link")).scalar_one() == links_before


def test_self_link_is_refused(store, me, made):
    _refused(store, me, made["a"][0], made["a"][1], "duplicate_of", "itself")


def test_duplicate_link_is_refused_either_way_round(store, me, made):
    _link(store, me, made["a"][0], made["b"][1], "child_of")
    _refused(store, me, made["a"][0], made["b"][1], "child_of", "already linked")
    _refused(store, me, made["a"][0], made["b"][1], "duplicate_of", "already linked")
    _refused(store, me, made["b"][0], made["a"][1], "child_of", "already linked")


@pytest.mark.parametrize("target", ["b", "req"])
def test_caused_by_must_target_a_problem(store, me, made, target):
    _refused(store, me, made["a"][0], made[target][1], "caused_by", "problem")


def test_unknown_kind_and_unknown_number(store, me, made):
    _refused(store, me, made["a"][0], made["b"][1], "blocks", "Unknown link type")
    _refused(store, me, made["a"][0], "INC9999999", "child_of", "INC9999999")
    _refused(store, me, made["a"][0], "", "child_of", "No ticket")
    with store.session() as s, pytest.raises(NotFoundError):
        links.add_link(s, source_id="missing", target_number=made["b"][1], kind="child_of", actor_id=me)


def test_child_of_cycles_are_refused(store, me, made):
    a, b, c, d = (made[k] for k in "abcd")
    _link(store, me, a[0], b[1], "child_of")  # a below b
    _link(store, me, b[0], c[1], "child_of")  # b below c
    _link(store, me, c[0], d[1], "child_of")  # c below d
    _refused(store, me, d[0], a[1], "child_of", "loop")  # d below a would close a-b-c-d-a
    _refused(store, me, c[0], a[1], "child_of", "loop")
    # Other kinds are not a hierarchy, and a sibling branch is fine.
    _link(store, me, d[0], a[1], "duplicate_of")
    _link(store, me, made["req"][0], d[1], "child_of")


def test_links_go_when_a_ticket_is_deleted(store, me, made):
    _link(store, me, made["a"][0], made["b"][1], "child_of")
    with store.session() as s:
        s.execute(text("DELETE FROM ticket WHERE id = :id"), {"id": made["b"][0]})
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM ticket_link")).scalar_one() == 0
        assert ticket_detail(s, ticket_id=made["a"][0]).links == ()
