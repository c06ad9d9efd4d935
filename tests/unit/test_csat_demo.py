"""The demo desk's satisfaction answers are the requesters' survey answers, so the dashboard's satisfaction
chart has figures, and they are given after the resolution and by the close."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.demo.generator import generate
from app.kpi import dashboard as kpi
from app.kpi.filters import KpiFilter
from app.models import Ticket
from app.store import open_store


def test_the_demo_has_survey_answers_that_the_csat_chart_counts(tmp_path):
    path = tmp_path / "demo.sqlite3"
    generate(path, tickets=1500, seed=5, until=date(2026, 11, 1))
    store = open_store(path)
    try:
        with store.session() as s:
            rows = s.execute(select(Ticket.csat_score, Ticket.csat_source, Ticket.csat_comment, Ticket.csat_at,
                                    Ticket.resolved_at, Ticket.closed_at).where(Ticket.csat_score.is_not(None))).all()
            assert len(rows) > 20
            assert {r.csat_source for r in rows} == {"survey"}
            assert all(r.resolved_at < r.csat_at <= (r.closed_at or r.csat_at) for r in rows)
            assert 0 < sum(1 for r in rows if r.csat_comment) < len(rows)
            chart = kpi.dashboard(s, KpiFilter(date(2025, 11, 1), date(2026, 11, 1), tz="UTC"),
                                  refresh=True).chart("csat")
            assert 0 < chart.headline_count <= len(rows)
    finally:
        store.close()
