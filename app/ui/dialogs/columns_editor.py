"""The settings dialog's queue-columns editor: which columns show, in which order (widths are kept)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


@dataclass(frozen=True)
class ColumnChoice:
    """What the editor needs of a queue column (the dialog cannot import the queue package)."""

    key: str
    header: str
    width: int
    shown_by_default: bool


class ColumnsEditor(QWidget):
    """Edits the `queue_columns` layout: [[key, width, visible], ...] in display order; [] = the default set.

    `value()` is None until the user changes something, so opening and closing the dialog never turns
    the default layout into a saved one.
    """

    edited = Signal()

    def __init__(self, columns: list[ColumnChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = {c.key: c for c in columns}
        self._defaults = [c.key for c in columns if c.shown_by_default] + \
            [c.key for c in columns if not c.shown_by_default]
        self._widths: dict[str, int] = {c.key: c.width for c in columns}
        self._mode = "unchanged"  # unchanged | default | custom
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Queue columns"))
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.setMinimumHeight(200)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.down_button = QPushButton(self.tr("Move &down"), self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.list.itemChanged.connect(lambda _item: self._touch())
        self.list.model().rowsMoved.connect(lambda *_args: self._touch())

    def set_value(self, layout: list) -> None:
        entries = [e for e in layout if isinstance(e, list) and len(e) == 3 and e[0] in self._columns] \
            if isinstance(layout, list) else []
        for key, width, _visible in entries:
            if isinstance(width, int) and width > 0:
                self._widths[key] = width
        if entries:
            order = [(e[0], bool(e[2])) for e in entries]
            order += [(k, False) for k in self._columns if k not in {e[0] for e in entries}]
        else:
            order = [(k, self._columns[k].shown_by_default) for k in self._defaults]
        self.list.blockSignals(True)
        self.list.clear()
        for key, visible in order:
            item = QListWidgetItem(self._columns[key].header, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
            if key == "title":  # the queue is unusable without it
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self.list.blockSignals(False)
        self._mode = "unchanged" if self._mode == "unchanged" else ("custom" if entries else "default")

    def restore_defaults(self) -> None:
        self._mode = "default"
        self.set_value([])
        self.edited.emit()

    def value(self) -> list | None:
        if self._mode == "unchanged":
            return None
        if self._mode == "default":
            return []
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            out.append([key, self._widths[key], item.checkState() == Qt.CheckState.Checked])
        return out

    def _touch(self) -> None:
        self._mode = "custom"
        self.edited.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._touch()
