"""The pinned Changes page: the change queue with its filters, New change, and the editors it opens."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.changes.queue import ChangeQueue, ChangeSort
from app.ui.changes.editor import ChangeEditor
from app.ui.changes.filter_bar import ChangeFilterBar
from app.ui.changes.new_change_dialog import NewChangeDialog
from app.ui.changes.table_model import CHANGE_ID_ROLE, COLUMNS, ChangeTableModel
from app.ui.changes.windows_dialog import WindowsDialog
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.stale_refresher import StaleRefresher

REFRESH_DELAY_MS = 200  # one reload for a burst of change events


class ChangeTableView(PreparedTableView):
    """Fixed row heights; Enter opens the current change."""

    activated_row = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangeTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(False)  # sorting runs in SQL, from the header clicks
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ChangesPage(QWidget):
    """Lists changes; opens each in a ChangeEditor tab of `window` (the MainWindow)."""

    data_shown = Signal()  # the first rows are on screen

    def __init__(self, ctx: UiContext, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangesPage")
        self.ctx = ctx
        self.window_ = window
        self._editors: dict[str, ChangeEditor] = {}
        self._shown = False
        self._pending_number: str | None = None
        self._result: ChangeQueue | None = None
        self.new_button = QPushButton(self.tr("New change…"), self)
        self.new_button.setObjectName("NewChangeButton")
        self.new_button.setDefault(True)
        self.windows_button = QPushButton(self.tr("Windows && holidays…"), self)
        self.windows_button.setObjectName("WindowsButton")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("ChangeSummary")
        self.filters = ChangeFilterBar(self)
        self.model = ChangeTableModel(ctx, self)
        self.view = ChangeTableView(self)
        self.view.setModel(self.model)
        self.model.painted_in = self.view.viewport()
        self.empty = QLabel(self.tr("No changes match these filters."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.windows_button)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._size_columns()
        self.new_button.clicked.connect(self.new_change)
        self.windows_button.clicked.connect(self.manage_windows)
        self.filters.filter_changed.connect(self.model.set_query)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.model.conflicts_loaded.connect(self._show_summary)
        self.view.activated_row.connect(self._on_view_activated_row)
        self.view.horizontalHeader().sectionClicked.connect(self._on_header_section_clicked)
        # Windows and holidays move the conflicts shown; names come from the reference data.
        self.stale_rows = StaleRefresher(self, ctx.events, ("change", "schedule_window", "holiday", REFERENCE),
                                         self.model.refresh, delay_ms=REFRESH_DELAY_MS)
        self.view.horizontalHeader().setSortIndicator(
            next(i for i, c in enumerate(COLUMNS) if c[2] == self.model.sort_spec.key), Qt.SortOrder.AscendingOrder)
        self.model.set_query(self.filters.current_filter())

    def _size_columns(self) -> None:
        widths = {"number": 90, "title": 320, "type": 90, "state": 90, "risk": 80, "planned_start": 125,
                  "planned_end": 125, "cis": 170, "group": 110, "assignee": 130, "conflicts": 70}
        for i, (key, *_rest) in enumerate(COLUMNS):
            self.view.setColumnWidth(i, widths[key])
        # The title takes what the fixed columns leave, so Conflicts stays in sight without scrolling.
        title = next(i for i, c in enumerate(COLUMNS) if c[0] == "title")
        self.view.horizontalHeader().setSectionResizeMode(title, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(50)

    # ---- public --------------------------------------------------------------------------------
    def open_change(self, change_id: str) -> ChangeEditor:
        """Show the change's editor tab, opening it when it is not open yet."""
        editor = self._editors.get(change_id)
        if editor is None:
            editor = ChangeEditor(self.ctx, change_id)
            self._editors[change_id] = editor
            editor.destroyed.connect(lambda _obj=None, cid=change_id: self._editors.pop(cid, None))
            editor.title_changed.connect(lambda text, e=editor: self._set_tab_title(e, text))
            editor.close_requested.connect(lambda e=editor: self._close_editor(e))
            self.window_.open_tab(editor, editor.title_text())
        else:
            self.window_.tabs.setCurrentWidget(editor)
        return editor

    def activate(self, arg: str) -> None:
        """`--view changes:CHG000042` opens that change once the queue is loaded (data_shown waits for it)."""
        self._pending_number = (arg or "").strip().upper() or None

    def editor_for(self, change_id: str) -> ChangeEditor | None:
        return self._editors.get(change_id)

    def new_change(self) -> None:
        dialog = NewChangeDialog(self.ctx, self)
        dialog.created.connect(self._on_dialog_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def manage_windows(self) -> None:
        dialog = WindowsDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # ---- handlers ------------------------------------------------------------------------------
    def _set_tab_title(self, editor: ChangeEditor, text: str) -> None:
        tabs = self.window_.tabs
        index = tabs.indexOf(editor)
        if index >= 0:
            tabs.setTabText(index, text)
            tabs.setTabToolTip(index, plain_tooltip(text))

    def _close_editor(self, editor: ChangeEditor) -> None:
        """Close the tab of an editor whose 'Save and close' went through."""
        tabs = self.window_.tabs
        index = tabs.indexOf(editor)
        if index >= 0 and editor.maybe_close():
            self.window_.remove_tab(editor)

    def _on_dialog_created(self, change_id: str) -> None:
        self.open_change(change_id)

    def _on_view_activated_row(self, row: int) -> None:
        change_id = self.model.index(row, 0).data(CHANGE_ID_ROLE)
        if change_id:
            self.open_change(change_id)

    def _on_header_section_clicked(self, section: int) -> None:
        key = COLUMNS[section][2]
        current = self.model.sort_spec
        if key is None:  # restore the indicator: this column does not sort
            index = next(i for i, c in enumerate(COLUMNS) if c[2] == current.key)
            order = Qt.SortOrder.DescendingOrder if current.descending else Qt.SortOrder.AscendingOrder
            self.view.horizontalHeader().setSortIndicator(index, order)
            return
        descending = not current.descending if key == current.key else False
        self.view.horizontalHeader().setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.model.set_query(self.model.flt, ChangeSort(key, descending))

    def _on_model_loaded(self, result: ChangeQueue) -> None:
        self.error.hide()
        self._result = result
        self._show_summary()
        self.empty.setVisible(not result.rows)
        if not self.view.currentIndex().isValid() and result.rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
        if self._shown:
            return
        self._shown = True
        number, self._pending_number = self._pending_number, None
        row = next((r for r in result.rows if r.number == number), None) if number else None
        if row is None:
            QTimer.singleShot(0, self, self.data_shown.emit)
            return
        editor = self.open_change(row.id)
        editor.loaded.connect(self._on_first_editor_loaded)

    def _on_first_editor_loaded(self) -> None:
        self.sender().loaded.disconnect(self._on_first_editor_loaded)
        QTimer.singleShot(0, self, self.data_shown.emit)

    def _show_summary(self) -> None:
        result = self._result
        if result is None:
            return
        counts = dict(result.state_counts)
        text = self.tr("{0} changes").format(result.total)
        if counts.get("scheduled"):
            text += " · " + self.tr("{0} scheduled").format(counts["scheduled"])
        conflicted = self.model.conflicted_rows()
        if conflicted is None:
            text += " · " + self.tr("checking conflicts…")
        elif conflicted:
            text += " · " + self.tr("{0} with conflicts").format(conflicted)
        if result.total > len(result.rows):
            text += " · " + self.tr("first {0} shown").format(len(result.rows))
        self.summary.setText(text)

    def _on_model_load_failed(self, message: str) -> None:
        self.error.setText(self.tr("The changes could not be loaded: {0}").format(message))
        self.error.show()
        if not self._shown:  # what is on screen (the message) is what there is to show
            self._shown = True
            QTimer.singleShot(0, self, self.data_shown.emit)

    def current_change_id(self) -> str | None:
        index: QModelIndex = self.view.currentIndex()
        return index.data(CHANGE_ID_ROLE) if index.isValid() else None
