"""One chart's plot: a QPainter drawing of a KpiChart (bars or lines over time, bars by category)."""
# Drawn by hand rather than with pyqtgraph: a pyqtgraph plot took 25-40 ms to build and 10-20 ms to paint (its axes
# lay their tick texts out as graphics items), and pyqtgraph with numpy added 43 MiB to the process. This widget
# is built in well under a millisecond, keeps nothing but the chart and its geometry, and paints in one pass.

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.kpi.records import CATEGORY_BARS, TIME_BARS, Bucket, KpiChart, Series

SERIES_COLOURS = {False: ("#1a73e8", "#e37400", "#188038", "#a142f4", "#d93025"),
                  True: ("#8ab4f8", "#fbbc04", "#81c995", "#c58af9", "#f28b82")}
LABEL_CHARS = 24
MAX_BARS = 12  # bars of a category chart; more would not leave room for their labels
VALUE_TICKS = 4  # about this many steps on a value axis
PAD = 6.0


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "%":
        return f"{value:.1f} %"
    if unit == "h":
        return f"{value:.1f} h"
    if unit == "d":  # days: the problem KPIs' times
        return f"{value:.1f} d"
    if unit == "score":
        return f"{value:.2f}"
    return f"{int(round(value)):,}"


def bucket_tooltip(chart: KpiChart, series: Series, bucket: Bucket) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("ChartPlot", text)

    # A tooltip is rich text: group, category and service names in it are escaped.
    lines = [f"<b>{escape(series.name)}</b> — {escape(bucket.label)}", value_text(bucket.value, series.unit)]
    if series.unit != "tickets":
        count = bucket.count
        noun = (QCoreApplication.translate("ChartPlot", "%Ln change(s)", "", count) if chart.key == "changes" else
                QCoreApplication.translate("ChartPlot", "%Ln ticket(s)", "", count))
        lines.append(noun)
    if bucket.drill:
        lines.append("<i>{}</i>".format(tr("Click to open these tickets in the queue")))
    return "<br>".join(lines)


@dataclass(frozen=True)
class Geometry:
    """Where a chart draws at one size, in the widget's pixels: the data area, the legend's entries and the
    view ranges the data maps from (x over time or value, y over value or bar index)."""

    data: QRectF
    legend: tuple[tuple[QRectF, str, int], ...]  # (text box, series name, colour index)
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    right_range: tuple[float, float] | None
    width: float


