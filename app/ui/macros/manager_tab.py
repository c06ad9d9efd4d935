"""What the Templates and the Macros tabs share: a searchable list on the left, the chosen row's form on the right,
New / Save / Delete / Copy, inline errors, and a refresh from the change feed that keeps the selection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.stale_refresher import StaleRefresher
from core.macros.variables import VARIABLES

SEARCH_DELAY_MS = 150


def variable_button(parent: QWidget, target: QPlainTextEdit) -> QToolButton:
    """"Insert variable ▾": every documented variable, grouped, typed at the text's cursor as {{name}}."""
    button = QToolButton(parent)
    button.setText(parent.tr("Insert &variable"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    groups: dict[str, QMenu] = {}
    for name, (group, description) in VARIABLES.items():
        sub = groups.get(group) or menu.addMenu(group)
        groups[group] = sub
        act = sub.addAction(f"{description}  —  {{{{{name}}}}}")
        act.triggered.connect(lambda _c=False, n=name: _insert(target, "{{" + n + "}}"))
    button.setMenu(menu)
    return button


def _insert(target: QPlainTextEdit, text: str) -> None:
    target.insertPlainText(text)
    target.setFocus()


class ManagerTab(QWidget):
    """Subclasses set `entity` (the feed's name), build their fields in `build_form(form)` and implement
    `list_query`, `item_text`, `show_record`, `values` and the `save_op` / `delete_op` calls."""

    entity = ""
    listed = Signal(int)
    saved = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.records: dict[str, Any] = {}
        self.current: str | None = None  # the record in the form; None: a new one
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search by name or text…"))
        self.list = QListWidget(self)
        self.shared = QCheckBox(self.tr("S&hared with the team"), self)
        self.shared.setToolTip(self.tr("Shared ones reach every desk; your own reach only your desks. This is "
                                       "chosen when it is made: Copy makes a shared copy of your own."))
        self.error = InlineError(self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.new_button = QPushButton(self.tr("&New"), self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self._build()
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        self.delete_button.clicked.connect(self.delete)
        self._stale = StaleRefresher(self, ctx.events, (self.entity, "macro_shortcut"), self.refresh)
        self.new_record()
        self.refresh()

    def _build(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        column.addWidget(self.new_button)
        right = QWidget(self)
        form = QVBoxLayout(right)
        form.setContentsMargins(8, 0, 0, 0)
        form.addWidget(self.heading)
        self.build_form(form)
        form.addWidget(self.shared)
        form.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 700])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # ---- to implement ---------------------------------------------------------------------------
    def build_form(self, form: QVBoxLayout) -> None:
        raise NotImplementedError

    def list_query(self):
        raise NotImplementedError

    def item_text(self, record) -> str:
        raise NotImplementedError

    def show_record(self, record) -> None:
        raise NotImplementedError

    def item_tip(self, record) -> str:
        return record.name

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def run_save(self, record_id: str | None, values: dict[str, Any], shared: bool) -> None:
        raise NotImplementedError

    def run_delete(self, record_id: str) -> None:
        raise NotImplementedError

    # ---- the list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.runner.query(self.list_query(), slot=(self.entity, id(self)), me=self.ctx.me,
                              search=self.search.text(), on_done=self._on_listed, owner=self, label=self.entity)

    def _on_listed(self, records: tuple) -> None:
        self.records = {r.id: r for r in records}
        self.list.blockSignals(True)
        self.list.clear()
        for r in records:
            item = QListWidgetItem(self.item_text(r))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(self.item_tip(r))
            self.list.addItem(item)
            if r.id == self.current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.current is None and records and not self._dirty_new():
            self.list.setCurrentRow(0)
            self._on_list_current_item_changed(self.list.currentItem(), None)
        self.listed.emit(len(records))

    def _dirty_new(self) -> bool:
        return self.current is None and bool(self.values().get("name"))

    def _on_list_current_item_changed(self, item: QListWidgetItem | None, _previous) -> None:
        record = self.records.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if record is None:
            return
        self.current = record.id
        self.error.clear_message()
        self.heading.setText(record.name)
        self.shared.setChecked(record.shared)
        self.shared.setEnabled(False)
        self.delete_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.show_record(record)

    def select(self, record_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == record_id:
                self.list.setCurrentRow(i)
                return

    # ---- actions --------------------------------------------------------------------------------
    def new_record(self) -> None:
        self.current = None
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.error.clear_message()
        self.heading.setText(self.tr("New"))
        self.shared.setEnabled(True)
        self.shared.setChecked(True)
        self.delete_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.show_record(None)

    def copy(self) -> None:
        """A new record with this one's values (Copy of …), shared: the way to share a personal one."""
        values = self.values()
        self.new_record()
        values["name"] = self.tr("Copy of {0}").format(values.get("name") or "")[:120]
        self.run_save(None, values, True)

    def save(self) -> None:
        self.error.clear_message()
        self.save_button.setEnabled(False)
        self.run_save(self.current, self.values(), self.shared.isChecked())

    def on_saved(self, record) -> None:
        self.save_button.setEnabled(True)
        self.current = record.id
        self.saved.emit(record.id)
        self.ctx.events.status_message.emit(self.tr("Saved “{0}”.").format(record.name))
        self.refresh()

    def on_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(describe_error(error))

    def delete(self) -> None:
        record = self.records.get(self.current or "")
        if record is None:
            return
        text = (self.tr("Delete “{0}” for the whole team?") if record.shared
                else self.tr("Delete your “{0}”?")).format(record.name)
        if QMessageBox.question(self, self.tr("Delete"), text) == QMessageBox.StandardButton.Yes:
            self.run_delete(record.id)

    def on_deleted(self, _result=None) -> None:
        self.new_record()
        self.refresh()
