"""A drill-down value is the same JSON as the plain dict it stands for (sorted keys, no spaces), whichever
optional parts it has: the queue decodes it, and saved links hold it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.kpi.drill import decode
from app.kpi.filters import KpiFilter
from app.kpi.records import Drill


def plain(drill: Drill) -> str:
    data = {"c": drill.chart, "l": drill.label, "m": list(drill.measures), "a": drill.first, "z": drill.last,
            "f": drill.filter.to_dict()}
    if drill.dim is not None:
        data["d"] = list(drill.dim)
    if drill.age is not None:
        data["age"] = list(drill.age)
    return json.dumps(data, separators=(",", ":"), sort_keys=True)


FILTERS = (KpiFilter(date(2025, 1, 1), date(2026, 10, 31), "Europe/Berlin"),
           KpiFilter(date(2026, 9, 2), date(2026, 10, 16), "UTC", group_ids=("g2", "g1"), service_ids=("s",),
                     priorities=(3, 1), types=("incident",)))


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize("dim,age", [(None, None), (("priority", 2), None), (("group_id", ""), None),
                                     (None, (86_400, None)), (("assignee_id", "ä\"b"), (0, 3600))])
def test_a_drill_encodes_as_its_plain_json(flt, dim, age):
    drill = Drill("by_group", "Volume by group: Servicé \"desk\" · 2026-W40", ("created", "resolved"),
                  "2026-09-28", "2026-10-04", flt, dim=dim, age=age)
    text = drill.encode()
    assert text == plain(drill)
    assert decode(text) == drill
