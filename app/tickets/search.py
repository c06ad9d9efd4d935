"""Searches as SQL: the parsed text (app.tickets.search_syntax) as FTS5 matches, ticket number ranges, the
tickets-without lists of the commonest words, or a LIKE fallback; and the counts and estimates the queue plans by."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, column, exists, func, literal_column, not_, or_, select, table, text, union, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Ticket, WorklogEntry
from app.tickets.search_syntax import ParsedSearch, Term, fts_term, parse
from core.numbering import DIGITS

# Ticket numbers (core.numbering): a word that is one is found by ranges of the unique number index.
TICKET_PREFIXES = ("INC", "REQ", "PRB")
_NUMBER = re.compile(r"(inc|req|prb)?([0-9]+)", re.IGNORECASE)
PIECES = 4294967295  # the low 32 bits of a full-text rowid: a ticket's pieces (app.store, migration 0011)
# A prefix word in the walk form becomes its index terms OR-ed (each a seek by rowid); past this many
# it stays a prefix query, which FTS5 answers by merging every matching term's whole doclist.
MAX_EXPANSION = 64


def number_ranges(word: str) -> list[tuple[str, str]]:
    """The [low, high) ranges of ticket numbers a typed word names; empty when it names none.

    Bare digits are the start of a number's digits after any leading zeros: "1234" finds INC0001234
    and INC0012340..INC0012349 and so on up to INC1234999 (each ticket prefix), so typing narrows
    the list as it goes. With a prefix ("INC00012", any case) the word is the start of the number.
    """
    match = _NUMBER.fullmatch(word)
    if match is None:
        return []
    prefix, digits = match.groups()
    if prefix:
        keys = [prefix.upper() + digits]
    else:
        keys = [p + "0" * zeros + digits for p in TICKET_PREFIXES
                for zeros in range(max(DIGITS[p] - len(digits), 0) + 1)]
    # Digits and capitals only: the key with its last character raised is the end of its range.
    return [(k, k[:-1] + chr(ord(k[-1]) + 1)) for k in keys]


def _number_words(terms_: tuple[Term, ...]) -> list[str]:
    return [t.words[0] for t in terms_ if not t.phrase and len(t.words) == 1 and number_ranges(t.words[0])]


def _number_clause(column, words: list[str]) -> ColumnElement[bool] | None:
    ranges = [r for w in words for r in number_ranges(w)]
    if not ranges:
        return None
    return or_(*[and_(column >= low, column < high) for low, high in ranges])


# The tickets without a word, for the few words in most tickets (migration 0031; kept by the FTS triggers):
# an excluded word with a list is a read or a probe of it, not a test of every ticket against the word's pieces.
_ABSENT = table("search_term_absent", column("prefix"), column("row_id"))


def absent_lists(session: Session) -> frozenset[str]:
    """The words (lower case) whose tickets-without lists the store keeps: a read of a few rows."""
    return frozenset(session.scalars(text("SELECT prefix FROM search_term_common")))


def _listed(term: Term, lists: frozenset[str]) -> str | None:
    """The list that answers "no piece matches this term", when one does: a bare word (any case; the
    tokenizer folds ASCII case as lower() does) that names no ticket number."""
    if term.phrase or len(term.words) != 1 or not lists:
        return None
    word = term.words[0]
    return word.lower() if word.isascii() and word.lower() in lists and not number_ranges(word) else None


def required_listed_word(session: Session, user_text: str) -> str | None:
    """The word when the text is one bare word alone whose tickets-without list the store keeps ("the"): its
    matches are every ticket but those on the list, counted without reading its ~2.7 pieces a ticket."""
    parsed = parse(user_text)
    if len(parsed.groups) != 1 or len(parsed.groups[0]) != 1 or parsed.excluded:
        return None
    return _listed(parsed.groups[0][0], absent_lists(session))


def without_word(word: str):
    """The row ids of the tickets on `word`'s tickets-without list (a read of the list)."""
    return select(_ABSENT.c.row_id).where(_ABSENT.c.prefix == word)


def on_absent_list(word: str) -> ColumnElement[bool]:
    """The ticket is on `word`'s tickets-without list: a probe of the list's key per ticket."""
    return _absent_clause([word], probe=True)[0]


