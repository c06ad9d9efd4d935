"""The bulk-edit dialog: assign, change state or set priority for many selected tickets at once."""
# It offers only the values that can succeed for the selection.

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.people.reference import ReferenceData
from app.tickets.bulk_choices import Choice, SelectionSummary, assignee_choices, state_choices
from core.tickets.priority import PRIORITY_LABELS
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, WORKFLOWS

RESOLVED_STATES = {s.key for wf in WORKFLOWS.values() for s in wf.states if s.kind == "resolved"}


class BulkDialog(QDialog):
    """Asks for the values of one bulk action and returns them as a `changes` dict."""

    def __init__(self, kind: str, selection: SelectionSummary, reference: ReferenceData, parent=None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.selection = selection
        self.reference = reference
        count = selection.total
        titles = {"assign": self.tr("Assign %n ticket(s)", "", count),
                  "state": self.tr("Change state of %n ticket(s)", "", count),
                  "priority": self.tr("Set priority of %n ticket(s)", "", count)}
        self.setWindowTitle(titles[kind])
        self.form = QFormLayout()
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        self.error.hide()
        getattr(self, "_build_" + kind)()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   parent=self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        note = QLabel(self.tr("Tickets that cannot take the change are skipped and listed. "
                              "Edit ▸ Undo puts the whole batch back."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        if kind == "state" and not self.state.count():
            self.error.setText(self.tr("None of the selected tickets can change state from where it stands "
                                       "(closed and canceled tickets cannot move)."))
            self.error.show()
            self.ok_button.setEnabled(False)

    def _choice_text(self, label: str, applies: int) -> str:
        """The label, with how many of the selection it applies to when that is not all of it."""
        if applies >= self.selection.total:
            return label
        return self.tr("{0}  (%n of {1})", "", applies).format(label, self.selection.total)

    def _add_choices(self, combo: QComboBox, choices: list[Choice]) -> None:
        for choice in choices:
            combo.addItem(self._choice_text(choice.label, choice.applies), choice.value)

    def _build_assign(self) -> None:
        self.group = QComboBox(self)
        self.group.setAccessibleName(self.tr("Assignment group"))
        self.group.addItem(self.tr("(keep current group)"), None)
        for g in self.reference.groups:
            self.group.addItem(g.name, g.id)
        self.assignee = QComboBox(self)
        self.assignee.setAccessibleName(self.tr("Assignee"))
        self.group.currentIndexChanged.connect(self._fill_assignees)
        self._fill_assignees()
        self.form.addRow(self.tr("&Group:"), self.group)
        self.form.addRow(self.tr("&Assignee:"), self.assignee)

    def _fill_assignees(self) -> None:
        """Members of the chosen group; keeping each ticket's group, members of the selection's groups."""
        wanted = self.assignee.currentData()
        self.assignee.clear()
        self.assignee.addItem(self.tr("(unassigned)"), None)
        me = self.reference.me
        choices = assignee_choices(self.selection, self.reference, group_id=self.group.currentData())
        self._add_choices(self.assignee, [
            Choice(c.value, self.tr("{0} (me)").format(c.label) if c.value == me else c.label, c.applies)
            for c in choices])
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(wanted)))

    def _build_state(self) -> None:
        self.state = QComboBox(self)
        self.state.setAccessibleName(self.tr("New state"))
        self._add_choices(self.state, state_choices(self.selection))
        self.reason = QComboBox(self)
        for key, label in ON_HOLD_REASONS.items():
            self.reason.addItem(label, key)
        self.code = QComboBox(self)
        for key, label in RESOLUTION_CODES.items():
            self.code.addItem(label, key)
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Resolution notes"))
        self.notes.setFixedHeight(80)
        self.form.addRow(self.tr("&State:"), self.state)
        self.form.addRow(self.tr("On-hold &reason:"), self.reason)
        self.form.addRow(self.tr("Resolution &code:"), self.code)
        self.form.addRow(self.tr("Resolution &notes:"), self.notes)
        self.state.currentIndexChanged.connect(self._show_state_fields)
        self._show_state_fields()

    def _show_state_fields(self) -> None:
        key = self.state.currentData()
        self.form.setRowVisible(self.reason, key == "on_hold")
        resolved = key in RESOLVED_STATES
        self.form.setRowVisible(self.code, resolved)
        self.form.setRowVisible(self.notes, resolved)

    def _build_priority(self) -> None:
        self.priority = QComboBox(self)
        self.priority.setAccessibleName(self.tr("Priority"))
        self.priority.addItem(self.tr("Back to the impact × urgency matrix"), None)
        for value, label in PRIORITY_LABELS.items():
            self.priority.addItem(label, value)
        self.priority.setCurrentIndex(3)
        self.form.addRow(self.tr("&Priority:"), self.priority)

    def changes(self) -> dict[str, Any]:
        if self.kind == "assign":
            out = {"assignee_id": self.assignee.currentData()}
            if self.group.currentData() is not None:
                out["group_id"] = self.group.currentData()
            return out
        if self.kind == "priority":
            return {"priority": self.priority.currentData()}
        out = {"state": self.state.currentData()}
        if out["state"] == "on_hold":
            out["on_hold_reason"] = self.reason.currentData()
        if out["state"] in RESOLVED_STATES:
            out["resolution_code"] = self.code.currentData()
            out["resolution_notes"] = self.notes.toPlainText()
        return out

    def _on_buttons_accepted(self) -> None:
        changes = self.changes()
        if changes.get("state") in RESOLVED_STATES and not changes.get("resolution_notes", "").strip():
            self.error.setText(self.tr("Write resolution notes to resolve the tickets."))
            self.error.show()
            self.notes.setFocus()
            return
        self.accept()
