"""Any synced list in and out of the desk as CSV: the import preview, the all-or-nothing import, the export file."""
# A practice describes its file (a core.csv_table.CsvSpec) and its table, and gets three steps:
#   preview_file(session, path=, spec=, model=, match=)   a named read: parse, check, match existing rows
#   import_rows(session, preview=, table=, actor_id=)     one operation body: refuses a preview with problems;
#                                                          new rows in bulk, matched rows updated field by field,
#                                                          each with its audit entry and outbox mutation
#   export_file(path=, text=)                              write an export, with a user-facing error
# One transaction writes everything, so a failure part-way leaves the list as it was.

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxMutation
from app.outbox.journal import OUTBOX, record_changes, to_wire
from core.csv_table import CsvFileError, CsvSpec, ParsedCsv, RowProblem, read_csv
from core.errors import ValidationError
from core.feed import note
from core.ids import new_id
from core.schema import utcnow


@dataclass(frozen=True)
class ImportRow:
    line: int
    values: dict[str, Any]
    existing_id: str | None  # the row already on this desk with the same match value: updated, not added


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; nothing may be imported unless `problems` is empty."""

    path: str
    rows: tuple[ImportRow, ...]
    problems: tuple[RowProblem, ...]
    encoding: str
    ignored_columns: tuple[str, ...]
    total: int

    @property
    def new(self) -> int:
        return sum(r.existing_id is None for r in self.rows)

    @property
    def updates(self) -> int:
        return len(self.rows) - self.new


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportTable:
    """Where an import writes: the ORM class, the feed's and the outbox's entity name, the columns a create
    mutation carries (the server's wire shape), the values a new row starts from, and the column whose value
    the "created" audit entry shows. `prepare(session, rows)` may fill in or check values the file does not
    carry (ids of named rows, ...) before anything is written; it raises ValidationError to refuse."""

    model: type
    entity: str
    wire_columns: tuple[str, ...]
    defaults: dict[str, Any] = field(default_factory=dict)
    label: str = "name"
    prepare: Callable[[Session, list[dict[str, Any]]], None] | None = None


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def parse_file(path: str, spec: CsvSpec) -> ParsedCsv:
    """The file read and checked; a file that cannot be read at all is a ValidationError for the UI."""
    try:
        return read_csv(read_file(path), spec)
    except CsvFileError as exc:
        raise ValidationError(str(exc)) from None


def preview_file(session: Session, *, path: str, spec: CsvSpec, model: type, match: str) -> ImportPreview:
    """Read and check the file at `path` and find the rows it would update: those whose `match` column equals
    the row's value, compared case-insensitively (read connection; one IN query per 500 values)."""
    parsed = parse_file(path, spec)
    wanted = list({str(v[match]).lower() for _, v in parsed.rows if v.get(match)})
    column = getattr(model, match)
    known: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        for value, row_id in session.execute(select(func.lower(column), model.id)  # type: ignore[attr-defined]
                                             .where(func.lower(column).in_(wanted[start:start + 500]))):
            known[value] = row_id
    rows = tuple(ImportRow(line=line, values=values, existing_id=known.get(str(values.get(match) or "").lower()))
                 for line, values in parsed.rows)
    return ImportPreview(path=path, rows=rows, problems=parsed.problems, encoding=parsed.encoding,
                         ignored_columns=parsed.ignored_columns, total=parsed.total)


def import_rows(session: Session, *, preview: ImportPreview, table: ImportTable,
                actor_id: str | None) -> ImportResult:
    """Write a previewed file: new rows added, matched rows updated in the fields the file has (audited, sent
    with their base values). Refuses a preview with problems; runs in the caller's transaction."""
    if preview.problems:
        raise ValidationError(f"The file has {len(preview.problems)} problem(s); nothing was imported.")
    updated = unchanged = 0
    fresh: list[dict[str, Any]] = []
    matched = [r for r in preview.rows if r.existing_id is not None]
    held = {obj.id: obj for start in range(0, len(matched), 500)
            for obj in session.scalars(select(table.model).where(
                table.model.id.in_([r.existing_id for r in matched[start:start + 500]])))}  # type: ignore[attr-defined]
    for row in preview.rows:
        obj = held.get(row.existing_id) if row.existing_id is not None else None
        if obj is None:  # new, or removed since the preview: added as in the file
            fresh.append({**table.defaults, **row.values, "id": new_id()})
            continue
        diffs = {f: (getattr(obj, f), v) for f, v in row.values.items() if getattr(obj, f) != v}
        if not diffs:
            unchanged += 1
            continue
        for f, (_, new) in diffs.items():
            setattr(obj, f, new)
        record_changes(session, entity=table.entity, entity_id=obj.id, changes=diffs, actor_id=actor_id,
                       batch_id=None)
        updated += 1
    if table.prepare is not None:
        table.prepare(session, fresh)
    session.flush()
    add_in_bulk(session, table, fresh, actor_id)
    return ImportResult(added=len(fresh), updated=updated, unchanged=unchanged)


def add_in_bulk(session: Session, table: ImportTable, rows: list[dict[str, Any]], actor_id: str | None) -> None:
    """What a practice's create operation writes for each row (the row, a "created" audit entry, a create
    mutation, the change-feed notes) as three multi-row INSERTs: a 100,000-row file would spend minutes in
    per-object ORM bookkeeping otherwise. Rows carry their id and every wire column."""
    if not rows:
        return
    for values in rows:
        for column in table.wire_columns:
            values.setdefault(column, None)
    session.execute(insert(table.model), rows)
    at = utcnow()
    ids = [r["id"] for r in rows]
    session.execute(insert(AuditEvent), [
        {"id": new_id(), "entity": table.entity, "entity_id": r["id"], "field": "created", "old_value": None,
         "new_value": r.get(table.label), "actor_id": actor_id, "at": at, "batch_id": None} for r in rows])
    session.execute(insert(OutboxMutation), [
        {"mutation_id": new_id(), "entity": table.entity, "entity_id": r["id"], "op": "create",
         "payload": json.dumps({"row": {c: to_wire(r[c]) for c in table.wire_columns}}, sort_keys=True)}
        for r in rows])
    note(session, table.entity, ids, ["created"])
    note(session, OUTBOX, ids)


def export_file(*, path: str, text: str) -> None:
    """Write an export as UTF-8 (what read_csv reads back); a user-facing ValidationError when it cannot."""
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from None
