"""Impact analysis reads: what an outage of a CI touches, the major-incident hint, a change's preview."""
# "Users of a service" (Impact.users) are, for the CIs an outage reaches: the owners of the end-user devices
# (workstations, mobile devices) in the blast radius (a device that depends on an application is used by its
# owner), then the requesters of tickets raised in the last USERS_DAYS days against the affected business
# services (their service, or the service CI itself). Active people only, by name, at most USERS_LIMIT.
# Every read is a handful of indexed queries per walk level (app.cmdb.graph), so a CI in a 50,000-CI graph is
# answered in milliseconds (bench/cmdb_bench.py).

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.cmdb.graph import impact_walk
from app.cmdb.records import ChangeImpact, ChangeRef, CiRow, Impact, TicketRef
from app.models import Change, ConfigurationItem, Person, Ticket, TicketSla, change_ci
from core.changes.workflow import INACTIVE_STATES
from core.schema import utcnow

CI = ConfigurationItem
END_USER_CLASSES = ("workstation", "mobile_device")
SERVICE_CLASS = "business_service"
USERS_DAYS = 90
USERS_LIMIT = 500
LIST_LIMIT = 500
CHUNK = 500
CONFLICT_CANDIDATES = 200  # overlapping changes looked at, earliest first


def _chunks(ids: Sequence[str]):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def open_incident_counts(session: Session, ci_ids: Sequence[str]) -> dict[str, int]:
    """{ci id: open incidents on it} through ix_ticket_ci_open."""
    out: dict[str, int] = {}
    for chunk in _chunks(ci_ids):
        out.update((r[0], r[1]) for r in session.execute(select(Ticket.ci_id, func.count()).where(
            Ticket.ci_id.in_(chunk), Ticket.is_open.is_(True), Ticket.type == "incident").group_by(Ticket.ci_id)))
    return out


def _rows(session: Session, ids: Sequence[str]) -> list[CiRow]:
    from app.cmdb.queries import ci_rows  # the row shape lives with the list

    return ci_rows(session, ids=ids)


def _ticket_refs(session: Session, conditions, *, exclude: str | None = None, with_sla: bool = False,
                 limit: int = LIST_LIMIT) -> tuple[TicketRef, ...]:
    stmt = (select(Ticket.id, Ticket.number, Ticket.title, Ticket.type, Ticket.state, Ticket.priority, CI.name,
                   TicketSla.due_at)
            .outerjoin(CI, CI.id == Ticket.ci_id).outerjoin(TicketSla, TicketSla.ticket_id == Ticket.id)
            .where(Ticket.is_open.is_(True), conditions))
    if exclude is not None:
        stmt = stmt.where(Ticket.id != exclude)
    stmt = stmt.order_by(Ticket.priority, Ticket.created_at.desc()).limit(limit)
    return tuple(TicketRef(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6], r[7]) for r in session.execute(stmt))


def _open_incidents(session: Session, ci_ids: Sequence[str], service_ids: Sequence[str],
                    exclude: str | None = None) -> tuple[TicketRef, ...]:
    found: dict[str, TicketRef] = {}
    for chunk in _chunks(ci_ids):
        for t in _ticket_refs(session, and_(Ticket.ci_id.in_(chunk), Ticket.type == "incident"), exclude=exclude):
            found[t.id] = t
    for chunk in _chunks(service_ids):
        for t in _ticket_refs(session, and_(Ticket.service_id.in_(chunk), Ticket.type == "incident"),
                              exclude=exclude):
            found[t.id] = t
    return tuple(sorted(found.values(), key=lambda t: (t.priority, t.number)))[:LIST_LIMIT]


def _open_changes(session: Session, ci_ids: Sequence[str]) -> tuple[ChangeRef, ...]:
    found: dict[str, ChangeRef] = {}
    for chunk in _chunks(ci_ids):
        stmt = (select(Change.id, Change.number, Change.title, Change.state, Change.planned_start, Change.planned_end)
                .join(change_ci, change_ci.c.change_id == Change.id)
                .where(change_ci.c.ci_id.in_(chunk), Change.state.not_in(INACTIVE_STATES)).distinct())
        for r in session.execute(stmt):
            found[r[0]] = ChangeRef(r[0], r[1] or "", r[2], r[3], r[4], r[5])
    far = datetime.max.replace(tzinfo=None)
    return tuple(sorted(found.values(), key=lambda c: ((c.start.replace(tzinfo=None) if c.start else far),
                                                       c.number)))[:LIST_LIMIT]


def _users(session: Session, reached: Sequence[str], services: Sequence[CiRow]) -> tuple[tuple[str, str], ...]:
    people: set[str] = set()
    for chunk in _chunks(reached):
        people.update(p for p in session.scalars(select(CI.owner_id).where(
            CI.id.in_(chunk), CI.ci_class.in_(END_USER_CLASSES), CI.owner_id.is_not(None))) if p)
    service_cis = [s.id for s in services]
    service_ids = [sid for chunk in _chunks(service_cis) for sid in session.scalars(
        select(CI.service_id).where(CI.id.in_(chunk), CI.service_id.is_not(None)))]
    since = utcnow() - timedelta(days=USERS_DAYS)
    for chunk in _chunks(service_ids):
        people.update(p for p in session.scalars(select(Ticket.requester_id).where(
            Ticket.service_id.in_(chunk), Ticket.created_at >= since, Ticket.requester_id.is_not(None)).distinct())
            if p)
    for chunk in _chunks(service_cis):
        people.update(p for p in session.scalars(select(Ticket.requester_id).where(
            Ticket.ci_id.in_(chunk), Ticket.created_at >= since, Ticket.requester_id.is_not(None)).distinct()) if p)
    named: list[tuple[str, str]] = []
    for chunk in _chunks(sorted(people)):
        named.extend((r[0], r[1]) for r in session.execute(
            select(Person.id, Person.name).where(Person.id.in_(chunk), Person.active.is_(True))))
    named.sort(key=lambda p: (p[1].lower(), p[0]))
    return tuple(named[:USERS_LIMIT])


