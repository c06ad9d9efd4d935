"""A search's first page by a walk of the sort index: in windows whose rows the text is tested on (one read of the
full-text index over the window's row id range, or a seek per ticket), with the budgets and thresholds that choose
between the walks (app.tickets.queue reads the first page and picks the walk)."""

from __future__ import annotations

import time
from array import array
from math import ceil

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app.models import Ticket
from app.tickets.search import window_matches

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
WINDOW_SPREAD = 400
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


def walk_in_windows(session: Session, stmt: Select, user_text: str | None, seek: ColumnElement[bool],
                     limit: int, density: float, budget_ms: float) -> array | None:
    """The first `limit` row ids of `stmt` (the sort index walked, the other filters tested) that the text
    matches, read lazily in windows (`user_text` None: no full-text index, every window by `seek`); None
    when `budget_ms` of CPU passed, or WALK_ROWS_PER_HIT rows per wanted row were tested by seeks, first.
    `density`: the text's pieces per ticket (search.piece_density)."""
    out = array("q")
    deadline = time.thread_time() + budget_ms / 1000
    seeks_left = limit * WALK_ROWS_PER_HIT
    # yield_per: an ORM result reads every row before the first unless told to fetch in batches.
    # Bounded, so that the walk ends (and its raw twin in the benches reads what it may read).
    result = session.execute(stmt.limit(WALK_ROWS_MAX), execution_options={"yield_per": WINDOW_FIRST})
    size = WINDOW_FIRST
    walked = 0
    try:
        while True:
            window = [r[0] for r in result.fetchmany(size)]
            walked += len(window)
            if not window:
                return out if walked < WALK_ROWS_MAX else None
            low, high = min(window), max(window)
            if user_text is not None and (high - low + 1) * density <= WINDOW_SPREAD * len(window):
                hits = window_matches(session, user_text, window)
            else:
                seeks_left -= len(window)
                hits = set(session.scalars(select(Ticket.row_id).where(Ticket.row_id.in_(window), seek)))
            for row_id in window:
                if row_id in hits:
                    out.append(row_id)
                    if len(out) == limit:
                        return out
            if time.thread_time() > deadline or seeks_left < 0:
                return None
            if out:  # the rows still wanted at the rate found so far, with a margin; a range read costs its span
                size = min(max(ceil((limit - len(out)) * walked / len(out) * WINDOW_MARGIN), WINDOW_FIRST), WINDOW_MAX)
            else:
                size = min(size * 4, WINDOW_MAX)
    finally:
        result.close()
