"""A table's cell painter for prepared rows: draws a row's texts directly, with elided texts cached per width."""
# QStyledItemDelegate asks the model for ~7 roles, builds a style option and lays the text out on every
# cell of every repaint; here a cell is a lookup in the row's RowLook (app.ui.widgets.prepared_rows) and one
# drawStaticText of a text elided and laid out once per (text, width, font). It draws what CE_ItemViewItem
# draws for a plain text cell: the selection fill, colour, font, alignment, the style's text margin and the
# focus frame; the rows' alternate background and the grid as QTableView draws them. A PreparedTableView
# paints all its cells through `paint_view`, one Python call per repaint (a call per cell crossed into Python
# ~150 times on the queue, each wrapping a style option and an index: half of a repaint's CPU; the Changes
# page's table asked data() ~1,500 times per paint).

from __future__ import annotations

import re
from typing import cast

from PySide6.QtCore import QLineF, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.ui.widgets.prepared_rows import ALIGNMENT, FONT, FOREGROUND, PreparedRows

LAID_OUT_KEEP = 20_000  # laid-out texts kept (a page shows ~400 cells): dropped past this, and on any resize
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_WRAP = QStyleOptionViewItem.ViewItemFeature.WrapText
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
# The style's row panel (PE_PanelItemViewRow): the widget's enabled state, inactive when the window is not.
_PANEL_GROUPS = {(True, True): QPalette.ColorGroup.Normal, (True, False): QPalette.ColorGroup.Inactive,
                 (False, True): QPalette.ColorGroup.Disabled, (False, False): QPalette.ColorGroup.Disabled}
_BREAKS = ("\n", "\r", "\u2028", "\u2029")
_AS_SPACES = str.maketrans(dict.fromkeys(_BREAKS, " "))
# Text in these scripts (Hebrew, Arabic, Indic, Thai, CJK, Hangul, emoji...) is shaped in a font fontconfig picks
# for the script, whose line height and baseline a static text places a pixel off the style's layout: cells
# showing it are drawn by the style itself (a few cells a page); Latin, Greek, Cyrillic, punctuation and symbols
# stay on the fast path.
_OTHER_SCRIPTS = re.compile("[\u0590-\u1fff\u2c00-\U0010ffff]")
_Key = tuple[str, int, int, int, int]
_Placed = tuple[QStaticText, float, float, QFont | None]


def spare_height(height: int, font: QFont) -> int:
    """What a line of `font` leaves of `height`, its own height rounded as Qt rounds a layout's size (a centred
    line's glyphs sit at half of it, as the style places them)."""
    return height - int(QFontMetricsF(font).height() + 0.5)


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


