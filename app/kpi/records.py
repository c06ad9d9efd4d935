"""Frozen records the KPI services return: charts of buckets, each bucket with its drill-down value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from app.kpi.charts import CATEGORY_BARS, TIME_BARS, TIME_LINES  # noqa: F401 - how a chart draws, named there
from app.kpi.filters import KpiFilter

# One encoder for every drill-down value: json.dumps with options builds a new encoder per call, a good part
# of the cost of the hundreds of values a dashboard writes.
_ENCODER = json.JSONEncoder(separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class Bucket:
    """One bar or point. `value` is the chart's number (a count, a mean in hours, a percentage,
    None where nothing was measured); `count` is the number of tickets it was taken over, which is
    exactly what the drill-down condition `drill` matches in the queue. `x` is the bucket's start
    as epoch seconds on time charts. `parts` holds the figures behind a rate or mean (for CSV)."""

    key: str
    label: str
    value: float | None
    count: int
    drill: str | None = None
    x: float | None = None
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Series:
    name: str
    unit: str  # "tickets", "h", "%", "score"
    buckets: tuple[Bucket, ...]


@dataclass(frozen=True)
class KpiChart:
    """One KPI: a headline figure over the whole period and its series, with the formula and the
    period in words for the UI."""

    key: str
    title: str
    kind: str
    headline: str
    formula: str
    period: str
    series: tuple[Series, ...]
    headline_drill: str | None = None
    headline_count: int = 0
    note: str = ""


@dataclass(frozen=True)
class Dashboard:
    filter: KpiFilter
    charts: tuple[KpiChart, ...]
    granularity: str  # day | week | month
    computed_ms: float = 0.0
    rebuilt: bool = False

    def chart(self, key: str) -> KpiChart:
        return next(c for c in self.charts if c.key == key)


@dataclass(frozen=True)
class Drill:
    """What a drill-down value names: tickets counted by `measures` (OR-ed) on the local days
    first..last of `filter`, optionally narrowed to one dimension value or an age window."""

    chart: str
    label: str
    measures: tuple[str, ...]
    first: str
    last: str
    filter: KpiFilter
    dim: tuple[str, object] | None = None
    age: tuple[int, int | None] | None = None  # seconds [lo, hi) before the end of `last`

    def encode(self) -> str:
        """The JSON of {"a", "age", "c", "d", "f", "l", "m", "z"} with sorted keys and no spaces, written key by key
        with the filter's part encoded once per filter: a dashboard writes some 500 of these, and encoding each
        whole dict was a fifth of its Python time."""
        enc = _ENCODER.encode
        parts = ['{"a":', enc(self.first)]
        if self.age is not None:
            parts += [',"age":', enc(list(self.age))]
        parts += [',"c":', enc(self.chart)]
        if self.dim is not None:
            parts += [',"d":', enc(list(self.dim))]
        parts += [',"f":', _filter_json(self.filter), ',"l":', enc(self.label), ',"m":', enc(list(self.measures)),
                  ',"z":', enc(self.last), "}"]
        return "".join(parts)


@lru_cache(maxsize=64)
def _filter_json(flt: KpiFilter) -> str:
    return _ENCODER.encode(flt.to_dict())
