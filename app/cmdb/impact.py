"""Impact analysis reads: what an outage of a CI touches, the major-incident hint, a change's preview."""
# "Users of a service" (Impact.users) are, for the CIs an outage reaches: the owners of the end-user devices
# (workstations, mobile devices) in the blast radius (a device that depends on an application is used by its
# owner), then the requesters of tickets raised in the last USERS_DAYS days against the affected business
# services (their service, or the service CI itself). Active people only, by name, at most USERS_LIMIT.
# The walk runs over the cached relation graph (app.cmdb.graph); the rest is a few statements over the CIs it
# reached (app.cmdb.facts), so a CI among 50,000 is answered in milliseconds (bench/cmdb_bench.py).

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cmdb.facts import CiFacts, driver, each, facts, open_ticket_ids, rows_from_facts
from app.cmdb.facts import chunks as chunks_of
from app.cmdb.graph import IMPACT_LIMIT, impact_walk
from app.cmdb.records import ChangeImpact, ChangeRef, CiRow, Impact, TicketRef
from app.models import Change, change_ci
from core.changes.workflow import INACTIVE_STATES
from core.cmdb.relations import DOWNSTREAM_TYPES, UPSTREAM_TYPES
from core.schema import utcnow

END_USER_CLASSES = ("workstation", "mobile_device")
SERVICE_CLASS = "business_service"
USERS_DAYS = 90
USERS_LIMIT = 500
LIST_LIMIT = 500
CONFLICT_CANDIDATES = 200  # overlapping changes looked at, earliest first

_REFS = ("SELECT t.id, t.number, t.title, t.type, t.state, t.priority, c.name, s.due_at FROM ticket t "
         "LEFT JOIN configuration_item c ON c.id = t.ci_id LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
         "WHERE t.id IN ({})")
# The hint runs as the editor paints the ticket: the walk of the blast radius (a recursive CTE over the relation
# indexes, UNION keeping each CI once, so cycles end it; at most IMPACT_LIMIT CIs, breadth first) and the match of
# its open incidents, sorted and cut, are one statement: SQLite's work, done with the interpreter lock free. The
# walk over the cached graph (app.cmdb.graph) cost ~12 ms of Python per hint on the 1M demo store, and the first
# hint of a session built that graph (~320 ms of Python, 24 MiB kept); both took the lock from the GUI thread's
# paint (a 15-28 ms gap in the first ticket opened). This costs 70-170 ms of a background thread's time there, where
# most incidents reach 37,000 of the 50,000 CIs. INDEXED BY: the planner otherwise walks every open incident for
# each CI reached (ix_ticket_type_open).
_HINT = ("WITH RECURSIVE reached(id) AS (SELECT ? "
         "UNION SELECT r.source_id FROM reached h JOIN ci_relation r ON r.target_id = h.id AND r.type IN ({up}) "
         "UNION SELECT r.target_id FROM reached h JOIN ci_relation r ON r.source_id = h.id AND r.type IN ({down}) "
         "UNION SELECT c.id FROM reached h JOIN configuration_item c ON c.parent_id = h.id LIMIT ?) "
         "SELECT t.id, t.number, t.title, t.type, t.state, t.priority, c.name, s.due_at "
         "FROM reached j CROSS JOIN ticket t INDEXED BY ix_ticket_ci_open "
         "LEFT JOIN configuration_item c ON c.id = t.ci_id LEFT JOIN ticket_sla s ON s.ticket_id = t.id "
         "WHERE t.ci_id = j.id AND t.ci_id IS NOT NULL AND t.is_open = 1 AND t.type = 'incident' AND t.id <> ? "
         "ORDER BY t.priority, coalesce(t.number, ''), t.id LIMIT ?").format(
    up=", ".join(f"'{t}'" for t in sorted(UPSTREAM_TYPES)), down=", ".join(f"'{t}'" for t in sorted(DOWNSTREAM_TYPES)))
_ACTIVE_CHANGES = ("SELECT c.id, c.number, c.title, c.state, c.planned_start, c.planned_end, cc.ci_id FROM change c "
                   "JOIN change_ci cc ON cc.change_id = c.id WHERE c.state NOT IN ({})").format(
    ", ".join(f"'{s}'" for s in sorted(INACTIVE_STATES)))


