"""The queue: filters, sort, exact count, ordered ids and pages of rows, all done in SQL on indexes."""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
from math import isqrt
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from app.models import Category, Group, Person, Service, SyncConflict, Ticket, TicketSla
from app.records.queue_sql import ME, MY_GROUPS, UNASSIGNED, owner_clauses
from app.tickets import id_sets, search_walks, title_places
from app.tickets.queue_conditions import condition_clause, valid_pair
from app.tickets.records import QueueRow
from app.tickets.search import (
    absent_lists,
    fts_match_count,
    lists_only,
    on_absent_list,
    piece_density,
    required_listed_word,
    sampled_share,
    search_clause,
    text_match_estimate,
    walkable,
    without_word,
)
from app.tickets.search_syntax import parse
from core.schema import utcnow
from core.tickets.workflow import state_label

if TYPE_CHECKING:
    import numpy as np

MAX_DAYS = 36_500  # "updated within" beyond a century means any time
# The full id list's subquery: its name tells the read apart (bench.worst_bench), its LIMIT keeps its ORDER BY (SQLite
# may drop the order of a FROM subquery without one, and group_concat keeps the order its rows come in).
ALL_IDS, ALL_ROWS = "all_ids", 1 << 62

# Sort keys the queue offers, with the ticket columns they order by, then the row id (the tiebreak). Each
# has an index in exactly that order (app.models.ticket; names and SLA due are copies kept by triggers,
# migration 0012), so a first page walks the index and stops at its LIMIT.
SORTS: dict[str, tuple[InstrumentedAttribute[Any], ...]] = {
    "number": (Ticket.number,), "type": (Ticket.type,), "title": (Ticket.title,), "state": (Ticket.state,),
    "priority": (Ticket.priority,), "updated_at": (Ticket.updated_at,), "created_at": (Ticket.created_at,),
    "channel": (Ticket.channel,),
    "group": (Ticket.group_name,), "assignee": (Ticket.assignee_name,), "requester": (Ticket.requester_name,),
    # Due time of the SLA clock due first; tickets without a running clock sort after every due time.
    "sla_due": (Ticket.sla_due,),
}
SLA_DUE_SORT = "sla_due"
NAME_SORTS = ("group", "assignee", "requester")
TITLE_SORT = "title"
SEARCHED_SORTS = frozenset({TITLE_SORT})  # sort keys the full-text index holds too (a ticket's header piece)
# Sorts whose (is_open, key) index serves the open/closed filter and the order together.
OPEN_INDEXED_SORTS = frozenset({"updated_at", "created_at", "priority"})


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows. Empty tuples mean 'any'. `open_only` None means open and closed."""

    types: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    group_ids: tuple[str, ...] = ()  # may hold MY_GROUPS
    assignee_ids: tuple[str, ...] = ()  # may hold ME or UNASSIGNED
    open_only: bool | None = None
    updated_within_days: int | None = None
    text: str = ""
    # Named conditions owned by other features, e.g. ("sla", "breaching:240") or ("kpi", "<bucket>");
    # see app.tickets.queue_conditions.
    conditions: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> QueueFilter:
        """A filter from saved JSON. A value of the wrong type means 'any': a view written by another
        version or damaged on disk must give a filter the queue can run, not an error later."""
        data = data if isinstance(data, dict) else {}

        def items(key: str, kind: type) -> tuple:
            value = data.get(key)
            if not isinstance(value, (list, tuple)):
                return ()
            return tuple(v for v in value if isinstance(v, kind) and not isinstance(v, bool))

        open_only = data.get("open_only")
        days = data.get("updated_within_days")
        text = data.get("text")
        return cls(types=items("types", str), states=items("states", str), priorities=items("priorities", int),
                   group_ids=items("group_ids", str), assignee_ids=items("assignee_ids", str),
                   open_only=open_only if isinstance(open_only, bool) else None,
                   updated_within_days=days if type(days) is int and 0 < days <= MAX_DAYS else None,
                   text=text if isinstance(text, str) else "",
                   conditions=tuple(tuple(c) for c in data.get("conditions") or () if valid_pair(c))
                   if isinstance(data.get("conditions"), (list, tuple)) else ())

    def with_text(self, text: str) -> QueueFilter:
        return replace(self, text=text)


@dataclass(frozen=True)
class QueueSort:
    key: str = "updated_at"
    descending: bool = True


@dataclass(frozen=True)
class BuiltinView:
    key: str
    name: str
    filter: QueueFilter
    sort: QueueSort = field(default_factory=QueueSort)


BUILTIN_VIEWS = (
    BuiltinView("my_open", "My open tickets", QueueFilter(assignee_ids=(ME,), open_only=True)),
    BuiltinView("group_unassigned", "My group's unassigned",
                QueueFilter(group_ids=(MY_GROUPS,), assignee_ids=(UNASSIGNED,), open_only=True),
                QueueSort("priority", False)),
    BuiltinView("all_open", "All open", QueueFilter(open_only=True)),
    BuiltinView("recently_updated", "Recently updated", QueueFilter(updated_within_days=7)),
    BuiltinView("all", "All tickets", QueueFilter()),
    # Problems in the queue too (issue 13), walked on ix_ticket_type_open; the Problems page (Ctrl+6) edits them.
    BuiltinView("open_problems", "Open problems", QueueFilter(types=("problem",), open_only=True)),
    # The queue page puts the sla_warning_hours setting into the condition (sla_queue.breaching_value).
    BuiltinView("breaching_soon", "Breaching soon", QueueFilter(open_only=True, conditions=(("sla", "breaching:240"),)),
                QueueSort(SLA_DUE_SORT, False)),
)


# A first page either reads the filter's matches by its index and sorts them, or walks the sort index
# and stops at the LIMIT, testing each row. Walking costs about limit * tickets / matches rows, sorting
# about `matches`: they break even near sqrt(limit * tickets) matches, which the plan estimates first
# (the full-text index's count, and the filter's matches counted up to that many).
WALK_INDEX_FROM = 2000
# A text the newest tickets show in this many times the break-even or more is not counted for the plan.
COMMON_TIMES_CAP = 2


def where_clauses(session: Session, flt: QueueFilter, *, me: str | None, has_fts: bool,
                  walk_sort_index: bool = False, with_text: bool = True) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if flt.types:
        clauses.append(Ticket.type.in_(flt.types))
    if flt.states:
        clauses.append(Ticket.state.in_(flt.states))
    if flt.priorities:
        clauses.append(Ticket.priority.in_(flt.priorities))
    if flt.open_only is not None:
        clauses.append(Ticket.is_open.is_(flt.open_only))
    clauses.extend(owner_clauses(session, group_column=Ticket.group_id, assignee_column=Ticket.assignee_id,
                                 group_ids=flt.group_ids, assignee_ids=flt.assignee_ids, me=me))
    if flt.updated_within_days:
        # Clamped: a huge count would overflow the date arithmetic instead of meaning "any time".
        days = min(flt.updated_within_days, MAX_DAYS)
        clauses.append(Ticket.updated_at >= utcnow() - timedelta(days=days))
    for kind, value in flt.conditions:
        clauses.append(condition_clause(session, kind, value, me=me))
    text_clause = search_clause(flt.text, has_fts=has_fts, walk_sort_index=walk_sort_index,
                                lists=_lists(session, flt, has_fts)) if with_text else None
    if text_clause is not None:
        clauses.append(text_clause)
    return clauses


def _lists(session: Session, flt: QueueFilter, has_fts: bool) -> frozenset[str]:
    """The store's tickets-without lists (app.tickets.search.absent_lists) when the text may use one: an excluded
    word, or (in the walk form) a group of one word."""
    parsed = parse(flt.text)
    usable = parsed.excluded or any(len(group) == 1 for group in parsed.groups)
    return absent_lists(session) if has_fts and usable else frozenset()


def _unindexed(expr: ColumnElement[Any]) -> ColumnElement[Any]:
    """`+(expr)`: the same value, but SQLite will not use an index for it (nor order by one)."""
    return UnaryExpression(expr.self_group(), operator=custom_op("+"), type_=expr.type)


def _ordered(stmt: Select, sort: QueueSort, *, by_index: bool = True) -> Select:
    """`stmt` in the sort's order, the row id breaking ties; `by_index` False makes SQLite sort the rows
    it found instead of reading them in the sort index's order."""
    columns: tuple[Any, ...] = (*SORTS.get(sort.key, SORTS["updated_at"]), Ticket.row_id)
    if not by_index:
        columns = tuple(_unindexed(c) for c in columns)
    return stmt.order_by(*[c.desc() if sort.descending else c for c in columns])


