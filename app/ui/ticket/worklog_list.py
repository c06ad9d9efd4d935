"""The worklog's scrolling list: one painted card per entry (virtualised), copy, links and keyboard scrolling."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QWidget

from app.ui.ticket.worklog_delegate import WorklogDelegate
from app.ui.ticket.worklog_model import ORIGINAL_ROLE, WorklogModel
from app.ui.widgets.safe_text import is_safe_link

# Each exposed card is measured (its body laid out) when the list lays out, so few are exposed at once: enough
# to fill a usual view (more are added at once when it is taller) and a few screens' worth per scroll step.
WINDOW = 12  # cards exposed when a ticket opens (the newest); a long worklog grows upwards as it scrolls
CHUNK = 24  # cards added above when the user scrolls near the top


class WorklogList(QListView):
    """Lays out and paints only the cards in view (heights cached per width); a long worklog exposes its
    newest cards first and earlier ones as the user scrolls up. Ctrl+C copies the selected cards as plain
    text; a double-click or F2 opens a card's text read-only to select part of it. A received mail's card
    offers its original (.eml) in its context menu."""

    original_open_requested = Signal(str)  # attachment id of a received mail's original .eml
    original_save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(WorklogModel(self))
        self.cards = WorklogDelegate(self)
        self.setItemDelegate(self.cards)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always on: a scroll bar coming and going would change the width and lay every card out again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setMouseTracking(True)
        self.cards.link_activated.connect(self._open_link)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._width = -1
        self._extending = False

    def original_actions(self, index: QModelIndex) -> list[QAction]:
        """The context menu's actions for a card: View original / Save original as… for a received mail
        whose original is kept; none for the rest. Parented to this list (the menu is short-lived)."""
        original = index.data(ORIGINAL_ROLE) if index.isValid() else None
        if not original:
            return []
        view = QAction(self.tr("View original"), self)
        view.triggered.connect(lambda: self.original_open_requested.emit(original))
        save = QAction(self.tr("Save original as…"), self)
        save.triggered.connect(lambda: self.original_save_requested.emit(original))
        return [view, save]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        actions = self.original_actions(self.indexAt(event.pos()))
        if not actions:
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)
        menu.addActions(actions)
        menu.exec(event.globalPos())
        menu.deleteLater()
        for action in actions:
            action.deleteLater()

    def model(self) -> WorklogModel:
        model = super().model()
        assert isinstance(model, WorklogModel)
        return model

    def show_items(self, rows) -> None:
        """Show a ticket's cards (a new ticket or a full reload): the newest first, scrolled to the end."""
        self.cards.clear_cache()
        self.model().set_rows(rows, WINDOW)
        if rows:
            self.scrollToBottom()
            self._fill_viewport()

    def show_earlier(self) -> int:
        """Expose the next older cards above, keeping what is on screen where it is; returns how many."""
        if self._extending or not self.model().earlier():
            return 0
        self._extending = True
        try:
            bar = self.verticalScrollBar()
            below = bar.maximum() - bar.value()
            added = self.model().show_earlier(CHUNK)
            self.doItemsLayout()  # now, so that the range has grown before the position is restored
            bar.setValue(bar.maximum() - below)
            return added
        finally:
            self._extending = False

    def _fill_viewport(self) -> None:
        """Expose earlier cards until they fill the view and leave room to scroll up for more."""
        bar = self.verticalScrollBar()
        while self.model().earlier() and bar.maximum() < self.viewport().height() and self.show_earlier():
            pass

    def _on_scrolled(self, value: int) -> None:
        if value < self.viewport().height() and self.model().earlier():
            self.show_earlier()

    def selected_text(self) -> str:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        model = self.model()
        return "\n\n".join(model.data(model.index(row)) for row in rows)

    def plain_text(self) -> str:
        """Everything the worklog shows, as text (row by row, in order)."""
        model = self.model()
        return "\n\n".join(model.data(model.index(row)) for row in range(model.rowCount()))

    def select_row(self, row: int) -> None:
        index = self.model().index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Copy):
            text = self.selected_text()
            if text:
                QGuiApplication.clipboard().setText(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        index = self.indexAt(event.position().toPoint())
        over_link = index.isValid() and self.cards.link_at(index, event.position().toPoint()) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_link else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.cards.font_changed()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        if event.size().width() != self._width:
            self._width = event.size().width()
            self.cards.clear_cache()  # heights of another width are not needed again soon
        super().resizeEvent(event)
        if event.size().height() > event.oldSize().height() and self.model().earlier():
            QTimer.singleShot(0, self, self._fill_viewport)  # once the cards are laid out at the new size

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if is_safe_link(url):
            QDesktopServices.openUrl(url)
