"""One chart's plot: pyqtgraph items built once for its kind, then updated in place with each new KpiChart."""
# Built from pyqtgraph's parts (a GraphicsView, a ViewBox, AxisItems, a LegendItem) rather than a PlotWidget: a
# PlotItem builds a whole options form for its context menu (a third of its 25-40 ms), a title, buttons and the
# bookkeeping of averaging and downsampling, none of which a card uses. pyqtgraph and numpy are imported with this
# module, which the page imports when the dashboard is first shown (app.ui.pages), never at start-up.

from __future__ import annotations

import math
from html import escape
from itertools import pairwise
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, QTimeZone, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy, QToolTip, QWidget

from app.kpi.records import CATEGORY_BARS, TIME_BARS, Bucket, KpiChart, Series

# Bars and axes are upright rectangles and lines: no antialiasing (the lines of line charts ask for it per item).
pg.setConfigOptions(antialias=False, mouseRateLimit=30, exitCleanup=True)

SERIES_COLOURS = {False: ("#1a73e8", "#e37400", "#188038", "#a142f4", "#d93025"),
                  True: ("#8ab4f8", "#fbbc04", "#81c995", "#c58af9", "#f28b82")}
LABEL_CHARS = 24
LABEL_GAP = 9  # pixels between a category's label and its bar: pyqtgraph's text offset (5) and some air
MAX_BARS = 12  # bars of a category chart; more would not leave room for their labels
# Ticks and their texts of two levels (major and minor), not pyqtgraph's three: the third's short ticks are hardly
# seen on a card's 190 px, and working out and drawing an axis' ticks is a third of a chart's update.
AXIS_LEVELS = {"maxTickLevel": 1, "maxTextLevel": 1}
NICE_TOPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # value axes end on one of these x 10^k
TOP_AIR = 1.04  # a vertical value axis shows a little above its round end, so the top tick's label is not cut

# The date axis asks Qt for the local time zone as it works its ticks out (pyqtgraph's applyOffsetFromUtc calls
# QDateTime.timeZone()). Qt's first answer reads the zone database, zone.tab and ~250 zone files: 3 ms when the
# system has them cached, 16-60 ms once it has dropped them from its cache (a desk left idle for a few minutes),
# in the middle of the Dashboard's first paint. Asked here, with this module's import, which runs on the thread that
# imports the Dashboard ahead (app.ui.main_window.IMPORTED_AHEAD); Qt keeps the answer for the process.
QTimeZone.systemTimeZone()


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


class _NoPrefix:
    """An axis that never puts an SI prefix before its title (the charts' units are words: tickets, h, %, d)."""

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 - pyqtgraph's name
        # pyqtgraph works a prefix out and sets the title's rich text again on every range change and every
        # showLabel, even with the prefix off: ~0.4 ms each, eight or so while a plot is built. The title's text
        # changes only by setLabel, which sets it itself.
        self.autoSIPrefix = False
        self.autoSIPrefixScale, self.labelUnitPrefix = 1.0, ""
        self.picture = None
        self.update()  # type: ignore[attr-defined]


class _Axis(_NoPrefix, pg.AxisItem):
    pass


class _DateAxis(_NoPrefix, pg.DateAxisItem):
    pass


