"""Named reads of the people directory: the caller lookup, a caller's card, the people list and a person's record."""
# Every function runs on a runner read connection and returns frozen dataclasses. The lookup goes through the
# FTS5 table of migration 0018 (prefix indexes, so "smi" costs what "smith" costs); without FTS5 it falls back
# to LIKE, which scans.

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from app.models import CiClassRow, ConfigurationItem, Person, StoreMeta, Ticket
from core.cmdb.classes import BUILTIN
from core.people.rules import lookup_words, match_expression, rank_key

LOOKUP_LIMIT = 12  # rows the type-ahead shows
_CANDIDATES = 200  # FTS rows read per lookup before ranking: enough to rank well, few enough to stay fast
CARD_TICKETS = 5
CARD_ASSETS = 8


@dataclass(frozen=True)
class PersonRow:
    """One person as lists and the lookup show them."""

    id: str
    name: str
    email: str | None
    phone: str | None
    department: str | None
    site: str | None
    vip: bool
    is_agent: bool
    active: bool


@dataclass(frozen=True)
class PersonRecord(PersonRow):
    """A person's full record for the edit form, with how many tickets name them as requester."""

    language: str | None = None
    tickets: int = 0


@dataclass(frozen=True)
class CallerTicket:
    id: str
    number: str | None
    title: str
    type: str
    state: str
    is_open: bool
    updated_at: datetime


@dataclass(frozen=True)
class CallerAsset:
    """A CI the caller owns (a workstation, a phone...)."""

    id: str
    name: str
    ci_class: str
    class_label: str
    status: str


@dataclass(frozen=True)
class CallerCard:
    """What the ticket form shows beside the chosen caller: how to reach them, their tickets and their assets."""

    person: PersonRow
    open_tickets: tuple[CallerTicket, ...]
    recent_tickets: tuple[CallerTicket, ...]  # closed or resolved, newest first
    open_count: int
    assets: tuple[CallerAsset, ...] = ()  # in service first, then by name; CARD_ASSETS at most
    asset_count: int = 0  # all the CIs the caller owns


@dataclass(frozen=True)
class PeopleFilter:
    """The people list's search and filters (None: any)."""

    text: str = ""
    kind: str | None = None  # "agents" | "requesters"
    vip: bool | None = None
    site: str | None = None
    department: str | None = None
    active: bool | None = True


@dataclass(frozen=True)
class PeopleList:
    rows: tuple[PersonRow, ...]
    more: bool  # the list stopped at its limit
    sites: tuple[str, ...] = field(default=())
    departments: tuple[str, ...] = field(default=())


_ROW_COLUMNS = (Person.id, Person.name, Person.email, Person.phone, Person.department, Person.site, Person.vip,
                Person.is_agent, Person.active)


def _row(values) -> PersonRow:
    pid, name, email, phone, department, site, vip, is_agent, active = values
    return PersonRow(id=pid, name=name, email=email, phone=phone, department=department, site=site,
                     vip=bool(vip), is_agent=bool(is_agent), active=bool(active))


def has_person_index(session: Session) -> bool:
    return session.scalar(select(StoreMeta.value).where(StoreMeta.key == "fts")) == "1"


def matching_ids_sql(words: list[str], limit: int):
    """The statement the lookup runs on FTS5 (exposed for the plan test): candidate person ids, index order."""
    return text("SELECT k.person_id FROM person_fts f JOIN person_fts_key k ON k.rowid = f.rowid "
                "WHERE person_fts MATCH :match LIMIT :limit").bindparams(match=match_expression(words), limit=limit)


def lookup_callers(session: Session, *, text: str, limit: int = LOOKUP_LIMIT,
                   include_inactive: bool = False) -> tuple[PersonRow, ...]:
    """People whose name, e-mail, phone, department or site has a word starting with each typed word,
    best first (core.people.rules.rank_key). Reads at most a few hundred index rows, whatever the directory's
    size; an empty or symbol-only text finds nobody."""
    words = lookup_words(text)
    if not words:
        return ()
    if has_person_index(session):
        ids = session.scalars(matching_ids_sql(words, _CANDIDATES)).all()
        if not ids:
            return ()
        stmt = select(*_ROW_COLUMNS).where(Person.id.in_(ids))
    else:
        stmt = select(*_ROW_COLUMNS).where(and_(*(_like_any(w) for w in words))).limit(_CANDIDATES)
    if not include_inactive:
        stmt = stmt.where(Person.active.is_(True))
    rows = [_row(r) for r in session.execute(stmt)]
    rows.sort(key=lambda r: rank_key(r.name, r.email, words))
    return tuple(rows[:limit])


def _like_any(word: str):
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(func.lower(c).like(pattern, escape="\\") for c in
                 (Person.name, Person.email, Person.phone, Person.department, Person.site)))


def _caller_tickets(session: Session, person_id: str, is_open: bool) -> tuple[CallerTicket, ...]:
    stmt = (select(Ticket.id, Ticket.number, Ticket.title, Ticket.type, Ticket.state, Ticket.is_open,
                   Ticket.updated_at)
            .where(Ticket.requester_id == person_id, Ticket.is_open.is_(is_open))
            .order_by(Ticket.updated_at.desc()).limit(CARD_TICKETS))
    return tuple(CallerTicket(id=i, number=n, title=t, type=ty, state=s, is_open=bool(o), updated_at=u)
                 for i, n, t, ty, s, o, u in session.execute(stmt))


