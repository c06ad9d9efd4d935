"""The caller's assets under their card in the ticket form: the CIs they own; a click opens one in the CMDB."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.people.directory import CallerCard
from app.ui.context import UiContext
from app.ui.widgets.safe_text import one_line
from core.cmdb.classes import STATUSES

_VISIBLE_ROWS = 4
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CallerAssets(QWidget):
    """Shows a CallerCard's assets (hidden when the caller owns none). Clicking one, or Enter on it, asks the
    window to open that CI (`events.open_ci_requested`). GUI thread only."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("CallerAssets")
        self.list.setAccessibleName(self.tr("The caller's assets"))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.itemClicked.connect(self.open_item)
        self.list.itemActivated.connect(self._on_activated)
        self._clicked: QListWidgetItem | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.heading)
        column.addWidget(self.list)
        # As tall as its rows: a tall form's spare height goes elsewhere, not between the heading and the list.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def show_assets(self, card: CallerCard | None) -> None:
        self.list.clear()
        if card is None or not card.assets:
            self.hide()
            return
        more = card.asset_count - len(card.assets)
        heading = self.tr("Assets ({0}), click one to open it:").format(card.asset_count)
        if more > 0:
            heading += " " + self.tr("(the first {0} shown; the CMDB lists all)").format(len(card.assets))
        self.heading.setText(heading)
        for asset in card.assets:
            status = STATUSES.get(asset.status, asset.status)
            item = QListWidgetItem(self.tr("{0}  ·  {1}  ·  {2}").format(one_line(asset.name, 80), asset.class_label,
                                                                       status))
            item.setData(ID_ROLE, asset.id)
            item.setToolTip(self.tr("Open {0} in the CMDB").format(one_line(asset.name, 200)))
            self.list.addItem(item)
        rows = min(len(card.assets), _VISIBLE_ROWS)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 2)
        self.show()

    def open_item(self, item: QListWidgetItem) -> None:
        self._clicked = item
        self._ctx.events.open_ci_requested.emit(item.data(ID_ROLE))

    def _on_activated(self, item: QListWidgetItem) -> None:
        # Enter on an item; a double click also activates, after its first click already opened the CI.
        if item is not self._clicked:
            self._ctx.events.open_ci_requested.emit(item.data(ID_ROLE))
        self._clicked = None