class ChartPlot(QWidget):
    """Bars over time, lines over time, or horizontal bars by category, painted from the chart it was given.
    A time bucket is drawn centred on its first day, so the date axis' tick for that day sits under it.

    `text_pt` > 0 sets every text (legend, axes, the empty note) to that point size instead of the widget's own
    font: the PDF report prints its charts at one size whatever the user's font. GUI thread."""

    bucket_clicked = Signal(str)  # the bucket's drill-down value

    def __init__(self, kind: str, dark: bool, parent: QWidget | None = None, text_pt: float = 0) -> None:
        super().__init__(parent)
        self.kind, self.dark, self.text_pt = kind, dark, text_pt
        self.chart: KpiChart | None = None
        self._spans: list[float] = []
        self._geometry: Geometry | None = None  # for the current chart and size; None: to be worked out
        self._empty_text = ""
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the background is painted whole
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 200)

    # ---- theme ------------------------------------------------------------------------------------
    def apply_theme(self, dark: bool) -> None:
        """Series colours for a dark or light background; every other colour is the palette's at paint time."""
        self.dark = dark
        self.update()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Each plot follows its own palette (the page hears of a theme change before its plots' palettes change).
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme(self.palette().color(QPalette.ColorRole.Window).lightness() < 128)
        elif event.type() == QEvent.Type.FontChange:
            self._geometry = None

    def colour(self, i: int) -> QColor:
        colours = SERIES_COLOURS[self.dark]
        return QColor(colours[i % len(colours)])

    def background_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def text_font(self) -> QFont:
        font = QFont(self.font())
        if self.text_pt:
            font.setPointSizeF(self.text_pt)
        return font

    # ---- data -------------------------------------------------------------------------------------
    def set_chart(self, chart: KpiChart) -> None:
        """Show `chart` (painted with the next paint; nothing is laid out before)."""
        self.chart = chart
        self._spans = _spans(chart.series[0].buckets) if self.kind != CATEGORY_BARS else []
        empty = all(b.value in (None, 0) for s in chart.series for b in s.buckets)
        self._empty_text = self.tr("No data for this period and filter") if empty else ""
        self._geometry = None
        self.update()

    def _chart(self) -> KpiChart:
        assert self.chart is not None, "no chart yet"
        return self.chart

    def _main(self) -> tuple[list[Series], list[Series]]:
        """The series on the left value axis (the first one's unit) and those on the right."""
        series = self._chart().series
        return [s for s in series if s.unit == series[0].unit], [s for s in series if s.unit != series[0].unit]

    def geometry_at(self, size: QSizeF | None = None) -> Geometry | None:
        """The chart's layout at `size` (the widget's own by default, cached until the chart or size changes)."""
        if self.chart is None:
            return None
        own = size is None
        size = QSizeF(self.size()) if size is None else size
        if own and self._geometry is not None:
            return self._geometry
        out = self._lay_out(size)
        if own:
            self._geometry = out
        return out

    def _lay_out(self, size: QSizeF) -> Geometry:
        fm = QFontMetricsF(self.text_font(), self)
        line = fm.height()
        main, others = self._main()
        names = [(s.name, i) for i, s in enumerate(main)] + [(s.name, len(main) + j) for j, s in enumerate(others)]
        legend_h = line + 8 if len(names) > 1 else 0.0
        top = legend_h + line / 2 + 2
        if self.kind == CATEGORY_BARS:
            shown = self._chart().series[0].buckets[:MAX_BARS]
            left = max((fm.horizontalAdvance(_short(b.label)) for b in shown), default=0.0) + PAD + 4
            bottom = 2 * line + PAD
            right = fm.horizontalAdvance("0,000,000") / 2 + PAD
        else:
            left = line + fm.horizontalAdvance("0" * 7) + PAD  # the unit, then the tick texts: a fixed width
            right = left if others else fm.horizontalAdvance("00-00") / 2 + PAD
            bottom = line + PAD + 2
        left = min(left, size.width() / 2)
        data = QRectF(left, top, max(1.0, size.width() - left - right), max(1.0, size.height() - top - bottom))
        legend: list[tuple[QRectF, str, int]] = []
        x = left
        for name, i in names if len(names) > 1 else ():  # a single series is named by the card's title
            width = fm.horizontalAdvance(name)
            legend.append((QRectF(x + 16, 4, width + 2, line), name, i))
            x += 16 + width + 18
        if self.kind == CATEGORY_BARS:
            n = min(len(self._chart().series[0].buckets), MAX_BARS)
            top_value = max((b.value or 0 for b in self._chart().series[0].buckets), default=0)
            return Geometry(data, tuple(legend), (0.0, _nice_top(top_value, main[0].unit)), (-0.6, max(n, 1) - 0.4),
                            None, size.width())
        buckets = self._chart().series[0].buckets
        if buckets:
            x0, x1 = _x(buckets[0]) - self._spans[0] / 2, _x(buckets[-1]) + self._spans[-1] / 2
            pad = (x1 - x0) * 0.01
            x_range = (x0 - pad, x1 + pad)
        else:
            x_range = (0.0, 1.0)
        top_value = max((b.value or 0 for s in main for b in s.buckets), default=0)
        right_range = None
        if others:
            right_top = max((b.value or 0 for s in others for b in s.buckets), default=0)
            right_range = (0.0, _nice_top(right_top, others[0].unit))
        return Geometry(data, tuple(legend), x_range, (0.0, _nice_top(top_value, main[0].unit)), right_range,
                        size.width())

    # ---- mapping ----------------------------------------------------------------------------------
    @staticmethod
    def _px(value: float, lo: float, hi: float, start: float, length: float) -> float:
        return start + (value - lo) / ((hi - lo) or 1.0) * length

    def map_to_widget(self, x: float, y: float, right: bool = False) -> QPointF:
        """A point of the chart's data (x: time or value, y: value or bar index) in the widget's pixels."""
        g = self.geometry_at()
        assert g is not None
        y_lo, y_hi = g.right_range if right and g.right_range else g.y_range
        d = g.data
        if self.kind == CATEGORY_BARS:  # values across, bars down (the largest on top: the highest index)
            return QPointF(self._px(x, *g.x_range, d.left(), d.width()),
                           d.bottom() - (y - g.y_range[0]) / (g.y_range[1] - g.y_range[0]) * d.height())
        return QPointF(self._px(x, *g.x_range, d.left(), d.width()),
                       d.bottom() - (y - y_lo) / ((y_hi - y_lo) or 1.0) * d.height())

    def map_from_widget(self, pos: QPointF) -> tuple[float, float]:
        g = self.geometry_at()
        assert g is not None
        d = g.data
        x = g.x_range[0] + (pos.x() - d.left()) / d.width() * (g.x_range[1] - g.x_range[0])
        y = g.y_range[0] + (d.bottom() - pos.y()) / d.height() * (g.y_range[1] - g.y_range[0])
        return x, y

    def data_rect(self) -> QRectF:
        g = self.geometry_at()
        return QRectF() if g is None else QRectF(g.data)

    def legend_rects(self) -> list[QRectF]:
        g = self.geometry_at()
        return [] if g is None else [QRectF(box) for box, _name, _i in g.legend]

    # ---- painting ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._geometry = None
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            self.render_chart(painter)
        finally:
            painter.end()

    def render_chart(self, painter: QPainter) -> None:
        """The whole chart at the widget's size on `painter` (a widget, an image or an SVG file, scaled as the
        caller set it up)."""
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), self.background_colour())
        g = self.geometry_at()
        if g is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setFont(self.text_font())
        main, others = self._main()
        if self.kind == CATEGORY_BARS:
            self._paint_category(painter, g, main[0])
        else:
            self._paint_time(painter, g, main, others)
        text = self.text_colour()
        fm = QFontMetricsF(painter.font())
        for box, name, i in g.legend:
            swatch = QRectF(box.left() - 14, box.center().y() - 5, 10, 10)
            painter.fillRect(swatch, self.colour(i))
            painter.setPen(text)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(name, Qt.TextElideMode.ElideRight, max(box.width(), 1.0)))
        if self._empty_text:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(g.data, int(Qt.AlignmentFlag.AlignCenter), self._empty_text)

    def _axis_colour(self) -> QColor:
        text = self.text_colour()
        return QColor(text.red(), text.green(), text.blue(), 110)

    def _axis_line(self, painter: QPainter, a: QPointF, b: QPointF) -> None:
        """A one-pixel axis line, filled (a translucent drawLine took a third of a millisecond each)."""
        painter.fillRect(QRectF(a, b).normalized().adjusted(0, 0, 1, 1), self._axis_colour())

    def _value_axis(self, painter: QPainter, g: Geometry, lo_hi: tuple[float, float], unit: str,
                    right: bool) -> None:
        """Tick texts and the unit beside the data, left or right."""
        d = g.data
        fm = QFontMetricsF(painter.font())
        edge = d.right() if right else d.left()
        self._axis_line(painter, QPointF(edge, d.top()), QPointF(edge, d.bottom()))
        painter.setPen(self.text_colour())
        lo, hi = lo_hi
        for v in _ticks(hi, unit):
            y = d.bottom() - (v - lo) / ((hi - lo) or 1.0) * d.height()
            label = _tick_text(v, unit)
            width = fm.horizontalAdvance(label)
            x = edge + 4 if right else edge - 4 - width
            painter.drawText(QPointF(x, y + fm.ascent() / 2 - 1), label)
        painter.save()
        centre = d.center().y()
        if right:
            painter.translate(g.width - fm.ascent() - 2, centre)
            painter.rotate(90)
        else:
            painter.translate(fm.ascent() + 1, centre)
            painter.rotate(-90)
        painter.drawText(QPointF(-fm.horizontalAdvance(unit) / 2, 0), unit)
        painter.restore()

    def _paint_time(self, painter: QPainter, g: Geometry, main: list[Series], others: list[Series]) -> None:
        d = g.data
        self._value_axis(painter, g, g.y_range, main[0].unit, right=False)
        if others and g.right_range is not None:
            self._value_axis(painter, g, g.right_range, others[0].unit, right=True)
        self._axis_line(painter, QPointF(d.left(), d.bottom()), QPointF(d.right(), d.bottom()))
        buckets = self._chart().series[0].buckets
        self._time_ticks(painter, g, buckets)
        n = len(main)
        for i, series in enumerate(main):
            if self.kind == TIME_BARS:
                colour = self.colour(i)
                for b, span in zip(series.buckets, self._spans, strict=False):
                    if not b.value:
                        continue
                    left = self.map_to_widget(_x(b) - span / 2 + span * (0.1 + 0.8 * i / n), b.value)
                    right = self.map_to_widget(_x(b) - span / 2 + span * (0.1 + 0.8 * (i + 1) / n), 0)
                    painter.fillRect(QRectF(left, right), colour)
            else:
                self._line(painter, series, self.colour(i), right=False, symbol=5)
        for j, series in enumerate(others):
            self._line(painter, series, self.colour(n + j), right=True, symbol=6)

    def _line(self, painter: QPainter, series: Series, colour: QColor, *, right: bool, symbol: float) -> None:
        """Points with a value joined; a gap where nothing was measured."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        path, drawing, points = QPainterPath(), False, []
        for b in series.buckets:
            if b.value is None:
                drawing = False
                continue
            p = self.map_to_widget(_x(b), b.value, right)
            points.append(p)
            if drawing:
                path.lineTo(p)
            else:
                path.moveTo(p)
                drawing = True
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        r = symbol / 2
        for p in points:
            painter.drawEllipse(p, r, r)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _time_ticks(self, painter: QPainter, g: Geometry, buckets: tuple[Bucket, ...]) -> None:
        """A date under as many buckets as their texts leave room for (every k-th, from the first)."""
        if not buckets:
            return
        d = g.data
        fm = QFontMetricsF(painter.font())
        monthly = self._spans[0] >= 28 * 86_400
        labels = [_date_text(_x(b), monthly) for b in buckets]
        widest = max(fm.horizontalAdvance(text) for text in labels) + 10
        step = max(1, math.ceil(widest * len(buckets) / d.width()))
        painter.setPen(self.text_colour())
        for i in range(0, len(buckets), step):
            p = self.map_to_widget(_x(buckets[i]), 0)
            width = fm.horizontalAdvance(labels[i])
            painter.drawText(QPointF(p.x() - width / 2, d.bottom() + 3 + fm.ascent()), labels[i])

    def _paint_category(self, painter: QPainter, g: Geometry, series: Series) -> None:
        d = g.data
        fm = QFontMetricsF(painter.font())
        shown = series.buckets[:MAX_BARS]  # the rest is in the CSV, the PDF table and the tooltip count
        n = len(shown)
        colour = self.colour(0)
        text = self.text_colour()
        for i, b in enumerate(shown):
            y = n - 1 - i  # the largest on top
            top_left = self.map_to_widget(0, y + 0.35)
            bottom_right = self.map_to_widget(b.value or 0, y - 0.35)
            if b.value:
                painter.fillRect(QRectF(top_left, bottom_right), colour)
            painter.setPen(text)
            label = _short(b.label)
            painter.drawText(QPointF(d.left() - 6 - fm.horizontalAdvance(label),
                                     (top_left.y() + bottom_right.y()) / 2 + fm.ascent() / 2 - 1), label)
        self._axis_line(painter, QPointF(d.left(), d.bottom()), QPointF(d.right(), d.bottom()))
        self._axis_line(painter, QPointF(d.left(), d.top()), QPointF(d.left(), d.bottom()))
        painter.setPen(text)
        for v in _ticks(g.x_range[1], series.unit):
            x = self.map_to_widget(v, 0).x()
            label = _tick_text(v, series.unit)
            painter.drawText(QPointF(x - fm.horizontalAdvance(label) / 2, d.bottom() + 3 + fm.ascent()), label)
        unit = series.unit
        painter.drawText(QPointF(d.center().x() - fm.horizontalAdvance(unit) / 2,
                                 d.bottom() + 3 + fm.height() + fm.ascent()), unit)

    # ---- hit testing ------------------------------------------------------------------------------
    def bucket_at(self, pos: QPointF) -> tuple[Series, Bucket] | None:
        """The bar or point under `pos` (the widget's pixels), with its series."""
        chart = self.chart
        g = self.geometry_at()
        if chart is None or g is None or not g.data.contains(pos):
            return None
        x, y = self.map_from_widget(pos)
        series = chart.series[0]
        if self.kind == CATEGORY_BARS:
            n = min(len(series.buckets), MAX_BARS)
            i = n - 1 - int(round(y))
            return (series, series.buckets[i]) if 0 <= i < n else None
        for i, (b, span) in enumerate(zip(series.buckets, self._spans, strict=False)):
            if _x(b) - span / 2 <= x < _x(b) + span / 2:
                return self._series_at(i, x, y, span)
        return None

    def _series_at(self, i: int, x: float, y: float, span: float) -> tuple[Series, Bucket]:
        main, _others = self._main()
        if self.kind == TIME_BARS:
            offset = (x - _x(main[0].buckets[i])) / span + 0.5
            k = min(len(main) - 1, max(0, int((offset - 0.1) / 0.8 * len(main))))
            return main[k], main[k].buckets[i]
        best = min(main, key=lambda s: abs(_value(s.buckets[i]) - y))  # the nearest point (none: never)
        return best, best.buckets[i]

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.bucket_at(event.position())
            if hit is not None and hit[1].drill:
                self.bucket_clicked.emit(hit[1].drill)
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        hit = self.bucket_at(event.position())
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit[1].drill else Qt.CursorShape.ArrowCursor)
            QToolTip.showText(event.globalPosition().toPoint(), bucket_tooltip(self._chart(), *hit), self)
        super().mouseMoveEvent(event)


