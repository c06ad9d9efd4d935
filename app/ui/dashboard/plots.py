"""One chart's plot: built once for its kind, then updated in place with each new KpiChart."""

from __future__ import annotations

import math
from html import escape
from itertools import pairwise

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QGraphicsItem, QToolTip, QWidget

from app.kpi.records import CATEGORY_BARS, TIME_BARS, Bucket, KpiChart, Series

SERIES_COLOURS = {False: ("#1a73e8", "#e37400", "#188038", "#a142f4", "#d93025"),
                  True: ("#8ab4f8", "#fbbc04", "#81c995", "#c58af9", "#f28b82")}
LABEL_CHARS = 24
MAX_BARS = 12  # bars of a category chart; more would not leave room for their labels


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


class ChartPlot(pg.PlotWidget):
    """Bars over time, lines over time, or horizontal bars by category. Items are created on the first
    data and then only updated (setOpts / setData), so a filter change costs no rebuild. A time bucket
    is drawn centred on its first day, so the date axis' tick for that day sits under it.

    `text_pt` > 0 sets every text (legend, axes, the empty note) to that point size instead of the
    screen's own sizes: the PDF report prints its charts at one size whatever the user's font."""

    bucket_clicked = Signal(str)  # the bucket's drill-down value

    def __init__(self, kind: str, dark: bool, parent: QWidget | None = None, text_pt: float = 0) -> None:
        axis = {"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)} if kind != CATEGORY_BARS else {}
        super().__init__(parent, axisItems=axis, enableMenu=False)
        self.kind, self.dark, self.text_pt = kind, dark, text_pt
        self.chart: KpiChart | None = None
        self._items: list = []
        self._right: pg.ViewBox | None = None
        self._right_items: list = []
        self._spans: list[float] = []
        self._empty = pg.TextItem("", anchor=(0.5, 0.5))
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.plotItem.showGrid(x=False, y=False)
        self.plotItem.getViewBox().setDefaultPadding(0.02)
        self.addItem(self._empty, ignoreBounds=True)
        font = QFont(self.font())
        if text_pt:
            font.setPointSizeF(text_pt)
            for name in ("left", "bottom", "right"):
                self.plotItem.getAxis(name).setStyle(tickFont=font)
            self._empty.setFont(font)
        if kind != CATEGORY_BARS:
            # Value axes of a fixed width, room for six digits: pyqtgraph measures tick texts while it paints and
            # widens or narrows an axis to fit them, which lays the plot out and paints it again (two to four
            # paints of every card after each filter change).
            width = QFontMetrics(font).horizontalAdvance("0" * 7) + 12
            for name in ("left", "right"):
                self.plotItem.getAxis(name).setWidth(width)
        self.apply_theme(dark)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.scene().sigMouseMoved.connect(self._on_scene_moved)

    # ---- theme ------------------------------------------------------------------------------------
    def apply_theme(self, dark: bool) -> None:
        """Colour background, axes, grid, legend and series from this widget's palette."""
        self.dark = dark
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom", "right"):
            axis = self.plotItem.getAxis(name)
            axis.setPen(pg.mkPen(QColor(text.red(), text.green(), text.blue(), 110)))
            axis.setTextPen(pg.mkPen(text))
        self._empty.setColor(QColor(palette.color(QPalette.ColorRole.PlaceholderText)))
        legend = self.plotItem.legend
        if legend is not None:
            legend.setLabelTextColor(text)
            # pyqtgraph stores a label's new colour but draws it only with its next text: set the text again.
            for _sample, label in legend.items:
                label.setText(label.text, color=text)
        if self.chart is not None:
            self._restyle()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Each plot follows its own palette: when the page above hears of a theme change, the plots'
        # palettes have not been updated yet, so restyling them from there kept the old (white) colours.
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_empty"):
            self.apply_theme(self.palette().color(QPalette.ColorRole.Window).lightness() < 128)

    def colour(self, i: int) -> QColor:
        colours = SERIES_COLOURS[self.dark]
        return QColor(colours[i % len(colours)])

    # ---- data -------------------------------------------------------------------------------------
    def set_chart(self, chart: KpiChart) -> None:
        self.chart = chart
        if not self._items:
            self._build(chart)
        primary = chart.series[0].unit
        main = [s for s in chart.series if s.unit == primary]
        if self.kind == CATEGORY_BARS:
            self._set_category(chart.series[0])
        else:
            self._spans = _spans(chart.series[0].buckets)
            for i, series in enumerate(main):
                self._set_time_series(i, len(main), series, self._items[i])
            for item, series in zip(self._right_items, [s for s in chart.series if s.unit != primary], strict=False):
                _set_line(item, [b.x for b in series.buckets], series.buckets)
        if self.kind != CATEGORY_BARS:
            self._label("left", primary)
        empty = all(b.value in (None, 0) for s in chart.series for b in s.buckets)
        self._empty.setText(self.tr("No data for this period and filter") if empty else "")
        if self.kind == CATEGORY_BARS:
            top = max((b.value or 0 for b in chart.series[0].buckets), default=0)
            self.setXRange(0, _nice_top(top, primary), padding=0)
        else:
            top = max((b.value or 0 for s in main for b in s.buckets), default=0)
            self.setYRange(0, _nice_top(top, primary), padding=0)
            b = chart.series[0].buckets
            if b:
                self.setXRange(b[0].x - self._spans[0] / 2, b[-1].x + self._spans[-1] / 2, padding=0.01)
            if self._right is not None:
                right = [s for s in chart.series if s.unit != primary]
                top = max((b.value or 0 for s in right for b in s.buckets), default=0)
                self._right.setYRange(0, _nice_top(top, right[0].unit), padding=0)
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
            self._items = [pg.PlotDataItem([], []) for _ in main]
        for item in self._items:
            self.addItem(item)
        if len(main) > 1 or others:
            # The legend takes the (unused) title row above the plot, so it never hides a bar or a point.
            legend = pg.LegendItem(colCount=4, labelTextColor=self.palette().color(QPalette.ColorRole.Text),
                                   verSpacing=-8, horSpacing=18,
                                   labelTextSize=f"{self.text_pt or 9}pt")
            # pyqtgraph keeps a legend at screen size whatever the scale a plot is drawn at (a legend
            # floating over the data must not zoom); this one sits in the layout, so it scales with the
            # axes: the report's chart images used to print it at half their size.
            legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
            self.plotItem.layout.removeItem(self.plotItem.titleLabel)  # titles are the card's
            self.plotItem.layout.addItem(legend, 0, 1)
            self.plotItem.layout.setRowFixedHeight(0, max(22, round(self.text_pt / 72 * self.logicalDpiY() * 1.9)))
            self.plotItem.legend = legend
            for item, s in zip(self._items, main, strict=False):
                legend.addItem(item, s.name)
        if others:
            self._right = pg.ViewBox()
            self.plotItem.showAxis("right")
            self.plotItem.scene().addItem(self._right)
            self.plotItem.getAxis("right").linkToView(self._right)
            self._right.setXLink(self.plotItem)
            self._label("right", others[0].unit)
            self.plotItem.vb.sigResized.connect(lambda: self._right.setGeometry(self.plotItem.vb.sceneBoundingRect()))
            for s in others:
                item = pg.PlotDataItem([], [])
                self._right.addItem(item)
                self._right_items.append(item)
                self.plotItem.legend.addItem(item, s.name)
        self._restyle()

    def _restyle(self) -> None:
        for i, item in enumerate(self._items):
            c = self.colour(i)
            if isinstance(item, pg.BarGraphItem):
                item.setOpts(brush=pg.mkBrush(c), pen=None)
            else:
                item.setPen(pg.mkPen(c, width=2))
                item.setSymbol("o")
                item.setSymbolSize(5)
                item.setSymbolBrush(pg.mkBrush(c))
                item.setSymbolPen(pg.mkPen(c))
        for j, item in enumerate(self._right_items):
            c = self.colour(len(self._items) + j)
            item.setPen(pg.mkPen(c, width=2))
            item.setSymbol("o")
            item.setSymbolSize(6)
            item.setSymbolBrush(pg.mkBrush(c))

    def _set_time_series(self, i: int, n: int, series: Series, item) -> None:
        if isinstance(item, pg.BarGraphItem):
            xs = [b.x - span / 2 + span * (0.1 + 0.8 * (i + 0.5) / n)
                  for b, span in zip(series.buckets, self._spans, strict=False)]
            widths = [span * 0.8 / n for span in self._spans]
            item.setOpts(x=xs, height=[b.value or 0 for b in series.buckets], width=widths)
        else:
            _set_line(item, [b.x for b in series.buckets], series.buckets)

    def _set_category(self, series: Series) -> None:
        shown = series.buckets[:MAX_BARS]  # the rest is in the CSV, the PDF table and the tooltip count
        n = len(shown)
        ys = [n - 1 - i for i in range(n)]  # the largest on top
        self._items[0].setOpts(x0=[0] * n, y=ys, width=[b.value or 0 for b in shown], height=0.7)
        ticks = [(y, _short(b.label)) for y, b in zip(ys, shown, strict=True)]
        self.plotItem.getAxis("left").setTicks([ticks, []])
        self._label("bottom", series.unit)
        self.setYRange(-0.6, max(n, 1) - 0.4, padding=0)

    def _label(self, axis: str, text: str) -> None:
        """Axis titles are rich text: set only when they change (a filter change keeps them)."""
        item = self.plotItem.getAxis(axis)
        if item.labelText != text or not item.label.isVisible():
            item.setLabel(text, **self._label_style(item))

    def _label_style(self, axis: pg.AxisItem) -> dict[str, str]:
        # Styles given to setLabel replace the axis' own, which hold the theme's text colour.
        return {**axis.labelStyle, "font-size": f"{self.text_pt}pt"} if self.text_pt else {}

    def _place_empty_text(self) -> None:
        (x0, x1), (y0, y1) = self.plotItem.vb.viewRange()
        self._empty.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    # ---- hit testing ------------------------------------------------------------------------------
    def bucket_at(self, scene_pos: QPointF) -> tuple[Series, Bucket] | None:
        chart = self.chart
        vb = self.plotItem.vb
        if chart is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        series = chart.series[0]
        if self.kind == CATEGORY_BARS:
            n = min(len(series.buckets), MAX_BARS)
            i = n - 1 - int(round(p.y()))
            return (series, series.buckets[i]) if 0 <= i < n else None
        for i, (b, span) in enumerate(zip(series.buckets, self._spans, strict=False)):
            if b.x - span / 2 <= p.x() < b.x + span / 2:
                return self._series_at(i, p, span)
        return None

    def _series_at(self, i: int, p, span: float) -> tuple[Series, Bucket]:
        primary = self.chart.series[0].unit
        main = [s for s in self.chart.series if s.unit == primary]
        if self.kind == TIME_BARS:
            offset = (p.x() - main[0].buckets[i].x) / span + 0.5
            k = min(len(main) - 1, max(0, int((offset - 0.1) / 0.8 * len(main))))
            return main[k], main[k].buckets[i]
        best = min(main, key=lambda s: abs((s.buckets[i].value if s.buckets[i].value is not None else math.inf)
                                           - p.y()))
        return best, best.buckets[i]

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.bucket_at(event.scenePos())
        if hit is not None and hit[1].drill:
            self.bucket_clicked.emit(hit[1].drill)

    def _on_scene_moved(self, pos: QPointF) -> None:
        hit = self.bucket_at(pos)
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit[1].drill else Qt.CursorShape.ArrowCursor)
        global_pos = self.mapToGlobal(self.mapFromScene(pos))
        QToolTip.showText(global_pos, bucket_tooltip(self.chart, *hit), self)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if getattr(self, "chart", None) is not None:  # pyqtgraph resizes once inside its constructor
            self._place_empty_text()


def _spans(buckets) -> list[float]:
    xs = [b.x for b in buckets]
    spans = [b - a for a, b in pairwise(xs)]
    return spans + [spans[-1] if spans else 86_400.0] if xs else []


def _nice_top(top: float, unit: str) -> float:
    """The upper end of the value axis: a scale from zero with some headroom."""
    if unit == "%":
        return 105.0 if top > 60 else max(5.0, top * 1.25)
    if unit == "score":
        return 5.25
    return top * 1.12 if top > 0 else 1.0


def _set_line(item: pg.PlotDataItem, xs: list[float], buckets) -> None:
    """Points with a value; a gap where nothing was measured (an all-empty line is no line)."""
    ys = [math.nan if b.value is None else b.value for b in buckets]
    if all(b.value is None for b in buckets):
        xs, ys = [], []
    item.setData(xs, ys, connect="finite")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"



