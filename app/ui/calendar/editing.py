"""What the calendar changes: selection and the side panel, drag checks, the drop, moves, undo, and .ics export."""
# Live conflict checks during a drag; the drop is confirmed when it conflicts, refused in a freeze; moves go to the
# next free slot.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.changes.calendar import CalendarItem, filtered, item_of, local_day
from app.changes.planning import ConflictItem, RescheduleResult, reschedule_change, restore_change
from app.ui.calendar.day_text import day_text
from app.ui.tasks import describe_error
from core.errors import StaleEditError

UNDO_DEPTH = 50


class CalendarEditing(QObject):
    """Owned by the CalendarPage; all of it runs on the GUI thread, database work through the runner."""

    def __init__(self, page) -> None:
        super().__init__(page)
        self.page = page
        self.selected_id: str | None = None
        # (change id, what the move replaced: times and the risk it re-proposed); None times in it: the
        # change was unscheduled before.
        self.undo_stack: list[tuple[str, Mapping[str, object]]] = []
        self.confirm_box: QMessageBox | None = None
        self._saving: set[str] = set()

    @property
    def ctx(self):
        return self.page.ctx

    # -- live checks -------------------------------------------------------------------------------

    def evaluate(self, item: CalendarItem, start: datetime, end: datetime) -> tuple[ConflictItem, ...]:
        """One drag step: the conflicts of `item` at [start, end). A few bisects per CI on the index."""
        loaded = self.page.loaded
        return () if loaded is None else loaded.conflicts_at(item, start, end)

    def select(self, change_id: str | None) -> None:
        self.selected_id = change_id
        for canvas in self.page.views.values():
            canvas.selected_id = change_id
        self.page.canvas.update()
        self.refresh_panel()

    def loaded_changed(self) -> None:
        loaded = self.page.loaded
        if self.selected_id is not None and (loaded is None or self.selected_id not in loaded.items):
            self.selected_id = None

    def refresh_panel(self) -> None:
        loaded = self.page.loaded
        item = loaded.items.get(self.selected_id) if loaded is not None and self.selected_id else None
        if item is None:
            self.page.panel.show_item(None, (), None, self.page.tz)
            return
        conflicts = self.evaluate(item, item.start, item.end)
        slot = loaded.next_slot(item) if conflicts else None
        self.page.panel.show_item(item, conflicts, slot, self.page.tz, searching=item.id in self._saving)

    def open_change(self, change_id: str) -> None:
        self.ctx.events.open_change_requested.emit(change_id)

    # -- drops and moves ---------------------------------------------------------------------------

    def drop(self, change_id: str, start: datetime, end: datetime) -> None:
        loaded = self.page.loaded
        item = loaded.items.get(change_id) if loaded is not None else None
        if item is None:
            return
        conflicts = self.evaluate(item, start, end)
        if not self.confirm(item, start, end, conflicts):
            self.page.refresh()
            return
        self.reschedule(item, start, end, undoable=True)

    def move_to_slot(self, change_id: str, start: datetime, end: datetime) -> None:
        loaded = self.page.loaded
        item = loaded.items.get(change_id) if loaded is not None else None
        if item is not None:
            self.reschedule(item, start, end, undoable=True)

    def confirm(self, item: CalendarItem, start: datetime, end: datetime, conflicts: tuple) -> bool:
        """Refuse a move into a freeze (naming it); ask before a move that creates other conflicts."""
        if not conflicts:
            return True
        tz = self.page.tz
        when = "{} – {}".format(day_text(start.astimezone(tz), "%a %d %b %H:%M"),
                                day_text(end.astimezone(tz), "%a %d %b %H:%M"))
        blocking = [c for c in conflicts if c.severity == "blocking"]
        box = QMessageBox(self.page)
        box.setObjectName("calendar-confirm")
        box.setWindowTitle(self.tr("Move {0}").format(item.number))
        if blocking:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(self.tr("{0} cannot move to {1}: that is inside a freeze.").format(item.number, when))
            box.setInformativeText("\n".join(c.text for c in blocking))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
        else:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(self.tr("Moving {0} to {1} creates %Ln conflict(s). Move it anyway?", "",
                                len(conflicts)).format(item.number, when))
            box.setInformativeText("\n".join("• " + c.text for c in conflicts[:8]))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box
        answer = box.exec()
        self.confirm_box = None
        box.deleteLater()
        return not blocking and answer == QMessageBox.StandardButton.Yes

    def reschedule(self, item: CalendarItem, start: datetime, end: datetime, *, undoable: bool) -> None:
        """Store the move through the runner; the bar moves at once and goes back if the save fails."""
        loaded = self.page.loaded
        if item.id in self._saving or loaded is None:
            return
        self._saving.add(item.id)
        old = item
        loaded.items[item.id] = item.moved(start, end)
        self.page.refresh()

        def done(result: RescheduleResult) -> None:
            self._saving.discard(item.id)
            self._stored(item.id, old, result)
            if undoable and result.old_start is not None and result.old_end is not None:
                self._push_undo(item.id, result)
            self.ctx.events.status_message.emit(self.tr("{0} moved; Ctrl+Z undoes it.").format(result.number))
            self.page.refresh()

        def failed(error: Exception) -> None:
            self._saving.discard(item.id)
            current = self.page.loaded
            if current is not None and item.id in current.items:
                current.items[item.id] = old
            self.page.refresh()
            self._explain(item.number, error)

        self.ctx.runner.op(reschedule_change, change_id=item.id, start=start, end=end, actor_id=self.ctx.me,
                           expected_updated_at=item.updated_at, on_done=done, on_error=failed, owner=self.page,
                           label="reschedule change")

    def _stored(self, change_id: str, old: CalendarItem, result: RescheduleResult) -> None:
        """Put a stored move (or its undo) into the loaded items: times, stamp and the risk the service
        left, then the conflict flags of everything it touches."""
        current = self.page.loaded
        if current is None or change_id not in current.items:
            return
        current.items[change_id] = replace(old, risk=result.risk or old.risk)  # `moved` recomputes the flags
        if result.new_start is not None and result.new_end is not None:
            current.moved(change_id, result.new_start, result.new_end, result.updated_at, result.planned)

    def _push_undo(self, change_id: str, result: RescheduleResult) -> None:
        if result.before:
            self.undo_stack.append((change_id, result.before))
            del self.undo_stack[:-UNDO_DEPTH]

    def _restore(self, item: CalendarItem, before: Mapping[str, object]) -> None:
        """Undo one move: every field it changed goes back (restore_change), the risk included."""
        self._saving.add(item.id)

        def done(result: RescheduleResult) -> None:
            self._saving.discard(item.id)
            if result.new_start is None:  # it was unscheduled before: it leaves the calendar's bars
                self.ctx.events.status_message.emit(self.tr("{0} is unscheduled again.").format(result.number))
                self.page.reload()
                return
            self._stored(item.id, item, result)
            self.ctx.events.status_message.emit(self.tr("{0} moved back.").format(result.number))
            self.page.refresh()

        def failed(error: Exception) -> None:
            self._saving.discard(item.id)
            self._explain(item.number, error)

        self.ctx.runner.op(restore_change, change_id=item.id, values=before, actor_id=self.ctx.me,
                           expected_updated_at=item.updated_at, on_done=done, on_error=failed, owner=self.page,
                           label="undo calendar move")

    def _explain(self, number: str, error: Exception) -> None:
        if isinstance(error, StaleEditError):
            QMessageBox.information(self.page, self.tr("Changed elsewhere"), self.tr(
                "{0} was changed since the calendar loaded it, so it was not moved. The calendar has been "
                "reloaded; try again.").format(number))
            self.page.reload()
        else:
            QMessageBox.warning(self.page, self.tr("Not moved"), describe_error(error))

    # -- unscheduled changes -----------------------------------------------------------------------

    def unscheduled_item(self, change_id: str) -> CalendarItem | None:
        """An open change without planned times, as a calendar item (its times set when dropped)."""
        loaded = self.page.loaded
        if loaded is None:
            return None
        for c in loaded.data.unscheduled:
            if c.id == change_id:
                return item_of(c, loaded.data.ci_names)
        return None

    def schedule(self, change_id: str, start: datetime, end: datetime) -> None:
        """Plan an unscheduled change at [start, end) (dropped from the list); undo takes the times off."""
        found = self.unscheduled_item(change_id)
        if found is None:
            return
        item = found.moved(start, end)
        if not self.confirm(item, start, end, self.evaluate(item, start, end)):
            return

        def done(result: RescheduleResult) -> None:
            self._push_undo(change_id, result)
            self.selected_id = change_id
            self.ctx.events.status_message.emit(self.tr("{0} planned; Ctrl+Z undoes it.").format(result.number))
            self.page.reload()

        self.ctx.runner.op(reschedule_change, change_id=change_id, start=start, end=end, actor_id=self.ctx.me,
                           expected_updated_at=item.updated_at, on_done=done,
                           on_error=lambda e: self._explain(item.number, e), owner=self.page, label="schedule change")

    def undo(self) -> None:
        """Put the last moved change back where it was (Ctrl+Z in the calendar)."""
        loaded = self.page.loaded
        if not self.undo_stack or loaded is None:
            self.ctx.events.status_message.emit(self.tr("Nothing to undo in the calendar."))
            return
        change_id, before = self.undo_stack[-1]
        item = loaded.items.get(change_id)
        if item is None or item.id in self._saving:
            # Still being saved or loaded: keep the entry for the next Ctrl+Z.
            self.ctx.events.status_message.emit(self.tr("The last move is still being saved; undo it in a moment."))
            return
        self.undo_stack.pop()
        self._restore(item, before)

    # -- export ------------------------------------------------------------------------------------

    def export_ics(self) -> None:
        """Save the changes shown (after the filter) and the windows and holidays of the range as .ics."""
        # Imported here: icalendar loads on the first export, not with the calendar.
        from app.changes.ical import write_ics_file

        loaded = self.page.loaded
        if loaded is None:
            return
        rng = self.page.visible()
        items = filtered(loaded.items.values(), self.page.filter, rng.start, rng.end)
        path, _ = QFileDialog.getSaveFileName(self.page, self.tr("Export calendar"),
                                              str(Path.home() / "changes.ics"), self.tr("iCalendar (*.ics)"))
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        by_id = {c.id: c for c in loaded.data.changes}
        changes = [replace(by_id[it.id], planned=replace(by_id[it.id].planned, start=it.start, end=it.end))
                   for it in items if it.id in by_id]
        shown = {b.window_id for b in self.page.bands}
        windows = [w for w in (*loaded.data.maintenance_windows, *loaded.data.blackouts) if w.id in shown]
        last = local_day(rng.end, self.page.tz)
        holidays = [h for h in loaded.data.holidays if rng.first_day <= h.day < last]
        target = Path(path)

        def done(count: int) -> None:
            # two counted parts, so each gets its own plural form
            text = (self.tr("Exported %Ln change(s)", "", count) + " "
                    + self.tr("and %Ln window(s) to {0}.", "", len(windows)).format(target.name))
            self.ctx.events.status_message.emit(text)

        def failed(error: Exception) -> None:
            QMessageBox.warning(self.page, self.tr("Export failed"), self.tr("The calendar could not be saved to "
                                "{0}: {1}").format(target, error))

        self.ctx.runner.query(write_ics_file, path=target, changes=changes, windows=windows, holidays=holidays,
                              on_done=done, on_error=failed, owner=self.page, label="export calendar")
