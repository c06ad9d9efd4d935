"""A combo box of reference choices (id, name) with an optional 'none' entry, read and set by id."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtWidgets import QComboBox, QWidget


class ChoiceCombo(QComboBox):
    """Items carry their id as user data; the 'none' entry carries None.

    An id that is set but not among the choices (a person removed from a group, a record not yet
    synced) is kept as an extra entry labelled `missing_label`, so loading a ticket never changes it.
    """

    def __init__(self, none_label: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self.setMaxVisibleItems(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)

    def set_choices(self, choices: Iterable[tuple[object, str]], keep: object = ...,
                    missing_label: str = "") -> None:
        """Refill with (id, name) pairs, keeping the current id (or `keep`) selected. No signals."""
        wanted = self.current_id() if keep is ... else keep
        self.blockSignals(True)
        self.clear()
        if self._none_label is not None:
            self.addItem(self._none_label, None)
        for ident, name in choices:
            self.addItem(name, ident)
        self.blockSignals(False)
        self.set_current_id(wanted, missing_label=missing_label)

    def current_id(self):
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_current_id(self, ident, missing_label: str = "") -> None:
        """Select `ident` without emitting change signals."""
        index = self.findData(ident) if ident is not None or self._none_label is not None else -1
        self.blockSignals(True)
        if index < 0 and ident is not None:
            self.addItem(missing_label or str(ident), ident)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)
