"""The worklog tab: the conversation (request, public replies, internal notes) and the composer."""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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
from app.ui.events import REFERENCE
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.ticket.labels import minutes_text
from app.ui.ticket.template_picker import ComposerTemplates
from app.ui.ticket.ticket_tasks import TicketTasks
from app.ui.ticket.worklog_list import WorklogList
from app.ui.ticket.worklog_model import request_item
from app.ui.widgets.colours import COMPOSER
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.style_sheet import set_style_sheet
from core.tickets.children import SENT_VIA

WEEK_MINUTES = 7 * 24 * 60
_KIND, _SPENT = attrgetter("kind"), attrgetter("time_spent_minutes")


class WorklogView(QWidget):
    """Shows a ticket's conversation and appends replies and notes through the task runner."""

    entry_added = Signal()
    composer_changed = Signal()
    original_open_requested = Signal(str)  # a received mail's original .eml (attachment id): open it
    original_save_requested = Signal(str)

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id = ticket_id
        self._shown_ticket = ""
        self._adding = False
        self._tasks = TicketTasks(self)
        self._summary = QLabel(self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        cards = WorklogList(self)  # (self.thread's name hides QObject.thread() from mypy: connect here)
        self.thread = cards
        self.thread.setAccessibleName(self.tr("Worklog"))
        cards.original_open_requested.connect(self.original_open_requested)
        cards.original_save_requested.connect(self.original_save_requested)
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
        # How a public reply reaches the requester: mailed by the team server (None), or given through
        # another channel that the agent records (SENT_VIA).
        self.given_by = QComboBox(self)
        self.given_by.setAccessibleName(self.tr("Reply given by"))
        self.given_by.addItem("", None)
        for key, label in SENT_VIA.items():
            self.given_by.addItem(QCoreApplication.translate("SentVia", label), key)
        self._given_label = QLabel(self.tr("&Given by"), self)
        self._given_label.setBuddy(self.given_by)
        self._requester_email: str | None = None
        self._shown_mode = ""  # the mail_mode() the composer's line was written for
        self._audience = QLabel(self)
        self._audience.setWordWrap(True)
        self._audience.setTextFormat(Qt.TextFormat.PlainText)  # an address is shown as typed, never as markup
        self.error = InlineError(self)
        self.templates = ComposerTemplates(ctx, self)  # Template… and Ctrl+Shift+T (issue 13)
        self._build()
        kinds.buttonToggled.connect(self._on_kind_toggled)
        self.given_by.currentIndexChanged.connect(self._on_kind_toggled)
        self.body.textChanged.connect(self._on_body_changed)
        self.minutes.valueChanged.connect(self._on_body_changed)
        self.add_button.clicked.connect(self.add_entry)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.body, self.add_entry,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # A sign-in (or out) reloads the reference data: the line over a reply follows the desk's server.
        self._stale_mode = StaleRefresher(self, ctx.events, (REFERENCE,), self._on_reference_changed)
        self._on_kind_toggled()
        self._on_body_changed()

    def _on_reference_changed(self) -> None:
        if self.mail_mode() != self._shown_mode:
            self._on_kind_toggled()

    def _build(self) -> None:
        composer = QWidget(self)
        column = QVBoxLayout(composer)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self._audience, 1)
        top.addWidget(self.templates.button)  # Template… (Ctrl+Shift+T)
        column.addLayout(top)
        # Three lines to write in, whatever the window's height: the splitters and the editor's column keep them.
        margins = self.body.contentsMargins()
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 3 + margins.top() + margins.bottom()
                                   + math.ceil(2 * self.body.document().documentMargin()))
        column.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addWidget(self.reply)
        row.addWidget(self.note)
        row.addSpacing(16)
        row.addWidget(self._given_label)
        row.addWidget(self.given_by)
        row.addSpacing(16)
        spent = QLabel(self.tr("Time spe&nt"), composer)
        spent.setBuddy(self.minutes)
        row.addWidget(spent)
        row.addWidget(self.minutes)
        row.addStretch(1)
        row.addWidget(self.add_button)
        column.addLayout(row)
        column.addWidget(self.templates.note)
        column.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.thread)
        splitter.addWidget(composer)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)  # the tab's pane has a frame of its own
        layout.addWidget(self._summary)
        layout.addWidget(splitter, 1)

    def ticket_id(self) -> str:
        return self._ticket_id

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
        self.given_by.setCurrentIndex(0)
        self._requester_email = None
        self.reply.setEnabled(True)
        self.reply.setToolTip("")
        self.error.clear_message()
        self.templates.reset()
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
        if detail.requester_email != self._requester_email:  # the line over a reply names it
            self._requester_email = detail.requester_email
            self._on_kind_toggled()
        # Without the older entries (a first read of a long worklog) the request, the oldest card, waits for them.
        partial = detail.worklog_earlier[0] > 0
        rows = [*([] if partial else [request_item(requester, detail.created_at, detail.description)]),
                *detail.worklog]
        model = self.thread.model()
        shown = model.rowCount()
        older = self._older_than_held(detail.id, rows, model.held_rows())
        if older:
            model.prepend_held(rows[:older])  # the rest of a long worklog, under the cards on screen
        if detail.id == self._shown_ticket and model.is_prefix_of(rows):
            model.update_rows(rows[:model.held()])  # a reply's mail state the team server changed
            model.append_rows(rows[model.held():])  # the usual refresh: nothing, or the entries just added
            if model.rowCount() != shown:
                self.thread.scrollToBottom()  # something new: show the latest
        else:
            self.thread.show_items(rows)
        self._shown_ticket = detail.id
        # Counted in C loops (map): a Python loop over the 5,000 entries of the largest ticket was ~1-3 ms of the
        # turn that fills the editor.
        earlier, earlier_replies, earlier_spent = detail.worklog_earlier
        replies = list(map(_KIND, detail.worklog)).count("reply") + earlier_replies
        spent = sum(map(_SPENT, detail.worklog)) + earlier_spent
        self._summary.setText(self.tr("Public replies: {} · Internal notes: {} · Time logged: {}").format(
            replies, len(detail.worklog) + earlier - replies, minutes_text(spent)))

    def _older_than_held(self, ticket_id: str, rows: list, held: Sequence) -> int:
        """How many of `rows` come before the `held` ones (the model's) when those are a first read's newest entries
        of this ticket and `rows` are all of them (the request first): the held rows appear in `rows` from there."""
        if ticket_id != self._shown_ticket or not held or not rows or held[0].kind == "request" \
                or rows[0].kind != "request":
            return 0
        first = held[0].id
        at = next((i for i, row in enumerate(rows) if row.id == first), -1)
        return at if at > 0 and len(rows) - at >= len(held) else 0

    # ----- the composer

    def has_text(self) -> bool:
        return bool(self.body.toPlainText().strip())

    def composer_state(self) -> dict:
        """What the composer holds, for a draft; empty when there is nothing to keep."""
        if not self.has_text():
            return {}
        state: dict[str, object] = {"kind": "reply" if self.reply.isChecked() else "note",
                                    "body": self.body.toPlainText(), "minutes": self.minutes.value()}
        if self.sent_via() is not None:
            state["sent_via"] = self.sent_via()
        return state

    def restore_composer(self, state: dict) -> None:
        if not state.get("body"):
            return
        (self.reply if state.get("kind") == "reply" else self.note).setChecked(True)
        self.minutes.setValue(int(state.get("minutes") or 0))
        self.given_by.setCurrentIndex(max(0, self.given_by.findData(state.get("sent_via"))))
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
                            sent_via=self.sent_via(),
                            on_done=self._on_add_done, on_error=self._on_add_failed, owner=self._tasks.owner,
                            label="add worklog entry")

    def _on_add_done(self, _result) -> None:
        self._adding = False
        self.given_by.setCurrentIndex(0)  # the next reply's channel is chosen again, never carried over
        self.body.clear()
        self.minutes.setValue(0)
        self._on_body_changed()
        self.entry_added.emit()

    def _on_add_failed(self, exc: Exception) -> None:
        self._adding = False
        self.error.show_message(describe_error(exc))
        self._on_body_changed()

    def sent_via(self) -> str | None:
        """The channel a public reply was given through; None: the team server mails it (or a note)."""
        return self.given_by.currentData() if self.reply.isChecked() else None

    def mail_mode(self) -> str:
        """How this desk's public replies leave: "mail" (a team server that mails them), "no_mail" (a
        team server without mail), "standalone" (no team server: nothing leaves this desk)."""
        settings = self._ctx.settings
        if not settings.get("server_url") or not settings.get("sync_user"):
            return "standalone"
        return "mail" if settings.get("server_mail") else "no_mail"

    def delivery_text(self) -> str:
        """The truthful line over a public reply: where it goes, or that it goes nowhere by itself."""
        via = self.sent_via()
        if via is not None:
            return self.tr("Public reply given by {}: recorded here, not mailed. It counts as the first "
                           "response now.").format(self.given_by.currentText().lower())
        mode = self.mail_mode()
        if mode == "standalone":
            return self.tr("Mail needs a team server: this desk works alone and mails nothing. Record how you "
                           "gave the reply (Given by), or it does not reach the requester.")
        if mode == "no_mail":
            return self.tr("The team server does not send mail: this reply is not mailed. Record how you gave "
                           "it (Given by), or it does not reach the requester.")
        if not self._requester_email:
            return self.tr("The requester has no mail address: the team server cannot mail this reply. Record "
                           "how you gave it (Given by).")
        return self.tr("Mailed to {} by the team server (the response clock stops when it is sent).").format(
            self._requester_email)

    def _on_kind_toggled(self, *_args) -> None:
        reply = self.reply.isChecked()
        self.given_by.setVisible(reply)
        self._given_label.setVisible(reply)
        self._shown_mode = self.mail_mode()
        mailed = self._shown_mode == "mail" and bool(self._requester_email)
        self.given_by.setItemText(0, self.tr("Mail (team server)") if mailed else self.tr("Not given yet"))
        if reply:
            self._audience.setText(self.delivery_text())
            set_style_sheet(self.body, "QPlainTextEdit {{ background: {}; color: {}; }}".format(
                *COMPOSER[is_dark()]["reply"]))
            self.add_button.setText(self.tr("Send reply") if mailed and self.sent_via() is None
                                    else self.tr("Record reply"))
        else:
            self._audience.setText(self.tr("Internal note: only agents see this."))
            set_style_sheet(self.body, "QPlainTextEdit {{ background: {}; color: {}; }}".format(
                *COMPOSER[is_dark()]["note"]))
            self.add_button.setText(self.tr("Add note"))
        self.body.setPlaceholderText(self.tr("Write here; Ctrl+Shift+T inserts a template, Ctrl+Enter adds it to the "
                                             "worklog."))
        self.composer_changed.emit()

    def _on_body_changed(self, *_args) -> None:
        self.add_button.setEnabled(self.has_text() and not self._adding)
        self.composer_changed.emit()