class ChartPlot(pg.GraphicsView):
    """Bars over time, lines over time, or horizontal bars by category. The view box and axes are built with the
    plot, the data items on the first chart; later charts only update them (setOpts / setData) and the view's
    ranges (auto-range off), so a filter change costs no rebuild. A time bucket is drawn centred on its first day,
    so the date axis' tick for that day sits under it. The scene's coordinates are the view's pixels.

    `text_pt` > 0 sets every text (legend, axes, the empty note) to that point size instead of the
    screen's own sizes: the PDF report prints its charts at one size whatever the user's font. GUI thread."""

    bucket_clicked = Signal(str)  # the bucket's drill-down value

    def __init__(self, kind: str, dark: bool, parent: QWidget | None = None, text_pt: float = 0) -> None:
        super().__init__(parent, background=None)
        self.kind, self.dark, self.text_pt = kind, dark, text_pt
        self.chart: KpiChart | None = None
        self._drawn: tuple | None = None  # what the items draw (_drawn of the chart they were set from)
        self._items: list[Any] = []
        self._right: pg.ViewBox | None = None
        self._right_items: list[pg.PlotDataItem] = []
        self._spans: list[float] = []
        self.legend: pg.LegendItem | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A plain grid layout, not pg.GraphicsLayout: that lays the whole plot out again with every item added (four
        # to six times while a plot is built, each resizing every axis and view box) and gives each item a border
        # item that follows its geometry. The grid is laid out once, when the view is.
        self.body = pg.GraphicsWidget()
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.grid = QGraphicsGridLayout()
        self.grid.setContentsMargins(1, 1, 1, 1)
        self.grid.setSpacing(0)
        self.body.setLayout(self.grid)
        self.setCentralItem(self.body)
        self.vb = pg.ViewBox(enableMenu=False, defaultPadding=0.0)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.disableAutoRange()  # every range is set from the chart: no bounds of items worked out
        bottom = self._axis("bottom", date=kind != CATEGORY_BARS)
        self.axes: dict[str, pg.AxisItem] = {"left": self._axis("left"), "bottom": bottom}
        for axis in self.axes.values():
            axis.linkToView(self.vb)
        self.grid.addItem(self.axes["left"], 1, 0)
        self.grid.addItem(self.vb, 1, 1)
        self.grid.addItem(self.axes["bottom"], 2, 1)
        self.grid.setRowStretchFactor(1, 100)
        self.grid.setColumnStretchFactor(1, 100)
        # The "no data" note, made for the first empty chart: a text item follows every view change and paint.
        self._empty: pg.TextItem | None = None
        self._font = QFont(self.font())
        if text_pt:
            self._font.setPointSizeF(text_pt)
            for axis in self.axes.values():
                axis.setStyle(tickFont=self._font)
        if kind != CATEGORY_BARS:
            # Value axes of a fixed width, room for six digits: pyqtgraph measures tick texts while it paints and
            # widens or narrows an axis to fit them, which lays the plot out and paints it again (two to four
            # paints of every card after each filter change).
            self._axis_width = QFontMetrics(self._font).horizontalAdvance("0" * 7) + 12
            self.axes["left"].setWidth(self._axis_width)
        self.apply_theme(dark)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 200)

    # ---- theme ------------------------------------------------------------------------------------
    def apply_theme(self, dark: bool) -> None:
        """Colour background, axes, legend and series from this widget's palette."""
        self.dark = dark
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for axis in self.axes.values():
            self._colour_axis(axis)
        if self._empty is not None:
            self._empty.setColor(QColor(palette.color(QPalette.ColorRole.PlaceholderText)))
        if self.legend is not None:
            self.legend.setLabelTextColor(text)
            # pyqtgraph stores a label's new colour but draws it only with its next text: set the text again.
            for _sample, label in self.legend.items:
                label.setText(label.text, color=text)
        if self.chart is not None:
            self._restyle()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Each plot follows its own palette: when the page above hears of a theme change, the plots'
        # palettes have not been updated yet, so restyling them from there kept the old (white) colours.
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_font"):
            self.apply_theme(self.palette().color(QPalette.ColorRole.Window).lightness() < 128)

    def _axis(self, orientation: str, date: bool = False) -> pg.AxisItem:
        """An axis in the theme's colours (given to the constructor: each later pen sets the title's rich text
        again), with two levels of ticks and no SI prefix."""
        line, text = self._axis_colours()
        axis = (_DateAxis(orientation, utcOffset=0, pen=line, textPen=text) if date else
                _Axis(orientation, pen=line, textPen=text))
        axis.setStyle(**AXIS_LEVELS)
        return axis

    def _axis_colours(self) -> tuple[QColor, QColor]:
        """The axis line's colour (the text's, fainter) and the text's."""
        text = self.text_colour()
        return QColor(text.red(), text.green(), text.blue(), 110), text

    def _colour_axis(self, axis: pg.AxisItem) -> None:
        line, text = self._axis_colours()
        if axis.pen().color() != line:  # a new pen sets the axis title's rich text again
            axis.setPen(pg.mkPen(line))
        if axis.textPen().color() != text:
            axis.setTextPen(pg.mkPen(text))

    def colour(self, i: int) -> QColor:
        colours = SERIES_COLOURS[self.dark]
        return QColor(colours[i % len(colours)])

    def background_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def text_font(self) -> QFont:
        """The font of the axes' tick texts (and, at `text_pt`, of every text)."""
        return QFont(self._font)

    # ---- data -------------------------------------------------------------------------------------
    @property
    def built(self) -> bool:
        """Whether the data items are built (by the first chart; later charts only update them)."""
        return bool(self._items)

    def shows(self, chart: KpiChart) -> bool:
        """Whether the plot already draws what `chart` would draw (its drill-down values may differ). GUI thread."""
        return self._drawn is not None and self._drawn == _drawn(chart)

    def build_items(self, chart: KpiChart) -> None:
        """The data items, legend and second axis for `chart`'s series, built now if they are not yet (a plot's first
        chart: 1-6 ms, the first plot of a process more): the page builds them on a turn of their own, then fills
        them on the next (set_chart). GUI thread."""
        if not self._items:
            self._build(chart)

    def set_chart(self, chart: KpiChart) -> None:
        """Show `chart`: the first builds the data items, legend and second axis for its series (2-16 ms); later
        ones only set data and ranges (under 2 ms), and nothing when they draw what the plot draws already (its
        clicks and tooltips then take the new chart's drill-down values). The plot paints with its next paint."""
        self.chart = chart
        drawn = _drawn(chart)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self.build_items(chart)
        primary = chart.series[0].unit
        main = [s for s in chart.series if s.unit == primary]
        if self.kind == CATEGORY_BARS:
            self._set_category(chart.series[0])
        else:
            self._spans = _spans(chart.series[0].buckets)
            for i, series in enumerate(main):
                self._set_time_series(i, len(main), series, self._items[i])
            for item, series in zip(self._right_items, [s for s in chart.series if s.unit != primary], strict=False):
                _set_line(item, series.buckets, self._spans)
            self._label("left", primary)
        empty = all(b.value in (None, 0) for s in chart.series for b in s.buckets)
        note = self.tr("No data for this period and filter") if empty else ""
        if note and self._empty is None:
            self._empty = pg.TextItem("", anchor=(0.5, 0.5))
            if self.text_pt:
                self._empty.setFont(self._font)
            self._empty.setColor(QColor(self.palette().color(QPalette.ColorRole.PlaceholderText)))
            self.vb.addItem(self._empty, ignoreBounds=True)
        if self._empty is not None and note != self._empty.toPlainText():
            self._empty.setText(note)
        # Both ranges in one call: each range change tells every item and axis of the view box.
        if self.kind == CATEGORY_BARS:
            top = max((b.value or 0 for b in chart.series[0].buckets), default=0)
            n = min(len(chart.series[0].buckets), MAX_BARS)
            self.vb.setRange(xRange=(0, _nice_top(top, primary)), yRange=(-0.6, max(n, 1) - 0.4), padding=0)
        else:
            top = max((b.value or 0 for s in main for b in s.buckets), default=0)
            b = chart.series[0].buckets
            x0, x1 = (_x(b[0]), _x(b[-1]) + self._spans[-1]) if b else (0.0, 1.0)
            pad = (x1 - x0) * 0.01
            self.vb.setRange(xRange=(x0 - pad, x1 + pad), yRange=(0, _nice_top(top, primary) * TOP_AIR), padding=0)
            if self._right is not None:
                right = [s for s in chart.series if s.unit != primary]
                top = max((b.value or 0 for s in right for b in s.buckets), default=0)
                self._right.setYRange(0, _nice_top(top, right[0].unit) * TOP_AIR, padding=0)
        self._place_empty_text()

    def _build(self, chart: KpiChart) -> None:
        primary = chart.series[0].unit
        main = [s for s in chart.series if s.unit == primary]
        others = [s for s in chart.series if s.unit != primary]
        if self.kind == CATEGORY_BARS:
            self._items = [pg.BarGraphItem(x0=[], y=[], height=0.7, width=[])]
        elif self.kind == TIME_BARS:
            self._items = [pg.BarGraphItem(x=[], height=[], width=1) for _ in main]
        else:
            self._items = [pg.PlotDataItem([], [], antialias=True, **self._line_style(i, 5)) for i in range(len(main))]
        for item in self._items:
            self.vb.addItem(item, ignoreBounds=True)
        if len(main) > 1 or others:
            # The legend takes a row of its own above the plot, so it never hides a bar or a point.
            legend = pg.LegendItem(colCount=4, labelTextColor=self.text_colour(), verSpacing=-8, horSpacing=18,
                                   labelTextSize=f"{self.text_pt or 9}pt")
            # pyqtgraph keeps a legend at screen size whatever the scale a plot is drawn at (a legend
            # floating over the data must not zoom); this one sits in the layout, so it scales with the
            # axes: the report's chart images used to print it at half their size.
            legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
            self.grid.addItem(legend, 0, 1)
            legend.layout.setContentsMargins(0, 0, 0, 0)  # the row is as tall as the texts
            self.legend = legend
            for item, s in zip(self._items, main, strict=False):
                legend.addItem(item, s.name)
        if others:
            right_vb = pg.ViewBox(enableMenu=False, defaultPadding=0.0)
            right_vb.setMouseEnabled(x=False, y=False)
            right_vb.disableAutoRange()
            self._right = right_vb
            axis = self._axis("right")
            if self.text_pt:
                axis.setStyle(tickFont=self._font)
            axis.setWidth(self._axis_width)
            self.axes["right"] = axis
            self.grid.addItem(axis, 1, 2)
            self.scene().addItem(right_vb)
            axis.linkToView(right_vb)
            right_vb.setXLink(self.vb)
            self._label("right", others[0].unit)
            self.vb.sigResized.connect(lambda: right_vb.setGeometry(self.vb.sceneBoundingRect()))
            right_vb.setGeometry(self.vb.sceneBoundingRect())  # the main view may be laid out already: no resize comes
            for j, s in enumerate(others):
                item = pg.PlotDataItem([], [], antialias=True, **self._line_style(len(main) + j, 6))
                right_vb.addItem(item, ignoreBounds=True)
                self._right_items.append(item)
                assert self.legend is not None
                self.legend.addItem(item, s.name)
        for i, item in enumerate(self._items):
            if isinstance(item, pg.BarGraphItem):
                item.setOpts(brush=pg.mkBrush(self.colour(i)), pen=None)

    def _line_style(self, i: int, size: float) -> dict[str, Any]:
        c = self.colour(i)
        return {"pen": pg.mkPen(c, width=2), "symbol": "o", "symbolSize": size, "symbolBrush": pg.mkBrush(c),
                "symbolPen": pg.mkPen(c)}

    def _restyle(self) -> None:
        """The series' colours for the theme: each item's options set at once, then drawn again once (each of
        pyqtgraph's setters draws a line's points again)."""
        lines = [(i, item, 5) for i, item in enumerate(self._items)]
        lines += [(len(self._items) + j, item, 6) for j, item in enumerate(self._right_items)]
        for i, item, size in lines:
            if isinstance(item, pg.BarGraphItem):
                item.setOpts(brush=pg.mkBrush(self.colour(i)), pen=None)
            else:
                item.opts.update(self._line_style(i, size))
                item.updateItems(styleUpdate=True)

    def _set_time_series(self, i: int, n: int, series: Series, item: Any) -> None:
        if isinstance(item, pg.BarGraphItem):
            xs = [_x(b) + span * (0.1 + 0.8 * (i + 0.5) / n)
                  for b, span in zip(series.buckets, self._spans, strict=False)]
            widths = [span * 0.8 / n for span in self._spans]
            item.setOpts(x=xs, height=[b.value or 0 for b in series.buckets], width=widths)
        else:
            _set_line(item, series.buckets, self._spans)

    def _set_category(self, series: Series) -> None:
        shown = series.buckets[:MAX_BARS]  # the rest is in the CSV, the PDF table and the tooltip count
        n = len(shown)
        ys = [n - 1 - i for i in range(n)]  # the largest on top
        self._items[0].setOpts(x0=[0] * n, y=ys, width=[b.value or 0 for b in shown], height=0.7)
        ticks = [(y, _short(b.label)) for y, b in zip(ys, shown, strict=True)]
        left = self.axes["left"]
        if left._tickLevels != [ticks, []]:  # noqa: SLF001 - new ticks draw the axis again
            left.setTicks([ticks, []])
        # The labels' column as wide as the longest, set here: pyqtgraph measured them while painting and widened
        # the axis then, which laid the plot out and painted it a second time (every category card on a first show).
        metrics = QFontMetrics(self._font)
        width = max((metrics.horizontalAdvance(text) for _y, text in ticks), default=0) + LABEL_GAP
        if left.fixedWidth != width:
            left.setWidth(width)
        self._label("bottom", series.unit)

    def _label(self, axis: str, text: str) -> None:
        """Axis titles are rich text: set only when they change (a filter change keeps them)."""
        item = self.axes[axis]
        if item.labelText != text or not item.label.isVisible():
            # Styles given to setLabel replace the axis' own, which hold the theme's text colour.
            style = {**item.labelStyle, "font-size": f"{self.text_pt}pt"} if self.text_pt else {}
            item.setLabel(text, **style)

    def _place_empty_text(self) -> None:
        if self._empty is None:
            return
        (x0, x1), (y0, y1) = self.vb.viewRange()
        self._empty.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    def settle(self) -> None:
        """What pyqtgraph does when the plot is about to paint (new view ranges into the items and axes, and the
        layouts those ask for), done now: the next paint shows the final state, once. GUI thread."""
        self.scene().prepareForPaint()
        QCoreApplication.sendPostedEvents(self.scene(), 0)
        self.grid.activate()

    # ---- geometry, in the view's pixels ---------------------------------------------------------------
    def map_to_widget(self, x: float, y: float, right: bool = False) -> QPointF:
        """A point of the chart's data (x: time or value, y: value or bar index) in the view's pixels."""
        vb = self._right if right and self._right is not None else self.vb
        return self.viewportTransform().map(vb.mapViewToScene(QPointF(x, y)))

    def data_rect(self) -> QRectF:
        return self.viewportTransform().mapRect(self.vb.sceneBoundingRect())

    def legend_rects(self) -> list[QRectF]:
        """The legend's text boxes."""
        if self.legend is None:
            return []
        return [self.viewportTransform().mapRect(label.sceneBoundingRect()) for _sample, label in self.legend.items]

    # ---- hit testing ------------------------------------------------------------------------------
    def bucket_at(self, pos: QPointF) -> tuple[Series, Bucket] | None:
        """The bar or point under `pos` (the view's pixels), with its series."""
        chart = self.chart
        scene_pos = self.viewportTransform().inverted()[0].map(QPointF(pos))
        if chart is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        series = chart.series[0]
        if self.kind == CATEGORY_BARS:
            n = min(len(series.buckets), MAX_BARS)
            i = n - 1 - int(round(p.y()))
            return (series, series.buckets[i]) if 0 <= i < n else None
        for i, (b, span) in enumerate(zip(series.buckets, self._spans, strict=False)):
            if _x(b) <= p.x() < _x(b) + span:
                return self._series_at(i, p.x(), p.y(), span)
        return None

    def _series_at(self, i: int, x: float, y: float, span: float) -> tuple[Series, Bucket]:
        assert self.chart is not None
        primary = self.chart.series[0].unit
        main = [s for s in self.chart.series if s.unit == primary]
        if self.kind == TIME_BARS:
            offset = (x - _x(main[0].buckets[i])) / span
            k = min(len(main) - 1, max(0, int((offset - 0.1) / 0.8 * len(main))))
            return main[k], main[k].buckets[i]
        best = min(main, key=lambda s: abs(_value(s.buckets[i]) - y))  # the nearest point (none: never)
        return best, best.buckets[i]

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.bucket_at(self.viewportTransform().map(event.scenePos()))
        if hit is not None and hit[1].drill:
            self.bucket_clicked.emit(hit[1].drill)

    def _on_scene_moved(self, scene_pos: QPointF) -> None:
        pos = self.viewportTransform().map(scene_pos)
        hit = self.bucket_at(pos)
        if hit is None or self.chart is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit[1].drill else Qt.CursorShape.ArrowCursor)
        QToolTip.showText(self.viewport().mapToGlobal(pos.toPoint()), bucket_tooltip(self.chart, *hit), self)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if getattr(self, "chart", None) is not None:  # pyqtgraph resizes once inside its constructor
            self._place_empty_text()


