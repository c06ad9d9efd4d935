"""Bulk edits of the queue's selection: what the selection holds, the batch operation, and an undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.tickets.records import BulkResult
from app.ui.context import UiContext

UNDO_DEPTH = 20
SKIPPED_LISTED = 15


class BulkEditController(QObject):
    """Runs the queue's bulk actions (assign, state, priority) and undoes them a batch at a time.

    Made by the main window, which keeps the menus and the dialogs: it calls `start(kind)`, answers
    `summary_loaded` with the bulk dialog and `apply(...)`, calls `undo()`, and reads `undo_label()` when
    `undo_changed` fires. Skipped-ticket reports open over `window`. GUI thread only.
    """

    summary_loaded = Signal(str, list, object)  # kind, row ids, SelectionSummary: ask for the values now
    undo_changed = Signal()  # a batch was pushed on or taken off the undo stack

    def __init__(self, ctx: UiContext, selected_row_ids: Callable[[], list[int]], window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self._selected_row_ids = selected_row_ids  # the queue's selection at the time of asking
        self._window = window
        self._undo: list[tuple[str, str, Callable[[str], None] | None]] = []  # (label, batch id, its undo), newest last

    def start(self, kind: str) -> None:
        """Begin a bulk action ("assign", "state", "priority") on the queue's selection: read what the
        selection holds (the dialog offers only what can succeed) and emit `summary_loaded`."""
        row_ids = self._selected_row_ids()
        if not row_ids:
            return
        # The bulk modules (and the ticket writes behind them) load on first use, not before the first queue page.
        from app.tickets import bulk_choices

        self.ctx.runner.query(bulk_choices.selection_summary, row_ids=row_ids,
                              on_done=lambda summary: self.summary_loaded.emit(kind, row_ids, summary),
                              owner=self, label="bulk selection")

    def apply(self, row_ids: list[int], changes: dict, label: str) -> None:
        """Apply `changes` to the rows as one batch; `label` names it in the undo action and messages."""
        from app.tickets import bulk_edit

        self.ctx.runner.op(bulk_edit.apply_to_rows, row_ids=row_ids, changes=changes, actor_id=self.ctx.me,
                           matrix=self.ctx.matrix, on_done=lambda result: self._on_applied(label, result),
                           owner=self, label="bulk edit")

    def applied(self, label: str, result: BulkResult) -> None:
        """A batch run by another queue action (Link to problem…) joins the same undo stack and report."""
        self._on_applied(label, result)

    def _on_applied(self, label: str, result: BulkResult) -> None:
        if result.changed:
            self.push_undo(label, result.batch_id, None)
        self.ctx.events.status_message.emit(self.tr("{0}: %n changed, {1} skipped. Ctrl+Z undoes.", "",
                                                    len(result.changed)).format(label, len(result.skipped)))
        self._report_skipped(result.skipped, changed=len(result.changed))
        self.undo_changed.emit()

    def push_undo(self, label: str, batch_id: str, undo: Callable[[str], None] | None) -> None:
        """Put a batch on the one Ctrl+Z stack; `undo(batch_id)` replaces undo_batch for it (a macro run)."""
        self._undo.append((label, batch_id, undo))
        del self._undo[:-UNDO_DEPTH]
        self.undo_changed.emit()

    def undo_label(self) -> str | None:
        """The label of the batch the next undo puts back, None when there is none."""
        return self._undo[-1][0] if self._undo else None

    def undo(self) -> None:
        """Put the newest batch back (fields changed again since are left alone and reported)."""
        if not self._undo:
            return
        label, batch_id, custom = self._undo.pop()
        if custom is not None:  # another feature's batch (a macro run) undoes its own way
            custom(batch_id)
            self.undo_changed.emit()
            return
        from app.tickets import bulk_edit

        self.ctx.runner.op(bulk_edit.undo_batch, batch_id=batch_id, actor_id=self.ctx.me,
                           on_done=lambda result: self._on_undone(label, result), owner=self, label="undo")
        self.undo_changed.emit()

    def _on_undone(self, label: str, result: BulkResult) -> None:
        self.ctx.events.status_message.emit(
            self.tr("Undone: {0} (%n ticket(s)).", "", len(result.changed)).format(label))
        self._report_skipped(result.skipped)
        self.undo_changed.emit()

    def _report_skipped(self, skipped: tuple[tuple[str, str], ...], changed: int | None = None) -> None:
        if not skipped:
            return
        lines = [f"{number}: {reason}" for number, reason in skipped[:SKIPPED_LISTED]]
        if len(skipped) > SKIPPED_LISTED:
            lines.append(self.tr("… and {0} more").format(len(skipped) - SKIPPED_LISTED))
        text = self.tr("%n ticket(s) left unchanged:", "", len(skipped))
        if changed is not None:
            text = self.tr("%n ticket(s) changed.", "", changed) + " " + text
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Some tickets were skipped"), text,
                          QMessageBox.StandardButton.Ok, self._window)
        box.setInformativeText("\n".join(lines))
        box.open()
