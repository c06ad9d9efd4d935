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
    status_message = Signal(str)
