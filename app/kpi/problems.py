"""Problem-management KPIs: share of incidents linked to a problem, recurring incidents, incidents per
problem, time to known error and time to fix, per period, each point opening its tickets in the queue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.kpi.filters import KpiFilter, date_x, day_range_utc
from app.kpi.measures import dims_clause
from app.kpi.problem_measures import RECUR_DAYS, problem_measure_clause
from app.kpi.records import TIME_LINES, Bucket, Drill, KpiChart, Series
from app.models import Ticket

DAY_SECONDS = 86_400.0


def _drill(flt: KpiFilter, chart: str, label: str, measure: str, first: date, last: date) -> str:
    return Drill(chart, label, (measure,), first.isoformat(), last.isoformat(), flt).encode()


def _count(session: Session, flt: KpiFilter, measure: str, first: date, last: date) -> int:
    start, end = day_range_utc(first, last, flt.tz)
    return session.scalar(select(func.count()).select_from(Ticket).where(
        dims_clause(flt), problem_measure_clause(measure, start, end))) or 0


def _mean_days(session: Session, flt: KpiFilter, measure: str, column, first: date, last: date) -> tuple[float, int]:
    """(Σ days from creation to `column`, tickets) over the problems `measure` counts."""
    start, end = day_range_utc(first, last, flt.tz)
    span = func.julianday(column) - func.julianday(Ticket.created_at)
    total, n = session.execute(select(func.coalesce(func.sum(span), 0.0), func.count()).select_from(Ticket).where(
        dims_clause(flt), problem_measure_clause(measure, start, end))).one()
    return float(total), int(n)


def problem_charts(session: Session, flt: KpiFilter, grain: str,
                   parts: list[tuple[date, date, str]]) -> tuple[KpiChart, KpiChart]:
    """The two problem charts over `parts` (the dashboard's coarser buckets)."""
    linked, recurring, to_ke, to_fix = [], [], [], []
    sums: dict[str, float] = {"incidents": 0, "linked": 0, "recurring": 0, "ke_days": 0.0, "ke": 0,
                              "fix_days": 0.0, "fix": 0}
    for first, last, label in parts:
        incidents = _count(session, flt, "incidents", first, last)
        n_linked = _count(session, flt, "linked", first, last)
        n_recur = _count(session, flt, "recurring", first, last)
        ke_days, ke = _mean_days(session, flt, "known_error", Ticket.known_error_at, first, last)
        fix_days, fix = _mean_days(session, flt, "fixed", Ticket.resolved_at, first, last)
        for key, value in (("incidents", incidents), ("linked", n_linked), ("recurring", n_recur),
                           ("ke_days", ke_days), ("ke", ke), ("fix_days", fix_days), ("fix", fix)):
            sums[key] += value
        x = date_x(first)
        share = n_linked * 100.0 / incidents if incidents else None
        linked.append(Bucket(label, label, share, n_linked,
                             _drill(flt, "problems", f"Linked to a problem · {label}", "linked", first, last), x,
                             (("linked", n_linked), ("incidents", incidents))))
        recurring.append(Bucket(label, label, n_recur * 100.0 / incidents if incidents else None, n_recur,
                                _drill(flt, "problems", f"Recurring incidents · {label}", "recurring", first, last),
                                x, (("recurring", n_recur), ("incidents", incidents))))
        to_ke.append(Bucket(label, label, ke_days / ke if ke else None, ke,
                            _drill(flt, "problem_times", f"Became known errors · {label}", "known_error", first, last),
                            x, (("days", round(ke_days, 2)), ("problems", ke))))
        to_fix.append(Bucket(label, label, fix_days / fix if fix else None, fix,
                             _drill(flt, "problem_times", f"Problems fixed · {label}", "fixed", first, last), x,
                             (("days", round(fix_days, 2)), ("problems", fix))))
    problems_linked = _linked_problems(session, flt)
    per_problem = sums["linked"] / problems_linked if problems_linked else None
    period = f"{flt.period_text()}, per {grain}"
    share_text = f"{sums['linked'] * 100.0 / sums['incidents']:.1f} % linked" if sums["incidents"] else "–"
    first_chart = KpiChart(
        "problems", "Incidents and problems", TIME_LINES, share_text,
        "Linked share = incidents created in the period linked to a problem ÷ incidents created × 100. "
        f"Recurring = incidents with an earlier incident of the same CI and category in the {RECUR_DAYS} days "
        "before ÷ incidents created × 100. Incidents per problem = linked incidents ÷ the problems they link to.",
        period, (Series("Linked to a problem", "%", tuple(linked)), Series("Recurring incidents", "%",
                                                                            tuple(recurring))),
        _drill(flt, "problems", "Linked to a problem", "linked", flt.date_from, flt.date_to), int(sums["linked"]),
        f"Incidents per problem: {per_problem:.1f}" if per_problem is not None else "No incident linked yet.")
    ke_mean = sums["ke_days"] / sums["ke"] if sums["ke"] else None
    fix_mean = sums["fix_days"] / sums["fix"] if sums["fix"] else None
    second_chart = KpiChart(
        "problem_times", "Time to known error and to fix", TIME_LINES,
        f"{ke_mean:.1f} d to known error" if ke_mean is not None else "–",
        "Time to known error = Σ (became a known error − problem created) ÷ problems that became known errors in "
        "the period, in days. Time to fix = Σ (resolved − created) ÷ problems resolved in the period, in days.",
        period, (Series("Time to known error", "d", tuple(to_ke)), Series("Time to fix", "d", tuple(to_fix))),
        _drill(flt, "problem_times", "Became known errors", "known_error", flt.date_from, flt.date_to), int(sums["ke"]),
        f"Mean time to fix: {fix_mean:.1f} d over {int(sums['fix'])} problems" if fix_mean is not None else "")
    return first_chart, second_chart


def _linked_problems(session: Session, flt: KpiFilter) -> int:
    """Distinct problems that the incidents created in the period link to."""
    start, end = day_range_utc(flt.date_from, flt.date_to, flt.tz)
    return session.scalar(select(func.count(Ticket.problem_id.distinct())).where(
        dims_clause(flt), problem_measure_clause("linked", start, end))) or 0
