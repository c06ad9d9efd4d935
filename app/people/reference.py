"""Reference lists for pickers (people, groups, categories, services, CIs) and the desk's current user."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ConfigurationItem, Group, Person, Service, Site, StoreMeta, group_member
from app.tickets.records import Choice
from core.feed import note

NAMED_LISTS = ("agents", "requesters", "groups", "categories", "services", "cis")  # ReferenceData's lists of Choice


@dataclass(frozen=True)
class ReferenceData:
    """Everything the pickers need, loaded once per refresh; small next to the ticket table."""

    me: str | None
    me_name: str
    agents: tuple[Choice, ...]
    requesters: tuple[Choice, ...]
    groups: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    services: tuple[Choice, ...]
    cis: tuple[Choice, ...]
    members: dict[str, tuple[str, ...]]  # group id -> agent ids
    # Retired groups, categories and services (id -> name): out of the pickers, still named on their tickets.
    retired: dict[str, str] = field(default_factory=dict)
    me_role: str = ""  # the team-server role the desk last signed in with ("" on a desk of its own)
    sites: tuple[str, ...] = ()  # active site names, offered as a person's site is typed

    def name_of(self, kind: str, ident: str | None) -> str:
        name = self._names(kind).get(ident)
        return name if name is not None else self.retired.get(ident or "", "")

    def index_names(self) -> ReferenceData:
        """Make the name-by-id index of every list now (`reference_data` does, on the thread that reads them): made
        on first use, the CIs' (50,000 on the 1M demo store) held the GUI thread ~10 ms, inside the first article
        or ticket shown that named a CI."""
        for kind in NAMED_LISTS:
            self._names(kind)
        return self

    def _names(self, kind: str) -> dict[str | None, str]:
        # Name by id per list: the editor names a requester several times a ticket, and a scan of the 1M demo
        # store's 20,000 requesters is ~0.3 ms. In the instance's __dict__ (the dataclass is frozen; the index is
        # not a field, so equality and the fields are untouched).
        index = self.__dict__.setdefault("_name_index", {})
        names = index.get(kind)
        if names is None:  # reversed: of a repeated id the first wins, as the scan found it
            names = index[kind] = {c.id: c.name for c in reversed(getattr(self, kind))}
        return names


ROLE = "account_role"  # store_meta: the role of the account last adopted (app.people.account)


def current_user(session: Session) -> str | None:
    return session.scalar(select(StoreMeta.value).where(StoreMeta.key == "current_user"))


def set_current_user(session: Session, *, person_id: str) -> None:
    note(session, "person", [person_id], ["me"])
    row = session.get(StoreMeta, "current_user")
    if row is None:
        session.add(StoreMeta(key="current_user", value=person_id))
    else:
        row.value = person_id


def ensure_local_user(session: Session, *, name: str) -> str:
    """On an empty desk, make the person using it an agent so that 'My tickets' means something."""
    me = current_user(session)
    if me is not None:
        return me
    person = Person(name=name, is_agent=True)
    session.add(person)
    session.flush()
    set_current_user(session, person_id=person.id)
    return person.id


def _choices(session: Session, stmt) -> tuple[Choice, ...]:
    return tuple(Choice(id=i, name=n) for i, n in session.execute(stmt))


def reference_data(session: Session, *, long_lists: bool = True) -> ReferenceData:
    """The pickers' lists: active rows in name order (categories as their path, "Hardware / Laptop", in tree
    order), retired ones aside so tickets naming them still show their names.

    `long_lists` False leaves out the requesters and the CIs (empty tuples): the lists that grow with the desk
    (20,000 and 50,000 rows on the 1M demo store, ~0.3 s of CPU). The window's start reads the rest first,
    since the queue's first page waits for who "me" is, and the long lists once that page is painted."""
    from app.people.reference_queries import category_rows  # it imports the models this module does

    me = current_user(session)
    members: dict[str, list[str]] = {}
    for gid, pid in session.execute(select(group_member.c.group_id, group_member.c.person_id)):
        members.setdefault(gid, []).append(pid)
    me_name = session.scalar(select(Person.name).where(Person.id == me)) if me else None
    retired = {i: n for model in (Group, Service) for i, n in session.execute(
        select(model.id, model.name).where(model.active.is_(False)))}
    categories = category_rows(session)
    retired.update((c.id, c.path) for c in categories if not c.active)
    return ReferenceData(
        me=me,
        me_name=me_name or "",
        agents=_choices(session, select(Person.id, Person.name).where(Person.is_agent).order_by(Person.name)),
        requesters=_choices(session, select(Person.id, Person.name).where(Person.is_agent.is_(False))
                            .order_by(Person.name)) if long_lists else (),
        groups=_choices(session, select(Group.id, Group.name).where(Group.active).order_by(Group.name)),
        categories=tuple(Choice(id=c.id, name=c.path) for c in categories if c.active),
        services=_choices(session, select(Service.id, Service.name).where(Service.active).order_by(Service.name)),
        cis=_choices(session, select(ConfigurationItem.id, ConfigurationItem.name).order_by(ConfigurationItem.name))
        if long_lists else (),
        members={g: tuple(p) for g, p in members.items()},
        retired=retired,
        me_role=session.scalar(select(StoreMeta.value).where(StoreMeta.key == ROLE)) or "",
        sites=tuple(session.scalars(select(Site.name).where(Site.active).order_by(Site.name))),
    ).index_names()
