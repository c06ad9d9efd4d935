"""Ctrl+K: every action by name with its shortcut, plus "open ticket" for a typed number."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

NUMBER = re.compile(r"^\s*([A-Za-z]{3}\d{1,7})\s*$")


class CommandPalette(QDialog):
    """Lists the given actions, filtered as the user types; Enter runs the chosen one."""

    number_requested = Signal(str)

    def __init__(self, actions: list[tuple[QAction, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Command palette"))
        self.setModal(True)
        self.resize(560, 420)
        self._actions = actions
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("Type a command or a ticket number…"))
        self.input.setAccessibleName(self.tr("Command"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Commands"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.list)
        self.input.textChanged.connect(self._fill)
        self.input.installEventFilter(self)
        self.list.itemActivated.connect(self._run_item)
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        words = text.lower().split()
        match = NUMBER.match(text)
        if match:
            item = QListWidgetItem(self.tr("Open ticket {0}").format(match.group(1).upper()))
            item.setData(Qt.ItemDataRole.UserRole, ("number", match.group(1).upper()))
            self.list.addItem(item)
        for act, shortcut in self._actions:
            label = act.text().replace("&", "")
            if all(w in label.lower() for w in words):
                item = QListWidgetItem("{}\t{}".format(label, shortcut) if shortcut else label)
                item.setData(Qt.ItemDataRole.UserRole, ("action", act))
                item.setFlags(item.flags() if act.isEnabled() else Qt.ItemFlag.NoItemFlags)
                self.list.addItem(item)
        for i in range(self.list.count()):
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(i)
                break

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.input and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.list.currentItem() is not None:
                    self._run_item(self.list.currentItem())
                return True
        return super().eventFilter(obj, event)

    def _run_item(self, item: QListWidgetItem) -> None:
        kind, payload = item.data(Qt.ItemDataRole.UserRole)
        if kind == "action" and not payload.isEnabled():
            return
        self.accept()
        if kind == "number":
            self.number_requested.emit(payload)
        else:
            payload.trigger()
