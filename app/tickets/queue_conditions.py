"""Named queue conditions that other features own: the SLA views and KPI drill-downs."""
# A QueueFilter carries them as (kind, value) string pairs in `conditions`, so a filter stays plain,
# hashable data that saves to JSON with a view. Each kind is resolved by a function in the module that
# owns it, imported only when a filter uses it:
#
#     clause(session, value, *, me) -> SQL boolean expression on Ticket (or raises ValidationError)
#     describe(value) -> a short label for the filter bar ("Breaching within 4 h", "MTTR · week 2026-W40")
#
# The KPI drill-down's clause is the very condition its chart counted with, so the queue's count equals
# the chart's number by construction.

from __future__ import annotations

from importlib import import_module
from typing import Any

from sqlalchemy.orm import Session

from core.errors import ValidationError

# kind -> module defining clause() and describe()
OWNERS = {
    "sla": "app.sla.queue",
    "kpi": "app.kpi.drill",
}


def _owner(kind: str):
    try:
        return import_module(OWNERS[kind])
    except KeyError:
        raise ValidationError(f"Unknown queue condition {kind!r}.") from None


def condition_clause(session: Session, kind: str, value: str, *, me: str | None) -> Any:
    return _owner(kind).clause(session, value, me=me)


def describe_condition(kind: str, value: str) -> str:
    try:
        return _owner(kind).describe(value)
    except ValidationError:
        return f"{kind}: {value}"


def valid_pair(item: Any) -> bool:
    return (isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(v, str) for v in item)
            and item[0] in OWNERS)
