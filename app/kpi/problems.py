"""Problem-management KPIs: share of incidents linked to a problem, recurring incidents, incidents per
problem, time to known error and time to fix, per period, each point opening its tickets in the queue."""

from __future__ import annotations

from app.kpi.periods import Period
from app.kpi.problem_measures import RECUR_DAYS
from app.kpi.records import TIME_LINES, Bucket, KpiChart, Series

DAY_SECONDS = 86_400.0


def problem_charts(p: Period, problems_linked: int) -> tuple[KpiChart, KpiChart]:
    """The two problem charts from the pre-aggregated figures folded into `p` (the dashboard's coarser
    buckets); `problems_linked` is app.kpi.sources.linked_problems for the whole period."""
    flt, grain = p.flt, p.grain
    linked, recurring, to_ke, to_fix = [], [], [], []
    sums = {"incidents": 0, "linked": 0, "recurring": 0, "ke_days": 0.0, "ke": 0, "fix_days": 0.0, "fix": 0}
    for first, last, label, s in p.parts:
        incidents, n_linked, n_recur = s.get("inc", 0), s.get("inc_linked", 0), s.get("inc_recurring", 0)
        ke_days, ke = s.get("ke_secs", 0) / DAY_SECONDS, s.get("ke_n", 0)
        fix_days, fix = s.get("fix_secs", 0) / DAY_SECONDS, s.get("fix_n", 0)
        for key, value in (("incidents", incidents), ("linked", n_linked), ("recurring", n_recur),
                           ("ke_days", ke_days), ("ke", ke), ("fix_days", fix_days), ("fix", fix)):
            sums[key] += value
        x = p.x(first)
        share = n_linked * 100.0 / incidents if incidents else None
        linked.append(Bucket(label, label, share, n_linked,
                             p.drill("problems", f"Linked to a problem · {label}", ("linked",), first, last), x,
                             (("linked", n_linked), ("incidents", incidents))))
        recurring.append(Bucket(label, label, n_recur * 100.0 / incidents if incidents else None, n_recur,
                                p.drill("problems", f"Recurring incidents · {label}", ("recurring",), first, last),
                                x, (("recurring", n_recur), ("incidents", incidents))))
        to_ke.append(Bucket(label, label, ke_days / ke if ke else None, ke,
                            p.drill("problem_times", f"Became known errors · {label}", ("known_error",), first,
                                    last), x, (("days", round(ke_days, 2)), ("problems", ke))))
        to_fix.append(Bucket(label, label, fix_days / fix if fix else None, fix,
                             p.drill("problem_times", f"Problems fixed · {label}", ("fixed",), first, last), x,
                             (("days", round(fix_days, 2)), ("problems", fix))))
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
        p.drill("problems", "Linked to a problem", ("linked",), flt.date_from, flt.date_to), int(sums["linked"]),
        f"Incidents per problem: {per_problem:.1f}" if per_problem is not None else "No incident linked yet.")
    ke_mean = sums["ke_days"] / sums["ke"] if sums["ke"] else None
    fix_mean = sums["fix_days"] / sums["fix"] if sums["fix"] else None
    second_chart = KpiChart(
        "problem_times", "Time to known error and to fix", TIME_LINES,
        f"{ke_mean:.1f} d to known error" if ke_mean is not None else "–",
        "Time to known error = Σ (became a known error − problem created) ÷ problems that became known errors in "
        "the period, in days. Time to fix = Σ (resolved − created) ÷ problems resolved in the period, in days.",
        period, (Series("Time to known error", "d", tuple(to_ke)), Series("Time to fix", "d", tuple(to_fix))),
        p.drill("problem_times", "Became known errors", ("known_error",), flt.date_from, flt.date_to),
        int(sums["ke"]),
        f"Mean time to fix: {fix_mean:.1f} d over {int(sums['fix'])} problems" if fix_mean is not None else "")
    return first_chart, second_chart

