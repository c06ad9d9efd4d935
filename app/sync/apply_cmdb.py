"""Apply a pull page's CMDB rows: CI classes and relations (CIs themselves are reference rows, app.sync.apply)."""
# Runs inside apply_page's transaction, after the reference rows, so both ends of a relation are held. Unlike
# other reference rows, relations and classes are really deleted: each id's last change in the page decides.
# Pending and refused local work goes back on top, as for the other reference rows (app.sync.apply_reference):
# a class edited here keeps its edit, a relation removed here stays removed, until the server has answered.

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.models import CiClassRow, CiRelation
from app.sync import bulk
from core.feed import note

CMDB = {"ci_class": CiClassRow, "ci_relation": CiRelation}


def apply_cmdb_page(session: Session, page: dict[str, Any], rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    for entity, model in CMDB.items():
        last: dict[str, str] = {}
        for change in page.get("changes", []):
            if change["entity"] == entity:
                last[change["entity_id"]] = change["op"]
        gone = [i for i, op in last.items() if op != "upsert"]
        bulk.delete_ids(session, model, gone)
        kept = [r for i, r in rows.get(entity, {}).items() if last.get(i, "upsert") == "upsert"]
        if entity == "ci_relation" and kept:
            # The server's relation wins over a local one relating the same pair the same way (made here
            # offline, its create refused or about to be): one relation per (source, target, type).
            session.connection().exec_driver_sql(
                "DELETE FROM ci_relation WHERE source_id = ? AND target_id = ? AND type = ? AND id != ?",
                [(r["source_id"], r["target_id"], r["type"], r["id"]) for r in kept])
        bulk.upsert_rows(session, model, kept)
        _reapply_local(session, entity, model, {r["id"]: r for r in kept})
        if gone or kept:
            note(session, entity, [*gone, *(r["id"] for r in kept)])


def _reapply_local(session: Session, entity: str, model, kept: dict[str, dict[str, Any]]) -> None:
    from app.sync.apply_reference import reapply_pending, reapply_pending_deletes  # it builds on app.sync.apply

    reapply_pending(session, entity, model, kept)
    reapply_pending_deletes(session, entity, model, set(kept))