def _drawn(chart: KpiChart) -> tuple:
    """What a plot draws of `chart`: its kind, and each series' name, unit and buckets' places, values and labels."""
    return chart.kind, tuple((s.name, s.unit, tuple((b.x, b.value, b.label) for b in s.buckets))
                             for s in chart.series)


def _x(bucket: Bucket) -> float:
    """A time bucket's x (epoch seconds of its first day): it spans its days from there (its bars stand on them,
    the first week of a period that starts on a Saturday on those two days, not over the week after)."""
    return 0.0 if bucket.x is None else bucket.x


def _value(bucket: Bucket) -> float:
    return math.inf if bucket.value is None else bucket.value


def _spans(buckets) -> list[float]:
    xs = [_x(b) for b in buckets]
    spans = [b - a for a, b in pairwise(xs)]
    return spans + [spans[-1] if spans else 86_400.0] if xs else []


def _nice_top(top: float, unit: str) -> float:
    """The upper end of the value axis: a scale from zero with some headroom, rounded up to one of NICE_TOPS times a
    power of ten. Nearby figures share a scale, so a filter change that moves them a little keeps the axis as it was
    (pyqtgraph then keeps its drawn ticks: an axis drawn again is a third of a chart's update)."""
    if unit == "%" and top > 60:
        return 105.0
    if unit == "score":
        return 5.25
    if top <= 0:
        return 1.0
    want = max(top * 1.08, 5.0) if unit == "%" else top * 1.08
    scale = 10.0 ** math.floor(math.log10(want))
    return next(step * scale for step in NICE_TOPS if step * scale >= want)


def _set_line(item: pg.PlotDataItem, buckets, spans: list[float]) -> None:
    """Points with a value, each in the middle of its bucket's days (where its bar would stand); a gap where nothing
    was measured (an all-empty line is no line)."""
    xs = [_x(b) + span / 2 for b, span in zip(buckets, spans, strict=False)]
    ys = [math.nan if b.value is None else b.value for b in buckets]
    if all(b.value is None for b in buckets):
        xs, ys = [], []
    item.setData(xs, ys, connect="finite")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
