"""The base of every calendar view: a custom-painted widget that hit-tests the bars it painted."""
# It drags and resizes them with live conflict feedback, and turns keys and the wheel into calendar commands.

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from html import escape

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from app.changes.calendar import Band, CalendarItem, VisibleRange, dragged_times
from app.ui.calendar.bars import paint_bar
from app.ui.calendar.day_text import day_text
from app.ui.calendar.external_drop import ExternalDropMixin
from app.ui.calendar.palette import CalendarColours, colours_for

EDGE_PX = 5
# Keys the calendar handles itself even when a window-wide action claims the same shortcut.
_COMMAND_KEYS = {
    (Qt.Key.Key_T, False): "today", (Qt.Key.Key_Home, False): "today",
    (Qt.Key.Key_Left, False): "previous", (Qt.Key.Key_PageUp, False): "previous",
    (Qt.Key.Key_Right, False): "next", (Qt.Key.Key_PageDown, False): "next",
    (Qt.Key.Key_Plus, False): "zoom_in", (Qt.Key.Key_Equal, False): "zoom_in",
    (Qt.Key.Key_Minus, False): "zoom_out", (Qt.Key.Key_Z, True): "undo",
}


@dataclass(frozen=True)
class ViewContent:
    """What a view draws: the range, the filtered items in it, window bands, conflict flags."""

    range: VisibleRange
    tz: tzinfo
    now: datetime
    items: tuple[CalendarItem, ...] = ()
    bands: tuple[Band, ...] = ()
    conflicted: frozenset[str] = frozenset()
    ci_services: Mapping[str, str | None] = field(default_factory=dict)
    holidays: Mapping[date, str] = field(default_factory=dict)
    lane_kind: str = "ci"


@dataclass
class DragState:
    item: CalendarItem
    mode: str  # move | start | end
    press_pos: QPoint
    press_time: datetime
    started: bool = False
    start: datetime | None = None
    end: datetime | None = None
    conflicts: tuple = ()

    @property
    def changed(self) -> bool:
        return self.start is not None and (self.start, self.end) != (self.item.start, self.item.end)


Evaluator = Callable[[CalendarItem, datetime, datetime], tuple]


