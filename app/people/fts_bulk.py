"""The caller lookup's index written once for a bulk import of people, instead of row by row by its trigger."""
# Per row, the AFTER INSERT trigger of migration 0018 (person_fts_ai) costs ten times the row itself: FTS5
# with three prefix indexes flushes its pending terms for every statement. For an import of many people the
# trigger is dropped, the rows are written, the trigger's own statements run once over the new rows, and the
# trigger is put back, all inside the import's transaction: a failure rolls every step back, and no other
# connection ever sees the table without its trigger. The statements are the trigger's (read from
# sqlite_master), with `person AS new` as their source, so the index holds exactly what the trigger writes.

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

TRIGGER = "person_fts_ai"
SMALL = 2_000  # fewer new people than this: the trigger is as cheap as a rebuild
_BODY = re.compile(r"\bBEGIN\b(.*)\bEND\s*$", re.S | re.I)
_INSERT = re.compile(r"^\s*(INSERT INTO .+?) VALUES \((.*)\)\s*$", re.S | re.I)


def _bulk_statements(trigger_sql: str) -> list[str]:
    """The trigger's INSERT ... VALUES (new.x, ...) statements as INSERT ... SELECT over the imported people."""
    body = _BODY.search(trigger_sql)
    if body is None:
        raise ValueError("unexpected trigger")
    out = []
    for statement in (s for s in body.group(1).split(";") if s.strip()):
        match = _INSERT.match(statement)
        if match is None:
            raise ValueError("unexpected trigger statement")
        out.append(f"{match.group(1)} SELECT {match.group(2)} FROM person AS new "
                   "WHERE new.id IN (SELECT id FROM temp.person_import) ORDER BY new.name")
    return out


@contextmanager
def index_once(session: Session, person_ids: list[str]) -> Iterator[None]:
    """Around the bulk INSERT of `person_ids`: without the insert trigger, then their index rows at once."""
    conn = session.connection()
    row = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               (TRIGGER,)).first()
    trigger_sql: str | None = row[0] if row is not None else None
    statements = _bulk_statements(trigger_sql) if trigger_sql and len(person_ids) >= SMALL else None
    if statements is None:  # no FTS5 here, or a small import: the trigger indexes each row
        yield
        return
    conn.exec_driver_sql(f'DROP TRIGGER "{TRIGGER}"')
    yield
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS person_import (id TEXT PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM temp.person_import")
    conn.exec_driver_sql("INSERT INTO temp.person_import (id) VALUES (?)", [(i,) for i in person_ids])
    for sql in statements:
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql("DELETE FROM temp.person_import")
    conn.exec_driver_sql(trigger_sql or "")
