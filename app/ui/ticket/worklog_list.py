"""The worklog's scrolling list: one painted card per entry (virtualised), copy, links and keyboard scrolling."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from app.ui.ticket.worklog_delegate import WorklogDelegate
from app.ui.ticket.worklog_model import WorklogModel
from app.ui.widgets.safe_text import is_safe_link


class WorklogList(QListView):
    """Lays out and paints only the cards in view (heights cached per width). Ctrl+C copies the selected
    cards as plain text; a double-click or F2 opens a card's text read-only to select part of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(WorklogModel(self))
        self.cards = WorklogDelegate(self)
        self.setItemDelegate(self.cards)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setMouseTracking(True)
        self.cards.link_activated.connect(self._open_link)
        self._width = -1

    def model(self) -> WorklogModel:
        model = super().model()
        assert isinstance(model, WorklogModel)
        return model

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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        if event.size().width() != self._width:
            self._width = event.size().width()
            self.cards.clear_cache()  # heights of another width are not needed again soon
        super().resizeEvent(event)

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if is_safe_link(url):
            QDesktopServices.openUrl(url)
