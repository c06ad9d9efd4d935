"""The search syntax (words, OR, NOT/-word, "phrases", a short word taken whole) parsed into terms, and the terms
into a safe FTS5 MATCH expression: no quote, operator or column filter can come from the user's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


# A bare word shorter than this is searched as a whole word, not as the start of words: "t" or "pa" stands for
# hundreds of the index's words, and reading (or seeking in) all of them for a first page cost 0.7-2.5 s of CPU on
# a million tickets (each keystroke on the way to "the" or "password"). Digits stay prefixes: "12" is the start
# of ticket numbers (number_ranges) and of numbers in the text.
PREFIX_MIN = 3


def is_whole_word(term: Term) -> bool:
    """A single word too short to search as a prefix (PREFIX_MIN), which the search takes as a whole word."""
    return term.phrase and len(term.words) == 1 and len(term.words[0]) < PREFIX_MIN and not term.words[0].isdigit()


def _term(token: str) -> tuple[Term | None, bool]:
    """The term a token stands for (None when it holds no letter or digit) and whether it excludes. A lone
    word shorter than PREFIX_MIN (not digits) is a one-word phrase: that word exactly."""
    negative = token.startswith("-")
    body = token.lstrip("-") if negative else token
    phrase = body.startswith('"')
    words = tuple(_WORD.findall(body))
    if len(words) == 1 and len(words[0]) < PREFIX_MIN and not words[0].isdigit():
        phrase = True
    return (Term(words, phrase) if words else None), negative


def terms(user_text: str) -> list[str]:
    """Every searched word, included or excluded, in the order typed."""
    parsed = parse(user_text)
    return [w for t in [t for g in parsed.groups for t in g] + list(parsed.excluded) for w in t.words]


def fts_term(term: Term) -> str:
    """A term as FTS5 query syntax: a quoted phrase, or each word quoted as a prefix, all required."""
    # Words hold only letters and digits, so no quote, operator or column filter can come from the user.
    if term.phrase:
        return '"{}"'.format(" ".join(term.words))
    return " AND ".join(f'"{w}"*' for w in term.words)


def _fts_any(terms_: tuple[Term, ...]) -> str:
    if len(terms_) == 1:
        return fts_term(terms_[0])
    return " OR ".join(f"({fts_term(t)})" for t in terms_)


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
