"""Import reference data (categories, services, configuration items) from a JSON file, as change-log upserts."""
# The upserts are written to the change log so every client receives them. Used by `deskside-server reference import`.

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from server import changelog
from server.db import Database
from server.models import Category, ConfigurationItem, Service

# Parents first, so references inside the file resolve.
KINDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "category": (Category, ("name", "parent_id")),
    "service": (Service, ("name", "description", "owner_group_id")),
    "configuration_item": (ConfigurationItem, ("name", "ci_class", "parent_id", "service_id", "criticality")),
}


class ReferenceFileError(ValueError):
    """The file is not usable; nothing was imported."""


def import_file(db: Database, path: Path) -> dict[str, int]:
    """Upsert every row of {"category": [...], "service": [...], "configuration_item": [...]}; rows
    are matched by `id` (made when missing). All or nothing: references are checked by the
    database's foreign keys. Returns rows written per kind."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceFileError(f"Cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or set(data) - set(KINDS):
        raise ReferenceFileError(f"The file holds an object with the keys {', '.join(KINDS)}.")
    counts = {}
    with db.write() as session:
        for kind, (model, columns) in KINDS.items():
            rows = data.get(kind, [])
            if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str)
                                                     for r in rows):
                raise ReferenceFileError(f"{kind}: a list of objects, each with a name.")
            for row in rows:
                _upsert(session, kind, model, columns, row)
            counts[kind] = len(rows)
            session.flush()
        if session.info.get("last_seq") is not None:
            from server.notify import Notifier

            Notifier(db.url).send(session, session.info["last_seq"])
    return counts


def _upsert(session, kind: str, model: type, columns: tuple[str, ...], row: dict[str, Any]) -> None:
    unknown = set(row) - set(columns) - {"id"}
    if unknown:
        raise ReferenceFileError(f"{kind}: unknown column(s) {', '.join(sorted(unknown))}.")
    row_id = str(row.get("id") or uuid.uuid4())
    obj = session.get(model, row_id)
    if obj is None:
        obj = model(id=row_id)
        session.add(obj)
    for column in columns:
        if column in row:
            setattr(obj, column, row[column])
    changelog.record(session, entity=kind, entity_id=row_id)
