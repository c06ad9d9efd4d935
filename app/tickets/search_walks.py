"""A search's first page by a walk of the sort index: in windows whose rows the text is tested on (one read of the
full-text index over the window's row id range, or a seek per ticket), or against the text's matches read once as a
set of row ids, with the budgets and thresholds that choose between them (app.tickets.queue picks the walk)."""

from __future__ import annotations

import math
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.models import Ticket
from app.tickets import id_sets
from app.tickets.search import match_id_lists, window_matches

if TYPE_CHECKING:
    import numpy as np

# How long a walk with a search may read before it gives up for reading the matches and sorting them.
# In time, not rows: a test per row costs from ~5 us (a rare phrase) to ~40 us (two common words), so a
# row count either gave up on walks that were about to finish or let slow ones run on. The reading
# thread's CPU time, not wall time: on a machine loaded ten times over (as the benches' was), 150 ms of
# wall time was ~15 ms of work, and the walk gave up for a read of every match that cost 2.5 s.
WALK_BUDGET_MS = 150.0
# ... when the walk against all the matches follows (SET_FALLBACK_PIECES), not a sort of them: it costs less.
WALK_BUDGET_BEFORE_SET_MS = 60.0
# ... and when the sort key is searched text itself (SEARCHED_SORTS): "password reset" by title on 1M tickets
# spent all 60 ms before the cluster of titles that hold it; a common word ("user") fills its page in a few ms.
WALK_BUDGET_SEARCHED_SORT_MS = 15.0
WALK_ROWS_PER_HIT = 100  # rows tested by a seek each, per row wanted (a match in 1 % of the rows)
# A walk reads the sort index in windows of row ids, first WINDOW_FIRST of them, then as many as the rows
# still wanted need at the rate of matches found so far (times WINDOW_MARGIN), or four times as many while
# none was found, up to WINDOW_MAX. (Four times each time read 5,376 rows for "password reset" on 1M tickets
# where ~2,000 gave the page: its third window's range read was half the walk's cost.) A window has the text
# tested by one read of the full-text index over the row id range it spans when that reads fewer than
# WINDOW_SPREAD pieces per ticket of the window, else by a seek per ticket. On the 1M demo store a seek cost
# ~60 us and a piece read in a range ~0.15 us (the walks of "the", "-the" and "password reset" timed both
# ways): a rare word is read over any range, "the" (2.7 pieces a ticket) is sought per ticket in a window of
# scattered row ids (title, names, and the first rows by updated) and read over the range of a wider window
# of close ones (created, number).
WINDOW_FIRST = 256
WINDOW_MAX = 16384
WINDOW_MARGIN = 1.3
WINDOW_SPREAD = 100
WALK_ROWS_MAX = 200_000  # rows of the sort index a walk reads at most
# A text whose pieces in the whole store are at most this many (a phrase, two rare words) is not walked in
# windows: SQLite reads all its matches once into a set and walks the sort index testing each ticket against
# it, ~0.3 us a piece. The phrase "cannot connect" on 1M tickets (~10,000 pieces) cost ~110 ms of windows and
# ~20 ms so (the windows read its two words over their ranges), "vpn" by title 400 ms and ~30 ms.
SET_PIECES_MAX = 100_000
# ... but up to this many, the matches are read and sorted instead (bounded by their number: ~3 us a ticket
# for its row). The walk against them passed ~850,000 titles before the first of the phrase "cannot connect"
# by title descending on 1M tickets (10,565 pieces): 216 ms p95 quiet; read and sorted, ~35 ms at load 7.
SORT_PIECES_MAX = 20_000
SET_FALLBACK_PIECES = 400_000  # ... and after windows that gave up, up to this many (~120 ms)
# A search sorted by title, once the titles' places are read (app.tickets.title_places), reads its matches as sets
# of row ids and takes the first page by their places when its pieces are at most this many (piece_density's
# count, from the newest tickets: the whole store has ~1.4-2.3 times as many a ticket on the demo), ~0.15 us a
# piece read. "password reset" on 1M tickets (two words, 375,000 pieces of either, 51,054 tickets with both):
# ~55 ms of CPU, where the windows spent ~130 ms before giving up for the walk against all the matches; "user"
# (369,000 pieces) ~60 ms.
PLACES_PIECES_MAX = 400_000
# The set walk (issue 12). A window's rows are tested by a range read only when their ids lie close together (a
# sort that follows the row id); sorted by a name, a state or a due time they are scattered over the whole store,
# and each window of a rarer text cost a seek per row or a range read as long as all its pieces (~60 ms for
# "password reset" on 1M tickets, twice in one walk). The set walk reads the text's matches once as a set of row
# ids (search.match_id_lists, one group_concat each, ~0.15-0.25 us a piece: 38 ms for "password reset", 10 ms for
# "vpn") and walks the sort index in chunks of row ids (one group_concat of LIMIT/OFFSET rows, ~0.1 us a row
# where the ORM's rows cost ~1 us), keeping those in the set. The costs are counted in pieces read (~0.2 us):
PIECE_US = 0.25  # what a piece costs, for the budget
# A piece read into the set costs about this much of one read over a window's range (the whole store's pieces of
# "password reset": 38-43 ms into the set, 58-62 ms by one range read joined to the window's ids).
SET_PIECE = 0.67
SET_ROW_PIECES = 1.0  # a row of the sort index walked against the set (~0.2 us with its chunk's offset)
SORT_MATCH_PIECES = 20.0  # a match read by its row and sorted (~2.5 us): when the walk would cost more, sort them
# ... but only once the walk cost this share of the sort: matches cluster along most orders, and a walk that found
# none in its first rows may find the page soon after (the tickets without "the", closed, by requester: none in the
# first 20,000, the page by ~100,000). A walk that gives up costs at most (1 + SORT_AFTER) times the sort; at 0.5,
# the phrase "cannot connect" (10,565 tickets, old ones) by number or group took ~60 ms where its sort takes ~30.
SORT_AFTER = 0.25
# ... except for this many matches or fewer (a sort of ~30 ms): the phrase "cannot connect" by number desc or by
# group walked ~86,000 rows first, and took ~45 ms where sorting at once took ~30.
SORT_AT_ONCE = 12_000
# A walk in windows takes the set instead, before its next window, when the windows still wanted (at the rate of
# matches found so far, or the next window's own test) would read more than the set and its walk would; or when
# its budget would not last.
PRIOR_MATCHES = 1  # matches found before the rate they give is trusted (before: one match right after the walked)
# A set walk's rate of matches counts this many more, spread as the set's share of the store says. With 1, the
# tickets without "the" (18,357) by requester were sorted after an empty first chunk (50 ms) where ~100,000 rows
# walked (~15 ms) gave the page; with 4, the phrase "cannot connect" by number desc (its tickets are old) walked
# 150,000 rows before sorting its 10,565 matches.
SET_PRIOR_MATCHES = 2
SET_CHUNK_FIRST = 4096  # rows of a set walk's first chunk; then sized by the rate found, as the windows are
SET_CHUNK_MAX = 1 << 18
# Closed tickets by a key without an (is_open, key) index: the open ones (a few per cent: 9,045 of 1M on the demo)
# are read once as a set and skipped in numpy, where a test per walked row read its ticket row (~1 us), and the
# windows' rate counts the closed rows only (by due time, the open tickets all come first). Past this many open
# tickets, SQL tests each row.
OPEN_SET_MAX = 100_000


