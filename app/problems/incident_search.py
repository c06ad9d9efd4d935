"""Find incidents to link from the problem side: the queue's safe search (app.tickets.search) over the
incidents, newest change first, each with the problem it is linked to already (if any).

The text goes through the same parser as the queue's search box (words are prefixes, "phrases", OR, -word,
a number finds its ticket), so nothing typed reaches SQL or FTS5 as syntax. The read walks
ix_ticket_type (type, updated_at) newest first and stops at the limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.models import ConfigurationItem, Ticket
from app.tickets.search import search_clause, walkable
from app.tickets.search_syntax import parse
from core.tickets.workflow import state_label

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class FoundIncident:
    """An incident the problem editor's search found."""

    id: str
    number: str
    title: str
    state_label: str
    is_open: bool
    ci: str
    created_at: datetime
    problem_number: str | None  # the problem it is linked to now (this one or another)
    linked_here: bool


@dataclass(frozen=True)
class IncidentSearch:
    """What a search found (at most `limit`, `more` when there were more) and what of the text it ignored."""

    items: tuple[FoundIncident, ...]
    more: bool
    ignored: tuple[tuple[str, str], ...]


def search_incidents(session: Session, *, problem_id: str, text: str, has_fts: bool,
                     limit: int = SEARCH_LIMIT) -> IncidentSearch:
    """Incidents matching `text` (the queue's search syntax), open ones and newest changes first within
    the page read. An empty or unsearchable text finds nothing (the reason is in `ignored`)."""
    parsed = parse(text)
    clause = search_clause(text, has_fts=has_fts, walk_sort_index=has_fts and walkable(text))
    if clause is None:
        return IncidentSearch(items=(), more=False, ignored=parsed.ignored)
    problem = aliased(Ticket)
    rows = session.execute(
        select(Ticket.id, Ticket.number, Ticket.title, Ticket.state, Ticket.is_open, Ticket.created_at,
               Ticket.problem_id, ConfigurationItem.name.label("ci"), problem.number.label("problem_number"))
        .outerjoin(ConfigurationItem, ConfigurationItem.id == Ticket.ci_id)
        .outerjoin(problem, problem.id == Ticket.problem_id)
        .where(Ticket.type == "incident", clause)
        .order_by(Ticket.updated_at.desc()).limit(limit + 1)).all()
    items = [FoundIncident(id=r.id, number=r.number or "Draft", title=r.title,
                           state_label=state_label("incident", r.state), is_open=r.is_open, ci=r.ci or "",
                           created_at=r.created_at,
                           problem_number=(r.problem_number or "Draft") if r.problem_id else None,
                           linked_here=r.problem_id == problem_id) for r in rows[:limit]]
    items.sort(key=lambda i: not i.is_open)  # stable: open first, each part newest change first
    return IncidentSearch(items=tuple(items), more=len(rows) > limit, ignored=parsed.ignored)
