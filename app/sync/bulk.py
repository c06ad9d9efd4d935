"""Fast writers for pulled pages: one prepared INSERT ... ON CONFLICT per table run with executemany."""
# A first sync brings hundreds of thousands of rows; building a SQLAlchemy statement per row cost more
# than SQLite's work (profiled: ~5 ms a row). These write the same rows the ORM would (column names from
# the models, datetimes in the store's UtcDateTime text form) through the session's own connection, so
# they stay inside the caller's transaction. The FTS triggers fire per row, except while a first sync has
# them paused (app.sync.fts_pause).

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from core.schema import UtcDateTime

CHUNK = 500  # ids per IN (...) list: far below SQLite's variable limit
# Columns the desk keeps for itself (an upsert neither sends them nor overwrites them with NULL): the
# row id, the note's place in the search index (migration 0011) and the sort keys its triggers copy onto
# the ticket row (migration 0012).
LOCAL_ONLY = ("row_id", "fts_rowid", "group_name", "assignee_name", "requester_name", "sla_due")


def _sqlite_time(value: Any) -> Any:
    """A wire datetime (ISO text, any offset) as the store keeps it: naive UTC text with microseconds."""
    if isinstance(value, str) and len(value) in (25, 32) and value.endswith("+00:00") and value[10] == "T":
        # The server's own form (UTC, "+00:00"): rewritten as text, ten times cheaper than parsing.
        return value[:10] + " " + value[11:-6] + ("" if len(value) == 32 else ".000000")
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    return value


def _scalar_default(column) -> Any:
    """The value a row without this column gets: its scalar default (a flag's False), else NULL."""
    default = column.default
    return default.arg if default is not None and getattr(default, "is_scalar", False) else None


@cache
def _getter(model) -> itemgetter:
    """All the plan's values of a wire row at once (a KeyError when the row lacks one)."""
    return itemgetter(*_plan(model)[0], "id")  # "id" too: never a lone name, whose itemgetter gives no tuple


@cache
def _plan(model) -> tuple[tuple[str, ...], tuple[int, ...], str, tuple[Any, ...]]:
    table = model.__table__
    names = tuple(c.name for c in table.columns if c.name not in LOCAL_ONLY)
    defaults = tuple(_scalar_default(table.columns[n]) for n in names)
    times = tuple(i for i, n in enumerate(names) if isinstance(table.columns[n].type, UtcDateTime))
    quoted = ", ".join(f'"{n}"' for n in names)
    updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != "id")
    sql = (f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))}) '
           f'ON CONFLICT (id) DO UPDATE SET {updates}')
    return names, times, sql, defaults


def upsert_rows(session: Session, model, rows: Iterable[dict[str, Any]]) -> int:
    """Insert or update `rows` (wire dicts; unknown keys ignored) by id. A column a row lacks gets its scalar
    default, else NULL: rows from a backend or an older server that knows fewer columns (an RT ticket has no
    major-incident flag) still fit the columns that may not be NULL."""
    names, times, sql, defaults = _plan(model)
    get = _getter(model)
    params = []
    for r in rows:
        try:  # a row with every column (the server's own): one C call, half the time of a value at a time
            values = list(get(r))
            values.pop()  # the id the getter repeats at the end
        except KeyError:
            values = [r.get(n, d) for n, d in zip(names, defaults, strict=True)]
        for i in times:
            value = values[i]
            if value is not None:
                values[i] = _sqlite_time(value)
        params.append(tuple(values))  # SQLAlchemy takes a list of tuples (or dicts) only
    if params:
        session.connection().exec_driver_sql(sql, params)
    return len(params)


def delete_ids(session: Session, model, ids: Iterable[str]) -> None:
    params = [(i,) for i in ids]
    if params:
        session.connection().exec_driver_sql(f'DELETE FROM "{model.__table__.name}" WHERE id = ?', params)


def existing(session: Session, model, ids: Iterable[str], column: str = "id") -> set[str]:
    """Which of `ids` the table (a model or a table name) holds in `column`."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    conn = session.connection()
    table = model if isinstance(model, str) else model.__table__.name
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start:start + CHUNK]
        sql = f'SELECT "{column}" FROM "{table}" WHERE "{column}" IN ({", ".join("?" * len(part))})'
        found.update(v for (v,) in conn.exec_driver_sql(sql, tuple(part)))
    return found


def blank_unknown_references(session: Session, model, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of `rows` whose references to rows this store lacks (other than tickets) are blanked."""
    out = [dict(r) for r in rows]
    for column in model.__table__.columns:
        for fk in column.foreign_keys:
            target = fk.column
            if target.table.name == "ticket":
                continue
            held = existing(session, target.table.name, [r[column.name] for r in out if r.get(column.name)],
                            target.name)
            for r in out:
                if r.get(column.name) is not None and r[column.name] not in held:
                    r[column.name] = None
    return out


def number_holders(session: Session, model, numbers: Iterable[str]) -> dict[str, str]:
    """number -> id of the local tickets holding these numbers."""
    wanted = sorted(set(numbers))
    out: dict[str, str] = {}
    conn = session.connection()
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start:start + CHUNK]
        sql = f'SELECT number, id FROM "{model.__table__.name}" WHERE number IN ({", ".join("?" * len(part))})'
        out.update(dict(conn.exec_driver_sql(sql, tuple(part)).all()))
    return out