def _split_excluded(parsed: ParsedSearch, lists: frozenset[str]) -> tuple[list[str], tuple[Term, ...]]:
    """The excluded terms as (the lists that answer some, the terms left to the full-text index)."""
    listed = [_listed(t, lists) for t in parsed.excluded]
    return ([w for w in listed if w is not None],
            tuple(t for t, w in zip(parsed.excluded, listed, strict=True) if w is None))


def lists_only(user_text: str, lists: frozenset[str]) -> bool:
    """Whether the text is excluded words only, every one answered by its list (no full-text read at all)."""
    parsed = parse(user_text)
    return not parsed.groups and bool(parsed.excluded) and not _split_excluded(parsed, lists)[1]


def _absent_clause(words: list[str], *, probe: bool) -> list[ColumnElement[bool]]:
    """The ticket is on every word's list: per ticket a probe of the list's key (`probe`, the walk form),
    or the list read once (SQLite may drive the query from it)."""
    if probe:
        return [exists().where(_ABSENT.c.prefix == w, _ABSENT.c.row_id == Ticket.row_id) for w in words]
    return [Ticket.row_id.in_(without_word(w)) for w in words]


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_any(pattern: str) -> ColumnElement[bool]:
    """Slow path without FTS5: the pattern anywhere in title, description or a worklog entry (numbers
    are found by their index, as with FTS5)."""
    in_worklog = exists().where(WorklogEntry.ticket_id == Ticket.id,
                                WorklogEntry.body.like(pattern, escape="\\"))
    # coalesce: a NULL would make the whole OR NULL, and NOT NULL would drop the row from an exclusion.
    return or_(func.coalesce(Ticket.title, "").like(pattern, escape="\\"),
               func.coalesce(Ticket.description, "").like(pattern, escape="\\"), in_worklog)


def _like_term(term: Term) -> ColumnElement[bool]:
    if term.phrase:  # the words in this order; LIKE cannot tell what lies between them
        return _like_any("%" + "%".join(_like_escape(w) for w in term.words) + "%")
    return and_(*[_like_any(f"%{_like_escape(w)}%") for w in term.words])


class _Names:
    """Unique bind parameter names for one statement."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, stem: str) -> str:
        self.n += 1
        return f"{stem}_{self.n}"


def _pieces(terms_: tuple[Term, ...], names: _Names):
    """The tickets (row ids) with a piece one of the terms matches: `rowid >> 32`, no content table read."""
    params: dict[str, str] = {}
    expression = _match_expression(terms_, names, params)
    return (select(literal_column("rowid >> 32")).select_from(text("ticket_fts"))
            .where(text(f"ticket_fts MATCH {expression}").bindparams(**params)))


def _matching(terms_: tuple[Term, ...], names: _Names):
    """Row ids of the tickets one of the terms matches: a piece by the index, or the number by its ranges."""
    found = _pieces(terms_, names)
    ranges = [r for w in _number_words(terms_) for r in number_ranges(w)]
    if not ranges:
        return found
    by_number = [select(Ticket.row_id).where(Ticket.number >= low, Ticket.number < high) for low, high in ranges]
    return union_all(found, *by_number)


def _expanded(word: str, names: _Names, params: dict[str, Any]) -> str:
    """SQL for the MATCH text of one prefix word: its index terms OR-ed, read from search_term (a b-tree
    of every indexed word, migration 0014) once per statement; the prefix query itself past
    MAX_EXPANSION terms (or none). FTS5 reads OR-ed terms lazily and seeks in each, where a prefix
    query merges every matching term's list in memory before the first row."""
    literal = names("fts_lit")
    params[literal] = f'"{word}"*'
    if not word.isascii():  # the range would have to fold case and accents exactly as the tokenizer does
        return f":{literal}"
    low, high = names("fts_lo"), names("fts_hi")
    params[low] = word.lower()
    params[high] = params[low][:-1] + chr(ord(params[low][-1]) + 1)
    return (f"(SELECT CASE WHEN count(*) BETWEEN 1 AND {MAX_EXPANSION} "
            "THEN '(' || group_concat('\"' || term || '\"', ' OR ') || ')' "
            f"ELSE :{literal} END FROM (SELECT term FROM search_term WHERE term >= :{low} AND term < :{high} "
            f"LIMIT {MAX_EXPANSION + 1}))")


