"""Who may see and change which tickets."""
# Agents, technicians and publishers: their groups' tickets and tickets assigned to them; managers and admins:
# every ticket. A publisher is an agent who may also validate knowledge articles (core.knowledge.workflow).

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from server.models import Account, Ticket, group_member

ROLES = ("agent", "technician", "publisher", "manager", "admin")  # publisher: an agent who may validate articles
NOT_IN_SCOPE = "not in your scope"


@dataclass(frozen=True)
class Scope:
    account_id: str
    name: str
    role: str
    person_id: str
    group_ids: frozenset[str]

    @property
    def sees_all(self) -> bool:
        return self.role in ("manager", "admin")

    def allows(self, group_id: str | None, assignee_id: str | None) -> bool:
        if self.sees_all:
            return True
        return (group_id is not None and group_id in self.group_ids) or (
            assignee_id is not None and assignee_id == self.person_id)

    def allows_ticket(self, ticket: Ticket | None) -> bool:
        return ticket is not None and self.allows(ticket.group_id, ticket.assignee_id)

    def ticket_filter(self):
        """A WHERE clause on Ticket for the same rule, for queries."""
        if self.sees_all:
            return Ticket.id.is_not(None)
        clauses = [Ticket.assignee_id == self.person_id]
        if self.group_ids:
            clauses.append(Ticket.group_id.in_(sorted(self.group_ids)))
        return or_(*clauses) if clauses else false()


def scope_for(session: Session, account: Account) -> Scope:
    groups = session.scalars(select(group_member.c.group_id).where(group_member.c.person_id == account.person_id))
    return Scope(account_id=account.id, name=account.name, role=account.role, person_id=account.person_id,
                 group_ids=frozenset(groups))
