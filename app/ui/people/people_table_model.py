"""The people list's rows: a read-only table model over one PeopleList (at most a few hundred rows)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.people.directory import PersonRow

_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("name", "email", "phone", "department", "site", "kind", "vip", "active")


class PeopleTableModel(QAbstractTableModel):
    """Display values are made once when the rows arrive (`set_rows`), never in `data()`. GUI thread only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PersonRow, ...] = ()
        self._cells: tuple[tuple[str, ...], ...] = ()
        self._headers = (self.tr("Name"), self.tr("E-mail"), self.tr("Phone"), self.tr("Department"),
                         self.tr("Site"), self.tr("Role"), self.tr("VIP"), self.tr("Status"))

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        agent, requester, vip = self.tr("Agent"), self.tr("Requester"), self.tr("VIP")
        active, inactive = self.tr("Active"), self.tr("Inactive")
        self._cells = tuple((r.name, r.email or "", r.phone or "", r.department or "", r.site or "",
                             agent if r.is_agent else requester, vip if r.vip else "",
                             active if r.active else inactive) for r in self._rows)
        self.endResetModel()

    def row_of(self, person_id: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == person_id), -1)

    def person_at(self, row: int) -> PersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == ID_ROLE:
            return self._rows[index.row()].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
