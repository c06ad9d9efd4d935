"""Apply a pull page's reply templates and macros (shared ones, and the user's own) in the page's transaction."""
# Rows are current: a row's last change in the page decides (upsert: its row; delete: gone, with this desk's
# key bindings of a deleted macro). A row with an edit of this desk still queued keeps the desk's values until
# that push is settled (it is what the user last saw and saved); the server's answer then brings the result.

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import Macro, MacroShortcut, OutboxMutation, ReplyTemplate
from app.sync import bulk
from core.feed import note

MODELS = {"reply_template": ReplyTemplate, "macro": Macro}


def apply_macro_page(session: Session, page: dict[str, Any], rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    last: dict[tuple[str, str], str] = {}
    for change in page.get("changes", []):
        if change["entity"] in MODELS:
            last[(change["entity"], change["entity_id"])] = change["op"]
    if not last:
        return
    pending = set(session.scalars(select(OutboxMutation.entity_id).where(OutboxMutation.entity.in_(list(MODELS)))))
    for entity, model in MODELS.items():
        gone = [i for (e, i), op in last.items() if e == entity and op != "upsert"]
        bulk.delete_ids(session, model, gone)
        if entity == "macro" and gone:
            session.execute(delete(MacroShortcut).where(MacroShortcut.macro_id.in_(gone)))
            note(session, "macro_shortcut", gone)
        wanted = [r for i, r in rows.get(entity, {}).items()
                  if last.get((entity, i)) == "upsert" and i not in pending]
        bulk.upsert_rows(session, model, wanted)
        if gone or wanted:
            note(session, entity, [*gone, *(r["id"] for r in wanted)])
