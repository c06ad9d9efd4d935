"""A table view that paints a PreparedRows model's cells in one Python call per repaint (app.ui.widgets.row_painter)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.ui.widgets.prepared_rows import PreparedRows
from app.ui.widgets.row_painter import RowDelegate

_RELAYOUT = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange,
             QEvent.Type.LayoutDirectionChange)


class PreparedTableView(QTableView):
    """QTableView with a RowDelegate. Its paintEvent draws the whole viewport through the delegate's `paint_view`
    when the model is a PreparedRows and the table is plain: no other delegate for a column, no hidden
    rows, no word wrap (off here: a row is one line), left to right and no drag under way. Anything else is
    painted by QTableView itself (spans are not looked for: a view with spans must not be one of these)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_delegate = RowDelegate(self)
        self.setItemDelegate(self.row_delegate)
        self.setWordWrap(False)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalHeader().sectionResized.connect(self._on_section_resized)

    def _on_section_resized(self, *_args: object) -> None:
        self.row_delegate.forget_layout()

    def _paints_prepared(self) -> bool:
        model = self.model()
        if (not isinstance(model, PreparedRows) or self.itemDelegate() is not self.row_delegate
                or self.wordWrap() or self.isRightToLeft() or self.state() == QAbstractItemView.State.DraggingState
                or self.verticalHeader().sectionsHidden()):
            return False
        return not any(self.itemDelegateForColumn(c) for c in range(model.columnCount()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        if self._paints_prepared():
            self.row_delegate.paint_view(self, self.model(), event.rect())  # type: ignore[arg-type]
        else:
            super().paintEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() in _RELAYOUT:
            self.row_delegate.forget_layout()
            model = self.model()
            if isinstance(model, PreparedRows):
                model.forget_looks()
        super().changeEvent(event)
