"""The dashboard's charts and its two entry points, importable without the KPI code behind them."""
# The page imports this when a new process first shows the dashboard; the KPI modules (app.kpi.dashboard and what it
# imports, the records' dataclasses too: ~45 ms of module code) are imported by the first of the two entry points to
# run, on its worker thread.

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.kpi.daily import Progress
    from app.kpi.records import Dashboard

# How a chart draws: bars over time, lines over time, or horizontal bars of shares.
TIME_BARS, TIME_LINES, CATEGORY_BARS = "time_bars", "time_lines", "category_bars"

# The dashboard's charts in display order with how they draw: the UI builds their cards before the
# first figures arrive. dashboard() returns them in this order.
CHARTS = (("created_resolved", TIME_BARS), ("backlog", TIME_LINES), ("mttr", TIME_LINES),
          ("first_response", TIME_LINES), ("sla", TIME_LINES), ("first_fix", TIME_LINES), ("reopen", TIME_LINES),
          ("csat", TIME_BARS), ("aging", CATEGORY_BARS), ("by_priority", CATEGORY_BARS),
          ("by_group", CATEGORY_BARS), ("by_category", CATEGORY_BARS), ("by_channel", CATEGORY_BARS),
          ("workload", CATEGORY_BARS), ("changes", TIME_LINES), ("problems", TIME_LINES),
          ("problem_times", TIME_LINES))


def update_daily_figures(session: Session, *, progress: Progress | None = None) -> bool:
    """app.kpi.dashboard.update_daily_figures (an operation: the writer runs it)."""
    from app.kpi import dashboard

    return dashboard.update_daily_figures(session, progress=progress)


def load_dashboard(session: Session, *, preset: str = "90d", custom: tuple[date, date] | None = None,
                   group_ids: tuple[str, ...] = (), service_ids: tuple[str, ...] = (),
                   priorities: tuple[int, ...] = (), types: tuple[str, ...] = (),
                   refresh: bool = True) -> Dashboard:
    """app.kpi.dashboard.load_dashboard (a query: a read connection runs it)."""
    from app.kpi import dashboard

    return dashboard.load_dashboard(session, preset=preset, custom=custom, group_ids=group_ids,
                                    service_ids=service_ids, priorities=priorities, types=types, refresh=refresh)
