"""Dashboard KPIs: one function per KPI turning the daily figures into chart buckets with drill-downs."""
# Every bucket's `count` is the number of tickets its drill-down condition matches in the queue (see
# app.kpi.measures for the definitions both sides use). `dashboard()` is what the UI runs on
# the database worker: it brings kpi_daily up to date and computes every chart in one go.

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.kpi import sources as src
from app.kpi.changes import change_chart
from app.kpi.charts import CHARTS  # noqa: F401 - the charts' order is the UI's; dashboard() returns them in it
from app.kpi.daily import Progress, ReportingCalendar, bring_current, ensure_current, reporting_calendar
from app.kpi.filters import KpiFilter, zone
from app.kpi.periods import (
    HOUR,
    Period,
    coarser,
    count_series,
    fmt,
    granularity,
    make_chart,
    mean_series,
    periods,
    rate_series,
    ratio,
)
from app.kpi.problems import problem_charts
from app.kpi.records import CATEGORY_BARS, TIME_BARS, TIME_LINES, Bucket, Dashboard, KpiChart, Series
from app.models import Category, Group, Person
from app.tickets.writes import CHANNELS

AGE_BUCKETS = (("< 1 day", 0, 86_400), ("1–3 days", 86_400, 3 * 86_400), ("3–7 days", 3 * 86_400, 7 * 86_400),
               ("1–4 weeks", 7 * 86_400, 28 * 86_400), ("1–3 months", 28 * 86_400, 91 * 86_400),
               ("> 3 months", 91 * 86_400, None))


# ---- the KPIs ---------------------------------------------------------------------------------

def created_vs_resolved(p: Period) -> KpiChart:
    t = p.total
    return make_chart(p, "created_resolved", "Created vs resolved", TIME_BARS,
                      (count_series(p, "created_resolved", "Created", "created"),
                       count_series(p, "created_resolved", "Resolved", "resolved")),
                      "Created: tickets whose creation falls in the period. Resolved: tickets whose (current) "
                      "resolution falls in it.", t.get("created", 0), "tickets", ("created",), t.get("created", 0))


def mttr(p: Period) -> KpiChart:
    t = p.total
    n = t.get("resolved", 0)
    return make_chart(p, "mttr", "Mean time to resolve", TIME_LINES,
                      (mean_series(p, "mttr", "Business hours", "resolved", "resolved", "res_biz", "h"),
                       mean_series(p, "mttr", "Wall-clock hours", "resolved", "resolved", "res_wall", "h")),
                      "MTTR = Σ (resolved − created) ÷ tickets resolved in the period; business hours count only "
                      "the SLA calendar's working time (holidays excluded), wall-clock counts every hour.",
                      t.get("res_biz", 0) / HOUR / n if n else None, "h", ("resolved",), n)


def first_response(p: Period) -> KpiChart:
    t = p.total
    n = t.get("responded", 0)
    return make_chart(p, "first_response", "Mean time to first response", TIME_LINES,
                      (mean_series(p, "first_response", "Business hours", "responded", "responded", "resp_biz", "h"),
                       mean_series(p, "first_response", "Wall-clock hours", "responded", "responded", "resp_wall",
                                   "h")),
                      "Σ (first public reply − created) ÷ tickets created in the period that have a first reply.",
                      t.get("resp_biz", 0) / HOUR / n if n else None, "h", ("responded",), n)


def first_assignment(p: Period) -> KpiChart:
    t = p.total
    return make_chart(p, "first_fix", "First-assignment resolution", TIME_LINES,
                      (rate_series(p, "first_fix", "Resolved by first assignment", ("first_fix",), ("resolved",),
                               ("resolved",)),),
                      "Tickets resolved in the period never moved from one group or agent to another ÷ tickets "
                      "resolved in the period × 100.", ratio(t.get("first_fix", 0), t.get("resolved", 0)), "%",
                      ("resolved",), t.get("resolved", 0))


def sla_compliance(p: Period) -> KpiChart:
    t = p.total
    resp = ("sla_resp_met", "sla_resp_breached")
    res = ("sla_res_met", "sla_res_breached")
    den = sum(t.get(c, 0) for c in res)
    return make_chart(p, "sla", "SLA compliance", TIME_LINES,
                      (rate_series(p, "sla", "Response", ("sla_resp_met",), resp, resp),
                       rate_series(p, "sla", "Resolution", ("sla_res_met",), res, res)),
                      "Met ÷ (met + missed) × 100. Response: clocks of tickets created in the period that stopped; "
                      "resolution: clocks of tickets resolved in the period. Paused time does not count.",
                      ratio(t.get("sla_res_met", 0), den), "%", res, den,
                      "Headline: resolution compliance.")


