"""The queue's cell painter: draws a row's prepared texts directly, with elided texts cached per width."""
# QStyledItemDelegate asks the model for ~7 roles, builds a style option and lays the text out on every
# cell of every repaint; here a cell is a lookup in the row's RowDisplay and one drawStaticText of a text
# elided and laid out once per (text, width, font). It draws what CE_ItemViewItem draws for a plain text
# cell: the selection fill, colour, font, alignment, the style's text margin and the focus frame. The
# row's alternate background is painted by the view itself before the delegate is called.

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionFocusRect, QStyleOptionViewItem, QWidget

from app.ui.queue.row_display import ALIGNMENT, FONT, FOREGROUND
from app.ui.queue.table_model import PLACEHOLDER, TicketTableModel

LAID_OUT_KEEP = 20_000  # laid-out texts kept (a page shows ~400 cells): dropped past this, and on any resize
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_RIGHT = Qt.AlignmentFlag.AlignRight.value
_HCENTER = Qt.AlignmentFlag.AlignHCenter.value
_ABSOLUTE = Qt.AlignmentFlag.AlignAbsolute.value
_TOP = Qt.AlignmentFlag.AlignTop.value
_BOTTOM = Qt.AlignmentFlag.AlignBottom.value
_ELIDE = Qt.TextElideMode.ElideRight
_GROUPS = {(True, True): QPalette.ColorGroup.Active, (True, False): QPalette.ColorGroup.Inactive,
           (False, True): QPalette.ColorGroup.Disabled, (False, False): QPalette.ColorGroup.Disabled}
_BREAKS = ("\n", "\r", "\u2028", "\u2029")
_AS_SPACES = str.maketrans(dict.fromkeys(_BREAKS, " "))


def one_line(text: str) -> str:
    """A cell shows one line: line breaks read as spaces."""
    return text.translate(_AS_SPACES) if any(b in text for b in _BREAKS) else text


class _Look:
    """The view's palette colours a cell uses, read once per palette (not per cell)."""

    __slots__ = ("focus_colours", "highlight", "highlighted_text", "text")

    def __init__(self, palette: QPalette) -> None:
        self.highlight: dict[QPalette.ColorGroup, QBrush] = {}
        self.highlighted_text: dict[QPalette.ColorGroup, QColor] = {}
        self.text: dict[QPalette.ColorGroup, QColor] = {}
        self.focus_colours: dict[tuple[QPalette.ColorGroup, bool], QColor] = {}
        for group in set(_GROUPS.values()):
            self.highlight[group] = QBrush(palette.brush(group, QPalette.ColorRole.Highlight))
            self.highlighted_text[group] = QColor(palette.color(group, QPalette.ColorRole.HighlightedText))
            self.text[group] = QColor(palette.color(group, QPalette.ColorRole.Text))
            for selected in (True, False):
                role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Window
                self.focus_colours[group, selected] = QColor(palette.color(group, role))


