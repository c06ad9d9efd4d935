"""The KPI tables kept current by the ticket services' edit hook equal a from-scratch rebuild, whatever the edits."""
# Edits: random moves, reopens of old tickets, reassignments, bulk edits and their undo, and the problem figures'
# edits: links to problems, known errors, configuration items and categories (which turn later incidents'
# "recurring").

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.kpi import daily as kpi_daily
from app.models import (
    Category,
    ConfigurationItem,
    KpiCategory,
    KpiDaily,
    KpiProblemLink,
    KpiProblemRun,
    KpiRollup,
    Ticket,
)
from app.models.kpi import KPI_MEASURES, ROLLED_UP
from app.tickets import csat
from app.tickets import writes as tickets
from core.tickets.rules import CHANNELS
from core.tickets.workflow import is_final, workflow_for
from tests.unit.factories import make_desk, required_fields


def table(s) -> dict:
    rows = s.execute(select(KpiDaily)).scalars()
    out = {("daily", r.day, r.type, r.priority, r.group_id, r.service_id): tuple(getattr(r, m) for m in KPI_MEASURES)
           for r in rows if any(getattr(r, m) for m in KPI_MEASURES)}
    out.update({("rollup", r.kind, r.day, r.type, r.priority, r.group_id, r.service_id):
                tuple(getattr(r, m) for m in KPI_MEASURES) for r in s.execute(select(KpiRollup)).scalars()})
    out.update({("category", r.kind, r.day, r.type, r.priority, r.group_id, r.service_id, r.category_id): (r.created,)
                for r in s.execute(select(KpiCategory)).scalars()})
    out.update({("link", r.kind, r.day, r.type, r.priority, r.group_id, r.service_id, r.problem_id): (r.created,)
                for r in s.execute(select(KpiProblemLink)).scalars()})
    out.update({("run", r.problem_id, r.day): (r.prev, r.reach) for r in s.execute(select(KpiProblemRun)).scalars()})
    return out


def problem_desk(s) -> tuple[list[str], list[str]]:
    """Two configuration items and two categories: incidents on them recur within 30 days."""
    cis = [ConfigurationItem(name="db-01"), ConfigurationItem(name="db-02")]
    cats = [Category(name="Database"), Category(name="Storage")]
    s.add_all([*cis, *cats])
    s.flush()
    return [c.id for c in cis], [c.id for c in cats]


def old_tickets(s, desk, rng: random.Random, cis=(None,), cats=(None,)) -> None:
    """Tickets of the last 20 days, some resolved on another day than they were created; a few problems,
    some of them known errors."""
    now = datetime.now(UTC)
    for i in range(30):
        created = now - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 23))
        resolved = created + timedelta(hours=rng.randint(1, 90)) if i % 3 else None
        if resolved is not None and resolved > now:
            resolved = None
        ttype = rng.choice(["incident", "incident", "service_request", "problem"])
        known = ttype == "problem" and rng.random() < 0.5
        s.add(Ticket(type=ttype, number=f"OLD{i:04d}", ci_id=rng.choice([*cis, None]),
                     category_id=rng.choice([*cats, None]), known_error=known,
                     known_error_at=created + timedelta(hours=rng.randint(1, 60)) if known else None,
                     title="old", state="closed" if resolved else "new",
                     is_open=resolved is None, priority=rng.randint(1, 5),
                     group_id=rng.choice([desk.desk, desk.network, None]), created_at=created, updated_at=created,
                     resolved_at=resolved, closed_at=resolved,
                     csat_score=rng.choice([None, 3, 5]) if resolved else None,
                     csat_source=rng.choice(["survey", "phone"]) if resolved else None))
    s.flush()


def problem_edit(s, rng: random.Random, me, cis, cats) -> None:
    """Link an incident to a problem (or unlink it), move one to another CI or category, or make a problem a
    known error, through the services."""
    incidents = s.scalars(select(Ticket.id).where(Ticket.type == "incident", Ticket.is_open)).all()
    problems = s.scalars(select(Ticket.id).where(Ticket.type == "problem", Ticket.is_open)).all()
    roll = rng.random()
    if incidents and problems and roll < 0.4:
        tickets.update_ticket(s, ticket_id=rng.choice(incidents), actor_id=me,
                              changes={"problem_id": rng.choice([*problems, None])})
    elif incidents and roll < 0.8:
        field, values = rng.choice([("ci_id", cis), ("category_id", cats)])
        tickets.update_ticket(s, ticket_id=rng.choice(incidents), actor_id=me,
                              changes={field: rng.choice([*values, None])})
    elif problems:
        tickets.update_ticket(s, ticket_id=rng.choice(problems), actor_id=me,
                              changes={"workaround": "Restart it.", "known_error": True})


