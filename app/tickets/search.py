"""Search syntax (words, OR, NOT/-word, "phrases") parsed into a safe FTS5 query or a LIKE fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import and_, exists, func, literal_column, not_, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Ticket, WorklogEntry

# Letters and digits only: what the FTS5 tokenizer indexes. `_`, `%`, `*`, emoji and marks are gaps.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A quoted phrase (the closing quote may be missing: it then runs to the end), or a run without quotes.
_TOKEN = re.compile(r'-?"[^"]*"?|[^\s"]+')
# Words counted over the whole query; each is one FTS term or LIKE scan, and SQLite caps expression depth.
MAX_TERMS = 12

# Why a piece of the text was not searched (the UI words them).
NOTHING_SEARCHABLE = "nothing_searchable"  # no letter or digit in it: %, *, an emoji, punctuation
LONE_OPERATOR = "lone_operator"  # OR without a term on both sides, NOT with nothing after it
UNSUPPORTED = "unsupported"  # NEAR
TOO_MANY = "too_many"  # past MAX_TERMS words


@dataclass(frozen=True)
class Term:
    """One searched item: bare words (each a prefix, all required) or an exact phrase."""

    words: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class ParsedSearch:
    """The text as the search understood it: every group must match (one of its terms each), no
    excluded term may match; `ignored` lists (reason, piece as typed) of what was left out."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    ignored: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """Nothing to filter on: the text (if any) was all ignored."""
        return not self.groups and not self.excluded

    @property
    def digits(self) -> str | None:
        """The digits when the whole search is one bare number ("1234" also finds INC0001234)."""
        if len(self.groups) == 1 and len(self.groups[0]) == 1 and not self.excluded:
            term = self.groups[0][0]
            if not term.phrase and len(term.words) == 1 and term.words[0].isdigit():
                return term.words[0]
        return None


def parse(user_text: str) -> ParsedSearch:
    """Words are all required; `OR` (in capitals) between two terms takes either; `NOT word`, `-word`
    and `-"a phrase"` exclude; "a phrase" matches those words in order. `AND` is the default and is
    dropped. Brackets do not group (they are gaps). Never raises."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    ignored: list[tuple[str, str]] = []
    budget = MAX_TERMS
    negate = join = False  # a pending NOT / OR
    after_positive = False  # OR may follow only a term that will be searched for

    def drop_pending() -> None:
        nonlocal negate, join, after_positive
        ignored.extend((LONE_OPERATOR, op) for op, pending in (("OR", join), ("NOT", negate)) if pending)
        negate = join = after_positive = False

    for token in _TOKEN.findall(user_text or ""):
        if token == "AND":
            continue
        if token == "OR":
            if after_positive and not join:
                join = True
            else:
                ignored.append((LONE_OPERATOR, token))
            after_positive = False
            continue
        if token == "NOT":
            if negate:
                ignored.append((LONE_OPERATOR, token))
            negate = True
            continue
        if token == "NEAR":
            ignored.append((UNSUPPORTED, token))
            continue
        term, negative = _term(token)
        if term is None or not budget:
            ignored.append((NOTHING_SEARCHABLE if term is None else TOO_MANY, token))
            drop_pending()
            continue
        if not term.phrase and len(term.words) > budget:
            ignored.append((TOO_MANY, token))
            term = Term(term.words[:budget])
        budget -= 1 if term.phrase else len(term.words)
        if negative or negate:
            excluded.append(term)
            negate = False
            drop_pending()  # OR only joins terms that are searched for
        else:
            if join:
                groups[-1].append(term)
            else:
                groups.append([term])
            join, after_positive = False, True
    drop_pending()
    return ParsedSearch(tuple(tuple(g) for g in groups), tuple(excluded), tuple(ignored))


def _term(token: str) -> tuple[Term | None, bool]:
    """The term a token stands for (None when it holds no letter or digit) and whether it excludes."""
    negative = token.startswith("-")
    body = token.lstrip("-") if negative else token
    phrase = body.startswith('"')
    words = tuple(_WORD.findall(body))
    return (Term(words, phrase) if words else None), negative


def terms(user_text: str) -> list[str]:
    """Every searched word, included or excluded, in the order typed."""
    parsed = parse(user_text)
    return [w for t in [t for g in parsed.groups for t in g] + list(parsed.excluded) for w in t.words]


def _fts_term(term: Term) -> str:
    # Words hold only letters and digits, so no quote, operator or column filter can come from the user.
    if term.phrase:
        return '"{}"'.format(" ".join(term.words))
    return " AND ".join(f'"{w}"*' for w in term.words)