def _x(bucket: Bucket) -> float:
    """A time bucket's x (epoch seconds of its first day)."""
    return 0.0 if bucket.x is None else bucket.x


def _value(bucket: Bucket) -> float:
    return math.inf if bucket.value is None else bucket.value


def _spans(buckets) -> list[float]:
    xs = [_x(b) for b in buckets]
    spans = [b - a for a, b in pairwise(xs)]
    return spans + [spans[-1] if spans else 86_400.0] if xs else []


def _nice_top(top: float, unit: str) -> float:
    """The upper end of the value axis: a scale from zero with some headroom."""
    if unit == "%":
        return 105.0 if top > 60 else max(5.0, top * 1.25)
    if unit == "score":
        return 5.25
    return top * 1.12 if top > 0 else 1.0


def _ticks(top: float, unit: str) -> list[float]:
    """Round values from zero up to `top`, about VALUE_TICKS steps apart (1, 2 or 5 times a power of ten;
    whole numbers of tickets)."""
    if top <= 0:
        return [0.0]
    raw = top / VALUE_TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = min((m * power for m in (1, 2, 5, 10)), key=lambda step: abs(math.log(step / raw)))
    if unit == "tickets":
        step = max(1.0, round(step))
    return [i * step for i in range(int(top / step + 1e-9) + 1)]


def _tick_text(value: float, unit: str) -> str:
    if unit in ("tickets",) or value == int(value):
        return f"{int(value):,}"
    return f"{value:.1f}"


def _date_text(x: float, monthly: bool) -> str:
    """A bucket's first day, as the axis prints it in the user's language (months as "Oct 2026")."""
    day = datetime.fromtimestamp(x, UTC).date()
    return QLocale().toString(QDate(day.year, day.month, day.day), "MMM yyyy" if monthly else "d MMM")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