def random_edit(s, rng: random.Random, desk, me, cis=(), cats=()) -> None:
    ids = s.scalars(select(Ticket.id)).all()
    tid = rng.choice(ids)
    t = s.scalar(select(Ticket).where(Ticket.id == tid))
    roll = rng.random()
    if cis and rng.random() < 0.3:
        problem_edit(s, rng, me, cis, cats)
    elif roll < 0.15:
        tickets.create_ticket(s, ticket_type=rng.choice(["incident", "problem"]), title="new", actor_id=me,
                              group_id=rng.choice([desk.desk, desk.network]), impact=rng.randint(1, 3))
    elif roll < 0.55:
        allowed = workflow_for(t.type).allowed(t.state)
        if allowed:
            state = rng.choice(allowed)
            tickets.update_ticket(s, ticket_id=tid, actor_id=me,
                                  changes={"state": state, **required_fields(state, t.type)})
    elif 0.55 <= roll < 0.8 and is_final(t.type, t.state):
        return  # a closed ticket is final: field edits refuse (tests/unit/test_ticket_rules.py)
    elif roll < 0.7:
        tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"group_id": rng.choice([desk.desk, desk.network]),
                                                                      "assignee_id": None})
    elif roll < 0.8:
        tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"priority": rng.randint(1, 5)})
    elif roll < 0.9:
        if workflow_for(t.type).state(t.state).kind in ("resolved", "closed"):  # the requester's answer
            if rng.random() < 0.5 and t.csat_source != "survey":  # by phone (never over the survey's): not counted
                csat.record_csat(s, ticket_id=tid, score=rng.choice([1, 4, 5]), source="phone", actor=me)
            else:  # the survey's, as a pull writes it (the server recorded it from the requester's link)
                old, score = t.csat_score, rng.choice([1, 4, 5])
                t.csat_score, t.csat_source = score, "survey"
                # The same score from another source is a change of csat_source alone: it counts now.
                kpi_daily.on_tickets_changed(s, [tid], ["csat_source"] + (["csat_score"] if old != score else []))
    else:
        result = tickets.bulk_update(s, ticket_ids=rng.sample(ids, min(5, len(ids))), actor_id=me,
                                     changes={"priority": rng.randint(1, 5)})
        if rng.random() < 0.5:
            tickets.undo_batch(s, batch_id=result.batch_id, actor_id=me)


@pytest.mark.parametrize("seed", range(6))
def test_incremental_figures_equal_a_rebuild(store, me, seed):
    rng = random.Random(seed)
    with store.session() as s:
        desk = make_desk(s, me)
        cis, cats = problem_desk(s)
        old_tickets(s, desk, rng, cis, cats)
        kpi_daily.rebuild(s)
        assert s.scalar(select(func.sum(KpiDaily.inc))) > 0
    for _ in range(8):  # several transactions, each with a few edits
        with store.session() as s:
            for _ in range(rng.randint(1, 5)):
                random_edit(s, rng, desk, me, cis, cats)
    with store.session() as s:
        kept = table(s)
        counted = kpi_daily._meta(s)["tickets"]  # kept in step by the hook, for the cheap check
        kpi_daily.rebuild(s)
        assert table(s) == kept
        total = s.scalar(select(func.count()).select_from(Ticket))
        assert sum(v[0] for k, v in kept.items() if k[0] == "daily") == total == counted
        assert sum(v[KPI_MEASURES.index(f"ch_{c}")] for k, v in kept.items() if k[0] == "daily"
                   for c in CHANNELS) == total
        for table_, kind, rolled in ((t, k, r) for t in ("rollup", "category") for k in "dwm" for r in (0, 1)):
            if table_ == "rollup" and kind == "d" and not rolled:
                continue  # a day's full detail is kpi_daily's row
            rows = [v for k, v in kept.items() if k[:2] == (table_, kind) and (k[3] == ROLLED_UP) == bool(rolled)]
            assert sum(v[0] for v in rows) == total, (table_, kind, rolled)  # every unit sums its days
        ke, fix = KPI_MEASURES.index("ke_n"), KPI_MEASURES.index("fix_n")
        assert all(v[0] or (len(v) > 1 and (v[7] or v[ke] or v[fix])) for k, v in kept.items()
                   if k[0] not in ("daily", "run"))  # no empty rows
        linked = {k[-1] for k in kept if k[0] == "link" and k[1] == "d"}
        assert linked == {k[1] for k in kept if k[0] == "run"}  # every linked problem has its runs


def test_nothing_happens_before_the_first_build(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk)
    with store.session() as s:
        assert table(s) == {}
        cal = kpi_daily.ensure_current(s)  # the first dashboard builds it
        built = table(s)
        assert cal.tz and [k[0] for k in built].count("daily") == 1
        assert sorted(k[1] for k in built if k[0] == "rollup") == ["d", "m", "m", "w", "w"]
        assert sorted(k[1] for k in built if k[0] == "category") == ["d", "d", "m", "m", "w", "w"]


