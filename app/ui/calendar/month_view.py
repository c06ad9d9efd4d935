"""The month view: six weeks of day cells, each listing what fits and "+N more" for the rest."""
# A change is dragged by whole days. Painting reads per-day buckets computed once per data load, never the full list.

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen

from app.changes.calendar import Band, CalendarItem, local_day, local_midnight, month_buckets
from app.ui.calendar.canvas import CalendarCanvas, ViewContent
from app.ui.calendar.day_text import day_text

HEADER_H = 24
CHIP_H = 17
CHIP_GAP = 2
DAY_LABEL_H = 20


class MonthView(CalendarCanvas):
    edge_axis = None  # whole-day moves only; resize in the week, day or timeline view
    snap_step = timedelta(days=1)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar-month")
        self._buckets: list[list[CalendarItem]] = []
        self._day_bands: list[list[Band]] = []
        self.setMinimumSize(560, 380)

    def layout_content(self) -> None:
        c = self.content
        if c is None:
            self._buckets, self._day_bands = [], []
            return
        rng = c.range
        self._buckets = month_buckets(c.items, rng.first_day, rng.days, c.tz)
        self._day_bands = [[] for _ in range(rng.days)]
        for band in c.bands:
            if not band.everything:
                continue
            first = (local_day(band.start, c.tz) - rng.first_day).days
            last = (local_day(band.end - timedelta(microseconds=1), c.tz) - rng.first_day).days
            for i in range(max(0, first), min(rng.days - 1, last) + 1):
                self._day_bands[i].append(band)

    # -- geometry ----------------------------------------------------------------------------------

    def _cell(self, index: int) -> QRectF:
        w = self.width() / 7
        h = (self.height() - HEADER_H) / 6
        return QRectF((index % 7) * w, HEADER_H + (index // 7) * h, w, h)

    def _index_at(self, pos: QPointF) -> int | None:
        if pos.y() < HEADER_H or self.content is None:
            return None
        col = int(pos.x() // (self.width() / 7))
        row = int((pos.y() - HEADER_H) // ((self.height() - HEADER_H) / 6))
        if 0 <= col < 7 and 0 <= row < 6:
            return row * 7 + col
        return None

    def day_at(self, pos: QPointF) -> date | None:
        i = self._index_at(pos)
        return None if i is None else self.content.range.first_day + timedelta(days=i)

    def time_at(self, pos: QPointF) -> datetime | None:
        day = self.day_at(pos)
        return None if day is None else local_midnight(day, self.content.tz)

    def rect_of_day(self, day: date) -> QRectF:
        """The cell of `day` (for tests and the drop target)."""
        return self._cell((day - self.content.range.first_day).days)

    # -- painting ----------------------------------------------------------------------------------

    def paint_content(self, p: QPainter, clip: QRectF, content: ViewContent, font: QFont, fm: QFontMetrics) -> None:
        c = self.colours
        self._cell_font = font
        w = self.width() / 7
        p.setPen(c.muted)
        for i in range(7):
            name = day_text((content.range.first_day + timedelta(days=i)), "%a")
            p.drawText(QRectF(i * w, 0, w, HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        today = local_day(content.now, content.tz)
        month = (content.range.first_day + timedelta(days=15)).month
        for i in range(content.range.days):
            day = content.range.first_day + timedelta(days=i)
            cell = self._cell(i)
            if not cell.intersects(clip):
                continue
            self._paint_cell(p, cell, i, day, day == today, day.month == month, fm)
        p.setPen(QPen(c.grid, 1))
        for r in range(7):
            y = HEADER_H + r * (self.height() - HEADER_H) / 6
            p.drawLine(QPointF(0, y), QPointF(self.width(), y))
        for col in range(1, 7):
            p.drawLine(QPointF(col * w, HEADER_H), QPointF(col * w, self.height()))

    def _paint_cell(self, p: QPainter, cell: QRectF, index: int, day: date, is_today: bool, in_month: bool,
                    fm: QFontMetrics) -> None:
        c = self.colours
        content = self.content
        p.setFont(self._cell_font)
        if not in_month or day.weekday() >= 5:
            p.fillRect(cell, c.alt)
        label_extra = content.holidays.get(day, "")
        for band in self._day_bands[index]:
            self.fill_band(p, cell, band)
            if band.kind != "maintenance":
                label_extra = band.name
        num = QRectF(cell.left() + 4, cell.top() + 2, 22, DAY_LABEL_H - 2)
        if is_today:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(c.today)
            p.drawEllipse(QRectF(num.left(), num.top(), DAY_LABEL_H - 2, DAY_LABEL_H - 2))
            p.setPen(c.base if c.dark else Qt.GlobalColor.white)
            p.drawText(QRectF(num.left(), num.top(), DAY_LABEL_H - 2, DAY_LABEL_H - 2), Qt.AlignmentFlag.AlignCenter,
                       str(day.day))
        else:
            p.setPen(c.text if in_month else c.muted)
            text = str(day.day) if day.day != 1 else day_text(day, "%d %b").lstrip("0")
            p.drawText(QRectF(num.left() + 2, num.top(), 60, num.height()), Qt.AlignmentFlag.AlignVCenter, text)
        if label_extra:
            p.setPen(c.muted)
            room = QRectF(cell.left() + 44, cell.top() + 2, cell.width() - 48, DAY_LABEL_H - 2)
            p.drawText(room, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       fm.elidedText(label_extra, Qt.TextElideMode.ElideRight, int(room.width())))
        items = self._buckets[index]
        if not items:
            return
        top = cell.top() + DAY_LABEL_H + 1
        room = int((cell.bottom() - 2 - top) // (CHIP_H + CHIP_GAP))
        shown = items if len(items) <= room else items[:max(0, room - 1)]
        tz = content.tz
        for k, it in enumerate(shown):
            rect = QRectF(cell.left() + 3, top + k * (CHIP_H + CHIP_GAP), cell.width() - 6, CHIP_H)
            starts_here = local_day(it.start, tz) == day
            prefix = it.start.astimezone(tz).strftime("%H:%M") if starts_here else "→"
            self.paint_bar(p, rect, it, f"{prefix} {it.number} {it.title}", compact=True)
            self.hit(rect, it)
        hidden = len(items) - len(shown)
        p.setFont(self._cell_font)  # bars leave their own font on the painter
        if hidden:
            rect = QRectF(cell.left() + 5, top + len(shown) * (CHIP_H + CHIP_GAP), cell.width() - 10, CHIP_H)
            p.setPen(c.today)
            p.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       self.tr("+{0} more").format(hidden))
            self.more(rect, day)

    def paint_ghost(self, p: QPainter, drag) -> None:
        """The day it would land on: a dashed outline and the change at its new time at the cell's foot."""
        content = self.content
        day = local_day(drag.start, content.tz)
        index = (day - content.range.first_day).days
        if not 0 <= index < content.range.days:
            return
        cell = self._cell(index)
        p.setPen(QPen(self.colours.selection, 2, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(cell.adjusted(2, 2, -2, -2))
        rect = QRectF(cell.left() + 3, cell.bottom() - CHIP_H - 4, cell.width() - 6, CHIP_H)
        it = drag.item
        self.paint_bar(p, rect, it, "{} {} {}".format(drag.start.astimezone(content.tz).strftime("%H:%M"), it.number,
                                                      it.title), compact=True)

    def drop_start(self, pos: QPointF) -> datetime | None:
        """An unscheduled change dropped on a day starts at 09:00 there."""
        day = self.day_at(pos)
        if day is None:
            return None
        return datetime.combine(day, time(9), tzinfo=self.content.tz).astimezone(UTC)
