"""SQL the ticket and change queues share: the owner filters (me, my groups, unassigned) and name sorts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from app.models import Group, Person, group_member

ME = "__me__"  # in assignee ids: the signed-in person
UNASSIGNED = "__unassigned__"  # in assignee ids: no assignee
MY_GROUPS = "__my_groups__"  # in group ids: every group the signed-in person is a member of


def owner_clauses(session: Session, *, group_column: InstrumentedAttribute[str | None],
                  assignee_column: InstrumentedAttribute[str | None], group_ids: tuple[str, ...],
                  assignee_ids: tuple[str, ...], me: str | None) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a queue filter's groups and assignees (empty tuples mean any), with MY_GROUPS,
    ME and UNASSIGNED resolved for `me`. Runs one read of `me`'s groups when MY_GROUPS is asked for."""
    clauses: list[ColumnElement[bool]] = []
    if group_ids:
        groups = [g for g in group_ids if g != MY_GROUPS]
        if MY_GROUPS in group_ids:
            groups.extend(session.scalars(select(group_member.c.group_id).where(group_member.c.person_id == me)))
        clauses.append(group_column.in_(groups))
    if assignee_ids:
        people = [me if a == ME else a for a in assignee_ids if a != UNASSIGNED]
        parts = [assignee_column.in_(people)] if people else []
        if UNASSIGNED in assignee_ids:
            parts.append(assignee_column.is_(None))
        clauses.append(or_(*parts))
    return clauses


def join_name_sort(stmt: Select, model: type[Group] | type[Person],
                   column: InstrumentedAttribute[str | None]) -> tuple[Select, SQLColumnExpression[Any]]:
    """`stmt` joined (outer) to the group or person `column` names, and that name as the sort key."""
    alias = aliased(model)
    return stmt.outerjoin(alias, alias.id == column), alias.name