def test_edits_written_around_the_hook_are_caught_up(store, me):
    with store.session() as s:
        desk = make_desk(s, me)
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk)
        kpi_daily.ensure_current(s)
        tid = t.id
    with store.session() as s:  # as a sync pull would: straight to the row, no hook
        row = s.scalar(select(Ticket).where(Ticket.id == tid))
        row.priority = 1
        row.updated_at = datetime.now(UTC) + timedelta(seconds=1)
    with store.session() as s:
        kpi_daily.ensure_current(s)
        kept = table(s)
        kpi_daily.rebuild(s)
        assert table(s) == kept and {k[3] for k in kept if k[0] == "daily"} == {1}


def test_a_ticket_deleted_behind_our_back_brings_a_rebuild_and_the_cache_is_left_as_it_was(store, me):
    """The check counts every ticket through a small page cache of its own (on 1M tickets the count filled the
    writer's cache with 33 MiB of index pages); a deletion around the hook is caught by that count."""
    with store.session() as s:
        desk = make_desk(s, me)
        kept = tickets.create_ticket(s, ticket_type="incident", title="kept", actor_id=me, group_id=desk.desk).id
        gone = tickets.create_ticket(s, ticket_type="incident", title="gone", actor_id=me, group_id=desk.desk).id
        kpi_daily.ensure_current(s)
    with store.session() as s:
        cache = s.connection().exec_driver_sql("PRAGMA cache_size").scalar()
        assert kpi_daily.bring_current(s)[1] is False  # nothing to do
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == cache
        s.execute(Ticket.__table__.delete().where(Ticket.id == gone))  # another tool, no hook
        s.commit()
    with store.session() as s:
        assert kpi_daily.bring_current(s)[1] is True
        assert s.connection().exec_driver_sql("PRAGMA cache_size").scalar() == cache
        assert sum(n for k, (n, *_rest) in table(s).items() if k[0] == "daily") == 1
        assert s.scalar(select(func.count()).select_from(Ticket).where(Ticket.id == kept)) == 1


def test_a_failing_refresh_never_loses_the_edit(store, me, monkeypatch):
    with store.session() as s:
        desk = make_desk(s, me)
        t = tickets.create_ticket(s, ticket_type="incident", title="x", actor_id=me, group_id=desk.desk)
        kpi_daily.rebuild(s)
        tid = t.id

    def broken(*_args, **_kw):
        raise ArithmeticError("simulated fault in the figures")

    monkeypatch.setattr(kpi_daily, "refresh_days", broken)
    with store.session() as s:
        tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"priority": 1})
    monkeypatch.undo()
    with store.session() as s:
        assert s.scalar(select(Ticket.priority).where(Ticket.id == tid)) == 1  # the edit is kept
        assert kpi_daily._meta(s) == {}  # and the figures are marked for a rebuild
        kpi_daily.ensure_current(s)
        assert {k[3] for k in table(s) if k[0] == "daily"} == {1}


def test_a_rebuild_written_in_batches_equals_one_written_at_once(store, me, monkeypatch):
    """The rebuild writes its sums every FLUSH tickets (bounded memory); later batches add to the same rows."""
    rng = random.Random(11)
    with store.session() as s:
        desk = make_desk(s, me)
        cis, cats = problem_desk(s)
        old_tickets(s, desk, rng, cis, cats)
        kpi_daily.rebuild(s)
        whole = table(s)
        monkeypatch.setattr(kpi_daily, "CHUNK", 3)
        monkeypatch.setattr(kpi_daily, "FLUSH", 7)
        kpi_daily.rebuild(s)
        assert table(s) == whole


def test_the_edit_hook_reads_tickets_by_index(store, me):
    """Refreshing the days of an edited ticket reads the tickets of those days through their indexes (one
    condition of the OR without an index would scan the whole table on every edit)."""
    from sqlalchemy import event

    with store.session() as s:
        desk = make_desk(s, me)
        cis, cats = problem_desk(s)
        old_tickets(s, desk, random.Random(3), cis, cats)
        kpi_daily.rebuild(s)
        tid = s.scalar(select(Ticket.id).where(Ticket.type == "incident", Ticket.is_open))
        plans: list[str] = []

        def explain(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("SELECT") and "FROM ticket" in statement:
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                plans.append(" / ".join(r[-1] for r in rows))

        conn = s.connection()
        event.listen(conn, "before_cursor_execute", explain)
        try:
            tickets.update_ticket(s, ticket_id=tid, actor_id=me, changes={"priority": 1, "ci_id": cis[0]})
            kpi_daily._refresh_pending(s)
        finally:
            event.remove(conn, "before_cursor_execute", explain)
        assert any("MULTI-INDEX OR" in p for p in plans), plans
        for plan in plans:
            assert "SCAN t " not in plan + " " and "SCAN ticket " not in plan + " ", plan
            # nor every ticket of a type (the recurring incidents' check walked every incident: ~28 s on 1M)
            assert "(type=?)" not in plan, plan
