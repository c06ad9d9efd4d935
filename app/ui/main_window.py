"""The main window: menus, the tab strip (queue first, then open tickets), status bar."""
# Layout and navigation only; data work goes through the task runner.

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any, TypeGuard

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStyle,
    QTabBar,
    QWidget,
)

from app.people import reference as reference_service
from app.ui.actions import ACTIONS, MENUS, build_actions, shortcut_text, tr
from app.ui.after_first_page import AfterFirstPage
from app.ui.context import UiContext
from app.ui.editor_pool import EditorPool, is_editor
from app.ui.imports_ahead import ImportsAhead
from app.ui.macros.controller import MacroController
from app.ui.page_slot import PageSlot
from app.ui.page_tabs import PageTabs
from app.ui.pages import page_specs
from app.ui.pages import tr as page_tr
from app.ui.queue.bulk_edit import BulkEditController
from app.ui.queue.problem_actions import QueueProblemActions
from app.ui.queue.queue_page import QueuePage
from app.ui.resting_tabs import TabRest
from app.ui.tab_history import TabHistory
from app.ui.task_pool import Handoff
from app.ui.theme import ThemeController
from app.ui.widgets.after_paint import AfterPaint, hold_while_hidden, paint_shown_on_a_later_turn
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.window_dialogs import WindowDialogs

if TYPE_CHECKING:
    from app.ui.dialogs.crash_dialog import CrashDialog
    from app.ui.ticket.editor import TicketEditor


def _is_editor(widget: QWidget | None) -> TypeGuard[TicketEditor]:
    return is_editor(widget)


BUSY_SHOWN_AFTER_MS = 250  # the status bar's busy indicator shows once the runner has been busy this long
# Imported in idle time once the window has warmed up (MainWindow._import_ahead): the Dashboard page and its
# cards' modules (pyqtgraph, numpy), and the reads of its figures (imported by the reader of its first figures, their
# module code held the interpreter lock for 5-10 ms at a time while the page built its cards).
IMPORTED_AHEAD = ("app.ui.dashboard.dashboard_page", "app.ui.dashboard.card", "app.ui.dashboard.exports",
                  "app.kpi.dashboard")
IMPORTED_FREEZE_MS = 100


