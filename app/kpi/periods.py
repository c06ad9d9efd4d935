"""The dashboard's periods (days, ISO weeks, months) and the series built from daily sums over them."""

from __future__ import annotations

from bisect import bisect_right
from calendar import monthrange
from datetime import date, timedelta

from app.kpi.filters import KpiFilter, date_x, iso_week_start
from app.kpi.records import Bucket, Drill, KpiChart, Series

HOUR = 3600.0


def granularity(flt: KpiFilter) -> str:
    return "day" if flt.days <= 45 else "week" if flt.days <= 210 else "month"


def coarser(grain: str) -> str:
    """Changes are a few a week: one step coarser than the tickets' charts keeps their rates meaningful."""
    return {"day": "week", "week": "month"}.get(grain, "month")


def periods(flt: KpiFilter, grain: str) -> list[tuple[date, date, str]]:
    """The period cut into local days, ISO weeks or months (clipped to the period): (first, last, label)."""
    out, day = [], flt.date_from
    while day <= flt.date_to:
        if grain == "day":
            last, label = day, day.isoformat()
        elif grain == "week":
            last = min(iso_week_start(day) + timedelta(days=6), flt.date_to)
            year, week, _ = day.isocalendar()
            label = f"{year}-W{week:02d}"
        else:
            last = min(date(day.year, day.month, monthrange(day.year, day.month)[1]), flt.date_to)
            label = day.strftime("%Y-%m")
        out.append((day, last, label))
        day = last + timedelta(days=1)
    return out


class Period:
    """Daily sums folded into the chart's periods."""

    def __init__(self, flt: KpiFilter, daily: dict, grain: str) -> None:
        self.flt, self.grain = flt, grain
        cut = periods(flt, grain)
        firsts = [first for first, _, _ in cut]
        sums_of: list[dict[str, int]] = [{} for _ in cut]
        # Each day of `daily` to its period (a few dozen units from the aggregates, or every day of the tests'
        # recomputation), rather than every day of the period looked up.
        for day, figures in daily.items():
            if not flt.date_from <= day <= flt.date_to:
                continue
            sums = sums_of[bisect_right(firsts, day) - 1]
            for m, v in figures.items():
                sums[m] = sums.get(m, 0) + v
        self.parts = [(first, last, label, sums) for (first, last, label), sums in zip(cut, sums_of, strict=True)]
        self.total: dict[str, int] = {}
        for sums in sums_of:
            for m, v in sums.items():
                self.total[m] = self.total.get(m, 0) + v

    def x(self, first: date) -> float:
        return date_x(first)

    def drill(self, chart: str, label: str, measures: tuple[str, ...], first: date, last: date, **kw) -> str:
        return Drill(chart, label, measures, first.isoformat(), last.isoformat(), self.flt, **kw).encode()


def ratio(num: int, den: int, scale: float = 100.0):
    return None if not den else num * scale / den


def fmt(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "%":
        return f"{value:.1f} %"
    if unit == "h":
        return f"{value:.1f} h"
    if unit == "score":
        return f"{value:.2f} / 5"
    return f"{int(value):,}"


def count_series(p: Period, chart: str, name: str, measure: str, column: str | None = None) -> Series:
    column = column or measure
    return Series(name, "tickets", tuple(
        Bucket(label, label, float(s.get(column, 0)), s.get(column, 0),
               p.drill(chart, f"{name} · {label}", (measure,), a, z), p.x(a))
        for a, z, label, s in p.parts))


def mean_series(p: Period, chart: str, name: str, measure: str, count_col: str, sum_col: str, unit: str,
                scale: float = HOUR) -> Series:
    buckets = []
    for a, z, label, s in p.parts:
        n = s.get(count_col, 0)
        value = s.get(sum_col, 0) / scale / n if n else None
        buckets.append(Bucket(label, label, value, n, p.drill(chart, f"{name} · {label}", (measure,), a, z),
                              p.x(a), ((sum_col, s.get(sum_col, 0)), (count_col, n))))
    return Series(name, unit, tuple(buckets))


def rate_series(p: Period, chart: str, name: str, num: tuple[str, ...], den: tuple[str, ...],
                drill_measures: tuple[str, ...]) -> Series:
    """A percentage per period, drilling to the tickets it was taken over (the denominator)."""
    buckets = []
    for a, z, label, s in p.parts:
        n = sum(s.get(c, 0) for c in num)
        d = sum(s.get(c, 0) for c in den)
        buckets.append(Bucket(label, label, ratio(n, d), d,
                              p.drill(chart, f"{name} · {label}", drill_measures, a, z), p.x(a),
                              (("numerator", n), ("denominator", d))))
    return Series(name, "%", tuple(buckets))


def make_chart(p: Period, key, title, kind, series, formula, headline_value, headline_unit, headline_measures,
           headline_count, note="") -> KpiChart:
    drill = p.drill(key, title, headline_measures, p.flt.date_from, p.flt.date_to) if headline_measures else None
    return KpiChart(key, title, kind, fmt(headline_value, headline_unit), formula, period_text(p), tuple(series),
                    drill, headline_count, note)


def period_text(p: Period) -> str:
    return f"{p.flt.period_text()}, per {p.grain}"
