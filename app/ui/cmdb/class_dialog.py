"""The CI classes: the built-in ones and the desk's own, with their attributes, and a form to add a class or
change one of the desk's own (its label, description and attributes; its key stays). Built-in classes are shown
read-only: they come with Deskside."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cmdb import ops as cmdb_ops
from app.cmdb.records import CiClassInfo
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from core.cmdb.classes import ATTRIBUTE_KINDS, class_key


class ClassDialog(QDialog):
    """Lists `classes`; Add class runs `cmdb_ops.define_class` for a new key, Save class (a class of the desk's own
    chosen in the list) for its key again. Stays open with the input when the operation refuses. GUI thread only."""

    class_defined = Signal(str)  # the key of the class added or changed

    def __init__(self, ctx: UiContext, classes: tuple[CiClassInfo, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._keys = {c.key for c in classes}
        self._classes = {c.key: c for c in classes}
        self._editing: str | None = None  # the key of the desk's own class being changed; None: a new one
        self._key_edited = False
        self.setWindowTitle(self.tr("CI classes"))
        self.resize(780, 600)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("ClassList")
        self.tree.setHeaderLabels([self.tr("Class"), self.tr("Key"), self.tr("CIs"), self.tr("Attributes")])
        self.tree.setRootIsDecorated(False)
        for column, width in enumerate((170, 140, 50)):
            self.tree.setColumnWidth(column, width)
        for c in classes:
            item = QTreeWidgetItem([c.label, c.key, str(c.ci_count),
                                    ", ".join(label for _key, label, _kind in c.attributes)])
            item.setToolTip(3, "\n".join(f"{label} ({kind})" for _key, label, kind in c.attributes))
            if not c.builtin:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            item.setData(0, Qt.ItemDataRole.UserRole, c.key)
            self.tree.addTopLevelItem(item)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        note = QLabel(self.tr("Built-in classes come with Deskside and cannot be changed; the desk's own are in "
                              "bold: choose one to change it."), self)
        note.setEnabled(False)
        note.setWordWrap(True)

        self.label = QLineEdit(self)
        self.label.setObjectName("ClassLabel")
        self.label.setPlaceholderText(self.tr("e.g. Load balancer"))
        self.label.textEdited.connect(self._on_label_edited)
        self.key = QLineEdit(self)
        self.key.setObjectName("ClassKey")
        self.key.textEdited.connect(self._on_key_edited)
        self.description = QLineEdit(self)
        self.attributes = QTableWidget(0, 2, self)
        self.attributes.setObjectName("ClassAttributes")
        self.attributes.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Kind")])
        self.attributes.horizontalHeader().setStretchLastSection(True)
        self.attributes.setColumnWidth(0, 260)
        self.attributes.verticalHeader().hide()
        self.attributes.setMinimumHeight(self.fontMetrics().height() * 8)
        self.add_button = QPushButton(self.tr("Add &attribute"), self)
        self.add_button.clicked.connect(lambda: self.add_attribute(""))
        self.remove_button = QPushButton(self.tr("&Remove attribute"), self)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.new_button = QPushButton(self.tr("&New class"), self)
        self.new_button.setToolTip(self.tr("Clear the form to add a class"))
        self.new_button.clicked.connect(self.start_new)
        self.read_only_note = QLabel(self)
        self.read_only_note.setObjectName("ClassReadOnly")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        rows = QHBoxLayout()
        rows.addWidget(self.new_button)
        rows.addStretch(1)
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        form = QFormLayout()
        form.addRow(self.tr("&Label"), self.label)
        form.addRow(self.tr("&Key"), self.key)
        form.addRow(self.tr("&Description"), self.description)
        self.box = box = QGroupBox(self.tr("New class"), self)
        inside = QVBoxLayout(box)
        inside.addWidget(self.read_only_note)
        inside.addLayout(form)
        inside.addWidget(self.attributes, 1)
        inside.addLayout(rows)
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = self.buttons.addButton(self.tr("Add &class"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 2)
        layout.addWidget(note)
        layout.addWidget(box, 3)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    # ----- choosing what the form holds

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        c = self._classes.get(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None
        if c is None:
            self.start_new()
        else:
            self.show_class(c)

    def start_new(self) -> None:
        """An empty form that adds a class."""
        self._editing, self._key_edited = None, False
        self._fill("", "", "", ())
        self._set_editable(True)
        self.key.setReadOnly(False)
        self.box.setTitle(self.tr("New class"))
        self.save_button.setText(self.tr("Add &class"))
        self.read_only_note.hide()
        self.error.clear_message()

    def show_class(self, c: CiClassInfo) -> None:
        """`c` in the form: changeable when it is the desk's own, read-only (and saying why) when built in."""
        self._fill(c.label, c.key, c.description, c.attributes)
        self.key.setReadOnly(True)
        self.error.clear_message()
        if c.builtin:
            self._editing = None
            self._set_editable(False)
            self.box.setTitle(self.tr("Built-in class {0}").format(c.label))
            self.read_only_note.setText(self.tr("{0} comes with Deskside and cannot be changed. To describe CIs "
                                                "differently, add a class of your own.").format(c.label))
            self.read_only_note.show()
            return
        self._editing = c.key
        self._set_editable(True)
        self.box.setTitle(self.tr("Class {0}").format(c.label))
        self.save_button.setText(self.tr("Save &class"))
        self.read_only_note.setText(self.tr("Changing an attribute's kind or removing it leaves the values CIs "
                                            "already hold as they are."))
        self.read_only_note.show()

    def _fill(self, label: str, key: str, description: str, attributes) -> None:
        self.label.setText(label)
        self.key.setText(key)
        self.description.setText(description)
        self.attributes.setRowCount(0)
        for akey, alabel, kind in attributes:
            self.add_attribute(alabel, kind, key=akey)

    def _set_editable(self, on: bool) -> None:
        for line in (self.label, self.description):
            line.setReadOnly(not on)
        self.attributes.setEnabled(on)
        for button in (self.add_button, self.remove_button, self.save_button):
            button.setEnabled(on)

    def add_attribute(self, label: str, kind: str = "text", *, key: str = "") -> None:
        """A row of the attribute table; `key` is the key of an attribute the class has (kept when it is
        relabelled, so the values CIs hold stay theirs)."""
        row = self.attributes.rowCount()
        self.attributes.insertRow(row)
        edit = QLineEdit(label, self.attributes)
        edit.setProperty("attribute_key", key)
        edit.setFrame(False)
        self.attributes.setCellWidget(row, 0, edit)
        combo = QComboBox(self.attributes)
        names = {"text": self.tr("Text"), "number": self.tr("Number"), "date": self.tr("Date (YYYY-MM-DD)")}
        for value in ATTRIBUTE_KINDS:
            combo.addItem(names.get(value, value), value)
        combo.setCurrentIndex(max(combo.findData(kind), 0))
        self.attributes.setCellWidget(row, 1, combo)
        if not key:  # a row the user adds, not one of the class shown
            edit.setFocus()

    def _on_remove_clicked(self) -> None:
        row = self.attributes.currentRow()
        if row >= 0:
            self.attributes.removeRow(row)

    def _on_label_edited(self, text: str) -> None:
        if not self._key_edited:
            self.key.setText(class_key(text))

    def _on_key_edited(self, _text: str) -> None:
        self._key_edited = True

    def attribute_rows(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.attributes.rowCount()):
            edit, combo = self.attributes.cellWidget(row, 0), self.attributes.cellWidget(row, 1)
            label = edit.text().strip() if isinstance(edit, QLineEdit) else ""
            if label and isinstance(combo, QComboBox):
                key = (edit.property("attribute_key") if isinstance(edit, QLineEdit) else "") or class_key(label)
                out.append({"key": key, "label": label, "kind": combo.currentData()})
        return out

    def save(self) -> None:
        self.error.clear_message()
        key, label = self.key.text().strip(), self.label.text().strip()
        if not label:
            self.error.show_message(self.tr("A class needs a label."))
            self.label.setFocus()
            return
        if self._editing is not None:
            key = self._editing
        elif key in self._keys:
            self.error.show_message(self.tr("There is a class with the key {0} already.").format(key))
            self.key.setFocus()
            return
        self.save_button.setEnabled(False)
        # The operation's `label` (the class's) is bound first: runner.op keeps its own `label` for the task.
        self._ctx.runner.op(partial(cmdb_ops.define_class, label=label), key=key, attributes=self.attribute_rows(),
                            description=self.description.text(), actor_id=self._ctx.me, on_done=self._on_saved,
                            on_error=self._on_failed, owner=self, label="define CI class")

    def _on_saved(self, key: str) -> None:
        self.class_defined.emit(key)
        text = self.tr("Class {0} saved") if self._editing else self.tr("Class {0} added")
        self._ctx.events.status_message.emit(text.format(self.label.text().strip()))
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(describe_error(exc))
        field = getattr(exc, "field", None)
        widget = {"key": self.key, "label": self.label, "attributes": self.attributes}.get(field or "")
        if widget is not None:
            widget.setFocus()