def _time(value) -> datetime | None:
    """A time read through the driver (SQLite keeps UTC as text without the offset) as an aware datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _ticket_refs(session: Session, ids: Sequence[str], limit: int | None = None) -> list[TicketRef]:
    """The tickets `ids` by priority then number; only the first `limit` are read whole."""
    if limit is not None and len(ids) > limit:
        ranked = sorted(each(session, "SELECT priority, number, id FROM ticket WHERE id IN ({})", ids),
                        key=lambda r: (r[0], r[1] or "", r[2]))
        ids = [r[2] for r in ranked[:limit]]
    refs = [TicketRef(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6], _time(r[7])) for r in each(session, _REFS, ids)]
    refs.sort(key=lambda t: (t.priority, t.number, t.id))
    return refs


def _open_incidents(session: Session, ci_ids: Sequence[str], service_ids: Sequence[str],
                    exclude: str | None = None) -> tuple[TicketRef, ...]:
    ids = set(open_ticket_ids(session, ci_ids))
    if service_ids:
        ids.update(r[0] for r in each(session, "SELECT id FROM ticket WHERE service_id IN ({}) AND is_open = 1 "
                                               "AND type = 'incident'", service_ids))
    ids.discard(exclude)
    return tuple(_ticket_refs(session, sorted(ids), LIST_LIMIT))


def _open_changes(session: Session, ci_ids: Sequence[str]) -> tuple[ChangeRef, ...]:
    """Active changes on any of `ci_ids`: active changes are few next to CIs, so all of them are read and
    matched here rather than probed per CI."""
    wanted = set(ci_ids)
    found: dict[str, ChangeRef] = {}
    for r in driver(session).execute(_ACTIVE_CHANGES).fetchall():
        if r[6] in wanted and r[0] not in found:
            found[r[0]] = ChangeRef(r[0], r[1] or "", r[2], r[3], _time(r[4]), _time(r[5]))
    far = datetime.max
    return tuple(sorted(found.values(), key=lambda c: (c.start.replace(tzinfo=None) if c.start else far,
                                                       c.number)))[:LIST_LIMIT]


def _users(session: Session, found: dict[str, CiFacts], services: Sequence[CiRow]) -> tuple[tuple[str, str], ...]:
    people = {f.owner_id for f in found.values() if f.ci_class in END_USER_CLASSES and f.owner_id}
    since = (utcnow() - timedelta(days=USERS_DAYS)).replace(tzinfo=None).isoformat(sep=" ")
    service_ids = [sid for s in services if (sid := found[s.id].service_id)]
    if service_ids:
        people.update(r[0] for r in each(session, "SELECT requester_id FROM ticket WHERE service_id IN ({}) "
                                                  "AND created_at >= ? AND requester_id IS NOT NULL", service_ids,
                                         after=(since,)))
    if services:
        people.update(r[0] for r in each(session, "SELECT requester_id FROM ticket WHERE ci_id IN ({}) "
                                                  "AND created_at >= ? AND requester_id IS NOT NULL",
                                         [s.id for s in services], after=(since,)))
    # (No DISTINCT above: it makes SQLite walk ix_ticket_requester instead of the covering service index.)
    # Each chunk comes sorted by name; the first USERS_LIMIT of their merge are the answer.
    chunks = [each(session, "SELECT id, name FROM person WHERE id IN ({}) AND active = 1 "
                            "ORDER BY name COLLATE NOCASE, id", chunk) for chunk in chunks_of(sorted(people))]
    merged = heapq.merge(*chunks, key=lambda p: (p[1].lower(), p[0]))
    return tuple((r[0], r[1]) for r in itertools.islice(merged, USERS_LIMIT))


def _reach(session: Session, starts: str | Sequence[str]):
    result = impact_walk(session, starts)
    found = facts(session, result.order)
    rows = rows_from_facts(session, result.order, found)
    services = tuple(r for r in rows if r.ci_class == SERVICE_CLASS)
    service_ids = [sid for s in services if (sid := found[s.id].service_id)]
    return result, found, rows, services, service_ids


def impact(session: Session, *, ci_id: str) -> Impact:
    """What an outage of `ci_id` touches: the CIs it reaches through the relations (cycle-safe), the business
    services among them, the open incidents on them (and on those services), the open changes on them, and
    the users of those services (see the module docstring)."""
    result, found, rows, services, service_ids = _reach(session, ci_id)
    return Impact(ci_id, services, tuple(rows), _open_incidents(session, result.order, service_ids),
                  _open_changes(session, result.order), _users(session, found, services), result.truncated)


def incident_hint(session: Session, *, ticket_id: str) -> tuple[TicketRef, ...]:
    """Other open incidents on the ticket's CI or on the CIs that depend on it (its blast radius): the
    major-incident hint, by priority then number, at most LIST_LIMIT. Empty when the ticket names no CI."""
    con = driver(session)
    row = con.execute("SELECT ci_id FROM ticket WHERE id = ?", (ticket_id,)).fetchone()
    if row is None or row[0] is None:
        return ()
    return tuple(TicketRef(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6], _time(r[7]))
                 for r in con.execute(_HINT, (row[0], IMPACT_LIMIT, ticket_id, LIST_LIMIT)).fetchall())


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
    starts = list(session.scalars(select(change_ci.c.ci_id).where(change_ci.c.change_id == change_id)))
    if change is None or not starts:
        return ChangeImpact(change_id, (), (), (), ())
    result, _found, rows, services, service_ids = _reach(session, starts)
    incidents = _open_incidents(session, result.order, service_ids)
    due: tuple[TicketRef, ...] = ()
    conflicts: tuple[ChangeRef, ...] = ()
    if change.planned_start is not None and change.planned_end is not None:
        window = (change.planned_start, change.planned_end)
        ids = set(open_ticket_ids(session, result.order, incidents_only=False))
        if service_ids:
            ids.update(r[0] for r in each(session, "SELECT id FROM ticket WHERE service_id IN ({}) AND is_open = 1",
                                          service_ids))
        due = tuple(sorted((t for t in _ticket_refs(session, sorted(ids))
                            if t.sla_due is not None and window[0] <= t.sla_due < window[1]),
                           key=lambda t: (t.sla_due or window[1], t.priority)))[:LIST_LIMIT]
        conflicts = _conflicts(session, change_id, window, set(result.order))
    return ChangeImpact(change_id, services, incidents, due, conflicts, tuple(rows))