@dataclass(frozen=True)
class Plan:
    """How a first page is read. `walk`: the sort index is walked to the LIMIT with every filter tested per
    row; otherwise the filter's (or the text's) index finds the matches and they are sorted. `text_drives`:
    the full-text matches are the rows read. `count`: the exact count when the estimate found it;
    `text_matches`: the full-text index's count of the text, when it was read (the count reuses it)."""

    walk: bool
    text_drives: bool = False
    count: int | None = None
    text_matches: int | None = None


def _capped_count(session: Session, clauses: list[ColumnElement[bool]], cap: int) -> int:
    """How many tickets match, counted up to `cap` (reading at most that many through the filter's index)."""
    inner = select(literal(1)).select_from(Ticket).where(and_(True, *clauses)).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def _walk_holds_open_state(sort: QueueSort, flt: QueueFilter) -> bool:
    """Whether the index a walk reads for this sort holds only the tickets of the filter's open state:
    the partial WHERE is_open indexes for open only, an (is_open, key) index for either."""
    return flt.open_only is True or (flt.open_only is False and sort.key in OPEN_INDEXED_SORTS)


def plan_first_page(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
                    limit: int) -> Plan:
    """Choose how to read the first `limit` rows of `flt` (see WALK_INDEX_FROM) from two cheap estimates:
    the full-text index's count of the text, and the filter's matches counted up to the break-even. The
    open/closed test alone never makes the walk slower (the walked index holds only those tickets)."""
    tickets = session.scalar(select(func.max(Ticket.row_id))) or 0
    cap = max(WALK_INDEX_FROM, isqrt(limit * tickets))
    searched = search_clause(flt.text, has_fts=has_fts) is not None
    # The text's matches counted only up to the cap: "the" on a million tickets costs what a rare word does;
    # and not at all when the newest tickets show the text in many more than the cap (the walk is sure).
    common = (has_fts and searched and walkable(flt.text)
              and sampled_share(session, flt.text) * tickets >= COMMON_TIMES_CAP * cap)
    estimate = text_match_estimate(session, flt.text, cap) if has_fts and searched and not common else None
    text_matches = estimate[0] if estimate is not None and estimate[1] else None
    text_only = replace(flt, text="") == QueueFilter()
    if estimate is not None and (estimate[0] < cap or not walkable(flt.text)):
        # Few matches: read them and sort. A prefix of one or two letters stands for so many index terms
        # that a seek per walked ticket costs more than reading its matches once.
        return Plan(walk=False, text_drives=True, count=text_matches if text_only else None,
                    text_matches=text_matches)
    filtered = replace(flt, text="") != QueueFilter()
    narrowing = replace(flt, text="", open_only=None) != QueueFilter() or (
        filtered and not _walk_holds_open_state(sort, flt))
    if narrowing:
        matches = _capped_count(session, where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False), cap)
        if matches < cap:
            return Plan(walk=False, count=None if searched else matches, text_matches=text_matches)
    if searched and not has_fts:
        # Without FTS5 the text's own clause is the narrowest read known; a walk would test every ticket
        # against it. (With FTS5, excluded terms alone walk: their matches are read once, then skipped.)
        return Plan(walk=False, text_drives=True)
    return Plan(walk=True, text_matches=text_matches)


