"""One list of the Reference data page: rows on the left, the chosen row's form on the right, New, Save, Retire."""
# The lists are short, so a section reads its whole list (one named query) and filters it in memory as the user
# types. Subclasses say what the list is (entity, headings, cells), build the form, and name the operations.

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.people import reference_queries
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.list_table import configure_list_table, record_heading
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.stale_refresher import StaleRefresher
from app.ui.widgets.text_table_model import TextTableModel


class RecordSection(QWidget):
    """Reads through `load` on the runner, writes through the subclass's operations; refreshes when the change
    feed names its entities (its own saves, a sync pull), keeping the selection. GUI thread only."""

    data_shown = Signal()  # the first rows are on screen
    record_shown = Signal(str)  # the form shows this row ("" for a new one)
    saved = Signal(str)  # a create or an edit committed (the row's id)
    exported = Signal(int)  # rows written by Export CSV…

    entity = ""  # the feed's entity (and the usage query's)
    watched: tuple[str, ...] = ()  # more feed entities that change this list
    widths: tuple[int, ...] = ()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: tuple = ()
        self._shown: list = []
        self._selected: str | None = None
        self._before_new: str | None = None
        self._new = False
        self._saving = False
        self._loaded_once = False
        self._build()
        self._stale = StaleRefresher(self, ctx.events, (self.entity, *self.watched), self.refresh)
        self._show(None)
        self.refresh()

    # ----- for subclasses

    # The named query that reads the whole list (a module function: it runs on a read connection, not here).
    list_query: Callable[..., tuple] = staticmethod(lambda session: ())

    def headings(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cells(self, row) -> tuple[str, ...]:
        raise NotImplementedError

    def matches(self, row, text: str) -> bool:
        return text in " ".join(self.cells(row)).lower()

    def build_form(self, form: QFormLayout) -> None:
        raise NotImplementedError

    def fill_form(self, row) -> None:
        """Show `row` in the inputs (None: empty, for a new row)."""
        raise NotImplementedError

    def form_values(self) -> dict[str, Any]:
        """The inputs as operation values (the same keys whatever changed)."""
        raise NotImplementedError

    def row_values(self, row) -> dict[str, Any]:
        """`row` as form_values would give it unchanged."""
        raise NotImplementedError

    def create_call(self) -> tuple[Callable[..., str], dict[str, Any]]:
        raise NotImplementedError

    def update_call(self, row_id: str, changes: dict[str, Any]) -> tuple[Callable[..., str], dict[str, Any]]:
        raise NotImplementedError

    def export(self, path: str) -> tuple[Callable[..., int], dict[str, Any]]:
        raise NotImplementedError

    def usage_text(self, row, usage: reference_queries.Usage) -> str:
        return ""

    def new_label(self) -> str:
        return self.tr("&New")

    def row_name(self, row) -> str:
        return row.name

    # ----- building

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self._fill_table())
        self.show_retired = QCheckBox(self.tr("Show retired"), self)
        self.show_retired.toggled.connect(lambda _on: self._fill_table())
        self.new_button = QPushButton(self.new_label(), self)
        self.new_button.clicked.connect(self.new_record)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_retired)
        bar.addWidget(self.new_button)

        self.model = TextTableModel(self.headings(), self)
        self.table = PreparedTableView(self)
        self.table.setModel(self.model)
        configure_list_table(self.table)
        for column, width in enumerate(self.widths):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.below = QHBoxLayout()
        self.below.addWidget(self.count, 1)
        self.export_button = QPushButton(self.tr("E&xport CSV…"), self)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.below.addWidget(self.export_button)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(bar)
        left_column.addWidget(self.table, 1)
        left_column.addLayout(self.below)

        self.heading = record_heading(self)
        self.form_box = QWidget(self)
        self.form = QFormLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.build_form(self.form)
        self.info = QLabel(self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.error = InlineError(self)
        self.retire_button = QPushButton(self.tr("Re&tire"), self)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retire_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        right.setMinimumWidth(360)
        self.right_column = QVBoxLayout(right)
        self.right_column.addWidget(self.heading)
        self.right_column.addWidget(self.form_box)
        self.right_column.addWidget(self.info)
        self.right_column.addWidget(self.error)
        self.right_column.addLayout(buttons)
        self.right_column.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([760, 440])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter, 1)

    # ----- the list

    def refresh(self) -> None:
        self._ctx.runner.query(type(self).list_query, slot=(f"reference-{self.entity}", id(self)),
                               on_done=self._on_loaded, on_error=lambda exc: self.error.show_message(
                                   describe_error(exc)), owner=self, label=f"list {self.entity}")

    def _on_loaded(self, rows: tuple) -> None:
        self._rows = rows
        self._fill_table()
        if self._selected is not None and not self._new:
            row = self.row_by_id(self._selected)
            if row is not None and not self.changes():
                self.fill_form(row)
                self._describe(row)
        if not self._loaded_once:
            self._loaded_once = True
            if self._selected is None and not self._new and self._shown:
                self.table.selectRow(0)
            QTimer.singleShot(0, self, self.data_shown.emit)

    def row_by_id(self, row_id: str | None):
        return next((r for r in self._rows if r.id == row_id), None)

    def rows(self) -> tuple:
        return self._rows

    def _fill_table(self) -> None:
        text = self.search.text().strip().lower()
        retired = self.show_retired.isChecked()
        self._shown = [r for r in self._rows if (retired or r.active or r.id == self._selected)
                       and (not text or self.matches(r, text))]
        self.model.set_cells([self.cells(r) for r in self._shown])
        active = sum(1 for r in self._rows if r.active)
        self.count.setText(self.tr("{0} shown, {1} in use, {2} retired").format(
            len(self._shown), active, len(self._rows) - active))
        self._reselect()

    def _reselect(self) -> None:
        index = next((i for i, r in enumerate(self._shown) if r.id == self._selected), -1)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if index >= 0:
            selection.setCurrentIndex(self.model.index(index, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _on_table_current_changed(self, current, _previous) -> None:
        if not 0 <= current.row() < len(self._shown):
            return
        row = self._shown[current.row()]
        if row.id == self._selected and not self._new:
            return
        if self.changes():
            self.error.show_message(self.tr("Save or revert your changes first."))
            self._reselect()
            return
        self.open_record(row.id)

    # ----- the record

    def open_record(self, row_id: str) -> None:
        self._show(self.row_by_id(row_id))

    def new_record(self) -> None:
        if self.changes():
            self.error.show_message(self.tr("Save or revert your changes first."))
            return
        self._new = True
        self._before_new = self._selected  # Revert goes back to it
        self._selected = None
        self._reselect()
        self.error.clear_message()
        self.fill_form(None)
        self.form_box.setEnabled(True)
        self.heading.setText(self.new_label().replace("&", ""))
        self.info.setText("")
        self._update_buttons()
        self.record_shown.emit("")

    def _show(self, row) -> None:
        self._new = False
        self.error.clear_message()
        self._selected = row.id if row is not None else None
        self.fill_form(row)
        self.form_box.setEnabled(row is not None)
        if row is None:
            self.heading.setText(self.tr("Nothing selected"))
            self.info.setText(self.tr("Choose a row in the list, or add one with the New button."))
        else:
            self._describe(row)
        self._update_buttons()
        self.record_shown.emit(row.id if row is not None else "")

    def _describe(self, row) -> None:
        self.heading.setText(self.row_name(row) + ("" if row.active else self.tr(" (retired)")))
        self.retire_button.setText(self.tr("Re&tire") if row.active else self.tr("Bring &back"))
        self._ctx.runner.query(reference_queries.usage, entity=self.entity, row_id=row.id,
                               slot=(f"reference-usage-{self.entity}", id(self)),
                               on_done=lambda usage: self._on_usage(row.id, usage), owner=self, label="usage")

    def _on_usage(self, row_id: str, usage: reference_queries.Usage) -> None:
        row = self.row_by_id(row_id)
        if row is not None and row_id == self._selected:
            self.info.setText(self.usage_text(row, usage))

    def changes(self) -> dict[str, Any]:
        if self._new:
            return {k: v for k, v in self.form_values().items() if v not in (None, "")}
        row = self.row_by_id(self._selected)
        if row is None:
            return {}
        before = self.row_values(row)
        return {k: v for k, v in self.form_values().items() if before.get(k) != v}

    def _update_buttons(self, *_args) -> None:
        dirty = bool(self.changes())
        self.save_button.setEnabled(not self._saving and (self._new or dirty))
        self.revert_button.setEnabled(not self._saving and (self._new or dirty))
        self.retire_button.setEnabled(not self._saving and not self._new and self._selected is not None)

    def _on_revert_clicked(self) -> None:
        row_id = self._before_new if self._new else self._selected
        self._show(self.row_by_id(row_id))
        self._reselect()

    def save(self) -> None:
        if self._saving or not (self._new or self.changes()):
            return
        self.error.clear_message()
        fn, kwargs = self.create_call() if self._new else self.update_call(self._selected or "", self.changes())
        self._run(fn, kwargs, "save")

    def _on_retire_clicked(self) -> None:
        row = self.row_by_id(self._selected)
        if row is None or self._saving:
            return
        if self.changes():
            self.error.show_message(self.tr("Save or revert your changes first."))
            return
        fn, kwargs = self.update_call(row.id, {"active": not row.active})
        self._run(fn, kwargs, "retire")

    def _run(self, fn: Callable[..., str], kwargs: dict[str, Any], label: str) -> None:
        self._saving = True
        self._update_buttons()
        self._ctx.runner.op(fn, actor_id=self._ctx.me, on_done=self._on_saved, on_error=self._on_save_failed,
                            owner=self, label=f"{label} {self.entity}", **kwargs)

    def _on_saved(self, row_id: str) -> None:
        self._saving = False
        self._new = False
        self._selected = row_id
        self._ctx.events.status_message.emit(self.tr("Saved"))
        self.saved.emit(row_id)
        self._ctx.runner.query(type(self).list_query, slot=(f"reference-{self.entity}", id(self)),
                               on_done=self._on_saved_loaded, owner=self, label=f"list {self.entity}")

    def _on_saved_loaded(self, rows: tuple) -> None:
        self._rows = rows
        self._fill_table()
        self._show(self.row_by_id(self._selected))

    def _on_save_failed(self, exc: Exception) -> None:
        self._saving = False
        self._update_buttons()
        self.error.show_message(describe_error(exc))  # the inputs keep what the user typed

    # ----- CSV

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), f"{self.entity}s.csv".replace("ys.", "ies."),
                                              self.tr("CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        fn, kwargs = self.export(path)
        self._ctx.runner.query(fn, path=path, on_done=lambda n: self._on_exported(path, n),
                               on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                               label=f"export {self.entity}", **kwargs)

    def _on_exported(self, path: str, count: int) -> None:
        self._ctx.events.status_message.emit(self.tr("{0} rows exported to {1}").format(count, path))
        self.exported.emit(count)
