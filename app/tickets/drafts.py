"""Autosaved editor drafts: unsaved input kept in the store so a crash never loses it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Draft
from core.feed import note
from core.schema import utcnow


@dataclass(frozen=True)
class DraftInfo:
    key: str
    payload: dict[str, Any]
    updated_at: datetime


def save_draft(session: Session, *, key: str, payload: dict[str, Any]) -> None:
    text = json.dumps(payload, sort_keys=True, default=str)
    note(session, "draft", [key])
    row = session.get(Draft, key)
    if row is None:
        session.add(Draft(key=key, payload=text, updated_at=utcnow()))
    else:
        row.payload, row.updated_at = text, utcnow()


def discard_draft(session: Session, *, key: str) -> None:
    row = session.get(Draft, key)
    if row is not None:
        note(session, "draft", [key])
        session.delete(row)


def get_draft(session: Session, *, key: str) -> DraftInfo | None:
    row = session.get(Draft, key)
    return _info(row) if row is not None else None


def latest_draft(session: Session, *, prefix: str) -> DraftInfo | None:
    """The newest draft whose key starts with `prefix` (the New ticket dialog's kept input), or None."""
    row = session.scalars(select(Draft).where(Draft.key.startswith(prefix, autoescape=True))
                          .order_by(Draft.updated_at.desc()).limit(1)).first()
    return _info(row) if row is not None else None


def list_drafts(session: Session) -> list[DraftInfo]:
    return [d for d in (_info(r) for r in session.scalars(select(Draft).order_by(Draft.updated_at))) if d]


def _info(row: Draft) -> DraftInfo | None:
    try:
        payload = json.loads(row.payload)
    except ValueError:
        payload = {"unreadable": row.payload}
    return DraftInfo(key=row.key, payload=payload if isinstance(payload, dict) else {}, updated_at=row.updated_at)