@dataclass(frozen=True)
class WalkSpec:
    """What a walk reads and tests. `stmt`: the row ids in the sort's order (the sort index walked, the filters SQL
    tests per row); `skip`: `skip[row_id]` for the tickets the walk passes over untested (the open ones when the
    closed are wanted and the walked index holds both: `open_mask`), or None; `user_text`: the text (None: no
    full-text index, every window by `seek`, the walk-form text clause); `density`: the text's pieces per ticket
    (search.piece_density) and `tickets` the highest row id; `order(ids, n)`: the first `n` of these ids that the
    filters pass, in the sort's order (SQL sorts them: a chunk's ids come in no promised order). `sets`: the walk
    may take the set of the text's matches; `set_first`: at once; `span`: how many row ids the walked rows lie
    between, when known to be fewer than `tickets` (the open tickets: windows' range reads then cost at most it)."""

    stmt: Select
    user_text: str | None
    seek: ColumnElement[bool]
    skip: np.ndarray | None
    limit: int
    density: float
    tickets: int
    order: Callable[[np.ndarray, int], array]
    sets: bool = True
    set_first: bool = False
    span: int | None = None


class _Chunks:
    """The row ids of an ordered statement, read chunk by chunk: each chunk its LIMIT/OFFSET rows as one text
    (group_concat), in no promised order. The offset walks the index again to the chunk (~0.01 us a row)."""

    def __init__(self, session: Session, stmt: Select) -> None:
        self._session, self._stmt = session, stmt
        self.walked = 0
        self.done = False  # the order's end was read

    def take(self, n: int) -> np.ndarray:
        rows = self._stmt.limit(n).offset(self.walked).subquery()
        ids = id_sets.parsed(self._session.scalar(select(func.group_concat(rows.c.row_id))))
        self.walked += len(ids)
        self.done = len(ids) < n
        return ids


