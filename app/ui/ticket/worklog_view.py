"""The worklog tab: the conversation (request, public replies, internal notes) and the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.tickets import ops as ticket_ops
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.ticket.labels import minutes_text
from app.ui.ticket.ticket_tasks import TicketTasks
from app.ui.ticket.worklog_list import WorklogList
from app.ui.ticket.worklog_model import request_item
from app.ui.widgets.colours import COMPOSER
from app.ui.widgets.inline_error import InlineError

WEEK_MINUTES = 7 * 24 * 60


class WorklogView(QWidget):
    """Shows a ticket's conversation and appends replies and notes through the task runner."""

    entry_added = Signal()
    composer_changed = Signal()

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id = ticket_id
        self._shown_ticket = ""
        self._adding = False
        self._tasks = TicketTasks(self)
        self._summary = QLabel(self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self.thread = WorklogList(self)
        self.thread.setAccessibleName(self.tr("Worklog"))
        self.body = QPlainTextEdit(self)
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(self.tr("New worklog entry"))
        self.reply = QRadioButton(self.tr("Pu&blic reply"), self)
        self.note = QRadioButton(self.tr("Interna&l note"), self)
        self.note.setChecked(True)  # nothing reaches the requester unless the agent chooses so
        kinds = QButtonGroup(self)
        kinds.addButton(self.reply)
        kinds.addButton(self.note)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, WEEK_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Time spent in minutes"))
        self.add_button = QPushButton(self)
        self.add_button.setDefault(False)
        self._audience = QLabel(self)
        self.error = InlineError(self)
        self._build()
        kinds.buttonToggled.connect(self._on_kind_toggled)
        self.body.textChanged.connect(self._on_body_changed)
        self.minutes.valueChanged.connect(self._on_body_changed)
        self.add_button.clicked.connect(self.add_entry)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.body, self.add_entry,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_kind_toggled()
        self._on_body_changed()

    def _build(self) -> None:
        composer = QWidget(self)
        column = QVBoxLayout(composer)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self._audience)
        column.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addWidget(self.reply)
        row.addWidget(self.note)
        row.addSpacing(16)
        spent = QLabel(self.tr("Time spe&nt"), composer)
        spent.setBuddy(self.minutes)
        row.addWidget(spent)
        row.addWidget(self.minutes)
        row.addStretch(1)
        row.addWidget(self.add_button)
        column.addLayout(row)
        column.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.thread)
        splitter.addWidget(composer)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(splitter, 1)

    def set_ticket(self, ticket_id: str) -> None:
        """Make this view (reused) one of `ticket_id`: no card, composer text, choice or error stays."""
        self._tasks.renew()
        self._ticket_id = ticket_id
        self._shown_ticket = ""
        self._adding = False
        self.thread.show_items([])
        self.body.clear()
        self.body.document().clearUndoRedoStacks()
        self.minutes.setValue(0)
        self.note.setChecked(True)
        self.reply.setEnabled(True)
        self.reply.setToolTip("")
        self.error.clear_message()
        self._summary.clear()
        self._on_body_changed()

    # ----- the conversation

    def set_detail(self, detail: TicketDetail) -> None:
        # A final ticket takes internal notes only (app.tickets.worklog); the reply choice says why.
        if detail.is_final and self.reply.isChecked():
            self.note.setChecked(True)
        self.reply.setEnabled(not detail.is_final)
        self.reply.setToolTip(self.tr("{0} is final: it takes internal notes, not replies.").format(detail.number)
                              if detail.is_final else "")
        requester = self._ctx.reference.name_of("requesters", detail.requester_id)
        rows = [request_item(requester, detail.created_at, detail.description), *detail.worklog]
        model = self.thread.model()
        shown = model.rowCount()
        if detail.id == self._shown_ticket and model.is_prefix_of(rows):
            model.append_rows(rows[model.held():])  # the usual refresh: nothing, or the entries just added
            if model.rowCount() != shown:
                self.thread.scrollToBottom()  # something new: show the latest
        else:
            self.thread.show_items(rows)
        self._shown_ticket = detail.id
        replies = sum(item.kind == "reply" for item in detail.worklog)
        spent = sum(item.time_spent_minutes for item in detail.worklog)
        self._summary.setText(self.tr("Public replies: {} · Internal notes: {} · Time logged: {}").format(
            replies, len(detail.worklog) - replies, minutes_text(spent)))

    # ----- the composer

    def has_text(self) -> bool:
        return bool(self.body.toPlainText().strip())

    def composer_state(self) -> dict:
        """What the composer holds, for a draft; empty when there is nothing to keep."""
        if not self.has_text():
            return {}
        return {"kind": "reply" if self.reply.isChecked() else "note", "body": self.body.toPlainText(),
                "minutes": self.minutes.value()}

    def restore_composer(self, state: dict) -> None:
        if not state.get("body"):
            return
        (self.reply if state.get("kind") == "reply" else self.note).setChecked(True)
        self.minutes.setValue(int(state.get("minutes") or 0))
        self.body.setPlainText(str(state["body"]))

    def add_entry(self) -> None:
        """Append the composer's text as a reply or note; the text stays if the store refuses it."""
        if not self.has_text() or self._adding:
            return
        self.error.clear_message()
        self._adding = True
        self.add_button.setEnabled(False)
        self._ctx.runner.op(ticket_ops.add_entry, ticket_id=self._ticket_id,
                            kind="reply" if self.reply.isChecked() else "note", body=self.body.toPlainText(),
                            actor_id=self._ctx.me, time_spent_minutes=self.minutes.value(),
                            on_done=self._on_add_done, on_error=self._on_add_failed, owner=self._tasks.owner,
                            label="add worklog entry")

    def _on_add_done(self, _result) -> None:
        self._adding = False
        self.body.clear()
        self.minutes.setValue(0)
        self._on_body_changed()
        self.entry_added.emit()

    def _on_add_failed(self, exc: Exception) -> None:
        self._adding = False
        self.error.show_message(describe_error(exc))
        self._on_body_changed()

    def _on_kind_toggled(self, *_args) -> None:
        if self.reply.isChecked():
            self._audience.setText(self.tr("Public reply: the requester sees this."))
            self.body.setStyleSheet("QPlainTextEdit {{ background: {}; color: {}; }}".format(
                *COMPOSER[is_dark()]["reply"]))
            self.add_button.setText(self.tr("Send reply"))
        else:
            self._audience.setText(self.tr("Internal note: only agents see this."))
            self.body.setStyleSheet("QPlainTextEdit {{ background: {}; color: {}; }}".format(
                *COMPOSER[is_dark()]["note"]))
            self.add_button.setText(self.tr("Add note"))
        self.body.setPlaceholderText(self.tr("Write here; Ctrl+Enter adds it to the worklog."))
        self.composer_changed.emit()

    def _on_body_changed(self, *_args) -> None:
        self.add_button.setEnabled(self.has_text() and not self._adding)
        self.composer_changed.emit()
