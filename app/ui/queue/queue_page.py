"""The queue page: saved views, filter bar, the ticket table and its exact count."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSplitter, QVBoxLayout, QWidget

from app.sla.queue import breaching_value
from app.tickets import queue as queue_service
from app.tickets import views as views_service
from app.tickets.queue import QueueSort
from app.tickets.queue_conditions import describe_condition
from app.tickets.views import ViewInfo
from app.ui import labels
from app.ui.after_first_page import AfterFirstPage
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.queue.columns import DEFAULT_VISIBLE
from app.ui.queue.filter_bar import FilterBar
from app.ui.queue.major_strip import MajorIncidentStrip
from app.ui.queue.sla_notifier import SlaNotifier
from app.ui.queue.table_model import TICKET_ID_ROLE, TicketTableModel
from app.ui.queue.table_view import QueueTableView
from app.ui.queue.views_panel import ViewsPanel
from app.ui.theme import is_dark, queue_stylesheet
from app.ui.widgets.stale_refresher import StaleRefresher

BREACHING_VIEW = "breaching_soon"


class QueuePage(QWidget):
    open_ticket_requested = Signal(str)  # ticket id
    selection_changed = Signal(int)  # number of selected rows
    first_page_shown = Signal(int)  # count, each time a query's first page is on screen and counted

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TicketTableModel(ctx, self)
        self.sla_notifier = SlaNotifier(ctx, self)
        self._checked_sla = False
        self._first_page_painted = False
        self.view = QueueTableView(self.model, self)
        self.filter_bar = FilterBar(self)
        self.views_panel = ViewsPanel(self)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName(self.tr("Ticket count"))
        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        # What a view's named conditions mean ("Breaching within 4 h"), beside its name.
        self.condition_label = QLabel(self)
        self.condition_label.setTextFormat(Qt.TextFormat.PlainText)
        self.condition_label.setStyleSheet("color: palette(placeholder-text);")
        self._current_view: ViewInfo | None = None
        self._first_page_in = False
        self._views_to_count: list[ViewInfo] | None = None
        self._sort_override: QueueSort | None = None
        self._save_columns_timer = QTimer(self, singleShot=True, interval=500)
        self._save_columns_timer.timeout.connect(self._save_columns)
        self.major_strip = MajorIncidentStrip(ctx, self)  # open major incidents first (issue 13)
        self._build_layout()
        self.setStyleSheet(queue_stylesheet())
        self._apply_columns()

        self.views_panel.view_chosen.connect(self._on_views_panel_view_chosen)
        self.views_panel.delete_requested.connect(self._on_views_panel_delete_requested)
        self.filter_bar.changed.connect(self._run_query)
        self.view.open_requested.connect(self._on_view_open_requested)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(len(self.view.selected_rows())))
        header = self.view.horizontalHeader()
        header.sectionClicked.connect(self._on_header_section_clicked)
        header.sectionMoved.connect(lambda *_: self._save_columns_timer.start())
        header.sectionResized.connect(lambda *_: self._save_columns_timer.start())
        header.customContextMenuRequested.connect(self._on_header_context_menu)
        self.model.query_loaded.connect(self._on_model_query_loaded)
        self.model.first_page_loaded.connect(self._on_model_first_page_loaded)
        # Membership and order may change with any edit (state, assignee, updated time), so the ids
        # are read again once per burst; the reset keeps selection and scroll by row id.
        # The first SLA check (and the SLA engine's import) waits until the first page is on screen.
        AfterFirstPage(self, self._on_first_page_painted, self)
        self.stale_rows = StaleRefresher(self, ctx.events, ("ticket",), self.refresh)
        self.stale_reference = StaleRefresher(self, ctx.events, (REFERENCE,),
                                              lambda: self.filter_bar.set_reference(self.ctx.reference))

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        top.addWidget(self.title_label)
        top.addWidget(self.condition_label)
        top.addStretch(1)
        top.addWidget(self.count_label)
        right = QWidget(self)
        col = QVBoxLayout(right)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addLayout(top)
        col.addWidget(self.major_strip)
        col.addWidget(self.filter_bar)
        col.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.views_panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # ---- views and queries ---------------------------------------------------------------------
    def load_views(self, select_key: str | None = None) -> None:
        owner = self.ctx.me
        key = select_key or (self._current_view.key if self._current_view else self.ctx.settings.get("last_view"))
        self.ctx.runner.query(views_service.list_views, owner_id=owner,
                              on_done=lambda views: self._on_views_loaded(views, key), owner=self, label="views")

    def _on_views_loaded(self, views: list[ViewInfo], key: str | None) -> None:
        self.filter_bar.set_reference(self.ctx.reference)
        self.views_panel.set_views(views, key)
        if self._first_page_in:
            self._count_views(views)
        else:  # at start-up the views' counts wait for the first page: they would share its read slots and CPU
            self._views_to_count = views

    def _on_model_first_page_loaded(self) -> None:
        if not self._first_page_in:
            self._first_page_in = True
            views, self._views_to_count = self._views_to_count, None
            if views is not None:
                self._count_views(views)

    def _effective(self, view: ViewInfo) -> ViewInfo:
        """The view with today's settings in it: "Breaching soon" looks sla_warning_hours ahead."""
        if view.builtin and view.key == BREACHING_VIEW:
            conditions = (("sla", breaching_value(self.ctx.settings.get("sla_warning_hours"))),)
            return replace(view, filter=replace(view.filter, conditions=conditions))
        return view

    def _count_views(self, views: list[ViewInfo]) -> None:
        filters = {v.key: v.filter for v in (self._effective(v) for v in views)}
        self.ctx.runner.query(queue_service.view_counts, filters=filters, me=self.ctx.me, has_fts=self.ctx.has_fts,
                              on_done=self.views_panel.set_counts, owner=self, label="view counts",
                              background=True)  # every view's count: beside the page reads, not before them

    def _on_views_panel_view_chosen(self, view: ViewInfo) -> None:
        view = self._effective(view)
        self._current_view = view
        self._sort_override = None
        self.title_label.setText(labels.view_name(view.name, view.builtin))
        self.condition_label.setText(" · ".join(describe_condition(k, v) for k, v in view.filter.conditions))
        self.ctx.settings.set("last_view", view.key)
        self._run_query()

    def show_filter(self, flt: queue_service.QueueFilter, title: str = "") -> None:
        """Show exactly `flt` (a dashboard drill-down): an unsaved view named for its conditions; the quick
        filters are cleared, no saved view stays selected, and choosing a view goes back to it."""
        described = " · ".join(describe_condition(k, v) for k, v in flt.conditions)
        name = title or described or self.tr("Filtered tickets")
        self._current_view = ViewInfo(key="", name=name, filter=flt, sort=QueueSort(), builtin=True)
        self._sort_override = None
        self.filter_bar.blockSignals(True)
        self.filter_bar.clear()
        self.filter_bar.blockSignals(False)
        self.views_panel.blockSignals(True)
        self.views_panel.setCurrentItem(None)
        self.views_panel.blockSignals(False)
        self.title_label.setText(name)
        self.condition_label.setText(described if title else "")
        self._run_query()

    def current_filter(self) -> queue_service.QueueFilter:
        base = self._current_view.filter if self._current_view else queue_service.QueueFilter()
        return self.filter_bar.apply_to(base)

    def current_sort(self) -> QueueSort:
        if self._sort_override is not None:
            return self._sort_override
        return self._current_view.sort if self._current_view else QueueSort()

    def _run_query(self) -> None:
        # The first page shows before the exact count on a large store; until it comes the label says so.
        self.count_label.setText(self.tr("Counting…"))
        sort = self.current_sort()
        self._show_sort_indicator(sort)
        self.model.set_query(self.current_filter(), sort)

    def _on_model_query_loaded(self, count: int) -> None:
        if count == 0:
            text = self.tr("No tickets match") if self.filter_bar.is_active() else self.tr("No tickets")
        else:
            text = self.tr("%Ln ticket(s)", "", count)
        self.count_label.setText(text)
        self.first_page_shown.emit(count)
        if self._first_page_painted:
            self._check_sla_once()

    def _on_first_page_painted(self) -> None:
        self._first_page_painted = True
        if self.model.counted:  # else the count, when it comes, checks
            self._check_sla_once()

    def _check_sla_once(self) -> None:
        if not self._checked_sla:
            self._checked_sla = True
            self.sla_notifier.check()

    def refresh(self) -> None:
        """F5: run the query again, keeping selection and scroll position."""
        self.model.refresh()
        if self._current_view is not None:
            self._count_views(self.views_panel.views())

    def save_current_view(self, name: str) -> None:
        flt, sort, owner = self.current_filter(), self.current_sort(), self.ctx.me
        self.ctx.runner.op(views_service.save_view, name=name, flt=flt, sort=sort, owner_id=owner,
                           on_done=lambda v: self.load_views(v.key), owner=self, label="save view")

    def _on_views_panel_delete_requested(self, view: ViewInfo) -> None:
        self.ctx.runner.op(views_service.delete_view, view_id=view.key,
                           on_done=lambda _r: self.load_views("all_open"), owner=self, label="delete view")

    # ---- sorting and columns -------------------------------------------------------------------
    def _on_header_section_clicked(self, logical: int) -> None:
        column = self.model.columns[logical]
        if column.sort_key is None:
            self.ctx.events.status_message.emit(self.tr("The {0} column cannot be sorted.").format(column.header))
            self._show_sort_indicator(self.current_sort())
            return
        current = self.current_sort()
        descending = not current.descending if current.key == column.sort_key else column.sort_key in (
            "updated_at", "created_at")
        self._sort_override = QueueSort(column.sort_key, descending)
        self._run_query()

    def _show_sort_indicator(self, sort: QueueSort) -> None:
        header = self.view.horizontalHeader()
        for i, c in enumerate(self.model.columns):
            if c.sort_key == sort.key:
                order = Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder
                header.setSortIndicator(i, order)
                return
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.model.restyle(is_dark())  # the rows' colours were prepared for the old palette

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self.ctx.settings.get("queue_columns"):
            QTimer.singleShot(0, self, self._fit_title_column)

    def _fit_title_column(self) -> None:
        """Until the user arranges the columns, the title takes the width the others leave."""
        header = self.view.horizontalHeader()
        title = next(i for i, c in enumerate(self.model.columns) if c.key == "title")
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i != title and not header.isSectionHidden(i))
        available = self.view.viewport().width() - others - 2
        header.blockSignals(True)
        header.resizeSection(title, max(220, available))
        header.blockSignals(False)

    def _apply_columns(self) -> None:
        header = self.view.horizontalHeader()
        saved = self.ctx.settings.get("queue_columns")
        keys = [c.key for c in self.model.columns]
        layout = []
        for entry in saved if isinstance(saved, list) else []:
            if isinstance(entry, list) and len(entry) == 3 and entry[0] in keys:
                layout.append(entry)
        if not layout:
            layout = [[c.key, c.width, c.key in DEFAULT_VISIBLE] for c in self.model.columns]
            order = [k for k in DEFAULT_VISIBLE] + [k for k in keys if k not in DEFAULT_VISIBLE]
            layout.sort(key=lambda e: order.index(e[0]))
        header.blockSignals(True)
        for visual, (key, width, visible) in enumerate(layout):
            logical = keys.index(key)
            header.moveSection(header.visualIndex(logical), visual)
            header.resizeSection(logical, max(40, int(width)))
            header.setSectionHidden(logical, not visible)
        header.blockSignals(False)

    def columns_changed(self) -> None:
        """The column layout was edited elsewhere (Settings): show it."""
        self._apply_columns()
        if not self.ctx.settings.get("queue_columns"):
            self._fit_title_column()

    def _save_columns(self) -> None:
        header = self.view.horizontalHeader()
        layout = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            layout.append([self.model.columns[logical].key, header.sectionSize(logical) or
                           self.model.columns[logical].width, not header.isSectionHidden(logical)])
        self.ctx.settings.set("queue_columns", layout)

    def _on_header_context_menu(self, pos) -> None:
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        for logical, column in enumerate(self.model.columns):
            act = QAction(column.header, menu)
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(logical))
            act.toggled.connect(lambda on, i=logical: self._set_column_visible(i, on))
            menu.addAction(act)
        menu.exec(header.mapToGlobal(pos))

    def _set_column_visible(self, logical: int, visible: bool) -> None:
        self.view.horizontalHeader().setSectionHidden(logical, not visible)
        self._save_columns()

    # ---- opening and selection -----------------------------------------------------------------
    def _on_view_open_requested(self, row: int) -> None:
        ticket_id = self.model.index(row, 0).data(TICKET_ID_ROLE)
        if ticket_id:
            self.open_ticket_requested.emit(ticket_id)
            return
        row_id = self.model.row_id_at(row)
        if row_id is None:
            return
        # The row's values have not arrived yet; its id is known, so ask for the ticket id.
        self.ctx.runner.query(queue_service.ticket_id_for_row, row_id=row_id,
                              on_done=lambda tid: tid and self.open_ticket_requested.emit(tid), owner=self,
                              label="open row")

    def selected_row_ids(self) -> list[int]:
        return self.view.selected_row_ids()

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def focus_table(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.select_row(0)