def _members(mask: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `ids` the mask holds (ids past its end: none, tickets made after the mask was read)."""
    import numpy as np

    if not len(ids) or int(ids.max()) < len(mask):
        return mask[ids]
    inside = ids < len(mask)
    held = np.zeros(len(ids), dtype=bool)
    held[inside] = mask[ids[inside]]
    return held


def open_mask(session: Session, *, tickets: int) -> np.ndarray | None:
    """`mask[row_id]`: the ticket is open, up to row id `tickets` (one read of the open tickets' index); None past
    OPEN_SET_MAX open tickets."""
    import numpy as np

    rows = f"SELECT row_id FROM ticket WHERE is_open = 1 LIMIT {OPEN_SET_MAX + 1}"  # a range of an index
    ids = id_sets.id_set(session, f"SELECT group_concat(row_id) FROM ({rows})")
    if len(ids) > OPEN_SET_MAX:
        return None
    mask = np.zeros(tickets + 1, dtype=bool)
    mask[ids[ids <= tickets]] = True
    return mask


def match_mask(session: Session, user_text: str, *, tickets: int) -> np.ndarray | None:
    """`mask[row_id]`: whether the text matches the ticket, read as sets of row ids (search.match_id_lists: the
    groups' matches, the tickets-without lists, the excluded terms' matches) up to row id `tickets`. None when the
    text's matches cannot be read so (a number word)."""
    import numpy as np

    lists = match_id_lists(session, user_text, excluded_alone=True)
    if lists is None:
        return None
    mask: np.ndarray | None = None
    size = tickets + 1
    for listed in sorted(lists, key=lambda one: not one.keep):  # what to intersect first, then what to take out
        ids = id_sets.id_set(session, listed.sql, listed.params)
        ids = ids[ids < size]
        if not listed.keep:
            mask = np.ones(size, dtype=bool) if mask is None else mask
            mask[ids] = False
        elif mask is None:
            mask = np.zeros(size, dtype=bool)
            mask[ids] = True
        else:
            kept = np.zeros(size, dtype=bool)
            kept[ids] = mask[ids]
            mask = kept
    return mask


def _tested(session: Session, spec: WalkSpec, window: np.ndarray) -> np.ndarray:
    """The ids of the window the text matches: one range read, or a seek per ticket, whichever reads less."""
    import numpy as np

    ids = window.tolist()
    if spec.user_text is not None and _range_cost(spec, window) <= WINDOW_SPREAD * len(window):
        hits = window_matches(session, spec.user_text, ids)
    else:
        hits = set(session.scalars(select(Ticket.row_id).where(Ticket.row_id.in_(ids), spec.seek)))
    return np.fromiter(hits, dtype=np.int64, count=len(hits))


def _range_cost(spec: WalkSpec, window: np.ndarray) -> float:
    """The pieces a range read of the window reads (its span, at the text's density)."""
    return (int(window.max()) - int(window.min()) + 1) * spec.density if len(window) else 0.0


def _test_cost(spec: WalkSpec, window: np.ndarray) -> float:
    """The pieces (or their worth in seeks) that testing the window's rows reads."""
    seeks = WINDOW_SPREAD * len(window)
    return seeks if spec.user_text is None else min(_range_cost(spec, window), seeks)


class _Walk:
    """One walk's progress: the rows walked and kept (not skipped), the matches found in them."""

    def __init__(self, session: Session, spec: WalkSpec) -> None:
        self.session, self.spec = session, spec
        self.chunks = _Chunks(session, spec.stmt)
        self.kept = 0
        self.hits: list[np.ndarray] = []
        self.found = 0
        self.mask: np.ndarray | None = None
        self.matches = 0
        self.last, self.last_kept = (0, False), 0  # the last read: rows walked, whether it was the end; rows kept
        self.raw: np.ndarray | None = None  # the last read's row ids, as read

    def next_rows(self, size: int) -> np.ndarray:
        window = self.raw = self.chunks.take(size)
        self.last = (len(window), self.chunks.done)
        if self.spec.skip is not None:
            window = window[~_members(self.spec.skip, window)]
        self.kept += len(window)
        self.last_kept = len(window)
        return window

    def rewind(self) -> None:
        """Forget the last rows read: the next read starts where they did."""
        self.chunks.walked -= self.last[0]
        self.chunks.done = False
        self.kept -= self.last_kept

    def take_set(self) -> bool:
        """Read the text's matches as a set (less the tickets skipped); False when they cannot be read so."""
        import numpy as np

        spec = self.spec
        mask = match_mask(self.session, spec.user_text, tickets=spec.tickets) if spec.user_text is not None else None
        if mask is not None and spec.skip is not None:
            mask[: len(spec.skip)] &= ~spec.skip[: len(mask)]
        self.mask = mask
        self.matches = int(np.count_nonzero(mask)) if mask is not None else 0
        return mask is not None

    def rows_still(self, prior: float) -> tuple[float, float]:
        """The rows still to walk for the page at the rate found so far (`prior` until PRIOR_MATCHES matches), as
        (rows kept, rows walked): the walked rows count the skipped ones too, in the last read's proportion."""
        rate = self.found / self.kept if self.found >= PRIOR_MATCHES else min(prior, 1 / max(self.kept, 1))
        kept = (self.spec.limit - self.found) / rate
        return kept, kept * self.last[0] / max(self.last_kept, 1)


def _reread_upto(walk: _Walk, got: np.ndarray, need: int) -> int | None:
    """How many rows of the last chunk to read again when sorting its matches costs more than that; else None."""
    import numpy as np

    if len(got) <= need + need // 4 + 8 or walk.raw is None or walk.mask is None:
        return None
    skipped = _members(walk.spec.skip, walk.raw) if walk.spec.skip is not None else False
    wanted = np.flatnonzero(_members(walk.mask, walk.raw) & ~skipped)
    upto = int(wanted[min(len(wanted), need + need // 4 + 8) - 1]) + 1
    return upto if (len(got) - need) * SORT_MATCH_PIECES > upto * SET_ROW_PIECES else None


def walk_in_windows(session: Session, spec: WalkSpec, budget_ms: float) -> array | None:
    """The first `spec.limit` row ids of `spec.stmt` that the text matches (less those `spec.skip` holds), in order.
    Windows first: each tested by a range read or by seeks (`_tested`), sized by the rate of matches found so far.
    Before each window the walk counts what the windows still wanted would cost against the set walk (the text's
    matches read once, `match_mask`, then ~0.2 us a row) and takes the set when it costs less, or when `budget_ms`
    of CPU would not last; a set walk sorts the matches instead when that costs less than walking on. None when
    the windows ran out of budget (or past WALK_ROWS_PER_HIT seeks per wanted row, or WALK_ROWS_MAX rows) and no
    set can be read (`spec.sets` False, or a number word), or `spec.set_first` and no set can be read."""
    import numpy as np

    walk, limit = _Walk(session, spec), spec.limit
    started = time.thread_time()
    seeks_left = limit * WALK_ROWS_PER_HIT
    set_pieces = spec.density * spec.tickets * SET_PIECE
    sets = spec.sets and spec.user_text is not None
    if spec.set_first and not (sets and walk.take_set()):
        return None
    size = SET_CHUNK_FIRST if walk.mask is not None else WINDOW_FIRST
    cap = SET_CHUNK_MAX  # a set walk's chunks at most
    reread = False  # the last read was of rows read before
    spread = 1.0  # row ids spanned per row of the last window
    want = size  # rows a window should test (kept rows: `size` counts the skipped ones too)
    while True:
        window = walk.next_rows(size)
        if walk.mask is None and len(window) > 2 * want + WINDOW_FIRST:
            # Many more rows kept than a window should test (past the skipped open tickets): read its start again,
            # up to the rows wanted where the chunk's text has them.
            assert walk.raw is not None and spec.skip is not None
            walk.rewind()
            window = walk.next_rows(int(np.flatnonzero(~_members(spec.skip, walk.raw))[want - 1]) + 1)
        if walk.mask is None and sets and _test_cost(spec, window) >= set_pieces + len(window) * SET_ROW_PIECES:
            sets = walk.take_set()  # this window's test alone reads as much as the set: later windows are then free
        if walk.mask is not None or not len(window):
            got = window if walk.mask is None else window[_members(walk.mask, window)]
        else:
            if spec.user_text is None or _range_cost(spec, window) > WINDOW_SPREAD * len(window):
                seeks_left -= len(window)
            got = _tested(session, spec, window)
            spread = (int(window.max()) - int(window.min()) + 1) / len(window) if len(window) else spread
        need = limit - walk.found
        upto = _reread_upto(walk, got, need) if walk.mask is not None and walk.last[0] > SET_CHUNK_FIRST else None
        if upto is not None:
            # Far more matches in this chunk than wanted, whose sort by SQL (~3 us each) would cost more than
            # reading the chunk again (~0.2 us a row) up to a quarter more matches than wanted, where the chunk's
            # text has them (SQLite gives the rows in order, though nothing promises it; if not, the read again
            # overshoots too and is read in halves).
            size = cap = max(walk.last[0] // 2 if reread else upto, SET_CHUNK_FIRST // 4)
            walk.rewind()
            reread = True
            continue
        reread = False
        walk.hits.append(got)
        walk.found += len(got)
        if walk.found >= limit or walk.chunks.done:
            # Every match before the last chunk's end is among the hits: the first `limit` of them are the page.
            return spec.order(np.concatenate(walk.hits), limit)
        if walk.mask is None:
            if not walk.last_kept:  # every row skipped (the open tickets first): nothing learnt, read on
                size = min(size * 4, WALK_ROWS_MAX)
                continue
            kept_rows, rows = walk.rows_still(1.0)
            # The next window's cost predicted from its pieces (a time per row measured over the few rows of the
            # first windows is mostly their statements' own cost).
            per_row = min(WINDOW_SPREAD, spread * spec.density) if spec.user_text is not None else WINDOW_SPREAD
            # The windows still wanted read at most their rows' worth, or (in range reads) the walked rows' span
            # about twice: the open tickets lie between ~150,000 row ids of 1M, the set reads every ticket's pieces.
            spanned = math.inf if spec.span is None else spec.span * spec.density
            next_cost = min(min(kept_rows, WINDOW_MAX) * per_row, spanned)
            windows_cost = min(kept_rows * per_row, 2 * spanned)
            spent = time.thread_time() - started
            late = (spent + next_cost * PIECE_US / 1e6 > budget_ms / 1000
                    or seeks_left < 0 or walk.chunks.walked >= WALK_ROWS_MAX)
            if sets and (late or windows_cost > set_pieces + rows * SET_ROW_PIECES):
                sets = walk.take_set()
            if walk.mask is None:
                if late:
                    return None
                want = min(max(ceil(kept_rows * WINDOW_MARGIN), WINDOW_FIRST), WINDOW_MAX) \
                    if walk.found >= PRIOR_MATCHES else min(want * 4, WINDOW_MAX)
                size = ceil(want * walk.last[0] / walk.last_kept)
                continue
        # The rows still to walk at the rate found so far, at most the rest of the order. The rate counts
        # SET_PRIOR_MATCHES matches more, over as many rows more as the set's share of the store gives them: no
        # match in rows that should hold many says the rest lie far along.
        if not walk.last_kept:  # every row of the last chunk skipped (the open tickets first): walk on
            size = min(size * 4, cap)
            continue
        share = max(walk.matches, 1) / max(spec.tickets, 1)
        rate = (walk.found + SET_PRIOR_MATCHES) / (walk.kept + SET_PRIOR_MATCHES / share)
        rows = min((limit - walk.found) / rate * walk.last[0] / walk.last_kept,
                   max(spec.tickets - walk.chunks.walked, 0))
        sort_cost = (walk.matches - walk.found) * SORT_MATCH_PIECES
        waited = walk.chunks.walked * SET_ROW_PIECES >= SORT_AFTER * sort_cost or walk.matches <= SORT_AT_ONCE
        if sort_cost < rows * SET_ROW_PIECES and waited:
            # The rest of the matches lie further along the order than their number says: sort them all.
            return spec.order(np.flatnonzero(walk.mask), limit)
        # At most four times the rows walked so far: the matches cluster along most orders (by assignee, "vpn"
        # had none in the first 4,096 closed tickets and its page within the next 6,000).
        size = min(max(ceil(rows * WINDOW_MARGIN), SET_CHUNK_FIRST), 4 * max(walk.chunks.walked, SET_CHUNK_FIRST), cap)
