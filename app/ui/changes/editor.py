"""The change editor: one change's fields, risk, workflow moves, CAB approvals, links and conflicts."""
# Loaded and saved through the task runner.

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.changes.detail import ChangeDetail, change_detail
from app.changes.ops import save_change
from app.sync import refused_work as refusals
from app.ui.changes.editor_ui import ChangeEditorUi, CloseDialog
from app.ui.changes.labels import risk_colour
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.refusal_banner import RefusalBanner
from app.ui.widgets.stale_refresher import StaleRefresher
from core.errors import StaleEditError, ValidationError

CONFLICT_DELAY_MS = 300  # re-check conflicts once the times stop changing


class ChangeEditor(QWidget):
    """Edits one change; GUI thread only. Close through `maybe_close()` like the ticket editor: when it
    answers False because the user chose Save, `close_requested` follows once the save succeeded."""

    saved = Signal(str)  # change id
    title_changed = Signal(str)
    close_requested = Signal()
    loaded = Signal()  # every time a detail is shown

    def __init__(self, ctx: UiContext, change_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangeEditor")
        self.ctx = ctx
        self.change_id = change_id
        self._detail: ChangeDetail | None = None
        self._busy = False
        self._close_after_save = False
        self.ui = ChangeEditorUi(self, ctx)
        # Work of this change the server refused stays here until the user sends it again or discards it.
        self.refusal_banner = RefusalBanner(
            ctx.runner, "change", number=lambda: self._detail.number if self._detail else "",
            can_settle=lambda: not self.has_unsaved_changes(), parent=self)
        self.refusal_banner.record_gone.connect(self.close_requested)
        self.refusal_banner.failed.connect(self.ui.state_error.show_message)
        self.refusal_banner.place_below(self.ui.banner)
        self.stale_refusal = StaleRefresher(self, ctx.events, ("conflict",), self._check_refusal)
        self._conflict_timer = QTimer(self, singleShot=True, interval=CONFLICT_DELAY_MS)
        self._conflict_timer.timeout.connect(self._check_conflicts)
        ui = self.ui
        ui.form.edited.connect(self._on_form_edited)
        ui.save_button.clicked.connect(self.save)
        ui.revert_button.clicked.connect(self.revert)
        ui.approvals.record_added.connect(self._on_record_added)
        ui.links.record_added.connect(self._on_record_added)
        ui.links.open_ticket.connect(ctx.events.open_ticket_requested)
        ui.conflicts.slot_chosen.connect(self._on_conflicts_slot_chosen)
        ui.conflicts.checked.connect(self._on_conflicts_checked)
        for key, button in ui.move_buttons.items():
            button.clicked.connect(lambda _checked=False, k=key: self.move_to(k))
        # Its own saves come back here too (one reload showing the same); windows and holidays move
        # its conflicts.
        self.stale_detail = StaleRefresher(
            self, ctx.events, ("change", "schedule_window", "holiday"), self._on_detail_stale,
            wants=lambda record: record.names("change", change_id) or record.touches("schedule_window", "holiday"))
        self.stale_reference = StaleRefresher(self, ctx.events, (REFERENCE,), ui.form.refresh_reference)
        self.reload()

    # ---- public --------------------------------------------------------------------------------
    def detail(self) -> ChangeDetail | None:
        return self._detail

    def title_text(self) -> str:
        if self._detail is None:
            return self.tr("Loading…")
        mark = " *" if self.has_unsaved_changes() else ""
        return f"{self._detail.number} • {self._detail.title}{mark}"

    def has_unsaved_changes(self) -> bool:
        changes, clear = self.ui.form.changes()
        return bool(changes) or clear

    def reload(self) -> None:
        change_id = self.change_id
        self.ctx.runner.query(change_detail, change_id=change_id, on_done=self._show, on_error=self._on_load_failed,
                              owner=self, label="change detail")

    def _refresh(self) -> None:
        """Read the change again after a change elsewhere; what arrives never overwrites unsaved input."""
        self.ctx.runner.query(change_detail, change_id=self.change_id, on_done=self._on_refreshed,
                              on_error=self._on_load_failed, owner=self, label="change refresh")

    def _on_refreshed(self, d: ChangeDetail) -> None:
        if self._busy or d == self._detail:
            return
        if not self.has_unsaved_changes():
            self._show(d)
            return
        # The user typed while the read was on its way: keep the input, say what happened.
        self.ui.banner.show_message(
            self.tr("This change was changed elsewhere. Reload to see the changes; your unsaved edits are kept "
                    "until then."), [(self.tr("Reload (drops your edits)"), self.reload)])

    def save(self) -> None:
        self._submit(None)

    def revert(self) -> None:
        if self._detail is not None:
            self._show(self._detail)

    def move_to(self, target: str) -> None:
        """Save pending edits and move to `target` in one transaction (Closed asks for the outcome)."""
        if self._detail is None:
            return
        extra: dict[str, Any] = {}
        if target == "closed":
            dialog = CloseDialog(self._detail.number, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            extra = dialog.values()
            dialog.deleteLater()
            if not accepted:
                return
        self._submit((target, extra))

    def maybe_close(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          self.tr("Save the changes to {0}?").format(self._detail.number),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        choice = box.exec()
        if choice == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
            return False
        return choice == QMessageBox.StandardButton.Discard

    # ---- loading -------------------------------------------------------------------------------
    def _show(self, d: ChangeDetail) -> None:
        self._detail = d
        ui = self.ui
        ui.form.clear_errors()
        ui.state_error.clear_message()
        ui.form.set_detail(d)
        ui.approvals.set_detail(d)
        ui.links.set_detail(d)
        ui.history.set_detail(d, self._ci_names())
        ui.impact.set_detail(d)
        self._fill_state_buttons(d)
        self._update_dirty()
        self._check_conflicts()
        self._check_refusal()
        self.loaded.emit()

    def _check_refusal(self) -> None:
        change_id = self.change_id
        self.ctx.runner.query(refusals.refusal_for, change_id=change_id, on_done=self.refusal_banner.show_refusal,
                              owner=self, label="change refusal")

    def _ci_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.ctx.reference.cis}

    def _on_load_failed(self, exc: Exception) -> None:
        message = describe_error(exc)
        self.ui.banner.show_message(self.tr("The change could not be loaded: {0}").format(message),
                                    [(self.tr("Retry"), self.reload)])

    def _fill_state_buttons(self, d: ChangeDetail) -> None:
        """Show the buttons of the moves allowed now, in workflow order (one button per state, made once)."""
        allowed = {key for key, _label in d.allowed_states}
        for key, button in self.ui.move_buttons.items():
            button.setVisible(key in allowed)
        self.ui.final_label.setVisible(not allowed)

    # ---- editing -------------------------------------------------------------------------------
    def _on_form_edited(self) -> None:
        self._update_dirty()
        self._conflict_timer.start()

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        self.ui.save_button.setEnabled(dirty and not self._busy)
        self.ui.revert_button.setEnabled(dirty and not self._busy)
        if self._detail is not None:
            self.ui.show_header(self._detail, dirty)
        self.title_changed.emit(self.title_text())

    def _check_conflicts(self) -> None:
        d = self._detail
        if d is None:
            return
        form = self.ui.form
        self.ui.conflicts.check(d.id, form.times["planned_start"].value(), form.times["planned_end"].value(),
                                form.cis.ids(), form.assignee.current_id(), d.is_active)

    def _on_conflicts_checked(self, count: int, blocking: bool) -> None:
        tabs = self.ui.tabs
        index = tabs.indexOf(self.ui.conflicts)
        tabs.setTabText(index, self.tr("Conflicts ({0})").format(count) if count else self.tr("Conflicts"))
        colour = risk_colour("high" if blocking else "moderate", is_dark()) if count else None
        tabs.tabBar().setTabTextColor(index, QColor(colour) if colour else self.palette().color(
            QPalette.ColorRole.WindowText))

    def _on_conflicts_slot_chosen(self, start, end) -> None:
        self.ui.form.times["planned_start"].set_value(start)
        self.ui.form.times["planned_end"].set_value(end)
        self._on_form_edited()
        self.save()

    def _submit(self, move: tuple[str, dict[str, Any]] | None) -> None:
        d = self._detail
        if d is None or self._busy:
            return
        changes, clear = self.ui.form.changes()
        if move is None and not changes and not clear:
            return
        target, values = move if move is not None else (None, {})
        self._busy = True
        self._update_dirty()
        self.ui.form.clear_errors()
        self.ui.state_error.clear_message()
        self.ctx.runner.op(save_change, change_id=d.id, changes=changes, clear_override=clear, move=target,
                           move_values=values, actor_id=self.ctx.me, expected_updated_at=d.updated_at,
                           on_done=self._on_saved, on_error=self._on_save_failed, owner=self, label="save change")

    def _on_saved(self, d: ChangeDetail) -> None:
        self._busy = False
        self._show(d)
        self.saved.emit(d.id)
        self.ctx.events.status_message.emit(self.tr("{0} saved.").format(d.number))
        if self._close_after_save:
            self._close_after_save = False
            self.close_requested.emit()

    def _on_save_failed(self, exc: Exception) -> None:
        self._busy = False
        self._close_after_save = False
        self._update_dirty()
        if isinstance(exc, StaleEditError):
            self.ui.banner.show_message(str(exc), [(self.tr("Reload (drops your edits)"), self.reload)])
            return
        message = describe_error(exc)
        field = exc.field if isinstance(exc, ValidationError) else None
        if not self.ui.form.show_error(field, message):
            self.ui.state_error.show_message(message)

    def _on_record_added(self) -> None:
        if not self.has_unsaved_changes():
            self.reload()
        else:  # keep the edits: only the record tabs and the stamp move
            self.ctx.runner.query(change_detail, change_id=self.change_id, on_done=self._on_records_loaded,
                                  owner=self, label="change records")

    def _on_records_loaded(self, d: ChangeDetail) -> None:
        # A record added by this editor moves updated_at; later saves compare against the new stamp.
        self._detail = d
        self.ui.form.detail = d
        self.ui.approvals.set_detail(d)
        self.ui.links.set_detail(d)
        self.ui.history.set_detail(d, self._ci_names())
        self._fill_state_buttons(d)
        self._update_dirty()

    def _on_detail_stale(self) -> None:
        if not self._busy:
            self._refresh()
