"""Dropping an unscheduled change (dragged from the side panel's list) onto a calendar view."""
# The same live conflict feedback as a drag inside the view, then `schedule_requested` on the drop.

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QPointF
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

from app.changes.calendar import snap

CHANGE_MIME = "application/x-deskside-change-id"
# Length given to an unscheduled change dropped on the calendar (then resize it by an edge).
EXTERNAL_DURATION = timedelta(hours=1)


class ExternalDropMixin:
    """Mixed into CalendarCanvas, which provides content, drag, evaluator, external_item, time_at,
    snap_step, _show_feedback, cancel_drag and the schedule_requested signal."""

    _external = None

    def drop_start(self, pos: QPointF) -> datetime | None:
        """Where a change dropped at `pos` starts: the snapped time under the pointer."""
        t = self.time_at(pos)
        return None if t is None else snap(t, self.snap_step, self.content.tz)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        data = event.mimeData()
        if self.content is None or self.external_item is None or not data.hasFormat(CHANGE_MIME):
            return event.ignore()
        item = self.external_item(bytes(data.data(CHANGE_MIME)).decode("utf-8", "replace"))
        if item is None:
            return event.ignore()
        self._external = item
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        item = self._external
        start = self.drop_start(event.position()) if item is not None else None
        if start is None:
            return event.ignore()
        event.acceptProposedAction()
        end = start + EXTERNAL_DURATION
        d = self.drag
        if d is None or d.item.id != item.id or d.start != start:
            placed = item.moved(start, end)
            conflicts = self.evaluator(placed, start, end) if self.evaluator is not None else ()
            self.drag = self.drag_state(placed, "move", event.position().toPoint(), start, True, start, end, conflicts)
            self._show_feedback(event.position())
            self.update()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._external = None
        self.cancel_drag()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        d = self.drag
        self._external = None
        self.cancel_drag()
        if d is not None and d.start is not None:
            event.acceptProposedAction()
            self.schedule_requested.emit(d.item.id, d.start, d.end)
