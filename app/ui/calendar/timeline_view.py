"""The timeline: one swimlane per CI, group or assignee, time across, zoomable from six hours to a quarter."""
# Windows shade the lanes they apply to; drag moves by 15 minutes, the left or right edge resizes.

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen

from app.changes.calendar import Lane, LaneOffsets, clip_fraction, local_day, local_midnight, swimlanes, time_at
from app.ui.calendar.canvas import CalendarCanvas, ViewContent
from app.ui.calendar.day_text import day_text

HEADER_H = 40
LANE_W = 190
ROW_H = 22
LANE_PAD = 4

# (span up to, minor tick, major tick, major label format)
_TICKS = ((timedelta(hours=12), timedelta(hours=1), timedelta(days=1), "%a %d %b"),
          (timedelta(days=1), timedelta(hours=2), timedelta(days=1), "%a %d %b"),
          (timedelta(days=3), timedelta(hours=6), timedelta(days=1), "%a %d %b"),
          (timedelta(days=14), timedelta(days=1), timedelta(days=7), "%d %b"),
          (timedelta(days=31), timedelta(days=1), timedelta(days=7), "%d %b"),
          (timedelta(days=400), timedelta(days=7), timedelta(days=7), "%d %b"))


class TimelineView(CalendarCanvas):
    edge_axis = "x"
    snap_step = timedelta(minutes=15)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar-timeline")
        self.lanes: list[Lane] = []
        self._offsets = LaneOffsets()
        self.none_label = self.tr("(none)")
        self.setMinimumSize(560, 300)

    def layout_content(self) -> None:
        c = self.content
        self.lanes = swimlanes(c.items, c.lane_kind, self.none_label) if c is not None else []
        self._offsets = LaneOffsets.of(max(1, len(ln.rows)) * ROW_H + 2 * LANE_PAD for ln in self.lanes)
        self.scroll_y = min(self.scroll_y, max(0, self.content_height() - self.height()))

    def content_height(self) -> int:
        return HEADER_H + self._offsets.total

    def set_scroll(self, y: int) -> None:
        super().set_scroll(min(y, max(0, self.content_height() - self.height())))

    # -- geometry ----------------------------------------------------------------------------------

    def x_of(self, dt: datetime) -> float:
        r = self.content.range
        return LANE_W + clip_fraction(dt, r.start, r.end) * (self.width() - LANE_W)

    def time_at(self, pos: QPointF) -> datetime | None:
        if self.content is None:
            return None
        r = self.content.range
        frac = (pos.x() - LANE_W) / max(1, self.width() - LANE_W)
        return time_at(min(1.0, max(0.0, frac)), r.start, r.end)

    def lane_top(self, index: int) -> float:
        return HEADER_H + self._offsets.tops[index] - self.scroll_y

    # -- painting ----------------------------------------------------------------------------------

    def paint_content(self, p: QPainter, clip: QRectF, content: ViewContent, font: QFont, fm: QFontMetrics) -> None:
        c = self.colours
        self._paint_day_shading(p)
        global_bands = [b for b in content.bands if b.everything]
        for band in global_bands:
            self._paint_band(p, band, HEADER_H, self.height() - HEADER_H, fm, label=True)
        drag = self.drag if self.drag is not None and self.drag.started else None
        self._ghost_rows: list[float] = []
        first = self._offsets.first_visible(self.scroll_y)
        p.setClipRect(QRectF(0, HEADER_H, self.width(), self.height() - HEADER_H))
        for i in range(first, len(self.lanes)):
            top = self.lane_top(i)
            if top > self.height():
                break
            lane = self.lanes[i]
            height = max(1, len(lane.rows)) * ROW_H + 2 * LANE_PAD
            if content.lane_kind == "ci" and lane.key:
                service = content.ci_services.get(lane.key)
                for band in content.bands:
                    if not band.everything and band.covers(lane.key, service):
                        self._paint_band(p, band, top, height, fm, label=False)
            if i % 2:
                p.fillRect(QRectF(0, top, LANE_W, height), c.alt)
            p.setPen(QPen(c.grid, 1))
            p.drawLine(QPointF(0, top + height), QPointF(self.width(), top + height))
            p.setPen(c.text)
            p.setFont(font)  # bars leave their own font on the painter
            p.drawText(QRectF(8, top, LANE_W - 14, height), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(lane.label, Qt.TextElideMode.ElideRight, LANE_W - 14))
            for r, row in enumerate(lane.rows):
                y = top + LANE_PAD + r * ROW_H
                for k, it in enumerate(row):
                    start, end = it.start, it.end
                    if end <= content.range.start or start >= content.range.end:
                        continue
                    x0, x1 = self.x_of(start), self.x_of(end)
                    rect = QRectF(x0, y + 1, max(3.0, x1 - x0), ROW_H - 3)
                    if drag is not None and drag.item.id == it.id:
                        self._ghost_rows.append(y)  # drawn by paint_ghost, over the snapshot
                        continue
                    label = f"{it.number} {it.title}"
                    self.paint_bar(p, rect, it, label)
                    self.hit(rect, it)
                    if fm.horizontalAdvance(it.number) + 12 > rect.width():
                        # Too short for its number: name it beside the bar, up to the next one in the row.
                        room = (self.x_of(row[k + 1].start) if k + 1 < len(row) else self.width()) - rect.right() - 8
                        if room > 50:
                            p.setFont(font)
                            p.setPen(c.text)
                            p.drawText(QRectF(rect.right() + 4, y, room, ROW_H - 1), Qt.AlignmentFlag.AlignVCenter,
                                       fm.elidedText(label, Qt.TextElideMode.ElideRight, int(room)))
        p.setClipping(False)
        p.setPen(QPen(c.grid, 1))
        p.drawLine(QPointF(LANE_W, HEADER_H), QPointF(LANE_W, self.height()))
        self._paint_now(p)
        p.setFont(font)
        self._paint_axis(p, fm)

    def _paint_day_shading(self, p: QPainter) -> None:
        content = self.content
        r = content.range
        if r.end - r.start > timedelta(days=40):
            return
        day = local_day(r.start, content.tz)
        while local_midnight(day, content.tz) < r.end:
            if day.weekday() >= 5:
                x0 = self.x_of(local_midnight(day, content.tz))
                x1 = self.x_of(local_midnight(day + timedelta(days=1), content.tz))
                p.fillRect(QRectF(x0, HEADER_H, x1 - x0, self.height()), self.colours.alt)
            day += timedelta(days=1)

    def _paint_band(self, p: QPainter, band, top: float, height: float, fm: QFontMetrics, *, label: bool) -> None:
        c = self.colours
        r = self.content.range
        if band.end <= r.start or band.start >= r.end:
            return
        x0, x1 = self.x_of(band.start), self.x_of(band.end)
        rect = QRectF(x0, top, max(1.0, x1 - x0), height)
        self.fill_band(p, rect, band)
        if label and x1 - x0 > 40:
            p.setPen(c.muted)
            p.drawText(QRectF(x0 + 3, top + 2, x1 - x0 - 6, 14), Qt.AlignmentFlag.AlignLeft,
                       fm.elidedText(band.name, Qt.TextElideMode.ElideRight, int(x1 - x0 - 6)))

    def _paint_now(self, p: QPainter) -> None:
        content = self.content
        if content.range.start <= content.now < content.range.end:
            x = self.x_of(content.now)
            p.setPen(QPen(self.colours.conflict, 2))
            p.drawLine(QPointF(x, HEADER_H - 6), QPointF(x, self.height()))

    def _paint_axis(self, p: QPainter, fm: QFontMetrics) -> None:
        c = self.colours
        content = self.content
        r = content.range
        p.fillRect(QRectF(0, 0, self.width(), HEADER_H), c.base)
        span = r.end - r.start
        minor, major, fmt = next((m, j, f) for limit, m, j, f in _TICKS if span <= limit)
        tz = content.tz
        # Ticks at whole local steps from the first local midnight (weeks from a Monday).
        day0 = local_day(r.start, tz)
        if major >= timedelta(days=7):
            day0 -= timedelta(days=day0.weekday())
        base = datetime.combine(day0, datetime.min.time())
        k = 0
        minor_px = (self.width() - LANE_W) * (minor / span)
        while True:
            wall = base + k * minor
            t = wall.replace(tzinfo=tz).astimezone(UTC)
            k += 1
            if t >= r.end:
                break
            if t < r.start:
                continue
            x = self.x_of(t)
            is_major = (wall - base) % major == timedelta(0)
            p.setPen(QPen(c.grid, 1))
            p.drawLine(QPointF(x, HEADER_H - (14 if is_major else 6)), QPointF(x, HEADER_H))
            if is_major:
                p.drawLine(QPointF(x, HEADER_H), QPointF(x, self.height()))
                p.setPen(c.text)
                p.drawText(QRectF(x + 3, 2, 140, 16), Qt.AlignmentFlag.AlignLeft, day_text(wall, fmt))
            elif minor < timedelta(days=1) and minor_px > 34:
                p.setPen(c.muted)
                p.drawText(QRectF(x + 2, 20, 60, 14), Qt.AlignmentFlag.AlignLeft, wall.strftime("%H:%M"))
            elif minor == timedelta(days=1) and minor_px > 22:
                p.setPen(c.muted)
                p.drawText(QRectF(x + 2, 20, 40, 14), Qt.AlignmentFlag.AlignLeft, wall.strftime("%d"))
        p.setPen(c.muted)
        kind = {"ci": self.tr("Configuration item"), "group": self.tr("Group"), "assignee": self.tr("Assignee")}
        p.drawText(QRectF(8, 0, LANE_W - 10, HEADER_H), Qt.AlignmentFlag.AlignVCenter,
                   kind.get(content.lane_kind, ""))
        p.setPen(QPen(c.grid, 1))
        p.drawLine(QPointF(0, HEADER_H), QPointF(self.width(), HEADER_H))

    def paint_ghost(self, p: QPainter, drag) -> None:
        """The dragged change at its new times in each lane it shows in."""
        p.setClipRect(QRectF(LANE_W, HEADER_H, self.width() - LANE_W, self.height() - HEADER_H))
        x0, x1 = self.x_of(drag.start), self.x_of(drag.end)
        for y in self._ghost_rows:
            p.setOpacity(0.9)
            self.paint_bar(p, QRectF(x0, y + 1, max(3.0, x1 - x0), ROW_H - 3), drag.item,
                           f"{drag.item.number} {drag.item.title}")
            p.setOpacity(1.0)
