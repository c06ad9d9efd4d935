"""A problem's affected CIs: its primary CI (the ticket's ci_id) and the others in problem_ci.

The set travels as the problem's `ci_ids` field (comma-joined ids, base and new like any ticket field);
the team server merges it as a set (core.problems.rules.merge_ci_sets), so two desks adding and removing
CIs meanwhile never conflict. docs/PROBLEMS.md says how the two relate."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import ConfigurationItem, Ticket, problem_ci
from app.outbox.journal import record_changes
from app.tickets.writes import get_ticket
from core.errors import ValidationError
from core.problems.rules import parse_ci_ids
from core.schema import utcnow
from core.tickets.workflow import check_not_final

FIELD = "ci_ids"


def problem_ci_ids(session: Session, problem_id: str) -> tuple[str, ...]:
    """The ids in problem_ci for the problem (not its primary ci_id), sorted."""
    return tuple(sorted(session.scalars(select(problem_ci.c.ci_id).where(problem_ci.c.problem_id == problem_id))))


def all_ci_ids(session: Session, ticket: Ticket) -> tuple[str, ...]:
    """Every CI a problem affects: the primary one first, then the others (what matching reads)."""
    rest = problem_ci_ids(session, ticket.id) if ticket.type == "problem" else ()
    return tuple(dict.fromkeys([*([ticket.ci_id] if ticket.ci_id else []), *rest]))


def _replace(session: Session, problem_id: str, ids: tuple[str, ...]) -> None:
    session.execute(delete(problem_ci).where(problem_ci.c.problem_id == problem_id))
    if ids:
        session.execute(problem_ci.insert(), [{"problem_id": problem_id, "ci_id": c} for c in ids])


def set_problem_cis(session: Session, *, ticket_id: str, ci_ids: Any, actor_id: str | None,
                    batch_id: str | None = None) -> tuple[str, ...]:
    """Make `ci_ids` the problem's affected CIs beyond its primary one; audited and queued as one `ci_ids`
    field edit. Returns the set as stored. Raises ValidationError for a ticket that is not a problem, a
    closed one, or ids naming no CI."""
    ticket = get_ticket(session, ticket_id)
    if ticket.type != "problem":
        raise ValidationError("Only a problem lists affected CIs.", field=FIELD)
    check_not_final(ticket.type, ticket.state, ticket.number)
    new = parse_ci_ids(ci_ids)
    found = set(session.scalars(select(ConfigurationItem.id).where(ConfigurationItem.id.in_(new)))) if new else set()
    if len(found) != len(new):
        raise ValidationError(f"{len(new) - len(found)} of the chosen CIs no longer exist.", field=FIELD)
    old = problem_ci_ids(session, ticket_id)
    if new == old:
        return old
    _replace(session, ticket_id, new)
    ticket.updated_at = utcnow()
    record_changes(session, entity="ticket", entity_id=ticket_id, changes={FIELD: (",".join(old), ",".join(new))},
                   actor_id=actor_id, batch_id=batch_id)
    return new


CHOICES_LIMIT = 20


def ci_choices(session: Session, *, text: str, limit: int = CHOICES_LIMIT) -> tuple[tuple[str, str], ...]:
    """(id, "name (class)") of the CIs whose name starts with `text` (then those holding it), by name: the
    problem editor's type-ahead. The prefix read walks ix_configuration_item_name; `%` and `_` are literal."""
    words = (text or "").strip()
    if not words:
        return ()
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    out: dict[str, str] = {}
    for pattern in (f"{escaped}%", f"%{escaped}%"):
        if len(out) >= limit:
            break
        rows = session.execute(select(ConfigurationItem.id, ConfigurationItem.name, ConfigurationItem.ci_class)
                               .where(ConfigurationItem.name.ilike(pattern, escape="\\"))
                               .order_by(ConfigurationItem.name).limit(limit))
        for r in rows:
            out.setdefault(r.id, f"{r.name} ({r.ci_class})" if r.ci_class else r.name)
    return tuple(list(out.items())[:limit])
