"""People in and out of the desk as CSV: the import preview (a named read), the import (one operation), the export."""
# The generic steps are app.records.csv_transfer's; this module names the directory's file format, table and
# match (people are matched by e-mail address). The import is all or nothing: the preview lists every problem,
# the operation refuses a file that still has one, and one transaction writes every person with their audit
# entry and outbox mutation (a failure leaves nothing).

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import Person
from app.people.directory import PeopleFilter, filtered_people
from app.people.ops import ENTITY, WIRE_COLUMNS
from app.records.csv_transfer import (
    ImportPreview,
    ImportResult,
    ImportRow,
    ImportTable,
    export_file,
    import_rows,
    preview_file,
)
from core.people.csv_io import COLUMNS, PEOPLE, write_people

__all__ = ["ImportPreview", "ImportResult", "ImportRow", "export_people", "import_people", "preview_import"]

TABLE = ImportTable(model=Person, entity=ENTITY, wire_columns=tuple(WIRE_COLUMNS),
                    defaults={"is_agent": False, "active": True, "vip": False})


def preview_import(session: Session, *, path: str) -> ImportPreview:
    """Read and check the file at `path` against the directory (read connection); a row whose e-mail address a
    person here has updates that person. Raises ValidationError when the file cannot be read at all."""
    return preview_file(session, path=path, spec=PEOPLE, model=Person, match="email")


def import_people(session: Session, *, preview: ImportPreview, actor_id: str | None) -> ImportResult:
    """Write a previewed file: new people added, people matched by e-mail updated in the fields the file has.
    Refuses a preview with problems; one transaction, so a failure part-way leaves the directory as it was."""
    return import_rows(session, preview=preview, table=TABLE, actor_id=actor_id)


def export_people(session: Session, *, path: str, flt: PeopleFilter) -> int:
    """Write everyone the filter selects (no row limit) to `path` as UTF-8 CSV; returns how many."""
    rows = [dict(zip(COLUMNS, r, strict=True)) for r in session.execute(filtered_people(session, flt, COLUMNS))]
    export_file(path=path, text=write_people(rows))
    return len(rows)
