"""The queue's filter bar: a search field (debounced) and quick filters as checkable menus."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from app.services.priority import PRIORITY_LABELS
from app.services.queue import ME, UNASSIGNED, QueueFilter
from app.services.reference import ReferenceData
from app.services.workflow import TYPE_LABELS, all_state_keys

SEARCH_DELAY_MS = 150


class QuickFilterButton(QToolButton):
    """A button with a menu of checkable values; its text shows how many are chosen."""

    changed = Signal()

    def __init__(self, title: str, dimension: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.dimension = dimension
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.setAccessibleName(title)
        self._actions: list[QAction] = []
        self._update_text()

    def set_choices(self, choices: list[tuple[object, str]]) -> None:
        chosen = set(self.values())
        menu = self.menu()
        menu.clear()
        self._actions = []
        for value, label in choices:
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setData(value)
            act.setChecked(value in chosen)
            act.toggled.connect(self._on_action_toggled)
            self._actions.append(act)
        menu.addSeparator()
        menu.addAction(self.tr("Clear"), self.clear)
        self._update_text()

    def values(self) -> tuple:
        return tuple(a.data() for a in self._actions if a.isChecked())

    def clear(self) -> None:
        changed = False
        for a in self._actions:
            if a.isChecked():
                a.blockSignals(True)
                a.setChecked(False)
                a.blockSignals(False)
                changed = True
        self._update_text()
        if changed:
            self.changed.emit()

    def _on_action_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [a.text() for a in self._actions if a.isChecked()]
        if not chosen:
            self.setText(self.title)
        elif len(chosen) == 1:
            self.setText("{}: {}".format(self.title, chosen[0]))
        else:
            self.setText(self.tr("{0}: {1} chosen").format(self.title, len(chosen)))
        font = self.font()
        font.setBold(bool(chosen))
        self.setFont(font)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search number, title, description, worklog  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search tickets"))
        self.search.setMinimumWidth(320)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)

        self.type_button = QuickFilterButton(self.tr("Type"), "types", self)
        self.state_button = QuickFilterButton(self.tr("State"), "states", self)
        self.priority_button = QuickFilterButton(self.tr("Priority"), "priorities", self)
        self.group_button = QuickFilterButton(self.tr("Group"), "group_ids", self)
        self.assignee_button = QuickFilterButton(self.tr("Assignee"), "assignee_ids", self)
        self.buttons = (self.type_button, self.state_button, self.priority_button, self.group_button,
                        self.assignee_button)
        self.type_button.set_choices(list(TYPE_LABELS.items()))
        self.state_button.set_choices(all_state_keys())
        self.priority_button.set_choices(list(PRIORITY_LABELS.items()))
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)
        layout.addWidget(self.search, 1)
        layout.addWidget(QLabel(self.tr("Filter:"), self))
        for b in self.buttons:
            b.changed.connect(self.changed)
            layout.addWidget(b)
        layout.addWidget(self.clear_button)

    def set_reference(self, ref: ReferenceData) -> None:
        self.group_button.set_choices([(g.id, g.name) for g in ref.groups])
        people = [(ME, self.tr("Me")), (UNASSIGNED, self.tr("Unassigned"))]
        self.assignee_button.set_choices(people + [(a.id, a.name) for a in ref.agents])

    def apply_to(self, base: QueueFilter) -> QueueFilter:
        """The view's filter narrowed by the quick filters; a chosen dimension replaces the view's."""
        flt = replace(base, text=self.search.text())
        for b in self.buttons:
            values = b.values()
            if values:
                flt = replace(flt, **{b.dimension: values})
        return flt

    def is_active(self) -> bool:
        return bool(self.search.text().strip()) or any(b.values() for b in self.buttons)

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for b in self.buttons:
            b.blockSignals(True)
            b.clear()
            b.blockSignals(False)
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_return_pressed(self) -> None:
        self._debounce.stop()
        self.changed.emit()
