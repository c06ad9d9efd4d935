"""Turning whatever a user types into a safe full-text query (FTS5) or a LIKE fallback."""

from __future__ import annotations

import re

from sqlalchemy import and_, exists, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from app.models import Ticket, WorklogEntry

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


# Typed in capitals these are meant as operators; every remaining word is required anyway.
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def terms(user_text: str) -> list[str]:
    """The searchable words in the text; operators, quotes and brackets are not syntax, just gaps."""
    return [w for w in _WORD.findall(user_text or "") if w not in _OPERATORS][:MAX_TERMS]


def fts_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression: every word as a quoted prefix term, all required. None when empty.

    Each term is wrapped in double quotes (the only FTS5 string syntax) and \\w+ never yields a quote,
    so nothing the user types can form an operator, column filter or syntax error.
    """
    words = terms(user_text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_any(pattern: str) -> ColumnElement[bool]:
    """Slow path without FTS5: the word anywhere in number, title, description or a worklog entry."""
    in_worklog = exists().where(WorklogEntry.ticket_id == Ticket.id,
                                WorklogEntry.body.like(pattern, escape="\\"))
    return or_(Ticket.number.like(pattern, escape="\\"), Ticket.title.like(pattern, escape="\\"),
               Ticket.description.like(pattern, escape="\\"), in_worklog)


def search_clause(user_text: str, *, has_fts: bool) -> ColumnElement[bool] | None:
    """A WHERE clause on Ticket for the text, or None when the text has no words."""
    words = terms(user_text)
    if not words:
        return None
    number_clause = None
    if len(words) == 1 and words[0].isdigit():
        # "1234" finds INC0001234: numbers are one token to FTS, so match their digits by suffix.
        number_clause = Ticket.number.like("%" + _like_escape(words[0]), escape="\\")
    if has_fts:
        match = Ticket.row_id.in_(
            select(literal_column("rowid")).select_from(text("ticket_fts"))
            .where(text("ticket_fts MATCH :fts_q").bindparams(fts_q=fts_query(user_text)))
        )
    else:
        match = and_(*[_like_any(f"%{_like_escape(w)}%") for w in words])
    return or_(match, number_clause) if number_clause is not None else match
