"""The dashboard page: filter bar, a grid of KPI cards, drill-down into the queue, PDF report."""

from __future__ import annotations

import importlib
import sys
import time
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.kpi import charts as kpi
from app.tickets.queue import QueueFilter
from app.ui.context import UiContext
from app.ui.dashboard.filter_bar import DashboardFilterBar, FilterChoice
from app.ui.events import REFERENCE
from app.ui.imports_ahead import ImportsAhead
from app.ui.task_pool import Task
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.stale_refresher import StaleRefresher

if TYPE_CHECKING:
    from app.kpi.records import Dashboard, KpiChart
    from app.ui.dashboard.card import ChartCard

# The cards' modules, with pyqtgraph and numpy behind them (~0.35 s of module code here, ~0.25 s of it pyqtgraph's):
# imported on a thread by a new process's first page while the worker reads the figures (app.ui.imports_ahead), not
# on the GUI thread when the page is first shown (a 0.35 s freeze the dashboard bench never saw: it imports them
# before its first page).
CARD_MODULES = ("app.ui.dashboard.card", "app.ui.dashboard.exports")
COLUMNS = 3
CARD_HEIGHT = 300
ROW_GAP = 10  # between rows of cards, inside each row's height (see __init__)
BUILD_SLICE_MS = 6  # the GUI thread's longest turn building cards: a frame (16 ms) even if a thread beside doubles it
PAINT_SLICE_MS = 6  # and painting cards with new figures
CHART_INDEX = {key: i for i, (key, _kind) in enumerate(kpi.CHARTS)}  # a chart's place in the grid, row by row
STALE_REFRESH_MS = 1500  # edits arrive in bursts; the figures follow once the burst is over


class _ProgressRelay(QObject):
    """Carries the worker's progress to the GUI thread (a queued signal; no widget is touched there)."""

    advanced = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.advanced.emit(done, total)


