"""The change editor's review tabs: conflicts at the times in the form, and the change's history."""
# Conflicts come with the next free slot; the history is in readable values.

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.changes.detail import ChangeDetail
from app.changes.planning import ConflictReport, change_conflicts
from app.ui.changes.labels import outcome_label, risk_colour, risk_label, state_label
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.time_text import local_time_text


class ConflictsView(QWidget):
    """Conflicts at the times in the form (saved or not), and a move to the next free slot."""

    slot_chosen = Signal(object, object)  # start, end (aware UTC)
    checked = Signal(int, bool)  # conflicts found, whether one is a blocking freeze

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self._report: ConflictReport | None = None
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("ConflictStatus")
        self.status.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("ConflictList")
        self.list.setWordWrap(True)
        self.move_button = QPushButton(self.tr("Move to next free slot"), self)
        self.move_button.setObjectName("NextSlotButton")
        self.move_button.setEnabled(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.move_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.move_button.clicked.connect(self._on_move_clicked)

    def check(self, change_id: str, start: datetime | None, end: datetime | None, ci_ids: tuple[str, ...],
              assignee_id: str | None, active: bool) -> None:
        """Look the conflicts up for these (maybe unsaved) values; a newer check wins."""
        self._generation += 1
        gen = self._generation
        if not active:
            self._show(gen, None, self.tr("Closed and canceled changes hold no slot on the calendar."))
            return
        if start is None or end is None or end <= start:
            self._show(gen, None, self.tr("Set a planned start and a later planned end to check for conflicts."))
            return

        self.status.setText(self.tr("Checking…"))
        self.ctx.runner.query(change_conflicts, change_id=change_id, start=start, end=end, ci_ids=ci_ids,
                              assignee_id=assignee_id, keep_assignee=False, on_done=lambda r: self._show(gen, r, ""),
                              on_error=lambda exc: self._show(gen, None, describe_error(exc)), owner=self,
                              label="conflicts")

    def conflict_count(self) -> int:
        return len(self._report.conflicts) if self._report else 0

    def _show(self, gen: int, report: ConflictReport | None, message: str) -> None:
        if gen != self._generation:
            return
        self._report = report
        self.list.clear()
        self.move_button.setEnabled(False)
        conflicts = report.conflicts if report is not None else ()
        self.checked.emit(len(conflicts), any(c.severity == "blocking" for c in conflicts))
        if report is None:
            self.status.setText(message)
            return
        if not report.conflicts:
            self.status.setText(self.tr("No conflicts at these times."))
            return
        dark = is_dark()
        for c in report.conflicts:
            blocking = c.severity == "blocking"
            item = QListWidgetItem((self.tr("Blocks scheduling: ") if blocking else "⚠ ") + c.text)
            item.setForeground(QColor(risk_colour("high" if blocking else "moderate", dark)))
            if blocking:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        if report.next_slot is None:
            self.status.setText(self.tr("{0} conflicts. No free slot in the next 90 days.").format(
                len(report.conflicts)))
        else:
            self.status.setText(self.tr("{0} conflicts. Next free slot: {1} to {2}.").format(
                len(report.conflicts), local_time_text(report.next_slot[0]), local_time_text(report.next_slot[1])))
            self.move_button.setEnabled(True)

    def _on_move_clicked(self) -> None:
        if self._report is not None and self._report.next_slot is not None:
            self.slot_chosen.emit(*self._report.next_slot)


class HistoryView(QTreeWidget):
    """Who changed what and when (newest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangeHistory")
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Field"), self.tr("From"), self.tr("To")])
        self.setColumnWidth(0, 130)
        self.setColumnWidth(1, 140)
        self.setColumnWidth(2, 120)

    def set_detail(self, d: ChangeDetail, ci_names: dict[str, str]) -> None:
        self.clear()
        for h in d.history:
            old, new = (_readable(h.field, v, ci_names) for v in (h.old_value, h.new_value))
            item = QTreeWidgetItem([local_time_text(h.at), h.actor, h.field.replace("_", " "), old, new])
            item.setToolTip(3, plain_tooltip(old))
            item.setToolTip(4, plain_tooltip(new))
            self.addTopLevelItem(item)


def _readable(field: str, value: str | None, ci_names: dict[str, str]) -> str:
    """An audited value as a person reads it: CI names for the CI list, local time for times."""
    if not value:
        return ""
    if field == "ci_ids":
        return ", ".join(sorted(ci_names.get(i, i) for i in value.split(",") if i))
    if field in ("state", "risk", "risk_proposed", "outcome"):
        label = {"state": state_label, "outcome": outcome_label}.get(field, risk_label)(value)
        return label or value
    if field.endswith("_start") or field.endswith("_end") or field.endswith("_at"):
        try:
            return local_time_text(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value
