"""Finding incidents to link from a problem, on a real store: the queue's search syntax (words, phrases,
-word, a number) through the full-text index and through the LIKE fallback, hostile text, what each row
says about its current problem, and the plan of the read."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.models import Ticket
from app.problems import ops
from app.problems.incident_search import search_incidents
from app.tickets import writes as tickets
from tests.unit.factories import ticket_in_state


@pytest.fixture
def desk(store, me):
    with store.session() as s:
        problem = tickets.create_ticket(s, ticket_type="problem", title="VPN drops", actor_id=me)
        other = tickets.create_ticket(s, ticket_type="problem", title="Printer queue", actor_id=me)
        a = tickets.create_ticket(s, ticket_type="incident", title="VPN tunnel drops every hour", actor_id=me)
        b = tickets.create_ticket(s, ticket_type="incident", title="vpn client crashes on login", actor_id=me)
        c = tickets.create_ticket(s, ticket_type="incident", title="Printer jams", actor_id=me)
        request = tickets.create_ticket(s, ticket_type="service_request", title="New VPN token", actor_id=me)
        closed = ticket_in_state(s, "incident", "resolved", me)
        tickets.update_ticket(s, ticket_id=closed.id, actor_id=me, changes={"title": "VPN tunnel slow"})
        tickets.update_ticket(s, ticket_id=closed.id, actor_id=me, changes={"state": "closed"})
        tickets.update_ticket(s, ticket_id=b.id, actor_id=me, changes={"problem_id": other.id})
        return {"problem": problem.id, "other_number": other.number, "a": a.id, "b": b.id, "c": c.id,
                "request": request.id, "closed": closed.id, "a_number": a.number}


@pytest.mark.parametrize("has_fts", [True, False])
def test_finds_incidents_only_open_first_with_their_problem(store, desk, has_fts):
    with store.session() as s:
        found = search_incidents(s, problem_id=desk["problem"], text="vpn", has_fts=has_fts)
    ids = [i.id for i in found.items]
    assert set(ids) == {desk["a"], desk["b"], desk["closed"]}  # not the request, not the printer
    assert ids[-1] == desk["closed"]  # open ones first
    by_id = {i.id: i for i in found.items}
    assert by_id[desk["b"]].problem_number == desk["other_number"] and not by_id[desk["b"]].linked_here
    assert by_id[desk["a"]].problem_number is None and not found.more


@pytest.mark.parametrize("has_fts", [True, False])
def test_search_syntax_phrase_exclusion_and_number(store, desk, has_fts):
    with store.session() as s:
        def ids(q):
            return {i.id for i in search_incidents(s, problem_id=desk["problem"], text=q, has_fts=has_fts).items}
        assert ids('"tunnel drops"') == {desk["a"]}
        assert ids("vpn -crashes -slow") == {desk["a"]}
        assert ids("printer OR crashes") == {desk["b"], desk["c"]}
        assert ids(desk["a_number"]) == {desk["a"]}
        assert ids(desk["a_number"].lstrip("INC").lstrip("0")) == {desk["a"]}  # its digits alone


@pytest.mark.parametrize("hostile", ['"', "*", "%_", "NEAR(a b)", "')); DROP TABLE ticket; --", "OR", "-", "💥"])
def test_hostile_text_finds_nothing_or_searches_safely(store, desk, hostile):
    with store.session() as s:
        found = search_incidents(s, problem_id=desk["problem"], text=hostile, has_fts=True)
        assert all(i.id in {desk["a"], desk["b"], desk["c"], desk["closed"]} for i in found.items)
        assert s.scalar(select(Ticket.id).where(Ticket.id == desk["a"])) is not None


def test_empty_text_finds_nothing_and_says_why(store, desk):
    with store.session() as s:
        assert search_incidents(s, problem_id=desk["problem"], text="", has_fts=True).items == ()
        found = search_incidents(s, problem_id=desk["problem"], text="%%", has_fts=True)
    assert found.items == () and found.ignored


def test_linked_incident_shows_as_linked_here_and_the_batch_undoes(store, desk, me):
    with store.session() as s:
        result = ops.link_incidents(s, problem_id=desk["problem"], incident_ids=[desk["a"], desk["b"]], actor_id=me)
        found = {i.id: i for i in search_incidents(s, problem_id=desk["problem"], text="vpn", has_fts=True).items}
        assert found[desk["a"]].linked_here and found[desk["b"]].linked_here
        ops.undo_batch(s, batch_id=result.batch_id, actor_id=me)
        found = {i.id: i for i in search_incidents(s, problem_id=desk["problem"], text="vpn", has_fts=True).items}
    assert not found[desk["a"]].linked_here and found[desk["b"]].problem_number == desk["other_number"]


def test_limit_reports_more(store, desk, me):
    with store.session() as s:
        for i in range(5):
            tickets.create_ticket(s, ticket_type="incident", title=f"VPN again {i}", actor_id=me)
        found = search_incidents(s, problem_id=desk["problem"], text="vpn", has_fts=True, limit=3)
    assert len(found.items) == 3 and found.more


def test_plan_walks_the_type_index(store, desk):
    from sqlalchemy.dialects import sqlite

    from app.tickets.search import search_clause
    with store.session() as s:
        stmt = (select(Ticket.id).where(Ticket.type == "incident",
                                        search_clause("tunnel", has_fts=True, walk_sort_index=True))
                .order_by(Ticket.updated_at.desc()).limit(51))
        compiled = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        plan = " ".join(r[-1] for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_ticket_type" in plan and "TEMP B-TREE" not in plan, plan
