"""The People page (`--view people`): the directory with search and filters, and a person's record to edit or add."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.people import directory, transfer
from app.people import ops as people_ops
from app.people.directory import PeopleFilter, PeopleList, PersonRecord
from app.people.transfer import ImportPreview
from app.ui.context import UiContext
from app.ui.people.import_dialog import ImportDialog
from app.ui.people.people_table_model import PeopleTableModel
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.list_table import configure_list_table, record_heading
from app.ui.widgets.person_form import PersonForm
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.stale_refresher import StaleRefresher

LIST_LIMIT = 500


class PeoplePage(QWidget):
    """Reads through `directory.people_page` / `person_record` and writes through `people_ops` on the runner;
    refreshes when the change feed names people (its own saves, a sync pull), keeping the selection. A person is
    deactivated, never deleted: tickets keep naming them. GUI thread only."""

    data_shown = Signal()  # the first rows are on screen
    person_loaded = Signal(str)  # the record form shows this person ("" for a new one)
    saved = Signal(str)  # a create or an edit committed (the person's id)
    import_opened = Signal(object)  # the ImportDialog showing a file's preview
    exported = Signal(int)  # people written by Export CSV…

    def __init__(self, ctx: UiContext, window=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._shown_once = False
        self._selected: str | None = None  # the person in the form; None with `_new` for a new one
        self._new = False
        self._saving = False
        self.import_dialog: ImportDialog | None = None
        self._build()
        self._stale = StaleRefresher(self, ctx.events, ("person",), self.refresh)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self._show_record(None)
        self.refresh()

    # ----- building

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("PeopleSearch")
        self.search.setPlaceholderText(self.tr("Search name, e-mail, phone, department, site"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._on_filter_text_edited)
        self.kind = self._filter_combo([(None, self.tr("Everyone")), ("agents", self.tr("Agents")),
                                        ("requesters", self.tr("Requesters"))], self.tr("Role"))
        self.site = self._filter_combo([(None, self.tr("All sites"))], self.tr("Site"))
        self.department = self._filter_combo([(None, self.tr("All departments"))], self.tr("Department"))
        self.status = self._filter_combo([(True, self.tr("Active")), (False, self.tr("Inactive")),
                                          (None, self.tr("Active and inactive"))], self.tr("Status"))
        self.vip_only = QCheckBox(self.tr("VIP only"), self)
        self.vip_only.toggled.connect(self._on_filter_changed)
        self.new_button = QPushButton(self.tr("&New person"), self)
        self.new_button.clicked.connect(self.new_person)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for widget in (self.kind, self.site, self.department, self.status):
            bar.addWidget(widget, 1)
        bar.addWidget(self.vip_only)
        bar.addWidget(self.new_button)

        self.model = PeopleTableModel(self)
        self.table = PreparedTableView(self)
        self.table.setObjectName("PeopleTable")
        self.table.setModel(self.model)
        configure_list_table(self.table)
        for column, width in enumerate((150, 170, 120, 110, 80, 70, 36)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.table, 1)
        self.import_button = QPushButton(self.tr("&Import CSV…"), self)
        self.import_button.setToolTip(self.tr("Add and update people from a CSV file, after a preview"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button = QPushButton(self.tr("E&xport CSV…"), self)
        self.export_button.setToolTip(self.tr("Save the people the filters select as a CSV file"))
        self.export_button.clicked.connect(self._on_export_clicked)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        below.addWidget(self.import_button)
        below.addWidget(self.export_button)
        left_column.addLayout(below)

        self.heading = record_heading(self)
        self.form = PersonForm(with_active=True, parent=self)
        self.form.set_site_names(self._ctx.reference.sites)
        self.form.edited.connect(self._update_buttons)
        self.info = QLabel(self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.error = InlineError(self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.clicked.connect(self._on_revert_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        right.setMinimumWidth(320)
        right_column = QVBoxLayout(right)
        right_column.addWidget(self.heading)
        right_column.addWidget(self.form)
        right_column.addWidget(self.info)
        right_column.addWidget(self.error)
        right_column.addLayout(buttons)
        right_column.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([880, 360])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def _filter_combo(self, items, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for value, label in items:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(self._on_filter_changed)
        return combo

    # ----- the list

    def current_filter(self) -> PeopleFilter:
        return PeopleFilter(text=self.search.text(), kind=self.kind.currentData(),
                            vip=True if self.vip_only.isChecked() else None, site=self.site.currentData(),
                            department=self.department.currentData(), active=self.status.currentData())

    def refresh(self) -> None:
        flt = self.current_filter()
        self._ctx.runner.query(directory.people_page, flt=flt, limit=LIST_LIMIT, slot=("people-page", id(self)),
                               on_done=lambda page: self._on_page_loaded(flt, page), owner=self,
                               label="list people")

    def _on_page_loaded(self, flt: PeopleFilter, page: PeopleList) -> None:
        if flt != self.current_filter():
            return  # an older filter's rows; the newer query's are on their way
        self._fill_choices(self.site, page.sites)
        self._fill_choices(self.department, page.departments)
        self.model.set_rows(page.rows)
        if page.more:
            self.count.setText(self.tr("The first {0} people by name; search or filter to narrow the list.")
                               .format(len(page.rows)))
        else:
            self.count.setText(self.tr("{0} people").format(len(page.rows)))
        row = self.model.row_of(self._selected)
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().blockSignals(False)
        if not self._shown_once:
            self._shown_once = True
            if self._selected is None and not self._new and page.rows:
                self.table.selectRow(0)  # the record beside the list from the start
            QTimer.singleShot(0, self, self.data_shown.emit)

    def _fill_choices(self, combo: QComboBox, values: tuple[str, ...]) -> None:
        """Offer the values the directory holds, keeping the chosen one (even if no row has it any more)."""
        keep = combo.currentData()
        wanted = [None, *values, *([keep] if keep is not None and keep not in values else [])]
        if [combo.itemData(i) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        first = combo.itemText(0)
        combo.clear()
        combo.addItem(first, None)
        for value in wanted[1:]:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(keep), 0) if keep is not None else 0)
        combo.blockSignals(False)

    def _on_filter_text_edited(self, _text: str) -> None:
        self._search_timer.start()

    def _on_filter_changed(self, *_args) -> None:
        self.refresh()

    # ----- CSV

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import people"), "", self.tr("CSV (*.csv *.txt)"))
        if path:
            self.preview_file(path)

    def preview_file(self, path: str) -> None:
        """Read and check `path` on a read connection, then show the import dialog (or why the file is unusable)."""
        self.error.clear_message()
        self._ctx.runner.query(transfer.preview_import, path=path, on_done=self._on_preview_loaded,
                               on_error=self._on_csv_failed, owner=self, label="read people file")

    def _on_preview_loaded(self, preview: ImportPreview) -> None:
        dialog = ImportDialog(self._ctx, preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()
        self.import_opened.emit(dialog)

    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export people"), "people.csv", self.tr("CSV (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        self._ctx.runner.query(transfer.export_people, path=path, flt=self.current_filter(),
                               on_done=lambda n: self._on_exported(path, n), on_error=self._on_csv_failed,
                               owner=self, label="export people")

    def _on_exported(self, path: str, count: int) -> None:
        self._ctx.events.status_message.emit(self.tr("{0} people exported to {1}").format(count, path))
        self.exported.emit(count)

    def _on_csv_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))

    # ----- the record

    def _on_table_current_changed(self, current, _previous) -> None:
        person = self.model.person_at(current.row())
        if person is None or person.id == self._selected and not self._new:
            return
        if self.form.changes():
            self.error.show_message(self.tr("Save or revert the changes to this person first."))
            self._reselect()
            return
        self.open_person(person.id)

    def _reselect(self) -> None:
        row = self.model.row_of(self._selected)
        model = self.table.selectionModel()
        model.blockSignals(True)
        if row >= 0:
            model.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        else:
            model.clearSelection()
        model.blockSignals(False)

    def open_person(self, person_id: str) -> None:
        self._ctx.runner.query(directory.person_record, person_id=person_id, slot=("people-record", id(self)),
                               on_done=self._show_record, owner=self, label="read person")

    def new_person(self) -> None:
        if self.form.changes():
            self.error.show_message(self.tr("Save or revert the changes to this person first."))
            return
        self.table.selectionModel().clearSelection()
        self._new = True
        self._selected = None
        self.heading.setText(self.tr("New person"))
        self.form.set_values({"active": True, "site": self.site.currentData(),
                              "department": self.department.currentData()})
        self.info.setText(self.tr("A requester; agents are added with their accounts on the team server."))
        self.error.clear_message()
        self.form.setEnabled(True)
        self.form.focus_name()
        self._update_buttons()
        self.person_loaded.emit("")

    def _show_record(self, record: PersonRecord | None) -> None:
        self._new = False
        self.error.clear_message()
        if record is None:
            self._selected = None
            self.heading.setText(self.tr("No person selected"))
            self.form.set_values({})
            self.form.setEnabled(False)
            self.info.setText(self.tr("Choose a person in the list, or add one with New person."))
            self._update_buttons()
            return
        self._selected = record.id
        self.heading.setText(record.name)
        self.form.set_record(record)
        self.form.setEnabled(True)
        kind = (self.tr("An agent, requester on {0} tickets.") if record.is_agent
                else self.tr("A requester, on {0} tickets.")).format(record.tickets)
        self.info.setText(kind + " " + self.tr("A person is deactivated, never deleted: their tickets keep "
                                               "naming them."))
        self._update_buttons()
        self.person_loaded.emit(record.id)

    def _update_buttons(self) -> None:
        dirty = bool(self.form.changes()) or self._new
        self.save_button.setEnabled(dirty and not self._saving and (self._new or self._selected is not None))
        self.revert_button.setEnabled(dirty and not self._saving)

    def _on_revert_clicked(self) -> None:
        if self._selected is not None:
            self.form.revert()
            self.error.clear_message()
            self._update_buttons()
        else:
            self._show_record(None)

    def save(self) -> None:
        if self._saving:
            return
        self.form.clear_errors()
        self.error.clear_message()
        fn: Callable[..., PersonRecord]
        kwargs: dict[str, Any]
        if self._new:
            fn, kwargs = people_ops.create_person, {"values": self.form.values()}
        elif self._selected is not None and self.form.changes():
            fn, kwargs = people_ops.update_person, {"person_id": self._selected, "changes": self.form.changes()}
        else:
            return
        self._saving = True
        self._update_buttons()
        self._ctx.runner.op(fn, actor_id=self._ctx.me, on_done=self._on_saved, on_error=self._on_save_failed,
                            owner=self, label="save person", **kwargs)

    def _on_saved(self, record: PersonRecord) -> None:
        self._saving = False
        self._show_record(record)
        self._ctx.events.status_message.emit(self.tr("{0} saved").format(record.name))
        self.saved.emit(record.id)

    def _on_save_failed(self, exc: Exception) -> None:
        self._saving = False
        self._update_buttons()
        message = describe_error(exc)
        if not self.form.show_error(getattr(exc, "field", None), message):
            self.error.show_message(message)
