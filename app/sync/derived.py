"""After a pull: bring the SLA clocks and daily KPI figures of the tickets the pull changed up to date."""
# These are the figures the store derives from tickets (SLA clocks, daily KPI figures), brought up to date as the
# ticket services do in the transaction of a local edit.
#
# Pulled rows are applied page by page without these (a first sync must stay fast); this runs once the
# pull is over, in transactions of its own. A desk killed in between shows the old figures of those
# tickets until their next edit, a policy save, or the dashboard's catch-up; no ticket data is at stake.

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.kpi import daily as kpi_daily
from app.sla import tracking as sla_store
from app.store import Store
from app.sync.writer import SyncDb, sync_db
from core.feed import note

BULK_FROM = 5_000  # from this many tickets on, one KPI rebuild is cheaper than refreshing their days
CHUNK = 1_000

Progress = Callable[[str, int, int], None]


def refresh_derived(store: Store | SyncDb, ticket_ids: Iterable[str], *, progress: Progress | None = None) -> int:
    """Recompute SLA rows and daily KPI figures for these tickets; returns how many were given.

    Small transactions (CHUNK tickets each), so the desk's own edits never wait long for this one.
    """
    db = sync_db(store)
    ids = list(dict.fromkeys(i for i in ticket_ids if i))
    if not ids:
        return 0
    bulk = len(ids) >= BULK_FROM
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        db.write(_refresh_part, part=part, bulk=bulk)
        if progress:
            progress("derive", min(start + CHUNK, len(ids)), len(ids))
    if bulk:
        db.write(_rebuild_kpi)
    return len(ids)


def _refresh_part(s, *, part: list[str], bulk: bool) -> None:
    note(s, "ticket", part)  # their SLA figures
    sla_store.recompute_ticket_sla(s, part)
    if not bulk:
        kpi_daily.on_tickets_changed(s, part)  # refreshed as this transaction commits


def _rebuild_kpi(s) -> None:
    if kpi_daily.is_built(s):  # otherwise the dashboard builds the table when first shown
        kpi_daily.rebuild(s)  # one pass over the store: cheaper than many days refreshed
