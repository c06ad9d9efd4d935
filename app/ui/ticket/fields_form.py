"""The form of a ticket's ITIL fields: inputs, live priority, group-limited assignees, inline errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.tickets.records import TicketDetail
from app.tickets.writes import CHANNELS, TITLE_MAX
from app.ui.context import UiContext
from app.ui.labels import label_text
from app.ui.ticket.labels import state_kind
from app.ui.ticket.priority_field import PriorityField
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.caller_field import CallerField
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.selectable_label import SelectableLabel
from app.ui.widgets.time_text import local_time_text
from core.tickets.cc import ADDRESS_MAX, CC_MAX
from core.tickets.csat import CSAT_SOURCES
from core.tickets.priority import LEVELS, compute_priority
from core.tickets.workflow import ON_HOLD_REASONS, RESOLUTION_CODES, TYPE_LABELS

# Satisfaction is not among them: it is the requester's answer, shown read-only (with its source) and
# recorded through the editor's Record satisfaction… action (app.tickets.csat).
FIELDS = ("title", "description", "impact", "urgency", "priority", "category_id", "service_id", "ci_id",
          "requester_id", "cc", "group_id", "assignee_id", "channel", "on_hold_reason", "resolution_code",
          "resolution_notes")
NEW_TICKET_FIELDS = ("type",) + FIELDS[:13]
# Reference fields and where their choices come from in ReferenceData.
# The requester is a caller lookup over the directory instead (app.ui.widgets.caller_field).
CC_TEXT_MAX = CC_MAX * (ADDRESS_MAX + 2) + 200  # the typed list: room for names and separators too
_REFERENCES = {"category_id": "categories", "service_id": "services", "ci_id": "cis", "group_id": "groups"}


class TicketFieldsForm(QWidget, BuiltInSteps):
    """Edits a ticket's fields against a baseline (the loaded ticket, or a new ticket's defaults).

    `values()` holds every field; `changes()` only those that differ from the baseline, ready for
    `update_ticket`. Priority is None while it follows the matrix. GUI thread only.
    """

    edited = Signal()  # the user changed a value
    csat_requested = Signal()  # the user chose Record satisfaction…

    def __init__(self, ctx: UiContext, *, for_new: bool = False, parent: QWidget | None = None,
                 later: bool = False) -> None:
        """`later`: only start; the caller builds the rest with `build_step()`, one call per event-loop turn (the
        editor pool builds spare editors so: the whole form is ~10 ms of the GUI thread on the 1M store)."""
        super().__init__(parent)
        self._ctx = ctx
        self._fields = NEW_TICKET_FIELDS if for_new else FIELDS
        self._ticket: tuple[str, str] | None = None  # (type, state) of the loaded ticket
        self._csat: int | None = None
        self._csat_by_survey = False  # the requester's own answer: an agent's cannot replace it
        self._read_only = False
        self._baseline: dict[str, Any] = {}
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, InlineError] = {}
        self._rows: dict[str, QWidget] = {}
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._steps = self._parts()
        if not later:
            self.build_rest()

    def _parts(self) -> Iterator[None]:
        yield from self._build()
        self._fill_choices()
        self._update_rows()

    # ----- building

    def _build(self) -> Iterator[None]:
        if "type" in self._fields:
            self._add("type", self.tr("T&ype"), self._combo(None, TYPE_LABELS))
        title = QLineEdit(self)
        title.setMaxLength(TITLE_MAX)
        title.setPlaceholderText(self.tr("A short summary of the issue or request"))
        title.textEdited.connect(self._on_input_edited)
        self._add("title", self.tr("&Title"), title)
        self._add("description", self.tr("&Description"), self._text_box(140))
        self._add("impact", self.tr("&Impact"), self._combo(None, LEVELS, self._on_impact_urgency_changed))
        self._add("urgency", self.tr("&Urgency"), self._combo(None, LEVELS, self._on_impact_urgency_changed))
        priority = PriorityField(self)
        priority.edited.connect(self._on_input_edited)
        self._add("priority", self.tr("&Priority"), priority)
        self._add("category_id", self.tr("&Category"), self._combo(self.tr("(None)")))
        self._add("service_id", self.tr("S&ervice"), self._combo(self.tr("(None)")))
        self._add("ci_id", self.tr("Configuration ite&m"), self._combo(self.tr("(None)")))
        self._caller = CallerField(self._ctx, self)
        self._caller.edited.connect(self._on_input_edited)
        self._add("requester_id", self.tr("&Requester"), self._caller)
        yield
        cc = QLineEdit(self)
        cc.setMaxLength(CC_TEXT_MAX)
        cc.setPlaceholderText(self.tr("Mail addresses copied on the ticket's mail, separated by commas"))
        cc.setToolTip(self.tr("The team server copies replies and ticket events (not the survey) to these "
                              "addresses; a mail from one of them is added to the ticket."))
        cc.textEdited.connect(self._on_input_edited)
        self._add("cc", self.tr("CC (&watchers)"), cc)
        self._add("group_id", self.tr("Assignment &group"),
                  self._combo(self.tr("(None)"), None, self._on_group_changed))
        self._add("assignee_id", self.tr("&Assignee"), self._combo(self.tr("(Unassigned)")))
        self._add("channel", self.tr("C&hannel"), self._combo(None, CHANNELS))
        if "on_hold_reason" not in self._fields:
            return
        self._add_csat_row()
        self._add("on_hold_reason", self.tr("O&n-hold reason"), self._combo(self.tr("(None)"), ON_HOLD_REASONS))
        self._add("resolution_code", self.tr("Reso&lution code"), self._combo(self.tr("(None)"), RESOLUTION_CODES))
        self._add("resolution_notes", self.tr("Resolution note&s"), self._text_box(90))

    def _add_csat_row(self) -> None:
        """Satisfaction, read-only with where it came from, and the action that records a new answer."""
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.csat_text = SelectableLabel(row)
        self.csat_text.setWordWrap(True)
        self.csat_button = QPushButton(self.tr("Record satisfaction…"), row)
        self.csat_button.setObjectName("RecordCsatButton")
        self.csat_button.setToolTip(self.tr("Record the requester's answer and where it came from"))
        self.csat_button.clicked.connect(self.csat_requested)
        line.addWidget(self.csat_text, 1)
        line.addWidget(self.csat_button)
        label = QLabel(self.tr("Satisfaction"), self)
        self.csat_text.setAccessibleName(self.tr("Satisfaction"))
        self._layout.addRow(label, row)
        self._rows["csat_score"] = row

    def _show_csat(self, detail: TicketDetail) -> None:
        self._csat = detail.csat_score
        self._csat_by_survey = detail.csat_source == "survey"
        if detail.csat_score is None:
            text = self.tr("Not rated")
        elif detail.csat_source == "survey":
            text = self.tr("{0} of 5, from the requester's survey, {1}").format(
                detail.csat_score, local_time_text(detail.csat_at)).rstrip(", ")
        elif detail.csat_source:
            text = self.tr("{0} of 5, from {1}").format(
                detail.csat_score, self.tr(CSAT_SOURCES.get(detail.csat_source, detail.csat_source)).lower())
        else:
            text = self.tr("{0} of 5 (recorded on another desk)").format(detail.csat_score)
        if detail.csat_comment:
            text += "\n" + detail.csat_comment
        self.csat_text.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        """A final ticket: every input shows its value and can be copied, none can be changed."""
        self._read_only = read_only
        for widget in self._inputs.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def _combo(self, none_label: str | None, items: dict | None = None, react=None) -> ChoiceCombo:
        combo = ChoiceCombo(none_label, self)
        if items is not None:
            combo.set_choices((key, label_text(label)) for key, label in items.items())
        if react is not None:  # before `edited`, so listeners see dependent fields already updated
            combo.currentIndexChanged.connect(react)
        combo.currentIndexChanged.connect(self._on_input_edited)
        return combo

    def _text_box(self, height: int) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(height)
        box.textChanged.connect(self._on_input_edited)
        return box

    def _add(self, field: str, label_text: str, widget: QWidget) -> None:
        row = QWidget(self)
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = InlineError(row)
        column.addWidget(error)
        label = QLabel(label_text, self)
        label.setBuddy(widget)
        widget.setAccessibleName(label_text.replace("&", ""))
        self._layout.addRow(label, row)
        self._inputs[field], self._errors[field], self._rows[field] = widget, error, row

    def _fill_choices(self) -> None:
        ref = self._ctx.reference
        missing = self.tr("Unknown (not in this desk's data)")
        for field, kind in _REFERENCES.items():
            self._inputs[field].set_shared_choices(getattr(ref, kind), missing_label=missing)
        self._caller.refresh()
        self._fill_assignees(self._inputs["assignee_id"].current_id())

    def _fill_assignees(self, keep: str | None) -> None:
        ref = self._ctx.reference
        names = {c.id: c.name for c in ref.agents}
        group_id = self._inputs["group_id"].current_id()
        ids = ref.members.get(group_id, ()) if group_id else names
        choices = sorted(((i, names[i]) for i in ids if i in names), key=lambda c: c[1].lower())
        missing = (self.tr("{} (not in this group)").format(names[keep]) if keep in names
                   else self.tr("Unknown (not in this desk's data)"))
        self._inputs["assignee_id"].set_choices(choices, keep=keep, missing_label=missing)

    # ----- values

    def values(self) -> dict[str, Any]:
        return {field: self._get(field) for field in self._fields}

    def changes(self) -> dict[str, Any]:
        return {f: v for f, v in self.values().items() if v != self._baseline.get(f)}

    def set_detail(self, detail: TicketDetail, keep: dict[str, Any] | None = None) -> None:
        """Make `detail` the baseline, then put `keep` (unsaved values) back on top of it."""
        self._ticket = (detail.type, detail.state)
        values = {f: getattr(detail, f) for f in FIELDS}
        values.update(priority=detail.priority if detail.priority_overridden else None,
                      description=detail.description or "", resolution_notes=detail.resolution_notes or "")
        self._apply(values)
        # What the widgets show is the baseline: a stored override equal to today's matrix value is none.
        self._baseline = self.values()
        self._apply(keep or {})
        if "on_hold_reason" in self._fields:
            self._show_csat(detail)
        self._update_rows()

    def set_defaults(self, values: dict[str, Any]) -> None:
        """For a new ticket: the starting values, which count as unchanged."""
        self._apply(values)
        self._baseline = self.values()
        self._update_rows()

    def apply_values(self, values: dict[str, Any]) -> None:
        """Put values in as if typed (a restored draft, the fields a state move asked for)."""
        self._apply(values)
        self._update_rows()
        self.edited.emit()

    def _apply(self, values: dict[str, Any]) -> None:
        for field in self._fields:  # impact and urgency before priority, group before assignee
            if field in values:
                self._set(field, values[field])

    def _get(self, field: str) -> Any:
        widget = self._inputs[field]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, PriorityField):
            return widget.value()
        return widget.current_id()

    def _set(self, field: str, value: Any) -> None:
        widget = self._inputs[field]
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != (value or ""):
                widget.blockSignals(True)
                widget.setPlainText(value or "")
                widget.blockSignals(False)
        elif isinstance(widget, PriorityField):
            widget.set_value(value)
        elif field == "assignee_id":
            self._fill_assignees(value)
        else:
            retired = self._ctx.reference.retired.get(value or "")
            widget.set_current_id(value, missing_label=self.tr("{0} (retired)").format(retired) if retired
                                  else self.tr("Unknown (not in this desk's data)"))
            if field == "group_id":
                self._fill_assignees(self._inputs["assignee_id"].current_id())
            elif field in ("impact", "urgency"):
                self._update_priority()

    # ----- errors and focus

    def show_error(self, field: str | None, message: str) -> bool:
        """Show `message` under `field` and focus it; False when the form has no such field."""
        if field not in self._errors:
            return False
        self._errors[field].show_message(message)
        self._update_rows()
        self.focus_field(field)
        return True

    def error_text(self, field: str) -> str:
        """The error shown under `field` (empty when none)."""
        return self._errors[field].text()

    def is_row_shown(self, field: str) -> bool:
        return self._layout.isRowVisible(self._rows[field])

    def clear_errors(self) -> None:
        for error in self._errors.values():
            error.clear_message()
        self._update_rows()

    def focus_field(self, field: str) -> None:
        widget = self._inputs.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def input_widget(self, field: str) -> QWidget:
        return self._inputs[field]

    def title_problem(self) -> str:
        """Why the title cannot be saved, or an empty string."""
        return self.tr("The title is required.") if not self._get("title") else ""

    def reload_choices(self) -> None:
        """Refill the pickers after reference data changed, keeping every value."""
        self._fill_choices()

    # ----- reactions

    def _update_priority(self) -> None:
        impact, urgency = self._inputs["impact"].current_id(), self._inputs["urgency"].current_id()
        if impact in LEVELS and urgency in LEVELS:
            self._inputs["priority"].set_matrix_value(compute_priority(impact, urgency, self._ctx.matrix))

    def _update_rows(self) -> None:
        """Show on-hold, resolution and satisfaction rows only when they mean something."""
        if "on_hold_reason" not in self._fields:
            return
        kind = state_kind(*self._ticket) if self._ticket else "open"
        done = kind in ("resolved", "closed")
        on_hold = self._ticket is not None and self._ticket[1] == "on_hold"
        resolution = (done or self._get("resolution_code") is not None or bool(self._get("resolution_notes"))
                      or self._has_error("resolution_code", "resolution_notes"))
        shown = {"on_hold_reason": on_hold or self._get("on_hold_reason") is not None,
                 "resolution_code": resolution, "resolution_notes": resolution}
        for field, visible in shown.items():
            self._layout.setRowVisible(self._rows[field], visible or self._has_error(field))
        # Satisfaction is asked once the work is done; a score from before a reopen stays visible.
        self._layout.setRowVisible(self._rows["csat_score"], done or self._csat is not None)
        self.csat_button.setEnabled(done and not self._csat_by_survey)

    def _has_error(self, *fields: str) -> bool:
        return any(self._errors[f].text() for f in fields)

    def _on_impact_urgency_changed(self, _index: int) -> None:
        self._update_priority()

    def _on_group_changed(self, _index: int) -> None:
        group_id, assignee = self._inputs["group_id"].current_id(), self._inputs["assignee_id"].current_id()
        keep = group_id is None or assignee in self._ctx.reference.members.get(group_id, ())
        self._fill_assignees(assignee if keep else None)

    def _on_input_edited(self, *_args) -> None:
        self.edited.emit()


PICKER_ROWS_PER_PART = 10_000  # of a picker's row index per event-loop turn (50,000 CIs: ~20 ms at once)


def prepare_pickers(ctx: UiContext) -> Iterator[None]:
    """Build the shared picker models for the current reference data (call when idle) and their row indexes, so
    the first ticket opened does not pay for turning thousands of requesters and CIs into items (the indexes alone
    were ~35 ms of the first ticket opened on the 1M demo store; the names by id come indexed with the reference
    data, `ReferenceData.index_names`). A generator: one part per next(), each a few ms of the GUI thread, for the
    idle time between event-loop turns."""
    form = TicketFieldsForm(ctx, later=True)
    while not form.build_step():
        yield
    yield
    for combo in form.findChildren(ChoiceCombo):
        while not combo.prepare(PICKER_ROWS_PER_PART):
            yield
    form.deleteLater()
