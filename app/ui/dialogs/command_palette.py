"""Ctrl+K: every action by name with its shortcut, plus "open ticket" for a typed number."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

NUMBER = re.compile(r"^\s*([A-Za-z]{3}\d{1,7})\s*$")
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1
_GAP = 16  # between a command's name and its keys


class ShortcutDelegate(QStyledItemDelegate):
    """Draws a command's name on the left and its keys right-aligned in a column of their own (a tab in
    the item text lined nothing up); a long name is elided before it reaches the keys."""

    def shortcut_rect(self, option: QStyleOptionViewItem, keys: str) -> QRect:
        """Where the keys go in a row: flush with its right edge, whatever the name's length."""
        margin = option.widget.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4 if option.widget else 6
        width = option.fontMetrics.horizontalAdvance(keys)
        return QRect(option.rect.right() - margin - width, option.rect.top(), width, option.rect.height())

    def paint(self, painter, option, index) -> None:
        keys = index.data(SHORTCUT_ROLE) or ""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if keys:
            room = self.shortcut_rect(opt, keys).left() - _GAP - opt.rect.left()
            opt.text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, max(0, room))
        style = opt.widget.style() if opt.widget else None
        if style is None:
            return super().paint(painter, option, index)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if keys:
            selected = bool(opt.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
            enabled = opt.state & QStyle.StateFlag.State_Enabled
            group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
            painter.save()
            painter.setPen(opt.palette.color(group, role))
            painter.drawText(self.shortcut_rect(opt, keys),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), keys)
            painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 - Qt override
        hint = super().sizeHint(option, index)
        keys = index.data(SHORTCUT_ROLE) or ""
        if keys:
            hint.setWidth(hint.width() + _GAP + option.fontMetrics.horizontalAdvance(keys))
        return hint


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
        self.list.setItemDelegate(ShortcutDelegate(self.list))
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
                item = QListWidgetItem(label)
                item.setData(SHORTCUT_ROLE, shortcut)
                if shortcut:  # screen readers and tooltips get the keys too
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {shortcut}")
                    item.setToolTip(f"{label}  ({shortcut})")
                item.setData(Qt.ItemDataRole.UserRole, ("action", act))
                item.setFlags(item.flags() if act.isEnabled() else Qt.ItemFlag.NoItemFlags)
                self.list.addItem(item)
        for i in range(self.list.count()):
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(i)
                break

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        typed = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if obj is self.__dict__.get("input") and typed:
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
