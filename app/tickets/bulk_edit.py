"""Bulk edits of the queue's selection: one change to many tickets as one undoable batch, and its undo."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.tickets.queue import ids_for_rows
from app.tickets.records import BulkResult
from app.tickets.writes import bulk_update, undo_batch
from core.tickets.priority import DEFAULT_MATRIX

__all__ = ["apply_to_rows", "undo_batch"]


def apply_to_rows(session: Session, *, row_ids: list[int], changes: dict[str, Any], actor_id: str | None,
                  matrix=DEFAULT_MATRIX) -> BulkResult:
    """Apply one bulk edit (assign, state, priority) to the queue rows the user selected, as one batch.

    Rows are taken in selection order; a row whose ticket is gone since (a sync pull deleted it) is left
    out. Tickets that refuse the change are skipped and reported; `undo_batch` puts the batch back."""
    ids = ids_for_rows(session, row_ids=row_ids)
    return bulk_update(session, ticket_ids=[ids[r] for r in row_ids if r in ids], changes=changes,
                       actor_id=actor_id, matrix=matrix)
