"""After a pull: bring the daily KPI figures of the tickets the pull changed up to date."""
# Local edits keep these figures current in their own transaction (app.kpi.daily.on_tickets_changed). A
# pull's pages leave them alone (a first sync must stay fast; their SLA clocks are measured with each page,
# app.sync.apply) and this brings them up once the pull is over, in transactions of its own: nothing at all
# while the dashboard has never been shown on this desk (it builds the table when first shown), one
# rebuild after many tickets, else the days of the tickets pulled. A desk killed in between shows the old
# figures of those tickets until their next edit, a policy save, or the dashboard's catch-up; no ticket
# data is at stake.

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.kpi import daily as kpi_daily
from app.store import Store
from app.sync.writer import SyncDb, sync_db
from core.feed import note

BULK_FROM = 5_000  # from this many tickets on, one KPI rebuild is cheaper than refreshing their days
CHUNK = 1_000

Progress = Callable[[str, int, int], None]


def refresh_derived(store: Store | SyncDb, ticket_ids: Iterable[str], *, progress: Progress | None = None) -> int:
    """Recompute the daily KPI figures for these tickets; returns how many were given.

    Small transactions (CHUNK tickets each), so the desk's own edits never wait long for this one.
    """
    db = sync_db(store)
    ids = list(dict.fromkeys(i for i in ticket_ids if i))
    if not ids or not db.read(kpi_daily.is_built):
        return len(ids)
    if len(ids) >= BULK_FROM:
        db.write(_rebuild_kpi)
    else:
        for start in range(0, len(ids), CHUNK):
            db.write(_refresh_part, part=ids[start:start + CHUNK])
    if progress:
        progress("derive", len(ids), len(ids))
    return len(ids)


def _refresh_part(s, *, part: list[str]) -> None:
    note(s, "ticket", part)  # their figures: the dashboard refreshes once this commits
    kpi_daily.on_tickets_changed(s, part)  # refreshed as this transaction commits


def _rebuild_kpi(s) -> None:
    if kpi_daily.is_built(s):  # read again inside the writer: the dashboard may have built it meanwhile
        note(s, "ticket", everything=True)
        kpi_daily.rebuild(s)  # one pass over the store: cheaper than many days refreshed
