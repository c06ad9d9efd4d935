"""The dashboard's filter bar: period presets or custom dates, and group, service, priority and type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from app.people.reference import ReferenceData
from app.ui import labels
from core.tickets.workflow import TYPE_LABELS

# Changes made in one turn (Reset clears four menus and the preset; a preset sets both dates) make one request, on
# the next turn: no longer a wait of 250 ms for more ticks, which every filter change paid before its figures were
# even asked for. A newer request interrupts the older one on the read pool, so ticks in quick succession cost
# no queue.
CHANGE_DELAY_MS = 0


@dataclass(frozen=True)
class FilterChoice:
    """What the bar says; the worker resolves the preset in the reporting calendar's zone."""

    preset: str = "90d"
    custom: tuple[date, date] | None = None
    group_ids: tuple[str, ...] = ()
    service_ids: tuple[str, ...] = ()
    priorities: tuple[int, ...] = ()
    types: tuple[str, ...] = ()


class MultiChoiceButton(QToolButton):
    """A button with a menu of checkable values; its text says what is chosen."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.setAccessibleName(title)
        self._actions: list[QAction] = []
        self._refresh_text()

    def set_choices(self, choices: list[tuple[object, str]]) -> None:
        chosen = set(self.values())
        self.menu().clear()
        self._actions = []
        for value, label in choices:
            action = self.menu().addAction(label)
            action.setCheckable(True)
            action.setData(value)
            action.setChecked(value in chosen)
            action.toggled.connect(self._on_action_toggled)
            self._actions.append(action)
        self.menu().addSeparator()
        self.menu().addAction(self.tr("Any"), self.clear)
        self._refresh_text()

    def values(self) -> tuple:
        return tuple(a.data() for a in self._actions if a.isChecked())

    def labels(self) -> list[str]:
        return [a.text() for a in self._actions if a.isChecked()]

    def clear(self) -> None:
        if not self.values():
            return
        for action in self._actions:
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._refresh_text()
        self.changed.emit()

    def _on_action_toggled(self, _checked: bool) -> None:
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        chosen = self.labels()
        if not chosen:
            self.setText(self.tr("{0}: any").format(self.title))
        elif len(chosen) == 1:
            self.setText(f"{self.title}: {chosen[0]}")
        else:
            self.setText(self.tr("{0}: {1} chosen").format(self.title, len(chosen)))


class DashboardFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox(self)
        self.preset.setAccessibleName(self.tr("Period"))
        for key, text in (("7d", self.tr("Last 7 days")), ("30d", self.tr("Last 30 days")),
                          ("90d", self.tr("Last 90 days")), ("12m", self.tr("Last 12 months")),
                          ("this_month", self.tr("This month")), ("last_month", self.tr("Last month")),
                          ("this_quarter", self.tr("This quarter")), ("ytd", self.tr("Year to date")),
                          ("custom", self.tr("Custom range…"))):
            self.preset.addItem(text, key)
        self.preset.setCurrentIndex(self.preset.findData("90d"))
        self.date_from = QDateEdit(self, calendarPopup=True)
        self.date_to = QDateEdit(self, calendarPopup=True)
        for edit, name in ((self.date_from, self.tr("From")), (self.date_to, self.tr("To"))):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setDate(QDate.currentDate())
            edit.dateChanged.connect(self._on_dates_changed)
        self.dash = QLabel("–", self)
        self.groups = MultiChoiceButton(self.tr("Group"), self)
        self.services = MultiChoiceButton(self.tr("Service"), self)
        self.priorities = MultiChoiceButton(self.tr("Priority"), self)
        self.types = MultiChoiceButton(self.tr("Type"), self)
        self.priorities.set_choices([(p, labels.priority(p)) for p in range(1, 6)])
        self.types.set_choices([(key, labels.ticket_type(key)) for key in TYPE_LABELS])
        self.reset = QToolButton(self)
        self.reset.setText(self.tr("Reset"))
        self.reset.clicked.connect(self.clear)
        self._timer = QTimer(self, singleShot=True, interval=CHANGE_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.preset, self.date_from, self.dash, self.date_to, self.groups, self.services, self.priorities,
                  self.types, self.reset):
            layout.addWidget(w)
        layout.addStretch(1)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        for button in (self.groups, self.services, self.priorities, self.types):
            button.changed.connect(self._timer.start)
        self._show_custom(False)

    def set_reference(self, ref: ReferenceData) -> None:
        self.groups.set_choices([(c.id, c.name) for c in ref.groups] + [("", self.tr("(no group)"))])
        self.services.set_choices([(c.id, c.name) for c in ref.services] + [("", self.tr("(no service)"))])

    def set_period(self, first: date, last: date) -> None:
        """Show the period the dashboard computed (the dates a preset meant), without a new request."""
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def choice(self) -> FilterChoice:
        preset = self.preset.currentData()
        custom = None
        if preset == "custom":
            first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
            custom = (min(first, last), max(first, last))
        return FilterChoice(preset, custom, self.groups.values(), self.services.values(), self.priorities.values(),
                            self.types.values())

    def describe(self) -> str:
        parts = ["{}: {}".format(b.title, ", ".join(b.labels())) for b in
                 (self.groups, self.services, self.priorities, self.types) if b.values()]
        return "; ".join(parts) if parts else self.tr("none (all tickets)")

    def clear(self) -> None:
        for button in (self.groups, self.services, self.priorities, self.types):
            button.blockSignals(True)
            button.clear()
            button.blockSignals(False)
        self.preset.setCurrentIndex(self.preset.findData("90d"))
        self._timer.start()

    def _on_preset_changed(self, _index: int) -> None:
        self._show_custom(self.preset.currentData() == "custom")
        self._timer.start()

    def _on_dates_changed(self, _day) -> None:
        if self.preset.currentData() == "custom":
            self._timer.start()

    def _show_custom(self, custom: bool) -> None:
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
