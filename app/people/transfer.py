"""People in and out of the desk as CSV: the import preview (a named read), the import (one operation), the export."""
# The import is all or nothing: the preview lists every problem, the operation refuses a file that still has one,
# and one transaction writes every person with their audit entry and outbox mutation (a failure leaves nothing).

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxMutation, Person
from app.outbox.journal import OUTBOX, record_changes
from app.people.directory import PeopleFilter, filtered_people
from app.people.ops import ENTITY, WIRE_COLUMNS
from core.errors import ValidationError
from core.feed import note
from core.ids import new_id
from core.people.csv_io import CsvFileError, ParsedCsv, RowProblem, read_people, write_people
from core.schema import utcnow


@dataclass(frozen=True)
class ImportRow:
    line: int
    values: dict[str, Any]
    person_id: str | None  # the person with this e-mail address already in the directory: updated, not added


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; `problems` empty or nothing may be imported."""

    path: str
    rows: tuple[ImportRow, ...]
    problems: tuple[RowProblem, ...]
    encoding: str
    ignored_columns: tuple[str, ...]
    total: int

    @property
    def new(self) -> int:
        return sum(r.person_id is None for r in self.rows)

    @property
    def updates(self) -> int:
        return len(self.rows) - self.new


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


def preview_import(session: Session, *, path: str) -> ImportPreview:
    """Read and check the file at `path` against the directory (read connection). Raises CsvFileError (a
    ValidationError for the UI) when the file cannot be read at all."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        parsed: ParsedCsv = read_people(data)
    except CsvFileError as exc:
        raise ValidationError(str(exc)) from None
    emails = [v["email"] for _, v in parsed.rows if v.get("email")]
    known: dict[str, str] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start:start + 500]
        for email, pid in session.execute(select(func.lower(Person.email), Person.id)
                                          .where(func.lower(Person.email).in_(chunk))):
            known[email] = pid
    rows = tuple(ImportRow(line=line, values=values, person_id=known.get(values.get("email") or ""))
                 for line, values in parsed.rows)
    return ImportPreview(path=path, rows=rows, problems=parsed.problems, encoding=parsed.encoding,
                         ignored_columns=parsed.ignored_columns, total=parsed.total)


def import_people(session: Session, *, preview: ImportPreview, actor_id: str | None) -> ImportResult:
    """Write a previewed file: new people added, people matched by e-mail updated in the fields the file has.
    Refuses a preview with problems; one transaction, so a failure part-way leaves the directory as it was."""
    if preview.problems:
        raise ValidationError(f"The file has {len(preview.problems)} problem(s); nothing was imported.")
    updated = unchanged = 0
    fresh: list[dict[str, Any]] = []
    for row in preview.rows:
        person = session.get(Person, row.person_id) if row.person_id is not None else None
        if person is None:  # new, or removed since the preview: added as in the file
            fresh.append({"id": new_id(), "is_agent": False, "active": True, "vip": False, **row.values})
            continue
        diffs = {f: (getattr(person, f), v) for f, v in row.values.items() if getattr(person, f) != v}
        if not diffs:
            unchanged += 1
            continue
        for f, (_, new) in diffs.items():
            setattr(person, f, new)
        record_changes(session, entity=ENTITY, entity_id=person.id, changes=diffs, actor_id=actor_id, batch_id=None)
        updated += 1
    _add_in_bulk(session, fresh, actor_id)
    added = len(fresh)
    return ImportResult(added=added, updated=updated, unchanged=unchanged)


def _add_in_bulk(session: Session, people: list[dict[str, Any]], actor_id: str | None) -> None:
    """What create_person writes for each person (the row, a "created" audit entry, a create mutation, the
    change-feed notes) as three multi-row INSERTs: a 100,000-row file would spend minutes in per-object
    ORM bookkeeping otherwise."""
    if not people:
        return
    for values in people:
        for column in WIRE_COLUMNS:
            values.setdefault(column, None)
    session.execute(insert(Person), people)
    at = utcnow()
    ids = [p["id"] for p in people]
    session.execute(insert(AuditEvent), [
        {"id": new_id(), "entity": ENTITY, "entity_id": p["id"], "field": "created", "old_value": None,
         "new_value": p["name"], "actor_id": actor_id, "at": at, "batch_id": None} for p in people])
    session.execute(insert(OutboxMutation), [
        {"mutation_id": new_id(), "entity": ENTITY, "entity_id": p["id"], "op": "create",
         "payload": json.dumps({"row": {c: p[c] for c in WIRE_COLUMNS}}, sort_keys=True)} for p in people])
    note(session, ENTITY, ids, ["created"])
    note(session, OUTBOX, ids)


def export_people(session: Session, *, path: str, flt: PeopleFilter) -> int:
    """Write everyone the filter selects (no row limit) to `path` as UTF-8 CSV; returns how many."""
    columns = ("name", "email", "phone", "site", "department", "language", "vip", "active")
    rows = [dict(zip(columns, r, strict=True)) for r in session.execute(filtered_people(session, flt, columns))]
    try:
        Path(path).write_text(write_people(rows), encoding="utf-8", newline="")
    except OSError as exc:
        raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return len(rows)
