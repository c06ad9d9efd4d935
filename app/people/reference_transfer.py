"""Services in and out of the desk as CSV (import with preview, all or nothing), and the other lists' exports."""
# The generic steps are app.records.csv_transfer's. A services file names its owner by e-mail address (or exact
# name) and its support group by name: the preview turns them into ids here, and a row naming someone this desk
# does not hold is a problem on that row. Services are matched by name: a row whose name a service here has
# updates it.

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Group, Person, Service
from app.people import reference_queries as q
from app.people.reference_ops import SERVICE
from app.records.csv_transfer import (
    ImportPreview,
    ImportResult,
    ImportTable,
    export_file,
    import_rows,
    preview_file,
)
from core.csv_table import RowProblem, write_csv
from core.people.reference_csv import CATEGORIES, GROUPS, SERVICES, SITES
from core.people.reference_rules import CRITICALITY

TABLE = ImportTable(model=Service, entity=SERVICE.entity, wire_columns=SERVICE.wire,
                    defaults={"active": True, "criticality": 3})


def _lookup(session: Session, column, keys: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        model = column.class_
        for key, row_id in session.execute(select(func.lower(column), model.id)
                                           .where(func.lower(column).in_(ordered[start:start + 500]))):
            found.setdefault(key, []).append(row_id)
    return found


def _resolve(session: Session, rows: list[tuple[int, dict[str, Any]]]) -> list[RowProblem]:
    """Owner (e-mail, else a name only one person has) and support group (name) as ids, or a problem."""
    owners = {v["owner"].lower() for _, v in rows if v.get("owner")}
    by_email = _lookup(session, Person.email, {o for o in owners if "@" in o})
    by_name = _lookup(session, Person.name, {o for o in owners if "@" not in o})
    groups = _lookup(session, Group.name, {v["support_group"].lower() for _, v in rows if v.get("support_group")})
    problems = []
    for line, values in rows:
        owner, group = values.pop("owner"), values.pop("support_group")
        if owner:
            ids = (by_email if "@" in owner else by_name).get(owner.lower(), [])
            if len(ids) != 1:
                problems.append(RowProblem(line, "owner", f"No one here is {owner}." if not ids else
                                           f"{len(ids)} people are named {owner}: give the e-mail address."))
                continue
            values["owner_id"] = ids[0]
        if group:
            ids = groups.get(group.lower(), [])
            if not ids:
                problems.append(RowProblem(line, "support_group", f"There is no group named {group}."))
                continue
            values["owner_group_id"] = ids[0]
    return problems


def preview_services(session: Session, *, path: str) -> ImportPreview:
    """Read and check a services file against this desk (read connection); ValidationError when unusable."""
    return preview_file(session, path=path, spec=SERVICES, model=Service, match="name", resolve=_resolve)


def import_services(session: Session, *, preview: ImportPreview, actor_id: str | None) -> ImportResult:
    """Write a previewed services file in one transaction (new ones added, ones matched by name updated in the
    fields the file has, each audited and queued); refuses a preview with problems."""
    return import_rows(session, preview=preview, table=TABLE, actor_id=actor_id)


def export_services(session: Session, *, path: str) -> int:
    """Every service (retired ones too) to `path` as UTF-8 CSV that preview_services reads back."""
    emails = {i: e for i, e in session.execute(select(Person.id, Person.email).where(
        Person.id.in_(select(Service.owner_id))))}
    rows = [{"name": s.name, "description": s.description, "owner": emails.get(s.owner_id or "") or s.owner_name,
             "criticality": CRITICALITY[s.criticality], "sla_policy": s.sla_policy,
             "support_group": s.support_group_name, "hours": s.hours_text, "hours_tz": s.hours_tz,
             "active": s.active} for s in q.services(session)]
    export_file(path=path, text=write_csv(rows, SERVICES))
    return len(rows)


def export_groups(session: Session, *, path: str) -> int:
    rows = [{"name": g.name, "description": g.description, "active": g.active,
             "members": "; ".join(m.email or m.name for m in q.group_members(session, group_id=g.id))}
            for g in q.groups(session)]
    export_file(path=path, text=write_csv(rows, GROUPS))
    return len(rows)


def export_categories(session: Session, *, path: str) -> int:
    rows = q.category_rows(session)
    paths = {c.id: c.path for c in rows}
    export_file(path=path, text=write_csv([{"path": c.path, "name": c.name, "parent": paths.get(c.parent_id or ""),
                                             "active": c.active} for c in rows], CATEGORIES))
    return len(rows)


def export_sites(session: Session, *, path: str) -> int:
    rows = [{"name": s.name, "address": s.address, "timezone": s.timezone, "active": s.active}
            for s in q.sites(session)]
    export_file(path=path, text=write_csv(rows, SITES))
    return len(rows)
