"""Every read of the problem views walks an index (EXPLAIN QUERY PLAN): no scan of the ticket table, no
sort of its rows, whatever the store's size."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from app.kpi import sources as src
from app.kpi.filters import KpiFilter
from app.kpi.periods import Period
from app.kpi.problems import problem_charts
from app.models import ConfigurationItem, Service, Ticket
from app.problems import queries
from app.problems.similar import similar_incidents
from app.tickets import writes as tickets


@pytest.fixture
def statements(store, me):
    with store.session() as s:
        ci, svc = ConfigurationItem(name="app-01"), Service(name="Payroll")
        s.add_all([ci, svc])
        s.flush()
        problem = tickets.create_ticket(s, ticket_type="problem", title="Payroll export fails", actor_id=me,
                                        ci_id=ci.id, service_id=svc.id)
        tickets.update_ticket(s, ticket_id=problem.id, actor_id=me, changes={"workaround": "Export twice.",
                                                                              "known_error": True})
        incident = tickets.create_ticket(s, ticket_type="incident", title="Payroll export failed", actor_id=me,
                                         ci_id=ci.id, service_id=svc.id)
        tickets.update_ticket(s, ticket_id=incident.id, actor_id=me, changes={"problem_id": problem.id})
    seen: list[tuple[str, tuple]] = []

    def hook(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    with store.session() as s:
        event.listen(s.connection(), "before_cursor_execute", hook)
        flt = KpiFilter(incident.created_at.date(), incident.created_at.date(), tz="UTC")
        for view in queries.VIEWS:
            queries.problem_list(s, view=view)
            queries.problem_list(s, view=view, open_only=True)
        queries.incident_problem(s, ticket_id=incident.id)
        queries.find_problems(s, text="")
        similar_incidents(s, ticket_id=problem.id, has_fts=store.has_fts)
        similar_incidents(s, ticket_id=incident.id, has_fts=store.has_fts)
        # The problem charts read the pre-aggregates (primary keys), not the ticket table.
        weeks = Period(flt, src.daily_figures(s, flt, "week").by_day, "week")
        problem_charts(weeks, src.linked_problems(s, flt, "week"))
        plans = [(sql, [row[3] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)])
                 for sql, params in seen if "EXPLAIN" not in sql]
        event.remove(s.connection(), "before_cursor_execute", hook)
        assert s.scalar(select(Ticket.known_error).where(Ticket.id == problem.id))
    return plans


def test_problem_reads_use_indexes(statements):
    assert len(statements) > 20
    for sql, plan in statements:
        text = " | ".join(plan)
        for step in plan:
            assert not (step.startswith("SCAN ticket") and "INDEX" not in step), (sql, plan)
        if "FROM ticket" in sql and "ORDER BY" in sql and "count(" not in sql:
            assert "USE TEMP B-TREE FOR ORDER BY" not in text, (sql[-200:], plan)
