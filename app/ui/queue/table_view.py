"""The queue's table view: fixed row heights, j/k and Enter, and a selection that survives refreshes."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu

from app.ui.queue.table_model import TICKET_ID_ROLE, TicketTableModel
from app.ui.widgets.prepared_table_view import PreparedTableView


class QueueTableView(PreparedTableView):
    open_requested = Signal(int)  # display row

    def __init__(self, model: TicketTableModel, parent=None) -> None:
        super().__init__(parent)  # its row delegate draws the prepared rows (most of a repaint's cost)
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSortingEnabled(False)  # sorting goes through the header click handler, into SQL
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setAccessibleName(self.tr("Ticket queue"))
        vheader = self.verticalHeader()
        vheader.setVisible(False)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.doubleClicked.connect(lambda idx: self.open_requested.emit(idx.row()))
        # The context menu: the actions others add to the view (open, bulk edits, problem links), then the
        # submenus they register (macros). One menu for everyone, so no feature replaces another's.
        self._context_submenus: list[QMenu] = []
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_context_menu_requested)
        self._saved_selection: list[int] = []
        self._saved_rows: list[int] = []  # where the saved selection was: looked at first on restore
        self._saved_current: int | None = None
        self._saved_current_row = 0
        self._saved_scroll = 0
        model.modelAboutToBeReset.connect(self._on_model_about_to_reset)
        model.modelReset.connect(self._on_model_reset)
        model.ids_loaded.connect(self._restore_selection)
        # A page read replaced by a newer scroll position never arrives: repainting what is on screen
        # when any page lands asks again for the rows still missing there.
        model.rows_loaded.connect(self.viewport().update)
        model.will_paint = self._will_paint

    def add_context_submenu(self, menu: QMenu) -> None:
        """Show `menu` as a submenu at the end of the table's context menu (the caller keeps owning it)."""
        self._context_submenus.append(menu)

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addActions(self.actions())
        if self._context_submenus:
            menu.addSeparator()
            for sub in self._context_submenus:
                menu.addMenu(sub)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.viewport().mapToGlobal(pos))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        self._model.page_painted()

    def _will_paint(self) -> bool:
        """Whether the view paints soon after a reset: shown, in a window on screen (and not deleted: the model
        may outlive it)."""
        if not shiboken6.isValid(self):
            return False
        handle = self.window().windowHandle()
        return self.isVisible() and handle is not None and handle.isExposed()

    # Keyboard first: j/k like arrows, Enter opens.
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_J, Qt.Key.Key_K):
            self._step(1 if key == Qt.Key.Key_J else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def _step(self, delta: int) -> None:
        row = max(0, min(self._model.rowCount() - 1, self.currentIndex().row() + delta))
        if self._model.rowCount():
            self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self._model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.selectionModel().selectedRows())

    def selected_row_ids(self) -> list[int]:
        return [rid for rid in (self._model.row_id_at(r) for r in self.selected_rows()) if rid is not None]

    def current_ticket_id(self) -> str | None:
        idx = self.currentIndex()
        return self._model.index(idx.row(), 0).data(TICKET_ID_ROLE) if idx.isValid() else None

    # Selection and scroll are kept by row id across a model reset (edits, refresh, F5).
    def _on_model_about_to_reset(self) -> None:
        if not self._model.keeps_place:
            self.forget_selection()
            return
        self._saved_rows = self.selected_rows()[:1000]
        self._saved_selection = self.selected_row_ids()
        current = self.currentIndex()
        self._saved_current = self._model.row_id_at(current.row()) if current.isValid() else None
        self._saved_current_row = current.row()
        self._saved_scroll = self.verticalScrollBar().value()

    def _on_model_reset(self) -> None:
        self.verticalScrollBar().setValue(self._saved_scroll)
        self._restore_selection()

    def _restore_selection(self) -> None:
        if not self._saved_selection and self._saved_current is None:
            return
        positions = self._model.positions_of(self._saved_selection, near=self._saved_rows)
        if not positions and self._saved_current is None:
            return
        selection = QItemSelection()
        last = self._model.columnCount() - 1
        for row in positions:
            selection.select(self._model.index(row, 0), self._model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().select(selection, flags)
        if self._saved_current is not None:
            cur = self._model.positions_of([self._saved_current], near=[self._saved_current_row])
            if cur:
                self.selectionModel().setCurrentIndex(self._model.index(cur[0], 0),
                                                      QItemSelectionModel.SelectionFlag.NoUpdate)
        self._saved_selection, self._saved_rows, self._saved_current = [], [], None

    def forget_selection(self) -> None:
        """A new query starts at the top with nothing selected."""
        self._saved_selection, self._saved_rows, self._saved_current, self._saved_scroll = [], [], None, 0
