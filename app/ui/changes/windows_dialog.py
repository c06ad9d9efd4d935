"""Maintenance and blackout windows: list, create, edit, delete; and the holiday import from .ics."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.changes.windows import WindowItem, delete_window, list_windows, save_window
from app.tickets.records import Choice
from app.ui.changes.holiday_import import HolidayImporter
from app.ui.changes.inputs import CiPicker
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.time_zones import zone_names


class WindowsDialog(QDialog):
    """Every stored window on the left, the selected (or a new) one's fields on the right."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WindowsDialog")
        self.setWindowTitle(self.tr("Maintenance windows, freezes and holidays"))
        self.ctx = ctx
        self._items: tuple[WindowItem, ...] = ()
        self._editing: str | None = None  # window id, None for a new one
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("WindowList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Recurrence"), self.tr("Time zone")])
        self.tree.setColumnWidth(0, 160)
        self.tree.setColumnWidth(1, 120)
        self.tree.setColumnWidth(2, 190)
        self.new_button = QPushButton(self.tr("New window"), self)
        self.import_button = QPushButton(self.tr("Import holidays (.ics)…"), self)
        self.import_button.setObjectName("ImportHolidaysButton")
        left = QWidget(self)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.tree, 1)
        lrow = QHBoxLayout()
        lrow.addWidget(self.new_button)
        lrow.addWidget(self.import_button)
        lcol.addLayout(lrow)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self._build_form())
        splitter.setSizes([440, 540])
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("WindowsStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(1040, 600)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.new_button.clicked.connect(self.start_new)
        self.holidays = HolidayImporter(ctx, self)
        self.holidays.reported.connect(self.status.setText)
        self.import_button.clicked.connect(self.holidays.choose_file)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.kind.currentIndexChanged.connect(self._update_enabled)
        self.everything.toggled.connect(self._update_enabled)
        self.services.itemChanged.connect(self._update_scope_summary)
        self.start_new()
        self.refresh()

    def _build_form(self) -> QWidget:
        box = QWidget(self)
        self.kind = QComboBox(box)
        self.kind.setObjectName("WindowKind")
        self.kind.addItem(self.tr("Maintenance window"), "maintenance")
        self.kind.addItem(self.tr("Blackout / freeze"), "blackout")
        self.name = QLineEdit(box)
        self.name.setObjectName("WindowName")
        self.start = QDateTimeEdit(box)
        self.start.setObjectName("WindowStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.hours = QSpinBox(box)
        self.hours.setRange(0, 24 * 62)
        self.hours.setSuffix(self.tr(" h"))
        self.minutes = QSpinBox(box)
        self.minutes.setRange(0, 59)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min"))
        duration = QHBoxLayout()
        duration.addWidget(self.hours)
        duration.addWidget(self.minutes)
        duration.addStretch(1)
        self.tz = QComboBox(box)
        self.tz.setObjectName("WindowTz")
        self.tz.setEditable(True)
        self.tz.addItems(zone_names())
        self.tz.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.tz.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.rrule = QLineEdit(box)
        self.rrule.setObjectName("WindowRrule")
        self.rrule.setPlaceholderText(self.tr("Empty: one-off. E.g. FREQ=WEEKLY;BYDAY=SU or FREQ=MONTHLY;BYDAY=2SA"))
        self.everything = QCheckBox(self.tr("Applies to everything"), box)
        self.everything.setObjectName("WindowEverything")
        self.services = QListWidget(box)
        self.services.setObjectName("WindowServices")
        self.services.setMaximumHeight(110)
        self.scope_summary = QLabel(box)
        self.scope_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.scope_summary.setObjectName("WindowScopeSummary")
        self.scope_summary.setWordWrap(True)
        self.cis = CiPicker(box)
        self.blocking = QCheckBox(self.tr("Blocking: changes cannot be scheduled inside it"), box)
        self.blocking.setObjectName("WindowBlocking")
        self.error = InlineError(box)
        self.error.setObjectName("WindowError")
        self.save_button = QPushButton(self.tr("Save window"), box)
        self.save_button.setObjectName("SaveWindowButton")
        self.delete_button = QPushButton(self.tr("Delete"), box)
        form = QFormLayout(box)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Starts (wall time)"), self.start)
        form.addRow(self.tr("Lasts"), duration)
        form.addRow(self.tr("Time zone"), self.tz)
        form.addRow(self.tr("Repeats (RRULE)"), self.rrule)
        form.addRow(self.tr("Scope"), self.everything)
        form.addRow(self.tr("Services"), self.services)
        form.addRow("", self.scope_summary)
        form.addRow(self.tr("CIs"), self.cis)
        form.addRow("", self.blocking)
        form.addRow("", self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        row.addWidget(self.save_button)
        form.addRow(row)
        ref = self.ctx.reference
        for s in ref.services:
            item = QListWidgetItem(s.name)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(item)
        self.cis.set_choices(ref.cis)
        return box

    # ---- list ----------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        self.ctx.runner.query(list_windows, on_done=lambda items: self._on_loaded(items, select), owner=self,
                              label="windows")

    def _on_loaded(self, items: tuple[WindowItem, ...], select: str | None) -> None:
        self._items = items
        self.tree.blockSignals(True)
        self.tree.clear()
        for w in items:
            kind = self.tr("Maintenance") if w.kind == "maintenance" else \
                self.tr("Freeze") if w.blocking else self.tr("Blackout (warning)")
            item = QTreeWidgetItem([w.name, kind, w.rrule or self.tr("one-off"), w.tz])
            item.setToolTip(2, plain_tooltip(w.rrule))
            item.setData(0, Qt.ItemDataRole.UserRole, w.id)
            self.tree.addTopLevelItem(item)
            if w.id == select:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)

    def _on_tree_current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is None:
            return
        ident = current.data(0, Qt.ItemDataRole.UserRole)
        w = next((x for x in self._items if x.id == ident), None)
        if w is not None:
            self._show(w)

    # ---- form ----------------------------------------------------------------------------------
    def start_new(self) -> None:
        self._editing = None
        self.tree.clearSelection()
        self.kind.setCurrentIndex(0)
        self.name.clear()
        start = datetime.now().replace(hour=2, minute=0, second=0, microsecond=0) + timedelta(days=1)
        self.start.setDateTime(QDateTime(start))
        self.hours.setValue(4)
        self.minutes.setValue(0)
        self.tz.setCurrentText("Europe/Berlin")
        self.rrule.setText("FREQ=WEEKLY;BYDAY=SU")
        self.everything.setChecked(False)
        self._check_services(())
        self.cis.set_ids(())
        self.blocking.setChecked(True)
        self.error.clear_message()
        self.delete_button.setEnabled(False)
        self._update_enabled()
        self.name.setFocus()

    def _show(self, w: WindowItem) -> None:
        self._editing = w.id
        self.kind.setCurrentIndex(self.kind.findData(w.kind))
        self.name.setText(w.name)
        self.start.setDateTime(QDateTime(w.start_local))
        self.hours.setValue(w.duration_minutes // 60)
        self.minutes.setValue(w.duration_minutes % 60)
        self.tz.setCurrentText(w.tz)
        self.rrule.setText(w.rrule or "")
        self.everything.setChecked(w.everything)
        self._check_services(w.service_ids)
        names = {c.id: c.name for c in self.ctx.reference.cis}
        self.cis.set_ids([Choice(i, names.get(i, i)) for i in w.ci_ids])
        self.blocking.setChecked(w.blocking)
        self.error.clear_message()
        self.delete_button.setEnabled(True)
        self._update_enabled()

    def _check_services(self, ids) -> None:
        self.services.blockSignals(True)
        for i in range(self.services.count()):
            item = self.services.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.services.blockSignals(False)
        self._update_scope_summary()

    def _update_scope_summary(self, *_args) -> None:
        """Name the checked services: the list scrolls, and a scope must be visible at a glance."""
        names = [self.services.item(i).text() for i in range(self.services.count())
                 if self.services.item(i).checkState() == Qt.CheckState.Checked]
        self.scope_summary.setText(self.tr("{0} services: {1}").format(len(names), ", ".join(names))
                                   if names else self.tr("No services chosen."))

    def _update_enabled(self, *_args) -> None:
        self.blocking.setEnabled(self.kind.currentData() == "blackout")
        scoped = not self.everything.isChecked()
        self.services.setEnabled(scoped)
        self.cis.setEnabled(scoped)

    def save(self) -> None:
        services = tuple(self.services.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.services.count())
                         if self.services.item(i).checkState() == Qt.CheckState.Checked)
        values = dict(window_id=self._editing, kind=self.kind.currentData(), name=self.name.text(),
                      start_local=self.start.dateTime().toPython().replace(second=0, microsecond=0),
                      duration_minutes=self.hours.value() * 60 + self.minutes.value(), tz=self.tz.currentText(),
                      rrule=self.rrule.text(), everything=self.everything.isChecked(), ci_ids=self.cis.ids(),
                      service_ids=services, blocking=self.blocking.isChecked(), actor_id=self.ctx.me)
        self.save_button.setEnabled(False)
        self.ctx.runner.op(save_window, **values, on_done=self._on_saved, on_error=self._on_failed, owner=self,
                           label="save window")

    def _on_saved(self, item: WindowItem) -> None:
        self.save_button.setEnabled(True)
        self.error.clear_message()
        self._editing = item.id
        self.delete_button.setEnabled(True)
        self.status.setText(self.tr("Saved \"{0}\".").format(item.name))
        self.refresh(select=item.id)

    def _on_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(describe_error(exc))

    def delete(self) -> None:
        if self._editing is None:
            return
        self.ctx.runner.op(delete_window, window_id=self._editing, actor_id=self.ctx.me,
                           on_done=lambda _r: self._on_deleted(), on_error=self._on_failed, owner=self,
                           label="delete window")

    def _on_deleted(self) -> None:
        self.status.setText(self.tr("Window deleted."))
        self.start_new()
        self.refresh()
