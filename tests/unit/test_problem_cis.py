"""A problem's affected CIs on a real store: set, audited and queued as one `ci_ids` edit, refused for a
non-problem, a closed problem or a CI that is gone; the detail, similar incidents and the known-error banner
read every one of them; the set merge rule itself."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.models import AuditEvent, ConfigurationItem, OutboxMutation
from app.problems import ops, queries
from app.problems.cis import all_ci_ids, problem_ci_ids, set_problem_cis
from app.problems.similar import similar_incidents
from app.tickets import writes as tickets
from core.errors import ValidationError
from core.problems.rules import merge_ci_sets, parse_ci_ids
from tests.unit.factories import ticket_in_state


def _ci(s, name):
    ci = ConfigurationItem(name=name)
    s.add(ci)
    s.flush()
    return ci.id


@pytest.fixture
def cis(store):
    with store.session() as s:
        return [_ci(s, n) for n in ("db-01", "web-01", "dns-01")]


def test_set_is_audited_and_queued_as_one_field_edit(store, me, cis):
    with store.session() as s:
        p = tickets.create_ticket(s, ticket_type="problem", title="Slow orders", actor_id=me, ci_id=cis[0])
        assert set_problem_cis(s, ticket_id=p.id, ci_ids=[cis[2], cis[1], cis[1]], actor_id=me) == \
            tuple(sorted(cis[1:]))
        assert set_problem_cis(s, ticket_id=p.id, ci_ids=",".join(cis[1:]), actor_id=me) == tuple(sorted(cis[1:]))
        assert all_ci_ids(s, p) == (cis[0], *sorted(cis[1:]))
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == p.id, AuditEvent.field == "ci_ids")).all()
        assert [(e.old_value, e.new_value) for e in events] == [("", ",".join(sorted(cis[1:])))]  # the no-op: none
        payloads = [json.loads(m.payload) for m in s.scalars(select(OutboxMutation).where(
            OutboxMutation.entity_id == p.id, OutboxMutation.op == "update"))]
        assert {"base": "", "new": ",".join(sorted(cis[1:]))} in [pl["fields"].get("ci_ids") for pl in payloads]


def test_refused_for_an_incident_a_closed_problem_and_a_missing_ci(store, me, cis):
    with store.session() as s:
        inc = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me)
        with pytest.raises(ValidationError, match="Only a problem"):
            set_problem_cis(s, ticket_id=inc.id, ci_ids=[cis[0]], actor_id=me)
        p = tickets.create_ticket(s, ticket_type="problem", title="y", actor_id=me)
        with pytest.raises(ValidationError, match="no longer exist"):
            set_problem_cis(s, ticket_id=p.id, ci_ids=[cis[0], "gone"], actor_id=me)
        assert problem_ci_ids(s, p.id) == ()
        closed = ticket_in_state(s, "problem", "closed", me)
        with pytest.raises(ValidationError, match="final"):
            set_problem_cis(s, ticket_id=closed.id, ci_ids=[cis[0]], actor_id=me)


def test_save_problem_takes_fields_and_cis_together(store, me, cis):
    with store.session() as s:
        p = tickets.create_ticket(s, ticket_type="problem", title="y", actor_id=me)
        detail = ops.save_problem(s, ticket_id=p.id, changes={"root_cause": "Leak", "ci_ids": cis[:2]},
                                  actor_id=me, expected_updated_at=p.updated_at)
    assert detail.root_cause == "Leak" and {c for c, _ in detail.listed_cis} == set(cis[:2])
    assert set(detail.affected_cis) == {"db-01", "web-01"}


def test_similar_incidents_and_the_known_error_banner_use_every_ci(store, me, cis):
    with store.session() as s:
        p = tickets.create_ticket(s, ticket_type="problem", title="Replication lag", actor_id=me, ci_id=cis[0])
        tickets.update_ticket(s, ticket_id=p.id, actor_id=me, changes={"workaround": "Fail over.",
                                                                        "known_error": True})
        on_dns = tickets.create_ticket(s, ticket_type="incident", title="Lookups time out", actor_id=me, ci_id=cis[2])
        assert on_dns.id not in {i.id for i in similar_incidents(s, ticket_id=p.id, has_fts=True)}
        assert queries.incident_problem(s, ticket_id=on_dns.id).known_errors == ()
        set_problem_cis(s, ticket_id=p.id, ci_ids=[cis[2]], actor_id=me)
        found = {i.id: i for i in similar_incidents(s, ticket_id=p.id, has_fts=True)}
        assert found[on_dns.id].same_ci
        matches = queries.incident_problem(s, ticket_id=on_dns.id).known_errors
        assert [(m.id, m.reason) for m in matches] == [(p.id, "ci")]


def test_the_set_merge_and_its_parse():
    assert merge_ci_sets(("a", "b"), ("a", "b", "x"), ("b", "c")) == ("b", "c", "x")
    assert merge_ci_sets(("a",), (), ("a", "b")) == ("b",)  # removed there meanwhile: stays removed
    assert parse_ci_ids(" b, a ,,a") == ("a", "b") and parse_ci_ids(None) == () and parse_ci_ids([]) == ()
    for bad in (42, [1], {"a": 1}, ",".join(str(i) for i in range(300))):
        with pytest.raises(ValidationError):
            parse_ci_ids(bad)


def test_a_problem_from_incidents_lists_their_other_cis(store, me, cis):
    with store.session() as s:
        made = [tickets.create_ticket(s, ticket_type="incident", title=f"Slow {i}", actor_id=me, ci_id=c)
                for i, c in enumerate((cis[0], cis[0], cis[1], cis[2]))]
        created = ops.create_from_incidents(s, row_ids=[t.row_id for t in made], title="Slowness", actor_id=me)
        detail = queries.problem_detail(s, ticket_id=created.id)
    assert detail.ci_id == cis[0] and {c for c, _ in detail.listed_cis} == set(cis[1:])


def test_type_ahead_walks_the_name_index_and_takes_percent_literally(store, cis):
    from sqlalchemy import text as sql_text
    from sqlalchemy.dialects import sqlite

    from app.problems.cis import ci_choices
    with store.session() as s:
        _ci(s, "100%_uptime")
        def names(text):
            return [label.split(" (")[0] for _, label in ci_choices(s, text=text)]
        assert names("d") == ["db-01", "dns-01"]  # prefix first, by name
        assert set(names("-01")) == {"db-01", "web-01", "dns-01"}
        assert names("%_") == ["100%_uptime"]
        assert ci_choices(s, text="  ") == ()
        stmt = (select(ConfigurationItem.id).where(ConfigurationItem.name.ilike("d%", escape="\\"))
                .order_by(ConfigurationItem.name).limit(20))
        compiled = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        plan = " ".join(r[-1] for r in s.execute(sql_text(f"EXPLAIN QUERY PLAN {compiled}")))
        assert "ix_configuration_item_name" in plan and "TEMP B-TREE" not in plan, plan
        from app.models import problem_ci
        listed = select(problem_ci.c.problem_id).where(problem_ci.c.ci_id == "x")
        compiled = listed.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
        plan = " ".join(r[-1] for r in s.execute(sql_text(f"EXPLAIN QUERY PLAN {compiled}")))
        assert "ix_problem_ci_ci_id" in plan, plan
