"""The ticket editor's knowledge panel: the best articles for the ticket's text, service and CI, updated as the
agent types; insert an article (or its steps) into the reply, mark "this solved it", flag an article, capture
a new one from the resolved ticket."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.knowledge import ops as knowledge_ops
from app.knowledge import queries as knowledge_queries
from app.knowledge.markdown import as_reply_text
from app.knowledge.records import ArticleDetail, Suggestion
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.labels import label_text
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.segments_delegate import SEGMENTS_ROLE, SNIPPET_ROLE, SegmentsDelegate
from app.ui.widgets.stale_refresher import StaleRefresher
from core.knowledge.rules import FLAG_REASONS

# The pause after a keystroke before the suggestions are asked for: with the query's few milliseconds the
# list is current within 50 ms of the pause.
DEBOUNCE_MS = 30
COMPOSER_TAIL = 600  # the reply being written counts with its last characters
ID_ROLE = Qt.ItemDataRole.UserRole


class FlagDialog(QDialog):
    """Why an article is wrong, with a comment (required)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Flag {0}").format(title[:60]))
        self.reason = QComboBox(self)
        for key, label in FLAG_REASONS.items():
            self.reason.addItem(label_text(label), key)
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("What is wrong, and what worked instead"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow(self.buttons)


class KnowledgeSuggestions(QWidget):
    """Reads app.knowledge.queries.suggestions on a debounce (a newer query cancels the older one in its slot)
    and writes through app.knowledge.ops. GUI thread only."""

    suggestions_shown = Signal(int)  # how many suggestions are on screen now
    inserted = Signal(str)  # an article id whose text went into the reply
    solved = Signal(str)  # an article counted as solving this ticket

    def __init__(self, ctx: UiContext, form, composer: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KnowledgeSuggestions")
        self._ctx, self._form, self._composer = ctx, form, composer
        self._ticket: TicketDetail | None = None
        self._asked = ""
        self.flag_dialog: FlagDialog | None = None
        self.heading = QLabel(self.tr("Knowledge"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model = QStandardItemModel(self)
        self.list = QListView(self)
        self.list.setObjectName("SuggestionList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(SegmentsDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(lambda _i: self.open_current())
        self.list.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.error = InlineError(self)
        self.steps_button = self._button(self.tr("Insert steps"), self.tr("Put the article's numbered steps into the "
                                                                         "reply"), lambda: self.insert(True))
        self.insert_button = self._button(self.tr("Insert"), self.tr("Put the whole article into the reply"),
                                          lambda: self.insert(False))
        self.solved_button = self._button(self.tr("This solved it"), self.tr("Link the article to this ticket and "
                                                                             "count the reuse"), self.mark_solved)
        self.flag_button = self._button(self.tr("Flag…"), self.tr("Report the article as wrong, with a comment"),
                                        self.flag)
        self.open_button = self._button(self.tr("Open"), self.tr("Show the article on the Knowledge page"),
                                        self.open_current)
        self.capture_button = self._button(self.tr("New article from ticket"),
                                           self.tr("Capture the resolution as a new article (work in progress)"),
                                           self.capture)
        buttons = QHBoxLayout()
        for b in (self.steps_button, self.insert_button, self.solved_button, self.flag_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.capture_button)  # not beside the heading: a row of buttons there is a row taller
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.list, 1)
        column.addWidget(self.error)
        column.addLayout(buttons)
        # A pulled or saved article may change what is suggested: asked again once visible.
        self._stale = StaleRefresher(self, ctx.events, ("article",), self._on_articles_changed)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        form.edited.connect(self._timer.start)
        composer.textChanged.connect(self._timer.start)
        # One suggestion (two lines) at the least, and more as the window grows: at 1280×720 with the CI hint and
        # the problem strip shown, more left the worklog's composer no room to write in.
        self.list.setMinimumHeight(self.fontMetrics().height() * 2 + 8 + 2 * self.list.frameWidth())
        self._update_buttons()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # ----- what the ticket says

    def set_ticket(self, _ticket_id: str) -> None:
        """The editor (reused) shows another ticket: nothing of the previous one stays."""
        self._ticket, self._asked = None, ""
        self.model.clear()
        self.error.clear_message()
        self.heading.setText(self.tr("Knowledge"))
        self._update_buttons()

    def set_detail(self, detail: TicketDetail) -> None:
        self._ticket = detail
        self._asked = ""
        self._update_buttons()
        self.refresh(background=True)

    def _on_articles_changed(self) -> None:
        self._asked = ""
        self.refresh(background=True)

    def ticket_text(self) -> str:
        values = self._form.values()
        reply = self._composer.toPlainText()[-COMPOSER_TAIL:]
        return "\n".join(str(v) for v in (values.get("title"), values.get("description"), reply) if v)

    def refresh(self, *, background: bool = False) -> None:
        """Ask for the suggestions of the text as it now stands. `background`: not awaited at once (a ticket just
        opened, an article changed): read on the runner's background thread, after the reads the user waits for."""
        if self._ticket is None:
            return
        values = self._form.values()
        service, ci = values.get("service_id"), values.get("ci_id")
        text = self.ticket_text()
        key = f"{text}\x00{service}\x00{ci}"
        if key == self._asked:
            return
        self._asked = key
        self._ctx.runner.query(knowledge_queries.suggestions, slot=("knowledge-suggestions", id(self)), owner=self,
                               on_done=self._on_suggestions_loaded, on_error=self._on_failed,
                               label="knowledge suggestions", ticket_text=text, service_id=service, ci_id=ci,
                               has_fts=self._ctx.has_fts, background=background)

    def _on_suggestions_loaded(self, found: tuple[Suggestion, ...]) -> None:
        current = self.current_id()
        self.model.clear()
        for s in found:
            item = QStandardItem()
            item.setData(s.id, ID_ROLE)
            item.setData(((f"{s.number}  ", False), *s.title), SEGMENTS_ROLE)
            why = ", ".join(label_text(w) for w in s.why)
            item.setData(((self.tr("{0} · used {1}× · {2} — ").format(self._confidence(s.confidence), s.use_count,
                                                                        why), False), *s.snippet), SNIPPET_ROLE)
            item.setData("".join(p for p, _ in s.title), Qt.ItemDataRole.ToolTipRole)
            item.setSizeHint(item.sizeHint().expandedTo(self.list.fontMetrics().boundingRect("Xg").size() * 2))
            item.setData("".join(p for p, _ in s.title), Qt.ItemDataRole.DisplayRole)
            self.model.appendRow(item)
        self.list.setGridSize(self.list.gridSize())
        rows = [i for i in range(self.model.rowCount()) if self.model.item(i).data(ID_ROLE) == current]
        self.list.setCurrentIndex(self.model.index(rows[0] if rows else 0, 0))
        # Said in the heading, not on a line of its own: shown and hidden per ticket, that line changed the panel's
        # height, and the tabs above were laid out and painted again (~10 ms of the GUI thread).
        self.heading.setText(self.tr("Knowledge: %Ln suggestion(s)", "", len(found)) if found else
                             self.tr("Knowledge: no article matches this ticket yet"))
        self._update_buttons()
        self.suggestions_shown.emit(len(found))

    def _confidence(self, key: str) -> str:
        return {"wip": self.tr("Work in progress"), "not_validated": self.tr("Not validated"),
                "validated": self.tr("Validated")}.get(key, key)

    def _on_failed(self, exc: Exception) -> None:
        self._asked = ""
        self.error.show_message(describe_error(exc))

    def current_id(self) -> str | None:
        index: QModelIndex = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None and self._ticket is not None
        for b in (self.steps_button, self.insert_button, self.solved_button, self.flag_button, self.open_button):
            b.setEnabled(chosen)
        t = self._ticket
        self.capture_button.setEnabled(t is not None and t.state in ("resolved", "closed")
                                       and bool((t.resolution_notes or "").strip()))

    # ----- acting on an article

    def insert(self, only_steps: bool) -> None:
        article_id = self.current_id()
        if article_id is None:
            return
        self._ctx.runner.query(knowledge_queries.article_detail, owner=self, label="article",
                               on_done=lambda d: self._insert_text(d, only_steps), on_error=self._on_failed,
                               article_id=article_id)

    def _insert_text(self, detail: ArticleDetail, only_steps: bool) -> None:
        cursor = self._composer.textCursor()
        if cursor.position() > 0 and not self._composer.toPlainText()[:cursor.position()].endswith("\n"):
            cursor.insertText("\n")
        cursor.insertText(as_reply_text(detail.number, detail.title, detail.body, only_steps=only_steps))
        self._composer.setTextCursor(cursor)
        self._composer.setFocus()
        self.inserted.emit(detail.id)

    def mark_solved(self) -> None:
        article_id, ticket = self.current_id(), self._ticket
        if article_id is None or ticket is None:
            return
        self._ctx.runner.op(knowledge_ops.mark_solved, article_id=article_id, ticket_id=ticket.id,
                            actor_id=self._ctx.me, owner=self, label="this solved it",
                            on_done=lambda counted: self._on_solved(article_id, counted), on_error=self._on_failed)

    def _on_solved(self, article_id: str, counted: bool) -> None:
        self._ctx.events.status_message.emit(
            self.tr("Counted: the article solved this ticket.") if counted
            else self.tr("This article already counts for this ticket."))
        self._asked = ""
        self.refresh()
        self.solved.emit(article_id)

    def flag(self) -> None:
        article_id, ticket = self.current_id(), self._ticket
        if article_id is None or ticket is None:
            return
        index = self.list.currentIndex()
        self.flag_dialog = FlagDialog(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), self)
        self.flag_dialog.accepted.connect(lambda: self._send_flag(article_id, ticket.id))
        self.flag_dialog.open()

    def _send_flag(self, article_id: str, ticket_id: str) -> None:
        dialog = self.flag_dialog
        if dialog is None:
            return
        self._ctx.runner.op(knowledge_ops.flag_from_ticket, article_id=article_id, ticket_id=ticket_id,
                            reason=dialog.reason.currentData(), comment=dialog.comment.toPlainText(),
                            actor_id=self._ctx.me, owner=self, label="flag article",
                            on_done=lambda _d: self._ctx.events.status_message.emit(
                                self.tr("The article was flagged for its owner.")),
                            on_error=self._on_failed)

    def open_current(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            self._ctx.events.open_article_requested.emit(article_id)

    def capture(self) -> None:
        if self._ticket is None:
            return
        self._ctx.runner.op(knowledge_ops.create_article_from_ticket, ticket_id=self._ticket.id,
                            actor_id=self._ctx.me, owner=self, label="new article from ticket",
                            on_done=lambda d: self._ctx.events.open_article_requested.emit(d.id),
                            on_error=self._on_failed)