def _match_expression(terms_: tuple[Term, ...], names: _Names, params: dict[str, Any]) -> str:
    """The MATCH text of `_fts_any(terms_)` as an SQL expression, each prefix word expanded."""
    parts: list[str] = []

    def literal(value: str) -> None:
        name = names("fts_lit")
        params[name] = value
        parts.append(f":{name}")

    for i, term in enumerate(terms_):
        if len(terms_) > 1:
            literal(" OR (" if i else "(")
        if term.phrase:
            literal(fts_term(term))
        else:
            for j, word in enumerate(term.words):
                if j:
                    literal(" AND ")
                parts.append(_expanded(word, names, params))
        if len(terms_) > 1:
            literal(")")
    return " || ".join(parts)


def _word_walk_match(word: str, names: _Names) -> ColumnElement[bool]:
    """The walk form of one prefix word: a correlated EXISTS that seeks the ticket's rowid range in one
    index term at a time, in term order (the word itself first, and it is most often the one found), and
    stops at the first found. The terms OR-ed in one MATCH made FTS5 seek in every term's list for each
    ticket: 41 ms against 2 ms for a page of "the" on 100k tickets (its five terms). Past MAX_EXPANSION
    terms (or none) the prefix query itself, as `_expanded`."""
    literal, low, high = names("fts_lit"), names("fts_lo"), names("fts_hi")
    lowered = word.lower()
    params = {literal: f'"{word}"*', low: lowered, high: lowered[:-1] + chr(ord(lowered[-1]) + 1)}
    terms_sql = f"SELECT term FROM search_term WHERE term >= :{low} AND term < :{high}"
    expanded = f"(SELECT count(*) FROM ({terms_sql} LIMIT {MAX_EXPANSION + 1})) BETWEEN 1 AND {MAX_EXPANSION}"
    queries = (f"SELECT '\"' || term || '\"' AS q FROM ({terms_sql} LIMIT {MAX_EXPANSION}) WHERE {expanded} "
               f"UNION ALL SELECT :{literal} WHERE NOT {expanded}")
    return exists(select(literal_column("1")).select_from(
        text(f"({queries}) AS fts_q, ticket_fts").bindparams(**params)).where(text(
            "ticket_fts MATCH fts_q.q "
            f"AND ticket_fts.rowid BETWEEN ticket.row_id << 32 AND (ticket.row_id << 32) + {PIECES}")))


def _walk_match(terms_: tuple[Term, ...], names: _Names) -> ColumnElement[bool]:
    """A correlated EXISTS: does a piece of this ticket match? FTS5 seeks the ticket's rowid range."""
    if len(terms_) == 1 and not terms_[0].phrase and len(terms_[0].words) == 1 and terms_[0].words[0].isascii():
        return _word_walk_match(terms_[0].words[0], names)
    params: dict[str, str] = {}
    expression = _match_expression(terms_, names, params)
    return exists(select(literal_column("1")).select_from(text("ticket_fts")).where(text(
        f"ticket_fts MATCH {expression} "
        f"AND ticket_fts.rowid BETWEEN ticket.row_id << 32 AND (ticket.row_id << 32) + {PIECES}"
    ).bindparams(**params)))


def _distinct_tickets(terms_: tuple[Term, ...]):
    """How many tickets have a piece one of the terms matches: one pass over the matching pieces, and
    a ticket number's ranges of the number index."""
    names = _Names()
    if _number_words(terms_):
        found = _matching(terms_, names)
        return select(func.count()).select_from(union(*found.selects).subquery())
    return _pieces(terms_, names).with_only_columns(func.count(literal_column("rowid >> 32").distinct()))


