"""Plain-SQL reads the CMDB's queries share over many CIs at once: rows, open-incident counts, open tickets."""
# Impact results can name thousands of CIs, so these read through the driver (exec_driver_sql) in chunks of
# CHUNK ids rather than through compiled ORM statements: the costs are SQLite's index probes, not Python's.

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.cmdb.records import CiRow
from app.models import CiClassRow
from core.cmdb.classes import BUILTIN_CLASSES

CHUNK = 5_000  # ids per statement (SQLite allows 32,766 parameters)
FETCH_ROWS = 2_000  # rows per fetch of a long column (column)
WHOLE_SET = 15_000  # above this many CIs, one pass over the open tickets beats probing per CI (measured)


class CiFacts(NamedTuple):
    """What the impact reads need of a CI (a tuple: 20,000 of them are made in one call)."""

    id: str
    name: str
    ci_class: str
    status: str
    criticality: int
    service_name: str | None
    group_name: str | None
    site: str | None
    service_id: str | None
    owner_id: str | None


# Service and group names come from two small lookups rather than joins: a join costs two probes per CI.
_FACTS = ("SELECT id, name, ci_class, status, criticality, service_id, support_group_id, site, owner_id "
          "FROM configuration_item WHERE id IN ({})")
_COUNTS = ("SELECT ci_id, count(*) FROM ticket WHERE ci_id IN ({}) AND is_open = 1 AND type = 'incident' "
           "GROUP BY ci_id")
_ALL_COUNTS = ("SELECT ci_id, count(*) FROM ticket WHERE is_open = 1 AND type = 'incident' AND ci_id IS NOT NULL "
               "GROUP BY ci_id")


def chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def driver(session: Session) -> Any:
    """The session's own DB-API connection (same transaction): rows come as plain tuples, fetched in C, which
    for 20,000 CIs is several times cheaper than a row object each."""
    return session.connection().connection.dbapi_connection


def column(session: Session, stmt: Select) -> list[Any]:
    """The first column of `stmt`'s rows, the statement compiled by SQLAlchemy and run through the driver, fetched
    FETCH_ROWS at a time. Through the ORM's result (`list(session.scalars(...))`) the 50,000 ids of a desk's CI
    list held the interpreter in stretches of up to 30 ms, and the GUI thread waited for them; plain fetches give
    it back between rows."""
    # IN lists rendered as plain placeholders (SQLAlchemy leaves them to be expanded at execution otherwise).
    compiled = stmt.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = tuple(params[name] for name in compiled.positiontup or ())
    cursor = driver(session).execute(str(compiled), args)
    out: list[Any] = []
    while rows := cursor.fetchmany(FETCH_ROWS):
        out.extend(row[0] for row in rows)
    return out


def each(session: Session, sql: str, ids: Sequence[str], before: tuple = (), after: tuple = ()) -> Iterator[Any]:
    """Rows of `sql` (one "{}" where the ids' placeholders go) for every chunk of `ids`."""
    con = driver(session)
    for chunk in chunks(ids):
        yield from con.execute(sql.format(",".join("?" * len(chunk))), (*before, *chunk, *after)).fetchall()


def facts(session: Session, ids: Sequence[str]) -> dict[str, CiFacts]:
    con = driver(session)
    services = dict(con.execute("SELECT id, name FROM service").fetchall())
    groups = dict(con.execute('SELECT id, name FROM "group"').fetchall())
    return {r[0]: CiFacts(r[0], r[1], r[2], r[3] or "active", r[4] or 3, services.get(r[5]), groups.get(r[6]), r[7],
                          r[5], r[8]) for r in each(session, _FACTS, ids)}


def open_incident_counts(session: Session, ci_ids: Sequence[str]) -> dict[str, int]:
    """{ci id: open incidents on it}: through ix_ticket_ci_open for a few CIs, one pass over the open ones for
    many."""
    if len(ci_ids) > WHOLE_SET:
        wanted = set(ci_ids)
        return {r[0]: r[1] for r in driver(session).execute(_ALL_COUNTS).fetchall() if r[0] in wanted}
    return {r[0]: r[1] for r in each(session, _COUNTS, ci_ids)}


def open_ticket_ids(session: Session, ci_ids: Sequence[str], *, incidents_only: bool = True) -> list[str]:
    """Ids of the open tickets (incidents only by default) on any of `ci_ids`."""
    kind = " AND type = 'incident'" if incidents_only else ""
    if len(ci_ids) > WHOLE_SET:
        wanted = set(ci_ids)
        return [r[0] for r in driver(session).execute(
            "SELECT id, ci_id FROM ticket WHERE is_open = 1 AND ci_id IS NOT NULL" + kind).fetchall() if r[1] in wanted]
    return [r[0] for r in each(session, "SELECT id FROM ticket WHERE ci_id IN ({}) AND is_open = 1" + kind, ci_ids)]


def class_labels(session: Session) -> dict[str, str]:
    labels = {c.key: c.label for c in BUILTIN_CLASSES}
    labels.update({r[0]: r[1] for r in session.execute(select(CiClassRow.id, CiClassRow.label))})
    return labels


def rows_from_facts(session: Session, ids: Sequence[str], found: dict[str, CiFacts]) -> list[CiRow]:
    """CiRows for `ids` in that order, from their facts, with open-incident counts and class labels."""
    labels = class_labels(session)
    counts = open_incident_counts(session, ids)
    return [CiRow(f.id, f.name, f.ci_class, f.status, f.criticality, f.service_name, f.group_name, f.site,
                  counts.get(f.id, 0), labels.get(f.ci_class, f.ci_class)) for i in ids if (f := found.get(i))]
