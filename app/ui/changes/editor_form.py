"""The change editor's fields: inputs, the risk proposal, inline errors, and the edits made so far."""
# The risk proposal comes with its reasons and an override; the edits made so far are the dict update_change takes.

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.changes.detail import ChangeDetail
from app.ui.changes.inputs import CiPicker, OptionalDateTimeEdit
from app.ui.changes.labels import RISK_KEYS, risk_colour, risk_label
from app.ui.context import UiContext
from app.ui.theme import is_dark
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.inline_error import InlineError

TIME_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
PLAN_FIELDS = ("implementation_plan", "backout_plan", "test_plan")
CALCULATED = "__calculated__"


class ChangeForm(QWidget):
    """Inputs for one change. `changes()` gives what differs from the loaded detail."""

    edited = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: ChangeDetail | None = None
        self.errors: dict[str, InlineError] = {}
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setMaxLength(300)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setMaximumHeight(80)
        self.group = ChoiceCombo(self.tr("(No group)"), self)
        self.group.setObjectName("group_id")
        self.assignee = ChoiceCombo(self.tr("(Unassigned)"), self)
        self.assignee.setObjectName("assignee_id")
        self.times = {f: OptionalDateTimeEdit(self) for f in TIME_FIELDS}
        for f, w in self.times.items():
            w.setObjectName(f)
        self.cis = CiPicker(self)
        self.cis.setObjectName("ci_ids")
        self.plans = {f: QPlainTextEdit(self) for f in PLAN_FIELDS}
        for f, w in self.plans.items():
            w.setObjectName(f)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        zone = self.tr("times in your time zone")
        for field, label, widget in (
                ("title", self.tr("&Title"), self.title), ("description", self.tr("&Description"), self.description),
                ("group_id", self.tr("&Group"), self.group), ("assignee_id", self.tr("&Assignee"), self.assignee),
                ("planned_start", self.tr("Planned &start"), self.times["planned_start"]),
                ("planned_end", self.tr("Planned &end"), self.times["planned_end"]),
                ("actual_start", self.tr("Actual start"), self.times["actual_start"]),
                ("actual_end", self.tr("Actual end"), self.times["actual_end"]),
                ("ci_ids", self.tr("Affected &CIs"), self.cis)):
            form.addRow(label, self._with_error(field, widget))
        self.times["planned_start"].setToolTip(zone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self._risk_box())
        layout.addStretch(1)
        self.title.textEdited.connect(self._changed)
        self.description.textChanged.connect(self._changed)
        self.group.currentIndexChanged.connect(self._on_group_changed)
        self.assignee.currentIndexChanged.connect(self._changed)
        for w in self.times.values():
            w.edited.connect(self._changed)
        for w in self.plans.values():
            w.textChanged.connect(self._changed)
        self.cis.edited.connect(self._changed)
        self.risk_override.currentIndexChanged.connect(self._on_override_changed)
        self.risk_reason.textEdited.connect(self._changed)
        self._loading = False
        self.refresh_reference()

    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        self.errors[field] = InlineError(box)
        col.addWidget(self.errors[field])
        return box

    def _risk_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Risk"), self)
        self.risk_level = QLabel(box)
        self.risk_level.setTextFormat(Qt.TextFormat.PlainText)
        self.risk_level.setObjectName("RiskLevel")
        self.risk_reasons = QLabel(box)
        self.risk_reasons.setObjectName("RiskReasons")
        self.risk_reasons.setWordWrap(True)
        self.risk_reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.risk_override = QComboBox(box)
        self.risk_override.setObjectName("RiskOverride")
        self.risk_override.addItem(self.tr("Use the calculated risk"), CALCULATED)
        for key in RISK_KEYS:
            self.risk_override.addItem(self.tr("Set to {0}").format(risk_label(key).lower()), key)
        self.risk_reason = QLineEdit(box)
        self.risk_reason.setObjectName("risk_reason")
        self.risk_reason.setPlaceholderText(self.tr("Why the calculated risk does not fit (required to override)"))
        form = QFormLayout(box)
        form.addRow(self.tr("Applies"), self.risk_level)
        form.addRow(self.tr("Calculated"), self.risk_reasons)
        form.addRow(self.tr("Override"), self.risk_override)
        form.addRow(self.tr("Reason"), self._with_error("risk_reason", self.risk_reason))
        self.errors["risk"] = self.errors["risk_reason"]
        return box

    # ---- loading -------------------------------------------------------------------------------
    def refresh_reference(self) -> None:
        ref = self.ctx.reference
        self.group.set_shared_choices(ref.groups)
        self.cis.set_choices(ref.cis)
        self._fill_assignees(self.assignee.current_id())

    def _fill_assignees(self, keep: str | None) -> None:
        ref = self.ctx.reference
        group_id = self.group.current_id()
        names = {c.id: c.name for c in ref.agents}
        ids = ref.members.get(group_id, ()) if group_id else tuple(names)
        choices = sorted(((i, names.get(i, "")) for i in ids if i in names), key=lambda p: p[1])
        self.assignee.set_choices(choices, keep=keep, missing_label=self.tr("(someone outside the group)"))

    def set_detail(self, d: ChangeDetail) -> None:
        """Show `d`; unsaved edits are dropped (the editor re-applies them when it wants to keep them)."""
        self._loading = True
        self.detail = d
        self.title.setText(d.title)
        self.description.setPlainText(d.description)
        self.group.set_current_id(d.group_id)
        self._fill_assignees(d.assignee_id)
        for f, w in self.times.items():
            w.set_value(getattr(d, f))
        self.cis.set_ids(d.cis)
        for f, w in self.plans.items():
            w.setPlainText(getattr(d, f))
        self.risk_override.setCurrentIndex(self.risk_override.findData(d.risk if d.risk_overridden else CALCULATED))
        self.risk_reason.setText(d.risk_reason or "")
        self._show_risk(d)
        for w in (self.title, self.description, self.group, self.assignee, self.cis, *self.times.values(),
                  *self.plans.values(), self.risk_override, self.risk_reason):
            w.setEnabled(d.is_active)
        self._loading = False
        self._on_override_changed()

    def _show_risk(self, d: ChangeDetail) -> None:
        colour = risk_colour(d.risk, is_dark())
        text = risk_label(d.risk)
        if d.risk_overridden:
            text = self.tr("{0} (set by hand; calculated: {1})").format(text, risk_label(d.risk_proposed).lower())
        self.risk_level.setText(text)
        self.risk_level.setStyleSheet(f"font-weight: bold; color: {colour};")
        self.risk_reasons.setText(self.tr("{0}, score {1}:").format(risk_label(d.risk_proposed), d.risk_score)
                                  + "\n" + "\n".join("• " + r for r in d.risk_reasons))

    # ---- editing -------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def _on_group_changed(self, *_args) -> None:
        self._fill_assignees(self.assignee.current_id())
        self._changed()

    def _on_override_changed(self, *_args) -> None:
        self.risk_reason.setEnabled(bool(self.detail and self.detail.is_active)
                                    and self.risk_override.currentData() != CALCULATED)
        self._changed()

    def changes(self) -> tuple[dict[str, Any], bool]:
        """(field edits for update_change, whether to clear the risk override)."""
        d = self.detail
        if d is None:
            return {}, False
        out: dict[str, Any] = {}
        if self.title.text().strip() != d.title:
            out["title"] = self.title.text()
        if self.description.toPlainText() != d.description:
            out["description"] = self.description.toPlainText()
        for f, w in self.plans.items():
            if w.toPlainText() != getattr(d, f):
                out[f] = w.toPlainText()
        if self.group.current_id() != d.group_id:
            out["group_id"] = self.group.current_id()
        if self.assignee.current_id() != d.assignee_id:
            out["assignee_id"] = self.assignee.current_id()
        for f, w in self.times.items():
            if w.value() != getattr(d, f):
                out[f] = w.value()
        if self.cis.ids() != tuple(sorted(d.ci_ids)):
            out["ci_ids"] = list(self.cis.ids())
        wanted = self.risk_override.currentData()
        clear = wanted == CALCULATED and d.risk_overridden
        reason = self.risk_reason.text().strip()
        if wanted != CALCULATED and (not d.risk_overridden or wanted != d.risk or reason != (d.risk_reason or "")):
            out["risk"], out["risk_reason"] = wanted, reason
        return out, clear

    def show_error(self, field: str | None, message: str) -> bool:
        """Show `message` under its field; False when no field shows it (the caller shows it above)."""
        target = self.errors.get(field or "")
        if target is None:
            return False
        target.show_message(message)
        return True

    def clear_errors(self) -> None:
        for e in set(self.errors.values()):
            e.clear_message()
