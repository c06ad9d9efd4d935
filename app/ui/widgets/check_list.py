"""A list of choices to tick (services, CIs), on a model: a reference list of 50,000 CIs is one model reset, not
50,000 list items made in Python (~700 ms of the GUI thread on the demo store)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QListView, QWidget

from app.tickets.records import Choice

_Index = QModelIndex | QPersistentModelIndex


class CheckListModel(QAbstractListModel):
    """Choices by name, each ticked or not; the ticked ids are kept as a set. An id ticked but not offered is left out
    when the ticked ones are read (`ticked`): the set of the offered ids is made then, not with each new list (the
    Knowledge page's 50,000 CIs: ~5 ms of the GUI thread)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[Choice] = []
        self._known: set[str] | None = set()  # the offered ids; None: not made since the choices changed
        self._ticked: set[str] = set()

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """New choices; those still offered stay ticked."""
        self.beginResetModel()
        self._choices = list(choices)
        self._known = None
        self.endResetModel()

    def ticked(self) -> tuple[str, ...]:
        """The ticked ids among those offered."""
        if self._known is None:
            self._known = {c.id for c in self._choices}
        self._ticked &= self._known
        return tuple(sorted(self._ticked))

    def set_ticked(self, ids: Iterable[str]) -> None:
        """Tick exactly `ids` (those offered: `ticked` leaves the others out)."""
        self._ticked = set(ids)
        if self._choices:
            self.dataChanged.emit(self.index(0), self.index(len(self._choices) - 1), [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._choices):
            return None
        choice = self._choices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if choice.id in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return choice.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.row() >= len(self._choices):
            return False
        choice_id = self._choices[index.row()].id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(choice_id)
        else:
            self._ticked.discard(choice_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class CheckList(QListView):
    """The list view of a CheckListModel: `set_choices`, `ticked`, `set_ticked`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)  # 50,000 rows laid out without measuring each
        self.setModel(CheckListModel(self))

    def model(self) -> CheckListModel:
        model = super().model()
        assert isinstance(model, CheckListModel)
        return model

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.model().set_choices(choices)

    def ticked(self) -> tuple[str, ...]:
        return self.model().ticked()

    def set_ticked(self, ids: Iterable[str]) -> None:
        self.model().set_ticked(ids)
