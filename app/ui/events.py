"""App-wide signals: the change feed (what committed) and requests between features."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.feed import Change, ChangeRecord

REFERENCE = "reference"  # the feed's entity for the window's reference data (pickers' people, groups...)


class AppEvents(QObject):
    """One instance per window, made by the composition root and handed to every feature."""

    # The change feed: one ChangeRecord per transaction committed on the runner's writer (an operation,
    # or a job's write: each applied sync page and push batch, initiator "sync"), or per reload of the
    # reference data (the window). Views listen through app.ui.widgets.stale_refresher, by entity.
    changed = Signal(object)  # ChangeRecord
    open_ticket_requested = Signal(str)  # ticket id
    open_change_requested = Signal(str)  # change id
    open_problem_requested = Signal(str)  # problem (or major incident) id: show it on the Problems page
    open_ci_requested = Signal(str)  # configuration item id: the CMDB page shows it
    open_article_requested = Signal(str)  # knowledge article id
    status_message = Signal(str)
    queue_filter_requested = Signal(object)  # a QueueFilter to show in the queue (dashboard drill-down)
    conflict_inbox_requested = Signal(str)  # ticket id ("" for all): show the inbox at that ticket
    attachment_fetch_requested = Signal(str)  # attachment id whose file is not on this desk yet
    attachment_fetched = Signal(str, str)  # attachment id, "" when the file is here now, else why not

    def reference_reloaded(self) -> None:
        """The window replaced ctx.reference: views that show reference data refresh their pickers."""
        self.changed.emit(ChangeRecord((Change(REFERENCE),), initiator=REFERENCE, operation="reference data"))
