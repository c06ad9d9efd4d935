"""Inputs the change editor needs beyond the stock ones: an optional local date-time and a CI picker."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.tickets.records import Choice

_UNSET = QDateTime.fromSecsSinceEpoch(946_684_800)  # 2000-01-01: the minimum, shown as "Not set"


class OptionalDateTimeEdit(QDateTimeEdit):
    """A date and time in the user's time zone, or nothing. value() is aware UTC or None: the value given
    to set_value(), to the microsecond, while the field still shows it; whole minutes once the user edits."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(_UNSET)
        self.setSpecialValueText(self.tr("Not set"))
        self.setDateTime(_UNSET)
        # What set_value() was given and what that showed: the field shows minutes only, so a time with
        # seconds read back as whole minutes looked edited the moment it was loaded.
        self._given: tuple[QDateTime, datetime] | None = None
        self.dateTimeChanged.connect(lambda _v: self.edited.emit())

    def value(self) -> datetime | None:
        qdt = self.dateTime()
        if qdt <= _UNSET:
            return None
        if self._given is not None and qdt == self._given[0]:
            return self._given[1]
        return datetime.fromtimestamp(qdt.toSecsSinceEpoch() // 60 * 60, UTC)

    def set_value(self, when: datetime | None) -> None:
        self.blockSignals(True)
        self.setDateTime(_UNSET if when is None else QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        self.blockSignals(False)
        self._given = None if when is None else (self.dateTime(), when.astimezone(UTC))

    def stepBy(self, steps: int) -> None:
        # Stepping up from "Not set" starts at the next full hour, not in the year 2000.
        if self.value() is None and steps > 0:
            now = QDateTime.currentDateTime()
            now = now.addSecs(3600 - now.time().minute() * 60 - now.time().second())
            self.setDateTime(now)
            return
        super().stepBy(steps)


class CiPicker(QWidget):
    """Several CIs: a list of the chosen ones, a searchable combo to add one, and Remove."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("CiList")
        self.list.setMaximumHeight(96)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_combo = QComboBox(self)
        self.add_combo.setObjectName("CiAddCombo")
        self.add_combo.setEditable(True)
        self.add_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_combo.lineEdit().setPlaceholderText(self.tr("Add a CI by name…"))
        completer = self.add_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_combo, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._names: dict[str, str] = {}
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_combo.activated.connect(lambda _i: self._on_add_clicked())
        self.remove_button.clicked.connect(self._on_remove_clicked)

    def set_choices(self, cis: Sequence[Choice]) -> None:
        self._names = {c.id: c.name for c in cis}
        self.add_combo.blockSignals(True)
        self.add_combo.clear()
        for c in cis:
            self.add_combo.addItem(c.name, c.id)
        self.add_combo.setCurrentIndex(-1)
        self.add_combo.blockSignals(False)

    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())))

    def set_ids(self, chosen: Sequence[Choice]) -> None:
        self.list.clear()
        for c in sorted(chosen, key=lambda c: c.name):
            self._append(c.id, c.name)

    def add_id(self, ci_id: str) -> None:
        if ci_id in self.ids():
            return
        self._append(ci_id, self._names.get(ci_id, ci_id))
        self.edited.emit()

    def _append(self, ci_id: str, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, ci_id)
        self.list.addItem(item)

    def _on_add_clicked(self) -> None:
        text = self.add_combo.currentText().strip()
        index = self.add_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.add_id(self.add_combo.itemData(index))
            self.add_combo.setCurrentIndex(-1)
            self.add_combo.clearEditText()

    def _on_remove_clicked(self) -> None:
        items = self.list.selectedItems()
        for item in items:
            self.list.takeItem(self.list.row(item))
        if items:
            self.edited.emit()
