"""Category, service and CI from RT custom fields (issue 16): a ticket's queue may keep them in custom fields
(named in the profile's `rt_custom_fields` setting; `Category`, `Service`, `CI` by default) whose value is a
name. The desk's row of that name is used; a name the desk does not know becomes a reference row made as seen
(its id derived from RT's address and the name, so every desk makes the same one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Category, ConfigurationItem, Service
from app.sync.backends.rt import mapping

MODELS: dict[str, type[Category] | type[Service] | type[ConfigurationItem]] = {
    "category": Category, "service": Service, "configuration_item": ConfigurationItem}


def ids_by_name(session: Session, *, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(kind, name) -> the id of the desk's row of that name (the oldest id when several share it)."""
    out: dict[tuple[str, str], str] = {}
    for kind, model in MODELS.items():
        names = sorted({name for k, name in wanted if k == kind})
        for start in range(0, len(names), 500):
            for name, row_id in session.execute(select(model.name, model.id).where(
                    model.name.in_(names[start:start + 500])).order_by(model.id.desc())):
                out[(kind, name)] = row_id
    return out


def resolve(read: Callable[..., Any], base: str, records: list[dict], names: dict[str, str],
            rows: dict[str, list]) -> dict[tuple[str, str], str]:
    """The ids ticket_row needs for the records' reference custom fields; rows for the names the desk lacks
    are added to the page's `rows` (applied before the tickets that name them)."""
    wanted: set[tuple[str, str]] = set()
    for record in records:
        custom = mapping.custom_values(record)
        for field, (kind, _) in mapping.REFERENCE_FIELDS.items():
            value = mapping.reference_value(custom.get(names.get(field, "")))
            if value is not None:
                wanted.add((kind, value))
    if not wanted:
        return {}
    ids = read(ids_by_name, wanted=sorted(wanted))
    for kind, name in sorted(wanted - set(ids)):
        ids[(kind, name)] = row_id = mapping.local_id(base, kind, name)
        row: dict[str, Any] = {"id": row_id, "name": name}
        if kind == "category":
            row.update(parent_id=None, active=True)
        elif kind == "configuration_item":
            row.update(ci_class="other", criticality=3, status="active")
        rows.setdefault(kind, []).append(row)
    return ids


def names_of(session: Session, *, ids: list[str]) -> dict[str, str]:
    """id -> name of the desk's categories, services and CIs among `ids` (a desk edit sends the name to RT)."""
    out: dict[str, str] = {}
    wanted = sorted({i for i in ids if i})
    for model in MODELS.values():
        for start in range(0, len(wanted), 500):
            out.update(session.execute(select(model.id, model.name).where(
                model.id.in_(wanted[start:start + 500]))).all())
    return out
