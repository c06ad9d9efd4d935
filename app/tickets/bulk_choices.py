"""What a bulk edit can offer a selection: the states and assignees that can succeed, and for how many."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Ticket
from app.people.reference import ReferenceData
from core.tickets.workflow import WORKFLOWS, all_state_keys, is_final


@dataclass(frozen=True)
class SelectionSummary:
    """The selected tickets as the bulk dialogs need them: how many of each (type, state), and of each
    assignment group (None: no group) among those whose fields can still change (`final` counts the
    closed and canceled ones, which take no field edit). Built on a read task; small and plain, safe to
    hand to the GUI."""

    total: int
    type_states: tuple[tuple[str, str, int], ...]
    groups: tuple[tuple[str | None, int], ...]
    final: int = 0


@dataclass(frozen=True)
class Choice:
    """One value a bulk dialog offers, and on how many of the selection it can succeed."""

    value: str | None
    label: str
    applies: int


def selection_summary(session: Session, *, row_ids: Iterable[int]) -> SelectionSummary:
    """Count the selection by type and state and by group. Reads the rows by primary key, in chunks
    (SQLite caps the parameters of one statement)."""
    ids = list(row_ids)
    type_states: Counter[tuple[str, str]] = Counter()
    groups: Counter[str | None] = Counter()
    total = final = 0
    for start in range(0, len(ids), 30_000):
        chunk = ids[start:start + 30_000]
        for ticket_type, state, group_id in session.execute(
                select(Ticket.type, Ticket.state, Ticket.group_id).where(Ticket.row_id.in_(chunk))):
            type_states[(ticket_type, state)] += 1
            total += 1
            if is_final(ticket_type, state):
                final += 1
            else:
                groups[group_id] += 1
    return SelectionSummary(total=total, final=final,
                            type_states=tuple((t, s, n) for (t, s), n in sorted(type_states.items())),
                            groups=tuple(sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))))


def state_choices(summary: SelectionSummary) -> list[Choice]:
    """The states at least one selected ticket can move to from where it stands (its type's workflow),
    each with how many of the selection can; in the order the filter menus list states."""
    applies: Counter[str] = Counter()
    for ticket_type, state, count in summary.type_states:
        workflow = WORKFLOWS.get(ticket_type)
        for target in workflow.allowed(state) if workflow else ():
            applies[target] += count
    return [Choice(key, label, applies[key]) for key, label in all_state_keys() if applies[key]]


def assignee_choices(summary: SelectionSummary, reference: ReferenceData, *, group_id: str | None) -> list[Choice]:
    """The agents who can take the selection: members of `group_id` (the group given with them), or,
    keeping each ticket's group, members of at least one selected ticket's group (a ticket without a
    group takes anyone), each with how many of the selection they can take. Me first, then by name.
    Closed and canceled tickets take no assignee, so they count for nobody. "(unassigned)" is not listed
    here."""
    if group_id is not None:
        members = set(reference.members.get(group_id, ()))
        open_ones = summary.total - summary.final
        counts = {a.id: open_ones for a in reference.agents if a.id in members} if open_ones else {}
    else:
        counts = {}
        for agent in reference.agents:
            n = sum(count for gid, count in summary.groups
                    if gid is None or agent.id in reference.members.get(gid, ()))
            if n:
                counts[agent.id] = n
    agents = sorted((a for a in reference.agents if a.id in counts), key=lambda a: (a.id != reference.me, a.name))
    return [Choice(a.id, a.name, counts[a.id]) for a in agents]