def text_match_estimate(session: Session, user_text: str, cap: int) -> tuple[int, bool] | None:
    """How many tickets the text alone matches, read only up to `cap` (a plan's estimate: a common word
    costs no more than a rare one); with whether the number is the exact count. It is the smallest
    group's count, so an upper bound when the text has several groups or excluded terms; an excluded word
    with a tickets-without list bounds it too ("vpn -the" matches no more tickets than lack "the"). None
    when no group is searched (excluded terms only) or the text is empty."""
    parsed = parse(user_text)
    if not parsed.groups:
        return None
    best = cap
    for word in _split_excluded(parsed, absent_lists(session))[0]:
        best = min(best, session.scalar(select(func.count()).select_from(
            select(_ABSENT.c.row_id).where(_ABSENT.c.prefix == word).limit(best).subquery())) or 0)
    for group in parsed.groups:
        # `*`: the piece query's one column is the expression `rowid >> 32`, which an outer query cannot name.
        first = select(literal_column("*")).select_from(_matching(group, _Names()).subquery()).distinct() \
            .limit(cap).subquery()
        best = min(best, session.scalar(select(func.count()).select_from(first)) or 0)
    exact = best < cap and len(parsed.groups) == 1 and not parsed.excluded
    return best, exact


def fts_match_count(session: Session, user_text: str) -> int | None:
    """How many tickets the text alone matches, answered by the full-text index and (for numbers) the
    number index; None when the text is empty."""
    parsed = parse(user_text)
    if parsed.is_empty:
        return None
    lists = absent_lists(session)
    listed, excluded = _split_excluded(parsed, lists)
    if not parsed.groups and not listed:  # all tickets but those an excluded term matches
        left_out = session.scalar(_distinct_tickets(parsed.excluded)) or 0
        return (session.scalar(select(func.count()).select_from(Ticket)) or 0) - left_out
    if len(parsed.groups) == 1 and not parsed.excluded:
        return session.scalar(_distinct_tickets(parsed.groups[0]))
    if any(_number_words(terms_) for terms_ in (*parsed.groups, excluded)):
        return session.scalar(select(func.count()).select_from(Ticket).where(
            search_clause(user_text, has_fts=True, lists=lists)))
    # One flat compound (SQLite nests none): the groups' tickets and the listed words' lists intersected,
    # the other excluded terms' tickets taken out.
    names, params = _Names(), dict[str, str]()

    def pieces(terms_: tuple[Term, ...]) -> str:
        return f"SELECT rowid >> 32 FROM ticket_fts WHERE ticket_fts MATCH {_match_expression(terms_, names, params)}"

    def absent(word: str) -> str:
        name = names("absent")
        params[name] = word
        return f"SELECT row_id FROM search_term_absent WHERE prefix = :{name}"

    sql = " INTERSECT ".join([*(pieces(g) for g in parsed.groups), *(absent(w) for w in listed)])
    if excluded:
        sql += " EXCEPT " + pieces(excluded)
    return session.scalar(text(f"SELECT count(*) FROM ({sql})").bindparams(**params))


@dataclass(frozen=True)
class IdList:
    """One statement whose single row is the comma-separated row ids of a set of tickets (a ticket possibly more
    than once), read from the full-text index or a tickets-without list alone; `keep` False: the tickets the
    text must not match."""

    sql: str
    params: dict[str, str]
    keep: bool = True


def match_id_lists(session: Session, user_text: str, *, excluded_alone: bool = False) -> list[IdList] | None:
    """The text's matches as id lists to intersect (and take out): each group's tickets, each listed excluded
    word's list, the other excluded terms' tickets. Each is one read of the index that SQLite answers without
    sorting, where an INTERSECT of two common words' tickets sorted both (250 ms for "password reset" on a
    million tickets, against ~60 ms for the two lists). None when it has a number word (numbers are also found
    by their own index), or requires no word and not `excluded_alone` (then every list may be one to take out)."""
    parsed = parse(user_text)
    listed, excluded = _split_excluded(parsed, absent_lists(session))
    if not (parsed.groups or excluded_alone) or any(_number_words(t) for t in (*parsed.groups, excluded)):
        return None
    names = _Names()

    def pieces(terms_: tuple[Term, ...], keep: bool) -> IdList:
        params: dict[str, str] = {}
        expression = _match_expression(terms_, names, params)
        return IdList(f"SELECT group_concat(rowid >> 32) FROM ticket_fts WHERE ticket_fts MATCH {expression}",
                      params, keep)

    lists = [pieces(g, True) for g in parsed.groups]
    lists += [IdList("SELECT group_concat(row_id) FROM search_term_absent WHERE prefix = :absent", {"absent": w})
              for w in listed]
    return lists + ([pieces(excluded, False)] if excluded else [])


