"""The saved-views list beside the queue: built-in views first, then the user's own, with counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.tickets.views import ViewInfo
from app.ui import labels
from app.ui.widgets.safe_text import plain_tooltip

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1


class ViewsPanel(QListWidget):
    view_chosen = Signal(object)  # ViewInfo
    delete_requested = Signal(object)  # ViewInfo (user views only)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Saved views"))
        self.setMinimumWidth(190)
        self.setMaximumWidth(280)
        self._views: list[ViewInfo] = []
        self.currentItemChanged.connect(self._on_current_item_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._delete_action = self.addAction(self.tr("Delete view"))
        self._delete_action.triggered.connect(self._on_delete_triggered)

    def set_views(self, views: list[ViewInfo], current_key: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        self._views = list(views)
        builtin_done = False
        for v in views:
            if not v.builtin and not builtin_done:
                sep = QListWidgetItem(self.tr("Saved by you"))
                sep.setFlags(Qt.ItemFlag.NoItemFlags)
                font = sep.font()
                font.setBold(True)
                sep.setFont(font)
                self.addItem(sep)
                builtin_done = True
            item = QListWidgetItem(labels.view_name(v.name, v.builtin))
            item.setData(VIEW_ROLE, v.key)
            item.setToolTip(plain_tooltip(labels.view_name(v.name, v.builtin)))
            self.addItem(item)
            if v.key == current_key:
                self.setCurrentItem(item)
        self.blockSignals(False)
        if self.currentItem() is None and views:
            self.setCurrentRow(0)  # emits view_chosen
        elif self.current_view() is not None:
            self.view_chosen.emit(self.current_view())

    def views(self) -> list[ViewInfo]:
        return list(self._views)

    def set_counts(self, counts: dict[str, int]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            key = item.data(VIEW_ROLE)
            view = self.view(key)
            if view is not None and key in counts:
                item.setText(f"{labels.view_name(view.name, view.builtin)}  ({labels.number(counts[key])})")

    def view(self, key: str | None) -> ViewInfo | None:
        return next((v for v in self._views if v.key == key), None)

    def current_view(self) -> ViewInfo | None:
        item = self.currentItem()
        return self.view(item.data(VIEW_ROLE)) if item is not None else None

    def select_key(self, key: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(VIEW_ROLE) == key:
                self.setCurrentRow(i)
                return

    def _on_current_item_changed(self, current, _previous) -> None:
        view = self.view(current.data(VIEW_ROLE)) if current is not None else None
        if view is not None:
            self._delete_action.setEnabled(not view.builtin)
            self.view_chosen.emit(view)

    def _on_delete_triggered(self) -> None:
        view = self.current_view()
        if view is not None and not view.builtin:
            self.delete_requested.emit(view)