def _first_page_ids(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
                    limit: int) -> tuple[array, Plan]:
    """The first `limit` row ids in order, and the plan that read them."""
    plan = plan_first_page(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit)
    if plan.text_drives:
        return _sorted_text_matches(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit), plan
    if not plan.walk:
        clauses = where_clauses(session, flt, me=me, has_fts=has_fts, walk_sort_index=True)
        stmt = select(Ticket.row_id).where(and_(True, *clauses))
        return array("q", session.scalars(_ordered(stmt, sort, by_index=False).limit(limit))), plan
    # Every test per row (+), except the open/closed one when the walked index holds it: an (is_open,
    # key) index takes it as is; the partial WHERE is_open indexes are named by the bare column. When it does not
    # (closed tickets by a name, a state or a due time), a search's walks skip the open tickets read as a set
    # (search_walks.open_mask); the SQL walks test it per row.
    open_test = Ticket.is_open.is_(flt.open_only)
    kept: list[ColumnElement[bool]] = []
    held = _walk_holds_open_state(sort, flt)
    if held:
        kept = [open_test] if sort.key in OPEN_INDEXED_SORTS else [literal_column("ticket.is_open")]
    # A partial index's rows need no test either: `+(is_open IS 1)` read each walked ticket's row (~1 us).
    filters = [c for c in where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False)
               if not (held and c.compare(open_test))]
    lists = _lists(session, flt, has_fts)
    text_clause = search_clause(flt.text, has_fts=has_fts, walk_sort_index=True, lists=lists)
    stmt = select(Ticket.row_id).where(and_(True, *kept, *([_unindexed(and_(*filters))] if filters else [])))
    if text_clause is None:
        return array("q", session.scalars(_ordered(stmt, sort).limit(limit))), plan
    listed_only = lists_only(flt.text, lists)
    density = piece_density(session, flt.text) if has_fts and not listed_only else 0.0
    tickets = session.scalar(select(func.max(Ticket.row_id))) or 0
    pieces = density * tickets

    def against_all_matches() -> array:
        # SQLite reads the text's matches once into a set and walks the sort index testing each ticket
        # against it (the `+` keeps it from reading the matches and sorting them).
        lookup = search_clause(flt.text, has_fts=has_fts, lists=lists)
        assert lookup is not None  # the text had a clause in the walk form
        return array("q", session.scalars(_ordered(stmt.where(_unindexed(lookup)), sort).limit(limit)))

    def in_order(ids: np.ndarray, n: int) -> array:
        # The first n of these tickets that pass the filters, sorted by SQL: their rows read by row id, every
        # test on each (+), so that no index of the filter drives the read.
        chosen = func.json_each(bindparam("chosen", json.dumps(ids.tolist()))).table_valued("value")
        tests = [*filters, *([open_test] if flt.open_only is not None else [])]
        rows = select(Ticket.row_id).where(Ticket.row_id.in_(select(chosen.c.value)),
                                           *([_unindexed(and_(*tests))] if tests else []))
        return array("q", session.scalars(_ordered(rows, sort, by_index=False).limit(n)))

    walked, skip = stmt, None
    if flt.open_only is False and not held:
        skip = search_walks.open_mask(session, tickets=tickets)
        if skip is not None:  # the open tickets skipped in numpy, not tested per walked row
            others = [c for c in filters if not c.compare(open_test)]
            walked = select(Ticket.row_id).where(and_(True, *kept, *([_unindexed(and_(*others))] if others else [])))
    span = None
    if flt.open_only is True:  # the open tickets' row ids, read on their index
        low, high = session.execute(select(func.min(Ticket.row_id), func.max(Ticket.row_id)).where(
            Ticket.is_open.is_(True))).one()
        span = (high or 0) - (low or 0) + 1
    # The set of the text's matches is not taken for a sort by searched text (the title): its order meets the
    # matches in clusters, which the titles' places answer.
    spec = search_walks.WalkSpec(_ordered(walked, sort), flt.text if has_fts else None, text_clause, skip, limit,
                                 density, tickets, in_order, sets=has_fts and sort.key not in SEARCHED_SORTS,
                                 span=span)
    if listed_only:
        # Excluded words with lists only ("-the"): their lists read as a set (~0.1 us an id; 18,357 for "the", the
        # longest ~240,000), where SQLite walked the sort index probing the lists per ticket (~1 us each, with the
        # closed test ~1.5 us): closed tickets without "the" by requester walked ~100,000 rows, 155 ms. Not for the
        # open tickets (a few thousand: SQLite walks them all in ~5 ms).
        found = None if span is not None else search_walks.walk_in_windows(
            session, replace(spec, set_first=True), search_walks.WALK_BUDGET_MS)
        if found is not None:
            return found, plan
        return array("q", session.scalars(_ordered(stmt.where(text_clause), sort).limit(limit))), plan
    groups = has_fts and bool(parse(flt.text).groups)
    by_places = groups and sort.key == TITLE_SORT
    # The places first unless the walk's first window of seeks should fill the page (a word in most tickets).
    places_first = by_places and pieces <= search_walks.PLACES_PIECES_MAX and (
        sampled_share(session, flt.text) * search_walks.WINDOW_FIRST < limit)
    placed = _by_title_places(session, flt, sort, limit) if places_first else None
    if placed is not None:
        return placed, plan
    if groups and pieces <= search_walks.SET_PIECES_MAX and spec.sets:
        # Few pieces: the set of the matches at once (None when a number word keeps it from being read so).
        found = search_walks.walk_in_windows(session, replace(spec, set_first=True), search_walks.WALK_BUDGET_MS)
        if found is not None:
            return found, plan
    if groups and pieces <= search_walks.SORT_PIECES_MAX:
        # So few pieces that reading the matches and sorting them is cheap whatever the order; a walk's
        # length depends on where the matches lie along it (a phrase whose tickets' titles all start with it).
        return _sorted_text_matches(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit), plan
    if has_fts and pieces <= search_walks.SET_PIECES_MAX:
        return against_all_matches(), plan
    to_set = groups and pieces <= search_walks.SET_FALLBACK_PIECES
    budget = search_walks.WALK_BUDGET_MS
    if to_set:
        # A sort key the full-text index holds too (the title) meets the matches in clusters (the titles that start
        # with the words): windows that found too few soon will not find more before the walk against all does.
        budget = (search_walks.WALK_BUDGET_SEARCHED_SORT_MS if sort.key in SEARCHED_SORTS
                  else search_walks.WALK_BUDGET_BEFORE_SET_MS)
    found = search_walks.walk_in_windows(session, spec, budget)
    placed = _by_title_places(session, flt, sort, limit) if found is None and to_set and by_places else None
    if placed is not None:
        return placed, plan
    if found is None and to_set:
        # The windows gave up (the matches lie further along this order than their number says, as in a
        # title sort for words titles start with): all the matches once costs ~0.3 us a piece, where
        # sorting them cost ~650 ms for "password reset" by title on a million tickets.
        return against_all_matches(), plan
    if found is None and not parse(flt.text).groups:
        # Excluded words only, and most tickets have them: read their matches once and skip them
        # (no sort of the rest would be cheaper).
        excluded = search_clause(flt.text, has_fts=has_fts, lists=lists)
        assert excluded is not None  # the text had a clause in the walk form
        rest = stmt.where(excluded)
        return array("q", session.scalars(_ordered(rest, sort).limit(limit))), plan
    if found is None:
        # The text's matches lie further along this order than their number says (a sort that
        # correlates with the words, as titles do): read them and sort instead of walking on.
        return _sorted_text_matches(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit), plan
    return found, plan


