"""Macros in the window: one action per macro (palette, Tickets menu, the user's keys, the queue's context menu),
applied to the open ticket or the queue's selection as one operation, undone with the bulk edits' Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.macros import queries as macro_queries
from app.macros.records import MacroRecord, MacroRun, MacroUndo
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.tasks import describe_error
from app.ui.widgets.stale_refresher import StaleRefresher

LISTED = 15  # tickets named in a report before "… and N more"
CONFIRM_ABOVE = 20  # a run on more tickets than this asks first (a reply to each asks from 2)


class MacroController(QObject):
    """Owned by the main window (`window`: its queue, current editor, actions_by_id and bulk edit stack).

    Keeps `actions` (macro id -> QAction) in step with the store: rebuilt when the feed names macros or key
    bindings. A run's undo goes on the window's one undo stack (BulkEditController.push_undo). GUI thread."""

    macros_loaded = Signal(int)
    applied = Signal(object)  # MacroRun
    undone = Signal(object)  # MacroUndo

    def __init__(self, ctx: UiContext, window) -> None:
        super().__init__(window)
        self.ctx = ctx
        self._window = window
        self.actions: dict[str, QAction] = {}
        self.macros: dict[str, MacroRecord] = {}
        self.menu = QMenu(self.tr("Apply &macro"), window)
        self.menu.setObjectName("macros.menu")
        # The Edit menu's Undo leaves Ctrl+Z to a focused text field of the ticket editor; this one always undoes
        # the newest batch (a macro run applied in the editor included).
        self.undo_action = QAction(self.tr("Undo last &macro"), window)
        self.undo_action.setObjectName("macro.undo")
        self.undo_action.triggered.connect(self.undo_last)
        self.manage_action = QAction(self.tr("Manage templates and macros…"), window)
        self.manage_action.setObjectName("macro.manage")
        self.manage_action.triggered.connect(lambda: window.show_page("macros"))
        for act in (self.undo_action, self.manage_action):
            window.addAction(act)
            window.actions_by_id[act.objectName()] = act
        self._stale = StaleRefresher(window, ctx.events, ("macro", "macro_shortcut", REFERENCE), self.refresh)
        window.bulk_edit.undo_changed.connect(self._update_undo)
        tickets = next(a.menu() for a in window.menuBar().actions()
                       if a.menu() is not None and window.actions_by_id["bulk.assign"] in a.menu().actions())
        tickets.addSeparator()
        tickets.addMenu(self.menu)
        window.queue.view.add_context_submenu(self.menu)
        self.refresh()

    # ---- the actions ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.query(macro_queries.list_macros, slot=("macro actions", id(self)), me=self.ctx.me,
                              on_done=self._on_listed, owner=self, label="macros")

    def _on_listed(self, macros: tuple[MacroRecord, ...]) -> None:
        for key, act in self.actions.items():
            self._window.removeAction(act)
            self._window.actions_by_id.pop("macro." + key, None)
            act.deleteLater()
        self.actions, self.macros = {}, {m.id: m for m in macros}
        self.menu.clear()
        for m in macros:
            act = QAction(self.tr("Macro: {0}").format(m.name), self._window)
            act.setObjectName("macro." + m.id)
            act.setToolTip(m.description or m.name)
            if m.keys:
                act.setShortcut(QKeySequence(m.keys))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _checked=False, macro_id=m.id: self.apply(macro_id))
            self._window.addAction(act)
            self._window.actions_by_id[act.objectName()] = act
            self.actions[m.id] = act
            self.menu.addAction(act)
        if not macros:
            self.menu.addAction(self.tr("No macros yet")).setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(self.undo_action)
        self.menu.addAction(self.manage_action)
        self._update_undo()
        self.macros_loaded.emit(len(macros))

    def _update_undo(self) -> None:
        label = self._window.bulk_edit.undo_label()
        self.undo_action.setEnabled(label is not None)
        self.undo_action.setText(self.tr("Undo {0}").format(label) if label else self.tr("Undo last &macro"))

    # ---- a run ---------------------------------------------------------------------------------
    def _target(self) -> tuple[dict, int]:
        """The tickets a run applies to: the open ticket's tab, else the queue's selection."""
        editor = self._window.current_editor()
        if editor is not None and editor.ticket_id:
            return {"ticket_ids": [editor.ticket_id]}, 1
        if self._window.tabs.currentWidget() is self._window.queue:
            rows = self._window.queue.selected_row_ids()
            return {"row_ids": rows}, len(rows)
        return {}, 0

    def apply(self, macro_id: str) -> None:
        macro = self.macros.get(macro_id)
        if macro is None:
            return
        editor = self._window.current_editor()
        if editor is not None and editor.has_unsaved_changes():
            # The macro's changes would meet the form's unsaved ones; the user settles those first.
            self._window.show_message(self.tr("Save or revert this ticket's changes before applying a macro."))
            return
        target, count = self._target()
        if not count:
            self._window.show_message(self.tr("Open a ticket or select tickets in the queue to apply a macro."))
            return
        if count > CONFIRM_ABOVE or (count > 1 and macro.entry_kind == "reply"):
            text = self.tr("Apply “{0}” to %n ticket(s)?", "", count).format(macro.name)
            if macro.entry_kind == "reply":
                text += " " + self.tr("Each requester gets its public reply once the team server mails it.")
            answer = QMessageBox.question(self._window, self.tr("Apply macro"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        from app.macros import run as macro_run  # the write path: not needed to paint the first queue page

        self.ctx.runner.op(macro_run.apply_macro, macro_id=macro_id, actor_id=self.ctx.me, matrix=self.ctx.matrix,
                           on_done=self._on_applied, on_error=self._on_failed, owner=self, label="apply macro",
                           **target)

    def _on_failed(self, error: Exception) -> None:
        self._window.show_error(self.tr("The macro was not applied"), describe_error(error))

    def _on_applied(self, result: MacroRun) -> None:
        label = self.tr("macro “{0}”").format(result.macro_name)
        if result.changed:
            self._window.bulk_edit.push_undo(label, result.batch_id, self._undo_run)
        self.ctx.events.status_message.emit(self.tr("{0}: %n ticket(s) changed, {1} left unchanged. Ctrl+Z in the "
                                                    "queue (or Undo last macro) undoes.", "", len(result.changed))
                                            .format(label, len(result.skipped)))
        if result.skipped:
            self._report(self.tr("Some tickets were left unchanged"),
                         self.tr("%n ticket(s) changed; these refused the macro and are as they were:", "",
                                 len(result.changed)),
                         [f"{number}: {reason}" for number, reason in result.skipped])
        self._update_undo()
        self.applied.emit(result)

    def undo_last(self) -> None:
        """Undo the newest batch on the window's one stack (a macro run or a bulk edit), whatever has focus."""
        self._window.bulk_edit.undo()

    def _undo_run(self, batch_id: str) -> None:
        from app.macros import run as macro_run

        self.ctx.runner.op(macro_run.undo_macro, batch_id=batch_id, actor_id=self.ctx.me, on_done=self._on_undone,
                           on_error=self._on_failed, owner=self, label="undo macro")
        self._update_undo()

    def _on_undone(self, result: MacroUndo) -> None:
        self.ctx.events.status_message.emit(self.tr("Macro undone on %n ticket(s).", "", len(result.changed)))
        lines = [f"{number}: {reason}" for number, reason in result.skipped]
        kinds = {"reply": self.tr("public reply"), "note": self.tr("internal note")}
        lines += [self.tr("{0}: its {1} was already sent to the team server, so it stays").format(
            number, kinds.get(kind, kind)) for number, kind in result.kept_sent]
        if lines:
            text = self.tr("The macro's field changes were undone where nothing changed them since.")
            if result.withdrawn:
                text += " " + self.tr("%n unsent reply or note was taken back.", "", result.withdrawn)
            if result.kept_sent:
                text += " " + self.tr("A sent reply cannot be unsent: it may have been mailed to the requester "
                                      "already. Add a note or a correcting reply if it needs one.")
            self._report(self.tr("Undo of the macro"), text, lines)
        self.undone.emit(result)

    def _report(self, title: str, text: str, lines: list[str]) -> None:
        shown = lines[:LISTED]
        if len(lines) > LISTED:
            shown.append(self.tr("… and {0} more").format(len(lines) - LISTED))
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                          self._window if isinstance(self._window, QWidget) else None)
        box.setObjectName("MacroReport")
        box.setInformativeText("\n".join(shown))
        box.finished.connect(box.deleteLater)
        box.open()