def _fts_any(terms_: tuple[Term, ...]) -> str:
    if len(terms_) == 1:
        return _fts_term(terms_[0])
    return " OR ".join(f"({_fts_term(t)})" for t in terms_)


def fts_query(user_text: str | ParsedSearch, *, excluded_only: bool = False) -> str | None:
    """The FTS5 MATCH expression for the text, or None when it has nothing to match. A search with
    excluded terms only cannot be one FTS5 query (FTS5 has no lone NOT): `excluded_only` gives the
    expression of what to leave out instead."""
    parsed = user_text if isinstance(user_text, ParsedSearch) else parse(user_text)
    if excluded_only:
        return _fts_any(parsed.excluded) if parsed.excluded else None
    if not parsed.groups:
        return None
    required = " AND ".join(f"({_fts_any(g)})" for g in parsed.groups)
    if parsed.excluded:
        return f"({required}) NOT ({_fts_any(parsed.excluded)})"
    return required


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_any(pattern: str) -> ColumnElement[bool]:
    """Slow path without FTS5: the pattern anywhere in number, title, description or a worklog entry."""
    in_worklog = exists().where(WorklogEntry.ticket_id == Ticket.id,
                                WorklogEntry.body.like(pattern, escape="\\"))
    # coalesce: a NULL would make the whole OR NULL, and NOT NULL would drop the row from an exclusion.
    return or_(func.coalesce(Ticket.number, "").like(pattern, escape="\\"), Ticket.title.like(pattern, escape="\\"),
               func.coalesce(Ticket.description, "").like(pattern, escape="\\"), in_worklog)


def _like_term(term: Term) -> ColumnElement[bool]:
    if term.phrase:  # the words in this order; LIKE cannot tell what lies between them
        return _like_any("%" + "%".join(_like_escape(w) for w in term.words) + "%")
    return and_(*[_like_any(f"%{_like_escape(w)}%") for w in term.words])


def _fts_ids(expression: str, name: str):
    return (select(literal_column("rowid")).select_from(text("ticket_fts"))
            .where(text(f"ticket_fts MATCH :{name}").bindparams(**{name: expression})))


def fts_match_count(session: Session, user_text: str) -> int | None:
    """How many tickets the text alone matches, answered by the full-text index (every ticket has
    exactly one index row); None when the text is empty or is a bare number (which also matches
    numbers by their digits). Excluded terms only: all tickets minus the index's matches, both cheap."""
    parsed = parse(user_text)
    if parsed.is_empty or parsed.digits is not None:
        return None
    matched = session.execute(text("SELECT count(*) FROM ticket_fts WHERE ticket_fts MATCH :q"),
                              {"q": fts_query(parsed, excluded_only=not parsed.groups)}).scalar()
    if parsed.groups:
        return matched
    return session.scalar(select(func.count()).select_from(Ticket)) - matched


def search_clause(user_text: str, *, has_fts: bool, walk_sort_index: bool = False) -> ColumnElement[bool] | None:
    """A WHERE clause on Ticket for the text, or None when nothing in it is searchable.

    `walk_sort_index` writes the match as `+row_id IN (...)`, which keeps SQLite from looking up
    every match by row id and then sorting them all: it walks the sort column's index instead and
    stops at the LIMIT. Worth it when many tickets match; with few, the lookup plan is faster.
    Excluded terms alone become `row_id NOT IN (matches)`, which walks the sort index too.
    """
    parsed = parse(user_text)
    if parsed.is_empty:
        return None
    digits = parsed.digits
    row_id = literal_column("+ticket.row_id") if walk_sort_index else Ticket.row_id
    if has_fts:
        clause = None
        if parsed.groups:
            clause = row_id.in_(_fts_ids(fts_query(parsed), "fts_q"))
        else:
            clause = Ticket.row_id.not_in(_fts_ids(fts_query(parsed, excluded_only=True), "fts_not"))
    else:
        required = [or_(*[_like_term(t) for t in g]) for g in parsed.groups]
        left_out = [not_(or_(*[_like_term(t) for t in parsed.excluded]))] if parsed.excluded else []
        clause = and_(*required, *left_out)
    if digits is not None:
        # "1234" finds INC0001234: numbers are one token to FTS, so match their digits by suffix.
        clause = or_(clause, Ticket.number.like("%" + _like_escape(digits), escape="\\"))
    return clause
