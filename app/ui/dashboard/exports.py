"""Exports of the dashboard: a chart as PNG or SVG, its data as CSV, the whole dashboard as a PDF report."""
# The CSV holds every row; the PDF report is for the period (title, filters, each chart with its formula and a table
# of its numbers).

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from app.kpi.records import Dashboard, KpiChart
from app.ui.dashboard.plots import ChartPlot, value_text
from app.ui.task_pool import JobCancelled, JobControl

CSV_HEADER = ["series", "unit", "key", "label", "value", "tickets", "details"]

PAGE_DPI = 150  # the report's device pixels per inch
PAGE_MARGIN_MM = 15.0
TEXT_WIDTH_MM = 210.0 - 2 * PAGE_MARGIN_MM  # A4 portrait
CHART_HEIGHT_MM = 95.0  # under 0.4 of the text height, so a chart spans the text width
REPORT_TEXT_PT = 9.0  # legends and axes of the printed charts: 8 pt or more is readable on paper
PAPER_TEXT = "#202124"


def settle(plot: ChartPlot) -> None:
    """Lay the plot out as if it had been on screen: pyqtgraph applies view ranges and sizes axes to their labels
    when it paints, so a chart scrolled out of view (or a twin never shown) would export with clipped labels."""
    plot.settle()
    scratch = QImage(max(plot.width(), 1), max(plot.height(), 1), QImage.Format.Format_ARGB32)
    painter = QPainter(scratch)
    try:
        plot.render(painter)
    finally:
        painter.end()
    plot.settle()


