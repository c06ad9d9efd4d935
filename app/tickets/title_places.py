"""Every ticket's place in title order, read once into memory, so that a search sorted by title takes its first page
from its matches' places: the title index walked to the first match passed every title before it ("password
reset" on a million tickets: the titles that start with it lie half-way), and sorting every match read each one's
title (51,000 of them: 86-191 ms either way).

The places are read on a read connection (`prepare`, which the queue asks for when it is sorted by title) and are
kept per store file. They stay true for every ticket whose title has not changed since: the store logs each new ticket
and each changed title (table ticket_title_change, migration 0034), and a ticket logged after the read is *unsure*:
its place is not used, its title is compared in SQL instead. Past STALE_AFTER unsure tickets, or once the log was
trimmed past the read, the places are not used until they are read again.
"""

from __future__ import annotations

import json
import os
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.tickets.id_sets import isin, matching_ids, parsed

if TYPE_CHECKING:
    import numpy as np

STALE_AFTER = 4096  # tickets given a title since the places were read, beyond which they are read again


@dataclass(frozen=True)
class TitlePlaces:
    """`at[row_id]`: the ticket's place in (title, row id) order when read (-1: no such ticket then); `seq`: the
    title change log's last entry then. Never changed once made: threads share it."""

    at: np.ndarray
    seq: int


@dataclass(frozen=True)
class CurrentPlaces:
    places: TitlePlaces
    unsure: np.ndarray  # row ids logged since the read: their places are not known


# By store file (its path and inode: the writer's and the readers' engines share it, a new file at the same path
# does not); the places of the last few stores opened.
_read: dict[tuple[str, int, int], TitlePlaces] = {}
STORES_KEPT = 2
_reading = threading.Lock()  # one read of the places at a time


def _store(session: Session) -> tuple[str, int, int]:
    path = session.get_bind().engine.url.database or ""
    try:
        found = os.stat(path)
    except OSError:  # an in-memory database: its own engine
        return (path, id(session.get_bind().engine), 0)
    return (path, found.st_ino, found.st_dev)


def _ints(session: Session, sql: str, params: dict[str, Any] | tuple = ()) -> np.ndarray:
    """The one integer column of `sql`'s rows, read from the driver's cursor without SQLAlchemy's row objects (the
    statement still passes through the engine: its events see it)."""
    import numpy as np

    result = session.connection().exec_driver_sql(sql, params)
    try:
        rows = cast(Iterable[tuple[int]], result.cursor)  # the driver's cursor gives its rows as tuples
        return np.fromiter(chain.from_iterable(rows), dtype=np.int64)
    finally:
        result.close()


def current(session: Session) -> CurrentPlaces | None:
    """The places read for this store, with the tickets unsure since; None when none were read or they are stale."""
    places = _read.get(_store(session))
    if places is None:
        return None
    first = session.scalar(text("SELECT min(seq) FROM ticket_title_change"))
    if first is not None and first > places.seq + 1:
        return None  # the log was trimmed past the read: which tickets changed is not known
    unsure = _ints(session, "SELECT DISTINCT row_id FROM ticket_title_change WHERE seq > ?", (places.seq,))
    return CurrentPlaces(places, unsure) if len(unsure) <= STALE_AFTER else None


def prepare(session: Session) -> bool:
    """Read the places when there are none for this store or they are stale (a read connection; ~4 bytes a ticket
    kept, a walk of the title index once). True when it read them."""
    with _reading:
        if current(session) is not None:
            return False
        key = _store(session)
        _read.pop(key, None)
        while len(_read) >= STORES_KEPT:
            del _read[next(iter(_read))]
        _read[key] = read_places(session)
        return True


TITLE_ORDER = "SELECT row_id FROM ticket ORDER BY title, row_id"  # the title index walked (a test checks the plan)
CHECKED = 512  # tickets whose order the read checks against SQLite's, spread over the whole order


def read_places(session: Session) -> TitlePlaces:
    import numpy as np

    # The log's last entry first: a title changed after it is logged after it (unsure), and one changed before
    # it is in the order read next.
    seq = session.scalar(text("SELECT coalesce(max(seq), 0) FROM ticket_title_change")) or 0
    # As one text: ~120 ms for a million tickets where a row each cost ~500 ms. SQLite feeds the aggregate the
    # ordered subquery's rows in order, though nothing promises it: a sample's order is checked, and the rows are
    # read one by one if it is wrong.
    order = parsed(session.execute(text(f"SELECT group_concat(row_id) FROM ({TITLE_ORDER})")).scalar())
    if not _in_title_order(session, order):
        order = _ints(session, TITLE_ORDER)
    at = np.full(int(order.max()) + 1 if len(order) else 0, -1, dtype=np.int32)
    at[order] = np.arange(len(order), dtype=np.int32)
    return TitlePlaces(at, int(seq))


def _in_title_order(session: Session, order: np.ndarray) -> bool:
    import numpy as np

    sample = order[np.unique(np.linspace(0, len(order) - 1, min(len(order), CHECKED)).astype(np.int64))].tolist()
    found = session.execute(text("SELECT row_id FROM ticket WHERE row_id IN (SELECT value FROM json_each(:ids)) "
                                 "ORDER BY title, row_id"), {"ids": json.dumps(sample)}).scalars().all()
    return list(found) == sample


def forget(session: Session) -> None:
    """Drop the places read for this store (tests)."""
    _read.pop(_store(session), None)


def first_candidates(session: Session, user_text: str, *, descending: bool, limit: int,
                     open_only: bool | None = None) -> array | None:
    """Row ids among which lie the first `limit` tickets in title order (descending or not) that the text matches,
    of the open state `open_only` (None: either), all of them when fewer match: the sure matches with the lowest
    places, and every unsure one. The caller orders them by title. None when the places are not current or the
    text's matches cannot be read from the full-text index alone (search.match_id_lists)."""
    now = current(session)
    ids = matching_ids(session, user_text, open_only=open_only) if now is not None else None
    if now is None or ids is None:
        return None
    import numpy as np

    at = now.places.at
    known = ids < len(at)
    place = np.full(len(ids), -1, dtype=np.int64)
    place[known] = at[ids[known]]
    unsure = (place < 0) | isin(ids, now.unsure)
    sure, key = ids[~unsure], place[~unsure]
    if len(sure) > limit > 0:
        sure = sure[np.argpartition(-key if descending else key, limit - 1)[:limit]]
    return array("q", [*sure.tolist(), *ids[unsure].tolist()])