class DashboardPage(QWidget):
    data_shown = Signal()  # each time new figures are on screen

    def __init__(self, ctx: UiContext, window=None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.dashboard: Dashboard | None = None
        # The cards are built a few per turn of the event loop (BUILD_SLICE_MS at most) while the worker computes, in
        # grid order (the cards on screen first); a card the figures need first is built at once.
        self._cards: dict[str, ChartCard] = {}
        self._unbuilt: list[tuple[int, str, str]] = [(i, key, kind) for i, (key, kind) in enumerate(kpi.CHARTS)]
        self._next_build = QTimer(self, singleShot=True, interval=0)
        self._next_build.timeout.connect(self._build_next_cards)
        self._cards_ready = False  # whether CARD_MODULES are imported (the cards and their figures wait for them)
        self._waiting: Dashboard | None = None  # figures that came before them
        self._task: Task | None = None
        self._check: Task | None = None  # the daily figures' check on the writer, once the read it follows is answered
        self._check_due = False  # a check asked for (compute with refresh), to start when the read's answer comes
        self._shown: dict = {}  # (filter, day) -> Dashboard computed since the last edit
        self._unpainted: list[ChartCard] = []  # cards on screen with new figures, to be painted on the next turns
        self._painting: Dashboard | None = None  # the figures those cards show; `dashboard` once all are painted
        # Keys of the cards with new figures not painted yet (their updates off): those the figures change; the others
        # are not painted again. A newer show paints them too, whatever its figures.
        self._pending: set[str] = set()
        self._next_paint = QTimer(self, singleShot=True, interval=0)
        self._next_paint.timeout.connect(self._paint_next_cards)
        self._unfilled: list[KpiChart] = []  # charts for the cards on screen (built if need be), a few per turn
        self._next_fill = QTimer(self, singleShot=True, interval=0)
        self._next_fill.timeout.connect(self._fill_next_cards)
        self._rest: list[KpiChart] = []  # charts for the cards below the fold: filled after those on screen are painted
        self._next_rest = QTimer(self, singleShot=True, interval=0)
        self._next_rest.timeout.connect(self._fill_rest)
        self.filter_bar = DashboardFilterBar(self)
        self.title = QLabel(self.tr("Dashboard"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        # Hidden, it keeps its place: showing it must not move the cards below the bar (every card on screen
        # was painted again when a filter change showed it, and again when the figures hid it).
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.setAccessibleName(self.tr("Computing the dashboard"))
        self.report_button = QPushButton(self.tr("Report (PDF)…"), self)
        self.report_button.clicked.connect(self._on_report_clicked)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(0)
        # Every card has its final place and size when it is built (fixed height, equal columns, the grid at the
        # top of the page, the scroll bar always there): a card added or filled later moves or resizes no other
        # card (each used to lay out and repaint every card built before it, ten times over on the first show).
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)
            self.grid.setColumnMinimumWidth(column, 1)
        # Every row has its final height, the gap below its cards included, before its cards are built: a card built
        # after the first paint (those below the fold) must not grow the grid (a row's first card added a spacing and
        # moved every row by a pixel or so, and every card on screen was painted again, two to four times).
        for row in range(-(-len(kpi.CHARTS) // COLUMNS)):
            self.grid.setRowMinimumHeight(row, CARD_HEIGHT + ROW_GAP)
        self._build_layout()
        self._progress = _ProgressRelay(self)
        self._progress.advanced.connect(self._on_progress_advanced)
        self.filter_bar.changed.connect(lambda: self.compute(refresh=False))
        # A hidden dashboard does not keep the database worker busy after every edit: it catches up
        # when shown again.
        self.stale_figures = StaleRefresher(self, ctx.events, ("ticket",), lambda: self.compute(refresh=True),
                                            delay_ms=STALE_REFRESH_MS)
        self.stale_reference = StaleRefresher(self, ctx.events, (REFERENCE,),
                                              lambda: self.filter_bar.set_reference(self.ctx.reference))
        # The first figures are asked for, and the bar's lists filled, on the next turn: each of the three (the page,
        # the lists, the first request with the threads it may start) took 10-30 ms on a new process's first show.
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        self.compute(refresh=True)
        if all(name in sys.modules for name in CARD_MODULES):  # a page before this one imported them
            self._on_card_modules_imported()
        else:
            ImportsAhead(CARD_MODULES, self._on_card_modules_imported, self)
        QTimer.singleShot(0, self, lambda: self.filter_bar.set_reference(self.ctx.reference))

    def _on_card_modules_imported(self) -> None:
        """The cards can be built: from the next turn, while the worker computes the first figures, or with the figures
        that came first. (Imported again here: an import that failed on the thread raises on the GUI thread.)"""
        for name in CARD_MODULES:
            importlib.import_module(name)
        self._cards_ready = True
        if self._waiting is not None:
            dashboard, self._waiting = self._waiting, None
            self._show(dashboard)
        else:
            self._next_build.start()

    @property
    def cards(self) -> dict[str, ChartCard]:
        """Every chart's card by key, in chart order; those not built yet are built now, and those below the fold
        still to take the figures on screen take them now (a report draws every card)."""
        if self._painting is None:
            while self._rest:
                self._fill_off_screen(self._rest.pop(0))
        while self._unbuilt:
            self._build_card(*self._unbuilt.pop(0))
        return {key: self._cards[key] for key, _kind in kpi.CHARTS}

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Shown again (its tab chosen): pyqtgraph's work before a paint done first in each plot, so the page's paint
        shows them final. Left to their own paint, each plot's items changed while it painted, its scene asked for
        another paint, and the plots were painted again one after the other in the same stretch (25-30 ms of the
        GUI thread to show the page again on the 1M store; 14-15 ms now)."""
        super().showEvent(event)
        for key, card in self._cards.items():
            if card.plot.built and self._in_view(key):  # below the fold: painted, and settled, when scrolled to
                card.plot.settle()

    def painted_later(self) -> list[QWidget]:
        """The cards in view, each painted on a turn of its own after the rest of the page when it is shown
        (app.ui.page_slot): painted with it, the page's paint was 13-16 ms of the GUI thread, ~1 ms a plot. None
        while new figures go into the cards: those turns hold and paint the cards themselves."""
        if self._painting is not None or self._unfilled or self._unpainted:
            return []
        return [card for key, card in self._cards.items() if self._in_view(key)]

    def _in_view(self, key: str) -> bool:
        """Whether the grid cell of a chart's card lies, at least in part, in the scroll area's view (built or not:
        the cells have fixed heights)."""
        seen = self._body.visibleRegion().boundingRect()
        top = CHART_INDEX[key] // COLUMNS * (CARD_HEIGHT + ROW_GAP)
        return not seen.isEmpty() and top < seen.bottom() and top + CARD_HEIGHT > seen.top()

    def _below_fold(self, key: str) -> bool:
        """Whether a chart's card lies outside a view that is on screen (False while the page is not shown)."""
        return not self._body.visibleRegion().isEmpty() and not self._in_view(key)

    def _card(self, key: str) -> ChartCard:
        """The card of one chart, built now if its turn has not come yet."""
        if key not in self._cards:
            found = next(entry for entry in self._unbuilt if entry[1] == key)
            self._unbuilt.remove(found)
            self._build_card(*found)
        return self._cards[key]

    def _build_next_cards(self) -> None:
        """Cards in grid order while one more, as long as the longest so far, still fits in BUILD_SLICE_MS (a card is
        6-10 ms: a check after each let a slice run to 16 ms and more); then the rest on the next turns. Before the
        first figures are on screen only the cards in view: those below the fold wait for them (_fill_rest), so their
        builds do not take the interpreter from the worker reading the figures."""
        spent = longest = 0.0
        while self._cards_ready and self._unbuilt and (not spent or spent + longest <= BUILD_SLICE_MS):
            if self.dashboard is None and self._below_fold(self._unbuilt[0][1]):
                return
            began = time.perf_counter()
            self._build_card(*self._unbuilt.pop(0))
            took = (time.perf_counter() - began) * 1000
            spent, longest = spent + took, max(longest, took)
        if self._unbuilt:
            self._next_build.start()

    def _build_card(self, i: int, key: str, kind: str) -> None:
        from app.ui.dashboard.card import ChartCard  # imported by now (or here, for a report asked for before)

        card = self._cards[key] = ChartCard(key, kind, is_dark(), self)
        card.drill_requested.connect(self._on_card_drill_requested)
        card.setFixedHeight(CARD_HEIGHT)
        self.grid.addWidget(card, i // COLUMNS, i % COLUMNS, Qt.AlignmentFlag.AlignTop)
        # Shown now, not by the layout's queued show on some later turn: that card painted before it had its place.
        card.show()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.filter_bar, 1)
        top.addWidget(self.progress)
        top.addWidget(self.status)
        top.addWidget(self.report_button)
        body = self._body = QWidget(self)
        # Nothing of the grid is painted until the first figures are in every card: building a plot repainted
        # every plot built before it (a hundred paints of empty and half-filled cards on the first show).
        body.setUpdatesEnabled(False)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # ---- computing --------------------------------------------------------------------------------
    def compute(self, *, refresh: bool) -> None:
        """Recompute on the database worker; `refresh` also brings the daily figures up to date on the
        writer. The charts are read at once (WAL: the last committed figures), the check starts when their answer
        comes, and they are read again only if the check recomputed any: opening the page costs one read, not a write
        and a read. The check waits for the read's answer (started with it, the writer's count of the tickets took a
        core while the read and the cards' builds had the other two: the GUI thread waited for a core, 4 ms at a time,
        and the first show's longest turn was 20-25 ms)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        choice: FilterChoice = self.filter_bar.choice()
        key = (choice, date.today())  # presets move with the day
        if refresh:
            self._shown.clear()
            self._check_due = self._check is None  # one under way already: it is not asked for twice
        elif key in self._shown:  # figures already computed since the last edit: no trip to the worker
            self._present(self._shown[key])
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Computing…"))
        self._read(key, choice)

    def _start_check(self) -> None:
        """The check asked for, started on the turn the read's answer (or error) is delivered: the runner is never
        idle between the two, so a caller waiting for an idle runner sees the checked figures."""
        if not self._check_due or self._check is not None:
            return
        self._check_due = False
        self._check = self.ctx.runner.op(kpi.update_daily_figures, progress=self._progress.report,
                                         on_done=self._on_checked, on_error=self._on_check_failed, owner=self,
                                         label="dashboard figures")

    def _on_checked(self, recomputed: bool) -> None:
        self._check = None
        if recomputed:  # what was read beside the check may be older than the figures now
            self._shown.clear()
            self.compute(refresh=False)

    def _on_check_failed(self, error: Exception) -> None:
        self._check = None
        self._on_failed(error)

    def _read(self, key, choice: FilterChoice) -> None:
        self._task = self.ctx.runner.query(kpi.load_dashboard, preset=choice.preset, custom=choice.custom,
                                           group_ids=choice.group_ids, service_ids=choice.service_ids,
                                           priorities=choice.priorities, types=choice.types, refresh=False,
                                           slot=("dashboard", id(self)), on_done=lambda d: self._on_loaded(key, d),
                                           on_error=self._on_read_failed, owner=self, label="dashboard")

    def _on_read_failed(self, error: Exception) -> None:
        self._task = None
        self._start_check()  # the figures may still be brought up to date for the next read
        self._on_failed(error)

    def _on_progress_advanced(self, done: int, total: int) -> None:
        self.status.setText(self.tr("Preparing daily figures…"))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_loaded(self, key, dashboard: Dashboard) -> None:
        self._task = None
        self._shown[key] = dashboard
        self._start_check()
        self._present(dashboard)

    def _present(self, dashboard: Dashboard) -> None:
        if self._cards_ready:
            self._show(dashboard)
        else:  # shown once the cards can be built
            self._waiting = dashboard

    def _show(self, dashboard: Dashboard) -> None:
        """The new figures go into the cards they change from the next turn, a few cards per turn (BUILD_SLICE_MS: a
        chart's update is 0.1-1 ms, a card still to be built 6-9 ms, a plot's first chart 2-16 ms), each card's
        updates held until all have their chart; then the cards on screen are painted, each once, a few per turn
        (PAINT_SLICE_MS), top rows first; data_shown follows the last of them. Cards below the fold paint when
        scrolled to. A chart that looks as its card shows it already only gives the card its new record here."""
        self._next_paint.stop()
        self._next_fill.stop()
        self._next_rest.stop()
        self._next_build.stop()  # cards below the fold are built after those on screen are painted
        self.progress.hide()
        self.status.setText(self.tr("{0} · computed in {1:.0f} ms").format(dashboard.filter.tz, dashboard.computed_ms))
        self.filter_bar.set_period(dashboard.filter.date_from, dashboard.filter.date_to)
        self._painting = dashboard
        self._unfilled, self._unpainted, self._rest = [], [], []
        for chart in dashboard.charts:
            card = self._cards.get(chart.key)
            if card is not None and card.plot.built and chart.key not in self._pending and card.shows(chart):
                card.set_chart(chart)  # its new drill-down values; nothing on screen changes
                continue
            self._pending.add(chart.key)
            if card is not None:
                card.setUpdatesEnabled(False)  # until its turn to paint: not with half the page's new figures
            # Built (if need be) and filled on the next turns, those on screen first.
            (self._unfilled if self._in_view(chart.key) else self._rest).append(chart)
        if self._unfilled:
            self._next_fill.start()
        else:
            self._begin_painting()

    def _fill_next_cards(self) -> None:
        """Charts into their cards, a card still to be built and a plot's first items each a step of their own
        (_next_step), while one more step as long as the longest so far still fits in BUILD_SLICE_MS; the painting
        once all are in."""
        spent = longest = 0.0
        while self._unfilled and (not spent or spent + longest <= BUILD_SLICE_MS):
            began = time.perf_counter()
            card = self._next_step(self._unfilled)
            if card is not None:
                card.setUpdatesEnabled(False)
                card.set_chart(self._unfilled.pop(0))
            took = (time.perf_counter() - began) * 1000
            spent, longest = spent + took, max(longest, took)
        if self._unfilled:
            self._next_fill.start()
        else:
            self._begin_painting()

    def _begin_painting(self) -> None:
        # The layouts the new texts asked for first (done after the paint, they painted every card a second time).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._body.setUpdatesEnabled(True)
        cards = [self._cards[key] for key, _kind in kpi.CHARTS if key in self._pending and key in self._cards]
        self._unpainted = [c for c in cards if not c.visibleRegion().isEmpty()]
        for card in cards:  # off screen: painted by Qt when scrolled to
            if card not in self._unpainted:
                card.setUpdatesEnabled(True)
                self._pending.discard(card.key)
        self._next_paint.start()  # from the next turn: this one filled the cards

    def _paint_next_cards(self) -> None:
        """Cards on screen painted while the next one, as long as the longest so far, still fits in PAINT_SLICE_MS
        (a card is 2-6 ms: a check after each let a slice run to 8 ms and one card more)."""
        spent = longest = 0.0
        while self._unpainted and (not spent or spent + longest <= PAINT_SLICE_MS):
            began = time.perf_counter()
            card = self._unpainted.pop(0)
            card.plot.settle()  # pyqtgraph's work before a paint, done first: the one paint shows the final state
            card.setUpdatesEnabled(True)
            card.repaint()
            self._pending.discard(card.key)
            took = (time.perf_counter() - began) * 1000
            spent, longest = spent + took, max(longest, took)
        if self._unpainted:
            self._next_paint.start()
        elif self._painting is not None:
            self.dashboard, self._painting = self._painting, None  # the figures on screen
            self._next_rest.start()
            self.data_shown.emit()

    def _next_step(self, charts: list[KpiChart]) -> ChartCard | None:
        """The first of `charts`' card, once it is built and its plot has the items for the chart; else one step
        towards that (the card built, not painted before its chart's turn; or the plot's items built) and None. A
        card's build, its plot's first items and its first chart were one step of 5-10 ms: with a reader or the writer
        on the other core, two such steps in a turn went over a frame."""
        chart = charts[0]
        card = self._cards.get(chart.key)
        if card is None:
            self._card(chart.key).setUpdatesEnabled(False)
            return None
        if not card.plot.built:
            card.plot.build_items(chart)
            return None
        return card

    def _fill_rest(self) -> None:
        """The cards below the fold take the figures on screen, one step at a time (a card's build, its plot's first
        items, or its chart with pyqtgraph's work before a paint: 1-6 ms each) while one as long as the longest so far
        still fits in BUILD_SLICE_MS; then the cards not built yet, in later turns."""
        spent = longest = 0.0
        while self._rest and (not spent or spent + longest <= BUILD_SLICE_MS):
            began = time.perf_counter()
            if self._next_step(self._rest) is not None:
                self._fill_off_screen(self._rest.pop(0))
            took = (time.perf_counter() - began) * 1000
            spent, longest = spent + took, max(longest, took)
        if self._rest:
            self._next_rest.start()
        elif self._unbuilt:
            self._next_build.start()

    def _fill_off_screen(self, chart: KpiChart) -> None:
        card = self._card(chart.key)
        card.set_chart(chart)
        card.plot.settle()  # here, in this slice: else the plot's scene did it in one turn of its own (10-17 ms)
        card.setUpdatesEnabled(True)  # painted by Qt if scrolled to
        self._pending.discard(chart.key)

    def _on_failed(self, error: Exception) -> None:
        self._task = None
        self._waiting = None
        self._next_paint.stop()
        self._next_fill.stop()
        self._next_rest.stop()
        self._unpainted, self._unfilled, self._rest, self._painting = [], [], [], None
        self._pending.clear()
        self._body.setUpdatesEnabled(True)  # the cards as they are (empty before the first figures)
        for card in self._cards.values():
            card.setUpdatesEnabled(True)
        self.progress.hide()
        self.status.setText(describe_error(error))

    def _on_card_drill_requested(self, value: str) -> None:
        self.ctx.events.queue_filter_requested.emit(QueueFilter(conditions=(("kpi", value),)))

    # ---- report -----------------------------------------------------------------------------------
    def write_report(self, path: str) -> int:
        """The PDF report of what is on screen; returns its page count. GUI thread (it paints)."""
        from app.ui.dashboard import exports

        if self.dashboard is None:
            raise RuntimeError("no dashboard is shown yet: nothing to report")
        images = {key: exports.report_image(card.plot) for key, card in self.cards.items()}
        return exports.write_pdf_report(path, self.dashboard, images, self.filter_bar.describe())

    def _on_report_clicked(self) -> None:
        if self.dashboard is None:
            return
        name = f"dashboard-{self.dashboard.filter.date_from}-{self.dashboard.filter.date_to}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save dashboard report"), name,
                                              self.tr("PDF documents (*.pdf)"))
        if not path:
            return
        # The charts are drawn here (they are widgets); the pages are written on a thread of their own.
        from app.ui.dashboard import exports

        images = {key: exports.report_image(card.plot) for key, card in self.cards.items()}
        self.report_button.setEnabled(False)
        self.status.setText(self.tr("Writing the report…"))
        self._report = self.ctx.runner.job(
            exports.report_job, path=path, dashboard=self.dashboard, images=images,
            filters_text=self.filter_bar.describe(), owner=self, label="report",
            on_done=lambda pages: self._on_report_finished(pages, ""),
            on_error=lambda exc: self._on_report_finished(0, getattr(exc, "strerror", None) or str(exc)))

    def _on_report_finished(self, pages: int, error: str) -> None:
        self.report_button.setEnabled(True)
        self.status.setText("")
        if error:
            QMessageBox.warning(self, self.tr("Report failed"),
                                self.tr("The report could not be written: {0}").format(error))
        else:
            self.ctx.events.status_message.emit(self.tr("Dashboard report saved ({0} pages).").format(pages))
