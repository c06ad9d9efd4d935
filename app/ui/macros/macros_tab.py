"""The Macros tab of the Macros page: a macro's field changes, its optional reply or note, and the user's key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.macros import ops as macro_ops
from app.macros import queries as macro_queries
from app.macros.records import MacroRecord
from app.ui.context import UiContext
from app.ui.macros.manager_tab import ManagerTab, variable_button
from core.macros.rules import DESCRIPTION_MAX, FIELD_LABELS, MACRO_FIELDS, ME, NAME_MAX
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, all_state_keys

LEVELS = ((1, "High"), (2, "Medium"), (3, "Low"))
PORTABLE = QKeySequence.SequenceFormat.PortableText


class MacrosTab(ManagerTab):
    """Reads with list_macros, writes with save_macro / delete_macro / bind_key on the runner. `reserved()` gives
    the window's own shortcuts (portable text), which a macro's key may not take. GUI thread."""

    entity = "macro"

    def __init__(self, ctx: UiContext, reserved: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        self._reserved = reserved
        self._pending_keys: str | None = None
        super().__init__(ctx, parent)

    def build_form(self, form: QVBoxLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(NAME_MAX)
        self.description = QLineEdit(self)
        self.description.setMaxLength(DESCRIPTION_MAX)
        self.keys = QKeySequenceEdit(self)
        self.keys.setMaximumSequenceLength(1)
        self.keys.setAccessibleName(self.tr("Shortcut key"))
        clear = QPushButton(self.tr("No key"), self)
        clear.clicked.connect(self.keys.clear)
        key_row = QHBoxLayout()
        key_row.addWidget(self.keys, 1)
        key_row.addWidget(clear)
        top = QFormLayout()
        top.addRow(self.tr("&Name"), self.name)
        top.addRow(self.tr("Desc&ription"), self.description)
        top.addRow(self.tr("Your key"), key_row)
        form.addLayout(top)
        box = QGroupBox(self.tr("Set these fields"), self)
        grid = QGridLayout(box)
        self.set_boxes: dict[str, QCheckBox] = {}
        self.editors: dict[str, QWidget] = {}
        for i, field in enumerate(MACRO_FIELDS):
            check = QCheckBox(QCoreApplication.translate("MacroFields", FIELD_LABELS[field]), box)
            editor = self._editor(field, box)
            editor.setEnabled(False)
            check.toggled.connect(editor.setEnabled)
            self.set_boxes[field], self.editors[field] = check, editor
            row, col = divmod(i, 2)
            grid.addWidget(check, row, col * 2)
            grid.addWidget(editor, row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        form.addWidget(box)
        self.entry_kind = QComboBox(self)
        for key, label in ((None, "Nothing"), ("reply", "A public reply"), ("note", "An internal note")):
            self.entry_kind.addItem(self.tr(label), key)
        self.entry_body = QPlainTextEdit(self)
        self.entry_body.setAccessibleName(self.tr("The macro's reply or note"))
        self.entry_body.setPlaceholderText(self.tr("Its text; variables are filled in for each ticket."))
        adds = QHBoxLayout()
        adds.addWidget(self.entry_kind)
        adds.addWidget(variable_button(self, self.entry_body))
        adds.addStretch(1)
        add_form = QFormLayout()
        add_form.addRow(self.tr("Adds"), adds)
        form.addLayout(add_form)
        form.addWidget(self.entry_body, 1)

    def _editor(self, field: str, parent: QWidget) -> QWidget:
        ref = self.ctx.reference
        choices: list[tuple[Any, str]]
        if field == "resolution_notes":
            line = QLineEdit(parent)
            line.setPlaceholderText(self.tr("Resolution notes"))
            return line
        if field == "state":
            choices = list(all_state_keys())
        elif field == "on_hold_reason":
            choices = list(ON_HOLD_REASONS.items())
        elif field == "resolution_code":
            choices = list(RESOLUTION_CODES.items())
        elif field in ("impact", "urgency"):
            choices = [(v, self.tr(label)) for v, label in LEVELS]
        elif field == "priority":
            choices = [(p, f"P{p}") for p in range(1, 6)]
        elif field == "assignee_id":
            choices = [(ME, self.tr("Whoever applies it")), *((c.id, c.name) for c in ref.agents)]
        else:
            source = {"group_id": ref.groups, "category_id": ref.categories, "service_id": ref.services}[field]
            choices = [(c.id, c.name) for c in source]
        combo = QComboBox(parent)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def list_query(self):
        return macro_queries.list_macros

    def item_text(self, record: MacroRecord) -> str:
        scope = self.tr("shared") if record.shared else self.tr("mine")
        keys = QKeySequence(record.keys).toString(QKeySequence.SequenceFormat.NativeText) if record.keys else ""
        return "  ·  ".join(p for p in (record.name, scope, keys) if p)

    def item_tip(self, record: MacroRecord) -> str:
        return record.description or record.name

    def show_record(self, record: MacroRecord | None) -> None:
        self.name.setText(record.name if record else "")
        self.description.setText((record.description or "") if record else "")
        self.keys.setKeySequence(QKeySequence(record.keys or "") if record else QKeySequence())
        changes = record.changes if record else {}
        for field, check in self.set_boxes.items():
            check.setChecked(field in changes)
            editor = self.editors[field]
            if isinstance(editor, QLineEdit):
                editor.setText(str(changes.get(field) or ""))
            elif isinstance(editor, QComboBox) and field in changes:
                self._choose(editor, changes[field])
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(0)
        self.entry_kind.setCurrentIndex(max(0, self.entry_kind.findData(record.entry_kind if record else None)))
        self.entry_body.setPlainText((record.entry_body or "") if record else "")

    def _choose(self, combo: QComboBox, value: Any) -> None:
        """Select `value`; one this desk does not know (a group deleted since, a state of a newer version) is
        shown as such rather than silently replaced by the first choice."""
        index = combo.findData(value)
        if index < 0:
            combo.addItem(self.tr("Unknown ({0})").format(value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def values(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for field, check in self.set_boxes.items():
            if check.isChecked():
                editor = self.editors[field]
                if isinstance(editor, QLineEdit):
                    changes[field] = editor.text()
                elif isinstance(editor, QComboBox):
                    changes[field] = editor.currentData()
        return {"name": self.name.text(), "description": self.description.text(), "changes": changes,
                "entry_kind": self.entry_kind.currentData(), "entry_body": self.entry_body.toPlainText()}

    def run_save(self, record_id: str | None, values: dict[str, Any], shared: bool) -> None:
        self._pending_keys = self.keys.keySequence().toString(PORTABLE)
        self.ctx.runner.op(macro_ops.save_macro, macro_id=record_id, values=values, shared=shared,
                           actor_id=self.ctx.me, on_done=self._on_macro_saved, on_error=self.on_failed, owner=self,
                           label="save macro")

    def _on_macro_saved(self, record: MacroRecord) -> None:
        keys, self._pending_keys = self._pending_keys or "", None
        self.current = record.id
        if keys == (record.keys or "") or self.ctx.me is None:
            self.on_saved(record)
            return
        self.ctx.runner.op(macro_ops.bind_key, macro_id=record.id, keys=keys or None, person_id=self.ctx.me,
                           reserved=self._reserved(), on_done=lambda _r: self.on_saved(record),
                           on_error=self._on_key_refused, owner=self, label="bind macro key")

    def _on_key_refused(self, error: Exception) -> None:
        self.on_failed(error)  # the macro itself was saved; the key field keeps what was typed
        self.refresh()

    def run_delete(self, record_id: str) -> None:
        self.ctx.runner.op(macro_ops.delete_macro, macro_id=record_id, actor_id=self.ctx.me,
                           on_done=self.on_deleted, on_error=self.on_failed, owner=self, label="delete macro")