def reopen_rate(p: Period) -> KpiChart:
    t = p.total
    return make_chart(p, "reopen", "Reopen rate", TIME_LINES,
                      (rate_series(p, "reopen", "Reopened", ("reopened",), ("resolved",), ("resolved",)),),
                      "Tickets resolved in the period that were reopened at least once ÷ tickets resolved in the "
                      "period × 100.", ratio(t.get("reopened", 0), t.get("resolved", 0)), "%", ("resolved",),
                      t.get("resolved", 0))


def csat(p: Period) -> KpiChart:
    t = p.total
    n = t.get("csat_n", 0)
    return make_chart(p, "csat", "Customer satisfaction (requester surveys)", TIME_BARS,
                      (count_series(p, "csat", "Survey answers", "csat", "csat_n"),
                       mean_series(p, "csat", "Average score", "csat", "csat_n", "csat_sum", "score", 1.0)),
                      "Σ scores (1–5) the requesters gave through the survey mailed on resolve ÷ survey answers, "
                      "over tickets resolved in the period with such an answer. Answers an agent recorded "
                      "(phone, mail, portal, in person) are not counted.",
                      t.get("csat_sum", 0) / n if n else None, "score", ("csat",), n)


def backlog(p: Period, end_backlog: int) -> KpiChart:
    """Tickets in the backlog at the end of each of the chart's days, weeks or months: counted at the end
    of the period, then walked back one bucket at a time (a bucket adds its created tickets, less
    canceled ones, and removes its resolved ones)."""
    levels, level = [], end_backlog
    for first, last, label, s in reversed(p.parts):
        levels.append((first, last, label, level))
        level -= s.get("created", 0) - s.get("canceled", 0) - s.get("resolved", 0)
    buckets = [Bucket(label, label, float(n), n,
                      p.drill("backlog", f"Backlog at end of {last.isoformat()}", ("backlog",), last, last),
                      p.x(first))
               for first, last, label, n in reversed(levels)]
    return KpiChart("backlog", f"Backlog at end of {p.grain}", TIME_LINES, fmt(end_backlog, "tickets"),
                    "Backlog(d) = tickets created up to the end of day d − tickets resolved up to then − "
                    "tickets canceled unresolved.",
                    f"{p.flt.period_text()}, per {p.grain}", (Series("Open tickets", "tickets", tuple(buckets)),),
                    buckets[-1].drill if buckets else None, end_backlog)


def aging(p: Period, stock: src.Backlog) -> KpiChart:
    buckets = []
    for (label, lo, hi), n in zip(AGE_BUCKETS, stock.by_age, strict=True):
        buckets.append(Bucket(label, label, float(n), n,
                              p.drill("aging", f"Backlog aged {label}", ("backlog",), p.flt.date_to,
                                      p.flt.date_to, age=(lo, hi))))
    return KpiChart("aging", "Backlog aging", CATEGORY_BARS, fmt(stock.total, "tickets"),
                    "Tickets open at the end of the period by age (end of period − created).",
                    f"at the end of {p.flt.date_to.isoformat()} ({p.flt.tz})",
                    (Series("Open tickets", "tickets", tuple(buckets)),),
                    p.drill("aging", "Backlog at end of period", ("backlog",), p.flt.date_to, p.flt.date_to),
                    stock.total)


def _share_chart(p: Period, key: str, title: str, dim: str, counts: dict, names: dict, formula: str,
                 measure: str = "created", whole: bool = True) -> KpiChart:
    """Every value, the largest first (the plot shows the top ones; CSV and PDF have them all)."""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], str(kv[0]))))
    first, last = (p.flt.date_from, p.flt.date_to)
    buckets = []
    for ident, n in rows:
        label = names.get(ident) or ("(none)" if ident in (None, "") else str(ident))
        value = ident if dim == "priority" else (ident or "")
        buckets.append(Bucket(str(ident or ""), label, float(n), n,
                              p.drill(key, f"{title}: {label}", (measure,), first if whole else last, last,
                                      dim=(dim, value))))
    total = sum(counts.values())
    return KpiChart(key, title, CATEGORY_BARS, fmt(total, "tickets"), formula,
                    p.flt.period_text() if whole else f"at the end of {last.isoformat()}",
                    (Series("Tickets", "tickets", tuple(buckets)),),
                    p.drill(key, title, (measure,), first if whole else last, last), total)


def _names(session: Session, model) -> dict:
    return {i: n for i, n in session.execute(select(model.id, model.name))}


