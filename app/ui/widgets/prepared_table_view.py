"""A table view that paints a PreparedRows model's cells in one Python call per repaint (app.ui.widgets.row_painter)."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractItemModel, QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QStyleOptionViewItem, QTableView, QWidget

from app.ui.widgets.after_paint import PAINT_HELD_MS
from app.ui.widgets.prepared_rows import LooksFromData, PreparedRows
from app.ui.widgets.row_painter import RowDelegate

# The longest turn spent making the looks of the rows on screen before new rows are painted: made in the paint, the
# looks of a screen of rows (40 rows' data() for four roles per cell) made the first paint of a list 11-15 ms.
LOOKS_SLICE_MS = 4
RELEASE_AFTER_MS = 1  # a turn that made looks for longer lets the viewport paint on the next one
_RELAYOUT = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange,
             QEvent.Type.LayoutDirectionChange)


class PreparedTableView(QTableView):
    """QTableView with a RowDelegate. Its paintEvent draws the whole viewport through the delegate's `paint_view`
    when the model is a PreparedRows and the table is plain: no hidden rows, no word wrap (off here: a row is one
    line), left to right and no drag under way; a column with a delegate of its own has its cells painted by that
    delegate, as QTableView would. Anything else is painted by QTableView itself (spans are not looked for: a view
    with spans must not be one of these).

    When a LooksFromData model's rows are replaced (a reset, a new layout) while the table is shown, its viewport
    paints on a later turn: the looks of the rows on screen are made first, on turns of their own of LOOKS_SLICE_MS
    at most, and the paint comes on a turn of its own after them. A column whose delegate has a `prepare(option,
    index)` method has its cells laid out with their row's looks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_delegate = RowDelegate(self)
        self.setItemDelegate(self.row_delegate)
        self.setWordWrap(False)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalHeader().sectionResized.connect(self._on_section_resized)
        self._looks_from: int | None = None  # the next row whose look is made before the held paint; None: none held

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt name)
        old = self.model()
        if isinstance(old, LooksFromData):
            old.modelAboutToBeReset.disconnect(self._on_rows_replaced)
            old.layoutAboutToBeChanged.disconnect(self._on_rows_replaced)
        super().setModel(model)
        # Only looks read from data(): a model that prepares its rows as they arrive (the queue's) is left alone.
        if isinstance(model, LooksFromData):
            # Before the view's own handling of the change, which asks for the viewport's paint: once asked, a paint
            # came on the same turn, held or not.
            model.modelAboutToBeReset.connect(self._on_rows_replaced)
            model.layoutAboutToBeChanged.connect(self._on_rows_replaced)

    def _on_rows_replaced(self, *_args: object) -> None:
        viewport = self.viewport()
        if self._looks_from is not None:
            self._looks_from = 0  # held already: the looks are made again from the top
            return
        # Held by an ancestor (a page filled on this turn) it is held itself as well: it paints once its looks are
        # made, on a turn of its own if the ancestor is let go first. Held by a caller of its own, it is left alone.
        if not self.isVisible() or viewport.testAttribute(Qt.WidgetAttribute.WA_ForceUpdatesDisabled) \
                or not self._paints_prepared():
            return
        self._looks_from = 0
        viewport.setUpdatesEnabled(False)
        QTimer.singleShot(PAINT_HELD_MS, self, self._make_looks)

    def _make_looks(self) -> None:
        """The looks of the rows on screen, while they fit in LOOKS_SLICE_MS; the rest on the next turn, then the
        viewport's paint."""
        model = self.model()
        if self._looks_from is None:
            return
        if isinstance(model, PreparedRows) and self.isVisible():
            self.executeDelayedItemsLayout()
            top = max(self.rowAt(0), 0)
            bottom = self.rowAt(self.viewport().height() - 1)
            bottom = model.rowCount() - 1 if bottom < 0 else bottom
            began = time.perf_counter()
            ahead = self._laid_out_ahead()
            for row in range(top + self._looks_from, bottom + 1):
                model.display_at(row)
                for column, (prepare, option) in ahead.items():
                    option.rect = QRect(0, 0, option.rect.width(), self.rowHeight(row) - self.showGrid())
                    prepare(option, model.index(row, column))
                if (time.perf_counter() - began) * 1000 >= LOOKS_SLICE_MS and row < bottom:
                    self._looks_from = row + 1 - top
                    QTimer.singleShot(PAINT_HELD_MS, self, self._make_looks)
                    return
            if (time.perf_counter() - began) * 1000 >= RELEASE_AFTER_MS:
                # Let go now, the paint came at once after this turn's looks, in one stretch with them (4.6 + 5.9 ms
                # for the Knowledge list): it comes on the next turn, once any rows scrolled into view have theirs.
                self._looks_from = bottom + 1 - top
                QTimer.singleShot(PAINT_HELD_MS, self, self._make_looks)
                return
        self._looks_from = None
        self.viewport().setUpdatesEnabled(True)

    def _laid_out_ahead(self) -> dict[int, tuple]:
        """Per column whose delegate lays its cells out ahead (a `prepare(option, index)` method): that method, and a
        style option as the row painter gives the delegate's paint (its width; the height is the row's)."""
        out: dict[int, tuple] = {}
        grid = int(self.showGrid())
        for column, delegate in self.column_delegates().items():
            prepare = getattr(delegate, "prepare", None)
            if prepare is None or self.isColumnHidden(column):
                continue
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.widget = self
            option.rect = QRect(0, 0, self.columnWidth(column) - grid, 0)
            out[column] = (prepare, option)
        return out

    def _on_section_resized(self, *_args: object) -> None:
        self.row_delegate.forget_layout()

    def _paints_prepared(self) -> bool:
        model = self.model()
        return not (not isinstance(model, PreparedRows) or self.itemDelegate() is not self.row_delegate
                    or self.wordWrap() or self.isRightToLeft()
                    or self.state() == QAbstractItemView.State.DraggingState
                    or self.verticalHeader().sectionsHidden())

    def column_delegates(self) -> dict[int, QAbstractItemDelegate]:
        """The columns with a delegate of their own (the row painter has it paint their cells, as Qt would)."""
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        found = {c: self.itemDelegateForColumn(c) for c in range(columns)}
        return {c: delegate for c, delegate in found.items() if delegate is not None}

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if self._paints_prepared():
            self.row_delegate.paint_view(self, self.model(), event.rect(),  # type: ignore[arg-type]
                                         self.column_delegates())
        else:
            super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() in _RELAYOUT:
            self.row_delegate.forget_layout()
            model = self.model()
            if isinstance(model, PreparedRows):
                model.forget_looks()
        super().changeEvent(event)
