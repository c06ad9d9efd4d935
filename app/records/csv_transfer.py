"""Any synced list in and out of the desk as CSV: the import preview, the all-or-nothing import, the export file."""
# A practice describes its file (a core.csv_table.CsvSpec) and its table, and gets three steps:
#   preview_file(session, path=, spec=, model=, match=)   a named read: parse, check, match existing rows
#                                                          (resolve= turns names into ids, row by row)
#   import_rows(session, preview=, table=, actor_id=)     one operation body: refuses a preview with problems;
#                                                          new rows in bulk, matched rows updated field by field,
#                                                          each with its audit entry and outbox mutation
#   export_file(path=, text=)                              write an export, with a user-facing error
# One transaction writes everything, so a failure part-way leaves the list as it was.

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, OutboxMutation
from app.models.audit import new_event_id
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
    the "created" audit entry shows. `prepare(session, values, actor_id)` runs first, on the values of every
    row the import writes (new and matched, in file order): it may add rows they need (a site a person names)
    and adjust the values; it raises ValidationError to refuse the whole import."""

    model: type
    entity: str
    wire_columns: tuple[str, ...]
    defaults: dict[str, Any] = field(default_factory=dict)
    label: str = "name"
    prepare: Callable[[Session, list[dict[str, Any]], str | None], None] | None = None
    # Around the bulk INSERT of the new rows' ids: a practice may index them once instead of row by row.
    around_insert: Callable[[Session, list[str]], AbstractContextManager[None]] | None = None


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


Resolver = Callable[[Session, list[tuple[int, dict[str, Any]]]], list[RowProblem]]


def preview_file(session: Session, *, path: str, spec: CsvSpec, model: type, match: str,
                 resolve: Resolver | None = None) -> ImportPreview:
    """Read and check the file at `path` and find the rows it would update: those whose `match` column equals
    the row's value, compared case-insensitively (read connection; one IN query per 500 values).
    `resolve(session, rows)` may turn names into ids in each row's values (an owner's e-mail into a person id)
    and return a problem for each row it cannot; those rows are left out like any row with a problem."""
    parsed = parse_file(path, spec)
    checked = list(parsed.rows)
    problems = list(parsed.problems)
    if resolve is not None:
        more = resolve(session, checked)
        bad = {p.line for p in more}
        checked = [(line, v) for line, v in checked if line not in bad]
        problems = sorted([*problems, *more], key=lambda p: p.line)
    wanted = list({str(v[match]).lower() for _, v in checked if v.get(match)})
    column = getattr(model, match)
    known: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        for value, row_id in session.execute(select(func.lower(column), model.id)  # type: ignore[attr-defined]
                                             .where(func.lower(column).in_(wanted[start:start + 500]))):
            known[value] = row_id
    rows = tuple(ImportRow(line=line, values=values, existing_id=known.get(str(values.get(match) or "").lower()))
                 for line, values in checked)
    return ImportPreview(path=path, rows=rows, problems=tuple(problems), encoding=parsed.encoding,
                         ignored_columns=parsed.ignored_columns, total=parsed.total)


def import_rows(session: Session, *, preview: ImportPreview, table: ImportTable,
                actor_id: str | None) -> ImportResult:
    """Write a previewed file: new rows added, matched rows updated in the fields the file has (audited, sent
    with their base values). Refuses a preview with problems; runs in the caller's transaction."""
    if preview.problems:
        raise ValidationError(f"The file has {len(preview.problems)} problem(s); nothing was imported.")
    updated = unchanged = 0
    fresh: list[dict[str, Any]] = []
    values = [dict(r.values) for r in preview.rows]  # the preview stays as it was, should this fail
    if table.prepare is not None:
        table.prepare(session, values, actor_id)
    matched = [r for r in preview.rows if r.existing_id is not None]
    model: Any = table.model
    held: dict[str, Any] = {}
    for start in range(0, len(matched), 500):
        for found in session.scalars(select(model).where(model.id.in_([r.existing_id for r in
                                                                       matched[start:start + 500]]))):
            held[found.id] = found
    for row, wanted in zip(preview.rows, values, strict=True):
        obj = held.get(row.existing_id) if row.existing_id is not None else None
        if obj is None:  # new, or removed since the preview: added as in the file
            fresh.append({**table.defaults, **wanted, "id": new_id()})
            continue
        diffs = {f: (getattr(obj, f), v) for f, v in wanted.items() if getattr(obj, f) != v}
        if not diffs:
            unchanged += 1
            continue
        for f, (_, new) in diffs.items():
            setattr(obj, f, new)
        record_changes(session, entity=table.entity, entity_id=obj.id, changes=diffs, actor_id=actor_id,
                       batch_id=None)
        updated += 1
    session.flush()
    add_in_bulk(session, table, fresh, actor_id)
    return ImportResult(added=len(fresh), updated=updated, unchanged=unchanged)


def add_in_bulk(session: Session, table: ImportTable, rows: list[dict[str, Any]], actor_id: str | None) -> None:
    """What a practice's create operation writes for each row (the row, a "created" audit entry, a create
    mutation, the change-feed notes) as three executemany INSERTs: a 100,000-row file would spend minutes in
    per-object ORM bookkeeping otherwise. Rows carry their id and every wire column."""
    if not rows:
        return
    for values in rows:
        for column in table.wire_columns:
            values.setdefault(column, None)
    ids = [r["id"] for r in rows]
    conn = session.connection()
    table_name = table.model.__table__.name  # type: ignore[attr-defined]
    columns = [c.name for c in table.model.__table__.columns if c.name in rows[0]]  # type: ignore[attr-defined]
    around = table.around_insert(session, ids) if table.around_insert is not None else nullcontext()
    with around:
        _insert(conn, table_name, columns, [tuple(_stored(r.get(c)) for c in columns) for r in rows])
    at = utcnow()
    stamp = _stored(at)
    _insert(conn, AuditEvent.__tablename__, ["id", "entity", "entity_id", "field", "new_value", "actor_id", "at"],
            [(new_event_id(), table.entity, r["id"], "created", r.get(table.label), actor_id, stamp) for r in rows])
    _insert(conn, OutboxMutation.__tablename__, ["mutation_id", "entity", "entity_id", "op", "created_at", "payload"],
            [(new_id(), table.entity, r["id"], "create", stamp,
              json.dumps({"row": {c: to_wire(r[c]) for c in table.wire_columns}}, sort_keys=True)) for r in rows])
    note(session, table.entity, ids, ["created"])
    note(session, OUTBOX, ids)


def _stored(value: Any) -> Any:
    """A value as the store keeps it (core.schema.UtcDateTime: naive UTC text with microseconds)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return value


def _insert(conn, table: str, columns: list[str], params: list[tuple]) -> None:
    """One prepared INSERT run by the driver's executemany: SQLAlchemy's per-row parameter processing would
    cost more than SQLite's work for a big file. Column names come from the models, never from the file."""
    names = ", ".join(f'"{c}"' for c in columns)
    conn.exec_driver_sql(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})', params)


def export_file(*, path: str, text: str) -> None:
    """Write an export as UTF-8 (what read_csv reads back); a user-facing ValidationError when it cannot."""
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ValidationError(f"Cannot write {path}: {exc.strerror or exc}.") from None
