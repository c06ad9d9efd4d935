"""The CI classes: the built-in ones and the desk's own, with their attributes, and a form to add a class."""
# Adding only: `define_class` on an existing key redefines the class, description included, and the reads do not
# carry a class's description, so redefining from here could silently blank it.

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
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
    """Lists `classes`; Add class runs `cmdb_ops.define_class` for a new key. Stays open with the input when
    the operation refuses. GUI thread only."""

    class_defined = Signal(str)  # the new class's key

    def __init__(self, ctx: UiContext, classes: tuple[CiClassInfo, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._keys = {c.key for c in classes}
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
            self.tree.addTopLevelItem(item)
        note = QLabel(self.tr("Built-in classes come with Deskside; the desk's own are in bold."), self)
        note.setEnabled(False)

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
        add = QPushButton(self.tr("Add &attribute"), self)
        add.clicked.connect(lambda: self.add_attribute(""))
        remove = QPushButton(self.tr("&Remove attribute"), self)
        remove.clicked.connect(self._on_remove_clicked)
        rows = QHBoxLayout()
        rows.addStretch(1)
        rows.addWidget(add)
        rows.addWidget(remove)
        form = QFormLayout()
        form.addRow(self.tr("&Label"), self.label)
        form.addRow(self.tr("&Key"), self.key)
        form.addRow(self.tr("&Description"), self.description)
        box = QGroupBox(self.tr("New class"), self)
        inside = QVBoxLayout(box)
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

    def add_attribute(self, label: str, kind: str = "text") -> None:
        row = self.attributes.rowCount()
        self.attributes.insertRow(row)
        edit = QLineEdit(label, self.attributes)
        edit.setFrame(False)
        self.attributes.setCellWidget(row, 0, edit)
        combo = QComboBox(self.attributes)
        names = {"text": self.tr("Text"), "number": self.tr("Number"), "date": self.tr("Date (YYYY-MM-DD)")}
        for value in ATTRIBUTE_KINDS:
            combo.addItem(names.get(value, value), value)
        combo.setCurrentIndex(max(combo.findData(kind), 0))
        self.attributes.setCellWidget(row, 1, combo)
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
                out.append({"key": class_key(label), "label": label, "kind": combo.currentData()})
        return out

    def save(self) -> None:
        self.error.clear_message()
        key, label = self.key.text().strip(), self.label.text().strip()
        if not label:
            self.error.show_message(self.tr("A class needs a label."))
            self.label.setFocus()
            return
        if key in self._keys:
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
        self._ctx.events.status_message.emit(self.tr("Class {0} added").format(self.label.text().strip()))
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(describe_error(exc))
        field = getattr(exc, "field", None)
        widget = {"key": self.key, "label": self.label, "attributes": self.attributes}.get(field or "")
        if widget is not None:
            widget.setFocus()

