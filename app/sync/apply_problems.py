"""Pulled problem CI sets: a problem's ticket row carries `ci_ids` (every CI in problem_ci, its primary
ci_id aside), which replaces the local set; a pending local edit of the set is put back on top by
apply.reapply_pending like any ticket field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import ConfigurationItem, Ticket, problem_ci
from core.errors import ValidationError
from core.problems.rules import parse_ci_ids

FIELD = "ci_ids"


def apply_wire(session: Session, ticket_id: str, value: Any) -> None:
    """Write a pulled (or pending) `ci_ids` value to the local set, without audit or outbox: CIs this store
    does not hold (yet) are left out; a value that does not parse leaves the set as it is."""
    try:
        ids = parse_ci_ids(value)
    except ValidationError:
        return
    if session.scalar(select(Ticket.type).where(Ticket.id == ticket_id)) != "problem":
        return
    known = sorted(session.scalars(select(ConfigurationItem.id).where(ConfigurationItem.id.in_(ids)))) if ids else []
    session.execute(delete(problem_ci).where(problem_ci.c.problem_id == ticket_id))
    if known:
        session.execute(problem_ci.insert(), [{"problem_id": ticket_id, "ci_id": c} for c in known])


def apply_wire_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """apply_wire for the pulled ticket rows that carry `ci_ids` (the server sends it with every problem)."""
    for row in rows:
        if FIELD in row:
            apply_wire(session, row["id"], row[FIELD])
