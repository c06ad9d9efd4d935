"""Paints one worklog card (kind bar, label, author and time, plain-text body with safe links) and sizes it."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.theme import is_dark
from app.ui.ticket.worklog_model import Card, WorklogModel
from app.ui.widgets.colours import DELIVERY, worklog_colours
from app.ui.widgets.safe_text import is_safe_link

BAR, PAD_X, PAD_Y, GAP, HEADER_GAP = 5, 10, 8, 6, 4
_LAYOUTS = 96  # laid-out bodies kept for painting and clicks: a few screens' worth
# Named at import (the warm-up's): PySide6 makes a class's enum types on their first use, a few ms of the
# first ticket opened otherwise.
_ON_CHARACTER = QTextLine.CursorPosition.CursorOnCharacter


class WorklogDelegate(QStyledItemDelegate):
    """Heights are cached per row and width; a body is laid out only to be measured or painted."""

    link_activated = Signal(QUrl)

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple, int] = {}
        self._layouts: OrderedDict[tuple, QTextLayout] = OrderedDict()
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.font_changed()

    def font_changed(self) -> None:
        """The view's font, palette or style changed (a theme switch): measure, lay out and colour again."""
        self._font = QFont(self._view.font())
        self._bold = QFont(self._font)
        self._bold.setWeight(QFont.Weight.DemiBold)
        self._header = QFontMetrics(self._bold).height()
        self._link = QTextCharFormat()
        self._link.setForeground(self._view.palette().color(QPalette.ColorRole.Link))
        self._link.setFontUnderline(True)
        self._dark = is_dark()
        self.clear_cache()

    def clear_cache(self) -> None:
        self._heights.clear()
        self._layouts.clear()

    def text_width(self) -> int:
        return max(40, self._view.viewport().width() - BAR - 2 * PAD_X)

    def _body_layout(self, key: tuple, card: Card, width: int) -> QTextLayout:
        key = (key, width)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
            return layout
        # QTextLayout breaks lines only at U+2028, not at "\n": one for one, so link positions stay right.
        layout = QTextLayout(card.body.replace("\r\n", " \u2028").replace("\n", "\u2028"), self._font)
        layout.setTextOption(self._option)
        if card.links:
            ranges = []
            for start, end, _url in card.links:
                fmt = QTextLayout.FormatRange()
                fmt.start, fmt.length, fmt.format = start, end - start, self._link
                ranges.append(fmt)
            layout.setFormats(ranges)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        self._layouts[key] = layout
        if len(self._layouts) > _LAYOUTS:
            self._layouts.popitem(last=False)
        return layout

    def _card(self, index: QModelIndex | QPersistentModelIndex) -> tuple[tuple, str, Card]:
        model = index.model()
        assert isinstance(model, WorklogModel)
        return model.card(index.row())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 - Qt override
        width = self.text_width()
        key, _kind, card = self._card(index)
        height = self._heights.get((key, width))
        if height is None:
            body = self._body_layout(key, card, width).boundingRect().height()
            delivery = self._header + HEADER_GAP if card.delivery else 0
            height = self._heights[(key, width)] = int(PAD_Y + self._header + HEADER_GAP + body + delivery + PAD_Y
                                                       + GAP + 0.999)
        return QSize(width + BAR + 2 * PAD_X, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        key, kind, card = self._card(index)
        bar, background, label_colour, text, meta_colour = (QColor(c) for c in worklog_colours(kind, self._dark))
        rect = option.rect
        box = QRect(rect.x(), rect.y(), rect.width(), rect.height() - GAP)
        painter.save()
        painter.fillRect(box, background)
        painter.fillRect(QRect(box.x(), box.y(), BAR, box.height()), bar)
        left, top = box.x() + BAR + PAD_X, box.y() + PAD_Y
        width = box.width() - BAR - 2 * PAD_X
        painter.setFont(self._bold)
        painter.setPen(label_colour)
        painter.drawText(QRect(left, top, width, self._header), Qt.AlignmentFlag.AlignLeft, card.label)
        used = QFontMetrics(self._bold).horizontalAdvance(card.label + "  ")
        painter.setFont(self._font)
        painter.setPen(meta_colour)
        meta = QFontMetrics(self._font).elidedText(card.meta, Qt.TextElideMode.ElideRight, max(0, width - used))
        painter.drawText(QRect(left + used, top, max(0, width - used), self._header), Qt.AlignmentFlag.AlignLeft, meta)
        painter.setPen(text)
        body = self._body_layout(key, card, self.text_width())
        body.draw(painter, QPointF(left, top + self._header + HEADER_GAP))
        if card.delivery:  # the mail's state, coloured by the theme, on its own line under the body
            y = top + self._header + HEADER_GAP + int(body.boundingRect().height() + 0.999) + HEADER_GAP
            painter.setPen(QColor(DELIVERY[self._dark].get(card.delivery_state, DELIVERY[self._dark]["none"])))
            line = QFontMetrics(self._font).elidedText(card.delivery, Qt.TextElideMode.ElideRight, max(0, width))
            painter.drawText(QRect(left, y, width, self._header), Qt.AlignmentFlag.AlignLeft, line)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(box).adjusted(1, 1, -1, -1))
        painter.restore()

    def link_at(self, index: QModelIndex | QPersistentModelIndex, pos: QPoint) -> QUrl | None:
        """The safe link under `pos` (viewport coordinates) in the card of `index`, if any."""
        key, _kind, card = self._card(index)
        if not card.links:
            return None
        rect = self._view.visualRect(index)
        x = pos.x() - (rect.x() + BAR + PAD_X)
        y = pos.y() - (rect.y() + PAD_Y + self._header + HEADER_GAP)
        layout = self._body_layout(key, card, self.text_width())
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height() and 0 <= x <= line.naturalTextWidth():
                cursor = line.xToCursor(x, _ON_CHARACTER)
                for start, end, url in card.links:
                    if start <= cursor < end:
                        link = QUrl(url, QUrl.ParsingMode.StrictMode)
                        return link if is_safe_link(link) else None
        return None

    def editorEvent(self, event: QEvent, model, option, index) -> bool:  # noqa: N802 - Qt override
        if (isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton and not event.modifiers()):
            url = self.link_at(index, event.position().toPoint())
            if url is not None:
                self.link_activated.emit(url)
                return True
        return super().editorEvent(event, model, option, index)

    # ----- a read-only text box over a card, to select part of its text (double-click or F2)

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802 - Qt override
        box = QPlainTextEdit(parent)
        box.setReadOnly(True)
        box.setAccessibleName(self.tr("Worklog entry text"))
        return box

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.DisplayRole) or "")
            editor.selectAll()

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        return None  # read only

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:  # noqa: N802 - Qt override
        editor.setGeometry(option.rect.adjusted(0, 0, 0, -GAP))
