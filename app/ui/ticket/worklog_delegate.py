"""Paints one worklog card (kind bar, label, author and time, plain-text body with safe links) and sizes it."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.ui.theme import is_dark
from app.ui.ticket.worklog_model import BODY_ROLE, KEY_ROLE, KIND_ROLE, LABEL_ROLE, LINKS_ROLE, META_ROLE
from app.ui.widgets.colours import worklog_colours
from app.ui.widgets.safe_text import is_safe_link

BAR, PAD_X, PAD_Y, GAP, HEADER_GAP = 5, 10, 8, 6, 4
_LAYOUTS = 96  # laid-out bodies kept for painting: a few screens' worth


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

    def clear_cache(self) -> None:
        self._heights.clear()
        self._layouts.clear()

    def _fonts(self) -> tuple[QFont, QFont]:
        font = self._view.font()
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        return font, bold

    def _text_width(self) -> int:
        return max(40, self._view.viewport().width() - BAR - 2 * PAD_X)

    def _body_layout(self, index, width: int) -> QTextLayout:
        key = (index.data(KEY_ROLE), width)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
            return layout
        layout = QTextLayout(index.data(BODY_ROLE) or "", self._fonts()[0])
        layout.setTextOption(self._option)
        links = index.data(LINKS_ROLE) or ()
        if links:
            link = QTextCharFormat()
            link.setForeground(self._view.palette().color(QPalette.ColorRole.Link))
            link.setFontUnderline(True)
            ranges = []
            for start, end, _url in links:
                fmt = QTextLayout.FormatRange()
                fmt.start, fmt.length, fmt.format = start, end - start, link
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

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        width = self._text_width()
        key = (index.data(KEY_ROLE), width)
        height = self._heights.get(key)
        if height is None:
            body = self._body_layout(index, width).boundingRect().height()
            header = QFontMetrics(self._fonts()[1]).height()
            height = self._heights[key] = int(PAD_Y + header + HEADER_GAP + body + PAD_Y + GAP + 0.999)
        return QSize(width + BAR + 2 * PAD_X, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        bar, background, label_colour, text, meta_colour = (QColor(c) for c in worklog_colours(
            index.data(KIND_ROLE), is_dark()))
        card = QRect(option.rect.x(), option.rect.y(), option.rect.width(), option.rect.height() - GAP)
        painter.save()
        painter.fillRect(card, background)
        painter.fillRect(QRect(card.x(), card.y(), BAR, card.height()), bar)
        font, bold = self._fonts()
        left = card.x() + BAR + PAD_X
        width = card.width() - BAR - 2 * PAD_X
        top = card.y() + PAD_Y
        header = QFontMetrics(bold)
        label = index.data(LABEL_ROLE) or ""
        painter.setFont(bold)
        painter.setPen(label_colour)
        painter.drawText(QRect(left, top, width, header.height()), Qt.AlignmentFlag.AlignLeft, label)
        used = header.horizontalAdvance(label + "  ")
        painter.setFont(font)
        painter.setPen(meta_colour)
        meta = QFontMetrics(font).elidedText(index.data(META_ROLE) or "", Qt.TextElideMode.ElideRight,
                                             max(0, width - used))
        painter.drawText(QRect(left + used, top, max(0, width - used), header.height()), Qt.AlignmentFlag.AlignLeft,
                         meta)
        painter.setPen(text)
        layout = self._body_layout(index, self._text_width())
        layout.draw(painter, QPointF(left, top + header.height() + HEADER_GAP))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(card).adjusted(1, 1, -1, -1))
        painter.restore()

    def link_at(self, index, pos) -> QUrl | None:
        """The safe link under `pos` (viewport coordinates) in the card of `index`, if any."""
        links = index.data(LINKS_ROLE) or ()
        if not links:
            return None
        rect = self._view.visualRect(index)
        header = QFontMetrics(self._fonts()[1]).height()
        x = pos.x() - (rect.x() + BAR + PAD_X)
        y = pos.y() - (rect.y() + PAD_Y + header + HEADER_GAP)
        layout = self._body_layout(index, self._text_width())
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height() and 0 <= x <= line.naturalTextWidth():
                cursor = line.xToCursor(x, line.CursorPosition.CursorOnCharacter)
                for start, end, url in links:
                    if start <= cursor < end:
                        link = QUrl(url, QUrl.ParsingMode.StrictMode)
                        return link if is_safe_link(link) else None
        return None

    def editorEvent(self, event: QEvent, model, option, index) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton
                and not event.modifiers()):
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