class QueueRowDelegate(QStyledItemDelegate):
    """Paints queue cells from the model's prepared rows; other models' cells get the styled default.
    The model still answers data() for every role (screen readers, tooltips, size hints)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (text, width, font slot) -> (the elided text laid out once, its width)
        self._laid_out: dict[tuple[str, int, int], tuple[QStaticText, float]] = {}
        self._fonts: dict[int, tuple[QFont, QFontMetrics, object]] = {}  # slot -> (font, metrics, role font)
        self._look: _Look | None = None
        self._margin = -1  # the style's text margin, read on the first paint
        self._rtl = False

    def forget_layout(self) -> None:
        """Column widths, font, palette, style or direction changed: everything is measured again."""
        self._laid_out.clear()
        self._fonts.clear()
        self._look = None
        self._margin = -1

    def laid_out(self) -> list[QStaticText]:
        """The texts laid out since the last change of widths or look (what the cells show)."""
        return [static for static, _width in self._laid_out.values()]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        if not isinstance(model, TicketTableModel):
            super().paint(painter, option, index)
            return
        if self._margin < 0:
            self._prepare(option)
        look = self._look
        assert look is not None
        shown = model.display_at(index.row())
        column = index.column()
        if shown is None:
            text, extra = (PLACEHOLDER if column == 0 else ""), None
        else:
            text, extra = shown.texts[column], shown.extras.get(column)
        state = option.state.value
        rect: QRect = option.rect
        selected = bool(state & _SELECTED)
        group = _GROUPS[bool(state & _ENABLED), bool(state & _ACTIVE)]
        if selected:
            painter.fillRect(rect, look.highlight[group])
        if text:
            if selected:
                painter.setPen(look.highlighted_text[group])
            elif extra is not None and FOREGROUND in extra:
                painter.setPen(cast(QBrush, extra[FOREGROUND]).color())
            else:
                painter.setPen(look.text[group])
            self._draw_text(painter, rect, text, extra)
        if state & _FOCUS:
            self._draw_focus(painter, option, rect, look.focus_colours[group, selected])

    def _prepare(self, option: QStyleOptionViewItem) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) if style else 2
        self._look = _Look(option.palette)
        font = QFont(option.font)  # a copy: the option's dies with the paint
        self._fonts[0] = (font, QFontMetrics(font), None)
        self._rtl = option.direction == Qt.LayoutDirection.RightToLeft
        self._margin = margin + 1

    def _draw_text(self, painter: QPainter, rect: QRect, text: str, extra: dict[int, object] | None) -> None:
        margin = self._margin
        width = rect.width() - 2 * margin
        if width <= 0:
            return
        role_font = cast(QFont | None, extra.get(FONT)) if extra is not None else None
        slot = 0 if role_font is None else id(role_font)
        font, metrics, _kept = self._fonts.get(slot) or self._add_font(slot, role_font)
        key = (text, width, slot)
        laid_out = self._laid_out.get(key)
        if laid_out is None:
            laid_out = self._lay_out(key, text, width, font, metrics)
        static, text_width = laid_out
        align = cast(int, extra.get(ALIGNMENT, 0)) if extra is not None else 0
        horizontal = align & (_RIGHT | _HCENTER)
        if self._rtl and not align & _ABSOLUTE:
            horizontal = 0 if horizontal == _RIGHT else _RIGHT if horizontal == 0 else horizontal
        x: float = rect.x() + margin
        if horizontal == _RIGHT:
            x += width - text_width
        elif horizontal == _HCENTER:
            x += (width - text_width) / 2
        vertical = align & (_TOP | _BOTTOM)
        spare = rect.height() - metrics.height()
        y = rect.y() + (0 if vertical == _TOP else spare if vertical == _BOTTOM else spare / 2)
        if slot:
            painter.save()
            painter.setFont(font)
            painter.drawStaticText(QPointF(x, y), static)
            painter.restore()
        else:
            painter.drawStaticText(QPointF(x, y), static)

    def _add_font(self, slot: int, role_font: QFont | None) -> tuple[QFont, QFontMetrics, object]:
        """A role font resolved against the view's, as the styled delegate does. Role fonts are the
        display builder's shared instances, told apart by identity (each kept alive here)."""
        font = QFont(role_font).resolve(self._fonts[0][0]) if role_font is not None else self._fonts[0][0]
        found = self._fonts[slot] = (font, QFontMetrics(font), role_font)
        return found

    def _lay_out(self, key: tuple[str, int, int], text: str, width: int, font: QFont,
                 metrics: QFontMetrics) -> tuple[QStaticText, float]:
        if len(self._laid_out) >= LAID_OUT_KEEP:
            self._laid_out.clear()
        elided = metrics.elidedText(one_line(text), _ELIDE, width)
        static = QStaticText(elided)
        static.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        static.prepare(QTransform(), font)
        laid_out = self._laid_out[key] = (static, static.size().width())
        return laid_out

    def _draw_focus(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect, background: QColor) -> None:
        widget = option.widget
        if widget is None:
            return
        focus = QStyleOptionFocusRect()
        focus.state = (option.state | QStyle.StateFlag.State_KeyboardFocusChange
                       | QStyle.StateFlag.State_Item)
        focus.direction = option.direction
        focus.rect = rect
        focus.palette = option.palette
        focus.fontMetrics = option.fontMetrics
        focus.backgroundColor = background
        widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
