"""The New ticket dialog: the same fields as the editor, sensible defaults, creation through the runner."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.tickets import ops as ticket_ops
from app.tickets.drafts import DraftInfo, discard_draft, latest_draft
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.ticket.drafts import DraftKeeper
from app.ui.ticket.fields_form import NEW_TICKET_FIELDS, TicketFieldsForm
from app.ui.ticket.labels import local_time_text
from app.ui.widgets.banner import Banner
from app.ui.widgets.inline_error import InlineError

NEW_DRAFT_PREFIX = "new:"


class NewTicketDialog(QDialog):
    """Creates one ticket. Esc or Cancel with input asks whether to keep it as a draft, which the
    next New ticket dialog offers back. GUI thread only."""

    created = Signal(str)  # the new ticket's id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._creating = False
        self.setWindowTitle(self.tr("New ticket"))
        self.form = TicketFieldsForm(ctx, for_new=True, parent=self)
        self.form.set_defaults(self.defaults())
        self.draft_banner = Banner("info", self)
        self.error = InlineError(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = QPushButton(self.tr("&Create"), self)
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._drafts = DraftKeeper(ctx.runner, NEW_DRAFT_PREFIX + uuid.uuid4().hex,
                                   ctx.settings.get("draft_autosave_seconds"), self._draft_payload, self)
        self.form.edited.connect(self._on_form_edited)
        self.resize(640, 760)
        self._update_create()
        self.form.focus_field("title")
        self._look_for_draft()

    def defaults(self) -> dict[str, Any]:
        """An incident by phone (an agent at a desk app is mostly logging a call), Medium x Medium,
        in the user's first group, unassigned."""
        ref, me = self._ctx.reference, self._ctx.me
        my_groups = [g.id for g in ref.groups if me in ref.members.get(g.id, ())]
        return {"type": "incident", "title": "", "description": "", "impact": 2, "urgency": 2, "priority": None,
                "category_id": None, "service_id": None, "ci_id": None, "requester_id": None,
                "group_id": my_groups[0] if my_groups else None, "assignee_id": None, "channel": "phone"}

    # ----- creating

    def create(self) -> None:
        if self._creating or not self._is_valid():
            return
        self.error.clear_message()
        self.form.clear_errors()
        values = self.form.values()
        ticket_type, title = values.pop("type"), values.pop("title")
        if values["priority"] is None:
            del values["priority"]  # follow the matrix
        self._set_creating(True)
        self._ctx.runner.op(ticket_ops.create, ticket_type=ticket_type, title=title, fields=values,
                            actor_id=self._ctx.me, matrix=self._ctx.matrix, on_done=self._on_created,
                            on_error=self._on_create_failed, owner=self, label="create ticket")

    def _on_created(self, created: ticket_ops.CreatedTicket) -> None:
        ticket_id, number = created.id, created.number
        self._set_creating(False)
        self._drafts.discard()
        self.created.emit(ticket_id)
        self._ctx.events.status_message.emit(self.tr("{} created").format(number))
        self.accept()

    def _on_create_failed(self, exc: Exception) -> None:
        self._set_creating(False)
        message = describe_error(exc)
        if not self.form.show_error(getattr(exc, "field", None), message):
            self.error.show_message(message)

    def _set_creating(self, creating: bool) -> None:
        self._creating = creating
        self.create_button.setText(self.tr("Creating…") if creating else self.tr("&Create"))
        self._update_create()

    def _is_valid(self) -> bool:
        return not self.form.title_problem()

    def _update_create(self) -> None:
        valid = self._is_valid()
        self.create_button.setEnabled(valid and not self._creating)
        self.create_button.setToolTip("" if valid else self.tr("Write a title first."))

    def _on_form_edited(self) -> None:
        self._update_create()
        self._drafts.input_changed()

    # ----- closing without creating

    def reject(self) -> None:
        """Esc and Cancel: never lose typed input silently."""
        if self._creating:
            return
        if self.form.changes():
            choice = self._ask_keep_draft()
            if choice == QMessageBox.StandardButton.Cancel:
                return
            if choice == QMessageBox.StandardButton.Save:
                self._drafts.flush()
            else:
                self._drafts.discard()
        super().reject()

    def _ask_keep_draft(self) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("New ticket"),
                          self.tr("Keep this new ticket as a draft?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Keep draft"))
        box.setInformativeText(self.tr("The next New ticket dialog offers it back."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    # ----- drafts

    def _draft_payload(self) -> dict[str, Any]:
        return {"fields": self.form.values()} if self.form.changes() else {}

    def _look_for_draft(self) -> None:
        self._ctx.runner.query(latest_draft, prefix=NEW_DRAFT_PREFIX, on_done=self._on_draft_found, owner=self,
                               label="find new-ticket draft")

    def _on_draft_found(self, draft: DraftInfo | None) -> None:
        if draft is None or self._creating:
            return
        self.draft_banner.show_message(
            self.tr("An unfinished new ticket from {} was kept.").format(local_time_text(draft.updated_at)),
            [(self.tr("Restore"), lambda: self._restore_draft(draft)),
             (self.tr("Discard"), lambda: self._discard_draft(draft.key))])

    def _restore_draft(self, draft: DraftInfo) -> None:
        fields = {k: v for k, v in (draft.payload.get("fields") or {}).items() if k in NEW_TICKET_FIELDS}
        self._drafts.discard()  # whatever this dialog autosaved so far is replaced by the restored draft
        self.form.apply_values(fields)
        self._drafts.adopt(draft.key, draft.payload)

    def _discard_draft(self, key: str) -> None:
        self._ctx.runner.op(discard_draft, key=key, label="discard draft")