def _by_title_places(session: Session, flt: QueueFilter, sort: QueueSort, limit: int) -> array | None:
    """The first page by title from the places kept in memory (app.tickets.title_places): the candidates they name,
    ordered by their titles here. None when they are not current, or the filter has more than a text and the open
    state (the other filters' tickets are not read as a set: a filter that narrows is read by its own index)."""
    if replace(flt, text="", open_only=None) != QueueFilter():
        return None
    candidates = title_places.first_candidates(session, flt.text, descending=sort.descending, limit=limit,
                                               open_only=flt.open_only)
    if candidates is None:
        return None
    stmt = select(Ticket.row_id).where(Ticket.row_id.in_(candidates))
    return array("q", session.scalars(_ordered(stmt, sort, by_index=False).limit(limit)))


def _sorted_text_matches(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
                         limit: int) -> array:
    """The first `limit` ids of the text's matches that pass the other filters, sorted."""
    # The full-text matches are the rows read; the other tests run on each (SQLite would rather read the
    # open/closed index, which it cannot tell holds nearly every ticket).
    text_clause = search_clause(flt.text, has_fts=has_fts, lists=_lists(session, flt, has_fts))
    rest = where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False)
    stmt = select(Ticket.row_id).where(and_(True, *([text_clause] if text_clause is not None else []),
                                            *([_unindexed(and_(*rest))] if rest else [])))
    return array("q", session.scalars(_ordered(stmt, sort, by_index=False).limit(limit)))


