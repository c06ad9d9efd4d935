"""The queue's problem actions: Link selected to problem… and Create problem from selected incidents…,
in the Tickets menu, the palette and the table's context menu; each batch joins the bulk undo stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from app.tickets.records import BulkResult
from app.ui.context import UiContext

if TYPE_CHECKING:
    from app.problems.records import CreatedProblem
    from app.ui.widgets.problem_picker import ProblemPickerDialog


class QueueProblemActions(QObject):
    """Made by the main window (`window`: its queue, bulk_edit, actions_by_id and menus). GUI thread."""

    def __init__(self, ctx: UiContext, window) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window_ = window
        self.link_action = QAction(self.tr("&Link selected to problem…"), window)
        self.link_action.setObjectName("problem.link_selected")
        self.link_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.create_action = QAction(self.tr("Create p&roblem from selected incidents…"), window)
        self.create_action.setObjectName("problem.create_from_selected")
        for act, handler in ((self.link_action, self.link_selected), (self.create_action, self.create_from_selected)):
            act.triggered.connect(handler)
            window.addAction(act)
            window.actions_by_id[act.objectName()] = act  # the palette lists every window action
        menu = next((a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)
                     and window.actions_by_id["bulk.assign"] in a.menu().actions()), None)
        if menu is not None:
            menu.addSeparator()
            menu.addActions([self.link_action, self.create_action])
        separator = QAction(window)
        separator.setSeparator(True)
        window.queue.view.addActions([separator, self.link_action, self.create_action])  # the table's context menu
        window.queue.selection_changed.connect(self._on_queue_selection_changed)
        self._on_queue_selection_changed(0)

    def _on_queue_selection_changed(self, _count: int) -> None:
        chosen = bool(self.window_.queue.selected_row_ids())
        self.link_action.setEnabled(chosen)
        self.create_action.setEnabled(chosen)

    def link_selected(self) -> None:
        row_ids = self.window_.queue.selected_row_ids()
        if not row_ids:
            return
        # The problem modules load when first used: the window builds these actions before the first queue page.
        from app.ui.widgets.problem_picker import ProblemPickerDialog

        dialog = ProblemPickerDialog(self.ctx, self.tr("Link to problem"),
                                     self.tr("Link the %n selected incident(s) to a problem. Ctrl+Z undoes.", "",
                                             len(row_ids)), self.window_)
        dialog.accepted.connect(lambda: self._on_picker_accepted(dialog, row_ids))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.picker = dialog

    def _on_picker_accepted(self, dialog: ProblemPickerDialog, row_ids: list[int]) -> None:
        chosen = dialog.chosen()
        if chosen is None:
            return
        problem_id, number = chosen
        label = self.tr("Link to {0}").format(number)
        from app.problems import ops as problem_ops

        self.ctx.runner.op(problem_ops.link_rows, problem_id=problem_id, row_ids=row_ids, actor_id=self.ctx.me,
                           on_done=lambda result: self._on_linked(label, result), owner=self, label="link to problem")

    def _on_linked(self, label: str, result: BulkResult) -> None:
        self.window_.bulk_edit.applied(label, result)

    def create_from_selected(self) -> None:
        row_ids = self.window_.queue.selected_row_ids()
        if not row_ids:
            return
        title, ok = QInputDialog.getText(self.window_, self.tr("Create problem"),
                                         self.tr("Problem statement (title) for the %n selected incident(s):", "",
                                                 len(row_ids)))
        if not ok or not title.strip():
            return
        from app.problems import ops as problem_ops

        self.ctx.runner.op(problem_ops.create_from_incidents, row_ids=row_ids, title=title, actor_id=self.ctx.me,
                           matrix=self.ctx.matrix, on_done=self._on_created,
                           on_error=lambda exc: self.window_.show_error(self.tr("Create problem"), str(exc)),
                           owner=self, label="create problem")

    def _on_created(self, created: CreatedProblem) -> None:
        result = BulkResult(batch_id=created.batch_id, changed=created.linked, skipped=created.skipped)
        self.window_.bulk_edit.applied(self.tr("Link to new problem {0}").format(created.number), result)
        self.ctx.events.open_problem_requested.emit(created.id)
