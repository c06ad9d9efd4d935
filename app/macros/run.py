"""Applying a macro to one ticket or a selection as one batch, and undoing that batch."""
# A run is app.tickets.writes.bulk_update, the queue's bulk edit, with the macro's reply or note added per
# ticket inside that ticket's savepoint (its variables expanded for that ticket). So a run is one operation,
# one transaction and one batch id; a ticket that refuses any part (a workflow move its type does not allow,
# an assignee outside its group, a reply to a closed ticket) is left wholly unchanged and reported by number.
#
# Undo puts the fields back through undo_batch (a field changed again since is left alone and reported) and
# takes back the run's replies and notes that never left this desk: their append is still in the outbox, so
# no one else saw them and nothing was mailed; the entry and its outbox row go together. A reply or note the
# sync already pushed stays: the server has it, a reply may be mailed already, and a sent reply cannot be
# unsent. The undo says which ones stayed (MacroUndo.kept_sent) instead of hiding them. One narrow case: a
# push already on its way when the undo commits (its answer not back yet) may have delivered the entry; the
# server then holds it, and the next pull shows it on the ticket again: nothing sent is ever hidden.

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.macros.records import MacroRun, MacroUndo
from app.macros.values import agent_values, ticket_values
from app.models import Macro, MacroRunEntry, OutboxMutation, SyncConflict, Ticket, WorklogEntry
from app.outbox.journal import record_event
from app.tickets.queue import ids_for_rows
from app.tickets.worklog import add_worklog
from app.tickets.writes import bulk_update, undo_batch
from core.errors import NotFoundError
from core.feed import note
from core.macros.rules import ME, clean_changes
from core.macros.variables import expand
from core.tickets.priority import DEFAULT_MATRIX

ENTRY = "worklog_entry"


def _macro(session: Session, macro_id: str, actor_id: str | None) -> Macro:
    macro = session.get(Macro, macro_id)
    if macro is None or (macro.owner_id is not None and macro.owner_id != actor_id):
        raise NotFoundError("This macro was deleted meanwhile.")
    return macro


def apply_macro(session: Session, *, macro_id: str, actor_id: str | None, ticket_ids: list[str] | None = None,
                row_ids: list[int] | None = None, matrix=DEFAULT_MATRIX) -> MacroRun:
    """Apply a macro to tickets (by id, or the queue's selected rows in selection order) as one batch.

    Its changes are checked again (a macro pulled from the server is only data); "@me" as assignee is the
    actor. Each ticket gets an audit line naming the macro, then its reply or note, then the field changes."""
    macro = _macro(session, macro_id, actor_id)
    changes: dict[str, Any] = clean_changes(macro.changes)
    if changes.get("assignee_id") == ME:
        changes["assignee_id"] = actor_id
    if ticket_ids is None:
        by_row = ids_for_rows(session, row_ids=list(row_ids or []))
        ticket_ids = [by_row[r] for r in row_ids or [] if r in by_row]
    agent = agent_values(session, actor_id)

    def each(s: Session, ticket: Ticket, batch_id: str) -> bool:
        record_event(s, entity="ticket", entity_id=ticket.id, field="macro", new=macro.name, actor_id=actor_id)
        if not macro.entry_kind or not macro.entry_body:
            return False
        text = expand(macro.entry_body, ticket_values(s, ticket, agent)).text
        entry = add_worklog(s, ticket_id=ticket.id, kind=macro.entry_kind, body=text, actor_id=actor_id)
        s.add(MacroRunEntry(entry_id=entry.id, batch_id=batch_id, ticket_id=ticket.id, macro_id=macro.id))
        return True

    result = bulk_update(session, ticket_ids=ticket_ids, changes=changes, actor_id=actor_id, matrix=matrix, each=each)
    # A refused ticket's savepoint rolled its entry back; count what stayed.
    kept = session.scalar(select(func.count()).select_from(MacroRunEntry)
                          .where(MacroRunEntry.batch_id == result.batch_id)) or 0
    return MacroRun(batch_id=result.batch_id, macro_name=macro.name, changed=result.changed,
                    skipped=result.skipped, entries=kept)


def _withdraw(session: Session, entry: WorklogEntry, pending: list[OutboxMutation], refused: list[SyncConflict],
              actor_id: str | None) -> bool:
    """Take back one entry of a run if it never reached the server; False when it did (it stays)."""
    if not pending and not refused:
        return False
    for m in pending:
        session.delete(m)
    for r in refused:  # the server refused it: nothing was sent, and the inbox entry is settled by the undo
        r.status = "settled"
        note(session, "conflict")
    record_event(session, entity="ticket", entity_id=entry.ticket_id, field=f"{entry.kind} withdrawn",
                 new=entry.body.strip().splitlines()[0][:120] if entry.body.strip() else "", actor_id=actor_id)
    session.delete(entry)
    note(session, ENTRY, [entry.id])
    note(session, "ticket", [entry.ticket_id])
    return True


def _by_entry(session: Session, model, ids: list[str], *where) -> dict[str, list]:
    """The rows of `model` (outbox rows, open refusals) naming each of the entries `ids`, read in chunks."""
    out: dict[str, list] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in session.scalars(select(model).where(model.entity == ENTRY, model.entity_id.in_(chunk), *where)):
            out.setdefault(row.entity_id, []).append(row)
    return out


def undo_macro(session: Session, *, batch_id: str, actor_id: str | None) -> MacroUndo:
    """Undo one macro run: its field changes (undo_batch) and its replies and notes still unsent."""
    runs = session.scalars(select(MacroRunEntry).where(MacroRunEntry.batch_id == batch_id)).all()
    ids = [r.entry_id for r in runs]
    pending = _by_entry(session, OutboxMutation, ids)
    refused = _by_entry(session, SyncConflict, ids, SyncConflict.status == "open")
    withdrawn = 0
    kept_sent: list[tuple[str, str]] = []
    touched: set[str] = set()
    for run in runs:
        entry = session.get(WorklogEntry, run.entry_id)
        if entry is None:
            continue  # gone already (a sync pull removed it with its ticket)
        if _withdraw(session, entry, pending.get(entry.id, []), refused.get(entry.id, []), actor_id):
            withdrawn += 1
            touched.add(run.ticket_id)
        else:
            number = session.scalar(select(Ticket.number).where(Ticket.id == run.ticket_id)) or run.ticket_id
            kept_sent.append((number, entry.kind))
    session.execute(delete(MacroRunEntry).where(MacroRunEntry.batch_id == batch_id))
    fields = undo_batch(session, batch_id=batch_id, actor_id=actor_id)
    rows = set(fields.changed)
    if touched:
        rows |= set(session.scalars(select(Ticket.row_id).where(Ticket.id.in_(sorted(touched)))))
    return MacroUndo(changed=tuple(sorted(rows)), skipped=fields.skipped, withdrawn=withdrawn,
                     kept_sent=tuple(kept_sent))
