"""The SLA policy editor: the policies in order, and the settings of the chosen one."""
# For the chosen one: its targets per priority, business hours per weekday in a time zone, holidays calendar, the
# ticket types it covers and the states that pause it.

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sla.policies import PRIORITIES, PolicyInfo, list_policies
from app.sla.tracking import save_policy
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.sla_text import duration_text
from app.ui.widgets.time_zones import zone_names
from core.errors import ValidationError
from core.tickets.workflow import TYPE_LABELS, WORKFLOWS

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SPAN = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)


def parse_span(text: str) -> int | None:
    """Seconds of "4 h", "30 m", "1 h 30 m", "2d" (business days of 24 h); None for an empty field."""
    match = _SPAN.match(text or "")
    if not (text or "").strip():
        return None
    if not match or not any(match.groups()):
        raise ValidationError(f"{text!r} is not a duration like 4 h or 30 m.")
    d, h, m = (int(g or 0) for g in match.groups())
    return ((d * 24 + h) * 60 + m) * 60


def parse_hours(text: str) -> tuple[tuple[str, str], ...]:
    """ "08:00-12:00, 13:00-17:00" -> (("08:00", "12:00"), ("13:00", "17:00")); empty means closed."""
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        start, sep, end = part.partition("-")
        if not sep:
            raise ValidationError(f"{part!r} is not a span like 08:00-18:00.")
        out.append((start.strip(), end.strip()))
    return tuple(out)