# piece_density counts the sample in this many slices of row ids and takes the median slice: one ticket with
# thousands of notes among the newest (a long mail thread) counted 874 pieces of "user" in the newest 2,000 tickets
# of the 1M demo store where the slices around it held 324, and the walks then sought every ticket of a window
# that one range read would have tested at a third of the cost.
DENSITY_SLICES = 8


def piece_density(session: Session, user_text: str, sample: int = 2000) -> float:
    """How many pieces the index lists, per ticket, for the text's terms (each group's and the excluded
    ones', summed): what `window_matches` reads per ticket of the range it spans. Counted over the
    newest `sample` tickets, which costs the pieces there (a few thousand for "the"), in DENSITY_SLICES slices
    of row ids: the median slice's, so that a few tickets with thousands of notes do not stand for all."""
    parsed = parse(user_text)
    excluded = _split_excluded(parsed, absent_lists(session))[1]  # a listed word reads its list, not pieces
    high = session.scalar(select(func.max(Ticket.row_id))) or 0
    low = max(0, high - sample)
    span = high - low + 1
    width = -(-span // min(DENSITY_SLICES, span))  # row ids per slice, rounded up
    count = -(-span // width)
    names = _Names()
    per_slice = [0] * count
    for terms_ in (*parsed.groups, *((excluded,) if excluded else ())):
        params: dict[str, Any] = {"range_lo": low, "range_hi": high, "width": width}
        expression = _match_expression(terms_, names, params)
        for part, pieces in session.execute(text(
                f"SELECT ((rowid >> 32) - :range_lo) / :width, count(*) FROM ticket_fts "
                f"WHERE ticket_fts MATCH {expression} "
                f"AND rowid BETWEEN :range_lo << 32 AND (:range_hi << 32) + {PIECES} GROUP BY 1").bindparams(**params)):
            per_slice[min(int(part), count - 1)] += pieces
    slices = sorted(per_slice)
    return (slices[(count - 1) // 2] + slices[count // 2]) / 2 / width


def sampled_share(session: Session, user_text: str, sample: int = 1000) -> float:
    """The share of the newest `sample` tickets the text matches (a plan's cheap estimate: it costs the
    text's pieces among them, where counting "the" up to 10,000 tickets read ~27,000 pieces)."""
    high = session.scalar(select(func.max(Ticket.row_id))) or 0
    ids = list(range(max(1, high - sample + 1), high + 1))
    return len(window_matches(session, user_text, ids)) / max(1, len(ids))


def window_matches(session: Session, user_text: str, row_ids: list[int]) -> set[int]:
    """Which of these tickets the text matches, the same as `search_clause` says of each, in one statement
    that reads the full-text index over the row id range they span. The index lists each term's pieces in
    rowid order, so that costs the pieces of the terms in the range, where a seek per ticket cost 10 to
    300 us. For row ids close together (a window of a sort that follows the row id: updated, created)."""
    parsed = parse(user_text)
    if parsed.is_empty or not row_ids:
        return set(row_ids)
    names = _Names()
    params: dict[str, Any] = {"window": json.dumps(row_ids), "range_lo": min(row_ids), "range_hi": max(row_ids)}

    def matching(terms_: tuple[Term, ...]) -> str:
        expression = _match_expression(terms_, names, params)
        found = [f"value IN (SELECT rowid >> 32 FROM ticket_fts WHERE ticket_fts MATCH {expression} "
                 f"AND rowid BETWEEN :range_lo << 32 AND (:range_hi << 32) + {PIECES})"]
        for start, end in [r for w in _number_words(terms_) for r in number_ranges(w)]:
            low, high = names("number_lo"), names("number_hi")
            params.update({low: start, high: end})
            found.append(f"value IN (SELECT row_id FROM ticket WHERE number >= :{low} AND number < :{high} "
                         "AND row_id BETWEEN :range_lo AND :range_hi)")
        return "(" + " OR ".join(found) + ")"

    listed, excluded = _split_excluded(parsed, absent_lists(session))
    tests = [matching(g) for g in parsed.groups]
    for word in listed:
        name = names("absent")
        params[name] = word
        tests.append(f"value IN (SELECT row_id FROM search_term_absent WHERE prefix = :{name} "
                     "AND row_id BETWEEN :range_lo AND :range_hi)")
    if excluded:
        tests.append(f"NOT {matching(excluded)}")
    sql = f"SELECT value FROM json_each(:window) WHERE {' AND '.join(tests)}"
    return set(session.scalars(text(sql).bindparams(**params)))


def walkable(user_text: str) -> bool:
    """Whether the walk form suits the text as far as its words go: each word a group searches is a
    phrase word or has three characters or more. A shorter prefix ("t", "pr") stands for so many index
    terms that a seek per visited ticket costs more than reading the matches once (the lookup form)."""
    parsed = parse(user_text)
    return bool(parsed.groups) and all(
        term.phrase or all(len(w) >= 3 for w in term.words) for g in parsed.groups for term in g)


def search_clause(user_text: str, *, has_fts: bool, walk_sort_index: bool = False,
                  lists: frozenset[str] = frozenset()) -> ColumnElement[bool] | None:
    """A WHERE clause on Ticket for the text, or None when nothing in it is searchable.

    Every group must match in some piece of the ticket (its header or one worklog entry), a phrase
    within one piece; no piece may match an excluded term. A word that is a ticket number also
    matches numbers by their index (`number_ranges`). Two forms: the lookup form, `row_id IN (the
    tickets of the matching pieces)` per group, fast when few match; and with `walk_sort_index` a
    correlated EXISTS per group that FTS5 answers by a seek in the ticket's rowid range, so the outer
    query walks the sort column's index and stops at the LIMIT: the form for many matches.
    Excluded terms are `row_id NOT IN (matches)` in the lookup form (their matches read once), and a
    correlated NOT EXISTS per ticket in the walk form (a page of tickets without a common word is found
    long before all of that word's matches are read). An excluded word with a tickets-without list in
    `lists` (absent_lists) is that list instead: read once, or probed per ticket in the walk form; in the walk
    form a required group of one such word is a probe of its list too (the ticket must not be on it).
    """
    parsed = parse(user_text)
    if parsed.is_empty:
        return None
    clauses: list[ColumnElement[bool]] = []
    if has_fts:
        names = _Names()
        for group in parsed.groups:
            required = _listed(group[0], lists) if walk_sort_index and len(group) == 1 else None
            if required is not None:
                # A word in most tickets, alone in its group: the ticket is not on its tickets-without list, a probe
                # of the list's key (~1 us), where FTS5 sought the word's long list in the ticket's range: 60-90 us
                # a ticket for "the" on the 1M demo store, ~25 ms for a window of 256.
                clauses.append(not_(_absent_clause([required], probe=True)[0]))
                continue
            if walk_sort_index:
                by_number = _number_clause(Ticket.number, _number_words(group))
                match = _walk_match(group, names)
                clauses.append(match if by_number is None else or_(match, by_number))
            else:
                clauses.append(Ticket.row_id.in_(_matching(group, names)))
        listed, excluded = _split_excluded(parsed, lists)
        clauses.extend(_absent_clause(listed, probe=walk_sort_index))
        if excluded and walk_sort_index:
            by_number = _number_clause(Ticket.number, _number_words(excluded))
            match = _walk_match(excluded, names)
            clauses.append(not_(match if by_number is None else or_(match, by_number)))
        elif excluded:
            clauses.append(Ticket.row_id.not_in(_matching(excluded, names)))
    else:
        for group in parsed.groups:
            by_number = _number_clause(Ticket.number, _number_words(group))
            clauses.append(or_(*[_like_term(t) for t in group], *([by_number] if by_number is not None else [])))
        if parsed.excluded:
            by_number = _number_clause(Ticket.number, _number_words(parsed.excluded))
            left_out = or_(*[_like_term(t) for t in parsed.excluded])
            clauses.append(not_(left_out if by_number is None else or_(left_out, by_number)))
    return and_(*clauses)
