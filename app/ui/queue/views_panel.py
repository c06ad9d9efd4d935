"""The saved-views list beside the queue: built-in views first, then the user's own, with counts. A name too
long for the panel (a German one, a user's own) is shortened in the middle, its count kept in sight; the tooltip
has it whole."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.tickets.views import ViewInfo
from app.ui import labels
from app.ui.widgets.safe_text import plain_tooltip

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the view's whole name
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # "  (1.234)" once counted
ITEM_PADDING = 6  # QListWidget::item's horizontal padding in resources/queue.qss


class ViewsPanel(QListWidget):
    view_chosen = Signal(object)  # ViewInfo
    delete_requested = Signal(object)  # ViewInfo (user views only)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Saved views"))
        self.setMinimumWidth(190)
        self.setMaximumWidth(280)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            item = QListWidgetItem()
            item.setData(VIEW_ROLE, v.key)
            item.setData(NAME_ROLE, labels.view_name(v.name, v.builtin))
            item.setData(COUNT_ROLE, "")
            item.setToolTip(plain_tooltip(labels.view_name(v.name, v.builtin)))
            self.addItem(item)
            self._fit(item)
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
                item.setData(COUNT_ROLE, f"  ({labels.number(counts[key])})")
                item.setToolTip(plain_tooltip(f"{item.data(NAME_ROLE)}{item.data(COUNT_ROLE)}"))
                self._fit(item)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        for i in range(self.count()):
            self._fit(self.item(i))

    def _fit(self, item: QListWidgetItem) -> None:
        """The item's text: its name, shortened in the middle when it and its count are wider than the panel."""
        name = item.data(NAME_ROLE)
        if name is None:  # the "Saved by you" heading
            return
        count = item.data(COUNT_ROLE) or ""
        metrics = self.fontMetrics()
        # the item's text margins (the style's, both sides) and its padding in resources/queue.qss (6 px a side)
        margin = self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        room = self.viewport().width() - 2 * margin - 2 * ITEM_PADDING - 4
        short = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, max(room - metrics.horizontalAdvance(count), 24))
        item.setText(short + count)

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
