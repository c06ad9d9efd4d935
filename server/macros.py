"""Reply templates and macros pushed by desks: checked with the desk's rules, logged for the pull, owner-scoped."""
# Who may do what: every signed-in user makes, edits and deletes the team's shared templates and macros (the
# desk's own saved replies, as in Zammad's text modules; every change is in the change log and each desk's
# audit trail), and their own personal ones. A personal row belongs to the person who made it: nobody else
# may change or delete it, its owner never changes, and its change-log entries carry the owner's account so
# a pull sends it to that account only (server.pull). A field changed on the server since the desk read it
# is refused rather than overwritten; the desk keeps its value in the refusal inbox.

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.macros.rules import (
    MACRO_COLUMNS,
    MACRO_EDITABLE,
    TEMPLATE_COLUMNS,
    TEMPLATE_EDITABLE,
    check_macro_whole,
    clean_macro,
    clean_owner,
    clean_template,
)
from server import changelog
from server.macro_models import Macro, ReplyTemplate
from server.models import utcnow
from server.scope import Scope
from server.validate import Rejected, ident, row_shape

ENTITIES: dict[str, tuple[type[ReplyTemplate] | type[Macro], list[str], tuple[str, ...], str]] = {
    "reply_template": (ReplyTemplate, TEMPLATE_COLUMNS, TEMPLATE_EDITABLE, "template"),
    "macro": (Macro, MACRO_COLUMNS, MACRO_EDITABLE, "macro"),
}


def _clean(entity: str, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        if entity == "reply_template":
            return clean_template(values, partial=partial)
        return clean_macro(values, partial=partial)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None


def _log(session: Session, entity: str, row_id: str, owner_id: str | None, scope: Scope, op: str = "upsert") -> None:
    # Only the owner pushes to a personal row (checked before), so the pusher's account is the owner's.
    changelog.record(session, entity=entity, entity_id=row_id, op=op,
                     account_id=scope.account_id if owner_id is not None else None)


def visible(row: Any, scope: Scope) -> bool:
    return row is not None and row.owner_id in (None, scope.person_id)


def apply(session: Session, scope: Scope, *, entity: str, op: str, entity_id: str, payload: dict) -> dict[str, Any]:
    """Create, update or delete one template or macro from a desk's mutation; Rejected with the reason."""
    ident(entity_id, "Template id" if entity == "reply_template" else "Macro id")
    model, columns, editable, label = ENTITIES[entity]
    if op == "create":
        row = row_shape(payload, columns, entity_id, label)
        try:
            owner = clean_owner(row.get("owner_id"))
        except ValidationError as exc:
            raise Rejected(str(exc)) from None
        if owner is not None and owner != scope.person_id:
            raise Rejected(f"A personal {label} belongs to the person who makes it.")
        if session.get(model, entity_id) is not None:
            raise Rejected(f"A {label} with this id already exists.")
        values = _clean(entity, {k: v for k, v in row.items() if k in editable}, partial=False)
        if entity == "macro":
            _whole(values)
        session.add(model(id=entity_id, owner_id=owner, updated_at=utcnow(), **values))
        session.flush()
        _log(session, entity, entity_id, owner, scope)
        return {"status": "applied"}
    current: Any = session.get(model, entity_id)
    if op == "delete":
        if current is None:
            return {"status": "applied"}  # deleted already: the wish is met
        if not visible(current, scope):
            raise Rejected(f"This {label} belongs to someone else.")
        owner = current.owner_id
        session.delete(current)
        session.flush()
        _log(session, entity, entity_id, owner, scope, op="delete")
        return {"status": "applied"}
    if op != "update":
        raise Rejected(f"A {label} is created, updated or deleted.")
    if not visible(current, scope):
        raise Rejected(f"Unknown {label}.")
    fields = payload.get("fields") if set(payload) == {"fields"} else None
    if not isinstance(fields, dict) or not fields or not all(isinstance(c, dict) and "new" in c
                                                             for c in fields.values()):
        raise Rejected(f'A {label} update carries {{"fields": {{name: {{"base": ..., "new": ...}}}}}}.')
    if "owner_id" in fields:
        raise Rejected(f"Who a {label} belongs to is set when it is made; copy it to share it.")
    new = _clean(entity, {f: c["new"] for f, c in fields.items()}, partial=True)
    for field, value in new.items():
        now = getattr(current, field)
        if now != value and now != fields[field].get("base"):
            raise Rejected(f"{field} was changed on the server meanwhile.")
    if entity == "macro":
        _whole({f: getattr(current, f) for f in ("changes", "entry_kind", "entry_body")} | new)
    changed = False
    for field, value in new.items():
        if getattr(current, field) != value:
            setattr(current, field, value)
            changed = True
    if changed:
        current.updated_at = utcnow()
        session.flush()
        _log(session, entity, entity_id, current.owner_id, scope)
    return {"status": "applied"}


def _whole(values: dict[str, Any]) -> None:
    try:
        check_macro_whole(values)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None


def add_to_page(session: Session, page: Any, scope: Scope, entry: Any) -> None:
    """Add one logged template or macro change to a pull page, if it is this user's to see: a shared row for
    everyone, a personal one for its owner's account only (never its name or text to anyone else)."""
    if entry.account_id is not None and entry.account_id != scope.account_id:
        return
    model = ENTITIES[entry.entity][0]
    row = session.get(model, entry.entity_id) if entry.op != "delete" else None
    if row is not None and not visible(row, scope):
        return
    if row is not None:
        page.row(entry.entity, row)
    page.change(entry, "upsert" if row is not None else "delete")
