"""Sets of ticket row ids read as one text each and combined in numpy: a search's matches, the open tickets.

SQLite builds each set's text (one `group_concat` row: ~0.2 us an id), numpy reads it; intersecting two sets is a
table lookup over their range (~1 ns an id). The same sets read as rows cost ~0.5 us an id, and SQLite's INTERSECT
of two common words' tickets sorted both. Used for the first page of a search sorted by title (app.tickets.
title_places) and for counting a search's open or closed tickets (app.tickets.queue.count_tickets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.tickets.search import match_id_lists

if TYPE_CHECKING:
    import numpy as np

OPEN_IDS = "SELECT group_concat(row_id) FROM ticket WHERE is_open = 1"  # a range of an index (a bare is_open: a scan)
PARSED_AT_ONCE = 1 << 19  # characters of ids numpy reads in one call: it holds the interpreter lock ~3 ms a megabyte


def matching_ids(session: Session, user_text: str, *, open_only: bool | None = None) -> np.ndarray | None:
    """The distinct row ids, in order, of the tickets the text matches, of the open state `open_only` (None:
    either); None when the text's matches cannot be read from the full-text index alone (search.match_id_lists)."""
    lists = match_id_lists(session, user_text)
    if lists is None:
        return None
    ids: np.ndarray | None = None
    for found in sorted(lists, key=lambda listed: not listed.keep):  # what to intersect first, then what to take out
        these = id_set(session, found.sql, found.params)
        ids = these if ids is None else ids[isin(ids, these, invert=not found.keep)]
    assert ids is not None  # a text with a required group
    if open_only is not None:
        ids = ids[isin(ids, id_set(session, OPEN_IDS), invert=not open_only)]
    return ids


def isin(ids: np.ndarray, others: np.ndarray, *, invert: bool = False) -> np.ndarray:
    """Which of `ids` are in `others` (or not), both distinct: by a table over their range, where sorting both cost
    ~5 ms for two sets of 100,000."""
    import numpy as np

    if not len(ids) or not len(others):
        return np.full(len(ids), invert, dtype=bool)
    return np.isin(ids, others, assume_unique=True, invert=invert, kind="table")


def id_set(session: Session, sql: str, params: dict[str, Any] | None = None) -> np.ndarray:
    """The distinct row ids, in order, of a statement giving them comma-separated in one row (see search.IdList)."""
    import numpy as np

    ids = parsed(session.execute(text(sql), params or {}).scalar())
    if len(ids) > 1 and not bool(np.all(ids[1:] >= ids[:-1])):
        ids = np.sort(ids)  # the index gives them in order; nothing in SQL promises it
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))] if len(ids) else ids


def parsed(joined: str | None) -> np.ndarray:
    """The comma-separated ids as numbers, in their order, read a piece at a time so that the GUI thread gets the
    interpreter lock between pieces (a million ids are ~7 MB of text), into one array made once."""
    import numpy as np

    if not joined:
        return np.empty(0, dtype=np.int64)
    size = len(joined)
    out = np.empty(joined.count(",") + 1, dtype=np.int64)
    start = filled = 0
    while start < size:
        end = joined.find(",", start + PARSED_AT_ONCE) if start + PARSED_AT_ONCE < size else -1
        end = size if end < 0 else end
        piece = np.fromstring(joined[start:end], dtype=np.int64, sep=",")
        out[filled:filled + len(piece)] = piece
        filled += len(piece)
        start = end + 1
    return out[:filled]