class SlaPolicyDialog(QDialog):
    """Edits one policy at a time; Save checks it, stores it and recomputes the open tickets' SLA."""

    policies_saved = Signal(int)  # open tickets recomputed

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("SLA policies"))
        self._policies: tuple[PolicyInfo, ...] = ()
        self.list = QListWidget(self)
        self.list.setMinimumWidth(180)
        self.list.setMaximumWidth(240)
        self.new_button = QPushButton(self.tr("New policy"), self)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.name = QLineEdit(self)
        self.active = QCheckBox(self.tr("Active"), self)
        self.types = {t: QCheckBox(self.tr(label), self) for t, label in TYPE_LABELS.items()}
        self.tz = QComboBox(self)
        self.tz.setEditable(True)
        self.tz.addItems(zone_names())
        self.holidays = QLineEdit(self)
        self.holidays.setPlaceholderText(self.tr("none"))
        self.hours = [QLineEdit(self) for _ in WEEKDAYS]
        self.response = [QLineEdit(self) for _ in PRIORITIES]
        self.resolution = [QLineEdit(self) for _ in PRIORITIES]
        holds = sorted({(s.key, s.label) for wf in WORKFLOWS.values() for s in wf.states if s.kind in ("open", "hold")})
        self.pauses = {key: QCheckBox(self.tr(label), self) for key, label in holds}
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close,
                                        self)
        self._build()
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.ctx.runner.query(list_policies, on_done=self._on_policies_loaded, owner=self, label="sla policies")

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow("", self.active)
        kinds = QHBoxLayout()
        for box in self.types.values():
            kinds.addWidget(box)
        kinds.addStretch(1)
        form.addRow(self.tr("Applies to"), kinds)
        form.addRow(self.tr("Time zone"), self.tz)
        form.addRow(self.tr("Holiday calendar"), self.holidays)
        hours = QGroupBox(self.tr("Business hours (e.g. 08:00-12:00, 13:00-17:00; empty: closed)"), self)
        grid = QFormLayout(hours)
        for day, edit in zip(WEEKDAYS, self.hours, strict=True):
            grid.addRow(self.tr(day), edit)
        targets = QGroupBox(self.tr("Targets in business time (e.g. 30 m, 4 h; empty: not measured)"), self)
        tgrid = QGridLayout(targets)
        tgrid.addWidget(QLabel(self.tr("Response"), self), 0, 1)
        tgrid.addWidget(QLabel(self.tr("Resolution"), self), 0, 2)
        for i, p in enumerate(PRIORITIES):
            tgrid.addWidget(QLabel(f"P{p}", self), i + 1, 0)
            tgrid.addWidget(self.response[i], i + 1, 1)
            tgrid.addWidget(self.resolution[i], i + 1, 2)
        pauses = QGroupBox(self.tr("The clocks pause in"), self)
        pgrid = QGridLayout(pauses)
        for i, box in enumerate(self.pauses.values()):
            pgrid.addWidget(box, i // 3, i % 3)
        right = QVBoxLayout()
        right.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(hours)
        column = QVBoxLayout()
        column.addWidget(targets)
        column.addWidget(pauses)
        row.addLayout(column)
        right.addLayout(row)
        right.addStretch(1)
        right.addWidget(self.error)
        right.addWidget(self.buttons)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        outer = QHBoxLayout(self)
        outer.addLayout(left)
        outer.addLayout(right, 1)

    def _on_policies_loaded(self, policies: tuple[PolicyInfo, ...]) -> None:
        current = self.list.currentRow()
        self._policies = policies
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([p.name if p.active else self.tr("{0} (inactive)").format(p.name) for p in policies])
        self.list.blockSignals(False)
        if policies:
            self.list.setCurrentRow(max(0, min(current, len(policies) - 1)))

    def _on_new_clicked(self) -> None:
        """A new policy starts as a copy of the one shown, under a new name, saved only on Save."""
        if not self._policies:
            return
        base = self._policies[max(0, self.list.currentRow())]
        copy = replace(base, id=None, name=self.tr("New policy"), active=False)
        self._policies = self._policies + (copy,)
        self.list.addItem(copy.name)
        self.list.setCurrentRow(len(self._policies) - 1)

    def _on_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._policies):
            self.show_policy(self._policies[row])

    def show_policy(self, p: PolicyInfo) -> None:
        self.error.clear_message()
        self.name.setText(p.name)
        self.active.setChecked(p.active)
        for key, box in self.types.items():
            box.setChecked(not p.types or key in p.types)
        self.tz.setCurrentText(p.tz)
        self.holidays.setText(p.holiday_calendar or "")
        for edit, day in zip(self.hours, p.week, strict=True):
            edit.setText(", ".join(f"{a}-{b}" for a, b in day))
        for i, (_, response, resolution) in enumerate(p.targets):
            self.response[i].setText(duration_text(response, days=False) if response else "")
            self.resolution[i].setText(duration_text(resolution, days=False) if resolution else "")
        hold = {s.key for wf in WORKFLOWS.values() for s in wf.states if s.kind == "hold"}
        for key, box in self.pauses.items():
            box.setChecked(key in (p.pause_states if p.pause_states is not None else hold))

    def edited(self) -> PolicyInfo:
        """The policy as the fields say; raises ValidationError for a field that cannot be read."""
        base = self._policies[self.list.currentRow()]
        types = tuple(k for k, box in self.types.items() if box.isChecked())
        if not types:
            raise ValidationError("Choose at least one ticket type.")
        targets = tuple((p, parse_span(self.response[i].text()), parse_span(self.resolution[i].text()))
                        for i, p in enumerate(PRIORITIES))
        return replace(base, name=self.name.text(), active=self.active.isChecked(),
                       types=() if len(types) == len(self.types) else types, tz=self.tz.currentText().strip(),
                       holiday_calendar=self.holidays.text(), week=tuple(parse_hours(e.text()) for e in self.hours),
                       targets=targets, pause_states=tuple(k for k, box in self.pauses.items() if box.isChecked()))

    def _on_save_clicked(self) -> None:
        if not self._policies:
            return
        try:
            info = self.edited()
        except ValidationError as exc:
            self.error.show_message(str(exc))
            return
        self.ctx.runner.op(save_policy, info=info, on_done=self._on_saved, on_error=self._on_save_failed, owner=self,
                           label="save sla policy")

    def _on_saved(self, recomputed: int) -> None:
        self.error.clear_message()
        self.ctx.events.status_message.emit(
            self.tr("SLA policy saved; %Ln open ticket(s) measured again.", "", recomputed))
        self.policies_saved.emit(recomputed)
        self.ctx.runner.query(list_policies, on_done=self._on_policies_loaded, owner=self, label="sla policies")

    def _on_save_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))
