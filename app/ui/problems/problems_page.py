"""The pinned Problems page: Problems, Known errors (the KEDB) and Major incidents, each searchable, with
the problem editor beside the list."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.problems import queries as problem_queries
from app.problems.records import ProblemRow
from app.tickets import ops as ticket_ops
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.problems.editor import ProblemEditor
from app.ui.problems.table_model import COLUMNS, ID_ROLE, ProblemTableModel
from app.ui.tasks import describe_error
from app.ui.widgets.after_paint import paint_on_a_later_turn
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.stale_refresher import StaleRefresher

# (key, tab title); the titles are translated by the page (self.tr), the markers let lupdate collect them.
VIEWS = (("problems", QT_TRANSLATE_NOOP("ProblemsPage", "Problems")),
         ("known_errors", QT_TRANSLATE_NOOP("ProblemsPage", "Known errors")),
         ("majors", QT_TRANSLATE_NOOP("ProblemsPage", "Major incidents")))
SEARCH_DELAY_MS = 250


class ProblemsPage(QWidget, BuiltInSteps):
    """Lists one view's rows (newest change first, open ones only when asked) and edits the current one."""

    data_shown = Signal()  # the list (and a problem asked for by --view problem:NUMBER) is on screen

    def __init__(self, ctx: UiContext, window, parent: QWidget | None = None, *, later: bool = False) -> None:
        """`later`: only the list now; the rest one part per `build_step()` (app.ui.page_slot)."""
        super().__init__(parent)
        self.setObjectName("ProblemsPage")
        self.ctx = ctx
        self.window_ = window
        self.view_key = "problems"
        self._shown = False
        self._pending: str | None = None  # a number to show once the list is there
        self._wanted_id: str | None = None
        self._emit_on_rows = False
        self.view_bar = QTabBar(self)
        self.view_bar.setObjectName("ProblemViews")
        for _key, title in VIEWS:
            self.view_bar.addTab(self.tr(str(title)))
        self.search = QLineEdit(self)
        self.search.setObjectName("ProblemSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search number, title, workaround, root cause…"))
        self.open_only = QCheckBox(self.tr("Open only"), self)
        self.new_button = QPushButton(self.tr("New problem…"), self)
        self.new_button.setObjectName("NewProblemButton")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error = InlineError(self)
        self.model = ProblemTableModel(self)
        self.table = PreparedTableView(self)
        self.table.setObjectName("ProblemTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for i, width in enumerate((92, 220, 125, 55, 130, 100, 105, 125)):
            self.table.setColumnWidth(i, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self._show_columns()
        self.placeholder = QLabel(self.tr("Select a problem to see its analysis, workaround and incidents."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.placeholder)
        self._steps = self._parts(ctx)
        if not later:
            self.build_rest()

    def _parts(self, ctx: UiContext) -> Iterator[None]:
        """The page after its list, in parts (the editor, then its incident tabs: whole, ~10 ms of the GUI thread);
        its first read last."""
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.error)
        left_column.addWidget(self.table, 1)
        split.addWidget(left)
        split.addWidget(self.right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([640, 640])
        top = QHBoxLayout()
        top.addWidget(self.view_bar)
        top.addWidget(self.search, 1)
        top.addWidget(self.open_only)
        top.addWidget(self.new_button)
        top.addWidget(self.summary)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(split, 1)
        yield
        self.editor = ProblemEditor(ctx, self, tabs_later=True)
        self.right.addWidget(self.editor)
        yield
        self.editor.build_tabs()
        yield
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.view_bar.currentChanged.connect(self._on_view_bar_current_changed)
        self.new_button.clicked.connect(self.new_problem)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(lambda idx: self._open_ticket(idx.data(ID_ROLE)))
        self.editor.open_ticket_requested.connect(self._open_ticket)
        self.editor.loaded.connect(self._on_editor_loaded)
        self.stale = StaleRefresher(self, ctx.events, ("ticket", REFERENCE), self.refresh)
        self.refresh()

    # ---- public ----------------------------------------------------------------------------------
    def painted_later(self) -> list[QWidget]:
        """The problem's record beside the list, painted a turn after it when the page is shown (app.ui.page_slot),
        and its incident tabs on the turn after that."""
        editor = getattr(self, "editor", None)  # built in parts: absent until its part is built
        return [editor, editor.tabs] if editor is not None else []

    def activate(self, arg: str) -> None:
        """`problem:PRB0000012` shows that problem (or major incident); `known_errors`, `majors` a view."""
        arg = (arg or "").strip()
        keys = [k for k, _ in VIEWS]
        if arg in keys:
            self.view_bar.setCurrentIndex(keys.index(arg))
        elif arg.startswith("problem:"):
            self._pending = arg.split(":", 1)[1].strip().upper() or None
            if self._pending:
                self.ctx.runner.query(problem_queries.problem_id_for_number, number=self._pending, owner=self,
                                      label="find problem", on_done=self.open_problem,
                                      on_error=self._on_pending_failed)

    def open_problem(self, ticket_id: str) -> None:
        """Show a problem or major incident in the editor (switching to the view that lists it)."""
        self._wanted_id = ticket_id
        self._show_in_editor(ticket_id)

    def _show_in_editor(self, ticket_id: str) -> None:
        self.right.setCurrentWidget(self.editor)
        self.editor.show_ticket(ticket_id)

    def refresh(self) -> None:
        self.ctx.runner.query(problem_queries.problem_list, view=self.view_key, text=self.search.text(),
                              open_only=self.open_only.isChecked(), slot=("problems", id(self)),
                              on_done=self._on_rows, on_error=self._on_rows_failed, owner=self, label="problems")

    def new_problem(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("New problem"), self.tr("Problem statement (title):"))
        if not ok or not title.strip():
            return
        self.ctx.runner.op(ticket_ops.create, ticket_type="problem", title=title, fields={}, actor_id=self.ctx.me,
                           matrix=self.ctx.matrix, on_done=lambda created: self.open_problem(created.id),
                           on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                           label="new problem")

    # ---- handlers -----------------------------------------------------------------------------------
    def _on_view_bar_current_changed(self, index: int) -> None:
        self.view_key = VIEWS[index][0]
        self._show_columns()
        self.refresh()

    def _show_columns(self) -> None:
        """Each view shows what it is read for (the editor names every affected CI)."""
        shown = {"problems": ("number", "title", "state", "priority", "linked"),
                 "known_errors": ("number", "title", "state", "service", "since"),
                 "majors": ("number", "title", "state", "priority", "service", "linked")}[self.view_key]
        for i, (key, _header) in enumerate(COLUMNS):
            self.table.setColumnHidden(i, key not in shown)

    def _on_rows(self, rows: tuple[ProblemRow, ...]) -> None:
        # The rows and the first one chosen (~8 ms), and their paint (~10 ms), apart; the record a turn after the list.
        paint_on_a_later_turn(self, then=self.painted_later())
        self.error.clear_message()
        current = self.editor.ticket_id
        self.model.set_rows(rows)
        labels = {"problems": self.tr("%Ln problem(s)", "", len(rows)),
                  "known_errors": self.tr("%Ln known error(s)", "", len(rows)),
                  "majors": self.tr("%Ln major incident(s)", "", len(rows))}
        text = labels[self.view_key]
        if len(rows) >= problem_queries.LIST_LIMIT:  # the list is capped: say so, and how to narrow it
            text = self.tr("newest {0} shown: search or Open only to narrow").format(len(rows))
        self.summary.setText(text)
        keep = self._wanted_id or current
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows and self._pending is None and self._wanted_id is None:
            row = 0  # the view changed, or a search left the shown one out: show the first
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if self._emit_on_rows or (not self._shown and self._pending is None
                                  and (row < 0 or self.editor.detail is not None)):
            self._emit_on_rows = False
            self._emit_shown()

    def _on_rows_failed(self, exc: Exception) -> None:
        self.error.show_message(self.tr("The list could not be loaded: {0}").format(exc))
        if not self._shown:
            self._emit_shown()

    def _on_pending_failed(self, exc: Exception) -> None:
        self._pending = None
        self.error.show_message(describe_error(exc))
        if not self._shown:
            self._emit_shown()

    def _on_table_current_row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row())
        if row is not None and row.id != self.editor.ticket_id:
            self._wanted_id = None  # the user's choice in the list
            self._show_in_editor(row.id)

    def _on_editor_loaded(self) -> None:
        d = self.editor.detail
        if d is not None and d.id == self._wanted_id and self._pending is None:
            wanted = "majors" if d.is_major else "problems"
            if (self.view_key == "majors") != d.is_major:  # opened from elsewhere: list it where it belongs
                self.view_bar.setCurrentIndex([k for k, _ in VIEWS].index(wanted))
        if d is not None and self._pending is not None and d.number == self._pending:
            self._pending = None
            wanted = "majors" if d.is_major else "problems"
            if self.view_key != wanted:
                self.view_bar.setCurrentIndex([k for k, _ in VIEWS].index(wanted))
            else:
                self.refresh()
            self._emit_on_rows = True  # once the list around it is there
            return
        if not self._shown and self._pending is None:
            self._emit_shown()

    def _emit_shown(self) -> None:
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self, self.data_shown.emit)

    def _open_ticket(self, ticket_id: str | None) -> None:
        if ticket_id:
            self.ctx.events.open_ticket_requested.emit(ticket_id)
