"""Named reads of the reference lists the desk manages: services, groups and their members, categories, sites."""
# Every function runs on a runner read connection and returns frozen dataclasses. These lists are short (tens to
# a few thousand rows), so each is read whole, in name order; what is counted (a group's members, a site's
# people, the tickets naming a row) is read for one row at a time, through an index, when it is shown.

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.models import Category, Group, Person, Service, Site, SlaPolicyRow, Ticket, group_member
from core.people.reference_rules import describe_hours


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    description: str | None
    active: bool
    members: int


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    email: str | None
    is_agent: bool
    active: bool


@dataclass(frozen=True)
class CategoryRow:
    id: str
    name: str
    parent_id: str | None
    path: str  # "Hardware / Laptop"
    depth: int
    active: bool


@dataclass(frozen=True)
class ServiceRow:
    id: str
    name: str
    description: str | None
    owner_id: str | None
    owner_name: str | None
    support_group_id: str | None
    support_group_name: str | None
    criticality: int
    sla_policy: str | None
    hours_text: str  # as typed ("Mon-Fri 08:00-18:00"), "" when not stated
    hours_tz: str
    active: bool


@dataclass(frozen=True)
class SiteRow:
    id: str
    name: str
    address: str | None
    timezone: str | None
    active: bool


@dataclass(frozen=True)
class Usage:
    """How much names a row: tickets (any state), and people (a site) or members (a group)."""

    tickets: int
    people: int


def groups(session: Session) -> tuple[GroupRow, ...]:
    counts = {g: n for g, n in session.execute(select(group_member.c.group_id, func.count())
                                               .group_by(group_member.c.group_id))}
    return tuple(GroupRow(id=g.id, name=g.name, description=g.description, active=bool(g.active),
                          members=counts.get(g.id, 0))
                 for g in session.scalars(select(Group).order_by(func.lower(Group.name))))


def group_members(session: Session, *, group_id: str) -> tuple[Member, ...]:
    stmt = (select(Person.id, Person.name, Person.email, Person.is_agent, Person.active)
            .join(group_member, group_member.c.person_id == Person.id)
            .where(group_member.c.group_id == group_id).order_by(Person.name))
    return tuple(Member(id=i, name=n, email=e, is_agent=bool(a), active=bool(ac)) for i, n, e, a, ac in
                 session.execute(stmt))


def agents(session: Session) -> tuple[Member, ...]:
    """Active agents, the people a group can take in."""
    stmt = (select(Person.id, Person.name, Person.email, Person.is_agent, Person.active)
            .where(Person.is_agent, Person.active).order_by(Person.name))
    return tuple(Member(id=i, name=n, email=e, is_agent=True, active=True) for i, n, e, _, _ in session.execute(stmt))


def category_rows(session: Session) -> tuple[CategoryRow, ...]:
    """Every category in tree order (parents before their children, siblings by name), each with its path."""
    rows = session.execute(select(Category.id, Category.name, Category.parent_id, Category.active)).all()
    known = {r.id for r in rows}
    children: dict[str | None, list] = {}
    for r in rows:
        parent = r.parent_id if r.parent_id in known else None
        children.setdefault(parent, []).append(r)
    out: list[CategoryRow] = []

    def walk(parent: str | None, prefix: str, depth: int, seen: frozenset[str]) -> None:
        for r in sorted(children.get(parent, ()), key=lambda r: r.name.lower()):
            if r.id in seen:  # a loop pulled from elsewhere: shown once, not walked forever
                continue
            path = f"{prefix} / {r.name}" if prefix else r.name
            out.append(CategoryRow(id=r.id, name=r.name, parent_id=r.parent_id, path=path, depth=depth,
                                   active=bool(r.active)))
            walk(r.id, path, depth + 1, seen | {r.id})

    walk(None, "", 0, frozenset())
    shown = {r.id for r in out}
    for r in rows:  # rows only reachable through a loop
        if r.id not in shown:
            out.append(CategoryRow(id=r.id, name=r.name, parent_id=r.parent_id, path=r.name, depth=0,
                                   active=bool(r.active)))
    return tuple(out)


def services(session: Session) -> tuple[ServiceRow, ...]:
    owner = aliased(Person)
    stmt = (select(Service, owner.name, Group.name).outerjoin(owner, owner.id == Service.owner_id)
            .outerjoin(Group, Group.id == Service.owner_group_id).order_by(func.lower(Service.name)))
    out = []
    for s, owner_name, group_name in session.execute(stmt):
        text, tz = describe_hours(s.hours)
        out.append(ServiceRow(id=s.id, name=s.name, description=s.description, owner_id=s.owner_id,
                              owner_name=owner_name, support_group_id=s.owner_group_id,
                              support_group_name=group_name, criticality=s.criticality or 3,
                              sla_policy=s.sla_policy, hours_text=text, hours_tz=tz, active=bool(s.active)))
    return tuple(out)


def sites(session: Session) -> tuple[SiteRow, ...]:
    return tuple(SiteRow(id=s.id, name=s.name, address=s.address, timezone=s.timezone, active=bool(s.active))
                 for s in session.scalars(select(Site).order_by(func.lower(Site.name))))


def sla_policy_names(session: Session) -> tuple[str, ...]:
    """This desk's active SLA policies, the names a service can carry."""
    return tuple(session.scalars(select(SlaPolicyRow.name).where(SlaPolicyRow.active).order_by(SlaPolicyRow.name)))


_TICKET_COLUMN = {"category": Ticket.category_id, "service": Ticket.service_id, "group": Ticket.group_id}


def usage(session: Session, *, entity: str, row_id: str) -> Usage:
    """What names one row: tickets through their reference column, a site's people (by name), a group's members."""
    column = _TICKET_COLUMN.get(entity)
    tickets = session.scalar(select(func.count()).select_from(Ticket).where(column == row_id)) or 0 \
        if column is not None else 0
    people = 0
    if entity == "site":
        name = session.scalar(select(Site.name).where(Site.id == row_id))
        people = session.scalar(select(func.count()).select_from(Person).where(Person.site == name)) or 0
    elif entity == "group":
        people = session.scalar(select(func.count()).select_from(group_member)
                                .where(group_member.c.group_id == row_id)) or 0
    return Usage(tickets=tickets, people=people)
