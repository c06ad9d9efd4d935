"""A problem's affected CIs on the server: the `ci_ids` field of a ticket update, merged as a set, and
the set sent with every problem row a pull carries (docs/SYNC_PROTOCOL.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.problems.rules import merge_ci_sets, parse_ci_ids
from core.tickets.workflow import is_final
from server.models import ConfigurationItem, Ticket
from server.problem_models import problem_ci
from server.validate import Rejected

FIELD = "ci_ids"


def ci_ids_of(session: Session, problem_id: str) -> tuple[str, ...]:
    return tuple(sorted(session.scalars(select(problem_ci.c.ci_id).where(problem_ci.c.problem_id == problem_id))))


def merge(session: Session, ticket: Ticket, base: Any, mine: Any) -> bool:
    """Apply a desk's edit of the set (its base and new values) to what the server holds; returns whether
    the set changed. Rejected for a ticket that is not an open problem or ids naming no CI here."""
    try:
        base_ids, mine_ids = parse_ci_ids(base), parse_ci_ids(mine)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    if ticket.type != "problem":
        raise Rejected("Only a problem lists affected CIs.")
    if is_final(ticket.type, ticket.state):
        raise Rejected(f"{ticket.number} is {ticket.state} and final: its affected CIs stay as they are.")
    added = sorted(set(mine_ids) - set(base_ids))
    if added and len(set(session.scalars(select(ConfigurationItem.id).where(ConfigurationItem.id.in_(added))))) \
            != len(added):
        raise Rejected("An affected CI does not exist on the server.")
    theirs = ci_ids_of(session, ticket.id)
    merged = merge_ci_sets(base_ids, theirs, mine_ids)
    if merged == theirs:
        return False
    session.execute(delete(problem_ci).where(problem_ci.c.problem_id == ticket.id))
    if merged:
        session.execute(problem_ci.insert(), [{"problem_id": ticket.id, "ci_id": c} for c in merged])
    return True


def attach(session: Session, rows: dict[str, dict[str, Any]]) -> None:
    """Add `ci_ids` (a list, maybe empty) to every problem among a page's ticket rows."""
    ids = sorted(i for i, r in rows.items() if r.get("type") == "problem")
    for i in ids:
        rows[i][FIELD] = []
    for start in range(0, len(ids), 500):
        for problem_id, ci_id in session.execute(
                select(problem_ci.c.problem_id, problem_ci.c.ci_id)
                .where(problem_ci.c.problem_id.in_(ids[start:start + 500])).order_by(problem_ci.c.ci_id)):
            rows[problem_id][FIELD].append(ci_id)
