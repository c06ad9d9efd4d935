"""The banner of a ticket or change the server refused: its reason, Send again and Discard… (asked first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QMessageBox, QWidget

from app.sync import refused_work as refusals
from app.ui.tasks import TaskRunner, describe_error
from app.ui.widgets.banner import Banner


class RefusalBanner(Banner):
    """Shows `refusals.Refusal` of one record (`kind` "ticket", "change" or "ci") and settles it on the runner.

    The editor decides when settling may start (`can_settle`: False while its form holds unsaved edits,
    since what goes out again is what is saved) and where errors are said (`failed`). GUI thread only.
    """

    settled = Signal(object)  # what send_again / discard answered; "row" when the record itself is gone
    record_gone = Signal()  # the refused record was discarded: its editor has nothing left to edit
    failed = Signal(str)  # a message in words for the editor's error line

    def __init__(self, runner: TaskRunner, kind: str, *, number: Callable[[], str],
                 can_settle: Callable[[], bool], details: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("warning", parent)
        self._runner = runner
        self._kind = kind
        self._number = number
        self._can_settle = can_settle
        self._details = details

    def place_below(self, widget: QWidget) -> None:
        """Stand in `widget`'s column (a box layout), just below it."""
        parent = widget.parentWidget()
        column = parent.layout() if parent is not None else None
        if not isinstance(column, QBoxLayout):
            raise TypeError("A refusal banner stands below a widget in a box layout.")
        column.insertWidget(column.indexOf(widget) + 1, self)

    def show_refusal(self, refusal: refusals.Refusal | None) -> None:
        if refusal is None:
            self.hide()
            return
        reason = refusal.reason or self.tr("no reason given")
        actions = [(self.tr("Send again"), lambda: self._settle(refusal, "send_again")),
                   (self.tr("Discard…"), lambda: self._settle(refusal, "discard"))]
        if self._details is not None:
            actions.append((self.tr("Details…"), self._details))
        self.show_message(self._message(refusal, reason), actions)

    def _message(self, refusal: refusals.Refusal, reason: str) -> str:
        if self._kind == "ci":
            if refusal.create_refused:
                return self.tr("The server refused this CI: {0}. It is kept on this desk; change what the server "
                               "objects to, then send it again.").format(reason)
            return self.tr("The server refused {0} of your edits to this CI or its relations: {1}. They stay "
                           "shown here until you send them again or discard them.").format(refusal.count, reason)
        if self._kind == "change":
            if refusal.create_refused:
                return self.tr("The server refused this change: {0}. It is kept here with everything you typed; "
                               "change what the server objects to, then send it again.").format(reason)
            return self.tr("The server refused {0} of your edits to this change: {1}. They stay shown here "
                           "until you send them again or discard them.").format(refusal.count, reason)
        if refusal.create_refused:
            return self.tr("The server refused this ticket: {0}. It is kept here with everything you typed; "
                           "change what the server objects to, then send it again.").format(reason)
        return self.tr("The server refused {0} of your changes to this ticket: {1}. They stay shown "
                       "here until you send them again or discard them.").format(refusal.count, reason)

    def _settle(self, refusal: refusals.Refusal, how: str) -> None:
        if not self._can_settle():
            self.show()
            self.failed.emit(self.tr("Save or revert your edits first, then send again or discard."))
            return
        if how == "discard" and not self.confirm_discard(refusal):
            self.show()
            return
        action = refusals.send_again if how == "send_again" else refusals.discard
        self._runner.op(action, conflict_id=refusal.conflict_id, on_done=self._on_settled, on_error=self._on_failed,
                        owner=self, label=f"settle {self._kind} refusal")

    def _on_settled(self, result: Any) -> None:
        self.settled.emit(result)
        if result == "row":
            self.record_gone.emit()

    def _on_failed(self, exc: Exception) -> None:
        self.show()
        self.failed.emit(describe_error(exc))

    def confirm_discard(self, refusal: refusals.Refusal) -> bool:
        """Asked before refused work is dropped (a method of its own, so tests can answer it)."""
        number = self._number()
        if refusal.create_refused:
            text = self.tr("Delete {0} from this desk? The server never had it, so it is gone for good.")
        elif self._kind in ("change", "ci"):
            text = self.tr("Drop your refused edits to {0} and show the server's values again?")
        else:
            text = self.tr("Drop your refused changes to {0} and show the server's values again?")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard refused work"), text.format(number),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard
