"""Settling a template or macro the server refused (a personal one pushed as someone else's, a field changed on the
server meanwhile, a rule the server holds): Send again or Discard, called by app.sync.refused_work."""
# Mirrors app.people.refusals: Send again re-queues the refused work as the row stands now (a refused create goes
# out whole, with the same id); Discard takes it off this desk (a refused create deletes the row, a refused edit
# shows the server's values again, a refused delete settles: the row is gone here and stays on the server, where
# a later pull brings it back to whoever may see it).

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.models import Macro, ReplyTemplate, SyncConflict
from app.outbox.journal import queue_mutation
from app.outbox.refusals import held_fields, open_refusals, refused_values, resend_refused_row, settle_refusals
from core.feed import note
from core.macros.rules import MACRO_COLUMNS, TEMPLATE_COLUMNS

ENTITIES = {"reply_template": (ReplyTemplate, TEMPLATE_COLUMNS), "macro": (Macro, MACRO_COLUMNS)}


def send_again(session: Session, record: SyncConflict) -> int:
    """Queue the row's open refusals again as it stands now; returns the mutations queued."""
    model, columns = ENTITIES[record.entity]
    row: Any = session.get(model, record.entity_id)
    records = open_refusals(session, record.entity, [record.entity_id])
    note(session, record.entity, [record.entity_id])
    if row is not None:
        return resend_refused_row(session, record.entity, row, columns, records)
    queued = 0
    if any(r.op == "delete" for r in records):
        queue_mutation(session, entity=record.entity, entity_id=record.entity_id, op="delete", payload={})
        queued = 1
    settle_refusals(session, records)
    return queued


def discard(session: Session, record: SyncConflict) -> str:
    """Take the refusal's effect off this desk: "row" (a refused create's row deleted) or "values"."""
    model, columns = ENTITIES[record.entity]
    row: Any = session.get(model, record.entity_id)
    note(session, record.entity, [record.entity_id])
    if record.op == "create":
        if row is not None:
            session.delete(row)
        for r in open_refusals(session, record.entity, [record.entity_id]):
            r.status = "settled"
        session.flush()
        return "row"
    if row is not None:
        # A pull after the refused push (the same sync round) already wrote the server's value; only a field
        # that still shows the refused value goes back to the value the edit was made on.
        wanted = refused_values(record)
        for field, value in held_fields(record).items():
            if field in columns and field != "id" and getattr(row, field) == wanted.get(field):
                setattr(row, field, value)
    record.status, record.theirs = "settled", None
    session.flush()
    return "values"
