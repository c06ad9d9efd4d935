"""The CMDB page (`--view cmdb`, `ci:NAME`, `ci-map:NAME`): the CI list with filters and search, a CI's record,
its relation map and what an outage of it touches."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.cmdb import ops as cmdb_ops
from app.cmdb import queries as cmdb_queries
from app.cmdb import transfer
from app.cmdb.records import CiClassInfo, CiDetail
from app.ui.cmdb.ci_detail_pane import IMPACT, MAP, CiDetailPane
from app.ui.cmdb.ci_dialogs import CiDialog, RelationDialog
from app.ui.cmdb.ci_table_model import COLUMNS, CiTableModel
from app.ui.cmdb.class_dialog import ClassDialog
from app.ui.cmdb.csv_dialog import CiImportDialog
from app.ui.cmdb.filter_bar import CiFilterBar
from app.ui.cmdb.row_menu import ci_row_menu
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.stale_refresher import StaleRefresher

# What the page shows moves when these change: CIs and relations, classes, and tickets and changes (the open
# incident counts, the timeline, the impact).
ENTITIES = ("configuration_item", "ci_relation", "ci_class", "ticket", "change")


class CmdbPage(QWidget, BuiltInSteps):
    """Reads through `app.cmdb.queries` and writes through `app.cmdb.ops` on the runner; refreshes when the
    change feed names CIs, relations, classes, tickets or changes, keeping the selection. GUI thread only."""

    data_shown = Signal()  # the asked view (list, a CI, a CI's map) is on screen
    ci_shown = Signal(str)  # the record of this CI is on screen
    dialog_opened = Signal(object)  # a CiDialog, RelationDialog, ClassDialog, CiImportDialog or question
    exported = Signal(int)  # CIs written by Export CSV…

    def __init__(self, ctx: UiContext, window=None, parent: QWidget | None = None, *, later: bool = False) -> None:
        """`later`: the list now; the CI's pane (~8 ms of the GUI thread) and the first reads at `build_step()`."""
        super().__init__(parent)
        self._ctx = ctx
        self._selected: str | None = None
        self._classes: tuple[CiClassInfo, ...] = ()
        self._wanted: tuple[str, str] | None = None  # ("ci" | "map", CI id) until it is on screen
        self._shown = False
        # With nothing selected, a list read picks its first row, until a CI is asked for (activate): the
        # message that one could not be found stays on screen, whichever of the two reads answers first.
        self._pick_first = True
        self._steps = self._parts()
        next(self._steps)  # the list
        if not later:
            self.build_rest()

    # ----- building

    def _parts(self) -> Iterator[None]:
        self.filters = CiFilterBar(self)
        self.filters.changed.connect(self._on_filter_changed)
        self.search, self.ci_class = self.filters.search, self.filters.ci_class
        self.status, self.service = self.filters.status, self.filters.service
        self.new_button = QPushButton(self.tr("&New CI…"), self)
        self.new_button.clicked.connect(self.new_ci)
        self.classes_button = QPushButton(self.tr("C&lasses…"), self)
        self.classes_button.setToolTip(self.tr("The CI classes and their attributes; add a class of your own"))
        self.classes_button.clicked.connect(self.show_classes)
        bar = QHBoxLayout()
        bar.addWidget(self.filters, 1)
        bar.addWidget(self.classes_button)
        bar.addWidget(self.new_button)

        self.model = CiTableModel(self._ctx, self)
        self.table = PreparedTableView(self)
        self.table.setObjectName("CiTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The indicator first: enabled with the header's own (descending), sorting asked the model for a list by name
        # descending, and the indicator set after it for one ascending: two reads of every CI id, stopped by the third.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((180, 110, 80, 120, 140, 130, 100, 60)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.table, 1)
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.import_button.setToolTip(self.tr("Add and update CIs (and their relations) from a CSV file, after a "
                                              "preview"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button = QPushButton(self.tr("E&xport CSV…"), self)
        self.export_button.setToolTip(self.tr("Save the CIs the filters select as a CSV file"))
        self.export_button.clicked.connect(self._on_export_clicked)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        below.addWidget(self.import_button)
        below.addWidget(self.export_button)
        left_column.addLayout(below)
        yield

        self.detail = CiDetailPane(self._ctx, self)
        self.detail.ci_requested.connect(self.open_ci)
        self.detail.edit_requested.connect(self.edit_ci)
        self.detail.retire_requested.connect(self.retire_ci)
        self.detail.add_relation_requested.connect(self.add_relation)
        self.detail.remove_relation_requested.connect(self.remove_relation)
        self.detail.map.map_shown.connect(lambda ci_id: self._on_tab_shown("map", ci_id))
        self.detail.impact.impact_shown.connect(lambda ci_id: self._on_tab_shown("impact", ci_id))
        self.error = InlineError(self)
        self.detail.failed.connect(self.error.show_message)
        right = QWidget(self)
        right.setMinimumWidth(420)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(6, 0, 0, 0)
        right_column.addWidget(self.detail, 1)
        right_column.addWidget(self.error)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        yield
        self._stale = StaleRefresher(self, self._ctx.events, ENTITIES, self.refresh)
        self.model.ids_loaded.connect(self._on_model_ids_loaded)
        self.model.load_failed.connect(self.error.show_message)
        self._load_choices()
        self.model.refresh()

    def _load_choices(self) -> None:
        self._ctx.runner.query(cmdb_queries.ci_classes, on_done=self._on_classes_loaded, owner=self,
                               label="CI classes")
        self._ctx.runner.query(cmdb_queries.services_with_cis, on_done=self.filters.set_services, owner=self,
                               label="CI services")

    def _on_classes_loaded(self, classes: tuple[CiClassInfo, ...]) -> None:
        self._classes = classes
        self.filters.set_classes(classes)

    # ----- the list

    def _on_filter_changed(self) -> None:
        self.model.set_filter(self.filters.current_filter())

    def refresh(self) -> None:
        """Read the list, the filter choices and the shown CI again (the change feed calls it)."""
        self._load_choices()
        self.model.refresh()
        if self._selected:
            self._read_detail(self._selected)  # the record, and the Impact or Map tab shown, read again

    def _on_model_ids_loaded(self, count: int) -> None:
        self.count.setText(self.tr("%n CI(s)", "", count))
        row = self.model.row_of(self._selected)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self._scroll_to(row)
        else:
            selection.clearSelection()
        selection.blockSignals(False)
        if self._pick_first and self._selected is None and self._wanted is None and count:
            self.table.selectRow(0)  # a record beside the list from the start
        elif not count and self._wanted is None:
            self._announce()

    def _on_header_sort_indicator_changed(self, column: int, _order) -> None:
        if COLUMNS[column][1] is None:  # a column SQL does not sort by: the indicator goes back to the sort in use
            header = self.table.horizontalHeader()
            sorted_by = next(i for i, c in enumerate(COLUMNS) if c[1] == self.model.sort_key)
            header.blockSignals(True)
            header.setSortIndicator(sorted_by, Qt.SortOrder.DescendingOrder if self.model.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def row_menu(self, ci_id: str) -> QMenu:
        """A CI row's actions (open, impact, map, edit, retire)."""
        return ci_row_menu(self, ci_id)

    def _on_table_context_menu_requested(self, pos) -> None:
        ci_id = self.model.ci_id_at(self.table.indexAt(pos).row())
        if ci_id:
            menu = self.row_menu(ci_id)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.table.viewport().mapToGlobal(pos))

    def _on_table_current_changed(self, current, _previous) -> None:
        ci_id = self.model.ci_id_at(current.row())
        if ci_id and ci_id != self._selected:
            self.open_ci(ci_id)

    # ----- CSV

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CIs"), "", self.tr("CSV (*.csv *.txt)"))
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        """Read and check `path` on a read connection, then show the import dialog (or why the file is unusable)."""
        self.error.clear_message()
        self._ctx.runner.query(transfer.preview_import, path=path, on_done=self._on_preview_loaded,
                               on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                               label="read CI file")

    def _on_preview_loaded(self, preview) -> None:
        self._open_dialog(CiImportDialog(self._ctx, preview, self))

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CIs"), "cis.csv", self.tr("CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the CIs the list shows (its filter, in its order) to `path`."""
        self.error.clear_message()
        self._ctx.runner.query(transfer.export_cis, path=path, ids=tuple(self.model.ids),
                               on_done=lambda n: self._on_exported(path, n),
                               on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                               label="export CIs")

    def _on_exported(self, path: str, count: int) -> None:
        self._ctx.events.status_message.emit(self.tr("%n CI(s) exported to {0}", "", count).format(path))
        self.exported.emit(count)

    # ----- a CI

    def activate(self, arg: str) -> None:
        """`ci:NAME` shows a CI's record, `map:NAME` its relation map, `impact:NAME` what an outage of it touches
        (NAME: a CI's name or id)."""
        kind, _, name = arg.partition(":")
        if kind not in ("ci", "map", "impact") or not name:
            return
        self._wanted = (kind, "")
        self._pick_first = False
        self._ctx.runner.query(cmdb_queries.find_ci, name_or_id=name.strip(),
                               on_done=lambda ci_id: self._on_found(kind, name, ci_id), owner=self, label="find CI")

    def _on_found(self, kind: str, name: str, ci_id: str | None) -> None:
        if ci_id is None:
            self._wanted = None
            self.error.show_message(self.tr("There is no CI named {0}.").format(name))
            self._announce()
            return
        self._wanted = (kind, ci_id)
        if kind == "map":
            self.detail.preselect_tab(MAP)
            self.splitter.setSizes([300, 980])
        elif kind == "impact":
            self.detail.preselect_tab(IMPACT)
        self.open_ci(ci_id)

    def painted_later(self) -> list[QWidget]:
        """The CI's record beside the list, painted a turn after it when the page is shown (app.ui.page_slot)."""
        detail = getattr(self, "detail", None)  # built in parts: absent until its part is built
        return [detail] if detail is not None else []

    def open_ci(self, ci_id: str) -> None:
        """Show `ci_id`'s record (and select it in the list when the filter lists it)."""
        self._selected = ci_id
        row = self.model.row_of(ci_id)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self._scroll_to(row)
        self._read_detail(ci_id)

    def _scroll_to(self, row: int) -> None:
        # After the pending layout: a table that has not laid out its rows yet cannot scroll to one.
        QTimer.singleShot(0, self.table, lambda: self.table.scrollTo(
            self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter))

    def _read_detail(self, ci_id: str) -> None:
        self._ctx.runner.query(cmdb_queries.ci_detail, ci_id=ci_id, slot=("ci-detail", id(self)),
                               on_done=lambda d: self._on_detail_loaded(ci_id, d),
                               on_error=lambda exc: self.error.show_message(describe_error(exc)),
                               owner=self,
                               label="CI record")

    def _on_detail_loaded(self, ci_id: str, d: CiDetail | None) -> None:
        if ci_id != self._selected:
            return
        self.error.clear_message()
        self.detail.set_detail(d)
        if d is None:
            self.error.show_message(self.tr("This CI is no longer in this desk's data."))
            self._selected = None
            return
        self.ci_shown.emit(ci_id)
        if self._wanted is None or self._wanted == ("ci", ci_id):
            self._wanted = None
            self._announce()

    def _on_tab_shown(self, kind: str, ci_id: str) -> None:
        if self._wanted == (kind, ci_id):
            self._wanted = None
            self._announce()

    def _announce(self) -> None:
        if not self._shown:
            self._shown = True
            QTimer.singleShot(0, self, self.data_shown.emit)

    # ----- editing

    def new_ci(self) -> None:
        self._open_dialog(CiDialog(self._ctx, self._classes, None, self, ci_class=self.ci_class.currentData()))

    def show_classes(self) -> None:
        self._open_dialog(ClassDialog(self._ctx, self._classes, self))

    def edit_ci(self) -> None:
        if self.detail.detail is not None:
            self._open_dialog(CiDialog(self._ctx, self._classes, self.detail.detail, self))

    def _open_dialog(self, dialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if isinstance(dialog, CiDialog):
            dialog.saved.connect(self._on_ci_saved)
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_ci_saved(self, d: CiDetail) -> None:
        self._ctx.events.status_message.emit(self.tr("{0} saved").format(d.ci.name))
        self._selected = d.ci.id
        self.detail.set_detail(d)

    def retire_ci(self) -> None:
        d = self.detail.detail
        if d is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Retire CI"),
                          self.tr("Retire {0}? It stays on record, with its relations and history, and no longer "
                                  "counts as in service.").format(d.ci.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._ctx.runner.op(
            cmdb_ops.retire_ci, ci_id=d.ci.id, actor_id=self._ctx.me, on_done=self._on_ci_saved,
            on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self, label="retire CI"))
        box.open()
        self.dialog_opened.emit(box)

    def add_relation(self) -> None:
        d = self.detail.detail
        if d is not None:
            dialog = RelationDialog(self._ctx, d.ci.id, d.ci.name, self)
            dialog.saved.connect(lambda _rid: self._ctx.events.status_message.emit(self.tr("Relation added")))
            self._open_dialog(dialog)

    def remove_relation(self, relation_id: str) -> None:
        """Ask first (the map and the impact of both CIs change), then remove it through the operation."""
        d = self.detail.detail
        relation = next((r for r in d.relations if r.relation_id == relation_id), None) if d else None
        if d is None or relation is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove relation"),
                          self.tr("Remove the relation \u201c{0} {1} {2}\u201d?").format(d.ci.name, relation.label,
                                                                                  relation.other.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._remove_relation(relation_id))
        box.open()
        self.dialog_opened.emit(box)

    def _remove_relation(self, relation_id: str) -> None:
        self.error.clear_message()
        self._ctx.runner.op(cmdb_ops.remove_relation, relation_id=relation_id, actor_id=self._ctx.me,
                            on_done=lambda _none: self._ctx.events.status_message.emit(self.tr("Relation removed")),
                            on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                            label="remove relation")
