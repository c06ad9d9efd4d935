"""Queue condition kind "kpi": the tickets behind one bar, point or slice of a dashboard chart."""
# The value is the JSON a chart wrote (app.kpi.records.Drill); the condition is built from the
# same measure definitions the chart's figures come from (app.kpi.measures), so the queue's
# count equals the chart's number.

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import and_, or_

from app.kpi.filters import KpiFilter, day_range_utc
from app.kpi.measures import (
    CREATED_MEASURES,
    RESOLVED_MEASURES,
    backlog_at,
    dims_clause,
    equals_or_none,
    measure_clause,
)
from app.kpi.problem_measures import PROBLEM_MEASURES, problem_measure_clause
from app.kpi.records import Drill
from app.models import Ticket
from core.errors import ValidationError

STATE_MEASURES = ("backlog",)  # counted at the end of the last day
DIMENSIONS = {"priority": Ticket.priority, "group_id": Ticket.group_id, "service_id": Ticket.service_id,
              "category_id": Ticket.category_id, "channel": Ticket.channel, "assignee_id": Ticket.assignee_id,
              "type": Ticket.type}
KNOWN = set(CREATED_MEASURES) | set(RESOLVED_MEASURES) | set(STATE_MEASURES) | set(PROBLEM_MEASURES)


def decode(value: str) -> Drill:
    """The Drill a value names; ValidationError for anything else."""
    try:
        data = json.loads(value)
        measures = tuple(data["m"])
        if not measures or not set(measures) <= KNOWN:
            raise ValueError("measures")
        date.fromisoformat(data["a"])
        date.fromisoformat(data["z"])
        dim = tuple(data["d"]) if "d" in data else None
        if dim is not None and (len(dim) != 2 or dim[0] not in DIMENSIONS):
            raise ValueError("dim")
        age = tuple(data["age"]) if "age" in data else None
        if age is not None and (len(age) != 2 or type(age[0]) is not int
                                or not (age[1] is None or type(age[1]) is int)):
            raise ValueError("age")
        return Drill(chart=str(data["c"]), label=str(data.get("l", "")), measures=measures, first=data["a"],
                     last=data["z"], filter=KpiFilter.from_dict(data["f"]), dim=dim, age=age)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError("This dashboard drill-down is damaged.") from None


def drill_clause(drill: Drill):
    """The SQL condition on Ticket for a Drill (no session needed)."""
    flt = drill.filter
    first, last = date.fromisoformat(drill.first), date.fromisoformat(drill.last)
    start, end = day_range_utc(first, last, flt.tz)
    parts = []
    for m in drill.measures:
        if m == "backlog":
            parts.append(backlog_at(end))
        elif m in PROBLEM_MEASURES:
            parts.append(problem_measure_clause(m, start, end))
        else:
            parts.append(measure_clause(m, start, end))
    clause = [dims_clause(flt), or_(*parts) if len(parts) > 1 else parts[0]]
    if drill.dim is not None:
        name, value = drill.dim
        column = DIMENSIONS[name]
        clause.append(column == value if name == "priority" else equals_or_none(column, value))
    if drill.age is not None:
        lo, hi = drill.age
        clause.append(Ticket.created_at <= end - timedelta(seconds=lo))
        if hi is not None:
            clause.append(Ticket.created_at > end - timedelta(seconds=hi))
    return and_(*clause)


def clause(session, value: str, *, me: str | None):
    return drill_clause(decode(value))


def describe(value: str) -> str:
    """The filter bar's label: the bucket's own words and its days."""
    drill = decode(value)
    days = drill.first if drill.first == drill.last else f"{drill.first} – {drill.last}"
    return f"{drill.label or drill.chart} · {days}"