# A searched count with other filters: a text in this many tickets or more is not counted in full when
# the filter holds fewer; the filter's matches are read and the text tested on each (a common word is
# found by the first seek). Counting "the" in full costs ~1 s on a million tickets.
COUNT_BY_FILTER_BELOW = 10_000


def count_tickets(session: Session, *, flt: QueueFilter, me: str | None, has_fts: bool) -> int:
    """How many tickets match. A search with other filters reads whichever side matches fewer tickets
    (each side's count read only up to the other's, or COUNT_BY_FILTER_BELOW) and tests the other per row."""
    listed = required_listed_word(session, flt.text) if has_fts and flt.text else None
    if listed is not None:
        # A word in most tickets ("the": ~2.7 pieces a ticket): the filter's tickets less those on its
        # tickets-without list (1.4-1.8 s for closed tickets with "the" on a million, counted per ticket). The
        # smaller side is read: the list, or the filter's tickets each looked up on the list.
        filters = where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False)
        every = session.scalar(select(func.count()).select_from(Ticket).where(and_(True, *filters))) or 0
        on_list = session.scalar(select(func.count()).select_from(without_word(listed).subquery())) or 0
        if not filters or on_list <= every:
            left_out = select(func.count()).select_from(Ticket).where(
                Ticket.row_id.in_(without_word(listed)), *([_unindexed(and_(*filters))] if filters else []))
        else:
            left_out = select(func.count()).select_from(Ticket).where(
                and_(True, *filters), on_absent_list(listed))
        return every - (session.scalar(left_out) or 0)
    if has_fts and flt.text and flt.open_only is not None and replace(flt, text="", open_only=None) == QueueFilter():
        # A text and the open state alone: the text's matches and the open tickets read as sets (app.tickets.
        # id_sets). Counted per match, "user" with the closed tickets took 650 ms on a million (320,000 matches).
        found = id_sets.matching_ids(session, flt.text, open_only=flt.open_only)
        if found is not None:
            return len(found)
    if has_fts and flt.text and replace(flt, text="") != QueueFilter():
        estimate = text_match_estimate(session, flt.text, COUNT_BY_FILTER_BELOW)
        if estimate is not None and estimate[0] >= COUNT_BY_FILTER_BELOW:
            filters = where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False)
            if _capped_count(session, filters, COUNT_BY_FILTER_BELOW) < COUNT_BY_FILTER_BELOW:
                clauses = where_clauses(session, flt, me=me, has_fts=has_fts, walk_sort_index=True)
                return session.scalar(select(func.count()).select_from(Ticket).where(and_(True, *clauses))) or 0
    return _count(session, flt=flt, me=me, has_fts=has_fts,
                  text_matches=fts_match_count(session, flt.text) if has_fts and flt.text else None)