def _service_ids(session: Session, services: Sequence[CiRow]) -> list[str]:
    return [sid for chunk in _chunks([s.id for s in services]) for sid in session.scalars(
        select(CI.service_id).where(CI.id.in_(chunk), CI.service_id.is_not(None)))]


def impact(session: Session, *, ci_id: str) -> Impact:
    """What an outage of `ci_id` touches: the CIs it reaches through the relations (cycle-safe), the business
    services among them, the open incidents on them (and on those services), the open changes on them, and
    the users of those services (see the module docstring)."""
    result = impact_walk(session, ci_id)
    rows = _rows(session, result.order)
    services = tuple(r for r in rows if r.ci_class == SERVICE_CLASS)
    incidents = _open_incidents(session, result.order, _service_ids(session, services))
    return Impact(ci_id, services, tuple(rows), incidents, _open_changes(session, result.order),
                  _users(session, result.order, services), result.truncated)


def incident_hint(session: Session, *, ticket_id: str) -> tuple[TicketRef, ...]:
    """Other open incidents on the ticket's CI or on the CIs that depend on it (its blast radius): the
    major-incident hint. Empty when the ticket names no CI."""
    ci_id = session.scalar(select(Ticket.ci_id).where(Ticket.id == ticket_id))
    if ci_id is None:
        return ()
    reached = impact_walk(session, ci_id).order
    found: dict[str, TicketRef] = {}
    for chunk in _chunks(reached):
        for t in _ticket_refs(session, and_(Ticket.ci_id.in_(chunk), Ticket.type == "incident"), exclude=ticket_id):
            found[t.id] = t
    return tuple(sorted(found.values(), key=lambda t: (t.priority, t.number)))[:LIST_LIMIT]


def _conflicts(session: Session, change_id: str, window: tuple[datetime, datetime],
               radius: set[str]) -> tuple[ChangeRef, ...]:
    """Active changes in an overlapping window whose CIs, or whose own blast radius, meet `radius`: two
    changes that disturb the same service at once, however far apart their CIs sit in the graph."""
    stmt = (select(Change.id, Change.number, Change.title, Change.state, Change.planned_start, Change.planned_end)
            .where(Change.id != change_id, Change.state.not_in(INACTIVE_STATES),
                   Change.planned_start < window[1], Change.planned_end > window[0])
            .order_by(Change.planned_start).limit(CONFLICT_CANDIDATES))
    out = []
    for r in session.execute(stmt):
        cis = list(session.scalars(select(change_ci.c.ci_id).where(change_ci.c.change_id == r[0])))
        if cis and (radius.intersection(cis) or radius.intersection(impact_walk(session, cis).order)):
            out.append(ChangeRef(r[0], r[1] or "", r[2], r[3], r[4], r[5]))
    return tuple(out)


def change_impact(session: Session, *, change_id: str) -> ChangeImpact:
    """A change's preview before the CAB: the services its CIs' blast radius reaches, the open incidents on
    those CIs, the open tickets on them whose SLA falls due inside the change window, and the other active
    changes in an overlapping window that touch the same blast radius (the relation graph, not only parents)."""
    change = session.get(Change, change_id)
    if change is None:
        return ChangeImpact(change_id, (), (), (), ())
    starts = list(session.scalars(select(change_ci.c.ci_id).where(change_ci.c.change_id == change_id)))
    if not starts:
        return ChangeImpact(change_id, (), (), (), ())
    result = impact_walk(session, starts)
    rows = _rows(session, result.order)
    services = tuple(r for r in rows if r.ci_class == SERVICE_CLASS)
    service_ids = _service_ids(session, services)
    incidents = _open_incidents(session, result.order, service_ids)
    due: tuple[TicketRef, ...] = ()
    conflicts: tuple[ChangeRef, ...] = ()
    if change.planned_start is not None and change.planned_end is not None:
        window = (change.planned_start, change.planned_end)
        in_window = and_(TicketSla.due_at >= window[0], TicketSla.due_at < window[1])
        found: dict[str, TicketRef] = {}
        for chunk in _chunks(result.order):
            found.update((t.id, t) for t in _ticket_refs(session, and_(Ticket.ci_id.in_(chunk), in_window)))
        for chunk in _chunks(service_ids):
            found.update((t.id, t) for t in _ticket_refs(session, and_(Ticket.service_id.in_(chunk), in_window)))
        due = tuple(sorted(found.values(), key=lambda t: (t.sla_due or window[1], t.priority)))
        conflicts = _conflicts(session, change_id, window, set(result.order))
    return ChangeImpact(change_id, services, incidents, due, conflicts, tuple(rows))


