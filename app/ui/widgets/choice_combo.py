"""A combo box of reference choices (id, name) with an optional 'none' entry, read and set by id."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

_SHARED_MODELS_KEPT = 16
# (id of the choices sequence, none label) -> (the sequence, kept alive so its id stays unique; model)
_shared: OrderedDict[tuple[int, str | None], tuple[Sequence, QStandardItemModel]] = OrderedDict()


def shared_model(choices: Sequence, none_label: str | None) -> QStandardItemModel:
    """One item model per reference list, shared by every combo showing it: a desk's 20,000
    requesters are turned into items once, not once per opened ticket. GUI thread only."""
    key = (id(choices), none_label)
    hit = _shared.get(key)
    if hit is not None and hit[0] is choices:
        _shared.move_to_end(key)
        return hit[1]
    model = QStandardItemModel()
    items = []
    if none_label is not None:
        items.append(_item(none_label, None))
    items.extend(_item(c.name, c.id) for c in choices)
    for item in items:
        model.appendRow(item)
    _shared[key] = (choices, model)
    while len(_shared) > _SHARED_MODELS_KEPT:
        _shared.popitem(last=False)  # combos still showing it keep their own reference
    return model


def _item(text: str, ident) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(ident, Qt.ItemDataRole.UserRole)
    return item


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
        self._shared_model: QStandardItemModel | None = None
        self._shared_choices: Sequence = ()

    def _fill(self, choices: Iterable[tuple[object, str]], keep: object, missing_label: str) -> None:
        wanted = self.current_id() if keep is ... else keep
        self.blockSignals(True)
        self.clear()
        if self._none_label is not None:
            self.addItem(self._none_label, None)
        for ident, name in choices:
            self.addItem(name, ident)
        self.blockSignals(False)
        self.set_current_id(wanted, missing_label=missing_label)

    def set_shared_choices(self, choices: Sequence, keep: object = ..., missing_label: str = "") -> None:
        """Like set_choices for a reference list (objects with .id and .name), through a shared
        model. An id missing from the list needs an extra entry, so that case gets a private copy."""
        wanted = self.current_id() if keep is ... else keep
        model = shared_model(choices, self._none_label)
        self.blockSignals(True)
        self.setModel(model)
        self._shared_model = model  # the combo does not own a shared model: keep it alive here
        self._shared_choices = choices
        self.blockSignals(False)
        if wanted is not None and self.findData(wanted) < 0:
            self.set_choices(((c.id, c.name) for c in choices), keep=wanted, missing_label=missing_label)
            return
        self.set_current_id(wanted, missing_label=missing_label)

    def set_choices(self, choices: Iterable[tuple[object, str]], keep: object = ...,
                    missing_label: str = "") -> None:
        """Refill with (id, name) pairs, keeping the current id (or `keep`) selected. No signals."""
        if self._shared_model is not None:
            wanted = self.current_id() if keep is ... else keep
            self.blockSignals(True)
            self.setModel(QStandardItemModel(self))  # leave the shared model untouched
            self._shared_model = None
            self.blockSignals(False)
            keep = wanted
        self._fill(choices, keep, missing_label)

    def current_id(self):
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_current_id(self, ident, missing_label: str = "") -> None:
        """Select `ident` without emitting change signals."""
        index = self.findData(ident) if ident is not None or self._none_label is not None else -1
        if index < 0 and ident is not None and self._shared_model is not None:
            # The extra entry must not land in the shared model: switch to a private copy.
            choices = self._shared_choices
            self.set_choices(((c.id, c.name) for c in choices), keep=ident, missing_label=missing_label)
            return
        self.blockSignals(True)
        if index < 0 and ident is not None:
            self.addItem(missing_label or str(ident), ident)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)
