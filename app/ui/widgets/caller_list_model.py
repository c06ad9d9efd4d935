"""The caller lookup's result rows: a small read-only list model over PersonRow values."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.people.directory import PersonRow

_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole


def person_details(row: PersonRow) -> list[str]:
    """What tells two people of one name apart: e-mail, phone, department and site."""
    return [d for d in (row.email, row.phone, ", ".join(x for x in (row.department, row.site) if x)) if d]


def person_line(row: PersonRow) -> str:
    """One line a person is recognised by: name and marks, then person_details."""
    tr = QCoreApplication.translate
    details = person_details(row)
    head = row.name
    if row.vip:
        head = tr("People", "{0} (VIP)").format(head)
    if row.is_agent:
        head = tr("People", "{0} (agent)").format(head)
    if not row.active:
        head = tr("People", "{0} (inactive)").format(head)
    return "  ·  ".join([head, *details])


class CallerListModel(QAbstractListModel):
    """Rows of one lookup, replaced whole by `set_rows` (a dozen rows: a reset is cheaper than a diff).
    Display text is made once per row when the rows arrive. GUI thread only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PersonRow, ...] = ()
        self._lines: tuple[str, ...] = ()

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._lines = tuple(person_line(r) for r in self._rows)
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._lines[index.row()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._lines[index.row()]
        if role == ID_ROLE:
            return self._rows[index.row()].id
        return None
