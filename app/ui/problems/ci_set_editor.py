"""The problem form's other affected CIs: the list, a type-ahead to add one (over app.problems.cis.ci_choices,
run by the caller through the runner) and Remove for the selected ones."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets.safe_text import one_line

ID_ROLE = Qt.ItemDataRole.UserRole
DEBOUNCE_MS = 150


class CiSetEditor(QWidget):
    """Holds a set of (id, name); `changed` fires when the user adds or removes one, `lookup_requested`
    carries the typed text after a pause (the owner answers with `set_suggestions`)."""

    changed = Signal()
    lookup_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setSpacing(2)
        self.list.setMaximumHeight(56)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Type a CI name to add it"))
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.box.setCompleter(self.completer)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 1)
        row.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addLayout(row)
        self._choices: dict[str, str] = {}  # label -> id, of the latest suggestions
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.lookup_requested.emit(self.box.text().strip()))
        self.box.textEdited.connect(lambda _t: self._timer.start())
        self.completer.activated.connect(self._add_label)
        self.box.returnPressed.connect(lambda: self._add_label(self.box.text()))
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_items(self, items: tuple[tuple[str, str], ...]) -> None:
        """Show the set (no `changed`)."""
        self.list.clear()
        for ci_id, name in items:
            self._append(ci_id, name)
        self._update_buttons()

    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(self.list.item(i).data(ID_ROLE) for i in range(self.list.count())))

    def set_suggestions(self, choices: tuple[tuple[str, str], ...]) -> None:
        self._choices = {label: ci_id for ci_id, label in choices}
        self.suggestions.setStringList(list(self._choices))
        if choices and self.box.hasFocus():
            self.completer.complete()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 (Qt's name)
        super().setEnabled(enabled)
        self._update_buttons()

    def _append(self, ci_id: str, name: str) -> None:
        item = QListWidgetItem(one_line(name, 80), self.list)
        item.setData(ID_ROLE, ci_id)
        item.setToolTip(one_line(name, 300))

    def _add_label(self, label: str) -> None:
        ci_id = self._choices.get(label.strip())
        if ci_id is None:
            return
        if ci_id not in self.ids():
            self._append(ci_id, label.strip())
            self.changed.emit()
        # Cleared after the completer has written its choice into the box.
        QTimer.singleShot(0, self, self.box.clear)
        self._update_buttons()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.isEnabled() and bool(self.list.selectedItems()))