def chart_image(plot: ChartPlot, scale: float = 1.0, settled: bool = False) -> QImage:
    """The plot's scene drawn at `scale` times its size (2: sharp on a printed page), on its own background
    (`settled`: the caller has just settled it)."""
    if not settled:
        settle(plot)
    source = plot.mapToScene(plot.viewport().rect()).boundingRect()
    image = QImage(max(1, round(plot.width() * scale)), max(1, round(plot.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    # Text in points is drawn at the image's DPI: the plot's own, as it laid that text out.
    image.setDotsPerMeterX(round(plot.logicalDpiX() / 0.0254))
    image.setDotsPerMeterY(round(plot.logicalDpiY() / 0.0254))
    image.fill(plot.background_colour())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot.scene().render(painter, QRectF(0, 0, image.width(), image.height()), source)
    finally:
        painter.end()
    return image


def export_png(plot: ChartPlot, path: str | Path) -> None:
    """The plot as on screen, at its own size."""
    if not chart_image(plot).save(str(path), "PNG"):  # type: ignore[call-overload]  # PySide6 takes a str
        raise OSError("the PNG file could not be written")


def paper_palette() -> QPalette:
    """Dark text on white: what a printed chart uses, whatever the app's theme."""
    palette = QPalette(QColor("#ffffff"))
    for role, colour in ((QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.Window, "#ffffff"),
                         (QPalette.ColorRole.Text, PAPER_TEXT), (QPalette.ColorRole.WindowText, PAPER_TEXT),
                         (QPalette.ColorRole.PlaceholderText, "#5f6368")):
        palette.setColor(role, QColor(colour))
    return palette


def report_plot(plot: ChartPlot) -> ChartPlot:
    """A twin of `plot` as the report prints it: the same chart on paper colours, its text at
    REPORT_TEXT_PT, laid out at the printed chart's size in the screen's logical pixels (as many per
    inch as its points are drawn at), so its text prints at that size. The screen plot is left alone
    (its size and theme are the window's: a wide card printed its legend too small, a dark one white on
    black). The caller owns the twin, a top-level widget never on screen: hide() and deleteLater() it.
    GUI thread."""
    twin = ChartPlot(plot.kind, False, text_pt=REPORT_TEXT_PT)
    twin.setPalette(paper_palette())
    twin.apply_theme(False)
    dpi = twin.logicalDpiY()
    twin.resize(round(TEXT_WIDTH_MM / 25.4 * dpi), round(CHART_HEIGHT_MM / 25.4 * dpi))
    # A view fits its scene to its size when it is shown: shown, but never on a screen.
    twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    twin.show()
    if plot.chart is not None:
        twin.set_chart(plot.chart)
        settle(twin)
    return twin


def report_image(plot: ChartPlot) -> QImage:
    """The chart of `plot` as the report prints it, at the page's resolution. GUI thread."""
    twin = report_plot(plot)
    try:
        return chart_image(twin, PAGE_DPI / twin.logicalDpiY(), settled=True)
    finally:
        twin.hide()
        twin.deleteLater()


def export_svg(plot: ChartPlot, path: str | Path, title: str = "") -> None:
    """The plot as vector SVG, its scene drawn by Qt's SVG generator at the plot's size. (pyqtgraph 0.14's
    SVGExporter fails on the closed paths Qt 6.10+ draws: pyqtgraph issue #3495.)"""
    settle(plot)
    source = plot.mapToScene(plot.viewport().rect()).boundingRect()
    target = QRectF(0, 0, source.width(), source.height())
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(target.size().toSize())
    generator.setViewBox(target)
    generator.setResolution(plot.logicalDpiX())
    generator.setTitle(title)
    generator.setDescription("Deskside dashboard chart")
    painter = QPainter(generator)
    try:
        painter.fillRect(target, plot.background_colour())
        plot.scene().render(painter, target, source)
    finally:
        painter.end()
    if not Path(path).exists():
        raise OSError("the SVG file could not be written")


def csv_rows(chart: KpiChart) -> list[list[str]]:
    rows = []
    for series in chart.series:
        for b in series.buckets:
            rows.append([series.name, series.unit, b.key, b.label, "" if b.value is None else repr(round(b.value, 6)),
                         str(b.count), "; ".join(f"{k}={v}" for k, v in b.parts)])
    return rows


def export_csv(chart: KpiChart, path: str | Path) -> int:
    """Every bucket of every series; returns the number of data rows written."""
    rows = csv_rows(chart)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)
    return len(rows)


class _Report:
    """A multi-page A4 PDF drawn with QPainter; y runs down the page in device pixels."""

    def __init__(self, path: str | Path, title: str) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setTitle(title)
        self.writer.setCreator("Deskside")
        self.writer.setResolution(PAGE_DPI)
        margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
        self.writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                              margins, QPageLayout.Unit.Millimeter))
        self.painter = QPainter(self.writer)
        if not self.painter.isActive():
            raise OSError(f"{path} cannot be written")
        rect = self.writer.pageLayout().paintRectPixels(self.writer.resolution())
        self.width, self.height = rect.width(), rect.height()
        self.y = 0
        self.pages = 1

    def font(self, size: float, bold: bool = False) -> None:
        font = QFont("Sans Serif")
        font.setPointSizeF(size)
        font.setBold(bold)
        self.painter.setFont(font)

    def new_page(self) -> None:
        self.writer.newPage()
        self.pages += 1
        self.y = 0

    def text(self, text: str, size: float = 10, bold: bool = False, colour: str = "#202124") -> None:
        self.font(size, bold)
        self.painter.setPen(QColor(colour))
        box = self.painter.boundingRect(QRectF(0, 0, self.width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        if self.y + box.height() > self.height:
            self.new_page()
        self.painter.drawText(QRectF(0, self.y, self.width, box.height()), int(Qt.TextFlag.TextWordWrap), text)
        self.y += box.height() + 6

    def image(self, image: QImage, max_height: float) -> None:
        size = QSizeF(image.width(), image.height())
        size.scale(QSizeF(self.width, max_height), Qt.AspectRatioMode.KeepAspectRatio)
        if self.y + size.height() > self.height:
            self.new_page()
        self.painter.drawImage(QRectF(0, self.y, size.width(), size.height()), image)
        self.y += size.height() + 12

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.font(8)
        line = self.painter.fontMetrics().height() + 4
        widths = [0.34, 0.30, 0.18, 0.18]
        for i, row in enumerate([header] + rows):
            if self.y + line > self.height:
                self.new_page()
                self.font(8)
            self.painter.setPen(QColor("#202124" if i else "#5f6368"))
            x = 0.0
            for cell, w in zip(row, widths, strict=False):
                flags = int(Qt.AlignmentFlag.AlignVCenter) | int(
                    Qt.AlignmentFlag.AlignRight if w < 0.2 else Qt.AlignmentFlag.AlignLeft)
                self.painter.drawText(QRectF(x, self.y, self.width * w - 8, line), flags, cell)
                x += self.width * w
            if i == 0:
                self.painter.setPen(QColor("#dadce0"))
                self.painter.drawLine(0, int(self.y + line), int(self.width), int(self.y + line))
            self.y += line
        self.y += 12

    def close(self) -> int:
        self.painter.end()
        return self.pages


def write_pdf_report(path: str | Path, dashboard: Dashboard, images: dict[str, QImage], filters_text: str, *,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> int:
    """The report: a cover block (period, filters) then one section per chart, each starting on a new
    page; returns the number of pages. Any thread (it paints on a PDF, not on a widget). `cancelled`
    is asked before each chart: the file is then removed and JobCancelled raised."""
    report = _Report(path, "Deskside dashboard")
    report.text("Service desk dashboard", 20, bold=True)
    report.text(f"Period: {dashboard.filter.period_text()}", 11)
    report.text(f"Filters: {filters_text}", 11)
    report.text(f"Days are local days in {dashboard.filter.tz}; business hours follow the SLA calendar.", 9,
                colour="#5f6368")
    for i, chart in enumerate(dashboard.charts):
        if cancelled is not None and cancelled():
            report.close()
            Path(path).unlink(missing_ok=True)
            raise JobCancelled("report")
        if progress is not None:
            progress(i, len(dashboard.charts))
        if i:
            report.new_page()
        report.text(chart.title, 15, bold=True)
        report.text(f"{chart.headline}  ·  {chart.period}", 10, colour="#5f6368")
        report.text(f"Formula: {chart.formula}", 9)
        if chart.note:
            report.text(chart.note, 9, colour="#5f6368")
        if chart.key in images:
            report.image(images[chart.key], report.height * 0.4)
        rows = [[s.name, b.label, value_text(b.value, s.unit), f"{b.count:,}"]
                for s in chart.series for b in s.buckets]
        report.table(["Series", "Bucket", "Value", "Tickets" if chart.key != "changes" else "Changes"], rows)
    return report.close()


def report_job(ctl: JobControl, *, path: str, dashboard: Dashboard, images: dict[str, QImage],
               filters_text: str) -> int:
    """A runner job: the PDF report written on the job's thread, with progress per chart and cancel.
    The chart images are drawn beforehand on the GUI thread (they come from widgets). Returns the page
    count; raises OSError when the file cannot be written."""
    pages = write_pdf_report(path, dashboard, images, filters_text, progress=ctl.progress,
                             cancelled=lambda: ctl.cancelled)
    if not Path(path).exists():
        raise OSError("the file was not created")
    return pages
