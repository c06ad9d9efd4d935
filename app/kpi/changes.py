"""Change KPIs: success rate of closed changes and the share of emergency changes, per period."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.kpi import sources as src
from app.kpi.filters import KpiFilter, LocalDays, date_x
from app.kpi.records import TIME_LINES, Bucket, KpiChart, Series


def change_chart(session: Session, flt: KpiFilter, grain: str, parts: list[tuple[date, date, str]]) -> KpiChart:
    """Changes are not tickets, so these points open no queue; their figures are in the tooltip and CSV."""
    days = LocalDays(flt.tz)
    rows = src.change_outcomes(session, flt)
    closed = [(days.day(c), outcome) for _, c, _, outcome in rows if c is not None and outcome
              and flt.date_from <= days.day(c) <= flt.date_to]
    created = [(days.day(c), kind) for c, _, kind, _ in rows if flt.date_from <= days.day(c) <= flt.date_to]
    success, emergency = [], []
    for first, last, label in parts:
        done = [o for d, o in closed if first <= d <= last]
        ok = sum(1 for o in done if o == "successful")
        new = [k for d, k in created if first <= d <= last]
        urgent = sum(1 for k in new if k == "emergency")
        x = date_x(first)
        success.append(Bucket(label, label, ok * 100.0 / len(done) if done else None, len(done), None, x,
                              (("successful", ok), ("closed", len(done)))))
        emergency.append(Bucket(label, label, urgent * 100.0 / len(new) if new else None, len(new), None, x,
                                (("emergency", urgent), ("created", len(new)))))
    ok_all = sum(1 for _, o in closed if o == "successful")
    rate = f"{ok_all * 100.0 / len(closed):.1f} %" if closed else "–"
    return KpiChart(
        "changes", "Change success and emergency share", TIME_LINES, rate,
        "Success rate = changes closed in the period as successful ÷ changes closed with an outcome × 100. "
        "Emergency share = emergency changes ÷ changes created in the period × 100.",
        f"{flt.period_text()}, per {grain}",
        (Series("Success rate", "%", tuple(success)), Series("Emergency share", "%", tuple(emergency))),
        None, len(closed), "Changes filter by group only; points open no ticket queue.")