def _count(session: Session, *, flt: QueueFilter, me: str | None, has_fts: bool, text_matches: int | None) -> int:
    if text_matches is None:  # no text, a bare number, or no full-text index
        clauses = where_clauses(session, flt, me=me, has_fts=has_fts)
    elif replace(flt, text="") == QueueFilter():
        return text_matches  # text alone: the index knows the count
    else:
        filters = where_clauses(session, flt, me=me, has_fts=has_fts, with_text=False)
        if _capped_count(session, filters, text_matches + 1) <= text_matches:
            clauses = [*filters, *where_clauses(session, QueueFilter(text=flt.text), me=me, has_fts=has_fts,
                                                walk_sort_index=True)]
        else:
            clauses = [*where_clauses(session, QueueFilter(text=flt.text), me=me, has_fts=has_fts),
                       _unindexed(and_(*filters))]
    return session.scalar(select(func.count()).select_from(Ticket).where(and_(True, *clauses))) or 0


def ticket_ids(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
               limit: int | None = None) -> array:
    """Row ids in display order, as a compact array (8 bytes a row: 1,000,000 rows take 8 MB). With a
    `limit`, the first rows by the cheaper of two plans (plan_first_page)."""
    if limit is not None:
        return _first_page_ids(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit)[0]
    clauses = where_clauses(session, flt, me=me, has_fts=has_fts)
    ordered = _ordered(select(Ticket.row_id).where(and_(True, *clauses)), sort).limit(ALL_ROWS).subquery(ALL_IDS)
    # One text built by SQLite in one step (the interpreter lock free meanwhile), read by numpy a piece at a time.
    # Read as rows, a step per row took the lock back each time, and the GUI thread, asking for it, kept losing it
    # to the reading thread: waits of up to ~18 ms on a million ids, read in 650 ms where this takes ~110.
    ids = id_sets.parsed(session.scalar(select(func.group_concat(ordered.c.row_id))))
    out = array("q")
    out.frombytes(ids.data.cast("B"))  # no copy in between
    return out