class CalendarCanvas(ExternalDropMixin, QWidget):
    """Subclasses paint in paintEvent (calling `hit` for each bar they draw) and say how a point maps to a
    time (`time_at`), how far a drag snaps (`snap_step`) and which edges resize (`edge_axis`)."""

    item_selected = Signal(str)
    open_requested = Signal(str)
    drop_requested = Signal(str, object, object)  # change id, new start, new end
    day_requested = Signal(object)  # a date: open it in the day view
    schedule_requested = Signal(str, object, object)  # an unscheduled change dropped here: id, start, end
    command = Signal(str)  # today | previous | next | zoom_in | zoom_out | undo
    scroll_changed = Signal()  # content height or scroll position changed
    painted = Signal()

    drag_state = DragState  # for the mixin, which cannot import this module
    edge_axis: str | None = None  # "x", "y" or None (no resizing)
    snap_step = timedelta(minutes=15)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ViewContent | None = None
        self.selected_id: str | None = None
        self.evaluator: Evaluator | None = None
        # For changes dragged in from the unscheduled list: id -> CalendarItem (times ignored), or None.
        self.external_item: Callable[[str], CalendarItem | None] | None = None
        self.setAcceptDrops(True)
        self.drag: DragState | None = None
        self.scroll_y = 0
        self._snapshot: QPixmap | None = None
        self._hits: list[tuple[QRectF, CalendarItem]] = []
        self._more: list[tuple[QRectF, date]] = []
        self._labels: dict[str, list[str]] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.drag_label = QLabel(self)
        self.drag_label.setObjectName("calendar-drag-feedback")
        self.drag_label.setWordWrap(True)
        self.drag_label.setMaximumWidth(360)
        self.drag_label.setAutoFillBackground(True)
        self.drag_label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.drag_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.drag_label.setMargin(6)
        self.drag_label.hide()
        self.colours: CalendarColours = colours_for(self)

    # -- content -----------------------------------------------------------------------------------

    def set_content(self, content: ViewContent) -> None:
        self.content = content
        self._snapshot = None
        self.layout_content()
        self.scroll_changed.emit()
        self.update()

    def layout_content(self) -> None:
        """Recompute the layout cache (buckets, columns, lanes) after the content changed."""

    def content_height(self) -> int:
        """Total height of the scrollable part; the height of the widget when nothing scrolls."""
        return self.height()

    def set_scroll(self, y: int) -> None:
        self.scroll_y = max(0, y)
        self._snapshot = None
        self.update()

    def select(self, change_id: str | None) -> None:
        self.selected_id = change_id
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.colours = colours_for(self)
            self._snapshot = None
            self.update()
        super().changeEvent(event)

    # -- what subclasses provide ---------------------------------------------------------------------

    def time_at(self, pos: QPointF) -> datetime | None:
        raise NotImplementedError

    def paint_content(self, p: QPainter, clip: QRectF, content: ViewContent, font: QFont, fm: QFontMetrics) -> None:
        """Paint `content` but a dragged change (calling `hit` per bar), over the filled background, with
        `font` (the views' text font, `fm` its metrics) set on `p`."""
        raise NotImplementedError

    def paint_ghost(self, p: QPainter, drag: DragState) -> None:
        """Paint the dragged change at its preview times over the snapshot."""
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # While dragging, the rest of the view is a snapshot taken when the drag began: a drag frame
        # blits it and paints the ghost, so it costs the same however many changes the view shows.
        d = self.drag
        if d is not None and d.started:
            ratio = self.devicePixelRatioF()
            if self._snapshot is None or self._snapshot.size() != self.size() * ratio:
                self._snapshot = QPixmap(self.size() * ratio)
                self._snapshot.setDevicePixelRatio(ratio)
                self.begin_paint()
                snap = QPainter(self._snapshot)
                self._paint(snap, QRectF(self.rect()))
                snap.end()
            p = QPainter(self)
            p.drawPixmap(0, 0, self._snapshot)
            self.paint_ghost(p, d)
            p.end()
            return
        self._snapshot = None
        self.begin_paint()
        p = QPainter(self)
        self._paint(p, QRectF(event.rect()))
        p.end()
        self.painted.emit()

    def begin_paint(self) -> None:
        """Start a paint: forget the last one's hit areas; fonts are made once per paint, not per bar."""
        self._hits.clear()
        self._more.clear()
        self._labels.clear()
        fonts = []
        for points, bold in ((8.25, False), (7.5, False), (6.75, True)):  # 11, 10 and 9 px at 96 dpi
            font = QFont(self.font())
            font.setPointSizeF(points)
            font.setBold(bold)
            fonts.append((font, QFontMetrics(font)))
        self._fonts = fonts

    def _paint(self, p: QPainter, clip: QRectF) -> None:
        """Fill the background; with content, set the views' text font (11 px at 96 dpi) and paint it."""
        p.fillRect(self.rect(), self.colours.base)
        content = self.content
        if content is None:
            return
        font = QFont(self.font())
        font.setPointSizeF(8.25)  # points follow the screen's scale
        p.setFont(font)
        self.paint_content(p, clip, content, font, QFontMetrics(font))

    def fill_band(self, p: QPainter, rect: QRectF, band: Band) -> None:
        """Fill `rect` as every view shows a window: maintenance tinted, a blackout tinted and hatched."""
        if band.kind == "maintenance":
            p.fillRect(rect, self.colours.maintenance)
        else:
            p.fillRect(rect, self.colours.blackout)
            p.fillRect(rect, self.colours.hatch())

    def hit(self, rect: QRectF, item: CalendarItem) -> None:
        self._hits.append((rect, item))

    def more(self, rect: QRectF, day: date) -> None:
        self._more.append((rect, day))

    def rect_of(self, change_id: str) -> QRectF | None:
        """Where the last paint drew a change's bar (the first one, for a change shown several times)."""
        return next((rect for rect, item in self._hits if item.id == change_id), None)

    def item_at(self, pos: QPointF) -> tuple[CalendarItem, str] | None:
        """The topmost bar under `pos` and the drag mode there (an edge resizes)."""
        for rect, item in reversed(self._hits):
            if rect.adjusted(-1, -1, 1, 1).contains(pos):
                mode = "move"
                if self.edge_axis == "x" and rect.width() > 3 * EDGE_PX:
                    if pos.x() - rect.left() <= EDGE_PX:
                        mode = "start"
                    elif rect.right() - pos.x() <= EDGE_PX:
                        mode = "end"
                elif self.edge_axis == "y" and rect.height() > 3 * EDGE_PX:
                    if pos.y() - rect.top() <= EDGE_PX:
                        mode = "start"
                    elif rect.bottom() - pos.y() <= EDGE_PX:
                        mode = "end"
                return item, mode
        return None

    def times_of(self, item: CalendarItem) -> tuple[datetime, datetime]:
        """Where a bar is drawn: its preview position while dragged, its stored times otherwise."""
        d = self.drag
        if d is not None and d.started and d.item.id == item.id and d.start is not None:
            return d.start, d.end
        return item.start, item.end

    def is_conflicted(self, item: CalendarItem) -> bool:
        d = self.drag
        if d is not None and d.started and d.item.id == item.id:
            return bool(d.conflicts)
        return self.content is not None and item.id in self.content.conflicted

    # -- painting a bar ----------------------------------------------------------------------------

    def paint_bar(self, p: QPainter, rect: QRectF, item: CalendarItem, text: str, *, compact: bool = False) -> None:
        dragged = self.drag is not None and self.drag.started and self.drag.item.id == item.id
        lines = paint_bar(p, rect, item, text, colours=self.colours, fonts=self._fonts,
                          conflicted=self.is_conflicted(item), selected=item.id == self.selected_id, dragged=dragged,
                          compact=compact)
        self._labels.setdefault(item.id, lines)

    def label_of(self, change_id: str) -> list[str] | None:
        """The label lines the last paint wrote on a change's (first) bar; None when it drew no bar."""
        return self._labels.get(change_id)

    # -- mouse -------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        for rect, day in self._more:
            if rect.contains(pos):
                self.day_requested.emit(day)
                return
        found = self.item_at(pos)
        if found is None:
            return
        item, mode = found
        if item.id != self.selected_id:
            self.select(item.id)
            self.item_selected.emit(item.id)
        press_time = self.time_at(pos)
        if press_time is not None and item.state not in ("closed", "canceled"):
            self.drag = DragState(item, mode, event.position().toPoint(), press_time)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        d = self.drag
        if d is None:
            found = self.item_at(pos)
            shape = Qt.CursorShape.ArrowCursor
            if found is not None:
                mode = found[1]
                if mode == "move":
                    shape = Qt.CursorShape.OpenHandCursor
                else:
                    shape = Qt.CursorShape.SizeHorCursor if self.edge_axis == "x" else Qt.CursorShape.SizeVerCursor
            self.setCursor(shape)
            return
        if not d.started:
            if (pos.toPoint() - d.press_pos).manhattanLength() < QApplication.startDragDistance():
                return
            d.started = True
        now = self.time_at(pos)
        if now is None or self.content is None:
            return
        start, end = dragged_times(d.mode, d.item.start, d.item.end, now - d.press_time, self.snap_step,
                                   self.content.tz)
        if (start, end) != (d.start, d.end):
            d.start, d.end = start, end
            d.conflicts = self.evaluator(d.item, start, end) if self.evaluator is not None else ()
            self._show_feedback(pos)
            self.update()
        else:
            self._place_feedback(pos)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        d = self.drag
        self.drag = None
        self.drag_label.hide()
        if d is not None and d.started and d.changed:
            self.update()
            self.drop_requested.emit(d.item.id, d.start, d.end)
        elif d is not None and d.started:
            self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.item_at(event.position())
        if found is not None:
            self.drag = None
            self.open_requested.emit(found[0].id)
        else:
            day = self.day_at(event.position())
            if day is not None:
                self.day_requested.emit(day)

    def day_at(self, pos: QPointF) -> date | None:
        return None

    def cancel_drag(self) -> None:
        if self.drag is not None:
            self.drag = None
            self.drag_label.hide()
            self.update()

    def _show_feedback(self, pos: QPointF) -> None:
        d = self.drag
        tz = self.content.tz
        when = "{} – {}".format(day_text(d.start.astimezone(tz), "%a %d %b %H:%M"),
                                day_text(d.end.astimezone(tz), "%a %d %b %H:%M"))
        lines = [f"<b>{escape(d.item.number)}</b> {when}"]
        if d.conflicts:
            blocking = any(getattr(c, "severity", "") == "blocking" for c in d.conflicts)
            head = (self.tr("Freeze: cannot drop here") if blocking
                    else self.tr("%Ln conflict(s)", "", len(d.conflicts)))
            lines.append(f'<span style="color:{self.colours.conflict.name()}"><b>{head}</b></span>')
            for c in d.conflicts[:4]:
                lines.append("• " + escape(getattr(c, "text", str(c))))
            if len(d.conflicts) > 4:
                lines.append(self.tr("… and {0} more").format(len(d.conflicts) - 4))
        else:
            lines.append(self.tr("No conflicts"))
        self.drag_label.setText("<br>".join(lines))
        self.drag_label.adjustSize()
        self.drag_label.show()
        self.drag_label.raise_()
        self._place_feedback(pos)

    def _place_feedback(self, pos: QPointF) -> None:
        lab = self.drag_label
        x = int(pos.x()) + 18
        y = int(pos.y()) + 18
        if x + lab.width() > self.width():
            x = max(0, int(pos.x()) - lab.width() - 12)
        if y + lab.height() > self.height():
            y = max(0, int(pos.y()) - lab.height() - 12)
        lab.move(x, y)

    # -- keys and wheel ----------------------------------------------------------------------------

    def _command_for(self, event: QKeyEvent) -> str | None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return _COMMAND_KEYS.get((Qt.Key(event.key()), ctrl))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._command_for(event) is not None:
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip and self.content is not None:
            found = self.item_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(found[0]), self)
            return True
        return super().event(event)

    def _tooltip(self, item: CalendarItem) -> str:
        tz = self.content.tz
        lines = [f"<b>{item.number} {escape(item.title)}</b>",
                 "{} – {}".format(day_text(item.start.astimezone(tz), "%a %d %b %H:%M"),
                                  day_text(item.end.astimezone(tz), "%a %d %b %H:%M")),
                 self.tr("{0} risk, {1}, {2}").format(item.risk.capitalize(), item.change_type, item.state)]
        if item.ci_names:
            lines.append(self.tr("CIs: {0}").format(escape(", ".join(item.ci_names))))
        if item.assignee_name or item.group_name:
            lines.append(escape(" · ".join(n for n in (item.assignee_name, item.group_name) if n)))
        if self.evaluator is not None and item.id in self.content.conflicted:
            for c in self.evaluator(item, item.start, item.end)[:4]:
                lines.append(f'<span style="color:{self.colours.conflict.name()}">• {escape(c.text)}</span>')
        return "<br>".join(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.drag is not None:
            self.cancel_drag()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id:
            self.open_requested.emit(self.selected_id)
            return
        name = self._command_for(event)
        if name is not None:
            self.command.emit(name)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        dy = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if dy:
                self.command.emit("zoom_in" if dy > 0 else "zoom_out")
            return
        room = self.content_height() - self.height()
        if room > 0 and dy:
            self.set_scroll(min(room, max(0, self.scroll_y - dy // 2)))
            self.scroll_changed.emit()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.scroll_changed.emit()
