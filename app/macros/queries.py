"""Named reads of templates and macros: the composer's picker, the manager, the palette and the key bindings."""
# The lists are small (tens to a few hundred rows per desk), read whole by owner through the (owner_id, name)
# indexes, and filtered by the words typed in Python so that a search matches name and text alike.

from __future__ import annotations

import json

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.macros.records import ExpandedTemplate, MacroRecord, TemplateRecord
from app.models import Macro, MacroShortcut, ReplyTemplate
from core.errors import NotFoundError
from core.macros.variables import expand


def template_record(row: ReplyTemplate, me: str | None) -> TemplateRecord:
    return TemplateRecord(id=row.id, name=row.name, kind=row.kind, body=row.body, shared=row.owner_id is None,
                          updated_at=row.updated_at)


def macro_record(session: Session, row: Macro, me: str | None, keys: str | None = None) -> MacroRecord:
    if keys is None and me is not None:
        keys = session.scalar(select(MacroShortcut.keys).where(MacroShortcut.person_id == me,
                                                               MacroShortcut.macro_id == row.id))
    return MacroRecord(id=row.id, name=row.name, description=row.description, changes=json.loads(row.changes or "{}"),
                       entry_kind=row.entry_kind, entry_body=row.entry_body, shared=row.owner_id is None,
                       updated_at=row.updated_at, keys=keys)


def _visible(model, me: str | None):
    return or_(model.owner_id.is_(None), model.owner_id == me) if me else model.owner_id.is_(None)


def _matches(words: list[str], *texts: str | None) -> bool:
    hay = " ".join(t for t in texts if t).casefold()
    return all(w in hay for w in words)


def list_templates(session: Session, *, me: str | None, search: str = "", kind: str | None = None
                   ) -> tuple[TemplateRecord, ...]:
    """The user's own and the shared templates, own first, by name; `search` words must all occur in the
    name or the text; `kind` ("reply" or "note") keeps the templates meant for it (and those for either)."""
    words = search.casefold().split()
    stmt = select(ReplyTemplate).where(_visible(ReplyTemplate, me)).order_by(ReplyTemplate.owner_id.is_(None),
                                                                             ReplyTemplate.name)
    if kind in ("reply", "note"):
        stmt = stmt.where(ReplyTemplate.kind.in_((kind, "any")))
    return tuple(template_record(r, me) for r in session.scalars(stmt) if _matches(words, r.name, r.body))


def list_macros(session: Session, *, me: str | None, search: str = "") -> tuple[MacroRecord, ...]:
    """The user's own and the shared macros by name, with the keys the user bound to them."""
    words = search.casefold().split()
    keys = dict(session.execute(select(MacroShortcut.macro_id, MacroShortcut.keys)
                                .where(MacroShortcut.person_id == me)).all()) if me else {}
    stmt = select(Macro).where(_visible(Macro, me)).order_by(Macro.name)
    return tuple(macro_record(session, r, me, keys.get(r.id, "")) for r in session.scalars(stmt)
                 if _matches(words, r.name, r.description, r.entry_body))


def expand_template(session: Session, *, template_id: str, ticket_id: str, me: str | None) -> ExpandedTemplate:
    """A template's text with the ticket's and the agent's values in it (the composer inserts it)."""
    # Imported here: the window lists macros at start-up, and the ticket writes (with the KPI and outbox
    # modules behind them) are not needed to paint the first queue page.
    from app.macros.values import agent_values, ticket_values
    from app.tickets.writes import get_ticket

    row = session.get(ReplyTemplate, template_id)
    if row is None or (row.owner_id is not None and row.owner_id != me):
        raise NotFoundError("This template was deleted meanwhile.")
    values = ticket_values(session, get_ticket(session, ticket_id), agent_values(session, me))
    result = expand(row.body, values)
    return ExpandedTemplate(template_id=row.id, text=result.text, unknown=result.unknown, blank=result.blank)