def dashboard(session: Session, flt: KpiFilter, *, progress: Progress | None = None, refresh: bool = True,
              calendar: ReportingCalendar | None = None) -> Dashboard:
    """Every chart for the filter. With `refresh`, first brings kpi_daily up to date (a rebuild on first
    use takes seconds per million tickets and reports progress); a filter change passes False."""
    began = time.perf_counter()
    cal = ensure_current(session, progress=progress) if refresh else calendar or reporting_calendar(session)
    if flt.tz != cal.tz:  # the daily figures are days of the calendar's zone
        flt = replace(flt, tz=cal.tz)
    grain = granularity(flt)
    figures = src.daily_figures(session, flt, grain)
    p = Period(flt, figures.by_day, grain)
    groups, categories = _names(session, Group), _names(session, Category)
    stock = src.backlog_at_end(session, flt, tuple((lo, hi) for _, lo, hi in AGE_BUCKETS))
    by_category = src.created_by_category(session, flt, grain)
    # The change and problem charts go one grain coarser; a month stays a month (no second read).
    wide = coarser(grain)
    pw = Period(flt, figures.by_day if wide == grain else src.daily_figures(session, flt, wide).by_day, wide)
    # A channel outside the six (ch_other: a store written by another tool) has no bar: no queue shows it.
    by_channel = {c: p.total[f"ch_{c}"] for c in CHANNELS if p.total.get(f"ch_{c}")}
    workload = stock.by_assignee
    people = select(Person.id, Person.name).where(Person.id.in_([a for a in workload if a]))
    agents = {i: n for i, n in session.execute(people)}
    agents[""] = "(unassigned)"
    volume = "Tickets created in the period, by {}."
    charts = (
        created_vs_resolved(p),
        backlog(p, stock.total),
        mttr(p), first_response(p), sla_compliance(p), first_assignment(p), reopen_rate(p), csat(p),
        aging(p, stock),
        _share_chart(p, "by_priority", "Volume by priority", "priority", figures.created_by_priority,
                     {i: f"P{i}" for i in range(1, 6)}, volume.format("priority")),
        _share_chart(p, "by_group", "Volume by group", "group_id", figures.created_by_group,
                     groups, volume.format("assignment group")),
        _share_chart(p, "by_category", "Volume by category", "category_id", by_category, categories,
                     volume.format("category")),
        _share_chart(p, "by_channel", "Volume by channel", "channel", by_channel, CHANNELS, volume.format("channel")),
        _share_chart(p, "workload", "Agent workload", "assignee_id", workload, agents,
                     "Tickets in the backlog at the end of the period, per assignee.", measure="backlog",
                     whole=False),
        change_chart(session, flt, wide, periods(flt, wide)),
        *problem_charts(pw, src.linked_problems(session, flt, wide)),
    )
    return Dashboard(flt, charts, grain, round((time.perf_counter() - began) * 1000, 1))


def local_today(tz: str) -> date:
    return datetime.now(UTC).astimezone(zone(tz)).date()


PRESETS = ("7d", "30d", "90d", "12m", "this_month", "last_month", "this_quarter", "ytd", "custom")


def preset_range(preset: str, today: date, custom: tuple[date, date] | None = None) -> tuple[date, date]:
    """The local days a period preset means on `today` (both ends included)."""
    if preset == "custom" and custom is not None:
        return custom
    if preset in ("7d", "30d", "90d"):
        return today - timedelta(days=int(preset[:-1]) - 1), today
    if preset == "12m":
        return today - timedelta(days=364), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_quarter":
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
    if preset == "ytd":
        return date(today.year, 1, 1), today
    return today - timedelta(days=89), today


def update_daily_figures(session: Session, *, progress: Progress | None = None) -> bool:
    """Bring the daily figures the charts read up to date (an operation: it writes when they lag); True when
    it recomputed any, so that charts read before it must be read again."""
    return bring_current(session, progress=progress)[1]


def load_dashboard(session: Session, *, preset: str = "90d", custom: tuple[date, date] | None = None,
                   group_ids: tuple[str, ...] = (), service_ids: tuple[str, ...] = (),
                   priorities: tuple[int, ...] = (), types: tuple[str, ...] = (), refresh: bool = True,
                   today: date | None = None, progress: Progress | None = None) -> Dashboard:
    """The dashboard for a period preset (in the reporting calendar's zone) and dimension filters."""
    cal = ensure_current(session, progress=progress) if refresh else reporting_calendar(session)
    first, last = preset_range(preset, today or local_today(cal.tz), custom)
    flt = KpiFilter(first, last, cal.tz, group_ids, service_ids, priorities, types)
    return dashboard(session, flt, refresh=False, calendar=cal)