def caller_card(session: Session, *, person_id: str) -> CallerCard | None:
    """The caller's details, newest open tickets and newest finished ones (ix_ticket_requester); None when
    this desk has no such person."""
    found = session.execute(select(*_ROW_COLUMNS).where(Person.id == person_id)).first()
    if found is None:
        return None
    open_count = session.scalar(select(func.count()).select_from(Ticket)
                                .where(Ticket.requester_id == person_id, Ticket.is_open.is_(True))) or 0
    assets, asset_count = caller_assets(session, person_id=person_id)
    return CallerCard(person=_row(found), open_tickets=_caller_tickets(session, person_id, True),
                      recent_tickets=_caller_tickets(session, person_id, False), open_count=open_count,
                      assets=assets, asset_count=asset_count)


def caller_assets(session: Session, *, person_id: str,
                  limit: int = CARD_ASSETS) -> tuple[tuple[CallerAsset, ...], int]:
    """The CIs `person_id` owns (ix_configuration_item_owner): retired ones last, then by name; and how many
    they own in all."""
    ci = ConfigurationItem
    stmt = (select(ci.id, ci.name, ci.ci_class, ci.status).where(ci.owner_id == person_id)
            .order_by((ci.status == "retired"), func.lower(ci.name)).limit(limit))
    found = session.execute(stmt).all()
    count = len(found) if len(found) < limit else session.scalar(
        select(func.count()).select_from(ci).where(ci.owner_id == person_id)) or 0
    own = {k for _, _, k, _ in found if k not in BUILTIN}
    labels = dict(session.execute(select(CiClassRow.id, CiClassRow.label).where(CiClassRow.id.in_(own)))) if own \
        else {}
    return tuple(CallerAsset(id=i, name=n, ci_class=k, status=st, class_label=BUILTIN[k].label if k in BUILTIN
                             else labels.get(k, k.replace("_", " ").capitalize()))
                 for i, n, k, st in found), count


def people_query(flt: PeopleFilter, columns: tuple[str, ...] | None = None):
    """The people list's statement: the filter's people by name (`columns`: Person attribute names; None: the
    PersonRow columns). The search uses the lookup's FTS index; each filter has an index (migration 0018)."""
    stmt = select(*(getattr(Person, c) for c in columns)) if columns else select(*_ROW_COLUMNS)
    words = lookup_words(flt.text)
    if words:
        ids = select(text("k.person_id")).select_from(text(
            "person_fts f JOIN person_fts_key k ON k.rowid = f.rowid")).where(
            text("person_fts MATCH :match")).params(match=match_expression(words))
        stmt = stmt.where(Person.id.in_(ids.scalar_subquery()))
    if flt.kind is not None:
        stmt = stmt.where(Person.is_agent.is_(flt.kind == "agents"))
    if flt.vip is not None:
        stmt = stmt.where(Person.vip.is_(flt.vip))
    if flt.site is not None:
        stmt = stmt.where(Person.site == flt.site)
    if flt.department is not None:
        stmt = stmt.where(Person.department == flt.department)
    if flt.active is not None:
        stmt = stmt.where(Person.active.is_(flt.active))
    return stmt.order_by(Person.name)


def filtered_people(session: Session, flt: PeopleFilter, columns: tuple[str, ...] | None = None):
    """people_query, with the search as LIKE where this SQLite has no FTS5."""
    words = lookup_words(flt.text)
    if not words or has_person_index(session):
        return people_query(flt, columns)
    rest = PeopleFilter(kind=flt.kind, vip=flt.vip, site=flt.site, department=flt.department, active=flt.active)
    return people_query(rest, columns).where(and_(*(_like_any(w) for w in words)))


def people_page(session: Session, *, flt: PeopleFilter, limit: int = 500) -> PeopleList:
    """The people list: filtered, by name, at most `limit` rows (the search narrows a large directory), with
    the sites and departments the filters offer."""
    stmt = filtered_people(session, flt)
    rows = [_row(r) for r in session.execute(stmt.limit(limit + 1))]
    return PeopleList(rows=tuple(rows[:limit]), more=len(rows) > limit, sites=_distinct(session, Person.site),
                      departments=_distinct(session, Person.department))


def _distinct(session: Session, column) -> tuple[str, ...]:
    # DISTINCT over (site, name) / (department, name): the index's first column, read without the table.
    return tuple(v for v in session.scalars(select(column).where(column.is_not(None)).distinct().order_by(column)))


def person_record(session: Session, *, person_id: str) -> PersonRecord | None:
    person = session.get(Person, person_id)
    if person is None:
        return None
    tickets = session.scalar(select(func.count()).select_from(Ticket).where(Ticket.requester_id == person_id)) or 0
    return PersonRecord(id=person.id, name=person.name, email=person.email, phone=person.phone,
                        department=person.department, site=person.site, vip=bool(person.vip),
                        is_agent=bool(person.is_agent), active=bool(person.active), language=person.language,
                        tickets=tickets)
