"""The composer's template picker (Ctrl+Shift+T): search the user's and the team's templates, insert one expanded."""
# Lives with the composer it serves (app.ui.ticket may not reach into app.ui.macros, where templates are managed).
# Reads run on the runner: the list through app.macros.queries.list_templates (the composer's kind decides which
# templates fit), the chosen template through expand_template, which fills in the ticket's and the agent's values.
# The text goes in at the cursor as plain text; variables that had no value here are named under the composer.

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.macros import queries as macro_queries
from app.macros.records import ExpandedTemplate, TemplateRecord
from app.ui.context import UiContext
from app.ui.tasks import describe_error

SHORTCUT = "Ctrl+Shift+T"
SEARCH_DELAY_MS = 120


class TemplatePicker(QDialog):
    """A modal list of templates with a live search and a preview; Enter (or double-click) chooses one.

    Emits `expanded` with the template's text filled in for `ticket_id`, then closes. GUI thread only."""

    expanded = Signal(object)  # ExpandedTemplate
    listed = Signal(int)  # the list is on screen with this many templates

    def __init__(self, ctx: UiContext, ticket_id: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id = ticket_id
        self._kind = kind
        self._templates: dict[str, TemplateRecord] = {}
        self.setWindowTitle(self.tr("Insert a template"))
        self.setObjectName("TemplatePicker")
        self.resize(720, 420)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search templates by name or text…"))
        self.search.setAccessibleName(self.tr("Search templates"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Templates"))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Template text"))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.insert_button = buttons.addButton(self.tr("&Insert"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(self.preview)
        split.setSizes([280, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemActivated.connect(lambda _item: self.choose())
        self.refresh()

    def refresh(self) -> None:
        self._ctx.runner.query(macro_queries.list_templates, slot=("template picker", id(self)), me=self._ctx.me,
                               search=self.search.text(), kind=self._kind, on_done=self._on_listed, owner=self,
                               label="templates")

    def _on_listed(self, templates: tuple[TemplateRecord, ...]) -> None:
        self.list.clear()
        self._templates = {t.id: t for t in templates}
        for t in templates:
            scope = self.tr("shared") if t.shared else self.tr("mine")
            item = QListWidgetItem(f"{t.name}  ·  {scope}")
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(t.body[:400])
            self.list.addItem(item)
        if templates:
            self.list.setCurrentRow(0)
            self.status.setText("")
        else:
            self.preview.clear()
            self.status.setText(self.tr("No template matches. Templates are made on the Macros page (View menu)."))
        self.insert_button.setEnabled(bool(templates))
        self.listed.emit(len(templates))

    def _on_list_current_item_changed(self, item: QListWidgetItem | None, _previous) -> None:
        template = self._templates.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.preview.setPlainText(template.body if template else "")

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.__dict__.get("search") and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose()
                return True
        return super().eventFilter(obj, event)

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.insert_button.setEnabled(False)
        self._ctx.runner.query(macro_queries.expand_template, template_id=item.data(Qt.ItemDataRole.UserRole),
                               ticket_id=self._ticket_id, me=self._ctx.me, on_done=self._on_expanded,
                               on_error=self._on_failed, owner=self, label="expand template")

    def _on_expanded(self, result: ExpandedTemplate) -> None:
        self.expanded.emit(result)
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self.insert_button.setEnabled(True)
        self.status.setText(describe_error(error))


def insert_expanded(body: QPlainTextEdit, note: QLabel, result: ExpandedTemplate, tr) -> None:
    """Put a chosen template's text at the composer's cursor (as one undo step) and say what was left blank."""
    cursor = body.textCursor()
    cursor.insertText(result.text)
    body.setTextCursor(cursor)
    body.setFocus()
    missing = [*result.blank, *result.unknown]
    if missing:
        note.setText(tr("No value here for {0}: left blank. Check the text before adding it.").format(
            ", ".join("{{" + n + "}}" for n in missing)))
        note.show()
    else:
        note.clear()
        note.hide()


class ComposerTemplates(QObject):
    """The composer's part of templates: its "Template…" button, Ctrl+Shift+T on the text, and the line that
    names variables left blank. `view` is the WorklogView: its `body`, `reply` choice and ticket id are read
    when the picker opens. The open picker is `picker` (None when closed)."""

    def __init__(self, ctx: UiContext, view) -> None:
        super().__init__(view)
        self._ctx = ctx
        self._view = view
        self.picker: TemplatePicker | None = None
        self.button = QPushButton(self.tr("&Template…"), view)
        self.button.setToolTip(self.tr("Insert a reply or note template ({0})").format(SHORTCUT))
        self.button.setAccessibleName(self.tr("Insert a template"))
        self.button.clicked.connect(self.open_picker)
        self.note = QLabel(view)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        QShortcut(QKeySequence(SHORTCUT), view.body, self.open_picker,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.entry_added.connect(self.reset)  # the line about blanks was about the text just added

    def open_picker(self) -> None:
        if self.picker is not None or not self._view.ticket_id():
            return
        kind = "reply" if self._view.reply.isChecked() else "note"
        self.picker = TemplatePicker(self._ctx, self._view.ticket_id(), kind, self._view.window())
        self.picker.expanded.connect(lambda result: insert_expanded(self._view.body, self.note, result, self.tr))
        self.picker.finished.connect(self._on_picker_finished)
        self.picker.open()

    def _on_picker_finished(self, _result: int) -> None:
        if self.picker is not None:
            self.picker.deleteLater()
        self.picker = None
        self._view.body.setFocus()

    def reset(self) -> None:
        self.note.clear()
        self.note.hide()
