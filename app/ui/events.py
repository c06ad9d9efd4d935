"""App-wide signals that say what changed, so views refresh once and keep their place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class TicketsChanged:
    """Tickets were created or edited. `row_ids` lists them; empty means 'many, refresh all'."""

    row_ids: tuple[int, ...] = ()
    ticket_ids: tuple[str, ...] = ()
    created: bool = False


class AppEvents(QObject):
    """One instance per window, made by the composition root and handed to every feature."""

    tickets_changed = Signal(object)  # TicketsChanged
    reference_changed = Signal()
    open_ticket_requested = Signal(str)  # ticket id
    open_change_requested = Signal(str)  # change id
    changes_changed = Signal(object)  # tuple of change ids saved or rescheduled; () means many
    status_message = Signal(str)
    queue_filter_requested = Signal(object)  # a QueueFilter to show in the queue (dashboard drill-down)
    conflicts_changed = Signal()  # the sync's conflict inbox gained or settled entries
    conflict_inbox_requested = Signal(str)  # ticket id ("" for all): show the inbox at that ticket
    attachment_fetch_requested = Signal(str)  # attachment id whose file is not on this desk yet
    attachment_fetched = Signal(str, str)  # attachment id, "" when the file is here now, else why not
