"""The week and day views: day columns over a 24-hour grid that scrolls under a fixed header."""
# Overlapping changes share a column's width; drag moves by 15 minutes, the top or bottom edge resizes.

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen

from app.changes.calendar import Band, Placed, day_columns, local_day, local_midnight
from app.ui.calendar.canvas import CalendarCanvas, ViewContent
from app.ui.calendar.day_text import day_text

HEADER_H = 38
GUTTER_W = 54
HOUR_H = 44
BUSINESS_START_HOUR = 7


class TimeGridView(CalendarCanvas):
    edge_axis = "y"
    snap_step = timedelta(minutes=15)

    def __init__(self, days: int, parent=None) -> None:
        super().__init__(parent)
        self.days = days
        self.setObjectName("calendar-week" if days > 1 else "calendar-day")
        self._columns: list[list[Placed]] = []
        self.scroll_y = BUSINESS_START_HOUR * HOUR_H - 12  # working hours first, with the 07:00 label in sight
        # Until the user scrolls (or drags) in a period, each new content places the view on its earliest
        # change or window: the range moves at once, its changes arrive with the load after it.
        self._placed_range = None
        self._follow_first = True
        self.setMinimumSize(480, 360)

    def layout_content(self) -> None:
        c = self.content
        self._columns = []
        if c is None:
            return
        for i in range(c.range.days):
            day = c.range.first_day + timedelta(days=i)
            self._columns.append(day_columns(c.items, local_midnight(day, c.tz),
                                             local_midnight(day + timedelta(days=1), c.tz)))

        if c.range != self._placed_range:
            self._placed_range = c.range
            self._follow_first = True
        if self._follow_first:
            self.set_scroll(self.first_scroll())

    def first_scroll(self) -> int:
        """Where the period opens: its earliest change or window (night work included) in sight, at the
        start of business hours when that shows it too."""
        business = BUSINESS_START_HOUR * HOUR_H - 12
        tops = [pl.start for placed in self._columns for pl in placed]
        content = self.content
        for band in self._bands_shown():
            for i in range(self.days):
                day = content.range.first_day + timedelta(days=i)
                lo, hi = local_midnight(day, content.tz), local_midnight(day + timedelta(days=1), content.tz)
                # A window over the whole day shows wherever the view stands: it places nothing.
                if band.start < hi and band.end > lo and not (band.start <= lo and band.end >= hi):
                    tops.append(max(band.start, lo))
        if not tops:
            return business
        first = min(HEADER_H + self._minutes_of(t) / 60 * HOUR_H for t in tops) - HEADER_H - 12
        # Business hours stay the opening view when the first change is within the screen they show.
        seen = max(HOUR_H, self.height() - HEADER_H - 2 * HOUR_H)
        return int(first) if first < business or first > business + seen else business

    def _minutes_of(self, dt: datetime) -> float:
        local = dt.astimezone(self.content.tz)
        return local.hour * 60 + local.minute

    def user_scrolled(self, y: int) -> None:
        """The user took over the position: later loads of this period keep it."""
        self._follow_first = False
        self.set_scroll(y)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._follow_first and self.content is not None:
            self.set_scroll(self.first_scroll())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._follow_first = False  # a drag must not be followed by a jump
        super().mousePressEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._follow_first = False
        super().wheelEvent(event)

    def content_height(self) -> int:
        return HEADER_H + 24 * HOUR_H

    def set_scroll(self, y: int) -> None:
        super().set_scroll(min(y, max(0, self.content_height() - self.height())))
        self.scroll_changed.emit()

    # -- geometry ----------------------------------------------------------------------------------

    def _col_w(self) -> float:
        return (self.width() - GUTTER_W) / max(1, self.days)

    def _y_of(self, dt: datetime, day: date) -> float:
        local = dt.astimezone(self.content.tz)
        if local.date() < day:
            minutes = 0.0
        elif local.date() > day:
            minutes = 24 * 60.0
        else:
            minutes = local.hour * 60 + local.minute + local.second / 60
        return HEADER_H + minutes / 60 * HOUR_H - self.scroll_y

    def y_of(self, dt: datetime) -> float:
        """Where a time is drawn in its own day's column (for tests and overlays)."""
        return self._y_of(dt, local_day(dt, self.content.tz))

    def x_of_day(self, day: date) -> float:
        return GUTTER_W + (day - self.content.range.first_day).days * self._col_w()

    def day_at(self, pos: QPointF) -> date | None:
        if self.content is None or pos.x() < GUTTER_W:
            return None
        i = min(self.days - 1, max(0, int((pos.x() - GUTTER_W) // self._col_w())))
        return self.content.range.first_day + timedelta(days=i)

    def time_at(self, pos: QPointF) -> datetime | None:
        if self.content is None:
            return None
        i = min(self.days - 1, max(0, int((pos.x() - GUTTER_W) // self._col_w())))
        day = self.content.range.first_day + timedelta(days=i)
        minutes = (pos.y() + self.scroll_y - HEADER_H) / HOUR_H * 60
        minutes = min(24 * 60, max(0.0, minutes))
        local = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
        return local.replace(tzinfo=self.content.tz).astimezone(UTC)

    # -- painting ----------------------------------------------------------------------------------

    def paint_content(self, p: QPainter, clip: QRectF, content: ViewContent, font: QFont, fm: QFontMetrics) -> None:
        c = self.colours
        cw = self._col_w()
        today = local_day(content.now, content.tz)
        p.setClipRect(QRectF(0, HEADER_H, self.width(), self.height() - HEADER_H))
        for i in range(self.days):
            day = content.range.first_day + timedelta(days=i)
            if day.weekday() >= 5:
                p.fillRect(QRectF(GUTTER_W + i * cw, HEADER_H, cw, self.height()), c.alt)
        self._paint_bands(p, fm)
        p.setPen(QPen(c.grid, 1))
        for h in range(25):
            y = HEADER_H + h * HOUR_H - self.scroll_y
            p.drawLine(QPointF(GUTTER_W - 6, y), QPointF(self.width(), y))
            if 0 < h < 24:
                p.setPen(c.muted)
                p.drawText(QRectF(0, y - 8, GUTTER_W - 10, 16),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{h:02d}:00")
                p.setPen(QPen(c.grid, 1))
        for i in range(self.days + 1):
            x = GUTTER_W + i * cw
            p.drawLine(QPointF(x, HEADER_H), QPointF(x, self.height()))
        drag = self.drag if self.drag is not None and self.drag.started else None
        for i, placed in enumerate(self._columns):
            day = content.range.first_day + timedelta(days=i)
            x0 = GUTTER_W + i * cw
            for pl in placed:
                if drag is not None and pl.item.id == drag.item.id:
                    continue
                self._paint_placed(p, pl, day, x0, cw)
        if content.range.first_day <= today < content.range.first_day + timedelta(days=self.days):
            x0 = GUTTER_W + (today - content.range.first_day).days * cw
            y = self._y_of(content.now, today)
            p.setPen(QPen(c.conflict, 2))
            p.drawLine(QPointF(x0, y), QPointF(x0 + cw, y))
            p.setBrush(c.conflict)
            p.drawEllipse(QPointF(x0, y), 4, 4)
        p.setClipping(False)
        p.setFont(font)  # bars leave their own font on the painter
        self._paint_header(p, cw, today, fm)

    def _paint_header(self, p: QPainter, cw: float, today: date, fm: QFontMetrics) -> None:
        c = self.colours
        content = self.content
        p.fillRect(QRectF(0, 0, self.width(), HEADER_H), c.base)
        for i in range(self.days):
            day = content.range.first_day + timedelta(days=i)
            rect = QRectF(GUTTER_W + i * cw, 0, cw, HEADER_H)
            p.setPen(c.today if day == today else c.text)
            font = QFont(p.font())
            font.setBold(day == today)
            p.setFont(font)
            label = day_text(day, "%a %d %b") if cw > 80 else day_text(day, "%a %d")
            holiday = content.holidays.get(day)
            p.drawText(rect.adjusted(4, 2, -4, -(HEADER_H / 2)), Qt.AlignmentFlag.AlignCenter, label)
            if holiday:
                p.setPen(c.muted)
                font.setBold(False)
                p.setFont(font)
                p.drawText(rect.adjusted(4, HEADER_H / 2, -4, -2), Qt.AlignmentFlag.AlignCenter,
                           fm.elidedText(holiday, Qt.TextElideMode.ElideRight, int(cw - 8)))
        p.setPen(QPen(c.grid, 1))
        p.drawLine(QPointF(0, HEADER_H), QPointF(self.width(), HEADER_H))

    def _bands_shown(self) -> list[Band]:
        """Windows that apply to everything, plus those of the selected change's CIs."""
        content = self.content
        selected = next((it for it in content.items if it.id == self.selected_id), None)
        cis = selected.ci_ids if selected is not None else ()
        return [b for b in content.bands
                if b.everything or any(b.covers(ci, content.ci_services.get(ci)) for ci in cis)]

    def _paint_bands(self, p: QPainter, fm: QFontMetrics) -> None:
        c = self.colours
        cw = self._col_w()
        content = self.content
        for band in self._bands_shown():
            for i in range(self.days):
                day = content.range.first_day + timedelta(days=i)
                lo, hi = local_midnight(day, content.tz), local_midnight(day + timedelta(days=1), content.tz)
                if band.end <= lo or band.start >= hi:
                    continue
                y0, y1 = self._y_of(max(band.start, lo), day), self._y_of(min(band.end, hi), day)
                rect = QRectF(GUTTER_W + i * cw, y0, cw, y1 - y0)
                self.fill_band(p, rect, band)
                if y1 - y0 > 14:
                    p.setPen(c.muted)
                    p.drawText(rect.adjusted(3, 1, -3, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                               fm.elidedText(band.name, Qt.TextElideMode.ElideRight, int(cw - 6)))

    def _paint_placed(self, p: QPainter, pl: Placed, day: date, x0: float, cw: float) -> None:
        y0, y1 = self._y_of(pl.start, day), self._y_of(pl.end, day)
        if y1 < HEADER_H or y0 > self.height():
            return
        width = (cw - 6) / pl.columns
        rect = QRectF(x0 + 2 + pl.column * width, y0 + 1, max(2.0, width - 2), max(6.0, y1 - y0 - 2))
        it = pl.item
        if rect.width() < 16:  # too narrow for any text, even the end of the number: skip building it
            self.paint_bar(p, rect, it, "")
            self.hit(rect, it)
            return
        tz = self.content.tz
        text = "{} {}\n{}–{}\n{}".format(it.number, it.title, it.start.astimezone(tz).strftime("%H:%M"),
                                        it.end.astimezone(tz).strftime("%H:%M"), ", ".join(it.ci_names))
        if it.assignee_name or it.group_name:
            text += "\n" + " · ".join(n for n in (it.assignee_name, it.group_name) if n)
        self.paint_bar(p, rect, it, text)
        self.hit(rect, it)

    def paint_ghost(self, p: QPainter, drag) -> None:
        """The dragged change at its new times, in every day column it touches, under the fixed header."""
        item, start, end, cw = drag.item, drag.start, drag.end, self._col_w()
        content = self.content
        p.setClipRect(QRectF(0, HEADER_H, self.width(), self.height() - HEADER_H))
        for i in range(self.days):
            day = content.range.first_day + timedelta(days=i)
            lo, hi = local_midnight(day, content.tz), local_midnight(day + timedelta(days=1), content.tz)
            if end <= lo or start >= hi:
                continue
            y0, y1 = self._y_of(max(start, lo), day), self._y_of(min(end, hi), day)
            rect = QRectF(GUTTER_W + i * cw + 2, y0 + 1, cw - 6, max(6.0, y1 - y0 - 2))
            p.setOpacity(0.85)
            tz = content.tz
            self.paint_bar(p, rect, item, "{} {}\n{}–{}".format(item.number, item.title,
                                                               start.astimezone(tz).strftime("%H:%M"),
                                                               end.astimezone(tz).strftime("%H:%M")))
            p.setOpacity(1.0)
