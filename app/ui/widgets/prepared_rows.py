"""Rows a table paints from values prepared once per row (texts, colours, fonts, alignments), not asked per cell."""
# A view painted by app.ui.widgets.row_painter reads a row's RowLook instead of asking the model for ~7 roles of
# every cell on every repaint. A model says it can answer so by being a PreparedRows; LooksFromData derives the
# looks from the model's own data(), once per row until the model says the row changed.

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
# The roles a plain text cell paints besides its text: colour, font and alignment. Backgrounds, decorations and
# check states are not painted from looks: a model with any of them is painted by Qt (it is not a PreparedRows).
_LOOK_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole)
_KEPT_ROWS = 5_000  # looks kept; dropped all at once past this (a screen shows ~40 rows)


class RowLook:
    """What one row paints: a text per column, and the other roles of the few cells that have any (column ->
    {role: value}: a QBrush foreground, a QFont, an int alignment; values shared between rows)."""

    __slots__ = ("extras", "texts")

    def __init__(self, texts: list[str], extras: dict[int, dict[int, object]]) -> None:
        self.texts, self.extras = texts, extras


class PreparedRows:
    """A table model whose rows the row painter reads as RowLook (mixed in before the Qt model class)."""

    def display_at(self, row: int) -> RowLook | None:
        """The look of `row`; None while it is not loaded (its cells then show `missing_text`)."""
        raise NotImplementedError

    def missing_text(self, column: int) -> str:
        """What a cell of a row not loaded yet shows."""
        return ""

    def forget_looks(self) -> None:
        """The palette or style changed: looks made with the old one are made again."""


class LooksFromData(PreparedRows):
    """PreparedRows for a model that answers data() for display, foreground, font and alignment only: each row's
    look is read from data() once, and read again after the model changes that row (dataChanged) or any row
    (a reset, a move, rows or columns added or removed, a new layout)."""

    _looks: dict[int, RowLook]
    _fonts: dict[str, QFont]

    def display_at(self, row: int) -> RowLook | None:
        looks = self.__dict__.get("_looks")
        if looks is None:
            looks = self._watch_changes()
        look = looks.get(row)
        if look is None:
            if not 0 <= row < self.rowCount():  # type: ignore[attr-defined]
                return None
            if len(looks) >= _KEPT_ROWS:
                looks.clear()
            look = looks[row] = self._look_of(row)
        return look

    def _watch_changes(self) -> dict[int, RowLook]:
        self._looks, self._fonts = {}, {}
        self.dataChanged.connect(self._forget_rows)  # type: ignore[attr-defined]
        for signal in (self.modelReset, self.layoutChanged, self.rowsInserted,  # type: ignore[attr-defined]
                       self.rowsRemoved, self.rowsMoved, self.columnsInserted,  # type: ignore[attr-defined]
                       self.columnsRemoved, self.columnsMoved):  # type: ignore[attr-defined]
            signal.connect(self._forget_all)
        return self._looks

    def _forget_rows(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        first, last = top.row(), bottom.row()
        if last - first > 64:
            self._looks.clear()
        else:
            for row in range(first, last + 1):
                self._looks.pop(row, None)

    def _forget_all(self, *_args: object) -> None:
        self._looks.clear()

    def forget_looks(self) -> None:
        looks = self.__dict__.get("_looks")
        if looks is not None:
            looks.clear()

    def _look_of(self, row: int) -> RowLook:
        data, index = self.data, self.index  # type: ignore[attr-defined]
        texts: list[str] = []
        extras: dict[int, dict[int, object]] = {}
        for column in range(self.columnCount()):  # type: ignore[attr-defined]
            at = index(row, column)
            text = data(at, Qt.ItemDataRole.DisplayRole)
            texts.append("" if text is None else str(text))
            roles: dict[int, object] = {}
            for role in _LOOK_ROLES:
                value = data(at, role)
                if value is not None:
                    roles[role.value] = self._shared(role.value, value)
            if roles:
                extras[column] = roles
        return RowLook(texts, extras)

    def _shared(self, role: int, value: object) -> object:
        """`value` as the painter takes it: a foreground as a brush, an alignment as an int, and one QFont per look
        (the painter keeps a laid-out text per font it is shown)."""
        if role == FOREGROUND:
            return QBrush(value) if isinstance(value, QColor) else value
        if role == ALIGNMENT:
            return int(getattr(value, "value", value))  # type: ignore[call-overload]
        if isinstance(value, QFont):
            return self._fonts.setdefault(value.key(), value)
        return value