class MainWindow(WindowDialogs):
    reference_loaded = Signal()
    ticket_shown = Signal(str)  # ticket id, once its editor has loaded

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, theme: ThemeController | None = None,
                 profile: str = "default", long_lists_later: bool = False, reference: Handoff | None = None) -> None:
        """`long_lists_later`: the first reference load leaves out the requesters and the CIs, which follow once
        the queue's first page is painted (app.people.reference.reference_data); the app's start passes True.
        `reference`: the first reference read, started by the caller (app.main.build_window); None: read here."""
        super().__init__(parent)
        self.ctx = ctx
        self.theme = theme
        self.profile = profile
        self._crash_dialog: CrashDialog | None = None
        if profile == "default":
            self.setWindowTitle(self.tr("Deskside — {0}").format(ctx.runner.db.path.name))
        else:
            self.setWindowTitle(self.tr("Deskside — {0} — profile {1}").format(ctx.runner.db.path.name, profile))
        self.setObjectName("MainWindow")
        self.resize(1400, 900)
        self.setMinimumSize(900, 560)
        self._first_page_seen = False
        self._importing_ahead = False  # the modules imported after the warm-up are under way
        self._opening: QWidget | None = None  # a tab being opened (open_tab): its switch holds no paint
        self._current_tab: QWidget | None = None  # the tab shown: held from painting once left if pinned
        # Ticket editors built ahead in idle time after the first painted page, and reused.
        self.editor_pool = EditorPool(ctx, self, self._wire_editor)
        self.tabs = PageTabs(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self._on_tabs_close_requested)
        self.queue = QueuePage(ctx, self)
        self._pin(self.tabs.addTab(self.queue, self.tr("Queue")))
        self.pages: dict[str, PageSlot] = {}
        for spec in page_specs():
            slot = PageSlot(spec, self)
            self._pin(self.tabs.addTab(slot, page_tr(spec.title)))
            self.pages[spec.key] = slot
        self.pinned = self.tabs.count()  # the queue and the pages; ticket tabs come after
        self.history = TabHistory(self.tabs, self.queue)
        # Ticket tabs beyond the last few shown rest, their editors back in the pool (memory).
        self.tab_rest = TabRest(self.tabs, self.editor_pool, self.history, self._update_actions, self)
        self.bulk_edit = BulkEditController(ctx, self.queue.selected_row_ids, self)
        self.bulk_edit.summary_loaded.connect(self._on_bulk_edit_summary_loaded)
        self.bulk_edit.undo_changed.connect(self._update_actions)
        self.setCentralWidget(self.tabs)
        self.actions_by_id = build_actions(self)
        self._build_menus()
        self._build_page_actions()
        self.queue.view.addActions([self.actions_by_id[k] for k in ("queue.open", "bulk.assign", "bulk.state",
                                                                      "bulk.priority")])  # its context menu
        self.macros = MacroController(ctx, self)  # macros: actions, menus, queue context menu (issue 13)
        self.problem_actions = QueueProblemActions(ctx, self)  # Link to problem…, Create problem from…
        self._build_status_bar()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._current_tab = self.tabs.currentWidget()
        self.queue.open_ticket_requested.connect(self.open_ticket)
        self.queue.selection_changed.connect(lambda _n: self._update_actions())
        self.queue.first_page_shown.connect(self._on_queue_first_page_shown)
        ctx.events.open_ticket_requested.connect(self.open_ticket)
        ctx.events.open_change_requested.connect(self.open_change)
        ctx.events.open_problem_requested.connect(self._on_events_open_problem_requested)
        ctx.events.open_ci_requested.connect(self._on_open_ci_requested)
        ctx.events.open_article_requested.connect(self.open_article)
        ctx.events.status_message.connect(self.show_message)
        ctx.events.queue_filter_requested.connect(self.show_queue_filter)
        ctx.runner.task_failed.connect(self._on_runner_task_failed)
        ctx.runner.busy_changed.connect(self._on_runner_busy_changed)
        if theme is not None:
            theme.theme_changed.connect(self._on_theme_theme_changed)
        self._restore_layout()
        self._update_actions()
        if reference is None:
            self.load_reference(long_lists=not long_lists_later)
        else:
            reference.take(self, self.set_reference)
        if long_lists_later:
            AfterFirstPage(self.queue, self.load_reference, self)

    # ---- building --------------------------------------------------------------------------------
    def _pin(self, index: int) -> None:
        """No close button on the tab at `index`, but a stand-in as tall as one: the tab bar keeps its height when the
        first ticket tab (with its button) opens or the last one closes. It grew by 3 px then, and every page of
        the window was resized and laid out again on each ticket opened."""
        bar = self.tabs.tabBar()
        stand_in = QWidget(bar)
        stand_in.setFixedSize(0, bar.style().pixelMetric(QStyle.PixelMetric.PM_TabCloseIndicatorHeight, None, bar))
        bar.setTabButton(index, QTabBar.ButtonPosition.RightSide, stand_in)

    def _build_menus(self) -> None:
        menus = {key: self.menuBar().addMenu(tr(text)) for key, text in MENUS}
        for spec in ACTIONS:
            menus[spec.menu].addAction(self.actions_by_id[spec.id])
            if spec.id in ("tab.close", "app.sla_policies", "queue.search", "view.save"):
                menus[spec.menu].addSeparator()

    def _build_page_actions(self) -> None:
        view_menu = next(a.menu() for a in self.menuBar().actions() if a.menu() is not None
                         and self.actions_by_id["view.queue"] in a.menu().actions())
        before = self.actions_by_id["view.save"]
        for spec in page_specs():
            act = QAction(self.tr("Go to {0}").format(page_tr(spec.title).lower()), self)
            act.setObjectName("view." + spec.key)
            act.setShortcut(QKeySequence(spec.shortcut))
            act.triggered.connect(lambda _checked=False, key=spec.key: self.go_to_page(key))
            self.addAction(act)
            view_menu.insertAction(before, act)
            self.actions_by_id[act.objectName()] = act

    def _on_open_ci_requested(self, ci_id: str) -> None:
        """A CI named elsewhere (the incident hint, a change's impact): the CMDB page shows what it touches."""
        activate = getattr(self.show_page("cmdb"), "activate", None)
        if activate is not None:
            activate("impact:" + ci_id)

    def go_to_page(self, key: str) -> None:
        """What choosing a page's tab does (its menu action): the tab comes to the front now, and a page never shown
        before is built on the next turns (PageSlot.build_soon)."""
        if key == "queue":
            self.show_queue()
        else:
            self.tabs.setCurrentWidget(self.pages[key])

    def show_page(self, key: str) -> QWidget:
        """Bring a pinned page to the front, built now if it was not (a caller about to use it), and return it."""
        if key == "queue":
            self.show_queue()
            return self.queue
        slot = self.pages[key]
        page = slot.ensure()
        self.tabs.setCurrentWidget(slot)
        return page

    def _on_events_open_problem_requested(self, ticket_id: str) -> None:
        page: Any = self.show_page("problems")  # a ProblemsPage: the pages are imported lazily
        page.open_problem(ticket_id)

    def open_change(self, change_id: str) -> None:
        """Open a change in its editor tab (the Changes page owns change editors; it is built, not shown, so
        closing the tab returns to the page the change was opened from)."""
        self.pages["changes"].ensure().open_change(change_id)

    def open_article(self, article_id: str) -> None:
        """Show a knowledge article on the Knowledge page (from the ticket editor's suggestions)."""
        getattr(self.show_page("knowledge"), "activate")("article:" + article_id)  # noqa: B009 (any page type)

    def _on_tabs_current_changed(self, index: int) -> None:
        slot = self.tabs.widget(index)
        # A page shown again repaints whole (10-16 ms on the 1M store): on a turn after this switch's (~2-5 ms),
        # laid out on one between. Pinned pages are held from the moment they are left (held once shown, the paint
        # their showing asked for was already due); a tab just opened holds its own paint (TicketEditor).
        left, self._current_tab = self._current_tab, slot
        if left is not None and left is not slot and self.is_pinned(left):
            hold_while_hidden(left)
        if slot is not None and slot is not self._opening:
            paint_shown_on_a_later_turn(slot, then=slot.painted_later() if isinstance(slot, PageSlot) else ())
        if isinstance(slot, PageSlot):
            slot.build_soon()
        self.tab_rest.shown(slot)
        self._update_actions()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(self)
        self.user_label.setObjectName("UserLabel")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)  # a person's name is never markup
        self.store_label = QLabel(self.ctx.runner.db.path.name, self)
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)
        self.store_label.setToolTip(str(self.ctx.runner.db.path))
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Working"))
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # shown or hidden, the status bar keeps its layout
        self.busy.setSizePolicy(policy)
        self.busy.hide()
        bar.addPermanentWidget(self.busy)
        # Shown only for work that lasts: most reads answer within a few milliseconds, and the bar flickered (with
        # a repaint of the status bar) several times for every ticket opened.
        self._busy_later = QTimer(self, singleShot=True, interval=BUSY_SHOWN_AFTER_MS)
        self._busy_later.timeout.connect(self.busy.show)
        if not self.ctx.has_fts:
            notice = QLabel(self.tr("Slow search: no full-text index"), self)
            notice.setObjectName("NoFtsNotice")
            notice.setToolTip(self.tr("This Python's SQLite was built without FTS5, so search scans every "
                                      "ticket and worklog instead of using an index. Results are the same; "
                                      "on a large desk they take longer."))
            bar.addPermanentWidget(notice)
        bar.addPermanentWidget(self.user_label)
        if self.profile != "default":
            self.profile_label = QLabel(self.tr("Profile: {0}").format(self.profile), self)
            self.profile_label.setTextFormat(Qt.TextFormat.PlainText)
            self.profile_label.setObjectName("ProfileLabel")
            bar.addPermanentWidget(self.profile_label)
        bar.addPermanentWidget(self.store_label)

    def _queue_splitter(self) -> QSplitter | None:
        return self.queue.findChild(QSplitter)

    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry, state, sizes = (settings.get(k) for k in ("window_geometry", "window_state", "queue_splitter"))
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode()))
        self._views_panel_width = sizes[0] if sizes else None

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # The views panel keeps its width and the table takes the rest; that needs the window's real
        # size, so it waits for the first show.
        splitter = self._queue_splitter()
        if self._views_panel_width is not None and splitter is not None:
            width = min(self._views_panel_width, max(0, splitter.width() - 200))
            splitter.setSizes([width, max(1, splitter.width() - width - splitter.handleWidth())])
        self._views_panel_width = None

    def save_layout(self) -> None:
        """Put geometry, window state and the queue's splitter into the settings (not yet saved to disk)."""
        settings = self.ctx.settings
        settings.set("window_geometry", bytes(self.saveGeometry().toBase64()).decode())
        settings.set("window_state", bytes(self.saveState().toBase64()).decode())
        splitter = self._queue_splitter()
        if splitter is not None:
            settings.set("queue_splitter", splitter.sizes())

    # ---- reference data ---------------------------------------------------------------------------
    def load_reference(self, *, long_lists: bool = True) -> None:
        # One slot: the newest load wins (a reload asked for while the start's short one is under way). With the
        # long lists (20,000 requesters on the demo store) it is a background read.
        self.ctx.runner.query(reference_service.reference_data, long_lists=long_lists, on_done=self.set_reference,
                              owner=self, slot=("reference", id(self)), label="reference data", background=long_lists)

    def set_reference(self, ref) -> None:
        """Use `ref` from now on (a reload, or a sign-in that changed who "me" is): pickers, the status
        bar's user, and the queue's "My ..." views and counts, which depend on who "me" is."""
        old = self.ctx.reference
        first = not old.me and not old.groups
        self.ctx.reference = ref
        self.user_label.setText(self.tr("Signed in locally as {0}").format(ref.me_name) if ref.me_name else "")
        self.ctx.events.reference_reloaded()
        if first:
            self.queue.load_views()
        elif ref.me != old.me:  # saved views are per user, and the counts and the shown rows may be "mine"
            self.queue.load_views()
            self.queue.model.refresh()
        self.editor_pool.reference_reloaded()
        self.reference_loaded.emit()

    def _on_queue_first_page_shown(self, _count: int) -> None:
        # Warm the editor's pickers only once the queue is on screen, so start-up does not wait.
        if not self._first_page_seen:
            self._first_page_seen = True
            AfterPaint(self.queue.view.viewport(), lambda: self.editor_pool.start_warm_up(
                lambda: getattr(self.queue.model.row_at(0), "id", None),  # a ticket to read ahead
                then=self._import_ahead), self)

    def _import_ahead(self) -> None:
        """Once warmed up, in idle time: the modules of the pages that import the most (IMPORTED_AHEAD), on a thread.
        pyqtgraph's import makes every PySide6 type of QtCore, QtGui and QtWidgets (~160 ms, some types 5-15 ms
        each with the interpreter lock held): imported when the Dashboard was first chosen, the GUI thread waited
        for the lock through it and that switch's longest gap was 26-74 ms (bench.page_switch)."""
        missing = [name for name in IMPORTED_AHEAD if name not in sys.modules]
        if missing:
            self._importing_ahead = True
            ImportsAhead(missing, self._on_imported_ahead, self)

    def _on_imported_ahead(self) -> None:
        # What the import made lives as long: out of the collector's full passes, as start-up's. Frozen once the
        # ImportsAhead and its thread are gone (deleted on a later turn), or they stayed counted as frozen.
        QTimer.singleShot(IMPORTED_FREEZE_MS, self, self._freeze_imported)

    def _freeze_imported(self) -> None:
        gc.freeze()
        self._importing_ahead = False

    @property
    def warmed_up(self) -> bool:
        """The idle-time warm-up after the first page (editor modules, pickers, a spare editor, the modules imported
        ahead) is done."""
        return self.editor_pool.warmed_up and not self._importing_ahead

    # ---- tickets ----------------------------------------------------------------------------------
    def open_ticket(self, ticket_id: str) -> None:
        index = self.tab_rest.find(ticket_id)  # its tab, with its editor or resting
        if index >= 0:
            self.tabs.setCurrentIndex(index)
            return
        editor = self.editor_pool.take()
        self.open_tab(editor, self.tr("Loading…"))
        editor.show_ticket(ticket_id)  # shown first: its read starts once it has painted (TicketEditor._load)
        self.ctx.runner.space_answers()  # ~5 ms of work: the ticket's answer (~5 ms to fill) waits for a later turn

    def _wire_editor(self, editor: TicketEditor) -> None:
        editor.title_changed.connect(lambda text, e=editor: self._set_tab_text(e, text))
        editor.dirty_changed.connect(lambda _d: self._update_actions())
        editor.loaded.connect(lambda e=editor: self.ticket_shown.emit(e.ticket_id))
        editor.ui.macro_button.macro_requested.connect(lambda macro_id: self.macros.apply(macro_id))
        # "Save" chosen in the close guard saves first; the tab closes once the save succeeded.
        editor.close_requested.connect(lambda e=editor: self._on_tabs_close_requested(self.tabs.indexOf(e)))

    def open_ticket_number(self, number: str) -> None:
        from app.tickets.queries import ticket_id_for_number  # not needed to paint the queue: loaded on use

        self.ctx.runner.query(ticket_id_for_number, number=number, on_done=self.open_ticket, owner=self,
                              on_error=lambda exc: self.show_error(self.tr("Open ticket"), str(exc)),
                              label="find ticket")

    def _set_tab_text(self, editor: QWidget, text: str) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0 and not self.is_pinned(editor):
            self.tabs.setTabText(index, text if len(text) <= 40 else text[:39] + "…")
            self.tabs.setTabToolTip(index, plain_tooltip(text))

    def current_editor(self) -> TicketEditor | None:
        w = self.tabs.currentWidget()
        return w if _is_editor(w) else None

    def editors(self) -> list[TicketEditor]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if _is_editor(w)]

    def is_pinned(self, widget: QWidget | None) -> bool:
        return widget is self.queue or isinstance(widget, PageSlot)

    def open_tab(self, widget: QWidget, title: str) -> None:
        """Show a closable tab (a ticket or change editor, ...) after the pinned pages and select it.
        A widget with `maybe_close() -> bool` is asked before its tab (or the window) closes; one that
        saves first emits `close_requested` once the save went through."""
        index = self.tabs.addTab(widget, title)
        self.tabs.setTabToolTip(index, plain_tooltip(title))
        self._opening = widget
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self._opening = None

    def _on_tabs_close_requested(self, index: int) -> None:
        w = self.tabs.widget(index)
        if w is None or self.is_pinned(w):
            return
        maybe_close = getattr(w, "maybe_close", None)
        if maybe_close is None or maybe_close():
            self.remove_tab(w)

    def remove_tab(self, widget: QWidget) -> None:
        """Take a closable tab away (already asked) and show the page the user was on before it."""
        if self.is_pinned(widget):
            return
        self.history.remove(widget)
        self.tab_rest.forget(widget)
        if _is_editor(widget) and self.editor_pool.give_back(widget):
            return
        widget.deleteLater()

    # ---- action handlers (names come from the actions table) --------------------------------------
    def new_ticket(self) -> None:
        from app.ui.ticket.new_ticket_dialog import NewTicketDialog

        dialog = NewTicketDialog(self.ctx, self)
        dialog.created.connect(self.open_ticket)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_current_ticket(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.save()

    def close_current_tab(self) -> None:
        index = self.tabs.currentIndex()
        if not self.is_pinned(self.tabs.widget(index)):
            self._on_tabs_close_requested(index)

    def focus_search(self) -> None:
        self.show_queue()
        self.queue.focus_search()

    def show_queue(self) -> None:
        self.tabs.setCurrentWidget(self.queue)
        self.queue.focus_table()

    def show_queue_filter(self, flt) -> None:
        """Show the queue filtered to exactly `flt` (a dashboard drill-down)."""
        self.queue.show_filter(flt)
        self.show_queue()

    def refresh(self) -> None:
        self.queue.refresh()
        for editor in self.editors():
            if not editor.has_unsaved_changes():
                editor.reload()

    def clear_filters(self) -> None:
        self.queue.filter_bar.clear()

    def save_view(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save view"), self.tr("Name of the view:"))
        if ok and name.strip():
            self.queue.save_current_view(name.strip())

    def open_selected(self) -> None:
        self.show_queue()
        row = self.queue.view.currentIndex().row()
        if row >= 0:
            self.queue.view.open_requested.emit(row)

    def show_palette(self) -> None:
        from app.ui.dialogs.command_palette import CommandPalette

        palette = CommandPalette(
            [(act, keys) for act, keys in self._all_actions() if act.objectName() != "app.palette"], self)
        palette.number_requested.connect(self.open_ticket_number)
        palette.finished.connect(palette.deleteLater)
        palette.open()

    def _all_actions(self) -> list[tuple[QAction, str]]:
        """Every window action with its key text: the table's, then those pages and sync added."""
        table = [(self.actions_by_id[s.id], shortcut_text(s)) for s in ACTIONS]
        known = {s.id for s in ACTIONS}
        native = QKeySequence.SequenceFormat.NativeText
        extra = [(act, act.shortcut().toString(native)) for key, act in self.actions_by_id.items()
                 if key not in known and act.text()]
        return table + extra

    def bulk_assign(self) -> None:
        self.bulk_edit.start("assign")

    def bulk_state(self) -> None:
        self.bulk_edit.start("state")

    def bulk_priority(self) -> None:
        self.bulk_edit.start("priority")

    def _on_bulk_edit_summary_loaded(self, kind: str, row_ids: list[int], summary) -> None:
        from app.ui.dialogs.bulk_dialog import BulkDialog

        dialog = BulkDialog(kind, summary, self.ctx.reference, self)
        dialog.accepted.connect(lambda: self.bulk_edit.apply(row_ids, dialog.changes(), dialog.windowTitle()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def undo(self) -> None:
        editor = self.current_editor()
        if editor is not None and self.focusWidget() is not None and editor.isAncestorOf(self.focusWidget()):
            return  # text fields handle their own undo
        self.bulk_edit.undo()

    # ---- status -----------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _on_runner_task_failed(self, message: str) -> None:
        self.show_message(message)
        # Window-modal but not a nested event loop: the sync and other work carry on behind it.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Deskside"), message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what the user typed
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_later.start()
        else:
            self._busy_later.stop()
            self.busy.hide()

    def _update_actions(self) -> None:
        has_selection = (bool(self.queue.view.selectionModel().hasSelection())
                         and self.tabs.currentWidget() is self.queue)
        has_editor = self.current_editor() is not None
        for spec in ACTIONS:
            act = self.actions_by_id[spec.id]
            if spec.enabled_when == "selection":
                act.setEnabled(has_selection)
            elif spec.enabled_when == "editor":
                act.setEnabled(has_editor)
            elif spec.enabled_when == "tab":
                act.setEnabled(not self.is_pinned(self.tabs.currentWidget()))
            elif spec.enabled_when == "undo":
                undo_label = self.bulk_edit.undo_label()
                act.setEnabled(undo_label is not None)
                act.setText(tr("&Undo {0}").format(undo_label) if undo_label is not None else tr(spec.text))

    # ---- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        closable = [w for w in (self.tabs.widget(i) for i in range(self.tabs.count()))
                    if not self.is_pinned(w) and hasattr(w, "maybe_close")]
        for editor in closable:
            self.tabs.setCurrentWidget(editor)
            if not editor.maybe_close():
                # If the user chose Save, the window closes once that save has gone through.
                if hasattr(editor, "close_requested"):
                    editor.close_requested.connect(self.close)
                event.ignore()
                return
        self.save_layout()
        try:
            self.ctx.settings.save()
        except OSError as exc:
            self.show_message(self.tr("Settings could not be saved: {0}").format(exc))
        event.accept()
