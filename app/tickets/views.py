"""Saved queue views: the built-in ones plus those a user saves (filters and sort as JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import SavedView
from app.tickets.queue import BUILTIN_VIEWS, QueueFilter, QueueSort
from core.errors import NotFoundError, ValidationError
from core.feed import note


@dataclass(frozen=True)
class ViewInfo:
    key: str  # builtin key or saved view id
    name: str
    filter: QueueFilter
    sort: QueueSort
    builtin: bool


def list_views(session: Session, *, owner_id: str | None) -> list[ViewInfo]:
    views = [ViewInfo(v.key, v.name, v.filter, v.sort, True) for v in BUILTIN_VIEWS]
    for row in session.scalars(select(SavedView).where(SavedView.owner_id == owner_id)
                               .order_by(SavedView.position, SavedView.name)):
        views.append(_from_row(row))
    return views


def _from_row(row: SavedView) -> ViewInfo:
    try:
        data = json.loads(row.definition)
        flt = QueueFilter.from_dict(data.get("filter", {}))
        sort = QueueSort(str(data.get("sort", {}).get("key", "updated_at")),
                         bool(data.get("sort", {}).get("descending", True)))
    except (ValueError, TypeError, AttributeError):
        flt, sort = QueueFilter(), QueueSort()
    return ViewInfo(row.id, row.name, flt, sort, False)


def save_view(session: Session, *, name: str, flt: QueueFilter, sort: QueueSort, owner_id: str | None) -> ViewInfo:
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the view a name.", field="name")
    if len(name) > 120:
        raise ValidationError("The name is longer than 120 characters.", field="name")
    definition = json.dumps({"filter": flt.to_dict(), "sort": {"key": sort.key, "descending": sort.descending}})
    row = session.scalar(select(SavedView).where(SavedView.owner_id == owner_id, SavedView.name == name))
    if row is None:
        position = (session.scalar(select(func.max(SavedView.position))) or 0) + 1
        row = SavedView(name=name, owner_id=owner_id, definition=definition, position=position)
        session.add(row)
    else:
        row.definition = definition
    session.flush()
    note(session, "saved_view", [row.id])
    return _from_row(row)


def delete_view(session: Session, *, view_id: str) -> None:
    row = session.get(SavedView, view_id)
    if row is None:
        raise NotFoundError("That view no longer exists.")
    note(session, "saved_view", [row.id])
    session.delete(row)
