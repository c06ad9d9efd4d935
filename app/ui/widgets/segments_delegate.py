"""Paints highlighted text (Segments: (piece, matched) pairs) with the matches in bold, and a second dimmer line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.widgets.row_painter import spare_height

SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 1  # the title's Segments
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2  # the body snippet's Segments


LAID_OUT_KEEP = 5_000  # lines laid out and kept (a list shows ~60): dropped all at once past this
_Piece = tuple[QStaticText, float, QFont, int]


def _lay_out(segments, width: int, height: int, font: QFont) -> list[_Piece]:
    """A line's pieces left to right, bold where matched, elided at the right edge, each as a static text laid out
    once, with its offset in the line: what QPainter.drawText did on every paint (vertically centred). Text only:
    nothing is markup."""
    font = QFont(font)  # a copy, kept with the line: the style option's font dies with the paint
    bold = QFont(font)
    bold.setBold(True)
    placed: list[_Piece] = []
    x = 0
    for piece, matched in segments:
        piece = " ".join(piece.split()) if "\n" in piece else piece
        f = bold if matched else font
        metrics = QFontMetrics(f)
        room = width - x
        if room <= 8:
            break
        advance = metrics.horizontalAdvance(piece)
        shown = piece if advance <= room else metrics.elidedText(piece, Qt.TextElideMode.ElideRight, room)
        static = QStaticText(shown)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), f)
        dy = int(spare_height(height, f) / 2)  # vertically centred, as drawText placed it
        placed.append((static, float(x), f, dy))
        x += metrics.horizontalAdvance(shown)
        if shown != piece:
            break
    return placed


class SegmentsDelegate(QStyledItemDelegate):
    """Title on the first line, snippet (smaller, dimmer) on the second; matches in bold in both. Each line is laid
    out once per (segments, width, height, font) and drawn as static texts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple, list] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt, ((title_rect, title, font), (snippet_rect, snippet, small)) = self._lines(option, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(group))
        self._draw(painter, title_rect, title, font)
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        self._draw(painter, snippet_rect, snippet, small)
        painter.restore()

    def prepare(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """Lays out the cell's lines ahead of its paint (app.ui.widgets.prepared_table_view makes them with the row's
        looks, on turns of their own): laid out in the paint, a list's first paint was 11-12 ms."""
        for rect, segments, font in self._lines(option, index)[1]:
            self._placed(segments, rect, font)

    def _lines(self, option: QStyleOptionViewItem,
               index: QModelIndex | QPersistentModelIndex) -> tuple[QStyleOptionViewItem, list[tuple]]:
        """The cell's style option, and its two lines as (rect, segments, font): the title, then the snippet."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect = opt.rect.adjusted(4, 2, -4, -2)
        half = rect.height() // 2
        font = QFont(opt.font)  # a copy: the option's own dies with the option (prepare drops it)
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        return opt, [(QRect(rect.left(), rect.top(), rect.width(), half), index.data(SEGMENTS_ROLE) or (), font),
                     (QRect(rect.left(), rect.top() + half, rect.width(), rect.height() - half),
                      index.data(SNIPPET_ROLE) or (), small)]

    def _placed(self, segments, rect: QRect, font: QFont) -> list[_Piece]:
        key = (tuple((piece, bool(matched)) for piece, matched in segments), rect.width(), rect.height(), font.key())
        placed = self._laid_out.get(key)
        if placed is None:
            if len(self._laid_out) >= LAID_OUT_KEEP:
                self._laid_out.clear()
            placed = self._laid_out[key] = _lay_out(key[0], rect.width(), rect.height(), font)
        return placed

    def _draw(self, painter: QPainter, rect: QRect, segments, font: QFont) -> None:
        for static, dx, f, dy in self._placed(segments, rect, font):
            painter.setFont(f)
            painter.drawStaticText(QPointF(rect.left() + dx, rect.top() + dy), static)