def _page_statement() -> Select:
    assignee, requester = aliased(Person), aliased(Person)
    return (
        select(Ticket.row_id, Ticket.id, Ticket.number, Ticket.type, Ticket.title, Ticket.state, Ticket.priority,
               Group.name, assignee.name, requester.name, Category.name, Service.name, Ticket.channel,
               Ticket.created_at, Ticket.updated_at, Ticket.is_open, TicketSla.state, TicketSla.due_at,
               TicketSla.warn_at, TicketSla.warning)
        .outerjoin(Group, Group.id == Ticket.group_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .outerjoin(requester, requester.id == Ticket.requester_id)
        .outerjoin(Category, Category.id == Ticket.category_id)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(TicketSla, TicketSla.ticket_id == Ticket.id)
        .where(Ticket.row_id.in_(bindparam("row_ids", expanding=True)))
    )


# Built once: constructing the eight-table statement cost more than running it for a page.
_PAGE = _page_statement()


def queue_rows(session: Session, *, row_ids: Iterable[int]) -> dict[int, QueueRow]:
    """The display rows for these ids (a page), keyed by row id, with the SLA summary of each and
    whether the server refused work of it that waits for the user (one indexed read per page)."""
    ids = list(row_ids)
    if not ids:
        return {}
    stmt = _PAGE
    out = {}
    rows = session.execute(stmt, {"row_ids": ids}).all()
    refused = set(session.scalars(select(SyncConflict.ticket_id).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open",
        SyncConflict.ticket_id.in_([r[1] for r in rows])))) if rows else set()
    for r in rows:
        out[r[0]] = QueueRow(
            row_id=r[0], id=r[1], number=r[2] or "Draft", type=r[3], title=r[4], state=r[5],
            state_label=state_label(r[3], r[5]), priority=r[6], group=r[7] or "", assignee=r[8] or "",
            requester=r[9] or "", category=r[10] or "", service=r[11] or "", channel=r[12],
            created_at=r[13], updated_at=r[14], is_open=bool(r[15]), sla_state=r[16], sla_due_at=r[17],
            sla_warn_at=r[18], sla_warning=r[19] or 0, refused=r[1] in refused,
        )
    return out


@dataclass(frozen=True)
class FirstPage:
    """What the queue paints first: how many tickets match, the first ids in order and their rows."""

    count: int
    ids: array
    rows: dict[int, QueueRow]


def first_page(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
               limit: int) -> FirstPage:
    """The count and the first `limit` rows of a filter, in one read: the queue shows them before the full id list."""
    ids, plan = _first_page_ids(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit)
    count = plan.count
    if count is None and plan.text_matches is not None:
        count = _count(session, flt=flt, me=me, has_fts=has_fts, text_matches=plan.text_matches)
    elif count is None:
        count = count_tickets(session, flt=flt, me=me, has_fts=has_fts)
    return FirstPage(count=count, ids=ids, rows=queue_rows(session, row_ids=ids))


def first_rows(session: Session, *, flt: QueueFilter, sort: QueueSort, me: str | None, has_fts: bool,
               limit: int) -> tuple[array, dict[int, QueueRow]]:
    """The first `limit` ids of a filter and their rows, in one read (the count and the full id list follow)."""
    ids = _first_page_ids(session, flt=flt, sort=sort, me=me, has_fts=has_fts, limit=limit)[0]
    return ids, queue_rows(session, row_ids=ids)


def ids_for_rows(session: Session, *, row_ids: Iterable[int]) -> dict[int, str]:
    """Ticket UUIDs for row ids (for bulk actions on a selection)."""
    ids = list(row_ids)
    return dict(session.execute(select(Ticket.row_id, Ticket.id).where(Ticket.row_id.in_(ids))).all())


def view_counts(session: Session, *, filters: Mapping[str, QueueFilter], me: str | None,
                has_fts: bool) -> dict[str, int]:
    """The views panel's counts: how many tickets each view's filter holds, by view key."""
    return {key: count_tickets(session, flt=flt, me=me, has_fts=has_fts) for key, flt in filters.items()}


def ticket_id_for_row(session: Session, *, row_id: int) -> str | None:
    """The ticket UUID behind a queue row, or None when the row is gone (opening a row not yet loaded)."""
    return ids_for_rows(session, row_ids=[row_id]).get(row_id)
