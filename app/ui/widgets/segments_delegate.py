"""Paints highlighted text (Segments: (piece, matched) pairs) with the matches in bold, and a second dimmer line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 1  # the title's Segments
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2  # the body snippet's Segments


def _draw(painter: QPainter, rect: QRect, segments, font: QFont) -> None:
    """Draw pieces left to right, bold where matched, elided at the right edge. Text only: nothing is markup."""
    bold = QFont(font)
    bold.setBold(True)
    x = rect.left()
    for piece, matched in segments:
        piece = " ".join(piece.split()) if "\n" in piece else piece
        f = bold if matched else font
        metrics = QFontMetrics(f)
        room = rect.right() - x
        if room <= 8:
            break
        width = metrics.horizontalAdvance(piece)
        shown = piece if width <= room else metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
        painter.setFont(f)
        painter.drawText(QRect(x, rect.top(), room, rect.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        x += metrics.horizontalAdvance(shown)
        if shown != piece:
            break


class SegmentsDelegate(QStyledItemDelegate):
    """Title on the first line, snippet (smaller, dimmer) on the second; matches in bold in both."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, snippet = index.data(SEGMENTS_ROLE), index.data(SNIPPET_ROLE)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(group))
        rect = opt.rect.adjusted(4, 2, -4, -2)
        half = rect.height() // 2
        _draw(painter, QRect(rect.left(), rect.top(), rect.width(), half), title or (), opt.font)
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.9, 7.0))
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        _draw(painter, QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half), snippet or (), small)
        painter.restore()
