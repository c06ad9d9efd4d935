"""Turning whatever a user types into a safe full-text query (FTS5) or a LIKE fallback."""

from __future__ import annotations

import re

from sqlalchemy import and_, exists, literal_column, or_, select, text
from sqlalchemy.orm import Session
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


def fts_match_count(session: Session, user_text: str) -> int | None:
    """How many tickets the full-text index matches (every ticket has exactly one index row), or
    None when the text is not a plain full-text search (no words, or digits that also match numbers).
    Cheap: the index answers it without touching the ticket table."""
    words = terms(user_text)
    if not words or (len(words) == 1 and words[0].isdigit()):
        return None
    return session.execute(text("SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH :q"),
                           {"q": fts_query(user_text)}).scalar()


def search_clause(user_text: str, *, has_fts: bool, walk_sort_index: bool = False) -> ColumnElement[bool] | None:
    """A WHERE clause on Ticket for the text, or None when the text has no words.

    `walk_sort_index` writes the match as `+row_id IN (...)`, which keeps SQLite from looking up
    every match by row id and then sorting them all: it walks the sort column's index instead and
    stops at the LIMIT. Worth it when many tickets match; with few, the lookup plan is faster.
    """
    words = terms(user_text)
    if not words:
        return None
    number_clause = None
    if len(words) == 1 and words[0].isdigit():
        # "1234" finds INC0001234: numbers are one token to FTS, so match their digits by suffix.
        number_clause = Ticket.number.like("%" + _like_escape(words[0]), escape="\\")
    if has_fts:
        row_id = literal_column("+ticket.row_id") if walk_sort_index else Ticket.row_id
        match = row_id.in_(
            select(literal_column("rowid")).select_from(text("ticket_fts"))
            .where(text("ticket_fts MATCH :fts_q").bindparams(fts_q=fts_query(user_text)))
        )
    else:
        match = and_(*[_like_any(f"%{_like_escape(w)}%") for w in words])
    return or_(match, number_clause) if number_clause is not None else match
