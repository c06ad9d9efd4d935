"""A combo box of reference choices (id, name) with an optional 'none' entry, read and set by id."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

_SHARED_MODELS_KEPT = 16
_ROOT = QModelIndex()
# (id of the choices sequence, none label) -> (the sequence, kept alive so its id stays unique; model)
_shared: OrderedDict[tuple[int, str | None], tuple[Sequence, ChoiceListModel]] = OrderedDict()
_positions: OrderedDict[int, _Positions] = OrderedDict()  # id of the choices sequence -> its position index


class ChoiceListModel(QAbstractListModel):
    """A read-only list over a reference sequence (objects with .id and .name), an optional 'none' row
    first: no object per row, so a desk's 20,000 requesters cost nothing to show; rows by id through a
    dictionary made on the first lookup (or ahead, part by part) and shared with the other models of that list."""

    def __init__(self, choices: Sequence, none_label: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._none = none_label
        self._offset = 0 if none_label is None else 1
        self._positions = _positions_of(choices)  # ids to positions in `choices`, made on first use

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._choices) + self._offset

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if row < self._offset:
            ident, name = None, self._none
        else:
            choice = self._choices[row - self._offset]
            ident, name = choice.id, choice.name
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return name
        if role == Qt.ItemDataRole.UserRole:
            return ident
        return None

    def row_of(self, ident: object) -> int:
        """The row holding `ident` (None: the 'none' row), or -1."""
        if ident is None:
            return 0 if self._offset else -1
        position = self._positions.complete().get(ident)
        return -1 if position is None else position + self._offset

    def index_part(self, count: int) -> bool:
        """Add up to `count` more choices to the row index (made in idle time, a part per event-loop turn);
        True once it is complete."""
        return self._positions.part(count)


class _Positions:
    """Position by id in one choices sequence (of a repeated id the first wins, as in the list), made on first use
    or part by part in idle time, and shared by every model over that sequence whatever its 'none' row: the
    problem editor's CI picker finds the index the ticket editor's warm-up made (50,000 CIs: ~9 ms to make)."""

    def __init__(self, choices: Sequence) -> None:
        self.choices = choices
        self.by_id: dict[object, int] = {}
        self.done = 0

    def part(self, count: int) -> bool:
        """Index up to `count` more choices; True once complete."""
        choices, by_id, start = self.choices, self.by_id, self.done
        end = min(len(choices), start + count)
        for i in range(start, end):
            by_id.setdefault(choices[i].id, i)
        self.done = end
        return end >= len(choices)

    def complete(self) -> dict[object, int]:
        self.part(len(self.choices))
        return self.by_id


def _positions_of(choices: Sequence) -> _Positions:
    """The shared position index of `choices` (GUI thread only)."""
    key = id(choices)
    hit = _positions.get(key)
    if hit is not None and hit.choices is choices:
        _positions.move_to_end(key)
        return hit
    made = _positions[key] = _Positions(choices)
    while len(_positions) > _SHARED_MODELS_KEPT:
        _positions.popitem(last=False)  # models still using it keep their own reference
    return made


def shared_model(choices: Sequence, none_label: str | None) -> ChoiceListModel:
    """One model per reference list, shared by every combo showing it. GUI thread only."""
    key = (id(choices), none_label)
    hit = _shared.get(key)
    if hit is not None and hit[0] is choices:
        _shared.move_to_end(key)
        return hit[1]
    model = ChoiceListModel(choices, none_label)
    _shared[key] = (choices, model)
    while len(_shared) > _SHARED_MODELS_KEPT:
        _shared.popitem(last=False)  # combos still showing it keep their own reference
    return model


class _Missing(NamedTuple):
    id: object
    name: str


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
        self._list_model: ChoiceListModel | None = None  # a reference list's model (shared, or with an extra row)
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

    def _use_list_model(self, model: ChoiceListModel) -> None:
        self.blockSignals(True)
        self.setModel(model)
        self._list_model = model  # the combo does not own a shared model: keep it alive here
        self.blockSignals(False)

    def set_shared_choices(self, choices: Sequence, keep: object = ..., missing_label: str = "") -> None:
        """Like set_choices for a reference list (objects with .id and .name), through a model shared by
        every combo showing that list. An id missing from the list gets a model of its own with one extra row."""
        wanted = self.current_id() if keep is ... else keep
        model = shared_model(choices, self._none_label)
        if self._list_model is not model:
            self._use_list_model(model)
        self._shared_choices = choices
        self.set_current_id(wanted, missing_label=missing_label)

    def set_choices(self, choices: Iterable[tuple[object, str]], keep: object = ...,
                    missing_label: str = "") -> None:
        """Refill with (id, name) pairs, keeping the current id (or `keep`) selected. No signals."""
        if self._list_model is not None:
            wanted = self.current_id() if keep is ... else keep
            self.blockSignals(True)
            self.setModel(QStandardItemModel(self))  # leave the shared model untouched
            self._list_model = None
            self.blockSignals(False)
            keep = wanted
        self._fill(choices, keep, missing_label)

    def prepare(self, count: int | None = None) -> bool:
        """Make now what the first selection would (a shared list's row index): call in idle time. `count`: only
        that many more rows of it (a part per event-loop turn); True once it is complete."""
        if self._list_model is None:
            return True
        if count is None:
            self._list_model.index_part(self._list_model.rowCount())
            return True
        return self._list_model.index_part(count)

    def _find(self, ident) -> int:
        model = self._list_model
        return model.row_of(ident) if model is not None else self.findData(ident)

    def current_id(self):
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_current_id(self, ident, missing_label: str = "") -> None:
        """Select `ident` without emitting change signals."""
        index = self._find(ident) if ident is not None or self._none_label is not None else -1
        if index < 0 and ident is not None and self._list_model is not None:
            # The extra entry must not land in the shared model: a private one over the same list plus it.
            extra = (*self._shared_choices, _Missing(ident, missing_label or str(ident)))
            self._use_list_model(ChoiceListModel(extra, self._none_label, self))
            index = self._find(ident)
        self.blockSignals(True)
        if index < 0 and ident is not None:
            self.addItem(missing_label or str(ident), ident)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0) if self.count() else -1)
        self.blockSignals(False)
