"""A dashboard card: a chart's title, headline figure, formula and period, its plot and its exports."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.kpi.records import CATEGORY_BARS, KpiChart
from app.ui.dashboard import exports
from app.ui.dashboard.plots import MAX_BARS, ChartPlot


class ChartCard(QFrame):
    """Built once per chart key; `set_chart` updates it with new data."""

    drill_requested = Signal(str)  # a kpi drill-down value

    def __init__(self, key: str, kind: str, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.chart: KpiChart | None = None
        self.setObjectName("chartCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        big = self.headline.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.headline.setFont(big)
        self.headline.setToolTip(self.tr("Click to open the tickets behind this figure"))
        self.headline.installEventFilter(self)
        self.period = QLabel(self)
        self.period.setTextFormat(Qt.TextFormat.PlainText)
        self.period.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = self.period.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.period.setFont(small)
        self.info = QToolButton(self)
        self.info.setText("ƒ")
        self.info.setAutoRaise(True)
        self.info.setAccessibleName(self.tr("Formula"))
        self.info.clicked.connect(self._on_info_clicked)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setAccessibleName(self.tr("Chart actions"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu's actions are made when it first opens: four actions and their connections in each of 17 cards
        # were ~3 ms of the dashboard's first show, for a menu seldom opened.
        menu = QMenu(self)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.menu_button.setMenu(menu)
        self.open_action: QAction | None = None
        self.plot = ChartPlot(kind, dark, self)
        self.plot.setMinimumHeight(190)
        self.plot.bucket_clicked.connect(self.drill_requested)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.info)
        top.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.period)
        layout.addWidget(self.plot, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The card's size is its grid cell's, whatever its texts: a long period or headline must not widen its
        # column (every card of the page would be laid out and painted again with each new chart).
        for label in (self.title, self.headline, self.period):
            label.setMinimumWidth(1)

    def shows(self, chart: KpiChart) -> bool:
        """Whether the card already shows what `chart` would: its texts and its plot (a filter change that leaves a
        chart as it was, such as the changes' chart under a priority, has nothing to paint). GUI thread."""
        return (self.chart is not None and self.title.text() == chart.title and self.headline.text() == chart.headline
                and self.period.text() == self._period_text(chart) and self.plot.shows(chart))

    def set_chart(self, chart: KpiChart) -> None:
        self.chart = chart
        self.title.setText(chart.title)
        self.headline.setText(chart.headline)
        self.period.setText(self._period_text(chart))
        tip = f"<b>{chart.title}</b><br>{chart.formula}<br><br><i>{chart.period}</i>"
        if chart.note:
            tip += f"<br>{chart.note}"
        self.info.setToolTip(tip)
        if self.open_action is not None:
            self.open_action.setEnabled(chart.headline_drill is not None)
        self.plot.set_chart(chart)
        self.plot.setAccessibleName(self.tr("{0} chart").format(chart.title))
        self.plot.setAccessibleDescription(f"{chart.headline} {chart.period}")

    def _on_menu_about_to_show(self) -> None:
        if self.open_action is None:
            menu = self.menu_button.menu()
            self.open_action = QAction(self.tr("Open these tickets in the queue"), self)
            self.open_action.triggered.connect(self._on_headline_clicked)
            menu.addAction(self.open_action)
            menu.addSeparator()
            for text, slot in ((self.tr("Export image (PNG)…"), self._export_png),
                               (self.tr("Export vector image (SVG)…"), self._export_svg),
                               (self.tr("Export data (CSV)…"), self._export_csv)):
                action = QAction(text, self)
                action.triggered.connect(slot)
                menu.addAction(action)
        self.open_action.setEnabled(self.chart is not None and self.chart.headline_drill is not None)

    def _period_text(self, chart: KpiChart) -> str:
        hidden = len(chart.series[0].buckets) - MAX_BARS if chart.kind == CATEGORY_BARS else 0
        return chart.period if hidden <= 0 else self.tr("{0} · top {1} of {2} shown").format(
            chart.period, MAX_BARS, len(chart.series[0].buckets))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.__dict__.get("headline") and event.type() == QEvent.Type.MouseButtonRelease:
            self._on_headline_clicked()
            return True
        return super().eventFilter(watched, event)

    def _on_info_clicked(self) -> None:
        if self.chart is not None:
            QMessageBox.information(self, self.chart.title, f"{self.chart.formula}\n\n{self.chart.period}")

    def _on_headline_clicked(self) -> None:
        if self.chart is not None and self.chart.headline_drill:
            self.drill_requested.emit(self.chart.headline_drill)

    # ---- exports ----------------------------------------------------------------------------------
    def _ask_path(self, caption: str, suffix: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, caption, f"{self.key}.{suffix}", pattern)
        return path

    def _export_png(self) -> None:
        path = self._ask_path(self.tr("Export chart image"), "png", self.tr("PNG images (*.png)"))
        if path:
            self._guard(lambda: exports.export_png(self.plot, path))

    def _export_svg(self) -> None:
        path = self._ask_path(self.tr("Export chart as SVG"), "svg", self.tr("SVG images (*.svg)"))
        if path:
            self._guard(lambda: exports.export_svg(self.plot, path, self.title.text()))

    def _export_csv(self) -> None:
        path = self._ask_path(self.tr("Export chart data"), "csv", self.tr("CSV files (*.csv)"))
        if path and self.chart is not None:
            self._guard(lambda: exports.export_csv(self.chart, path))

    def _guard(self, fn) -> None:
        try:
            fn()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"),
                                self.tr("The file could not be written: {0}").format(exc.strerror or exc))
