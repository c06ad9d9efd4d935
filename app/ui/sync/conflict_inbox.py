"""The conflict inbox: fields the server kept over this desk's value, and work the server refused."""
# Fields the server kept while this desk wanted another value: keep theirs, keep mine or write an edited value.
# Work the server refused: send it again or discard it.

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.sync import refused_work as refusals
from app.sync import resolution
from app.sync.resolution import InboxEntry
from app.ui.context import UiContext
from app.ui.sync.values import LONG_TEXT, change_summary, choices_for, field_label, value_text
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.stale_refresher import StaleRefresher


def _value_box(parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setReadOnly(True)
    box.setMaximumHeight(72)
    return box


class ConflictInbox(QDialog):
    """Non-modal; one per window. `show_ticket(id)` selects that ticket's first entry. GUI thread only."""

    settled = Signal(str)  # conflict id, once its settling committed

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictInbox")
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.ctx = ctx
        self.entries: tuple[InboxEntry, ...] = ()
        self._wanted_ticket: str | None = None
        self._busy = False
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Open conflicts"))
        self.list.setMinimumWidth(240)
        self.list.setSpacing(3)
        self.empty_label = QLabel(self.tr("No conflicts. Every change you made reached the server as you made it."),
                                  self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.title_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open ticket"), self)
        self.reason_label = QLabel(self)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setWordWrap(True)
        self.base_box, self.theirs_box, self.mine_box = (_value_box(self) for _ in range(3))
        self.value_grid = QWidget(self)
        grid = QGridLayout(self.value_grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.field_labels: list[QLabel] = []
        for row, (text, box) in enumerate(((self.tr("Before both edits"), self.base_box),
                                           (self.tr("Theirs (on the server, shown now)"), self.theirs_box),
                                           (self.tr("Mine (this desk)"), self.mine_box))):
            label = QLabel(text, self.value_grid)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, row, 1)
        self.edit_label = QLabel(self.tr("Or write this value:"), self)
        self.edit_holder = QVBoxLayout()
        self.editor: QWidget | None = None
        self.error = InlineError(self)
        self.theirs_button = QPushButton(self.tr("Keep &theirs"), self)
        self.mine_button = QPushButton(self.tr("Keep &mine"), self)
        self.edited_button = QPushButton(self.tr("Use &edited value"), self)
        self.send_again_button = QPushButton(self.tr("&Send again"), self)
        self.send_again_button.setToolTip(self.tr("Send everything the server refused of this record again, "
                                                  "with the values it has now"))
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.detail = QWidget(self)
        self._layout_detail()
        self.splitter = splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(close)
        self.resize(860, 480)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.theirs_button.clicked.connect(lambda: self._settle("theirs"))
        self.send_again_button.clicked.connect(lambda: self._settle("send_again"))
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.mine_button.clicked.connect(lambda: self._settle("mine"))
        self.edited_button.clicked.connect(lambda: self._settle("edited"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.stale_entries = StaleRefresher(self, ctx.events, ("conflict",), self.reload)
        self._show_entry(None)
        self.reload()

    def _layout_detail(self) -> None:
        column = QVBoxLayout(self.detail)
        column.setContentsMargins(8, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(top)
        column.addWidget(self.reason_label)
        column.addWidget(self.value_grid)
        column.addWidget(self.edit_label)
        column.addLayout(self.edit_holder)
        column.addWidget(self.error)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.discard_button, self.send_again_button, self.theirs_button, self.mine_button,
                       self.edited_button):
            buttons.addWidget(button)
        column.addLayout(buttons)

    # ---- loading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.runner.query(resolution.inbox, on_done=self._on_loaded, owner=self, label="conflict inbox")

    def show_ticket(self, ticket_id: str) -> None:
        """Select the first entry of `ticket_id` (now, or once the list has loaded)."""
        self._wanted_ticket = ticket_id or None
        self._select_wanted()

    def _on_loaded(self, entries: tuple[InboxEntry, ...]) -> None:
        current = self.current_entry()
        self.entries = entries
        self.list.blockSignals(True)
        self.list.clear()
        for e in entries:
            what = field_label(e.field) if e.kind == "conflict" else self.tr("Refused by the server")
            item = QListWidgetItem(f"{e.ticket_number or self._new_label(e)} · {what}\n{e.ticket_title}", self.list)
            item.setToolTip(plain_tooltip(e.ticket_title))
        self.list.blockSignals(False)
        has = bool(entries)
        self.splitter.setVisible(has)
        self.empty_label.setVisible(not has)
        self.setWindowTitle(self.tr("Sync conflicts ({0})").format(len(entries)) if has else self.tr("Sync conflicts"))
        ids = [e.id for e in entries]
        if self._wanted_ticket is not None:
            self._select_wanted()
        elif current is not None and current.id in ids:
            self.list.setCurrentRow(ids.index(current.id))
        elif entries:
            self.list.setCurrentRow(0)
        else:
            self._show_entry(None)

    def _select_wanted(self) -> None:
        for i, e in enumerate(self.entries):
            if e.ticket_id == self._wanted_ticket:
                self._wanted_ticket = None
                self.list.setCurrentRow(i)
                return

    def current_entry(self) -> InboxEntry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # ---- one entry ---------------------------------------------------------------------------------
    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show_entry(self.current_entry())

    def _show_entry(self, e: InboxEntry | None) -> None:
        self.error.clear_message()
        self.detail.setEnabled(e is not None)
        if e is None:
            self.title_label.clear()
            self.reason_label.clear()
            return
        ref = self.ctx.reference
        self.title_label.setText(f"{e.ticket_number or self._new_label(e)} · {e.ticket_title}")
        self.open_button.setEnabled(e.ticket_exists)
        self.open_button.setText({"change": self.tr("Open change"), "article": self.tr("Open article")}.get(
            e.ticket_type, self.tr("Open ticket")))
        conflict = e.kind == "conflict"
        for w in (self.value_grid, self.edit_label, self.theirs_button, self.mine_button, self.edited_button):
            w.setVisible(conflict)
        self.send_again_button.setVisible(not conflict)
        self.discard_button.setVisible(not conflict)
        if not conflict:
            self.reason_label.setText(self._refusal_text(e))
            self.send_again_button.setEnabled(e.ticket_exists)
            self._set_editor(None)
            return
        # The server's reason names every field of the change; a specific one (a workflow refusal) is kept.
        specific = e.reason and "changed on the server too" not in e.reason
        why = e.reason if specific else self.tr("Someone changed it on the server while you changed it here.")
        self.reason_label.setText(self.tr("{0}: {1}").format(field_label(e.field), why))
        # Long text gets room to compare; a name or a level needs one line.
        height = 96 if e.field in LONG_TEXT else self.fontMetrics().lineSpacing() + 14
        for box, value in ((self.base_box, e.base), (self.theirs_box, e.theirs), (self.mine_box, e.mine)):
            box.setPlainText(value_text(ref, e.ticket_type, e.field, value))
            box.setFixedHeight(height)
        self._set_editor(self._make_editor(e))
        self.mine_button.setEnabled(e.ticket_exists)
        self.edited_button.setEnabled(e.ticket_exists)

    def _new_label(self, e: InboxEntry) -> str:
        return {"change": self.tr("New change"), "article": self.tr("New article")}.get(e.ticket_type,
                                                                                         self.tr("New ticket"))

    def _refusal_text(self, e: InboxEntry) -> str:
        reason = e.reason or self.tr("no reason given")
        if e.op == "create" and e.entity in ("ticket", "change", "article"):
            what = self.tr("The server refused this new record: {0}").format(reason)
            keep = self.tr("It is kept on this desk with everything you typed. Open it to change what the "
                           "server objects to, then send it again; or discard it.")
        elif e.op == "update":
            what = self.tr("The server refused this change: {0}").format(reason)
            keep = self.tr("Your values stay shown until you send them again, or discard them to see the "
                           "server's values.")
        else:
            what = self.tr("The server refused this addition: {0}").format(reason)
            keep = self.tr("It is kept on this desk until you send it again or discard it.")
        details = change_summary(self.ctx.reference, e.ticket_type, e.mine)
        holds = self.tr("What it holds:")
        return f"{what}\n\n{keep}\n\n{holds}\n{details}"

    def _make_editor(self, e: InboxEntry) -> QWidget:
        choices = choices_for(self.ctx.reference, e.ticket_type, e.field)
        if choices is not None:
            combo = QComboBox(self)
            for value, words in choices:
                combo.addItem(words, value)
            index = combo.findData(e.mine)
            combo.setCurrentIndex(max(0, index))
            return combo
        if e.field in LONG_TEXT:
            box = QPlainTextEdit(self)
            box.setPlainText(str(e.mine or ""))
            box.setMaximumHeight(110)
            return box
        line = QLineEdit(str(e.mine or ""), self)
        return line

    def _set_editor(self, editor: QWidget | None) -> None:
        if self.editor is not None:
            self.edit_holder.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
        self.editor = editor
        if editor is not None:
            editor.setAccessibleName(self.tr("Edited value"))
            self.edit_holder.addWidget(editor)

    def edited_value(self) -> Any:
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return None

    # ---- settling ----------------------------------------------------------------------------------
    def _settle(self, how: str) -> None:
        e = self.current_entry()
        if e is None or self._busy:
            return
        as_me = {"actor_id": self.ctx.me, "matrix": self.ctx.matrix}
        pairs: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
            "send_again": (refusals.send_again, {}),
            "discard": (refusals.discard, {}),
            "theirs": (resolution.keep_theirs, {}),
            "mine": (resolution.keep_mine, as_me),
            "edited": (resolution.use_value, {"value": self.edited_value(), **as_me}),
        }
        operation, extra = pairs[how]
        self._busy = True
        self.ctx.runner.op(operation, conflict_id=e.id, **extra, on_done=lambda _r: self._on_settled(e),
                           on_error=self._on_settle_failed, owner=self, label="settle conflict")

    def _on_discard_button_clicked(self) -> None:
        e = self.current_entry()
        if e is not None and not self._busy and self._confirm_discard(e):
            self._settle("discard")

    def _confirm_discard(self, e: InboxEntry) -> bool:
        """Asked before anything refused is deleted (a small method, so tests can answer it)."""
        if e.op == "create" and e.entity in ("ticket", "change", "article"):
            text = self.tr("Delete {0} from this desk? The server never had it, so it is gone for good.").format(
                e.ticket_title or self._new_label(e))
        elif e.op == "update":
            text = self.tr("Drop your refused values and show the server's values again?")
        else:
            text = self.tr("Delete this refused addition from this desk?")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard refused work"), text,
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    def _on_settled(self, e: InboxEntry) -> None:
        self._busy = False
        self.settled.emit(e.id)  # the settling task's change record reloads this list

    def _on_settle_failed(self, exc: Exception) -> None:
        self._busy = False
        self.error.show_message(describe_error(exc))

    def _on_open_button_clicked(self) -> None:
        e = self.current_entry()
        if e is not None and e.ticket_type == "change" and e.entity == "change":
            self.ctx.events.open_change_requested.emit(e.entity_id)
        elif e is not None and e.ticket_type == "article":
            self.ctx.events.open_article_requested.emit(e.entity_id)
        elif e is not None and e.ticket_id:
            self.ctx.events.open_ticket_requested.emit(e.ticket_id)
