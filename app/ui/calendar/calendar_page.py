"""The Calendar page: toolbar, the four views (month, week, day, timeline) and the side panel."""
# Loads the visible range through the task runner and hands drags, drops, undo and export to CalendarEditing.

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from app.changes.calendar import (
    DEFAULT_TIMELINE_ZOOM,
    CalendarFilter,
    VisibleRange,
    align_hour,
    clamp_zoom,
    filtered,
    local_day,
    local_zone,
    step_anchor,
    step_timeline,
    visible_range,
    window_bands,
)
from app.changes.calendar_range import Loaded, load_range
from app.ui.calendar.canvas import CalendarCanvas, ViewContent
from app.ui.calendar.day_text import day_text
from app.ui.calendar.editing import CalendarEditing
from app.ui.calendar.month_view import MonthView
from app.ui.calendar.scroll_frame import ScrollFrame
from app.ui.calendar.side_panel import SidePanel
from app.ui.calendar.time_grid_view import TimeGridView
from app.ui.calendar.timeline_view import TimelineView
from app.ui.calendar.toolbar import CalendarToolbar
from app.ui.tasks import describe_error
from app.ui.widgets.after_paint import paint_on_a_later_turn
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.stale_refresher import StaleRefresher


class CalendarPage(QWidget, BuiltInSteps):
    data_shown = Signal()  # once per load, when the view has painted the loaded data
    range_changed = Signal()

    def __init__(self, ctx, window=None, parent: QWidget | None = None, *, later: bool = False) -> None:
        """`later`: the toolbar and the views now; the side panel, the layout, the wiring and the first read at
        `build_step()` (whole, the page's build was 8-10 ms of the GUI thread on its first show)."""
        super().__init__(parent)
        self._steps = self._parts(ctx)
        next(self._steps)
        if not later:
            self.build_rest()

    def _parts(self, ctx) -> Iterator[None]:
        self.ctx = ctx
        self.setObjectName("calendar-page")
        self.tz = local_zone()
        self.view_name = "month"
        self.anchor: date = local_day(self.now(), self.tz)
        self.zoom = DEFAULT_TIMELINE_ZOOM
        self.hour = 0  # where a sub-day timeline zoom starts (local hour)
        self.lane_kind = "ci"
        self.filter = CalendarFilter()
        self.loaded: Loaded | None = None
        self._task = None
        self._pending_shown = False
        self._released: Loaded | None = None  # the range shown before the last load, until a later turn frees it
        self.bands_key: tuple | None = None
        self.bands: tuple = ()

        self.toolbar = CalendarToolbar(self)
        self.views: dict[str, CalendarCanvas] = {"month": MonthView(), "week": TimeGridView(7),
                                                 "day": TimeGridView(1), "timeline": TimelineView()}
        self.stack = QStackedWidget(self)
        for name, canvas in self.views.items():
            self.stack.addWidget(canvas if name == "month" else ScrollFrame(canvas))
        yield

        self.panel = SidePanel(self)
        split = QSplitter(self)
        split.addWidget(self.stack)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setSizes([1100, 300])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.toolbar)
        box.addWidget(split, 1)

        self.editing = CalendarEditing(self)
        self.toolbar.view_chosen.connect(self.set_view)
        self.toolbar.command.connect(self.run_command)
        self.toolbar.lane_kind_chosen.connect(self._on_toolbar_lane_kind_chosen)
        self.toolbar.filter_changed.connect(self._on_toolbar_filter_changed)
        for canvas in self.views.values():
            canvas.evaluator = self.editing.evaluate
            canvas.command.connect(self.run_command)
            canvas.item_selected.connect(self.editing.select)
            canvas.open_requested.connect(self.editing.open_change)
            canvas.drop_requested.connect(self.editing.drop)
            canvas.schedule_requested.connect(self.editing.schedule)
            canvas.external_item = self.editing.unscheduled_item
            canvas.day_requested.connect(self._on_canvas_day_requested)
            canvas.painted.connect(self._on_canvas_painted)
        # Edits elsewhere (the change editor, sync) reload the range once a burst has settled.
        self.stale_range = StaleRefresher(self, ctx.events, ("change", "schedule_window", "holiday"), self.reload,
                                          delay_ms=300)
        self.panel.move_requested.connect(self.editing.move_to_slot)
        self.panel.open_requested.connect(self.editing.open_change)
        self.set_view("month")

    # -- public ------------------------------------------------------------------------------------

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    @property
    def canvas(self) -> CalendarCanvas:
        return self.views[self.view_name]

    def activate(self, arg: str) -> None:
        """`--view calendar:ARG`: month, week, day or timeline."""
        if arg in self.views:
            self.set_view(arg)

    def set_view(self, name: str) -> None:
        if name not in self.views:
            return
        self.view_name = name
        self.stack.setCurrentIndex(list(self.views).index(name))
        self.toolbar.set_view(name, name == "timeline")
        self.canvas.select(self.editing.selected_id)
        self.canvas.setFocus()
        self._range_moved()

    def go_to(self, day: date) -> None:
        self.anchor = day
        self._range_moved()

    def visible(self) -> VisibleRange:
        return visible_range(self.view_name, self.anchor, self.tz, self.zoom, self.hour)

    def run_command(self, name: str) -> None:
        if name == "today":
            now = self.now().astimezone(self.tz)
            self.hour = align_hour(now.hour, self.zoom)
            self.go_to(now.date())
        elif name in ("previous", "next"):
            direction = -1 if name == "previous" else 1
            if self.view_name == "timeline":
                anchor, self.hour = step_timeline(self.anchor, self.hour, direction, self.zoom)
                self.go_to(anchor)
            else:
                self.go_to(step_anchor(self.view_name, self.anchor, direction, self.zoom))
        elif name in ("zoom_in", "zoom_out") and self.view_name == "timeline":
            zoom = clamp_zoom(self.zoom + (-1 if name == "zoom_in" else 1))
            if zoom != self.zoom:
                self.zoom = zoom
                self.hour = align_hour(self.hour, zoom)
                self._range_moved()
        elif name == "undo":
            self.editing.undo()
        elif name == "export":
            self.editing.export_ics()

    def reload(self) -> None:
        """Load the visible range (plus the slot search after it) on the DB worker; the views keep showing
        what they have until it arrives."""
        rng = self.visible()
        if self._task is not None:
            self._task.cancel()
        self._task = self.ctx.runner.query(load_range, view_start=rng.start, view_end=rng.end,
                                           on_done=self._on_loaded, on_error=self._on_load_failed, owner=self,
                                           label="calendar range")
        self.toolbar.busy.show()

    # -- internals ---------------------------------------------------------------------------------

    def _range_moved(self) -> None:
        # The new range laid out into the view (a month of the 1M demo store: ~2-3 ms) and its paint (~7-9 ms) on
        # turns of their own: in one, a change of view went over a frame. Only the views are held: the whole page
        # held is painted whole when let go (the toolbar and side panel, ~2 ms more), and the title shows at once.
        paint_on_a_later_turn(self.stack)
        rng = self.visible()
        self.toolbar.title.setText(self._title(rng))
        self.range_changed.emit()
        if self.loaded is None or not self.loaded.covers(rng.start, rng.end):
            self.reload()
        self.refresh()

    def _title(self, rng: VisibleRange) -> str:
        if self.view_name == "month":
            return day_text(self.anchor, "%B %Y")
        if self.view_name == "day":
            return day_text(self.anchor, "%A %d %B %Y")
        if self.view_name == "timeline" and rng.end - rng.start < timedelta(days=1):
            a, b = rng.start.astimezone(self.tz), rng.end.astimezone(self.tz)
            return "{}, {}–{}".format(day_text(a, "%a %d %b %Y"), a.strftime("%H:%M"), b.strftime("%H:%M"))
        last = local_day(rng.end, self.tz)
        first = local_day(rng.start, self.tz)
        if (last - first).days <= 1:
            return day_text(first, "%A %d %B %Y")
        last = last.fromordinal(last.toordinal() - 1)
        return "{} – {}".format(day_text(first, "%d %b"), day_text(last, "%d %b %Y"))

    def refresh(self) -> None:
        """Rebuild the shown view's content from what is loaded (filter, range, bands); no database."""
        rng = self.visible()
        loaded = self.loaded
        if loaded is None:
            self.canvas.set_content(ViewContent(range=rng, tz=self.tz, now=self.now(), lane_kind=self.lane_kind))
            return
        items = tuple(filtered(loaded.items.values(), self.filter, rng.start, rng.end))
        key = (id(loaded), rng.start, rng.end)
        if key != self.bands_key:
            self.bands_key = key
            bands = loaded.bands_in(rng.start, rng.end)
            self.bands = bands if bands is not None else tuple(window_bands(
                loaded.data.maintenance_windows, loaded.data.blackouts, rng.start, rng.end))
        content = ViewContent(
            range=rng, tz=self.tz, now=self.now(), items=items, bands=self.bands,
            conflicted=frozenset(loaded.conflicted), ci_services=loaded.ci_services,
            holidays={h.day: h.name for h in loaded.data.holidays}, lane_kind=self.lane_kind)
        self.canvas.set_content(content)
        self.editing.refresh_panel()

    def _on_loaded(self, loaded: Loaded) -> None:
        paint_on_a_later_turn(self)  # the range laid out into the view (~5-12 ms) and its paint (~10 ms) apart
        self._task = None
        self.toolbar.busy.hide()
        # The range shown before is freed on a later turn: its items (thousands of objects on the 1M demo store)
        # took ~3 ms to free, inside the turn that lays the new range out.
        self._released, self.loaded = self.loaded, loaded
        QTimer.singleShot(0, self, self._release_previous)
        self.editing.loaded_changed()
        self.panel.show_unscheduled(loaded.data.unscheduled)
        self._pending_shown = True
        self.refresh()

    def _release_previous(self) -> None:
        self._released = None

    def _on_load_failed(self, error: Exception) -> None:
        self._task = None
        self.toolbar.busy.hide()
        self.ctx.events.status_message.emit(self.tr("The calendar could not load: {0}").format(describe_error(error)))

    def _on_canvas_painted(self) -> None:
        if self._pending_shown and self.sender() is self.canvas and self.loaded is not None:
            self._pending_shown = False
            self.data_shown.emit()

    def _on_canvas_day_requested(self, day: date) -> None:
        self.anchor = day
        self.set_view("day")

    def _on_toolbar_lane_kind_chosen(self, kind: str) -> None:
        self.lane_kind = kind
        self.refresh()

    def _on_toolbar_filter_changed(self, flt: CalendarFilter) -> None:
        self.filter = flt
        self.refresh()
