"""The ticket editor: one ticket's header, fields, workflow moves and tabs, loaded and saved by the runner."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.sync import marks as sync_marks
from app.tickets import ops as ticket_ops
from app.tickets import queries as ticket_queries
from app.tickets.csat import record_csat
from app.tickets.detail import WORKLOG_TAIL, ticket_detail, worklog_entries
from app.tickets.drafts import DraftInfo
from app.tickets.records import TicketDetail, WorklogItem
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.labels import label_text
from app.ui.tasks import describe_error
from app.ui.ticket.attachments_view import local_files
from app.ui.ticket.csat_dialog import CsatDialog
from app.ui.ticket.drafts import DraftKeeper
from app.ui.ticket.editor_ui import TicketEditorUi
from app.ui.ticket.fields_form import FIELDS
from app.ui.ticket.ticket_tasks import TicketTasks
from app.ui.ticket.transition_dialog import ask_transition_fields
from app.ui.widgets.after_paint import AfterPaint
from app.ui.widgets.banner import Banner
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.refusal_banner import RefusalBanner
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.time_text import local_time_text
from core.errors import StaleEditError
from core.tickets.workflow import workflow_for


class TicketEditor(QWidget, BuiltInSteps):
    """Edits one ticket. Everything touching the store runs on the task runner; GUI thread only.

    Closing: call `maybe_close()`. When it answers False because the user chose Save, the editor
    saves and emits `close_requested` once the save succeeded; call `maybe_close()` again then.
    Built once and reused: `show_ticket()` moves it to another ticket, `park()` empties it.
    """

    saved = Signal(str)  # ticket id
    title_changed = Signal(str)  # text for a tab: "INC0000042 • Printer on fire *"
    dirty_changed = Signal(bool)
    close_requested = Signal()  # a Save chosen in maybe_close() succeeded, or the refused ticket was discarded
    loaded = Signal()  # the ticket was shown for the first time

    def __init__(self, ctx: UiContext, ticket_id: str = "", parent: QWidget | None = None, *,
                 later: bool = False) -> None:
        """`later`: only start building (no ticket yet); the caller finishes it with `build_step()` (each part at
        most ~15 ms), one call per event-loop turn, before using it (app.ui.editor_pool builds spares so)."""
        super().__init__(parent)
        self._steps = self._parts(ctx)
        if not later:
            self.build_rest()
            if ticket_id:
                self.show_ticket(ticket_id)

    def _parts(self, ctx: UiContext) -> Iterator[None]:
        self._ctx = ctx
        self._ticket_id = ""
        self._tasks = TicketTasks(self)  # the owner of this ticket's tasks; renewed with the ticket
        self._reset_state()
        self._drafts = DraftKeeper(ctx.runner, "", ctx.settings.get("draft_autosave_seconds"),
                                   self._draft_payload, self)
        self.ui = TicketEditorUi(self, ctx, "", later=True)
        while not self.ui.build_step():
            yield
        yield
        # While the sync's conflict inbox holds an entry of this ticket, say so above the fields.
        self.conflict_banner = Banner("warning", self)
        column = self.ui.changed_banner.parentWidget().layout()
        column.insertWidget(column.indexOf(self.ui.changed_banner) + 1, self.conflict_banner)
        self.refusal_banner = self._refusal_banner()
        self.stale_conflicts = StaleRefresher(self, ctx.events, ("conflict",), self._check_conflicts)
        self._connect()
        # Its own saves come back here too: the refresh shows nothing new then (same detail).
        self.stale_detail = StaleRefresher(self, ctx.events, ("ticket",), self._on_detail_stale,
                                           wants=lambda record: bool(self._ticket_id)
                                           and record.names("ticket", self._ticket_id))
        self.stale_reference = StaleRefresher(self, ctx.events, (REFERENCE,), self._on_events_reference_changed)
        self.setAcceptDrops(True)

    def _reset_state(self) -> None:
        self._detail: TicketDetail | None = None
        self._dirty = False
        self._saving = False
        self._close_after_save = False
        self._title_text = ""
        self._loading = False
        self._queued_save: dict[str, Any] | None = None  # a save asked for while a reload was running

    def _refusal_banner(self) -> RefusalBanner:
        # Work of this ticket the server refused stays here until the user sends it again or discards it.
        banner = RefusalBanner(
            self._ctx.runner, "ticket", number=lambda: self._detail.number if self._detail else "",
            can_settle=lambda: not self.has_unsaved_changes(),
            details=lambda: self._ctx.events.conflict_inbox_requested.emit(self._ticket_id), parent=self)
        banner.record_gone.connect(self.close_requested)
        banner.failed.connect(self.ui.error.show_message)
        banner.place_below(self.conflict_banner)
        banner.hide()
        return banner

    def _connect(self) -> None:
        ui = self.ui
        ui.retry_button.clicked.connect(self.reload)
        ui.form.edited.connect(self._on_form_edited)
        ui.form.csat_requested.connect(self._on_form_csat_requested)
        ui.state_bar.move_requested.connect(self._on_state_bar_move_requested)
        ui.save_button.clicked.connect(self.save)
        ui.revert_button.clicked.connect(self.revert)
        ui.worklog.composer_changed.connect(self._drafts.input_changed)
        ui.worklog.entry_added.connect(self._on_tabs_record_added)
        ui.attachments.attachment_added.connect(self._on_tabs_record_added)
        # A received mail's "View original" uses the attachments' open/save (and download) flow.
        ui.worklog.original_open_requested.connect(ui.attachments.open_attachment)
        ui.worklog.original_save_requested.connect(
            lambda attachment_id: ui.attachments.save_attachment_as(attachment_id, "original.eml"))
        ui.links.link_added.connect(self._on_tabs_record_added)
        ui.links.link_removed.connect(self._on_tabs_record_added)

    # ----- public API

    @property
    def ticket_id(self) -> str:
        return self._ticket_id

    def detail(self) -> TicketDetail | None:
        """The ticket as last loaded from the store (None while loading)."""
        return self._detail

    def settled(self) -> bool:
        """The ticket is shown and its late parts (CI hint, suggestions, problem strip, similar tickets), which ask
        once it is painted, have asked."""
        return self._detail is not None and self.ui.late_asked()

    def title_text(self) -> str:
        return self._title_text or self.tr("Loading…")

    def save_draft_now(self) -> None:
        """Write the unsaved input to the draft store at once (the crash guard calls this)."""
        self._drafts.flush()

    def has_unsaved_changes(self) -> bool:
        return self._detail is not None and bool(self.ui.form.changes())

    def can_rest(self) -> bool:
        """Whether the editor holds nothing but the ticket as stored, so that it may be put away and the ticket
        shown afresh later (app.ui.resting_tabs): no input (an edited field, an unsent worklog entry), nothing
        loading or saving, no refusal, conflict, recovered draft or error on show."""
        ui = self.ui
        return (self._detail is not None and not self._loading and not self._saving and not self._draft_payload()
                and not self._drafts.paused and all(w.isHidden() for w in (
                    self.refusal_banner, self.conflict_banner, ui.draft_banner, ui.error)))

    def show_ticket(self, ticket_id: str) -> None:
        """Show `ticket_id` in this editor, new or reused (a closed tab's): nothing of the ticket shown
        before stays (input, banners, errors, draft, answers still on their way) and it loads afresh."""
        if self._ticket_id:
            self.park()
        self._ticket_id = ticket_id
        self._drafts.reset(ticket_id)
        self.ui.set_ticket(ticket_id)
        self._load(first=True)

    def park(self) -> None:
        """Forget the ticket shown (its tab closed, already asked): the editor waits, empty, to be reused.
        Drafts already written stay in the store; tasks still under way for it deliver nothing here."""
        self._tasks.renew()
        self._drafts.reset("")
        was_dirty = self._dirty
        self._ticket_id = ""
        self._reset_state()
        self.stale_detail.stale = self.stale_conflicts.stale = False
        self.conflict_banner.hide()
        # A refusal banner may have a settle under way (owned by the banner): a new banner drops its answer.
        shiboken6.delete(self.refusal_banner)
        self.refusal_banner = self._refusal_banner()
        self.ui.set_ticket("")
        if was_dirty:
            self.dirty_changed.emit(False)

    def reload(self) -> None:
        """Read the ticket again; unsaved edits stay on top of what the store now holds."""
        self._load(first=False)

    def save(self) -> None:
        self._submit({})

    def revert(self) -> None:
        if self._detail is None:
            return
        self.ui.clear_errors()
        self.ui.form.set_detail(self._detail)
        self._drafts.discard()
        self._drafts.flush()  # an unsent worklog entry is still kept
        self._update_dirty()

    def maybe_close(self) -> bool:
        """True when the editor may close now; asks Save / Discard / Cancel when there are changes."""
        if not self.has_unsaved_changes():
            self._drafts.flush()
            return True
        choice = self._ask_save_choice()
        if choice == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self.save()
            return False
        if choice == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    # ----- loading

    def _load(self, *, first: bool) -> None:
        self._loading = True
        if self._detail is not None:  # a reload: the worklog entries already read are not read again
            self._ctx.runner.query(ticket_detail, ticket_id=self._ticket_id, known_worklog=self._detail.worklog,
                                   on_done=lambda detail: self._on_loaded(ticket_queries.EditorTicket(detail, None)),
                                   on_error=self._on_load_failed, owner=self._tasks.owner, label="reload ticket")
            return
        # The first read starts once the loading cover has painted (at once when the window is not on screen).
        # Started in the same turn, its Python (~5 ms on the 1M demo store) ran beside this turn's and the paint's,
        # each taking the interpreter lock from the other: the GUI thread's longest gap was 10-15 ms, half of it
        # waiting to run (bench.stall_split). Started after the paint, it runs while the event loop is idle.
        self.ui.show_loading()
        handle = self.window().windowHandle()
        gate = threading.Event() if first and handle is not None and handle.isExposed() else None
        self._ctx.runner.query(ticket_queries.editor_ticket, ticket_id=self._ticket_id, with_draft=first,
                               worklog_tail=WORKLOG_TAIL if first else None, on_done=self._on_loaded,
                               on_error=self._on_load_failed, owner=self._tasks.owner,
                               label="load ticket", gate=gate)
        if gate is not None:
            AfterPaint(self.ui.page(), gate.set, self)

    def _on_loaded(self, loaded: ticket_queries.EditorTicket) -> None:
        detail, draft = loaded.detail, loaded.draft
        first = self._detail is None
        self.ui.hold_paint()  # the fill and its paint, ~5 and ~8 ms, not in one stretch of the GUI thread
        self._show_detail(detail, keep=None if first else self.ui.form.changes())
        if draft is not None:
            self._offer_draft(draft)
        if first:
            self.loaded.emit()
            # Asked once the ticket is painted, as the editor's other late parts: a read on its thread beside the
            # paint takes the interpreter lock from it.
            ticket_id = self._ticket_id
            AfterPaint(self.ui.tabs, lambda: self._check_conflicts() if self._ticket_id == ticket_id else None,
                       self)
            if detail.worklog_earlier[0]:  # a long worklog: its newest entries are shown, the rest read now
                AfterPaint(self.ui.tabs, lambda: self._read_earlier() if self._ticket_id == ticket_id else None,
                           self)
        self._loading_done()

    def _read_earlier(self) -> None:
        self._ctx.runner.query(worklog_entries, ticket_id=self._ticket_id, on_done=self._on_earlier_read,
                               on_error=lambda exc: self.ui.error.show_message(describe_error(exc)),
                               owner=self._tasks.owner, label="ticket worklog")

    def _on_earlier_read(self, entries: tuple[WorklogItem, ...]) -> None:
        """All the entries of a ticket whose first read took the newest only: held under the cards on screen."""
        detail = self._detail
        if detail is None or not detail.worklog_earlier[0]:
            return  # a reload since brought them all
        self._detail = replace(detail, worklog=entries, worklog_earlier=(0, 0, 0))
        self.ui.show_worklog(self._detail)

    def _loading_done(self) -> None:
        self._loading = False
        if self._queued_save is not None:
            extra, self._queued_save = self._queued_save, None
            self._submit(extra)

    def _on_load_failed(self, exc: Exception) -> None:
        self._loading = False
        self._queued_save = None
        message = describe_error(exc)  # the form keeps its edits
        if self._detail is not None:
            self.ui.error.show_message(message)
            return
        self.ui.show_failed(message)
        self._set_title(self.tr("Ticket not available"))

    def _show_detail(self, detail: TicketDetail, keep: dict[str, Any] | None = None) -> None:
        self._detail = detail
        self.ui.show_detail(detail, self._ctx.reference, keep)
        self._update_dirty()

    # ----- saving and moving

    def _submit(self, extra: dict[str, Any]) -> None:
        if self._detail is None or self._saving:
            return
        if self._loading:  # saving against the detail being replaced would be refused as stale
            self._queued_save = extra
            return
        changes = {**self.ui.form.changes(), **extra}
        if not changes:
            return
        self.ui.clear_errors()
        problem = self.ui.form.title_problem()
        if problem:
            self.ui.form.show_error("title", problem)
            return
        self._set_saving(True)
        sent = self.ui.form.values()
        self._ctx.runner.op(ticket_ops.save_edit, ticket_id=self._ticket_id, changes=changes,
                            actor_id=self._ctx.me, matrix=self._ctx.matrix,
                            expected_updated_at=self._detail.updated_at,
                            on_done=lambda detail: self._on_save_done(detail, sent),
                            on_error=self._on_save_failed, owner=self._tasks.owner, label="save ticket")

    def _on_save_done(self, detail: TicketDetail, sent: dict[str, Any]) -> None:
        self._set_saving(False)
        typed_meanwhile = {f: v for f, v in self.ui.form.values().items() if v != sent.get(f)}
        self._show_detail(detail, keep=typed_meanwhile)
        self.ui.draft_banner.hide()  # a recovered draft went with the save
        self._drafts.discard()  # again: an autosave may have run while the save was on its way
        self._drafts.flush()  # an unsent worklog entry or later typing is kept again
        self._ctx.events.status_message.emit(self.tr("{} saved").format(detail.number))
        self.saved.emit(self._ticket_id)
        if self._close_after_save:
            self._close_after_save = False
            self.close_requested.emit()

    def _on_save_failed(self, exc: Exception) -> None:
        self._set_saving(False)
        self._close_after_save = False
        message, field = describe_error(exc), getattr(exc, "field", None)
        if isinstance(exc, StaleEditError):
            self._show_changed_banner(self.tr("This ticket was changed elsewhere since you opened it, so nothing "
                                              "was saved. Reload (your edits are kept), then save again."))
        elif field == "state":
            self.ui.state_bar.error.show_message(message)
        elif not self.ui.form.show_error(field, message):
            self.ui.error.show_message(message)

    def _on_state_bar_move_requested(self, target: str) -> None:
        if self._detail is None:
            return
        workflow = workflow_for(self._detail.type)
        if target not in {s.key for s in workflow.states}:  # a move the sync's server adds (RT's lifecycle)
            self._submit({"state": target})
            return
        state = workflow.state(target)
        if target == "on_hold" or state.kind == "resolved":
            asked = self._ask_transition_fields("hold" if target == "on_hold" else "resolve", label_text(state.label))
            if asked is None:
                return
            self.ui.form.apply_values(asked)
        elif not workflow.allowed(target) and not self._confirm_final_move(label_text(state.label)):
            return
        self._submit({"state": target})

    # ----- questions (small methods, so tests can answer them)

    def _ask_transition_fields(self, needs: str, target_label: str) -> dict | None:
        return ask_transition_fields(self, needs, target_label, self.ui.form.values())

    def _confirm_final_move(self, target_label: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Move to {}").format(target_label),
                          self.tr("Move {} to {}? No further moves are possible after that.").format(
                              self._detail.number, target_label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _ask_csat(self) -> dict | None:
        dialog = CsatDialog(self._detail.number, self)
        try:
            return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _ask_save_choice(self) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          self.tr("Save the changes to {}?").format(self._detail.number),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr("If you don't save, your changes are lost."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def _on_form_csat_requested(self) -> None:
        """Record satisfaction…: the requester's answer with its source, an audited action of its own
        (unsaved field edits stay in the form, untouched)."""
        if self._detail is None or self._saving:
            return
        answer = self._ask_csat()
        if answer is None:
            return
        self.ui.clear_errors()
        self._ctx.runner.op(record_csat, ticket_id=self._ticket_id, actor=self._ctx.me, **answer,
                            on_done=lambda _changes: self._on_tabs_record_added(),
                            on_error=lambda exc: self.ui.error.show_message(describe_error(exc)),
                            owner=self._tasks.owner, label="record satisfaction")

    # ----- drafts

    def _draft_payload(self) -> dict[str, Any]:
        if self._detail is None:
            return {}
        payload: dict[str, Any] = {}
        fields, composer = self.ui.form.changes(), self.ui.worklog.composer_state()
        if fields:
            payload["fields"] = fields
        if composer:
            payload["worklog"] = composer
        return payload

    def _offer_draft(self, draft: DraftInfo) -> None:
        current = self.ui.form.values()
        fields = {k: v for k, v in (draft.payload.get("fields") or {}).items() if k in FIELDS and v != current[k]}
        composer = draft.payload.get("worklog") or {}
        if not fields and not composer:
            self._drafts.discard()
            return
        self._drafts.paused = True
        self.ui.draft_banner.show_message(
            self.tr("Unsaved changes from {} were recovered.").format(local_time_text(draft.updated_at)),
            [(self.tr("Restore"), lambda: self._restore_draft(draft.payload, fields, composer)),
             (self.tr("Discard"), self._discard_recovered_draft)])

    def _restore_draft(self, payload: dict, fields: dict, composer: dict) -> None:
        self.ui.form.apply_values(fields)
        self.ui.worklog.restore_composer(composer)
        self._drafts.adopt(self._ticket_id, payload)
        self._update_dirty()

    def _discard_recovered_draft(self) -> None:
        self._drafts.discard()
        self._drafts.input_changed()

    # ----- reactions

    def _on_form_edited(self) -> None:
        self._update_dirty()

    def _on_tabs_record_added(self, _other_id: str = "") -> None:
        # The change feed marked the ticket stale as the entry committed; this reload reads after that
        # commit, so the refresh it would run is the same read a second time.
        self.stale_detail.stale = False
        self.reload()

    def _on_detail_stale(self) -> None:
        if self._detail is None:  # still loading: that load shows the change
            return
        self._ctx.runner.query(ticket_detail, ticket_id=self._ticket_id, known_worklog=self._detail.worklog,
                               on_done=self._on_refreshed, on_error=self._on_load_failed, owner=self._tasks.owner,
                               label="refresh ticket")

    def _on_refreshed(self, detail: TicketDetail) -> None:
        if self._saving or detail == self._detail:
            return
        if not self.has_unsaved_changes():
            self._show_detail(detail)
            return
        self._show_changed_banner(
            self.tr("This ticket was changed elsewhere. Reload to see the changes; your unsaved edits are kept."))

    def _check_conflicts(self) -> None:
        self._ctx.runner.query(sync_marks.sync_marks, ticket_id=self._ticket_id,
                               on_done=self._on_conflicts_counted, owner=self._tasks.owner, label="ticket conflicts",
                               background=True)

    def _on_conflicts_counted(self, marks: sync_marks.SyncMarks) -> None:
        count = marks.conflicts
        self.refusal_banner.show_refusal(marks.refusal)
        if not count:
            self.conflict_banner.hide()
            return
        ticket_id = self._ticket_id
        self.conflict_banner.show_message(
            self.tr("{0} of your changes to this ticket conflict with changes made on the server. Decide which "
                    "to keep.").format(count) if count > 1 else
            self.tr("One of your changes to this ticket conflicts with a change made on the server. Decide which "
                    "to keep."),
            [(self.tr("Resolve…"), lambda: self._ctx.events.conflict_inbox_requested.emit(ticket_id))])

    def _show_changed_banner(self, message: str) -> None:
        self.ui.changed_banner.show_message(message, [(self.tr("Reload"), self.reload)])

    def _on_events_reference_changed(self) -> None:
        self.ui.form.reload_choices()
        if self._detail is not None:  # names shown in the header, worklog and history
            self.ui.show_detail(self._detail, self._ctx.reference, keep=self.ui.form.changes())

    def event(self, event: QEvent) -> bool:
        # Ctrl+S is claimed before shortcuts are matched, so that a window-wide Save action with the
        # same keys (ambiguous: Qt would run neither) cannot take it from the editor that has focus.
        if event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Save):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self._detail is not None and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = local_files(event.mimeData())
        if self._detail is not None and paths:
            event.acceptProposedAction()
            self.ui.tabs.setCurrentWidget(self.ui.attachments)
            self.ui.attachments.add_files(paths)

    # ----- helpers

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.ui.set_saving(saving)
        self._update_dirty()

    def _update_dirty(self) -> None:
        dirty = self.has_unsaved_changes()
        final = self._detail is not None and self._detail.is_final
        self.ui.save_button.setEnabled(dirty and not self._saving and not final)
        self.ui.revert_button.setEnabled(dirty and not self._saving)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        if self._detail is not None:
            self._set_title("{} • {}{}".format(self._detail.number, one_line(self._detail.title, 40),
                                               " *" if dirty else ""))
        self._drafts.input_changed()

    def _set_title(self, text: str) -> None:
        if text != self._title_text:
            self._title_text = text
            self.title_changed.emit(text)
