"""The problem editor's fields: statement, service and CIs (the primary one and the others), impact and
urgency, root-cause analysis, workaround and known-error flag, fix and its change, resolution. Reads and
writes plain values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.people.reference import ReferenceData
from app.problems.records import ProblemDetail
from app.ui.labels import label_text
from app.ui.problems.ci_set_editor import CiSetEditor
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.time_text import local_time_text
from core.problems.rules import CAUSE_CODES
from core.tickets.workflow import RESOLUTION_CODES

LEVELS = ((1, "High"), (2, "Medium"), (3, "Low"))
TEXTS = ("description", "root_cause", "workaround", "fix_notes", "resolution_notes")


class ProblemForm(QWidget):
    """Holds one problem's values; `changes()` is what differs from the loaded detail. `edited` fires on
    any input. Major incidents show only what an incident has (title, statement, impact, urgency)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: ProblemDetail | None = None
        self._filling = False
        self.title = QLineEdit(self)
        self.title.setMaxLength(300)
        self.description = self._text(self.tr("What is wrong, for whom, since when"), 60)
        self.service_id = ChoiceCombo(self.tr("(none)"), self)
        self.ci_id = ChoiceCombo(self.tr("(none)"), self)
        self.ci_set = CiSetEditor(self)
        self.impact, self.urgency = ChoiceCombo(None, self), ChoiceCombo(None, self)
        for combo in (self.impact, self.urgency):
            combo.set_choices((k, label_text(v)) for k, v in LEVELS)
        self.root_cause = self._text(self.tr("Why it happens, as far as known"), 60)
        self.cause_code = ChoiceCombo(self.tr("(not classified)"), self)
        self.cause_code.set_choices((k, label_text(v)) for k, v in CAUSE_CODES.items())
        self.workaround = self._text(self.tr("What agents and users can do until the fix"), 60)
        self.known_error = QCheckBox(self.tr("Known error: the cause and a workaround are known"), self)
        self.fix_notes = self._text(self.tr("The permanent fix"), 48)
        self.fix_change_id = ChoiceCombo(self.tr("(no change)"), self)
        self.resolution_code = ChoiceCombo(self.tr("(none)"), self)
        self.resolution_code.set_choices((k, label_text(v)) for k, v in RESOLUTION_CODES.items())
        self.resolution_notes = self._text(self.tr("How the problem was resolved"), 48)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows = {}
        for key, label, widget in (
                ("title", self.tr("&Title"), self.title),
                ("description", self.tr("Problem &statement"), self.description),
                ("service_id", self.tr("Affected ser&vice"), self.service_id),
                ("ci_id", self.tr("Primary &CI"), self.ci_id),
                ("ci_ids", self.tr("Other affected CIs"), self.ci_set),
                ("impact", self.tr("&Impact"), self.impact), ("urgency", self.tr("&Urgency"), self.urgency),
                ("root_cause", self.tr("&Root cause"), self.root_cause),
                ("cause_code", self.tr("Cause c&ode"), self.cause_code),
                ("workaround", self.tr("&Workaround"), self.workaround), ("known_error", "", self.known_error),
                ("fix_notes", self.tr("&Fix"), self.fix_notes),
                ("fix_change_id", self.tr("Fix c&hange"), self.fix_change_id),
                ("resolution_code", self.tr("Resolution code"), self.resolution_code),
                ("resolution_notes", self.tr("Resolution notes"), self.resolution_notes)):
            self.layout_.addRow(label, widget)
            self._rows[key] = widget
        for box in (self.title,):
            box.textEdited.connect(self._on_input)
        for key in TEXTS:
            getattr(self, key).textChanged.connect(self._on_input)
        for combo in (self.service_id, self.ci_id, self.impact, self.urgency, self.cause_code, self.fix_change_id,
                      self.resolution_code):
            combo.currentIndexChanged.connect(self._on_input)
        self.known_error.toggled.connect(self._on_input)
        self.ci_set.changed.connect(self._on_input)

    def _text(self, placeholder: str, height: int) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(height)
        box.setMaximumHeight(height * 2)
        return box

    def _on_input(self, *_args) -> None:
        if not self._filling:
            self.edited.emit()

    def set_choices(self, reference: ReferenceData, changes: tuple[tuple[str, str], ...]) -> None:
        self.service_id.set_shared_choices(reference.services)
        self.ci_id.set_shared_choices(reference.cis)
        self.fix_change_id.set_choices(changes)

    def set_detail(self, d: ProblemDetail) -> None:
        """Show `d`; problem-only fields are hidden for a major incident, the resolution for an unresolved one."""
        self._detail = d
        self._filling = True
        try:
            self.title.setText(d.title)
            for key in TEXTS:
                getattr(self, key).setPlainText(getattr(d, key) or "")
            self.service_id.set_current_id(d.service_id, self.tr("Unknown service"))
            self.ci_id.set_current_id(d.ci_id, self.tr("Unknown CI"))
            self.ci_set.set_items(d.listed_cis)
            self.impact.set_current_id(d.impact)
            self.urgency.set_current_id(d.urgency)
            self.cause_code.set_current_id(d.cause_code)
            self.fix_change_id.set_current_id(d.fix_change_id, d.fix_change_label or self.tr("Unknown change"))
            self.resolution_code.set_current_id(d.resolution_code)
            self.known_error.setChecked(d.known_error)
            self.known_error.setText(self.tr("Known error since {0}").format(local_time_text(d.known_error_at))
                                     if d.known_error else self.tr("Known error: the cause and a workaround are known"))
        finally:
            self._filling = False
        problem = d.type == "problem"
        label = self.layout_.labelForField(self.description)
        if isinstance(label, QLabel):
            label.setText(self.tr("Problem &statement") if problem else self.tr("&Description"))
        for key in ("ci_ids", "root_cause", "cause_code", "workaround", "known_error", "fix_notes", "fix_change_id"):
            self.layout_.setRowVisible(self._rows[key], problem)
        self.layout_.setRowVisible(self._rows["service_id"], True)
        self.set_resolving(problem and d.state == "resolved")
        for widget in self._rows.values():
            widget.setEnabled(not d.is_final)

    def set_resolving(self, shown: bool) -> None:
        for key in ("resolution_code", "resolution_notes"):
            self.layout_.setRowVisible(self._rows[key], shown)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title.text()}
        for key in TEXTS:
            out[key] = getattr(self, key).toPlainText()
        for key in ("service_id", "ci_id", "impact", "urgency", "cause_code", "fix_change_id", "resolution_code"):
            out[key] = getattr(self, key).current_id()
        out["known_error"] = self.known_error.isChecked()
        out["ci_ids"] = self.ci_set.ids()
        return out

    def changes(self) -> dict[str, Any]:
        """The fields whose input differs from the loaded problem (empty text equals no text)."""
        d = self._detail
        if d is None:
            return {}
        out = {}
        for key, value in self.values().items():
            if key == "ci_ids":
                if d.type == "problem" and value != tuple(sorted(c for c, _ in d.listed_cis)):
                    out[key] = value
                continue
            if d.type != "problem" and key in ("root_cause", "cause_code", "workaround", "known_error", "fix_notes",
                                               "fix_change_id", "resolution_code", "resolution_notes"):
                continue
            old = getattr(d, key)
            if (old or None) != (value or None) if isinstance(value, str) or value is None else old != value:
                out[key] = value
        return out
