"""Named operations on reply templates and macros: create, edit, delete, bind a key; one intent, one transaction."""
# Each writes its row, its audit entries and its outbox mutation together, so the server gets it like any
# other edit (entities `reply_template` and `macro` in the change feed and on the wire). A personal one
# (owner = the current user) reaches only its owner's desks; a shared one every desk (server.macros).
# Who owns a row is fixed when it is made: to share a personal template, copy it as shared.

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.macros.queries import macro_record, template_record
from app.macros.records import MacroRecord, TemplateRecord
from app.models import Macro, MacroShortcut, ReplyTemplate
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload
from core.errors import NotFoundError, ValidationError
from core.feed import note
from core.macros.rules import (
    MACRO_COLUMNS,
    TEMPLATE_COLUMNS,
    check_macro_whole,
    clean_macro,
    clean_template,
)
from core.schema import utcnow

TEMPLATE = "reply_template"
MACRO = "macro"
SHORTCUT = "macro_shortcut"  # the feed's entity for key bindings (desk only)
# Text editing's own keys, which a macro never takes whatever the window binds.
EDITING_KEYS = ("Ctrl+A", "Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+Return",
                "Ctrl+Enter", "Ctrl+Shift+T", "Ctrl+Backspace", "Ctrl+Del", "Ctrl+Left", "Ctrl+Right", "Ctrl+Home",
                "Ctrl+End", "Alt+F4")


def _owned(row, actor_id: str | None, what: str) -> None:
    if row.owner_id is not None and row.owner_id != actor_id:
        raise ValidationError(f"This {what} belongs to someone else.")


def _create(session: Session, model, entity: str, columns: list[str], clean: dict[str, Any], *, shared: bool,
            actor_id: str | None):
    row = model(**clean, owner_id=None if shared else actor_id, updated_at=utcnow())
    session.add(row)
    session.flush()
    record_event(session, entity=entity, entity_id=row.id, field="created", new=row.name, actor_id=actor_id)
    queue_mutation(session, entity=entity, entity_id=row.id, op="create", payload={"row": row_payload(row, columns)})
    return row


def _update(session: Session, row, entity: str, clean: dict[str, Any], actor_id: str | None) -> None:
    diffs = {f: (getattr(row, f), v) for f, v in clean.items() if getattr(row, f) != v}
    if not diffs:
        return
    for f, (_, v) in diffs.items():
        setattr(row, f, v)
    row.updated_at = utcnow()
    record_changes(session, entity=entity, entity_id=row.id, changes=diffs, actor_id=actor_id, batch_id=None)


def save_template(session: Session, *, template_id: str | None, values: dict[str, Any], shared: bool,
                  actor_id: str | None) -> TemplateRecord:
    """Create (template_id None) or edit a template; `shared` counts only for a new one. Returns it as stored."""
    if template_id is None:
        row = _create(session, ReplyTemplate, TEMPLATE, TEMPLATE_COLUMNS, clean_template(values), shared=shared,
                      actor_id=actor_id)
    else:
        row = session.get(ReplyTemplate, template_id)
        if row is None:
            raise NotFoundError("This template was deleted meanwhile.")
        _owned(row, actor_id, "template")
        _update(session, row, TEMPLATE, clean_template(values, partial=True), actor_id)
    return template_record(row, actor_id)


def save_macro(session: Session, *, macro_id: str | None, values: dict[str, Any], shared: bool,
               actor_id: str | None) -> MacroRecord:
    """Create (macro_id None) or edit a macro, checked by core.macros.rules; returns it as stored."""
    if macro_id is None:
        clean = clean_macro(values)
        check_macro_whole(clean)
        row = _create(session, Macro, MACRO, MACRO_COLUMNS, clean, shared=shared, actor_id=actor_id)
    else:
        row = session.get(Macro, macro_id)
        if row is None:
            raise NotFoundError("This macro was deleted meanwhile.")
        _owned(row, actor_id, "macro")
        clean = clean_macro(values, partial=True)
        whole = {f: getattr(row, f) for f in ("changes", "entry_kind", "entry_body")} | clean
        check_macro_whole(whole)
        _update(session, row, MACRO, clean, actor_id)
    return macro_record(session, row, actor_id)


def _delete(session: Session, model, entity: str, row_id: str, actor_id: str | None, what: str) -> None:
    row = session.get(model, row_id)
    if row is None:
        return  # gone already (another desk deleted it, pulled meanwhile): the wish is met
    _owned(row, actor_id, what)
    record_event(session, entity=entity, entity_id=row_id, field="deleted", new=None, old=row.name, actor_id=actor_id)
    queue_mutation(session, entity=entity, entity_id=row_id, op="delete", payload={})
    session.delete(row)


def delete_template(session: Session, *, template_id: str, actor_id: str | None) -> None:
    """Delete a template for everyone it is shared with (a personal one: its owner's desks)."""
    _delete(session, ReplyTemplate, TEMPLATE, template_id, actor_id, "template")


def delete_macro(session: Session, *, macro_id: str, actor_id: str | None) -> None:
    """Delete a macro; its key bindings on this desk go with it."""
    _delete(session, Macro, MACRO, macro_id, actor_id, "macro")
    session.execute(delete(MacroShortcut).where(MacroShortcut.macro_id == macro_id))
    note(session, SHORTCUT, [macro_id])


def bind_key(session: Session, *, macro_id: str, keys: str | None, person_id: str, reserved: list[str]) -> None:
    """Bind `keys` (a QKeySequence's portable text) to a macro for this person; None unbinds. `reserved`: the
    window's own shortcuts, which a macro never takes. Another macro holding the key is refused, by name."""
    if session.get(Macro, macro_id) is None:
        raise NotFoundError("This macro was deleted meanwhile.")
    session.execute(delete(MacroShortcut).where(MacroShortcut.person_id == person_id,
                                                MacroShortcut.macro_id == macro_id))
    note(session, SHORTCUT, [macro_id])
    if not keys:
        return
    if not isinstance(keys, str) or len(keys) > 40:
        raise ValidationError("Not a key combination.", field="keys")
    if not any(m in keys for m in ("Ctrl+", "Alt+", "Meta+")) and not re.fullmatch(r"(Shift\+)?F\d{1,2}", keys):
        raise ValidationError("Choose a key with Ctrl, Alt or a function key (F1 to F35): a plain key is for "
                              "typing.", field="keys")
    if keys in reserved or keys in EDITING_KEYS:
        raise ValidationError(f"{keys} is already a shortcut of Deskside; choose another key.", field="keys")
    other = session.execute(select(Macro.name).join(MacroShortcut, MacroShortcut.macro_id == Macro.id)
                            .where(MacroShortcut.person_id == person_id, MacroShortcut.keys == keys)).first()
    if other is not None:
        raise ValidationError(f"{keys} already runs the macro “{other.name}”; unbind it there first.", field="keys")
    session.add(MacroShortcut(person_id=person_id, macro_id=macro_id, keys=keys))


def changes_of(row: Macro) -> dict[str, Any]:
    return json.loads(row.changes or "{}")