class RowDelegate(QStyledItemDelegate):
    """Paints the cells of a PreparedRows model from its prepared rows; other models' cells get the styled
    default. The model still answers data() for every role (screen readers, tooltips, size hints)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (text, width, font slot, alignment, row height) -> (the elided text laid out once, its offset in the
        # cell, its font when not the view's)
        self._laid_out: dict[_Key, _Placed] = {}
        self._fonts: dict[int, tuple[QFont, QFontMetrics, object]] = {}  # slot -> (font, metrics, role font)
        self._look: _Look | None = None
        self._margin = -1  # the style's text margin, read on the first paint
        self._rtl = False
        self._painting = False
        self._forget_after_paint = False

    def forget_layout(self) -> None:
        """Column widths, font, palette, style or direction changed: everything is measured again. A header
        carries out its posted resize when a paint first asks it where a row is: the paint under way keeps what
        it measured (the widths are part of each layout's key) and the rest is forgotten when it ends."""
        if self._painting:
            self._forget_after_paint = True
            return
        self._laid_out.clear()
        self._fonts.clear()
        self._look = None
        self._margin = -1

    def laid_out(self) -> list[QStaticText]:
        """The texts laid out since the last change of widths or look (what the cells show)."""
        return [placed[0] for placed in self._laid_out.values()]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        if not isinstance(model, PreparedRows) or option.features & _WRAP:
            super().paint(painter, option, index)
            return
        if self._margin < 0:
            self._prepare(option)
        look = self._look
        assert look is not None
        shown = model.display_at(index.row())
        column = index.column()
        if shown is None:
            text, extra = model.missing_text(column), None
        else:
            text, extra = shown.texts[column], shown.extras.get(column)
        if not text.isascii() and _OTHER_SCRIPTS.search(text):
            self._draw_by_style(painter, option, index, text)
            return
        state = option.state.value
        rect: QRect = option.rect
        selected = bool(state & _SELECTED)
        group = _GROUPS[bool(state & _ENABLED), bool(state & _ACTIVE)]
        if selected:
            painter.fillRect(rect, look.highlight[group])
        if text:
            self._draw_cell_text(painter, rect.x(), rect.y(), rect.width(), rect.height(), text, extra,
                                 look.highlighted_text[group] if selected else look.text[group], selected)
        if state & _FOCUS:
            self._draw_focus(painter, option, rect, look.focus_colours[group, selected])

    def _draw_by_style(self, painter: QPainter, option: QStyleOptionViewItem,
                       index: QModelIndex | QPersistentModelIndex, text: str) -> None:
        """A cell with text in another script than Latin, Greek or Cyrillic, drawn by the style as the styled
        delegate draws it, on one line."""
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = one_line(text)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)

    def _prepare(self, option: QStyleOptionViewItem) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else None
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) if style else 2
        self._look = _Look(option.palette)
        font = QFont(option.font)  # a copy: the option's dies with the paint
        self._fonts[0] = (font, QFontMetrics(font), None)
        self._rtl = option.direction == Qt.LayoutDirection.RightToLeft
        self._margin = margin + 1

    def _draw_cell_text(self, painter: QPainter, x: int, y: int, width: int, height: int, text: str,
                        extra: dict[int, object] | None, plain: QColor, selected: bool) -> None:
        """A cell's text in its colour: the selection's, else the cell's own (priority, SLA), else `plain`."""
        if not selected and extra is not None and FOREGROUND in extra:
            painter.setPen(cast(QBrush, extra[FOREGROUND]).color())
        else:
            painter.setPen(plain)
        self.draw_text_at(painter, x, y, width, height, text, extra)

    def draw_text_at(self, painter: QPainter, x: int, y: int, cell_width: int, height: int, text: str,
                     extra: dict[int, object] | None) -> None:
        """Draw a cell's text (the pen is set) in the cell at (x, y) of that size, laid out once per look."""
        width = cell_width - 2 * self._margin
        if width <= 0:
            return
        if extra is None:
            role_font, align = None, 0
        else:
            role_font, align = cast(QFont | None, extra.get(FONT)), cast(int, extra.get(ALIGNMENT, 0))
        slot = 0 if role_font is None else id(role_font)
        key = (text, width, slot, align, height)
        placed = self._laid_out.get(key)
        if placed is None:
            placed = self._place(key, text, width, slot, role_font, align, height)
        text_ready, dx, dy, font = placed
        if font is None:
            painter.drawStaticText(QPointF(x + dx, y + dy), text_ready)
        else:
            painter.save()
            painter.setFont(font)
            painter.drawStaticText(QPointF(x + dx, y + dy), text_ready)
            painter.restore()

    def _place(self, key: _Key, text: str, width: int, slot: int, role_font: QFont | None, align: int,
               height: int) -> _Placed:
        """Elide and lay out a cell's text once per (text, width, font, alignment, row height), with where
        it goes in the cell: a repaint then only looks it up and draws it."""
        font, metrics, _kept = self._fonts.get(slot) or self._add_font(slot, role_font)
        if len(self._laid_out) >= LAID_OUT_KEEP:
            self._laid_out.clear()
        elided = metrics.elidedText(one_line(text), _ELIDE, width)
        static = QStaticText(elided)
        static.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
        static.prepare(QTransform(), font)
        horizontal = align & (_RIGHT | _HCENTER)
        dx: float = self._margin
        if self._rtl and not align & _ABSOLUTE:
            horizontal = 0 if horizontal == _RIGHT else _RIGHT if horizontal == 0 else horizontal
        if horizontal:
            # A text line is placed by its advance (QTextEngine::alignLine), which leaves out the last glyph's
            # overhang that the static text's width counts (an "x" at the end: a pixel).
            spare_width = width - QFontMetricsF(font).horizontalAdvance(elided)
            dx += spare_width if horizontal == _RIGHT else spare_width / 2
        vertical = align & (_TOP | _BOTTOM)
        # Where the style's centred line puts an ASCII text's glyphs (found by comparing pixels with it: at 7-15 pt
        # and row heights 18-30, all but 8 pt and 13 pt in a 30 px row; truncated, 10, 12 and 14 pt were a pixel off).
        spare = spare_height(height, font)
        dy = 0 if vertical == _TOP else spare if vertical == _BOTTOM else int(spare / 2)
        placed = self._laid_out[key] = (static, dx, dy, font if slot else None)
        return placed

    def _add_font(self, slot: int, role_font: QFont | None) -> tuple[QFont, QFontMetrics, object]:
        """A role font resolved against the view's, as the styled delegate does. Role fonts are the
        display builder's shared instances, told apart by identity (each kept alive here)."""
        font = QFont(role_font).resolve(self._fonts[0][0]) if role_font is not None else self._fonts[0][0]
        found = self._fonts[slot] = (font, QFontMetrics(font), role_font)
        return found

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

    def paint_view(self, view: QTableView, model: PreparedRows, region: QRect,
                   own: dict[int, QAbstractItemDelegate] | None = None) -> None:
        """Paint the cells of `view` inside `region` (viewport coordinates) as QTableView's own paintEvent would
        with this delegate, in one Python call for the whole viewport instead of one per cell: the row's
        alternate background, then per cell the selection, the text and the focus frame, then the grid. The cells
        of the columns in `own` are painted by their delegate. For a plain table only (no spans, hidden rows,
        right-to-left or drop indicator: the view checks)."""
        self._painting = True
        try:
            self._paint_view(view, model, region, own or {})
        finally:
            self._painting = False
            if self._forget_after_paint:
                self._forget_after_paint = False
                self.forget_layout()

    def _paint_view(self, view: QTableView, model: PreparedRows, region: QRect,
                    own: dict[int, QAbstractItemDelegate]) -> None:
        vheader, hheader = view.verticalHeader(), view.horizontalHeader()
        count = vheader.count()
        if hheader.count() == 0 or count == 0:
            return
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.widget = view
        if self._margin < 0:
            self._prepare(option)
        look = self._look
        assert look is not None
        right_edge = hheader.length() - hheader.offset() - 1
        bottom_edge = vheader.length() - vheader.offset() - 1
        dirty = QRect(region)
        dirty.setRight(min(region.right(), right_edge))
        dirty.setBottom(min(region.bottom(), bottom_edge))
        if not dirty.isValid():
            return
        top = vheader.visualIndexAt(dirty.top())
        bottom = vheader.visualIndexAt(dirty.bottom())
        if bottom < 0:
            bottom = count - 1
        if top < 0 or top > bottom:
            return
        first, last = hheader.visualIndexAt(dirty.left()), hheader.visualIndexAt(dirty.right())
        first, last = max(first, 0), hheader.count() - 1 if last < 0 else last
        columns = []  # (logical column, x, width) in visual order
        for visual in range(first, last + 1):
            col = hheader.logicalIndex(visual)
            if not hheader.isSectionHidden(col):
                columns.append((col, view.columnViewportPosition(col), view.columnWidth(col)))
        if not columns:
            return
        grid = 1 if view.showGrid() else 0
        state = option.state.value
        group = _GROUPS[bool(state & _ENABLED), bool(state & _ACTIVE)]
        panel_group = _PANEL_GROUPS[view.isEnabled(), bool(state & _ACTIVE)]
        alternate = view.alternatingRowColors()
        alternate_brush = QBrush(option.palette.brush(panel_group, QPalette.ColorRole.AlternateBase))
        panel_highlight = QBrush(option.palette.brush(panel_group, QPalette.ColorRole.Highlight))
        decorate_selected = bool(view.style().styleHint(QStyle.StyleHint.SH_ItemView_ShowDecorationSelected,
                                                        option, view))
        selection = view.selectionModel()
        current = view.currentIndex()
        focus_row = focus_col = -1
        if current.isValid() and (view.hasFocus() or view.viewport().hasFocus()):
            focus_row, focus_col = current.row(), current.column()
        missing = [model.missing_text(col) for col in range(hheader.count())]
        style = view.style()
        row_x, row_width = columns[0][1], columns[-1][1] + columns[-1][2] - columns[0][1]
        height = view.rowHeight(top) - grid
        y = view.rowViewportPosition(top)
        painter = QPainter(view.viewport())
        try:
            for row in range(top, bottom + 1):
                whole = selection.isRowSelected(row) if selection is not None else False
                some = whole or (selection is not None and selection.rowIntersectsSelection(row))
                shade = alternate and row & 1 and not (whole and decorate_selected)
                if shade and not grid:
                    painter.fillRect(QRect(row_x, y, row_width, height), alternate_brush)
                shown = model.display_at(row)
                for col, x, width in columns:
                    width -= grid
                    if shade and grid:  # the cell only: a dashed grid shows the view's base between its dashes
                        painter.fillRect(QRect(x, y, width, height), alternate_brush)
                    selected = whole or (some and selection.isSelected(model.index(row, col)))  # type: ignore[attr-defined]
                    if col in own:
                        self._draw_by_delegate(painter, option, own[col], model.index(row, col),  # type: ignore[attr-defined]
                                               QRect(x, y, width, height), selected=selected,
                                               focus=row == focus_row and col == focus_col,
                                               alternate=bool(alternate and row & 1),
                                               style=style, view=view)
                        continue
                    if selected and decorate_selected:
                        painter.fillRect(QRect(x, y, width, height), panel_highlight)
                    if shown is None:
                        text, extra = missing[col], None
                    else:
                        text, extra = shown.texts[col], shown.extras.get(col)
                    if not text.isascii() and _OTHER_SCRIPTS.search(text):
                        cell = QStyleOptionViewItem(option)
                        cell.rect = QRect(x, y, width, height)
                        if selected:
                            cell.state |= QStyle.StateFlag.State_Selected
                        if row == focus_row and col == focus_col:
                            cell.state |= QStyle.StateFlag.State_HasFocus
                        self._draw_by_style(painter, cell, model.index(row, col), text)  # type: ignore[attr-defined]
                        continue
                    if selected:
                        painter.fillRect(QRect(x, y, width, height), look.highlight[group])
                    if text:
                        self._draw_cell_text(painter, x, y, width, height, text, extra,
                                             look.highlighted_text[group] if selected else look.text[group],
                                             selected)
                    if row == focus_row and col == focus_col:
                        cell = QStyleOptionViewItem(option)
                        cell.rect = QRect(x, y, width, height)
                        cell.state = option.state | QStyle.StateFlag.State_HasFocus
                        if selected:
                            cell.state |= QStyle.StateFlag.State_Selected
                        self._draw_focus(painter, cell, cell.rect, look.focus_colours[group, selected])
                y += height + grid
            if grid:
                self._draw_grid(painter, view, option, dirty, columns, top, bottom, height + grid)
        finally:
            painter.end()

    @staticmethod
    def _draw_by_delegate(painter: QPainter, option: QStyleOptionViewItem, delegate: QAbstractItemDelegate,
                          index: QModelIndex, rect: QRect, *, selected: bool, focus: bool, alternate: bool,
                          style: QStyle, view: QTableView) -> None:
        """A cell of a column with a delegate of its own, as QTableView draws it: the style's row panel, then the
        delegate's paint."""
        cell = QStyleOptionViewItem(option)
        cell.rect = rect
        if alternate:
            cell.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
        if selected:
            cell.state |= QStyle.StateFlag.State_Selected
        if focus:
            cell.state |= QStyle.StateFlag.State_HasFocus
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, cell, painter, view)
        delegate.paint(painter, cell, index)

    @staticmethod
    def _draw_grid(painter: QPainter, view: QTableView, option: QStyleOptionViewItem, dirty: QRect,
                   columns: list[tuple[int, int, int]], top: int, bottom: int, row_height: int) -> None:
        """The grid lines over the cells of rows `top`..`bottom` in `dirty`, as QTableView draws them: a line under
        each row and one at the right edge of each column, in the style's grid colour and the view's pen style."""
        style = view.style()
        colour = QColor.fromRgba(style.styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view) & 0xFFFFFFFF)
        painter.setPen(QPen(colour, 1, view.gridStyle()))
        y = view.rowViewportPosition(top)
        for _row in range(top, bottom + 1):
            line_y = y + row_height - 1
            painter.drawLine(QLineF(dirty.left(), line_y, dirty.right(), line_y).translated(0.5, 0.5))
            y += row_height
        for _col, x, width in columns:
            line_x = x + width - 1
            painter.drawLine(QLineF(line_x, dirty.top(), line_x, dirty.bottom()).translated(0.5, 0.5))
        if view.verticalHeader().isHidden() and columns[0][1] == dirty.left() \
                and style.styleHint(QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, option, view):
            painter.drawLine(dirty.left(), dirty.top(), dirty.left(), dirty.bottom())
        if view.horizontalHeader().isHidden() and view.rowViewportPosition(top) == dirty.top() \
                and style.styleHint(QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, option, view):
            painter.drawLine(dirty.left(), dirty.top(), dirty.right(), dirty.top())
