"""New caller…: add a requester from the ticket form without leaving the ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from app.people import ops as people_ops
from app.people.directory import PersonRecord
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.person_form import PersonForm


class NewCallerDialog(QDialog):
    """Creates one person through `people_ops.create_person` (audited, queued for the server) and emits
    `created` with the record; a refused value is shown under its field and nothing is lost. GUI thread."""

    created = Signal(object)  # PersonRecord

    def __init__(self, ctx: UiContext, prefill: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._creating = False
        self.setWindowTitle(self.tr("New caller"))
        self.form = PersonForm(parent=self)
        self.form.set_site_names(ctx.reference.sites)
        self.form.set_values(prefill or {})
        self.error = InlineError(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = QPushButton(self.tr("&Add caller"), self)
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.form.focus_name()

    def add(self) -> None:
        if self._creating:
            return
        self.form.clear_errors()
        self.error.clear_message()
        self._creating = True
        self.create_button.setEnabled(False)
        self._ctx.runner.op(people_ops.create_person, values=self.form.values(), actor_id=self._ctx.me,
                            on_done=self._on_created, on_error=self._on_create_failed, owner=self,
                            label="add caller")

    def _on_created(self, record: PersonRecord) -> None:
        self._creating = False
        self.created.emit(record)
        self._ctx.events.status_message.emit(self.tr("{0} added").format(record.name))
        self.accept()

    def _on_create_failed(self, exc: Exception) -> None:
        self._creating = False
        self.create_button.setEnabled(True)
        message = describe_error(exc)
        if not self.form.show_error(getattr(exc, "field", None), message):
            self.error.show_message(message)
