"""Change KPIs: success rate of closed changes and the share of emergency changes, per period."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.kpi import sources as src
from app.kpi.filters import KpiFilter, date_x
from app.kpi.records import TIME_LINES, Bucket, KpiChart, Series


def change_chart(session: Session, flt: KpiFilter, grain: str, parts: list[tuple[date, date, str]]) -> KpiChart:
    """Changes are not tickets, so these points open no queue; their figures are in the tooltip and CSV."""
    counts = src.change_counts(session, flt, [first for first, _, _ in parts])
    # Per period: [closed, successful, created, emergency].
    sums = [[0, 0, 0, 0] for _ in parts]
    for (i, outcome), n in counts.closed.items():
        sums[i][0] += n
        sums[i][1] += n if outcome == "successful" else 0
    for (i, kind), n in counts.created.items():
        sums[i][2] += n
        sums[i][3] += n if kind == "emergency" else 0
    success, emergency = [], []
    all_ok = all_closed = 0
    for (first, _last, label), (done, ok, new, urgent) in zip(parts, sums, strict=True):
        all_ok, all_closed = all_ok + ok, all_closed + done
        x = date_x(first)
        success.append(Bucket(label, label, ok * 100.0 / done if done else None, done, None, x,
                              (("successful", ok), ("closed", done))))
        emergency.append(Bucket(label, label, urgent * 100.0 / new if new else None, new, None, x,
                                (("emergency", urgent), ("created", new))))
    rate = f"{all_ok * 100.0 / all_closed:.1f} %" if all_closed else "–"
    return KpiChart(
        "changes", "Change success and emergency share", TIME_LINES, rate,
        "Success rate = changes closed in the period as successful ÷ changes closed with an outcome × 100. "
        "Emergency share = emergency changes ÷ changes created in the period × 100.",
        f"{flt.period_text()}, per {grain}",
        (Series("Success rate", "%", tuple(success)), Series("Emergency share", "%", tuple(emergency))),
        None, all_closed, "Changes filter by group only; points open no ticket queue.")
